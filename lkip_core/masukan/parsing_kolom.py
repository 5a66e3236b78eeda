"""The cell parsers of parsing.py applied to a whole column at once.

The plain forms that make up almost every cell of a large file — a number cell, a date cell,
``1.234.567,89``, ``57.28``, ``31/03/2025``, ``31 Maret 2025``, a code or a text without odd
spacing — are parsed here with Arrow kernels, using parsing.py's own patterns (RE2 reads them
as Python's re does on the characters allowed through). Every other cell goes to parsing.py's
function for its kind, one by one, so a value or a message can never differ from reading the
column cell by cell; tests/test_parsing_kolom.py checks both on the cases and properties of
tests/test_parsing.py and on random text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lkip_core.errors import CellProblem
from lkip_core.masukan import parsing
from lkip_core.masukan.berkas_batas import CellError
from lkip_core.masukan.berkas_kolom import NON_WS, KolomSel

Masalah = dict[int, tuple[str, object]]  # row -> (message, the cell's value as read)

_TIPE = {"code": pa.string(), "text": pa.string(), "number": pa.float64(),
         "money": pa.float64(), "percent": pa.float64(), "year": pa.int64(),
         "date": pa.date32(), "flag": pa.bool_()}


def _skalar(jenis: str) -> Callable[[object], object]:
    if jenis.startswith("enum:"):
        return partial(parsing.parse_enum, field=jenis[5:])
    return {"code": parsing.parse_code, "text": parsing.parse_text,
            "number": parsing.parse_number, "money": parsing.parse_number,
            "percent": parsing.parse_number, "year": parsing.parse_year,
            "date": parsing.parse_date, "flag": parsing.parse_flag}[jenis]


def tipe(jenis: str) -> pa.DataType:
    return pa.string() if jenis.startswith("enum:") else _TIPE[jenis]


def pesan_galat_rumus(code: str) -> str:
    return f"Sel berisi galat rumus {code}. Perbaiki rumusnya atau ketik nilainya."


# Rows parsed at a time: every rule here is cell by cell, so a long column is parsed in pieces
# and its values joined without a copy. The kernels' intermediates (a date's three number
# arrays, a money column's rewritten text) then cost a piece's worth of memory, not a column's:
# 400,000 lines parsed whole took 40 MB more at the peak, in pieces of 65,536 rows ~20 MB more
# than in pieces of 16,384 (issue 12), at the same speed.
BARIS_POTONG = 1 << 14


def parse_kolom(jenis: str, kol: KolomSel) -> tuple[pa.Array | pa.ChunkedArray, Masalah]:
    """Parse every cell of `kol` as `jenis` (a kolom.py column kind).

    Returns the values (null where a cell is empty, parses to nothing, or is wrong) and the
    problems by row: a formula error value, or the message parsing.py gives for the cell.
    """
    if kol.n <= BARIS_POTONG:
        return _parse(jenis, kol)
    chunks: list[pa.Array] = []
    problems: Masalah = {}
    for at in range(0, kol.n, BARIS_POTONG):
        values, found = _parse(jenis, kol.ambil(np.arange(at, min(at + BARIS_POTONG, kol.n))))
        chunks.extend(values.chunks if isinstance(values, pa.ChunkedArray) else [values])
        problems.update((at + i, p) for i, p in found.items())
    return pa.chunked_array(chunks, tipe(jenis)), problems


def _parse(jenis: str, kol: KolomSel) -> tuple[pa.Array | pa.ChunkedArray, Masalah]:
    typ = tipe(jenis)
    parts = [(kol.teks, _TEKS), (kol.angka, _ANGKA), (kol.tanggal, _TANGGAL)]
    present = [(arr, fast) for arr, fast in parts if arr is not None and arr.null_count < kol.n]
    values: pa.Array | pa.ChunkedArray | None = None
    rest: list[int] = []  # rows for parsing.py
    for arr, fast in present:
        got, done = fast.get(_kind(jenis), _tidak)(jenis, arr)
        if done is None and len(present) == 1 and not kol.lain:
            values = got  # the usual column: every cell on the fast path, nothing copied
            break
        valid = _np(pc.is_valid(arr))
        done_np = valid if done is None else _np(done) & valid
        if done_np.any():
            base = values if values is not None else pa.nulls(kol.n, typ)
            values = pc.if_else(pa.array(done_np), got, base)
        rest.extend(np.flatnonzero(valid & ~done_np).tolist())
    if values is None:
        values = pa.nulls(kol.n, typ)
    problems: Masalah = {}
    if rest or kol.lain:
        values = _per_sel(jenis, kol, sorted(rest), values, problems)
    return values, problems


def _per_sel(jenis: str, kol: KolomSel, rest: list[int], values, problems: Masalah):
    """Cells the fast paths left, through parsing.py one by one."""
    raw: dict[int, object] = {}
    for arr in (kol.teks, kol.angka, kol.tanggal):
        if arr is None or not rest:
            continue
        idx = pa.array(rest, pa.int64())
        for i, v in zip(rest, arr.take(idx).to_pylist()):
            if v is not None:
                raw[i] = v
    raw.update(kol.lain)
    parse = _skalar(jenis)
    rows, out = sorted(raw), []
    for i in rows:
        v = raw[i]
        if type(v) is CellError:
            problems[i] = (pesan_galat_rumus(v.code), v.code)
            out.append(None)
            continue
        try:
            out.append(parse(v))
        except CellProblem as exc:
            problems[i] = (str(exc), v)
            out.append(None)
    mask = np.zeros(kol.n, dtype=bool)
    mask[rows] = True
    return pc.replace_with_mask(values, pa.array(mask), pa.array(out, tipe(jenis)))


def _kind(jenis: str) -> str:
    if jenis in ("money", "percent"):
        return "number"
    return "enum" if jenis.startswith("enum:") else jenis


def _np(mask) -> np.ndarray:
    if isinstance(mask, np.ndarray):
        return mask
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)


def _tidak(jenis: str, arr):  # no fast path: every cell through parsing.py
    return None, np.zeros(len(arr), dtype=bool)


def _match(arr, pattern: str):
    return pc.fill_null(pc.match_substring_regex(arr, pattern), False)


def _all(mask) -> bool:
    return pc.all(mask).as_py() is not False


# --- text cells ---------------------------------------------------------------------------
# Fast paths read only what both engines see alike: printable ASCII (a space only between
# words) or, for text, any characters but whitespace other than single spaces.

_PANJANG_ANGKA = 30  # longer digit strings go to float() itself


def _ascii_tampak(s):
    """Printable ASCII only (spaces allowed): the characters both engines read alike."""
    return pc.fill_null(pc.and_(pc.string_is_ascii(s), pc.ascii_is_printable(s)), False)


def _kata(s):
    """One printable ASCII word: no space at all."""
    return pc.and_not(_ascii_tampak(s), pc.fill_null(pc.match_substring(s, " "), False))


def _kalimat(s):
    """Printable ASCII words with single spaces between them (split()/join() keeps it)."""
    odd = pc.or_(pc.or_(pc.starts_with(s, " "), pc.ends_with(s, " ")),
                 pc.match_substring(s, "  "))
    return pc.and_not(_ascii_tampak(s), pc.fill_null(odd, False))


_KALIMAT = "^" + NON_WS + "+(?: " + NON_WS + "+)*\\z"  # any script: split()/join() keeps it


def _teks_code(jenis, s):
    ok = _kata(s)
    v = s
    trim = pc.or_(pc.starts_with(s, "'"), pc.ends_with(s, "."))  # "'5.030", "5.03.02."
    if pc.any(trim).as_py():
        v = pc.utf8_rtrim(pc.utf8_ltrim(s, characters="'"), characters=".")
    empty = pc.fill_null(pc.is_in(v, pa.array(["", "-"])), False)
    if pc.any(empty).as_py():
        v = pc.if_else(empty, pa.scalar(None, pa.string()), v)
    return _selesai(v, ok, s)


def _teks_text(jenis, s):
    ok = _kalimat(s)
    other = pc.fill_null(pc.invert(pc.string_is_ascii(s)), False)
    if pc.any(other).as_py():  # other scripts, "–": the exact whitespace rule, on those only
        at = np.flatnonzero(_np(other))
        hit = _np(_match(s.take(pa.array(at)), _KALIMAT))
        mask = _np(ok)
        mask[at[hit]] = True
        ok = pa.array(mask)
    return _selesai(s, ok, s)


def _teks_number(jenis, s):
    ok_len = pc.less_equal(pc.binary_length(s), _PANJANG_ANGKA)
    m_id = _match(s, "^" + parsing.ID_BODY + r"\z")
    if _all(pc.or_(m_id, pc.is_null(s))):  # the usual column: Indonesian numbers only
        m_dot = m_us = pa.array(np.zeros(len(s), dtype=bool))
    else:
        m_dot = pc.and_not(_match(s, "^" + parsing.DOT_BODY + r"\z"), m_id)
        m_us = pc.and_not(pc.and_not(_match(s, "^" + parsing.US_BODY + r"\z"), m_id), m_dot)
    ok = pc.and_(pc.fill_null(ok_len, False), pc.or_(pc.or_(m_id, m_dot), m_us))
    text = s
    if pc.any(m_id).as_py():
        text = pc.if_else(m_id, pc.replace_substring(
            pc.replace_substring(s, ".", ""), ",", "."), text)
    if pc.any(m_us).as_py():
        text = pc.if_else(m_us, pc.replace_substring(s, ",", ""), text)
    text = pc.if_else(ok, text, pa.scalar(None, pa.string()))
    return _selesai(pc.cast(text, pa.float64()), ok, s)


_JAM = parsing.TIME.replace(r"\s+", " ")  # whitespace is single spaces on the fast path
_D, _M, _Y = r"(?P<d>[0-9]{1,2})", r"(?P<m>[0-9]{1,2})", r"(?P<y>[0-9]{4})"
_TANGGAL_POLA = [  # parsing._DMY with each separator (RE2 has no backreference), _YMD, _D_MONTH_Y
    *(f"^{_D}{sep}{_M}{sep}{_Y}{_JAM}\\z" for sep in ("/", "-", r"\.")),
    *(f"^{_Y}{sep}{_M}{sep}{_D}{_JAM}\\z" for sep in ("/", "-")),
    f"^{_D}(?: |-)(?P<nama>[A-Za-z]+)\\.?(?: |-){_Y}{_JAM}\\z",
]
_BULAN = pa.array(list(parsing.MONTHS))
_NOMOR_BULAN = np.array(list(parsing.MONTHS.values()), dtype=np.int64)


def _teks_date(jenis, s):
    n = len(s)
    valid = _np(pc.is_valid(s))  # the patterns take single spaces only: no collapsing needed
    day, month, year = (np.zeros(n, dtype=np.int32) for _ in range(3))
    found = np.zeros(n, dtype=bool)
    for pattern in _TANGGAL_POLA:
        left = np.flatnonzero(valid & ~found)
        if not len(left):
            break
        groups = pc.extract_regex(s.take(pa.array(left)), pattern)  # null where no match
        hit = _np(pc.is_valid(groups))
        if not hit.any():
            continue
        rows, groups = left[hit], groups.filter(pa.array(hit))
        if "nama" in pattern:
            where = pc.index_in(pc.ascii_lower(pc.struct_field(groups, "nama")), value_set=_BULAN)
            known = _np(pc.is_valid(where))  # an unknown month name: parsing.py says so
            rows, groups = rows[known], groups.filter(pa.array(known))
            month[rows] = _NOMOR_BULAN[_np_int(where.filter(pa.array(known)))]
        else:
            month[rows] = _np_int(pc.cast(pc.struct_field(groups, "m"), pa.int64()))
        day[rows] = _np_int(pc.cast(pc.struct_field(groups, "d"), pa.int64()))
        year[rows] = _np_int(pc.cast(pc.struct_field(groups, "y"), pa.int64()))
        found[rows] = True
    ok = found & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    first = (np.where(ok, year, 1970) - 1970).astype("datetime64[Y]").astype("datetime64[M]") \
        + (np.where(ok, month, 1) - 1).astype("timedelta64[M]")
    dates = first.astype("datetime64[D]") + (np.where(ok, day, 1) - 1).astype("timedelta64[D]")
    ok &= dates.astype("datetime64[M]") == first  # 31/02 does not exist: parsing.py says so
    return pa.array(dates, pa.date32(), mask=~ok), ok


def _np_int(arr) -> np.ndarray:
    return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=np.int64)


def _teks_enum(jenis, s):
    lookup = parsing._ENUM_LOOKUP[jenis[5:]]
    keys = pa.array(list(lookup))
    ok = _kalimat(s)
    where = pc.index_in(pc.ascii_lower(s), value_set=keys)
    ok = pc.and_(ok, pc.is_valid(where))
    canon = pa.array(list(lookup.values())).take(where)
    return _selesai(canon, ok, s)


_BENAR = sorted(k for k in parsing._FLAG_TRUE if k.isascii() and k)
_SALAH = sorted(k for k in parsing._FLAG_FALSE if k.isascii() and k)


def _teks_flag(jenis, s):
    low = pc.ascii_lower(s)
    yes = pc.fill_null(pc.is_in(low, pa.array(_BENAR)), False)
    no = pc.fill_null(pc.is_in(low, pa.array(_SALAH)), False)
    ok = pc.and_(_kata(s), pc.or_(yes, no))
    return _selesai(yes, ok, s)


def _selesai(values, ok, s):
    """(values, rows done): None for "done" when every text cell took the fast path. An empty
    cell stays empty (null), whatever the fast path made of it."""
    if values.null_count < s.null_count:
        values = pc.if_else(pc.is_valid(s), values, pa.scalar(None, values.type))
    if pc.all(pc.or_(ok, pc.is_null(s))).as_py():
        return values, None
    return values, ok


_TEKS = {"code": _teks_code, "text": _teks_text, "number": _teks_number, "date": _teks_date,
         "enum": _teks_enum, "flag": _teks_flag}


# --- number cells -------------------------------------------------------------------------

def _whole(x, limit: float = 1e15):
    """Number cells that are whole and small enough to print exactly as an integer."""
    finite = pc.is_finite(x)
    return pc.fill_null(pc.and_(pc.and_(finite, pc.equal(pc.trunc(x), x)),
                                pc.less(pc.abs(x), limit)), False)


def _angka_number(jenis, x):
    return _selesai(x, pc.fill_null(pc.is_finite(x), False), x)


def _angka_as_text(jenis, x):
    ok = _whole(x)
    text = pc.cast(pc.cast(pc.if_else(ok, x, pa.scalar(None, pa.float64())), pa.int64()),
                   pa.string())
    return _selesai(text, ok, x)


def _angka_year(jenis, x):
    ok = pc.and_(_whole(x), pc.and_(pc.greater_equal(x, 1990), pc.less_equal(x, 2100)))
    ok = pc.fill_null(ok, False)
    years = pc.cast(pc.if_else(ok, x, pa.scalar(None, pa.float64())), pa.int64())
    return _selesai(years, ok, x)


_ANGKA = {"number": _angka_number, "code": _angka_as_text, "text": _angka_as_text,
          "year": _angka_year}


# --- date cells ---------------------------------------------------------------------------

def _tanggal_date(jenis, d):
    return d, None


_TANGGAL = {"date": _tanggal_date}
