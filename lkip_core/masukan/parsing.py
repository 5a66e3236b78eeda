"""Cell parsers: one spreadsheet or CSV cell in, one typed value out, or ``CellProblem``.

The rules are shared/spec/inputs.md, "Reading rules for every file". Every cell of every input
passes through here (some 700,000 for a city), so numeric cells return before any text handling
and every regular expression is compiled once. A cell that fits no rule raises ``CellProblem``
with an Indonesian message; it never becomes a silent 0 or NaN. The caller adds file, sheet, row
and column.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re

from lkip_core.errors import CellProblem

__all__ = [
    "ENUMS", "SUBTOTAL_LABELS", "is_subtotal_label", "normalise_header", "parse_code",
    "parse_date", "parse_enum", "parse_flag", "parse_number", "parse_text", "parse_year",
]  # fmt: skip

# "-" and its typographic cousins mean "nothing here" in Indonesian reports.
_EMPTY_MARKS = frozenset({"", "-", "–", "—"})
_MINUS = frozenset({"-", "\u2212"})  # hyphen-minus and the real minus sign
_CONTOH_ANGKA = "Isi dengan angka, misalnya 1.234.567 atau 57,28."


def _show(value: object) -> str:
    """The cell's content for a message, cut short so one bad cell cannot flood the report."""
    text = str(value).strip()
    return text if len(text) <= 60 else text[:57] + "..."


# --- numbers ---------------------------------------------------------------------------------

# Indonesian first: "." thousands (groups of 3, first group 1-3 digits, not 0), "," decimal.
# So a single "," is always a decimal mark ("1,234" = 1.234) and "1.234" = 1234.
# The patterns are also applied to whole columns at once (parsing_kolom.py, with RE2), so they
# are kept to syntax both engines read the same way: ASCII classes, no backreferences.
ID_BODY = r"(?:[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,[0-9]+)?"
# A single "." that ID_BODY did not take as thousands: "57.28", "0.125", "0.500", "1.2345".
DOT_BODY = r"[0-9]+\.[0-9]+"
# US/computer style needs at least one "," thousands mark: "1,234,567" and "1,234,567.89".
US_BODY = r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?"
_ID_BODY = re.compile(ID_BODY).fullmatch
_DOT_BODY = re.compile(DOT_BODY).fullmatch
_US_BODY = re.compile(US_BODY).fullmatch
# Decorations around the digits: sign, "Rp"/"Rp.", a trailing ",-", "%" and brackets for a
# negative. Spaces are allowed only between these pieces, never inside the digits ("1 234").
# Unnamed groups and no IGNORECASE: both cost more than the rest of the parse.
_DECORATED = re.compile(
    r"(\(?)\s*([-+\u2212]?)\s*([Rr][Pp]\.?)?\s*([-+\u2212]?)\s*"
    r"([0-9][0-9.,]*)((?:[.,]-)?)\s*(%?)\s*(\)?)"
).fullmatch


def _body_value(body: str) -> float | None:
    """The value of bare digits and marks, or None when they fit no rule."""
    if _ID_BODY(body):
        return float(body.replace(".", "").replace(",", "."))
    if _DOT_BODY(body):
        return float(body)
    if _US_BODY(body):
        return float(body.replace(",", ""))
    return None


def parse_number(value: object) -> float | None:
    """A number cell or text such as ``"Rp. 1.234.567,-"``, ``"57,28 %"`` or ``"(1.234)"``.

    ``"57,28 %"`` gives 57.28: percentages in these files are percentage points (0-100).
    Empty, whitespace and ``"-"`` give None.
    """
    kind = type(value)
    if kind is float or kind is int:  # the common case: a real number cell
        if kind is float and not math.isfinite(value):  # type: ignore[arg-type]
            raise CellProblem(
                "Sel berisi nilai tak terhingga atau NaN, bukan angka. " + _CONTOH_ANGKA
            )
        return float(value)  # type: ignore[arg-type]
    if value is None:
        return None
    if kind is str:
        text: str = value  # type: ignore[assignment]
        if text.isdigit() and text.isascii():  # plain "1234567" from a CSV
            return float(text)
        return _number_from_text(text)
    if isinstance(value, bool):  # before Real: bool is an int
        raise CellProblem("Sel berisi TRUE/FALSE, bukan angka. " + _CONTOH_ANGKA)
    if isinstance(value, numbers.Real):  # numpy numbers, Decimal, Fraction
        return parse_number(float(value))
    if isinstance(value, dt.date):
        raise CellProblem(f"Sel berisi tanggal ({value}), bukan angka. " + _CONTOH_ANGKA)
    return _number_from_text(str(value))


