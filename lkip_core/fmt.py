"""Display formatting, Indonesian style: ``1.234.567,89``, ``57,28 %``, ``Rp 6.910.387.000``.

shared/spec/domain.md ("Rounding"): compute on unrounded values, round only to show, 2 decimals,
half up. Python's ``round`` and ``format`` round half to even *on the binary value*, so
``round(57.285, 2)`` gives 57.28 and ``round(0.125, 2)`` gives 0.12; a Kabid checking the figure by
hand expects 57,29 and 0,13. So every rounding here goes through ``Decimal(repr(x))`` (the
shortest text that reads back as the same float, i.e. the number the user typed) and
``ROUND_HALF_UP``.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["BULAN", "KOSONG", "ROMAWI", "aman_md", "angka", "json_default", "nilai_json", "persen",
           "romawi", "round_half_up",
           "rupiah", "tanggal"]

BULAN: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

# Roman numerals: quarters (TW I–IV), chapters (Bab I–IV) and annexes (Lampiran I–V).
ROMAWI: tuple[str, ...] = ("I", "II", "III", "IV", "V")


def romawi(n: int) -> str:
    """1 → "I" … 5 → "V" (ROMAWI)."""
    return ROMAWI[int(n) - 1]


KOSONG = "—"  # shown for a missing value; an em dash, so it cannot be mistaken for a minus

# Python formats with "," for thousands and "." for decimals; Indonesian is the other way round.
_SWAP_MARKS = str.maketrans({",": ".", ".": ","})


def _to_decimal(x: object) -> Decimal | None:
    """The exact decimal the user sees for ``x``; None for a missing or non-finite value."""
    if x is None:
        return None
    if isinstance(x, Decimal):
        return x if x.is_finite() else None
    if isinstance(x, numbers.Integral):
        return Decimal(int(x))
    f = float(x)  # type: ignore[arg-type]  # numpy floats too; their repr is not a number
    if not math.isfinite(f):
        return None
    return Decimal(repr(f))


def _quantize(x: object, desimal: int) -> Decimal | None:
    if desimal < 0:
        raise ValueError(f"desimal must be >= 0, got {desimal}")
    d = _to_decimal(x)
    if d is None:
        return None
    q = d.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    # -0.004 rounds to -0.00; showing "-0,00" would suggest a negative figure that is not there.
    return q.copy_abs() if q == 0 else q


def round_half_up(x: float | Decimal | None, desimal: int = 2) -> float | None:
    """``x`` rounded to ``desimal`` places, half away from zero; None for None/NaN/inf."""
    q = _quantize(x, desimal)
    return None if q is None else float(q)


def angka(x: float | Decimal | None, desimal: int = 2) -> str:
    """``1234567.891`` → ``"1.234.567,89"``; ``desimal=0`` → ``"1.234.568"``; None → "—"."""
    q = _quantize(x, desimal)
    if q is None:
        return KOSONG
    return f"{q:,.{desimal}f}".translate(_SWAP_MARKS)


def rupiah(x: float | Decimal | None) -> str:
    """``6910387000`` → ``"Rp 6.910.387.000"``; a refund shows as ``"-Rp 1.234"``.

    The sign goes before "Rp" (as finance reports print it) and is a plain hyphen-minus, so the
    text pastes back into a spreadsheet and reads back through ``parse_number``.
    """
    q = _quantize(x, 0)
    if q is None:
        return KOSONG
    sign = "-" if q < 0 else ""
    return f"{sign}Rp {angka(q.copy_abs(), 0)}"


def persen(x: float | Decimal | None, desimal: int = 2) -> str:
    """``57.2849`` → ``"57,28 %"`` (x is already in percent, not a fraction)."""
    text = angka(x, desimal)
    return text if text == KOSONG else f"{text} %"


def ukuran(n: int) -> str:
    """A file size as people read it: ``19`` → ``"19 B"``, ``2_048`` → ``"2,0 KB"``,
    ``43_000_000`` → ``"41,0 MB"`` (binary units, one decimal from KB up)."""
    for satuan, besar in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= besar:
            return f"{angka(n / besar, 1)} {satuan}"
    return f"{n} B"


def tanggal(d: dt.date | None) -> str:
    """``date(2025, 3, 31)`` → ``"31 Maret 2025"``; a datetime shows its date only."""
    if d is None:
        return KOSONG
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


# Every ASCII punctuation mark that Markdown (CommonMark, GFM, Streamlit's :color[…], emoji
# shortcodes and $math$) gives a meaning to; CommonMark shows a backslash-escaped one as itself.
_MD_KHUSUS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&^=])")


def aman_md(teks: object) -> str:
    """User text made inert for ``st.markdown``: ``[klik](http://x)`` and ``![x](http://x)``
    show as typed, not as a link or an image; None → ""."""
    if teks is None:
        return ""
    return _MD_KHUSUS.sub(r"\\\1", str(teks))


# --- plain JSON ------------------------------------------------------------------------------
# Every `--json` output and every `to_dict` goes through these two: numbers stay unrounded, a
# missing value (None, NaN, pandas' NA and NaT) is null, exact money becomes a JSON number.
_HILANG = ("NAType", "NaTType")


def nilai_json(v: object) -> object:
    """One value as plain JSON holds it: missing → None, Decimal → float, numpy → Python."""
    if v is None or type(v).__name__ in _HILANG:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):  # numpy scalars
        v = v.item()
    if isinstance(v, Decimal):
        return None if v.is_nan() else float(v)
    if isinstance(v, float) and v != v:
        return None
    return v


def json_default(o: object) -> object:
    """`default=` for json.dump: what `nilai_json` turns plain, dates as ISO text."""
    if isinstance(o, (dt.date, dt.datetime, dt.time)):
        return o.isoformat()
    v = nilai_json(o)
    if v is o:
        raise TypeError(f"not JSON serialisable: {type(o)}")
    return v

