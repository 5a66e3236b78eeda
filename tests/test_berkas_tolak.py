"""The reader refuses what is not a spreadsheet or would not fit: empty, too large, other formats,
damaged or password-protected files, zip bombs, far-away cells, too many columns or rows — each
with a message naming the file."""

from __future__ import annotations

import io
import os
import struct
import zipfile

import pytest
import xlsxwriter
from berkas_contoh import (
    laporan_xlsx,
    make_ods,
    make_xlsx,
    refused,
    rewrite_zip,
    simple_xlsx,
)

from lkip_core.masukan import berkas, berkas_zip
from lkip_core.masukan.berkas import read_workbook


@pytest.fixture(scope="module")
def laporan() -> bytes:
    return laporan_xlsx()


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