def _number_from_text(raw: str) -> float | None:
    text = raw.strip()
    if text in _EMPTY_MARKS:
        return None
    number = _body_value(text)  # most text numbers are bare: "1.234.567", "57,28"
    if number is not None:
        return number
    m = _DECORATED(text)
    if not m:
        raise CellProblem(f"Teks '{_show(raw)}' bukan angka. " + _CONTOH_ANGKA)
    open_, sign, rp, sign2, body, dash, pct, close = m.groups()
    bad_sign = (sign and sign2) or (open_ and (sign or sign2)) or bool(open_) != bool(close)
    if bad_sign or (pct and (rp or dash)):
        raise CellProblem(
            f"Teks '{_show(raw)}' bukan angka yang jelas: tanda minus, kurung, 'Rp' atau '%' "
            "tidak pada tempatnya. " + _CONTOH_ANGKA
        )
    number = _body_value(body)
    if number is None or (dash and not number.is_integer()):
        raise CellProblem(
            f"Angka '{_show(raw)}' tidak bisa dibaca: pemisah ribuan harus memisahkan tiap "
            "3 angka (1.234.567) dan tanda desimal hanya satu (1.234.567,89). "
            "Perbaiki penulisannya."
        )
    negative = bool(open_) or sign in _MINUS or sign2 in _MINUS
    return -number if negative and number else number  # never -0.0


# --- dates -----------------------------------------------------------------------------------

# Indonesian and English names and abbreviations, and old spellings still seen in documents.
_MONTH_WORDS = """januari jan january | februari feb february pebruari | maret mar march |
    april apr | mei may | juni jun june | juli jul july | agustus agu ags agt aug august |
    september sep sept | oktober okt october oct | november nov nopember nop |
    desember des december dec"""
_MONTHS = {w: i for i, ws in enumerate(_MONTH_WORDS.split("|"), 1) for w in ws.split()}

TIME = r"(?:(?:\s+|T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"  # "... 00:00:00" ignored
_DMY = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})" + TIME)
_YMD = re.compile(r"([0-9]{4})([/-])([0-9]{1,2})\2([0-9]{1,2})" + TIME)
_D_MONTH_Y = re.compile(r"([0-9]{1,2})(?:\s+|-)([^\W\d_]+)\.?(?:\s+|-)([0-9]{4})" + TIME)
MONTHS = _MONTHS  # month word (lower case) -> number, for the column parsers
_CONTOH_TANGGAL = "Isi dengan tanggal, misalnya 31/03/2025, 2025-03-31 atau 31 Maret 2025."


