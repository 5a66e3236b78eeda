"""The columnar reading path against the row-by-row reader it replaced (tests/baca_lama.py).

Random sheets — titles, two header layouts, blank and subtotal rows, every kind of cell and of
mistake — are read both ways and must give the same rows, values, skipped rows and problems:
same cells, same messages, same order. CSV files go through DuckDB (forced here for any size)
or, when they need the csv module's rules, through it in pieces; both must read every cell as
the csv module does.
"""

from __future__ import annotations

import datetime as dt
import io

import baca_lama
import pytest
import xlsxwriter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lkip_core.masukan import berkas, berkas_csv
from lkip_core.masukan.berkas import CellError, read_workbook
from lkip_core.masukan.kolom import ANGGARAN_REALISASI, INDIKATOR, KINERJA, LPJ, TARGET, UNIT
from lkip_core.masukan.tabel import baca_tabel
from lkip_core.masukan.validasi.lpj import muat_lpj

LEMBAR = [LPJ, KINERJA, ANGGARAN_REALISASI, TARGET, INDIKATOR, UNIT]
TEKS = ["1.234.567,89", "1.234.567", "Rp 1.234.567", "Rp. 1.234.567,-", "1,234,567.89",
        "57,28%", "57,28 %", "(1.234)", "-", "–", "0", "-5", "1 234", "abc", "1e5", "31/03/2025",
        "1-3-2025", "2025-03-31", "31 Maret 2025", "31 Mar 2025", " 31  Mar.  2025 ",
        "31/02/2025", "31 Foo 2025", "2025-03-31 00:00:00", "31/12/2024", "5.03.02.2.01",
        "5.03.02.", "'5.030", "5. 03", "IKU-01", "LS", " up ", "Gu", "xx", "ya", "tidak", "✓",
        "JUMLAH", "Total Belanja", "Jumlahnya", "Sub-Total", " grand total", "#DIV/0!", "#REF!",
        "#halo", "Err:502", "   ", "\xa0", "Belanja  barang", "Belanja barang", "– biaya",
        "2025", "2025.0", "positif", "Naik", "rata-rata", "Sasaran Strategis", "x", "0,45", ""]
KATA = st.lists(st.sampled_from(list("0123456789.,- %()/'Rp\xa0JjTtSsxy#") + ["Rp", "Maret"]),
                max_size=6).map("".join)
SEL = st.one_of(st.sampled_from(TEKS), KATA, st.floats(-1e12, 1e12), st.integers(-9, 2100),
                st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31)),
                st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2025, 12, 31)), st.booleans(),
                st.none(), st.sampled_from([CellError("#DIV/0!"), CellError("#N/A")]))


@st.composite
def lembar_acak(draw, teks_saja: bool = False):
    """(layout, rows): a header of the layout's columns under titles, data rows under it."""
    lembar = draw(st.sampled_from(LEMBAR))
    cols = [k for k in lembar.kolom if k.wajib or draw(st.booleans())]
    if cols and draw(st.integers(0, 9)) == 0:  # a required column missing: a header problem
        cols = cols[1:]
    header = [k.header for k in draw(st.permutations(cols))]
    if draw(st.booleans()):
        header.insert(draw(st.integers(0, len(header))), draw(st.sampled_from(["No", "Catatan"])))
    rows: list[list] = [[t] for t in draw(st.lists(st.sampled_from(
        ["PEMERINTAH KOTA TANGERANG", "BUKU KAS UMUM 2025", "", "JUMLAH"]), max_size=3))]
    rows.append(header)
    cell = st.sampled_from(TEKS) | KATA if teks_saja else SEL
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            rows.append([])  # an empty row
        elif kind == 1:  # a subtotal row
            rows.append([draw(st.sampled_from(["JUMLAH", "Total", "Jumlah ASN"])),
                         *draw(st.lists(cell, max_size=len(header)))])
        else:
            rows.append(draw(st.lists(cell, min_size=max(len(header) - 1, 0),
                                        max_size=len(header) + 1)))
    return lembar, rows


