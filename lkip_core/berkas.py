"""Turn uploaded bytes into grids of raw cell values, safely.

`read_workbook` recognises the format from the bytes (not the file name), refuses empty,
damaged, password-protected and hostile files with an Indonesian message, and returns every
sheet as a grid whose coordinates match what the spreadsheet shows: ``rows[0][0]`` is A1.

Values are those calamine gives (str, int, float, bool, date, datetime, time, and timedelta
for duration formats), ``None`` for an empty cell and `CellError` for an error value.

Known limits:
- .xls: calamine turns error cells (#DIV/0! …) into empty cells and we do not parse BIFF
  ourselves, so in .xls files an error value arrives as ``None``.
- xlsx cells written without an ``r="B7"`` reference (no mainstream writer does this) are not
  seen by the error-cell and extent scans; calamine still reads their values.
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
# calamine allocates the whole rectangle up to the farthest cell (32 bytes a cell in Rust,
# then 8 in the Python list); a 6 KB xlsx with one value in XFD1048576 aborts the process.
MAX_CELLS = 20_000_000

_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_OTHER_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")
_CHUNK, _OVERLAP = 1 << 20, 1 << 16  # overlap: a cell split across two chunks is seen whole
_ERROR_TEXT = re.compile(r"#(?:DIV/0!|REF!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)|Err:\d{3}")
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*?\bt="e"[^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})\d')  # literal prefix keeps these scans fast
_DEEP_REF = re.compile(rb' r="[A-Z]{1,3}(\d{6,})"')
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0 "
_TEXT_P = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 p"

Grid = list[list[object]]


@dataclass(frozen=True)
class CellError:
    """An error value in a cell: #DIV/0!, #REF!, #N/A, #VALUE!, #NAME?, #NUM!, #NULL!, Err:502."""

    code: str


@dataclass
class Sheet:
    name: str
    rows: Grid  # rows[i][j] is spreadsheet row i+1, column j+1 (A = 0)
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based, inclusive


@dataclass
class Workbook:
    file_name: str
    format: str  # "xlsx" | "xlsm" | "xls" | "ods" | "csv"
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet | None:
        """The sheet called `name`; failing that, one whose name differs only in case/spaces."""
        for s in self.sheets:
            if s.name == name:
                return s
        wanted = name.strip().casefold()
        return next((s for s in self.sheets if s.name.strip().casefold() == wanted), None)


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


def _refuse(file_name: str, what: str) -> FileRefused:
    message = f"Berkas {file_name} {what}"
    return FileRefused(message, [Problem(message=message, file=file_name)])


def _not_spreadsheet(f: str, why: str = "") -> FileRefused:
    return _refuse(f, f"bukan berkas spreadsheet (xlsx, xlsm, xls, ods atau csv){why}. "
                      "Unggah berkas yang disimpan dari Excel atau LibreOffice.")


def _corrupt(f: str) -> FileRefused:
    return _refuse(f, "rusak atau terpotong; simpan ulang dari Excel lalu unggah lagi.")


def _password(f: str) -> FileRefused:
    return _refuse(f, "dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
                      "(File > Info > Protect Workbook), simpan, lalu unggah lagi.")


def _bomb(f: str, why: str) -> FileRefused:
    return _refuse(f, f"ditolak karena menyerupai \"zip bomb\": {why}. "
                      "Simpan ulang dari Excel lalu unggah lagi.")


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Indonesian thousands mark


def _too_many_cells(f: str, sheet: str, rows: int, cols: int) -> FileRefused:
    return _refuse(f, f"ditolak: sheet {sheet} menjangkau {_n(rows)} baris x {_n(cols)} kolom, "
                      f"melebihi batas {_n(MAX_CELLS)} sel. Hapus isi sel yang jauh di luar "
                      "tabel, simpan ulang, lalu unggah lagi.")


def _too_many_rows(f: str, sheet: str, max_rows: int) -> FileRefused:
    return _refuse(f, f"ditolak: sheet {sheet} berisi lebih dari {_n(max_rows)} baris. Pisahkan "
                      "datanya atau hapus baris yang tidak perlu, lalu unggah lagi.")


