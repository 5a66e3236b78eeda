"""A sheet's cells column by column, as Arrow arrays: what the columnar reading path works on.

A `KolomSel` holds one spreadsheet column. Each cell is in at most one of its parts: text cells
in `teks`, number cells in `angka`, date cells in `tanggal`, anything else (TRUE/FALSE, a date
with a time, an integer, an error value) by row in `lain`; an empty cell is in none of them.
Values are exactly what the row-by-row reader gives (berkas._clean): an empty text is an empty
cell and an error text (#DIV/0!, Err:502) is a `CellError`.

Built from calamine's rows in a few C-speed passes per column (no Python work per cell beyond
what calamine already did), or directly by the CSV reader (berkas_csv.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lkip_core.masukan.berkas_batas import _ERROR_TEXT, CellError, Grid

# Every character Python's str.split()/strip()/isspace() treat as whitespace, as an RE2 class:
# the column parsers must draw the same line between "blank" and "text" as the row parsers.
# (Listed, not computed at import: tests/test_parsing_kolom.py checks it against isspace().)
_PY_WS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
          "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
WS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in _PY_WS) + "]"
NON_WS = "[^" + WS[1:]

_NONE, _STR, _FLOAT, _DATE, _OTHER = 0, 1, 2, 3, 4
_TYPE = defaultdict(lambda: _OTHER, {type(None): _NONE, str: _STR, float: _FLOAT, dt.date: _DATE})


@dataclass
class KolomSel:
    """One column of `n` cells (see the module docstring)."""

    n: int
    teks: pa.Array | None = None  # string, null where the cell is not text; never ""
    angka: pa.Array | None = None  # float64, null where the cell is not a number
    tanggal: pa.Array | None = None  # date32, null where the cell is not a date
    lain: dict[int, object] = field(default_factory=dict)

    def nilai(self, i: int) -> object:
        """The cell at row `i` as the row reader gives it (None when empty)."""
        if i in self.lain:
            return self.lain[i]
        for part in (self.teks, self.angka, self.tanggal):
            if part is not None and part[i].is_valid:
                return part[i].as_py()
        return None

    def ke_list(self) -> list:
        """Every cell, as Python values."""
        out: list = [None] * self.n
        for part in (self.teks, self.angka, self.tanggal):
            if part is not None and part.null_count < len(part):
                for i, v in enumerate(part.to_pylist()):
                    if v is not None:
                        out[i] = v
        for i, v in self.lain.items():
            out[i] = v
        return out

    def ambil(self, idx: np.ndarray) -> KolomSel:
        """The cells at rows `idx` (ascending), as a new column; a run of rows is not copied."""
        idx = np.asarray(idx, dtype=np.int64)
        n = len(idx)
        if n and idx[-1] - idx[0] == n - 1:  # contiguous: a zero-copy slice
            a = int(idx[0])

            def part(p: pa.Array | None) -> pa.Array | None:
                return None if p is None else p.slice(a, n)
            lain = {i - a: v for i, v in self.lain.items() if a <= i < a + n}
        else:
            take = pa.array(idx)

            def part(p: pa.Array | None) -> pa.Array | None:
                return None if p is None else p.take(take)
            where = {int(i): k for k, i in enumerate(idx)} if self.lain else {}
            lain = {where[i]: v for i, v in self.lain.items() if i in where}
        return KolomSel(n, part(self.teks), part(self.angka), part(self.tanggal), lain)

    def isi(self, berisi: np.ndarray | None = None) -> np.ndarray:
        """Boolean per row: the cell holds anything but blank text (spaces only).

        `berisi`: teks_berisi(self.teks) when the caller has it already."""
        out = np.zeros(self.n, dtype=bool)
        for p in (self.angka, self.tanggal):
            if p is not None:
                out |= _valid(p)
        if self.teks is not None:
            out |= teks_berisi(self.teks) if berisi is None else berisi
        if self.lain:
            out[list(self.lain)] = True
        return out


def _valid(arr: pa.Array) -> np.ndarray:
    return pc.is_valid(arr).to_numpy(zero_copy_only=False)


def teks_berisi(teks: pa.Array) -> np.ndarray:
    """Boolean per row: a text cell with something other than whitespace in it."""
    # Most cells start with a visible ASCII character: decided without the regular expression.
    first = pc.utf8_slice_codeunits(teks, 0, 1)
    quick = pc.and_(pc.greater(first, " "), pc.less(first, "\x7f"))
    quick = pc.fill_null(quick, False).to_numpy(zero_copy_only=False)
    if quick.all():
        return quick
    slow = pc.fill_null(pc.match_substring_regex(teks, NON_WS), False)
    return quick | slow.to_numpy(zero_copy_only=False)


def dari_baris(rows: Grid) -> list[KolomSel]:
    """Columns from rows of cells: calamine's ('' for empty, error texts as text) or cleaned."""
    n = len(rows)
    width = max(map(len, rows), default=0)
    if not n or not width:
        return [KolomSel(n) for _ in range(width)]
    if len(set(map(len, rows))) > 1:
        rows = [r if len(r) == width else [*r, *([None] * (width - len(r)))] for r in rows]
    return [_kolom(list(map(itemgetter(j), rows))) for j in range(width)]


