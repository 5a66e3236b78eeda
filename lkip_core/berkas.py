"""Turn uploaded bytes into grids of raw cell values, safely.

`read_workbook` tells the format from the bytes (not the file name), refuses empty, damaged,
password-protected and hostile files with an Indonesian message, and returns each worksheet
as a grid whose coordinates are the spreadsheet's own: ``rows[0][0]`` is A1.

Values are what calamine gives (str, int, float, bool, date, datetime, time, and timedelta for
duration formats), ``None`` for an empty cell and `CellError` for an error value.

Known limits:
- .xls: calamine turns error cells (#DIV/0! …) into empty cells and we do not parse BIFF
  ourselves, so in .xls an error value arrives as ``None``.
- xlsx cells written without an ``r="B7"`` reference (no mainstream writer omits it) are missed
  by the error-cell and extent scans; calamine still reads their values.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import python_calamine as pc
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from lkip_core.errors import FileRefused, Problem

MAX_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # only for members over RATIO_FLOOR: small XML parts compress very well
RATIO_FLOOR = 10 * 1024 * 1024
# calamine allocates the whole rectangle up to the farthest cell (32 bytes a cell in Rust, then
# 8 in the Python list): a 6 KB xlsx with one value in XFD1048576 aborts the whole process.
MAX_CELLS = 20_000_000

_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_OTHER_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")
_CHUNK, _OVERLAP = 1 << 20, 1 << 16  # the overlap lets a cell cut by a chunk edge be seen whole
_ERROR_TEXT = re.compile(r"#(?:DIV/0!|REF!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)|Err:\d{3}")
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*?\bt="e"[^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})\d')  # a literal prefix keeps these two scans fast
_DEEP_REF = re.compile(rb' r="[A-Z]{1,3}(\d{6,})"')

Grid = list[list[object]]
Span = tuple[int, int, int, int]


@dataclass(frozen=True)
class CellError:
    """An error value in a cell: #DIV/0!, #REF!, #N/A, #VALUE!, #NAME?, #NUM!, #NULL!, Err:502."""

    code: str


@dataclass
class Sheet:
    name: str
    rows: Grid  # rows[i][j] is spreadsheet row i+1, column j+1 (A = 0)
    hidden: bool = False
    merged: list[Span] = field(default_factory=list)  # (first_row, first_col, last_row, last_col)


@dataclass
class Workbook:
    file_name: str
    format: str  # "xlsx" | "xlsm" | "xls" | "ods" | "csv"
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet | None:
        """The sheet called `name`; failing that, one whose name differs only in case/spaces."""
        wanted = name.strip().casefold()
        return next((s for s in self.sheets if s.name == name), None) or next(
            (s for s in self.sheets if s.name.strip().casefold() == wanted), None)


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