def xlsx(rows: list[list]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    ws, fmt = wb.add_worksheet("lpj"), wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, CellError):
                ws.write_formula(r, c, "=1/0", None, v.code)
            elif isinstance(v, dt.datetime | dt.date):
                ws.write_datetime(r, c, v, fmt)
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, int | float):
                ws.write_number(r, c, v)
            elif isinstance(v, str) and v:
                ws.write_string(r, c, v)
    wb.close()
    return buf.getvalue()


def assert_same_table(sheet_baru, sheet_lama, lembar, file: str) -> None:
    baru, lama = baca_tabel(sheet_baru, lembar, file), baca_lama.baca_tabel(sheet_lama, lembar, file)
    assert (baru.header_row, baru.kolom, baru.judul) == (lama.header_row, lama.kolom, lama.judul)
    assert (baru.baris, baru.dilewati) == (lama.baris, lama.dilewati)
    assert baru.problems == lama.problems
    for name, values in lama.data.items():
        assert [repr(v) for v in baru.data[name]] == [repr(v) for v in values], name
    if lembar is LPJ:
        year = baca_lama.cek_lpj(lama)
        m = muat_lpj(None, berkas.Workbook(file, "csv", [sheet_baru]))  # its only sheet
        assert m.tahun == year and m.problems == lama.problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lembar_acak())
def test_workbook_sheets_read_alike(case) -> None:
    lembar, rows = case
    data = xlsx(rows)
    lama = read_workbook("r.xlsx", data).sheets[0]
    baru = read_workbook("r.xlsx", data).sheets[0]
    assert_same_table(baru, berkas.Sheet(lama.name, lama.rows), lembar, "r.xlsx")


def csv_text(rows: list[list], delimiter: str, newline: str) -> str:
    return "".join(delimiter.join("" if v is None else str(v) for v in row) + newline
                   for row in rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lembar_acak(teks_saja=True), st.sampled_from([";", ",", "\t"]),
       st.sampled_from(["\r\n", "\n"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       st.booleans(), st.sampled_from(["", '"', 'x"y']))
def test_csv_files_read_alike(case, delimiter, newline, encoding, last_newline, quote) -> None:
    lembar, rows = case
    if quote and rows[-1]:
        rows[-1][0] = f"{quote}{rows[-1][0]}"  # a quote opening a field: the csv module's job
    text = csv_text(rows, delimiter, newline)
    if not last_newline:
        text = text.removesuffix(newline)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    assume(data.strip(b"\xef\xbb\xbf"))  # an empty file is refused before it is read
    try:
        lama = baca_lama.read_csv("r.csv", data)
    except berkas.FileRefused as exc:
        with pytest.raises(berkas.FileRefused) as info, pytest.MonkeyPatch.context() as mp:
            mp.setattr(berkas_csv, "CEPAT_MULAI", 0)
            read_workbook("r.csv", data)
        assert str(info.value) == str(exc)
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(berkas_csv, "CEPAT_MULAI", 0)  # DuckDB whatever the size
        mp.setattr(berkas, "_POTONG_BARIS", 3)  # and the csv module in pieces
        baru = read_workbook("r.csv", data).sheets[0]
    assert baru.rows == lama.rows
    assert_same_table(baru, lama, lembar, "r.csv")


def test_a_large_bku_csv_with_blank_lines_and_subtotals_reads_alike() -> None:
    rows = [["BUKU KAS UMUM TAHUN 2025"], [], ["No", "Tanggal", "No Bukti", "Kode Kegiatan",
                                               "Uraian", "Nilai (Rp)", "Jenis"]]
    for i in range(30_000):
        rows.append([i + 1, f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/2025", f"{i:06d}/SP2D/LS/2025",
                     "5.03.02.2.01.0001", "Belanja – barang", f"{i * 1000 + 7:,}".replace(",", "."),
                     "LS"])
        if i % 5000 == 4999:
            rows += [[], ["", "", "", "", "JUMLAH", "1.000"], []]
    rows[40][5], rows[41][1], rows[42][2] = "Rp (1.234)", "31/02/2025", ""
    data = csv_text(rows, ";", "\r\n").encode("cp1252")
    assert len(data) > berkas_csv.CEPAT_MULAI
    baru, lama = read_workbook("bku.csv", data).sheets[0], baca_lama.read_csv("bku.csv", data)
    assert baru._rows is None  # read as columns
    assert_same_table(baru, lama, LPJ, "bku.csv")
    assert baru.rows == lama.rows
