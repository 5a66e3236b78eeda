"""Cell parsers against shared/spec/inputs.md, "Reading rules for every file"."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkip_core.errors import CellProblem
from lkip_core.fmt import BULAN
from lkip_core.masukan.parsing import (
    ENUMS,
    SUBTOTAL_LABELS,
    is_subtotal_label,
    normalise_header,
    parse_code,
    parse_date,
    parse_enum,
    parse_flag,
    parse_number,
    parse_text,
    parse_year,
)

# Indonesian words every error message uses; a message without one is not for the user.
INDONESIAN = ("isi", "bukan", "harus", "tidak", "ketik", "periksa", "perbaiki")


def assert_problem(parser, value, *args) -> str:
    with pytest.raises(CellProblem) as info:
        parser(value, *args)
    message = str(info.value).lower()
    assert any(word in message for word in INDONESIAN), message
    return message


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every example of the spec's reading rules
        ("1.234.567,89", 1234567.89),
        ("1.234.567", 1234567.0),
        ("Rp 1.234.567", 1234567.0),
        ("Rp. 1.234.567,-", 1234567.0),
        ("1,234,567.89", 1234567.89),
        ("57,28%", 57.28),
        ("57,28 %", 57.28),
        ("(1.234)", -1234.0),
        ("6,1223", 6.1223),
        ("0,125", 0.125),
        ("1,234,567", 1234567.0),
        ("1.234", 1234.0),
        ("57.28", 57.28),
        ("0.125", 0.125),
        # boundaries of the single-"." rule
        ("1.2345", 1.2345),
        ("0.500", 0.5),
        ("1,234", 1.234),  # a single "," is the decimal mark, whatever follows
        ("12.345", 12345.0),
        ("123.456", 123456.0),
        ("1234.567", 1234.567),  # "1234" cannot be a thousands group, so "." is decimal
        # plain, signs, spaces around decorations, non-breaking spaces
        ("1234567", 1234567.0),
        ("-5", -5.0),
        ("+5", 5.0),
        ("- 5", -5.0),
        ("\u22125", -5.0),
        ("-1.234,5", -1234.5),
        ("-Rp 1.234", -1234.0),  # what fmt.rupiah prints for a refund
        ("Rp -1.234", -1234.0),
        ("rp1.234", 1234.0),
        ("RP. 1.234,50", 1234.5),
        ("( 1.234,5 )", -1234.5),
        ("(Rp 1.234)", -1234.0),
        ("  57,28\xa0%\xa0", 57.28),
        ("Rp\xa01.234.567", 1234567.0),
        ("1.234.567,-", 1234567.0),
        ("0", 0.0),
        ("-0", 0.0),
        ("1.000.000.000.000", 1e12),
    ],
)
def test_parse_number_text(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\xa0", "-", " - ", "–", "—", None])
def test_parse_number_nothing(text: str | None) -> None:
    assert parse_number(text) is None


def test_parse_number_never_negative_zero() -> None:
    assert math.copysign(1, parse_number("-0")) == 1  # type: ignore[arg-type]
    assert math.copysign(1, parse_number("(0)")) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(1234567, 1234567.0), (57.28, 57.28), (-5, -5.0), (0, 0.0), (Decimal("1.5"), 1.5)],
)
def test_parse_number_numeric_cells(cell: object, expected: float) -> None:
    result = parse_number(cell)
    assert result == expected and type(result) is float


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1 234",  # spaces are not thousands marks
        "1.23.456",
        "12,34,567",
        "1.234,567.8",
        "1,5.3",
        "1.000.000.00",
        "1.234,",
        ".5",
        "1.234-",
        "(1.234",
        "1.234)",
        "(-5)",
        "--5",
        "-Rp -5",
        "Rp",
        "Rp 5 %",
        "5 %%",
        "57,28 %,-",
        "1.234,56,-",
        "1e5",
        "Rp 1.234 juta",
        "#DIV/0!",
    ],
)
def test_parse_number_refuses(text: str) -> None:
    message = assert_problem(parse_number, text)
    assert "angka" in message


@pytest.mark.parametrize("cell", [True, False, math.nan, math.inf, -math.inf, dt.date(2025, 3, 31)])
def test_parse_number_refuses_non_numbers(cell: object) -> None:
    assert_problem(parse_number, cell)


def test_parse_number_message_quotes_the_cell() -> None:
    message = assert_problem(parse_number, "abc")
    assert "'abc'" in message and "1.234.567" in message


# Decimals that fit a float exactly enough that Decimal -> text -> float is the same float.
decimals = st.integers(min_value=0, max_value=4).flatmap(
    lambda places: st.decimals(
        min_value=Decimal(-99999999999),
        max_value=Decimal(99999999999),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )
)


def indonesian(d: Decimal) -> str:
    """Written independently of fmt: Python's grouping with the marks swapped."""
    places = max(0, -d.as_tuple().exponent)  # type: ignore[operator]
    return f"{d:,.{places}f}".translate(str.maketrans({",": ".", ".": ","}))