def read_workbook(file_name: str, data: bytes, *, max_rows: int = 1_100_000) -> Workbook:
    """Read an uploaded spreadsheet into a `Workbook`, or raise `FileRefused`."""
    f = file_name
    if not data:
        raise _refuse(f, "empty")
    if len(data) > MAX_BYTES:
        raise _refuse(f, "big", mb=len(data) / 2**20, limit=MAX_BYTES // 2**20)
    if data.startswith(_ZIP):
        fmt, errors, merged = _inspect_zip(f, data)
        return Workbook(f, fmt, _read_calamine(f, data, errors, merged, max_rows))
    if data.startswith(_OLE):
        # OLE directory names are NUL-terminated UTF-16; an encrypted xlsx travels in an OLE
        # container as "EncryptedPackage", an .xls as "Workbook" (or "Book" before Excel 97).
        if "EncryptedPackage\x00".encode("utf-16-le") in data:
            raise _refuse(f, "password")
        if not any(f"{n}\x00".encode("utf-16-le") in data for n in ("Workbook", "Book")):
            raise _refuse(f, "other", why=" (dokumen Office lain, misalnya Word)")
        return Workbook(f, "xls", _read_calamine(f, data, {}, {}, max_rows))
    if data.startswith(_OTHER_MAGIC):
        raise _refuse(f, "other", why="")
    return Workbook(f, "csv", [_read_csv(f, data, max_rows)])


# --- zip formats: everything here runs before calamine sees the bytes -------------------------

Errors = dict[str, dict[tuple[int, int], str]]  # sheet name → (row, col) → error code


def _inspect_zip(f: str, data: bytes) -> tuple[str, Errors, dict[str, list[Span]]]:
    # Count members from the end-of-central-directory record first: zipfile would otherwise
    # build a ZipInfo for each of possibly a million entries before we could say no.
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd < 0 or eocd + 22 > len(data):
        raise _refuse(f, "corrupt")
    too_many = f"berisi lebih dari {MAX_MEMBERS:,} bagian".replace(",", ".")
    if struct.unpack_from("<H", data, eocd + 10)[0] > MAX_MEMBERS:  # 0xFFFF (zip64) too
        raise _refuse(f, "bomb", why=too_many)
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _refuse(f, "corrupt") from None
    if len(infos) > MAX_MEMBERS:
        raise _refuse(f, "bomb", why=too_many)
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise _refuse(f, "bomb", why=f"isinya lebih dari {MAX_UNCOMPRESSED // 2**20} MB setelah diekstrak")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise _refuse(f, "bomb", why=f"bagian {i.filename} mengembang lebih dari {MAX_RATIO} kali")
        if i.flag_bits & 0x1:
            raise _refuse(f, "password")
    by_name = {i.filename: i for i in infos}
    if "mimetype" in by_name:
        mime = by_name["mimetype"]
        if mime.file_size > 200 or b"".join(_inflate(f, data, mime)).strip() != _ODS_MIME:
            raise _refuse(f, "other", why=" (dokumen OpenDocument lain)")
        fmt, sheet_parts = "ods", {}
    elif "xl/workbook.xml" in by_name:
        vba = "xl/vbaProject.bin" in by_name or f.lower().endswith(".xlsm")
        fmt, sheet_parts = ("xlsm" if vba else "xlsx"), _sheet_parts(f, data, by_name)
    elif "xl/workbook.bin" in by_name:
        raise _refuse(f, "xlsb")
    else:
        raise _refuse(f, "other", why=" (arsip zip lain, misalnya dokumen Word)")
    errors: Errors = {}
    merged: dict[str, list[Span]] = {}
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):  # calamine parses only XML parts
            sheet = sheet_parts.get(info.filename)
            walk = _OdsWalk() if fmt == "ods" and info.filename == "content.xml" else None
            found = _scan_member(f, data, info, sheet, walk)
            if sheet is not None:
                errors[sheet] = found
            for table in walk.tables if walk else []:
                if table.rows * table.cols > MAX_CELLS:
                    raise _refuse(f, "cells", sheet=table.name, rows=table.rows, cols=table.cols,
                                  limit=MAX_CELLS)
                errors[table.name], merged[table.name] = table.errors(), table.merged
    return fmt, errors, merged