def read_workbook(file_name: str, data: bytes, *, max_rows: int = 1_100_000) -> Workbook:
    """Read an uploaded spreadsheet into a `Workbook`, or raise `FileRefused`."""
    if not data:
        raise _refuse(file_name, "kosong (0 byte); periksa berkasnya lalu unggah lagi.")
    if len(data) > MAX_BYTES:
        raise _refuse(file_name, f"terlalu besar ({len(data) / 2**20:.1f} MB; batas "
                                 f"{MAX_BYTES // 2**20} MB). Hapus sheet atau baris yang tidak "
                                 "perlu, lalu unggah lagi.")
    if data.startswith(_ZIP):
        fmt, facts = _inspect_zip(file_name, data, max_rows)
        return Workbook(file_name, fmt, _read_calamine(file_name, data, fmt, facts, max_rows))
    if data.startswith(_OLE):
        # Stream names in the OLE directory are NUL-terminated UTF-16; an encrypted xlsx
        # travels inside an OLE container as "EncryptedPackage".
        if "EncryptedPackage\x00".encode("utf-16-le") in data:
            raise _password(file_name)
        if not any(f"{n}\x00".encode("utf-16-le") in data for n in ("Workbook", "Book")):
            raise _not_spreadsheet(file_name, " (dokumen Office lain, misalnya Word)")
        return Workbook(file_name, "xls", _read_calamine(file_name, data, "xls", None, max_rows))
    if data.startswith(_OTHER_MAGIC):
        raise _not_spreadsheet(file_name)
    return Workbook(file_name, "csv", [_read_csv(file_name, data, max_rows)])


# --- zip formats: checks made before calamine sees the bytes ---------------------------------


@dataclass
class _ZipFacts:
    errors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # by sheet name
    merged: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)


def _inspect_zip(f: str, data: bytes, max_rows: int) -> tuple[str, _ZipFacts]:
    # Count members from the end-of-central-directory record first: zipfile would otherwise
    # build a ZipInfo for each of possibly a million entries before we could say no.
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd < 0 or eocd + 22 > len(data):
        raise _corrupt(f)
    if struct.unpack_from("<H", data, eocd + 10)[0] > MAX_MEMBERS:  # 0xFFFF = zip64: also too many
        raise _bomb(f, f"berisi lebih dari {_n(MAX_MEMBERS)} bagian")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _corrupt(f) from None
    if len(infos) > MAX_MEMBERS:
        raise _bomb(f, f"berisi lebih dari {_n(MAX_MEMBERS)} bagian")
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise _bomb(f, f"isinya lebih dari {MAX_UNCOMPRESSED // 2**20} MB setelah diekstrak")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise _bomb(f, f"bagian {i.filename} mengembang lebih dari {MAX_RATIO} kali")
        if i.flag_bits & 0x1:
            raise _password(f)
    by_name = {i.filename: i for i in infos}
    facts = _ZipFacts()
    if "mimetype" in by_name:
        head = b"".join(_inflate(f, data, by_name["mimetype"])) if by_name["mimetype"].file_size < 200 else b""
        if head.strip() != _ODS_MIME or "content.xml" not in by_name:
            raise _not_spreadsheet(f, " (dokumen OpenDocument lain)")
        fmt, sheet_parts = "ods", {}
    elif "xl/workbook.xml" in by_name:
        vba = "xl/vbaProject.bin" in by_name or f.lower().endswith(".xlsm")
        fmt, sheet_parts = ("xlsm" if vba else "xlsx"), _sheet_parts(f, data, by_name)
    elif "xl/workbook.bin" in by_name:
        raise _refuse(f, "berformat .xlsb (Excel Binary) yang tidak didukung; buka di Excel, "
                         "simpan sebagai .xlsx, lalu unggah lagi.")
    else:
        raise _not_spreadsheet(f, " (arsip zip lain, misalnya dokumen Word)")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):  # calamine parses only XML parts
            _scan_member(f, data, info, sheet_parts.get(info.filename), facts, max_rows, fmt)
    return fmt, facts