@given(decimals)
def test_property_indonesian_style(d: Decimal) -> None:
    assert parse_number(indonesian(d)) == float(d)


@given(decimals)
def test_property_rupiah_prefix(d: Decimal) -> None:
    text = indonesian(abs(d))
    sign = "-" if d < 0 else ""
    assert parse_number(f"{sign}Rp {text}") == float(d)
    assert parse_number(f"Rp. {sign}{text}") == float(d)
    if d == d.to_integral_value():
        assert parse_number(f"Rp. {text},-") == float(abs(d))


@given(decimals)
def test_property_percent_suffix(d: Decimal) -> None:
    assert parse_number(f"{indonesian(d)} %") == float(d)
    assert parse_number(f"{indonesian(d)}%") == float(d)


@given(decimals)
def test_property_bracket_negative(d: Decimal) -> None:
    assert parse_number(f"({indonesian(abs(d))})") == -float(abs(d))


@given(
    st.decimals(min_value=1000, max_value=Decimal(99999999999), places=2),
    st.integers(min_value=1, max_value=4),
)
def test_property_us_style_with_both_marks(d: Decimal, places: int) -> None:
    # Only with both marks is US text unambiguous: "1,234" alone is 1,234 the Indonesian way.
    d = d.quantize(Decimal(1).scaleb(-places))
    assert parse_number(f"{d:,.{places}f}") == float(d)


# --- dates -----------------------------------------------------------------------------------

MARCH_31 = dt.date(2025, 3, 31)


@pytest.mark.parametrize(
    "text",
    [
        "31/03/2025",
        "31-03-2025",
        "2025-03-31",
        "31 Maret 2025",
        "31 Mar 2025",
        "31 March 2025",
        "31 maret 2025",
        "31 MARET 2025",
        "31.03.2025",
        "2025-03-31 00:00:00",
        "31/03/2025 13:45",
        "2025-03-31T00:00:00",
        "31-Mar-2025",
        " 31  Mar.  2025 ",
    ],
)
def test_parse_date_text(text: str) -> None:
    assert parse_date(text) == MARCH_31


@pytest.mark.parametrize(
    ("text", "month"),
    [
        *[(f"1 {name} 2025", i) for i, name in enumerate(BULAN, start=1)],
        *[(f"1 {a} 2025", i) for i, a in enumerate(
            ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
            start=1,
        )],
        *[(f"1 {name} 2025", i) for i, name in enumerate(
            ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"],
            start=1,
        )],
        ("1 Ags 2025", 8), ("1 May 2025", 5), ("1 Aug 2025", 8), ("1 Oct 2025", 10),
        ("1 Dec 2025", 12), ("1 Nopember 2025", 11),
    ],
)  # fmt: skip
def test_parse_date_month_names(text: str, month: int) -> None:
    assert parse_date(text) == dt.date(2025, month, 1)


def test_parse_date_cells() -> None:
    assert parse_date(MARCH_31) == MARCH_31
    assert parse_date(dt.datetime(2025, 3, 31, 0, 0)) == MARCH_31
    assert type(parse_date(dt.datetime(2025, 3, 31))) is dt.date
    assert parse_date("01/02/2025") == dt.date(2025, 2, 1)  # day first


@pytest.mark.parametrize("cell", [None, "", "  ", "-"])
def test_parse_date_nothing(cell: object) -> None:
    assert parse_date(cell) is None


