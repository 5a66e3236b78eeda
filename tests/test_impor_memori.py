"""Issue 12, memory: what the large-file path does to keep its peak down changes nothing it reads.

The CSV's line scan (berkas_csv._garis) goes through the bytes a megabyte at a time, and a long
column is parsed BARIS_POTONG rows at a time (test_parsing_kolom.py checks the parsing); here,
the scan in pieces of a few bytes against the csv module's own reading of the lines.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkip_core.masukan import berkas_csv

BARIS = st.lists(st.sampled_from(["a", "1.234", " ", ";", ";;", "x y", "", "é"]), max_size=6)


def _csv_module(body: bytes) -> tuple[list[bool], int]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline=""), delimiter=";"))
    return [not r for r in rows], max((len(r) for r in rows), default=0)


@settings(max_examples=300, deadline=None)
@given(st.lists(BARIS.map("".join), max_size=12), st.sampled_from(["\n", "\r\n"]),
       st.booleans(), st.integers(1, 9))
def test_the_line_scan_in_pieces_is_the_csv_modules(lines, newline, last_newline,
                                                    potong) -> None:
    text = newline.join(lines) + (newline if last_newline and lines else "")
    body = text.encode("utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(berkas_csv, "_POTONG_GARIS", potong)
        got = berkas_csv._garis(body, ";")
    assert got is not None
    blank, width = got
    expected_blank, expected_width = _csv_module(body)
    assert blank.tolist() == expected_blank and width == expected_width


@pytest.mark.parametrize("body", [b'a;"b"\n', b'"a;b\n', b"a;b\rc\n"])
def test_the_line_scan_in_pieces_still_leaves_quotes_and_lone_cr_to_the_csv_module(
        body: bytes) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(berkas_csv, "_POTONG_GARIS", 2)
        assert berkas_csv._garis(body, ";") is None
    assert berkas_csv._garis(body + b"x;y\n" * 3, ";") is None


def test_the_line_scan_keeps_a_flag_per_line_only() -> None:
    body = b"a;b;c\r\n\r\nd\r\n" * 50_000 + b"e;f"
    blank, width = berkas_csv._garis(body, ";")
    assert width == 3 and blank.dtype == np.bool_ and len(blank) == 150_001
    assert int(blank.sum()) == 50_000

