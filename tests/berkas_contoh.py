"""Workbooks built in code for the reader's tests (tests/test_berkas*.py): xlsx through
xlsxwriter, zips rewritten member by member, ods laid out as LibreOffice does."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

import pytest
import xlsxwriter

from lkip_core.errors import FileRefused
from lkip_core.masukan.berkas import read_workbook


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


def laporan_xlsx() -> bytes:
    """Kinerja at C5 with typed values, error cells, a merged range and a hidden sheet."""
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