@pytest.mark.parametrize(
    "text", ["31/02/2025", "29/02/2025", "03/31/2025", "31 Foo 2025", "31/03/25", "kemarin", "2025"]
)
def test_parse_date_refuses(text: str) -> None:
    message = assert_problem(parse_date, text)
    assert "tanggal" in message


@pytest.mark.parametrize("cell", [45747, 45747.0, True])
def test_parse_date_refuses_numbers(cell: object) -> None:
    message = assert_problem(parse_date, cell)
    assert "tanggal harus berupa tanggal, bukan angka" in message


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_property_dates_round_trip(d: dt.date) -> None:
    assert parse_date(f"{d.day:02d}/{d.month:02d}/{d.year}") == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.day} {BULAN[d.month - 1]} {d.year}") == d
    assert parse_date(f"{d.day} {BULAN[d.month - 1][:3].upper()} {d.year}") == d


# --- codes, years, text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("5.03.02.2.01", "5.03.02.2.01"),
        (" 5.03.02.2.01 ", "5.03.02.2.01"),
        ("5.03.02.2.01.", "5.03.02.2.01"),
        ("5. 03. 02", "5.03.02"),
        ("5.03\xa0.02", "5.03.02"),
        ("'5.030", "5.030"),
        ("IKU-01", "IKU-01"),
        (5, "5"),
        (5.0, "5"),
        (1010, "1010"),
        ("", None),
        ("   ", None),
        ("-", None),
        (None, None),
    ],
)
def test_parse_code(cell: object, expected: str | None) -> None:
    assert parse_code(cell) == expected


@pytest.mark.parametrize("cell", [5.03, 1.02, math.nan, True])
def test_parse_code_refuses_numbers_that_lost_their_zeros(cell: object) -> None:
    message = assert_problem(parse_code, cell)
    assert "teks" in message


def test_parse_code_message_says_how_to_type_a_code() -> None:
    assert "'" in assert_problem(parse_code, 5.03)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("2025", 2025), (2025, 2025), (2025.0, 2025), ("2025.0", 2025), (" 2025 ", 2025),
     (1990, 1990), (2100, 2100), ("", None), ("-", None), (None, None)],
)  # fmt: skip
def test_parse_year(cell: object, expected: int | None) -> None:
    assert parse_year(cell) == expected


@pytest.mark.parametrize(
    "cell", ["25", "20250", "Tahun 2025", "2025/2026", 2025.5, 25, 1989, 2101, True, "abcd"]
)
def test_parse_year_refuses(cell: object) -> None:
    message = assert_problem(parse_year, cell)
    assert "tahun" in message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("  Persentase   ASN\nyang  lulus ", "Persentase ASN yang lulus"),
        ("a\xa0b", "a b"),
        (5, "5"),
        (5.0, "5"),
        (5.25, "5.25"),
        ("", None),
        ("  \n ", None),
        (None, None),
    ],
)
def test_parse_text(cell: object, expected: str | None) -> None:
    assert parse_text(cell) == expected


# --- enums and flags -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "cell", "expected"),
    [
        ("polaritas", "positif", "positif"),
        ("polaritas", " Negatif ", "negatif"),
        ("polaritas", "+", "positif"),
        ("polaritas", "-", "negatif"),
        ("polaritas", "Naik", "positif"),
        ("polaritas", "turun", "negatif"),
        ("polaritas", "Maximize", "positif"),
        ("polaritas", "minimize", "negatif"),
        ("polaritas", "MAKSIMAL", "positif"),
        ("polaritas", "minimal", "negatif"),
        ("metode_negatif", "Selisih", "selisih"),
        ("metode_negatif", "rasio", "rasio"),
        ("agregasi", "jumlah", "jumlah"),
        ("agregasi", "Terakhir", "terakhir"),
        ("agregasi", "rata_rata", "rata_rata"),
        ("agregasi", "Rata-rata", "rata_rata"),
        ("agregasi", "rata rata", "rata_rata"),
        ("agregasi", "rerata", "rata_rata"),
        ("tingkat", "tujuan", "tujuan"),
        ("tingkat", "Sasaran Strategis", "sasaran_strategis"),
        ("tingkat", "sasaran_program", "sasaran_program"),
        ("tingkat", "sasaran  kegiatan", "sasaran_kegiatan"),
        ("jenis_unit", "OPD", "opd"),
        ("jenis_unit", "Sekretariat", "sekretariat"),
        ("jenis_unit", "bidang", "bidang"),
        ("jenis_unit", "UPT", "upt"),
        ("jenis_lpj", "ls", "LS"),
        ("jenis_lpj", "Gu", "GU"),
        ("jenis_lpj", "TU", "TU"),
        ("jenis_lpj", " up ", "UP"),
    ],
)
def test_parse_enum(field: str, cell: str, expected: str) -> None:
    assert parse_enum(cell, field) == expected
    assert expected in ENUMS[field]