def _inflate(f: str, data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Yield a member's bytes in chunks, refusing it as soon as it outgrows its declared size.

    zipfile stops reading at the declared size but calamine's zip reader does not, so a member
    that lies about its size would pass a zipfile-based check and still explode in calamine.
    """
    at = info.header_offset
    if data[at:at + 4] != _ZIP or at + 30 > len(data):
        raise _refuse(f, "corrupt")
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_len + extra_len
    raw = memoryview(data)[start:start + info.compress_size]
    stored = info.compress_type == zipfile.ZIP_STORED
    if len(raw) < info.compress_size or (stored and info.compress_size != info.file_size):
        raise _refuse(f, "corrupt")
    if stored:
        yield from (bytes(raw[i:i + _CHUNK]) for i in range(0, len(raw), _CHUNK))
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:  # Excel and LibreOffice only use deflate
        raise _refuse(f, "corrupt")
    inflater, produced = zlib.decompressobj(-15), 0
    for i in range(0, len(raw), _CHUNK // 4):
        pending: bytes | memoryview = raw[i:i + _CHUNK // 4]
        while pending:
            try:
                out = inflater.decompress(pending, _CHUNK)
            except zlib.error:
                raise _refuse(f, "corrupt") from None
            produced += len(out)
            if produced > info.file_size:
                raise _refuse(f, "bomb", why=f"bagian {info.filename} lebih besar dari ukuran yang tercatat")
            yield out
            pending = inflater.unconsumed_tail
    if produced != info.file_size:
        raise _refuse(f, "corrupt")


def _sheet_parts(f: str, data: bytes, by_name: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Map worksheet XML paths to sheet names through workbook.xml and its relationships."""
    parsed = []
    for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if part not in by_name:
            raise _refuse(f, "corrupt")
        try:  # defusedxml refuses entities; the streaming pass later refuses any DOCTYPE too
            parsed.append(SafeET.fromstring(b"".join(_inflate(f, data, by_name[part]))))
        except DefusedXmlException:
            raise _refuse(f, "xml", part=part) from None
        except ParseError:
            raise _refuse(f, "corrupt") from None
    book, rels = parsed
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter() if r.tag.endswith("Relationship")}
    parts = {}
    for el in (el for el in book.iter() if el.tag.rsplit("}", 1)[-1] == "sheet"):
        rid = next((v for k, v in el.attrib.items() if k.startswith("{") and k.endswith("}id")), None)
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        parts[path] = el.get("name") or ""
    return parts


def _scan_member(f: str, data: bytes, info: zipfile.ZipInfo, sheet: str | None,
                 walk: _OdsWalk | None) -> dict[tuple[int, int], str]:
    """Stream one XML part: refuse a DTD anywhere in it; for a worksheet, return its error
    cells and refuse it if its extent is too large; feed content.xml to the ods walk."""
    errors: dict[tuple[int, int], str] = {}
    wide, deep, tail = 26, 0, b""
    for chunk in _inflate(f, data, info):
        piece = tail + chunk
        if b"<!DOCTYPE" in piece or b"<!ENTITY" in piece:
            raise _refuse(f, "xml", part=info.filename)
        tail = piece[-_OVERLAP:]
        if walk is not None:
            walk.feed(f, chunk)
        if sheet is None:
            continue
        if b't="e"' in piece:  # error cells are rare: almost every chunk skips the regex
            for m in _ERROR_CELL.finditer(piece):
                ref, value = _REF.search(m.group(1)), _VALUE.search(m.group(2))
                if ref and value:
                    pos = (int(ref.group(2)) - 1, _column_index(ref.group(1)))
                    errors[pos] = value.group(1).decode("utf-8", "replace")
        wide = max([wide, *(_column_index(c) + 1 for c in set(_WIDE_REF.findall(piece)))])
        deep = max([deep, *map(int, set(_DEEP_REF.findall(piece)))])
    if walk is not None:
        walk.feed(f, b"", final=True)
    # Rows under 100000 and columns up to Z are not scanned one by one (too slow); assume the
    # worst, and only when that could be too big pay for an exact scan of every reference.
    if sheet is not None and max(deep, 99_999) * wide > MAX_CELLS:
        rows = cols = 0
        tail = b""
        for chunk in _inflate(f, data, info):
            for letters, digits in set(_REF.findall(tail + chunk)):
                rows, cols = max(rows, int(digits)), max(cols, _column_index(letters) + 1)
            tail = chunk[-_OVERLAP:]
        if rows * cols > MAX_CELLS:
            raise _refuse(f, "cells", sheet=sheet, rows=rows, cols=cols, limit=MAX_CELLS)
    return errors


@dataclass
class _OdsTable:
    name: str
    rows: int = 0  # extent of the cells calamine will fill, counting repeats
    cols: int = 0
    error_areas: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # r, c, h, w
    merged: list[Span] = field(default_factory=list)

    def errors(self) -> dict[tuple[int, int], str]:
        # Expanded only after the extent check, so repeated error cells cannot blow up memory.
        return {(r + i, c + j): code for r, c, h, w, code in self.error_areas
                for i in range(h) for j in range(w)}


