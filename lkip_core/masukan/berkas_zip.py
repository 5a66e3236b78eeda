"""Zip formats (xlsx, xlsm, ods) inspected before calamine sees the bytes: member count and
sizes (zip bombs, lying sizes), DOCTYPE/ENTITY declarations, how far each sheet reaches, error
cells and merged ranges that calamine would not report.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from lkip_core.errors import FileRefused
from lkip_core.masukan.berkas_batas import (
    _CHUNK,
    _DEEP_REF,
    _ERROR_CELL,
    _FULL_CELL,
    _HAS_VALUE,
    _ODS_MIME,
    _OVERLAP,
    _REF,
    _VALUE,
    _WIDE_REF,
    _ZIP,
    MAX_CELLS,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNCOMPRESSED,
    RATIO_FLOOR,
    Span,
    _column_index,
    _refuse,
    column_letter,
)

Errors = dict[str, dict[tuple[int, int], str]]  # sheet name → (row, col) → error code


def _inspect_zip(f: str, data: bytes, max_cols: int | None = None,
                 ) -> tuple[str, Errors, dict[str, list[Span]]]:
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
            found = _scan_member(f, data, info, sheet, walk, max_cols)
            if sheet is not None:
                errors[sheet] = found
            for table in walk.tables if walk else []:
                if table.rows * table.cols > MAX_CELLS:
                    raise _refuse(f, "cells", sheet=table.name, rows=table.rows, cols=table.cols,
                                  limit=MAX_CELLS)
                if max_cols is not None and table.cols > max_cols:
                    raise _refuse_wide(f, table.name, table.cols, max_cols)
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


def _refuse_wide(f: str, sheet: str, cols: int, limit: int) -> FileRefused:
    return _refuse(f, "wide", sheet=sheet, cols=cols, letter=column_letter(cols - 1), limit=limit)


def _scan_member(f: str, data: bytes, info: zipfile.ZipInfo, sheet: str | None,
                 walk: _OdsWalk | None, max_cols: int | None = None) -> dict[tuple[int, int], str]:
    """Stream one XML part: refuse a DTD anywhere in it; for a worksheet, return its error
    cells and refuse it if its extent is too large or it holds values beyond `max_cols`
    columns; feed content.xml to the ods walk."""
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
    if sheet is not None and max_cols is not None and wide > max_cols:
        # `wide` counts formatted empty cells too, which calamine (and we) ignore: only cells
        # holding a value count. Rare, so an exact pass over the cells is affordable.
        cols, tail = 0, b""
        for chunk in _inflate(f, data, info):
            for m in _FULL_CELL.finditer(tail + chunk):
                ref = _REF.search(m.group(1))
                if ref and _HAS_VALUE.search(m.group(2)):
                    cols = max(cols, _column_index(ref.group(1)) + 1)
            tail = chunk[-_OVERLAP:]
        if cols > max_cols:
            raise _refuse_wide(f, sheet, cols, max_cols)
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