def parse_date(value: object) -> dt.date | None:
    """A date cell or text: 31/03/2025, 31-03-2025, 31.03.2025, 2025-03-31, 31 Maret 2025.

    Day first, as Indonesian spreadsheets write it: 01/02/2025 is 1 Februari.
    """
    if isinstance(value, dt.datetime):  # before date: a datetime is a date
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        return None
    if isinstance(value, numbers.Number):  # Excel serial numbers too: 45747 is not obvious
        raise CellProblem(
            f"Sel berisi angka {_show(value)}, padahal tanggal harus berupa tanggal, bukan angka. "
            + _CONTOH_TANGGAL
        )
    text = " ".join(str(value).split())
    if text in _EMPTY_MARKS:
        return None
    if m := _DMY.fullmatch(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    elif m := _YMD.fullmatch(text):
        year, month, day = int(m[1]), int(m[3]), int(m[4])
    elif m := _D_MONTH_Y.fullmatch(text):
        month_name = m[2].lower()
        if month_name not in _MONTHS:
            raise CellProblem(
                f"Nama bulan '{m[2]}' pada '{_show(value)}' tidak dikenal. Tulis nama bulan "
                "lengkap atau 3 huruf, misalnya Maret atau Mar. " + _CONTOH_TANGGAL
            )
        day, month, year = int(m[1]), _MONTHS[month_name], int(m[3])
    else:
        raise CellProblem(f"Teks '{_show(value)}' bukan tanggal. " + _CONTOH_TANGGAL)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellProblem(
            f"Tanggal '{_show(value)}' tidak ada di kalender; periksa hari dan bulannya "
            "(urutannya hari/bulan/tahun). " + _CONTOH_TANGGAL
        ) from None


# --- codes, years, text ----------------------------------------------------------------------


def parse_code(value: object) -> str | None:
    """A code such as ``"5.03.02.2.01"``: trimmed, inner spaces and a trailing "." removed."""
    if value is None:
        return None
    if type(value) is str:  # the common case first: ABC isinstance checks are slow
        code = value if value.isprintable() and " " not in value else "".join(value.split())
        code = code.lstrip("'").rstrip(".")
        return None if code in _EMPTY_MARKS else code
    if isinstance(value, bool):
        raise CellProblem(f"Kode berisi {value}, bukan kode. Ketik kodenya sebagai teks.")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return str(int(number))
        # 5.030 typed as a number arrives as 5.03: the zero is gone and cannot be recovered.
        raise CellProblem(
            f"Kode terbaca sebagai angka {_show(value)}, sehingga angka nol di belakangnya bisa "
            "hilang. Ketik kode sebagai teks: awali dengan tanda petik ' (misalnya '5.030) "
            "atau format selnya sebagai Teks."
        )
    code = "".join(str(value).split()).lstrip("'").rstrip(".")  # "'" left by a CSV export
    return None if code in _EMPTY_MARKS else code  # "-": no kode_induk


_YEAR_TEXT = re.compile(r"([0-9]{4})(?:\.0+)?")  # "2025.0": a year column saved as numbers


def parse_year(value: object) -> int | None:
    """A 4-digit year 1990-2100 from a number cell (2025 or 2025.0) or text."""
    if value is None or (isinstance(value, str) and value.strip() in _EMPTY_MARKS):
        return None
    year: int | None = None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            year = int(number)
    elif m := _YEAR_TEXT.fullmatch(str(value).strip()):
        year = int(m[1])
    if year is None:
        raise CellProblem(
            f"Tahun '{_show(value)}' tidak valid. Tahun harus 4 angka, misalnya 2025."
        )
    if not 1990 <= year <= 2100:
        raise CellProblem(f"Tahun {year} di luar rentang 1990-2100. Periksa kembali tahunnya.")
    return year


def parse_text(value: object) -> str | None:
    """Free text trimmed, inner whitespace runs collapsed; a number cell 5.0 gives "5"."""
    if value is None:
        return None
    if type(value) is str:
        return " ".join(value.split()) or None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if not math.isfinite(number):
            raise CellProblem(f"Sel berisi {_show(value)}, bukan teks. Isi dengan teks.")
        text = str(int(number)) if number.is_integer() else repr(number)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return " ".join(text.split()) or None


# --- enums and flags -------------------------------------------------------------------------

ENUMS: dict[str, tuple[str, ...]] = {
    "polaritas": ("positif", "negatif"),
    "metode_negatif": ("selisih", "rasio"),
    "agregasi": ("jumlah", "terakhir", "rata_rata"),
    "tingkat": ("tujuan", "sasaran_strategis", "sasaran_program", "sasaran_kegiatan"),
    "jenis_unit": ("opd", "sekretariat", "bidang", "upt"),
    "jenis_lpj": ("LS", "GU", "TU", "UP"),
}

# Synonyms as parse_enum looks them up: lower case, runs of "_", "-" and spaces as one space.
_SYNONYMS: dict[str, dict[str, str]] = {
    "polaritas": {
        "+": "positif", "naik": "positif", "maximize": "positif", "maximise": "positif",
        "maksimal": "positif", "maksimum": "positif", "positive": "positif",
        "-": "negatif", "turun": "negatif", "minimize": "negatif", "minimise": "negatif",
        "minimal": "negatif", "minimum": "negatif", "negative": "negatif",
    },
    "metode_negatif": {"ratio": "rasio"},
    "agregasi": {"rerata": "rata_rata", "rata2": "rata_rata"},
    "jenis_unit": {"uptd": "upt"},
}  # fmt: skip
_ENUM_LOOKUP: dict[str, dict[str, str]] = {
    field: {canon.lower().replace("_", " "): canon for canon in canons} | _SYNONYMS.get(field, {})
    for field, canons in ENUMS.items()
}
_ENUM_SEPARATORS = re.compile(r"[\s_\-]+")


def parse_enum(value: object, field: str) -> str | None:
    """The canonical value of ``field`` (a key of ``ENUMS``) for a cell; None when empty."""
    lookup = _ENUM_LOOKUP[field]  # KeyError: a programming error, not a user's
    if value is None:
        return None
    text = str(value).strip().lower()
    key = text if text in lookup else _ENUM_SEPARATORS.sub(" ", text).strip()
    if key in lookup:
        return lookup[key]
    if key == "" or text in _EMPTY_MARKS:  # "-" is "nothing" unless it is a synonym (polaritas)
        return None
    raise CellProblem(
        f"Nilai '{_show(value)}' tidak dikenal untuk kolom {field}. "
        f"Isi salah satu: {', '.join(ENUMS[field])}."
    )


_FLAG_TRUE = frozenset({"ya", "y", "iya", "1", "x", "true", "yes", "v", "✓", "✔"})
_FLAG_FALSE = frozenset({"tidak", "t", "0", "false", "no", "", "-"})


def parse_flag(value: object) -> bool:
    """``iku``: ya/tidak, y/t, 1/0, x, true/false; empty means no."""
    if value is None:
        return False
    if isinstance(value, bool):  # an Excel TRUE/FALSE cell
        return value
    if isinstance(value, numbers.Real) and value in (0, 1):
        return value == 1
    key = str(value).strip().lower()
    if key in _FLAG_TRUE:
        return True
    if key in _FLAG_FALSE:
        return False
    raise CellProblem(
        f"Nilai '{_show(value)}' tidak dikenal. Isi 'ya' (atau 1, x) bila IKU, "
        "'tidak' (atau 0) atau kosongkan bila bukan."
    )


# --- headers and subtotal rows ---------------------------------------------------------------

# Only a currency or percent unit is dropped: "(Rp ribu)" or "(dalam juta)" change the scale,
# so they are kept and the header then matches no synonym instead of reading 1,000× too small.
_UNIT_SUFFIX = re.compile(r"\(\s*(?:rp\.?|rupiah|idr|%|persen)\s*\)")
_NOT_WORD = re.compile(r"[\W_]+")
_QUARTER = re.compile(r"\b(?:triwulan|trw|tw)\s*(?:ke\s*)?(iv|iii|ii|i|[1-4])\b")
_QUARTER_WORD = re.compile(r"\b(?:triwulan|trw)\b")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def normalise_header(text: object) -> str:
    """``"Realisasi Keuangan\\nTW I (Rp)"`` → ``"realisasi keuangan tw1"``, for synonym lookup."""
    key = _UNIT_SUFFIX.sub(" ", str(text).lower())
    key = _NOT_WORD.sub(" ", key)
    key = _QUARTER.sub(lambda m: "tw" + _ROMAN.get(m[1], m[1]), key)
    key = _QUARTER_WORD.sub("tw", key)
    return " ".join(key.split())


SUBTOTAL_LABELS: tuple[str, ...] = ("JUMLAH", "TOTAL", "SUB TOTAL", "SUBTOTAL", "GRAND TOTAL")
_SUBTOTAL = re.compile(r"\s*(?:jumlah|total|sub\s*-?\s*total|grand\s+total)\b", re.IGNORECASE)


def is_subtotal_label(text: object) -> bool:
    """True for "JUMLAH", "Total Belanja", "Sub Total Program 5.03.02", "GRAND TOTAL", ..."""
    return isinstance(text, str) and _SUBTOTAL.match(text) is not None