class _OdsWalk:
    """One streaming pass over content.xml.

    calamine gives ods error cells as their cached number (0.0), gives no merged ranges for
    ods, and expands repeated cells, so a few bytes can ask it for billions of cells. Expat
    with DTDs forbidden is what defusedxml does, minus the tree we do not need. Names keep
    their usual prefixes ("table:"), as calamine matches them; a cell is used when it has
    office:value-type, calamine's rule too; so only start tags are needed, and text only
    inside error cells.
    """

    def __init__(self) -> None:
        self.tables: list[_OdsTable] = []
        self._row = self._col = self._row_repeat = 0
        self._row_used = False
        self._error: tuple[int, int, list[str]] | None = None  # col, repeat, text
        self._parser = expat.ParserCreate()
        self._parser.buffer_text = True
        self._parser.StartElementHandler = self._start
        self._parser.StartDoctypeDeclHandler = self._parser.EntityDeclHandler = self._forbid

    def feed(self, f: str, chunk: bytes, final: bool = False) -> None:
        try:
            self._parser.Parse(chunk, final)
        except (expat.ExpatError, ValueError):
            raise _refuse(f, "corrupt") from None
        if final:
            self._close_row()

    def _forbid(self, *_: object) -> None:
        raise ValueError("DTD in content.xml")

    def _close_error(self) -> None:  # the error text ends where the next cell or row starts
        if self._error is not None:
            col, repeat, text = self._error
            code = "".join(text).strip() or "Err"
            self.tables[-1].error_areas.append((self._row, col, self._row_repeat, repeat, code))
            self._error, self._parser.CharacterDataHandler = None, None

    def _close_row(self) -> None:
        self._close_error()
        if self.tables and self._row_used:
            self.tables[-1].rows = self._row + self._row_repeat
        self._row += self._row_repeat
        self._row_repeat, self._row_used = 0, False

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag in ("table:table-cell", "table:covered-table-cell") and self.tables:
            self._close_error()
            repeat = int(attrs.get("table:number-columns-repeated", 1)) if attrs else 1
            if attrs and "office:value-type" in attrs:
                table = self.tables[-1]
                table.cols, self._row_used = max(table.cols, self._col + repeat), True
                if attrs.get("calcext:value-type") == "error":
                    self._error = (self._col, repeat, [])
                    self._parser.CharacterDataHandler = self._error[2].append
            if attrs and ("table:number-rows-spanned" in attrs or "table:number-columns-spanned" in attrs):
                last_row = self._row + int(attrs.get("table:number-rows-spanned", 1)) - 1
                last_col = self._col + int(attrs.get("table:number-columns-spanned", 1)) - 1
                self.tables[-1].merged.append((self._row, self._col, last_row, last_col))
            self._col += repeat
        elif tag == "table:table-row":
            self._close_row()
            self._row_repeat, self._col = int(attrs.get("table:number-rows-repeated", 1)), 0
        elif tag == "table:table":
            self._close_row()
            self.tables.append(_OdsTable(attrs.get("table:name", "")))
            self._row = 0


# --- calamine --------------------------------------------------------------------------------


def _clean(rows: Grid) -> Grid:
    # One pass: calamine's '' is an empty cell; error texts (CSV, ods strings) become CellError.
    return [[None if v == "" else
             CellError(v) if v.__class__ is str and (v[:1] == "#" or v[:4] == "Err:")
             and _ERROR_TEXT.fullmatch(v) else v for v in row] for row in rows]