def _inflate(f: str, data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Yield a member's bytes in chunks, refusing it as soon as it outgrows its declared size.

    zipfile stops reading at the declared size but calamine's zip reader does not, so a member
    that lies about its size would pass a zipfile-based check and still explode in calamine.
    """
    at = info.header_offset
    if data[at:at + 4] != _ZIP or at + 30 > len(data):
        raise _corrupt(f)
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_len + extra_len
    raw = memoryview(data)[start:start + info.compress_size]
    if len(raw) < info.compress_size:
        raise _corrupt(f)
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise _corrupt(f)
        for i in range(0, len(raw), _CHUNK):
            yield bytes(raw[i:i + _CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:  # Excel and LibreOffice only use deflate
        raise _corrupt(f)
    inflater, produced = zlib.decompressobj(-15), 0
    for i in range(0, len(raw), _CHUNK // 4):
        pending: bytes | memoryview = raw[i:i + _CHUNK // 4]
        while pending:
            try:
                out = inflater.decompress(pending, _CHUNK)
            except zlib.error:
                raise _corrupt(f) from None
            produced += len(out)
            if produced > info.file_size:
                raise _bomb(f, f"bagian {info.filename} lebih besar dari ukuran yang tercatat")
            if out:
                yield out
            pending = inflater.unconsumed_tail
    if produced != info.file_size:
        raise _corrupt(f)


def _read_small(f: str, data: bytes, info: zipfile.ZipInfo) -> bytes:
    content = b"".join(_inflate(f, data, info))
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise _hostile_xml(f, info.filename)
    return content


def _hostile_xml(f: str, part: str) -> FileRefused:
    return _refuse(f, f"ditolak: bagian {part} memuat deklarasi DOCTYPE/ENTITY yang tidak pernah "
                      "dibuat Excel (bisa dipakai untuk menyerang server). Simpan ulang dari "
                      "Excel lalu unggah lagi.")


def _sheet_parts(f: str, data: bytes, by_name: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Map worksheet XML paths to sheet names through workbook.xml and its relationships."""
    rels_info = by_name.get("xl/_rels/workbook.xml.rels")
    if rels_info is None:
        raise _corrupt(f)
    try:
        book = SafeET.fromstring(_read_small(f, data, by_name["xl/workbook.xml"]))
        rels = SafeET.fromstring(_read_small(f, data, rels_info))
    except DefusedXmlException:
        raise _hostile_xml(f, "xl/workbook.xml") from None
    except ParseError:
        raise _corrupt(f) from None
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter() if r.tag.endswith("Relationship")}
    parts: dict[str, str] = {}
    for el in book.iter():
        if el.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if k.startswith("{") and k.endswith("}id")), None)
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        parts[path] = el.get("name") or ""
    return parts


def _scan_member(f: str, data: bytes, info: zipfile.ZipInfo, sheet: str | None,
                 facts: _ZipFacts, max_rows: int, fmt: str) -> None:
    """Stream one XML part: refuse DTDs anywhere in it, find error cells and the used extent."""
    walk = _OdsWalk() if fmt == "ods" and info.filename == "content.xml" else None
    errors: dict[tuple[int, int], str] = {}
    wide, deep = 26, 0
    tail = b""
    for chunk in _inflate(f, data, info):
        piece = tail + chunk
        if b"<!DOCTYPE" in piece or b"<!ENTITY" in piece:
            raise _hostile_xml(f, info.filename)
        tail = piece[-_OVERLAP:]
        if walk is not None:
            walk.feed(f, chunk)
        if sheet is None:
            continue
        if b't="e"' in piece:  # error cells are rare: skip the regex for almost every chunk
            for m in _ERROR_CELL.finditer(piece):
                ref, value = _REF.search(m.group(1)), _VALUE.search(m.group(2))
                if ref and value:
                    pos = (int(ref.group(2)) - 1, _column_index(ref.group(1)))
                    errors[pos] = value.group(1).decode("utf-8", "replace")
        wide = max([wide, *(_column_index(c) + 1 for c in set(_WIDE_REF.findall(piece)))])
        deep = max([deep, *map(int, set(_DEEP_REF.findall(piece)))])
    if sheet is not None:
        # Rows below 100000 are not scanned one by one (too slow); assume the worst, and only
        # when that worst case could be too big, pay for an exact scan of every reference.
        if max(deep, 99_999) * wide > MAX_CELLS:
            rows, cols = _exact_extent(f, data, info)
            if rows * cols > MAX_CELLS:
                raise _too_many_cells(f, sheet, rows, cols)
        facts.errors[sheet] = errors
    if walk is not None:
        walk.finish(f)
        for table in walk.tables:
            if table.rows > max_rows:
                raise _too_many_rows(f, table.name, max_rows)
            if table.rows * table.cols > MAX_CELLS:
                raise _too_many_cells(f, table.name, table.rows, table.cols)
            facts.errors[table.name] = table.errors()
            facts.merged[table.name] = table.merged


