"""Tests for lkip_core.masukan.berkas: every workbook is generated here, in memory."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from lkip_core.errors import FileRefused
from lkip_core.masukan import berkas, berkas_zip
from lkip_core.masukan.berkas import CellError, column_letter, read_workbook

# --- builders ------------------------------------------------------------------------------


def make_xlsx(build: Callable[[xlsxwriter.Workbook], None], **options: object) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, **options})
    build(wb)
    wb.close()
    return buf.getvalue()


def rewrite_zip(data: bytes, change: dict[str, bytes] | None = None,
                add: dict[str, bytes] | None = None) -> bytes:
    """Copy a zip, replacing some members and adding others."""
    change, add = change or {}, add or {}
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, change.get(info.filename, src.read(info.filename)))
        for name, content in add.items():
            z.writestr(name, content)
    return out.getvalue()


def simple_xlsx() -> bytes:
    return make_xlsx(lambda wb: wb.add_worksheet("Data").write("A1", "Kode"))


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)


def make_ods(tables: str, styles: str = "", prolog: str = "") -> bytes:
    """A minimal ods as LibreOffice lays it out: mimetype first and stored, then the XML."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODS_NS} '
               f'office:version="1.2"><office:automatic-styles>{styles}</office:automatic-styles>'
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def refused(file_name: str, data: bytes, **kwargs: object) -> str:
    with pytest.raises(FileRefused) as info:
        read_workbook(file_name, data, **kwargs)
    message = str(info.value)
    assert file_name in message  # the user must know which upload is meant
    assert info.value.problems and info.value.problems[0].file == file_name
    return message


# --- xlsx: coordinates, values, errors, merged, hidden -------------------------------------


@pytest.fixture(scope="module")
def laporan() -> bytes:
    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("Kinerja")
        ws.write("C5", "PEMERINTAH KOTA TANGERANG")
        ws.write_row("C6", ["Kode", "Realisasi", "Tanggal", "Jam", "Final"])
        ws.write("C7", "5.01")
        ws.write_number("D7", 1234567.89)
        ws.write_datetime("E7", dt.datetime(2025, 3, 31), wb.add_format({"num_format": "dd/mm/yyyy"}))
        ws.write_datetime("F7", dt.datetime(1899, 12, 31, 13, 30), wb.add_format({"num_format": "hh:mm"}))
        ws.write_boolean("G7", True)
        ws.write_formula("B3", "=1/0", None, "#DIV/0!")
        ws.write_formula("D8", "=Z99", None, "#REF!")
        ws.write_formula("J12", "=NA()", None, "#N/A")  # outside every other value: the edge
        ws.merge_range("C9:E10", "Realisasi")
        wb.add_worksheet("Rahasia").hide()
        wb.worksheets()[-1].write("A1", "tersembunyi")
    return make_xlsx(build)


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


# --- refusals ------------------------------------------------------------------------------


def test_empty_file() -> None:
    assert "kosong" in refused("kosong.xlsx", b"")


def test_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(berkas, "MAX_BYTES", 1000)
    assert "terlalu besar" in refused("besar.csv", b"a,b\n" * 300)


