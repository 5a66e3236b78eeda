"""Limits, refusal messages and small shared pieces of reading uploaded files (see berkas.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lkip_core.errors import FileRefused, Problem

MAX_BYTES = 200 * 1024 * 1024  # the default of the setting batas_unggah_mb (pengaturan.py)
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # only for members over RATIO_FLOOR: small XML parts compress very well
RATIO_FLOOR = 10 * 1024 * 1024
# calamine allocates the whole rectangle up to the farthest cell (32 bytes a cell in Rust, then
# 8 in the Python list): a 6 KB xlsx with one value in XFD1048576 aborts the whole process.
MAX_CELLS = 20_000_000
# No input table is wider than about 25 columns; a sheet with values beyond this column is a
# stray cell far to the right or a broken export (16,384 header cells), refused before it is
# read row by row. Every worksheet counts: a unit's own sheet is found by its content.
MAX_COLUMNS = 200

_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_OTHER_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")
_CHUNK, _OVERLAP = 1 << 20, 1 << 16  # the overlap lets a cell cut by a chunk edge be seen whole
_ERROR_TEXT = re.compile(r"#(?:DIV/0!|REF!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)|Err:\d{3}")
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*?\bt="e"[^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_FULL_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)>")  # a cached value or an inline string
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})\d')  # a literal prefix keeps these two scans fast
_DEEP_REF = re.compile(rb' r="[A-Z]{1,3}(\d{6,})"')

Grid = list[list[object]]
Span = tuple[int, int, int, int]


@dataclass(frozen=True)
class CellError:
    """An error value in a cell: #DIV/0!, #REF!, #N/A, #VALUE!, #NAME?, #NUM!, #NULL!, Err:502."""

    code: str


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    if index < 0:
        raise ValueError(f"column index must be >= 0, got {index}")
    letters, n = "", index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


# What the user reads after "Berkas <name> ": what is wrong, then what to do.
_SAY = {
    "empty": "kosong (0 byte); periksa berkasnya lalu unggah lagi.",
    "big": "terlalu besar ({mb:.1f} MB; batas {limit} MB). Hapus sheet atau baris yang tidak "
           "perlu, lalu unggah lagi.",
    "other": "bukan berkas spreadsheet (xlsx, xlsm, xls, ods atau csv){why}. Unggah berkas yang "
             "disimpan dari Excel atau LibreOffice.",
    "corrupt": "rusak atau terpotong; simpan ulang dari Excel lalu unggah lagi.",
    "password": "dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File > Info > "
                "Protect Workbook), simpan, lalu unggah lagi.",
    "bomb": 'ditolak karena menyerupai "zip bomb": {why}. Simpan ulang dari Excel lalu unggah lagi.',
    "xml": "ditolak: bagian {part} memuat deklarasi DOCTYPE/ENTITY yang tidak pernah dibuat Excel "
           "(bisa dipakai untuk menyerang server). Simpan ulang dari Excel lalu unggah lagi.",
    "cells": "ditolak: sheet {sheet} menjangkau {rows} baris x {cols} kolom, melebihi batas "
             "{limit} sel. Hapus isi sel yang jauh di luar tabel, simpan ulang, lalu unggah lagi.",
    "wide": "ditolak: sheet {sheet} terisi sampai kolom {letter} ({cols} kolom), melebihi batas "
            "{limit} kolom untuk sheet data. Biasanya ada isian tak sengaja jauh di kanan tabel "
            "atau hasil ekspor yang rusak: hapus kolom di kanan tabel (pilih kolom sesudah kolom "
            "terakhir tabel sampai ujung, klik kanan > Delete), simpan ulang, lalu unggah lagi.",
    "memory": "terlalu besar untuk dibaca sekaligus: isinya memerlukan sekitar {mb:.0f} MB "
              "memori (batas {limit} MB). Pisahkan datanya menjadi beberapa berkas (misalnya per "
              "triwulan atau per unit), lalu unggah satu per satu.",
    "rows": "ditolak: sheet {sheet} berisi lebih dari {limit} baris. Pisahkan datanya atau hapus "
            "baris yang tidak perlu, lalu unggah lagi.",
    "xlsb": "berformat .xlsb (Excel Binary) yang tidak didukung; buka di Excel, simpan sebagai "
            ".xlsx, lalu unggah lagi.",
    "html": "sebenarnya halaman web atau XML (HTML/XML), bukan spreadsheet, walau namanya seperti "
            "berkas Excel. Buka di Excel, simpan sebagai .xlsx, lalu unggah lagi.",
    "csv": "tidak dapat dibaca sebagai CSV ({why}). Simpan ulang dari Excel sebagai CSV lalu "
           "unggah lagi.",
}


def _refuse(file_name: str, key: str, **details: object) -> FileRefused:
    for k in ("rows", "cols", "limit"):  # numbers the Indonesian way: 1.048.576
        if isinstance(details.get(k), int):
            details[k] = f"{details[k]:,}".replace(",", ".")
    message = f"Berkas {file_name} " + _SAY[key].format(**details)
    return FileRefused(message, [Problem(message=message, file=file_name)])