def _exact_extent(f: str, data: bytes, info: zipfile.ZipInfo) -> tuple[int, int]:
    rows = cols = 0
    tail = b""
    for chunk in _inflate(f, data, info):
        piece = tail + chunk
        tail = piece[-_OVERLAP:]
        for letters, digits in set(_REF.findall(piece)):
            rows, cols = max(rows, int(digits)), max(cols, _column_index(letters) + 1)
    return rows, cols


@dataclass
class _OdsTable:
    name: str
    rows: int = 0  # extent of non-empty cells, counting repeats
    cols: int = 0
    error_areas: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # r, c, h, w
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def errors(self) -> dict[tuple[int, int], str]:
        # Expanded only after the extent check, so repeated error cells cannot blow up memory.
        return {(r + i, c + j): code for r, c, h, w, code in self.error_areas
                for i in range(h) for j in range(w)}


class _OdsWalk:
    """One streaming pass over content.xml.

    calamine gives ods error cells as their cached number (0.0), gives no merged ranges for
    ods, and expands repeated cells, so a few bytes can ask it for billions of cells. Expat
    with DTDs forbidden is what defusedxml does too, minus the tree we do not need.
    """

    def __init__(self) -> None:
        self.tables: list[_OdsTable] = []
        self._depth = self._row = self._col = self._row_repeat = 0
        self._row_used = False
        self._cell: list | None = None  # [col, repeat, used, error_text | None, depth]
        p = expat.ParserCreate(namespace_separator=" ")
        p.StartElementHandler, p.EndElementHandler = self._start, self._end
        p.CharacterDataHandler = self._text
        p.StartDoctypeDeclHandler = p.EntityDeclHandler = self._forbid
        self._parser = p

    def feed(self, f: str, chunk: bytes, final: bool = False) -> None:
        try:
            self._parser.Parse(chunk, final)
        except (expat.ExpatError, ValueError):
            raise _corrupt(f) from None

    def finish(self, f: str) -> None:
        self.feed(f, b"", True)

    def _forbid(self, *_: object) -> None:
        raise ValueError("DTD in content.xml")

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        self._depth += 1
        if tag == _TABLE + "table":
            self.tables.append(_OdsTable(attrs.get(_TABLE + "name", "")))
            self._row = 0
        elif tag == _TABLE + "table-row" and self.tables:
            self._row_repeat = int(attrs.get(_TABLE + "number-rows-repeated", 1))
            self._col, self._row_used = 0, False
        elif tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell") and self.tables:
            repeat = int(attrs.get(_TABLE + "number-columns-repeated", 1))
            used = _OFFICE + "value-type" in attrs
            is_error = attrs.get(_CALCEXT + "value-type") == "error"
            self._cell = [self._col, repeat, used, [] if is_error else None, self._depth]
            spans = (int(attrs.get(_TABLE + "number-rows-spanned", 1)),
                     int(attrs.get(_TABLE + "number-columns-spanned", 1)))
            if spans != (1, 1):
                r, c = self._row, self._col
                self.tables[-1].merged.append((r, c, r + spans[0] - 1, c + spans[1] - 1))
        elif tag == _TEXT_P and self._cell and self._depth == self._cell[4] + 1:
            self._cell[2] = True  # text without a value type still shows up in calamine

    def _text(self, text: str) -> None:
        if self._cell and self._cell[3] is not None and self._depth == self._cell[4] + 1:
            self._cell[3].append(text)

    def _end(self, tag: str) -> None:
        cell = self._cell
        if cell and self._depth == cell[4]:
            col, repeat, used, error_text, _ = cell
            table = self.tables[-1]
            if used:
                table.cols, self._row_used = max(table.cols, col + repeat), True
            if error_text is not None:
                code = "".join(error_text).strip() or "Err"
                table.error_areas.append((self._row, col, self._row_repeat, repeat, code))
            self._col += repeat
            self._cell = None
        elif tag == _TABLE + "table-row" and self.tables:
            if self._row_used:
                self.tables[-1].rows = self._row + self._row_repeat
            self._row += self._row_repeat
        self._depth -= 1


# --- calamine ----------------------------------------------------------------------------


def _clean(rows: Grid) -> Grid:
    # One pass: calamine's '' is an empty cell; error texts (CSV, ods strings) become CellError.
    return [[None if v == "" else
             CellError(v) if v.__class__ is str and (v[:1] == "#" or v[:4] == "Err:")
             and _ERROR_TEXT.fullmatch(v) else v for v in row] for row in rows]


