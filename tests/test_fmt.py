"""Indonesian display formatting and half-up rounding (shared/spec/domain.md, "Rounding")."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkip_core.fmt import KOSONG, angka, persen, round_half_up, rupiah, tanggal, ukuran
from lkip_core.masukan.parsing import parse_date, parse_number


@pytest.mark.parametrize(
    ("x", "desimal", "expected"),
    [
        (1234567.89, 2, "1.234.567,89"),  # domain.md's own examples
        (1234567, 0, "1.234.567"),
        (1234567.5, 0, "1.234.568"),
        (57.285, 2, "57,29"),  # half up, where round() and "%.2f" give 57,28
        (0.125, 2, "0,13"),  # and where they give 0,12
        (2.675, 2, "2,68"),
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),  # banker's rounding would give 2
        (-57.285, 2, "-57,29"),  # half away from zero
        (-0.004, 2, "0,00"),  # no "-0,00"
        (0, 2, "0,00"),
        (999.995, 2, "1.000,00"),
        (1.063, 3, "1,063"),
        (Decimal(6495748767), 0, "6.495.748.767"),
        (12, 1, "12,0"),
    ],
)
def test_angka(x: float, desimal: int, expected: str) -> None:
    assert angka(x, desimal) == expected


@pytest.mark.parametrize("x", [None, math.nan, math.inf, -math.inf, Decimal("NaN")])
def test_missing_values_show_a_dash(x: object) -> None:
    assert angka(x) == KOSONG == "—"  # type: ignore[arg-type]
    assert rupiah(x) == KOSONG  # type: ignore[arg-type]
    assert persen(x) == KOSONG  # type: ignore[arg-type]
    assert round_half_up(x) is None  # type: ignore[arg-type]


def test_angka_default_two_decimals() -> None:
    assert angka(1234567.891) == "1.234.567,89"


def test_angka_refuses_negative_places() -> None:
    with pytest.raises(ValueError):
        angka(1.0, -1)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (6910387000, "Rp 6.910.387.000"),  # domain.md
        (6495748767, "Rp 6.495.748.767"),
        (0, "Rp 0"),
        (999.5, "Rp 1.000"),
        (-1234, "-Rp 1.234"),
        (-0.4, "Rp 0"),
    ],
)
def test_rupiah(x: float, expected: str) -> None:
    assert rupiah(x) == expected


@pytest.mark.parametrize(
    ("x", "desimal", "expected"),
    [(57.28, 2, "57,28 %"), (57.285, 2, "57,29 %"), (99.92, 2, "99,92 %"), (94.0, 2, "94,00 %"),
     (88.6, 1, "88,6 %"), (100, 0, "100 %"), (1234.5, 2, "1.234,50 %")],
)  # fmt: skip
def test_persen(x: float, desimal: int, expected: str) -> None:
    assert persen(x, desimal) == expected


@pytest.mark.parametrize(
    ("x", "desimal", "expected"),
    [(57.285, 2, 57.29), (0.125, 2, 0.13), (2.5, 0, 3.0), (-2.5, 0, -3.0), (1.0005, 3, 1.001),
     (94.00437, 2, 94.0), (Decimal("0.125"), 2, 0.13), (7, 2, 7.0)],
)  # fmt: skip
def test_round_half_up(x: float, desimal: int, expected: float) -> None:
    assert round_half_up(x, desimal) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [(dt.date(2025, 3, 31), "31 Maret 2025"), (dt.date(2025, 1, 1), "1 Januari 2025"),
     (dt.date(2024, 12, 5), "5 Desember 2024"),
     (dt.datetime(2025, 8, 17, 9, 30), "17 Agustus 2025"),
     (None, "—")],
)  # fmt: skip
def test_tanggal(d: dt.date | None, expected: str) -> None:
    assert tanggal(d) == expected


# Decimals with at most 6 places and 14 significant digits: the float holds them exactly enough
# that repr(float(d)) is d's own text, which is the premise of rounding on the repr.
short_decimals = st.integers(min_value=0, max_value=6).flatmap(
    lambda places: st.decimals(
        min_value=Decimal(-99999999), max_value=Decimal(99999999), places=places
    )
)


@given(short_decimals, st.integers(min_value=0, max_value=4))
def test_property_round_half_up_matches_decimal(d: Decimal, desimal: int) -> None:
    expected = d.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    assert round_half_up(float(d), desimal) == float(expected)


@given(short_decimals, st.integers(min_value=0, max_value=4))
def test_property_angka_reads_back(d: Decimal, desimal: int) -> None:
    # What the dashboard shows can be pasted into an input file and reads as the rounded value.
    x = float(d)
    assert parse_number(angka(x, desimal)) == round_half_up(x, desimal)
    assert parse_number(persen(x, desimal)) == round_half_up(x, desimal)
    assert parse_number(rupiah(x)) == round_half_up(x, 0)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_property_tanggal_reads_back(d: dt.date) -> None:
    assert parse_date(tanggal(d)) == d


@pytest.mark.parametrize("n, expected", [
    (0, "0 B"), (19, "19 B"), (1023, "1023 B"), (1024, "1,0 KB"), (1536, "1,5 KB"),
    (43 * 2**20, "43,0 MB"), (200 * 2**20 - 1, "200,0 MB"), (3 * 2**30, "3,0 GB"),
])
def test_ukuran_reads_as_people_read_file_sizes(n: int, expected: str) -> None:
    assert ukuran(n) == expected