def _read_calamine(f: str, data: bytes, errors: Errors, merged: dict[str, list[Span]],
                   max_rows: int) -> list[Sheet]:
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:  # chart and macro sheets hold no table
                continue
            cal = book.get_sheet_by_name(meta.name)
            end = cal.end  # (last_row, last_col) 0-based, None for an empty sheet
            if end and end[0] + 1 > max_rows:
                raise _refuse(f, "rows", sheet=meta.name, limit=max_rows)
            rows = _clean(cal.to_python(skip_empty_area=False)) if end else []
            spans = [(a, b, c, d) for (a, b), (c, d) in cal.merged_cell_ranges or []]
            for (r, c), code in errors.get(meta.name, {}).items():
                if r >= len(rows) or c >= len(rows[0]):  # calamine may drop an edge error cell
                    width = max(c + 1, len(rows[0]) if rows else 0)
                    rows.extend([] for _ in range(r + 1 - len(rows)))
                    for row in rows:
                        row.extend([None] * (width - len(row)))
                rows[r][c] = CellError(code)
            hidden = meta.visible != pc.SheetVisibleEnum.Visible
            sheets.append(Sheet(meta.name, rows, hidden, spans or merged.get(meta.name, [])))
        return sheets
    except pc.PasswordError:
        raise _refuse(f, "password") from None
    except (pc.CalamineError, ValueError, OSError):
        raise _refuse(f, "corrupt") from None
    except BaseException as exc:  # pyo3 turns a Rust panic into PanicException, a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise _refuse(f, "corrupt") from None


# --- csv -------------------------------------------------------------------------------------


def _read_csv(f: str, data: bytes, max_rows: int) -> Sheet:
    text, name = _decode(f, data), re.split(r"[\\/]", f)[-1].rsplit(".", 1)[0] or f
    sample = text[:65_536]
    binary = len(re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", sample)) > len(sample) // 100
    if "\x00" in text or binary:  # cp1252 decodes almost anything: judge by the characters
        raise _refuse(f, "other", why=" (isinya data biner, bukan teks)")
    if re.match(r"\s*<(?:!doctype|html|table|\?xml|head|body|meta|!--)", sample, re.I):
        raise _refuse(f, "html")
    rows: Grid = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(sample)):
            if len(rows) >= max_rows:
                raise _refuse(f, "rows", sheet=name, limit=max_rows)
            rows.append(row)  # type: ignore[arg-type]
    except csv.Error as exc:
        raise _refuse(f, "csv", why=exc) from None
    width = max(map(len, rows), default=0)
    if len(rows) * width > MAX_CELLS:
        raise _refuse(f, "cells", sheet=name, rows=len(rows), cols=width, limit=MAX_CELLS)
    grid = _clean(rows)
    for row in grid:  # ragged lines are padded so the grid is rectangular like calamine's
        row.extend([None] * (width - len(row)))
    return Sheet(name, grid)


def _decode(f: str, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel "Unicode text"
        encodings = ["utf-16"]
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    else:
        encodings = ["utf-8", "cp1252"]  # Excel on Indonesian Windows saves CSV as cp1252
    for enc in encodings:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise _refuse(f, "other", why=" (bukan teks UTF-8 atau Windows-1252)")


def _delimiter(sample: str) -> str:
    sample = sample[:16_384]
    sample = sample[: sample.rfind("\n") + 1] or sample  # a cut-off last line misleads Sniffer
    lines = [ln for ln in sample.splitlines()[:30] if ln.strip()] or [""]

    def count(line: str, d: str) -> int:  # occurrences outside double quotes
        return sum(part.count(d) for part in line.split('"')[::2])

    try:
        guess = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
        # Sniffer can be fooled by a decimal comma in every data row; a header rarely holds a
        # stray delimiter, so a guess absent from the header is not trusted.
        if count(lines[0], guess):
            return guess
    except csv.Error:
        pass

    def score(d: str) -> tuple[bool, int, int]:
        counts = [count(ln, d) for ln in lines]
        if not counts[0]:  # absent from the header: if all are, it is one column, so split least
            return False, -sum(counts), 0
        common = max(set(counts), key=counts.count)  # else the most consistent count wins
        return True, counts.count(common), common

    return max((",", ";", "\t"), key=score)