def _put(rows: Grid, r: int, c: int, value: object) -> None:
    width = max(len(rows[0]) if rows else 0, c + 1)
    if r >= len(rows) or c >= len(rows[0]):  # calamine may drop an error cell on the edge
        rows.extend([] for _ in range(r + 1 - len(rows)))
        for row in rows:
            row.extend([None] * (width - len(row)))
    rows[r][c] = value


def _read_calamine(f: str, data: bytes, fmt: str, facts: _ZipFacts | None, max_rows: int) -> list[Sheet]:
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:  # chart and macro sheets hold no table
                continue
            cal = book.get_sheet_by_name(meta.name)
            end = cal.end
            if end and end[0] + 1 > max_rows:
                raise _too_many_rows(f, meta.name, max_rows)
            rows = _clean(cal.to_python(skip_empty_area=False)) if end else []
            merged = [(a, b, c, d) for (a, b), (c, d) in cal.merged_cell_ranges or []]
            if facts is not None:
                for (r, c), code in facts.errors.get(meta.name, {}).items():
                    _put(rows, r, c, CellError(code))
                merged = merged or facts.merged.get(meta.name, [])
            hidden = meta.visible != pc.SheetVisibleEnum.Visible
            sheets.append(Sheet(meta.name, rows, hidden, merged))
        return sheets
    except pc.PasswordError:
        raise _password(f) from None
    except (pc.CalamineError, ValueError, OSError):
        raise _corrupt(f) from None
    except BaseException as exc:  # pyo3 turns a Rust panic into PanicException, a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise _corrupt(f) from None


# --- csv ---------------------------------------------------------------------------------


def _read_csv(f: str, data: bytes, max_rows: int) -> Sheet:
    text = _decode(f, data)
    if "\x00" in text:
        raise _not_spreadsheet(f, " (isinya data biner, bukan teks)")
    sample = text[:65_536]
    controls = len(re.findall(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", sample))
    if controls > len(sample) // 100:
        raise _not_spreadsheet(f, " (isinya data biner, bukan teks)")
    if re.match(r"\s*<(?:!doctype|html|table|\?xml|head|body|meta|!--)", sample, re.I):
        raise _refuse(f, "sebenarnya halaman web atau XML (HTML/XML), bukan spreadsheet, walau "
                         "namanya seperti berkas Excel. Buka di Excel, simpan sebagai .xlsx, "
                         "lalu unggah lagi.")
    rows: Grid = []
    width = 0
    try:
        for raw in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(sample)):
            if len(rows) >= max_rows:
                raise _too_many_rows(f, _stem(f), max_rows)
            rows.append(raw)  # type: ignore[arg-type]
            width = max(width, len(raw))
    except csv.Error as exc:
        raise _refuse(f, f"tidak dapat dibaca sebagai CSV ({exc}). Simpan ulang dari Excel "
                         "sebagai CSV lalu unggah lagi.") from None
    if len(rows) * width > MAX_CELLS:
        raise _too_many_cells(f, _stem(f), len(rows), width)
    grid = _clean(rows)
    for row in grid:  # ragged lines are padded so the grid is rectangular like calamine's
        row.extend([None] * (width - len(row)))
    return Sheet(_stem(f), grid)


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
    raise _not_spreadsheet(f, " (bukan teks UTF-8 atau Windows-1252)")


def _delimiter(sample: str) -> str:
    sample = sample[:16_384]
    sample = sample[: sample.rfind("\n") + 1] or sample  # a cut-off last line misleads Sniffer
    lines = [ln for ln in sample.splitlines()[:30] if ln.strip()] or [""]
    try:
        guess = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
        # Sniffer can be fooled by a decimal comma in every data row; a header rarely holds
        # a stray delimiter, so a guess absent from the header is not trusted.
        if _count_outside_quotes(lines[0], guess):
            return guess
    except csv.Error:
        pass

    def score(d: str) -> tuple[bool, int, int]:  # in the header, then most consistent count
        counts = [_count_outside_quotes(ln, d) for ln in lines]
        common = max(set(counts), key=counts.count)
        return counts[0] > 0, counts.count(common) if common else 0, common

    return max((",", ";", "\t"), key=score)


def _count_outside_quotes(line: str, delimiter: str) -> int:
    quoted, n = False, 0
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            n += 1
    return n


def _stem(file_name: str) -> str:
    base = re.split(r"[\\/]", file_name)[-1]
    return base.rsplit(".", 1)[0] if "." in base.strip(".") else base
