"""Issue 12, memory: what the large-file path does to keep its peak down changes nothing it reads
or stores.

The CSV's line scan (berkas_csv._garis) goes through the bytes a megabyte at a time, and a long
column is parsed BARIS_POTONG rows at a time (test_parsing_kolom.py checks the parsing); here,
the scan in pieces of a few bytes against the csv module's own reading of the lines. The
command line hands `impor` a path, whose bytes are let go once read: the rows and the stored
bytes are those of the file, and a retried transaction stores them once.
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


# --- the command line hands impor a path: the bytes go once read -----------------------------

def test_a_file_given_by_path_loads_as_its_bytes_would(con_master, tmp_path):
    from test_berkas_besar import bku_csv

    from lkip_core.masukan import submisi
    from lkip_core.masukan.impor import impor

    data = bku_csv(15_000)
    path = tmp_path / "bku.csv"
    path.write_bytes(data)
    hasil = impor(con_master, [("bku.csv", path)], oleh="uji")
    assert hasil.ok, hasil.errors[:3]
    sid = hasil.submissions[0]["id"]
    assert hasil.submissions[0]["baris"] == 15_000
    assert submisi.isi_berkas(con_master.cursor(), sid) == ("bku.csv", data)  # exact bytes
    row = con_master.execute("SELECT sha256, ukuran FROM submission WHERE id = ?",
                             [sid]).fetchone()
    assert row == (submisi.sha256(data), len(data))
    # the same bytes again, by path or as bytes: identical to the active submission
    assert impor(con_master, [("bku.csv", path)], oleh="uji").sama[0]["id"] == sid
    assert impor(con_master, [("bku.csv", data)], oleh="uji").sama[0]["id"] == sid


def test_a_retried_transaction_stores_the_same_rows_and_bytes(con_master, monkeypatch):
    # A write conflict runs the load again (db.ulangi) from what was read: the stored copy of
    # the bytes is made once, before, and the rows and bytes stored are those of one run.
    import duckdb
    from test_berkas_besar import bku_csv

    from lkip_core.masukan import submisi
    from lkip_core.masukan.impor import impor

    data = bku_csv(12_000)
    calls = []
    asli = submisi.simpan_isi

    def sekali_bentrok(cur, sid, isi):
        calls.append(isi)
        if len(calls) == 1:
            raise duckdb.TransactionException("Conflict on update")
        return asli(cur, sid, isi)

    monkeypatch.setattr(submisi, "simpan_isi", sekali_bentrok)
    hasil = impor(con_master, [("bku.csv", data)], oleh="uji")
    assert hasil.ok and len(calls) == 2 and calls[0] is calls[1]
    sid = hasil.submissions[0]["id"]
    assert submisi.isi_berkas(con_master.cursor(), sid)[1] == data
    n = con_master.execute("SELECT count(*) FROM lpj WHERE submission_id = ?", [sid]).fetchone()
    assert n == (12_000,)