@pytest.mark.parametrize("field", sorted(ENUMS))
def test_parse_enum_canonical_values_and_empty(field: str) -> None:
    for canon in ENUMS[field]:
        assert parse_enum(canon, field) == canon
        assert parse_enum(canon.upper(), field) == canon
    assert parse_enum(None, field) is None
    assert parse_enum("  ", field) is None


@pytest.mark.parametrize("field", sorted(ENUMS))
def test_parse_enum_unknown_lists_the_allowed_values(field: str) -> None:
    message = assert_problem(parse_enum, "entah", field)
    assert all(canon.lower() in message for canon in ENUMS[field])


def test_parse_enum_unknown_field_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        parse_enum("x", "warna")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("ya", True), ("Ya", True), ("Y", True), ("1", True), (1, True), (1.0, True), ("x", True),
     ("X", True), ("true", True), (True, True), ("tidak", False), ("T", False), ("0", False),
     (0, False), ("false", False), (False, False), ("", False), ("  ", False), (None, False)],
)  # fmt: skip
def test_parse_flag(cell: object, expected: bool) -> None:
    assert parse_flag(cell) is expected


@pytest.mark.parametrize("cell", ["mungkin", "2", 2, 0.5, "yaa"])
def test_parse_flag_refuses(cell: object) -> None:
    assert_problem(parse_flag, cell)


# --- headers and subtotal rows ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Realisasi Keuangan\nTW I (Rp)", "realisasi keuangan tw1"),
        ("kode_sub_kegiatan", "kode sub kegiatan"),
        ("No.", "no"),
        ("  Pagu  Anggaran (Rp.) ", "pagu anggaran"),
        ("Capaian (%)", "capaian"),
        ("JUMLAH (RP)", "jumlah"),
        ("Target (PK)", "target pk"),  # a non-unit bracket keeps its words
        ("Pagu (Rp ribu)", "pagu rp ribu"),  # a scale is not dropped: it must not match "pagu"
        ("Target TW I", "target tw1"),
        ("Target TW II", "target tw2"),
        ("Target TW III", "target tw3"),
        ("Target TW IV", "target tw4"),
        ("Realisasi Triwulan I", "realisasi tw1"),
        ("realisasi trw ii", "realisasi tw2"),
        ("Realisasi TW. III", "realisasi tw3"),
        ("Realisasi TW-IV", "realisasi tw4"),
        ("realisasi tw 1", "realisasi tw1"),
        ("realisasi_tw1", "realisasi tw1"),
        ("REALISASI TW4", "realisasi tw4"),
        ("Fisik TWII (%)", "fisik tw2"),
        ("Realisasi Triwulan ke-3", "realisasi tw3"),
        ("Triwulan", "tw"),
        ("Twitter", "twitter"),
    ],
)
def test_normalise_header(header: str, expected: str) -> None:
    assert normalise_header(header) == expected


@pytest.mark.parametrize(
    "text",
    [*SUBTOTAL_LABELS, "Jumlah", "total", "Sub Total", "subtotal", "Grand Total", "Sub-Total",
     "Jumlah Program 5.03.02", "TOTAL BELANJA", "  JUMLAH  ", "Jumlah:"],
)  # fmt: skip
def test_is_subtotal_label(text: str) -> None:
    assert is_subtotal_label(text)


@pytest.mark.parametrize(
    "text", ["Jumlahnya", "Totalitas", "Persentase total", "5.03.02", "", None, 1234]
)
def test_is_not_subtotal_label(text: object) -> None:
    assert not is_subtotal_label(text)