_KEPALA = 64  # rows above a table (titles, headers) that make a column of numbers mixed


def _kolom(col: list) -> KolomSel:
    n = len(col)
    out = _satu_jenis(col)
    if out is None and n > 4 * _KEPALA:  # titles above a column of one kind: two pieces
        tail = _satu_jenis(col[_KEPALA:])
        if tail is not None:
            return gabung_kolom([(_KEPALA, [_campur(col[:_KEPALA])]), (n - _KEPALA, [tail])],
                                1)[0]
    return out if out is not None else _campur(col)


def _satu_jenis(col: list) -> KolomSel | None:
    """The column when all its cells are of one kind (the usual case), else None."""
    types = set(map(type, col))
    out = KolomSel(len(col))
    if types <= {str, type(None)}:
        _teks(out, pa.array(col, pa.string()))
    elif types == {float}:
        out.angka = pa.array(col, pa.float64())
    elif types == {dt.date}:
        out.tanggal = pa.array(col, pa.date32())
    else:
        return None
    return out


def _campur(col: list) -> KolomSel:
    n = len(col)
    out = KolomSel(n)
    cells = np.empty(n, dtype=object)
    cells[:] = col
    kind = np.fromiter(map(_TYPE.__getitem__, map(type, col)), dtype=np.int8, count=n)
    is_str = kind == _STR
    if is_str.any():
        text = np.full(n, None, dtype=object)
        text[is_str] = cells[is_str]
        _teks(out, pa.array(text, pa.string()))
    is_float = kind == _FLOAT
    if is_float.any():
        num = np.zeros(n)
        num[is_float] = cells[is_float].astype(np.float64)
        out.angka = pa.array(num, mask=~is_float)
    is_date = kind == _DATE
    if is_date.any():
        dates = np.full(n, None, dtype=object)
        dates[is_date] = cells[is_date]
        out.tanggal = pa.array(dates, pa.date32())
    for i in np.flatnonzero(kind == _OTHER).tolist():
        out.lain[i] = col[i]
    return out


def _teks(out: KolomSel, arr: pa.Array) -> None:
    """Text cells into `out`: "" is an empty cell, an error text a CellError."""
    if pc.any(pc.equal(arr, "")).as_py():
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
    arr, galat = pisah_galat(arr)
    out.lain.update(galat)
    out.teks = arr if arr.null_count < len(arr) else None


def pisah_galat(teks: pa.Array) -> tuple[pa.Array, dict[int, object]]:
    """Error texts (#DIV/0!, Err:502) taken out of a text column, as `CellError` by row."""
    maybe = pc.fill_null(pc.or_(pc.starts_with(teks, "#"), pc.starts_with(teks, "Err:")), False)
    if not pc.any(maybe).as_py():
        return teks, {}
    lain: dict[int, object] = {}
    where = np.flatnonzero(maybe.to_numpy(zero_copy_only=False))
    for i, v in zip(where.tolist(), teks.take(pa.array(where)).to_pylist()):
        if _ERROR_TEXT.fullmatch(v):
            lain[i] = CellError(v)
    if not lain:
        return teks, {}
    mask = np.zeros(len(teks), dtype=bool)
    mask[list(lain)] = True
    return pc.if_else(pa.array(mask), None, teks), lain


def ke_baris(kolom: list[KolomSel], n: int | None = None) -> Grid:
    """Rows of cells from columns (the grid `Sheet.rows` gives)."""
    cols = [k.ke_list() for k in kolom]
    if not cols:
        return [[] for _ in range(n or 0)]
    return [list(r) for r in zip(*cols)]


def gabung_kolom(potongan: list[tuple[int, list[KolomSel]]], width: int) -> list[KolomSel]:
    """Columns of consecutive pieces of rows, (rows, columns) each, joined without copying the
    cells; a piece narrower than `width` (or with no columns: empty lines) is padded."""
    types = {"teks": pa.string(), "angka": pa.float64(), "tanggal": pa.date32()}
    out: list[KolomSel] = []
    for j in range(width):
        n, lain = 0, {}
        parts: dict[str, list] = {name: [] for name in types}
        for rows, piece in potongan:
            k = piece[j] if j < len(piece) else KolomSel(rows)
            for name, kind in types.items():
                arr = getattr(k, name)
                if arr is None:
                    arr = pa.nulls(rows, kind)
                parts[name].extend(arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr])
            lain.update({i + n: v for i, v in k.lain.items()})
            n += rows
        col = KolomSel(n, lain=lain)
        for name, kind in types.items():
            arr = pa.chunked_array(parts[name], kind)
            setattr(col, name, arr if arr.null_count < n else None)
        out.append(col)
    return out
