"""The column parsers (parsing_kolom) against the cell parsers (parsing): same value, same message.

Every case and property of test_parsing.py runs through both, and so does random text: one set
of rules, applied a column at a time.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pyarrow as pa
import pytest
import test_parsing as tp
from hypothesis import given, settings
from hypothesis import strategies as st

from lkip_core.errors import CellProblem
from lkip_core.fmt import BULAN
from lkip_core.masukan import parsing
from lkip_core.masukan.berkas import CellError, _clean
from lkip_core.masukan.berkas_kolom import dari_baris
from lkip_core.masukan.parsing_kolom import parse_kolom, pesan_galat_rumus

KINDS = ["code", "text", "number", "money", "percent", "year", "date", "flag",
         *(f"enum:{name}" for name in parsing.ENUMS)]


def _scalar(jenis: str):
    if jenis.startswith("enum:"):
        return lambda v: parsing.parse_enum(v, jenis[5:])
    return {"code": parsing.parse_code, "text": parsing.parse_text,
            "number": parsing.parse_number, "money": parsing.parse_number,
            "percent": parsing.parse_number, "year": parsing.parse_year,
            "date": parsing.parse_date, "flag": parsing.parse_flag}[jenis]


def assert_same(jenis: str, cells: list) -> None:
    """Column parse of `cells` == cell-by-cell parse, cell by cell (values, types, messages)."""
    values, problems = parse_kolom(jenis, dari_baris([[c] for c in cells])[0])
    got = values.to_pylist()
    scalar = _scalar(jenis)
    for i, raw in enumerate(cells):
        cell = _clean([[raw]])[0][0]
        where = f"{jenis} {raw!r}"
        if cell is None:  # an empty cell is never parsed (tabel.py reports it if required)
            assert got[i] is None and i not in problems, where
        elif type(cell) is CellError:
            assert problems[i] == (pesan_galat_rumus(cell.code), cell.code), where
        else:
            try:
                expected = scalar(cell)
            except CellProblem as exc:
                message, value = problems.get(i, (None, None))
                assert message == str(exc) and _same(value, cell), where
                assert got[i] is None, where
            else:
                assert i not in problems, (where, problems.get(i))
                assert got[i] == expected and type(got[i]) is type(expected), (where, got[i])
                if isinstance(expected, float):
                    assert math.copysign(1, got[i]) == math.copysign(1, expected), where


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and (a == b or (a != a and b != b))  # NaN is NaN


def _cases() -> list:
    """Every value in every parametrised case of test_parsing.py (expected values too: they
    are cells worth parsing as well)."""
    cells: list = []
    for name in dir(tp):
        for mark in getattr(getattr(tp, name), "pytestmark", []):
            if mark.name == "parametrize":
                for row in mark.args[1]:
                    cells.extend(row if isinstance(row, tuple) else (row,))
    return cells


CASES = _cases()


def test_every_case_of_test_parsing_is_collected() -> None:
    assert "1.234.567,89" in CASES and "31 Maret 2025" in CASES and 5.03 in CASES
    assert len(CASES) > 200


@pytest.mark.parametrize("jenis", KINDS)
def test_cases_of_test_parsing_parse_alike(jenis: str) -> None:
    assert_same(jenis, [*CASES, dt.datetime(2025, 3, 31, 10, 5), CellError("#REF!"), "#N/A"])


def test_a_column_of_one_kind_of_cell_takes_the_fast_path_whole() -> None:
    # The usual LPJ column: plain amounts, no cell for parsing.py, the values as Arrow.
    values, problems = parse_kolom("money", dari_baris([["1.234.567"], ["57,28"], ["12"]])[0])
    assert values.to_pylist() == [1234567.0, 57.28, 12.0] and problems == {}


# --- the properties of test_parsing.py, through the column parser ----------------------------

@settings(max_examples=60, deadline=None)
@given(st.lists(tp.decimals, min_size=1, max_size=20))
def test_property_indonesian_style(ds: list[Decimal]) -> None:
    texts = [tp.indonesian(d) for d in ds]
    values, problems = parse_kolom("number", dari_baris([[t] for t in texts])[0])
    assert problems == {} and values.to_pylist() == [float(d) for d in ds]
    assert_same("money", [*texts, *(f"Rp {tp.indonesian(abs(d))}" for d in ds),
                          *(f"({tp.indonesian(abs(d))})" for d in ds),
                          *(f"{tp.indonesian(d)} %" for d in ds)])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.decimals(min_value=1000, max_value=Decimal(99999999999), places=2),
                min_size=1, max_size=10), st.integers(min_value=1, max_value=4))
def test_property_us_style_with_both_marks(ds: list[Decimal], places: int) -> None:
    texts = [f"{d.quantize(Decimal(1).scaleb(-places)):,.{places}f}" for d in ds]
    assert_same("number", texts)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
                min_size=1, max_size=10))
def test_property_dates_round_trip(ds: list[dt.date]) -> None:
    texts = [f for d in ds for f in (
        f"{d.day:02d}/{d.month:02d}/{d.year}", d.isoformat(), f"{d.day} {BULAN[d.month - 1]} {d.year}",
        f"{d.day} {BULAN[d.month - 1][:3].upper()} {d.year}", f"{d.day}.{d.month}.{d.year}",
        f"{d.year}/{d.month}/{d.day} 10:30")]
    values, problems = parse_kolom("date", dari_baris([[t] for t in texts])[0])
    assert problems == {} and values.to_pylist() == [d for d in ds for _ in range(6)]
    assert_same("date", [*texts, *ds])


# --- anything at all -------------------------------------------------------------------------

ALPHABET = st.sampled_from(list("0123456789.,-+ %()/:'Rrp\u2212\xa0\t–TxJjSsGgKkLlUuMaetiy#E"
                                "\u3000\x1cé\u017f") + ["Rp", "Rp.", "Mar", "Maret", "JUMLAH",
                                                        "2025", "31", "12", ".000", ",-"])
TEKS = st.lists(ALPHABET, max_size=8).map("".join)
SEL = st.one_of(TEKS, st.floats(allow_nan=True, allow_infinity=True),
                st.integers(-10**16, 10**16).map(float), st.dates(), st.booleans(),
                st.integers(-5, 3000), st.just(""), st.just(None),
                st.sampled_from([CellError("#DIV/0!"), "#REF!", "Err:502", "#halo"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(SEL, min_size=1, max_size=30), st.sampled_from(KINDS))
def test_property_random_cells_parse_alike(cells: list, jenis: str) -> None:
    assert_same(jenis, cells)


@pytest.mark.parametrize("jenis", KINDS)
@pytest.mark.parametrize("text", ["-", "ya", "0", "5.03", "LS", "31/03/2025", "1.234", "2025"])
def test_an_empty_cell_stays_empty_on_the_fast_path(jenis: str, text: str) -> None:
    # A column of text cells only: the fast path may take the whole column at once.
    assert_same(jenis, [text, None, text, "", None])


def test_the_whitespace_class_is_pythons() -> None:
    import sys

    from lkip_core.masukan.berkas_kolom import _PY_WS

    assert _PY_WS == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


# --- a long column is parsed in pieces (issue 12: memory) ------------------------------------

def _dalam_potongan(jenis: str, cells: list, potong: int):
    """The column parsed whole and parsed `potong` rows at a time."""
    import lkip_core.masukan.parsing_kolom as pk

    kol = dari_baris([[c] for c in cells])[0]
    whole = parse_kolom(jenis, kol)
    lama, pk.BARIS_POTONG = pk.BARIS_POTONG, potong
    try:
        pieces = parse_kolom(jenis, kol)
    finally:
        pk.BARIS_POTONG = lama
    return whole, pieces


@pytest.mark.parametrize("jenis", KINDS)
def test_a_column_parsed_in_pieces_is_the_column_parsed_whole(jenis: str) -> None:
    from lkip_core.masukan.parsing_kolom import tipe

    cells = [*CASES, dt.datetime(2025, 3, 31, 10, 5), CellError("#REF!"), "#N/A", None, ""]
    (values, problems), (got, found) = _dalam_potongan(jenis, cells, 7)
    assert isinstance(got, pa.ChunkedArray) and got.num_chunks > len(cells) // 7
    assert got.type == tipe(jenis) and got.to_pylist() == values.to_pylist()
    assert _sama_masalah(found, problems) and len(problems) > 0  # rows of the whole column


@settings(max_examples=150, deadline=None)
@given(st.lists(SEL, min_size=2, max_size=30), st.sampled_from(KINDS), st.integers(1, 5))
def test_property_pieces_change_nothing(cells: list, jenis: str, potong: int) -> None:
    (values, problems), (got, found) = _dalam_potongan(jenis, cells, potong)
    assert got.type == values.type
    assert [_kunci(v) for v in got.to_pylist()] == [_kunci(v) for v in values.to_pylist()]
    assert _sama_masalah(found, problems)


def _kunci(v: object) -> object:
    return "NaN" if isinstance(v, float) and v != v else v


def _sama_masalah(a: dict, b: dict) -> bool:
    """Same rows, same messages, same values (NaN is NaN)."""
    return a.keys() == b.keys() and all(
        a[i][0] == b[i][0] and _same(a[i][1], b[i][1]) for i in a)