@pytest.mark.parametrize("head", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"])
def test_images_and_pdfs_are_not_spreadsheets(head: bytes) -> None:
    assert "bukan berkas spreadsheet (xlsx, xlsm, xls, ods atau csv)" in refused("scan.xlsx", head + b"x" * 100)


def test_random_binary_is_not_a_spreadsheet() -> None:
    message = refused("acak.xlsx", os.urandom(4096))
    assert "bukan berkas spreadsheet" in message


def test_text_with_nul_bytes_is_not_csv() -> None:
    message = refused("data.csv", b"Kode,Nilai\n5.01,\x00\x00\x00\n")
    assert "bukan berkas spreadsheet" in message and "biner" in message


def test_html_saved_as_xls_is_explained() -> None:
    data = b"<html><body><table><tr><td>Kode</td></tr></table></body></html>"
    message = refused("export.xls", data)
    assert "HTML" in message and "simpan sebagai .xlsx" in message


def test_docx_like_zip_is_not_a_spreadsheet() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    assert "bukan berkas spreadsheet" in refused("laporan.xlsx", buf.getvalue())


def test_xlsb_is_explained() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.bin", b"\x00")
    assert ".xlsb" in refused("a.xlsb", buf.getvalue())


def test_truncated_xlsx(laporan: bytes) -> None:
    assert "rusak atau terpotong" in refused("laporan.xlsx", laporan[: len(laporan) // 2])


def test_damaged_member_is_refused(laporan: bytes) -> None:
    at = laporan.find(b"xl/worksheets/sheet1.xml") + 40  # inside the compressed sheet data
    broken = laporan[:at] + bytes(200) + laporan[at + 200:]
    assert "rusak" in refused("laporan.xlsx", broken)


def test_zip_bomb_by_compression_ratio() -> None:
    buf = io.BytesIO(simple_xlsx())
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/media/bom.bin", "w") as m:
        zero = bytes(1 << 20)
        for _ in range(200):  # 200 MB of zeros, written in 1 MB pieces
            m.write(zero)
    message = refused("bom.xlsx", buf.getvalue())
    assert "zip bomb" in message and "xl/media/bom.bin" in message


def test_zip_bomb_by_total_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(berkas_zip, "MAX_UNCOMPRESSED", 10_000)
    data = rewrite_zip(simple_xlsx(), add={"xl/media/a.bin": os.urandom(20_000)})
    assert "zip bomb" in refused("besar.xlsx", data)


def test_member_that_lies_about_its_size() -> None:
    data = bytearray(rewrite_zip(simple_xlsx(), change={"xl/sharedStrings.xml": b"<sst/>" + b" " * 5_000_000}))
    # Declare 1000 bytes in both the local and the central header: zipfile would stop there.
    name = b"xl/sharedStrings.xml"
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        while at >= 0:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 1000)
            at = data.find(sig, at + 4)
    assert "lebih besar dari ukuran yang tercatat" in refused("bohong.xlsx", bytes(data))


def test_too_many_members() -> None:
    buf = io.BytesIO(simple_xlsx())
    with zipfile.ZipFile(buf, "a") as z:
        for i in range(10_001):
            z.writestr(f"x/{i}", b"")
    assert "10.000 bagian" in refused("banyak.xlsx", buf.getvalue())


def test_doctype_in_shared_strings_is_refused(laporan: bytes) -> None:
    src = zipfile.ZipFile(io.BytesIO(laporan)).read("xl/sharedStrings.xml")
    declaration, rest = src.split(b"?>", 1)
    evil = declaration + b'?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>' + rest
    message = refused("laporan.xlsx", rewrite_zip(laporan, change={"xl/sharedStrings.xml": evil}))
    assert "DOCTYPE/ENTITY" in message and "xl/sharedStrings.xml" in message


def test_far_away_cell_is_refused_before_calamine_allocates_it() -> None:
    # Without the extent check calamine tries to allocate 512 GB and aborts the whole process.
    data = make_xlsx(lambda wb: (ws := wb.add_worksheet("Data")).write("A1", 1) or ws.write("XFD1048576", 2))
    message = refused("jauh.xlsx", data)
    assert "1.048.576 baris x 16.384 kolom" in message


def test_wide_but_reasonable_sheet_is_read() -> None:
    # Within the cell limit; wider than MAX_COLUMNS, so that limit is lifted for this read.
    data = make_xlsx(lambda wb: (ws := wb.add_worksheet("S")).write("A1", 1) or ws.write("ZZ1000", 2))
    rows = read_workbook("lebar.xlsx", data, max_cols=None).sheets[0].rows
    assert len(rows) == 1000 and len(rows[0]) == 702 and rows[999][701] == 2


def wide_xlsx(cols: int, *, blank_to: int = 0) -> bytes:
    """An LPJ-like sheet whose header runs `cols` columns; formatted empty cells to `blank_to`."""
    def build(wb: xlsxwriter.Workbook) -> None:
        ws, border = wb.add_worksheet("lpj"), wb.add_format({"border": 1})
        for j in range(cols):
            ws.write(0, j, f"Kolom {j + 1}")
            ws.write(1, j, j)
        for j in range(cols, blank_to):
            ws.write_blank(1, j, None, border)
    return make_xlsx(build)


def test_too_many_columns_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    assert berkas.MAX_COLUMNS == 200
    monkeypatch.setattr(berkas.pc.CalamineSheet, "to_python", lambda *a, **k: pytest.fail(
        "the sheet was read cell by cell before its width was checked"), raising=False)
    message = refused("lpj_lebar.xlsx", wide_xlsx(300))
    assert "sheet lpj" in message and "300 kolom" in message and "kolom KN" in message
    assert "batas 200 kolom" in message and "hapus kolom di kanan tabel" in message
    header = ";".join(f"Kolom {j}" for j in range(300))
    message = refused("lpj_lebar.csv", f"{header}\r\n{';'.join('1' * 300)}\r\n".encode())
    assert "sheet lpj_lebar" in message and "300 kolom" in message
    wide_ods = ('<table:table table:name="Data"><table:table-row><table:table-cell '
                'table:number-columns-repeated="250" office:value-type="float" office:value="1"/>'
                "</table:table-row></table:table>")
    assert "250 kolom" in refused("lebar.ods", make_ods(wide_ods))


def test_width_counts_cells_with_values_only() -> None:
    # Borders drawn far to the right, empty fields after the last value: not columns of data.
    assert len(read_workbook("a.xlsx", wide_xlsx(7, blank_to=400)).sheets[0].rows[0]) == 7
    assert len(read_workbook("b.xlsx", wide_xlsx(200)).sheets[0].rows[0]) == 200
    rows = read_workbook("c.csv", b"a;b" + b";" * 400 + b"\r\n1;2\r\n").sheets[0].rows
    assert rows[1][:2] == ["1", "2"]


@pytest.mark.parametrize("title", [
    "BUKU KAS UMUM TAHUN 2025",
    "BUKU KAS UMUM, TAHUN ANGGARAN 2025",  # a comma in the title is no delimiter
    "BUKU KAS UMUM TAHUN 2025;;;;",  # Excel pads the title row with the delimiter
    '"PEMERINTAH KOTA TANGERANG"\r\nBKU per 31 Desember 2025, dicetak 2/1/2026',
])
def test_csv_delimiter_comes_from_the_header_row_under_a_title(title: str) -> None:
    text = (f"{title}\r\n\r\nTanggal;Nomor Bukti;Kode Sub Kegiatan;Uraian;Jumlah\r\n"
            "10/02/2025;0001/SP2D/LS/2025;5.03.02.2.01.0001;Honor, narasumber;1.500.000,50\r\n"
            "31/03/2025;0002/SP2D/GU/2025;5.03.02.2.01.0002;ATK;90.000,25\r\n")
    rows = read_workbook("bku.csv", text.encode("cp1252")).sheets[0].rows
    header = next(r for r in rows if r[0] == "Tanggal")
    assert header == ["Tanggal", "Nomor Bukti", "Kode Sub Kegiatan", "Uraian", "Jumlah"]
    assert rows[-2] == ["10/02/2025", "0001/SP2D/LS/2025", "5.03.02.2.01.0001",
                        "Honor, narasumber", "1.500.000,50"]


def test_csv_with_unknown_headers_under_a_title_still_splits_at_the_header() -> None:
    rows = read_workbook("x.csv", b"LAPORAN, 2025\n\nFoo;Bar;Baz\n1,5;2;3\n").sheets[0].rows
    assert rows[2:] == [["Foo", "Bar", "Baz"], ["1,5", "2", "3"]]


def test_too_many_rows() -> None:
    assert "lebih dari 2 baris" in refused("a.csv", b"a\nb\nc\n", max_rows=2)
    data = make_xlsx(lambda wb: wb.add_worksheet("S").write("A3", 1))
    assert "lebih dari 2 baris" in refused("a.xlsx", data, max_rows=2)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_password_protected_xlsx() -> None:
    # An encrypted xlsx is an OLE container with an "EncryptedPackage" stream.
    data = OLE + bytes(504) + "EncryptedPackage\x00".encode("utf-16-le") + bytes(1000)
    assert "dilindungi kata sandi" in refused("rahasia.xlsx", data)


def test_word_document_is_not_a_spreadsheet() -> None:
    data = OLE + bytes(504) + "WordDocument\x00".encode("utf-16-le") + bytes(1000)
    assert "bukan berkas spreadsheet" in refused("surat.xls", data)


def test_truncated_xls() -> None:
    data = OLE + bytes(504) + "Workbook\x00".encode("utf-16-le") + bytes(100)
    assert "rusak atau terpotong" in refused("lama.xls", data)


# --- small pieces --------------------------------------------------------------------------


def test_column_letter_matches_excel() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702, 16383)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
    assert all(column_letter(i) == get_column_letter(i + 1) for i in range(16384))
    with pytest.raises(ValueError):
        column_letter(-1)


def test_core_does_not_import_streamlit() -> None:
    code = "import sys, lkip_core.masukan.berkas; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
