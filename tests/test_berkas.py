"""Tests for lkip_core.masukan.berkas: every workbook is generated here, in memory."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
import time
import zipfile

import pytest
import xlsxwriter
from berkas_contoh import (
    laporan_xlsx,
    make_ods,
    make_xlsx,
    refused,
    rewrite_zip,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from lkip_core.masukan.berkas import CellError, column_letter, read_workbook

# --- xlsx: coordinates, values, errors, merged, hidden -------------------------------------

@pytest.fixture(scope="module")
def laporan() -> bytes:
    return laporan_xlsx()


def test_rows_and_columns_match_the_spreadsheet_when_data_starts_at_c5(laporan: bytes) -> None:
    book = read_workbook("laporan.xlsx", laporan)
    rows = book.sheet("Kinerja").rows
    assert rows[4][2] == "PEMERINTAH KOTA TANGERANG"  # C5
    assert rows[5][2:7] == ["Kode", "Realisasi", "Tanggal", "Jam", "Final"]
    assert rows[0] == [None] * len(rows[0])  # empty rows above are kept, as None
    assert all(len(r) == len(rows[0]) for r in rows)


def test_values_keep_their_types(laporan: bytes) -> None:
    row = read_workbook("laporan.xlsx", laporan).sheet("Kinerja").rows[6]
    assert row[2] == "5.01"
    assert row[3] == pytest.approx(1234567.89)
    assert row[4] == dt.date(2025, 3, 31)
    assert row[5] == dt.time(13, 30)
    assert row[6] is True
    assert row[0] is None and row[1] is None


def test_error_cells_become_cell_errors_at_their_position(laporan: bytes) -> None:
    rows = read_workbook("laporan.xlsx", laporan).sheet("Kinerja").rows
    assert rows[2][1] == CellError("#DIV/0!")  # B3
    assert rows[7][3] == CellError("#REF!")  # D8
    assert rows[11][9] == CellError("#N/A")  # J12, the bottom-right corner
    errors = [v for r in rows for v in r if isinstance(v, CellError)]
    assert len(errors) == 3


@pytest.mark.parametrize("code", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
def test_every_error_code_is_kept(code: str) -> None:
    data = make_xlsx(lambda wb: wb.add_worksheet("S").write_formula("A2", "=X()", None, code))
    assert read_workbook("e.xlsx", data).sheets[0].rows[1][0] == CellError(code)


def test_error_cells_are_found_through_the_workbook_relationships() -> None:
    # Sheet parts may live anywhere: the scan follows workbook.xml.rels, as calamine does.
    data = make_xlsx(lambda wb: wb.add_worksheet("S").write_formula("B2", "=1/0", None, "#DIV/0!"))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            content = src.read(info.filename)
            content = content.replace(b"worksheets/sheet1.xml", b"lembar/data.xml")
            z.writestr(info.filename.replace("worksheets/sheet1.xml", "lembar/data.xml"), content)
    assert "xl/lembar/data.xml" in zipfile.ZipFile(out).namelist()
    assert read_workbook("pindah.xlsx", out.getvalue()).sheets[0].rows[1][1] == CellError("#DIV/0!")


def test_merged_ranges_and_hidden_sheets(laporan: bytes) -> None:
    book = read_workbook("laporan.xlsx", laporan)
    assert book.sheet("Kinerja").merged == [(8, 2, 9, 4)]  # C9:E10
    assert book.sheet("Kinerja").hidden is False
    hidden = book.sheet("Rahasia")
    assert hidden.hidden is True and hidden.rows == [["tersembunyi"]]


def test_very_hidden_sheet_is_hidden() -> None:
    def build(wb: xlsxwriter.Workbook) -> None:
        wb.add_worksheet("A").write("A1", 1)
        ws = wb.add_worksheet("B")
        ws.very_hidden()
    assert read_workbook("v.xlsx", make_xlsx(build)).sheet("B").hidden is True


def test_sheet_lookup_forgives_case_and_spaces(laporan: bytes) -> None:
    book = read_workbook("laporan.xlsx", laporan)
    assert book.sheet(" kinerja ") is book.sheet("Kinerja")
    assert book.sheet("Tidak Ada") is None
    assert [s.name for s in book.sheets] == ["Kinerja", "Rahasia"]


def test_format_comes_from_the_bytes_not_the_name(laporan: bytes) -> None:
    assert read_workbook("laporan.csv", laporan).format == "xlsx"
    assert read_workbook("laporan.xlsm", laporan).format == "xlsm"
    with_macro = rewrite_zip(laporan, add={"xl/vbaProject.bin": b"\x00" * 64})
    assert read_workbook("laporan.xlsx", with_macro).format == "xlsm"
    assert read_workbook("laporan.xlsx", b"a,b\n1,2\n").format == "csv"


def test_error_text_in_a_string_cell_is_an_error_too() -> None:
    data = make_xlsx(lambda wb: wb.add_worksheet("S").write_row("A1", ["#DIV/0!", "Err:502", "#halo"]))
    assert read_workbook("t.xlsx", data).sheets[0].rows[0] == [
        CellError("#DIV/0!"), CellError("Err:502"), "#halo"]


def test_read_speed_20k_rows() -> None:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True})
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["Kode", "Uraian", "Pagu", "Realisasi", "Tanggal", "Satuan", "Catatan"])
    for r in range(1, 20_001):
        ws.write_row(r, 0, [f"5.03.{r}", f"Kegiatan {r}", r * 1000.5, r * 3, "31/03/2025", "Dok", "x"])
    wb.close()
    wall, cpu = time.perf_counter(), time.process_time()
    book = read_workbook("besar.xlsx", buf.getvalue())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows = book.sheets[0].rows
    assert len(rows) == 20_001 and rows[-1][0] == "5.03.20000" and rows[-1][3] == 60_000
    # CPU time, not wall time: a busy shared CI machine must not fail this test (~0.16 s quiet).
    # Writing the workbook costs more than reading it; the full-size figures are in
    # `python -m benchmarks.impor`.
    assert cpu < 0.6, f"20.000 baris: {cpu:.2f} s CPU, {wall:.2f} s"


# --- csv -----------------------------------------------------------------------------------


def test_csv_utf8_with_bom_and_comma() -> None:
    data = "Kode,Uraian,Nilai\n5.01,Belanja Pegawai,\"1,234,567.89\"\n5.02,,7\n".encode("utf-8-sig")
    book = read_workbook("realisasi.csv", data)
    assert book.format == "csv" and [s.name for s in book.sheets] == ["realisasi"]
    assert book.sheets[0].rows == [["Kode", "Uraian", "Nilai"],
                                   ["5.01", "Belanja Pegawai", "1,234,567.89"],
                                   ["5.02", None, "7"]]


def test_csv_cp1252_with_semicolon_as_indonesian_excel_saves_it() -> None:
    text = ("Kode;Uraian;Tanggal;Realisasi\r\n"
            "5.01;Belanja – Pegawai;31 Maret 2025;Rp 1.234.567,89\r\n"
            "5.02;Belanja Barang;31/03/2025;57,28%\r\n")
    rows = read_workbook("tw1.csv", text.encode("cp1252")).sheets[0].rows
    assert rows[1] == ["5.01", "Belanja – Pegawai", "31 Maret 2025", "Rp 1.234.567,89"]
    assert rows[2][3] == "57,28%"


def test_csv_tab_separated_ragged_and_error_text() -> None:
    data = b"Kode\tCapaian\tCatatan\n1\t#DIV/0!\n2\t95\tok\n"
    rows = read_workbook("data.txt", data).sheets[0].rows
    assert rows == [["Kode", "Capaian", "Catatan"], ["1", CellError("#DIV/0!"), None],
                    ["2", "95", "ok"]]


def test_csv_single_column_and_quoted_delimiters() -> None:
    assert read_workbook("k.csv", b"Kode\n5.01\n5.02\n").sheets[0].rows == [["Kode"], ["5.01"], ["5.02"]]
    one_column = read_workbook("u.csv", b"Uraian\nBelanja, Pegawai\n").sheets[0].rows
    assert one_column == [["Uraian"], ["Belanja, Pegawai"]]  # no delimiter in the header: one column
    rows = read_workbook("q.csv", b'a;b\n"x;y";2\n"p;q";3\n').sheets[0].rows
    assert rows == [["a", "b"], ["x;y", "2"], ["p;q", "3"]]


header_word = st.text(alphabet="abcdefghKRT", min_size=1, max_size=8)
cell_text = st.text(alphabet="abcXYZ019 .,;-%", max_size=8)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), width=st.integers(2, 6), delimiter=st.sampled_from([",", ";", "\t"]))
def test_csv_round_trip(data: st.DataObject, width: int, delimiter: str) -> None:
    # Data cells may hold the other delimiters ("1,5" in a ;-file); the header holds words.
    header = data.draw(st.lists(header_word, min_size=width, max_size=width))
    body = data.draw(st.lists(st.lists(cell_text, min_size=width, max_size=width), min_size=1, max_size=8))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows([header, *body])
    rows = read_workbook("r.csv", out.getvalue().encode()).sheets[0].rows
    assert rows == [header, *[[c or None for c in row] for row in body]]


# --- ods (hand-built: LibreOffice is not needed) ----------------------------------------------


ODS_TABLES = (
    '<table:table table:name="Kinerja" table:style-name="ta1">'
    '<table:table-row table:number-rows-repeated="4"><table:table-cell/></table:table-row>'
    '<table:table-row><table:table-cell table:number-columns-repeated="2"/>'
    '<table:table-cell office:value-type="string"><text:p>Kode</text:p></table:table-cell>'
    '<table:table-cell table:number-columns-spanned="2" office:value-type="string">'
    "<text:p>Realisasi</text:p></table:table-cell><table:covered-table-cell/></table:table-row>"
    '<table:table-row><table:table-cell table:number-columns-repeated="2"/>'
    '<table:table-cell office:value-type="float" office:value="12.5"><text:p>12,5</text:p>'
    '</table:table-cell><table:table-cell table:formula="of:=1/0" office:value-type="float" '
    'office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
    "</table:table-row>"
    '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
    'table:number-columns-repeated="1024"/></table:table-row></table:table>'
    '<table:table table:name="Rahasia" table:style-name="ta2"><table:table-row>'
    '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    "</table:table-row></table:table>"
)
ODS_STYLES = (
    '<style:style style:name="ta1" style:family="table"><style:table-properties '
    'table:display="true"/></style:style><style:style style:name="ta2" style:family="table">'
    '<style:table-properties table:display="false"/></style:style>'
)


def test_ods_coordinates_errors_merged_and_hidden() -> None:
    book = read_workbook("capaian.ods", make_ods(ODS_TABLES, ODS_STYLES))
    assert book.format == "ods"
    sheet = book.sheet("Kinerja")
    assert sheet.rows[4][2:4] == ["Kode", "Realisasi"]  # C5
    assert sheet.rows[5][2] == 12.5
    assert sheet.rows[5][3] == CellError("#DIV/0!")  # calamine alone would give 0.0
    assert sheet.merged == [(4, 3, 4, 4)]  # D5:E5
    assert len(sheet.rows) == 6  # the trailing empty repeated rows are not materialised
    assert book.sheet("Rahasia").hidden is True and sheet.hidden is False


def test_ods_repeated_cell_bomb_is_refused() -> None:
    bomb = ('<table:table table:name="Bom"><table:table-row table:number-rows-repeated="100000">'
            '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" '
            'office:value="1"/></table:table-row></table:table>')
    message = refused("bom.ods", make_ods(bomb))
    assert "100.000 baris x 1.000 kolom" in message and "batas" in message


def test_ods_with_doctype_is_refused() -> None:
    prolog = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    message = refused("x.ods", make_ods(ODS_TABLES, prolog=prolog))
    assert "DOCTYPE/ENTITY" in message and "content.xml" in message


def test_other_opendocument_is_not_a_spreadsheet() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    assert "bukan berkas spreadsheet" in refused("surat.odt", buf.getvalue())


# --- small pieces --------------------------------------------------------------------------


def test_column_letter_matches_excel() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702, 16383)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
    assert all(column_letter(i) == get_column_letter(i + 1) for i in range(16384))
    with pytest.raises(ValueError):
        column_letter(-1)


def test_core_does_not_import_streamlit() -> None:
    code = "import sys, lkip_core.masukan.berkas; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
