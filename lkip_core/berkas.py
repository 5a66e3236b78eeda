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
import functools
import io
import re
from dataclasses import dataclass, field

import python_calamine as pc

from lkip_core.berkas_batas import (  # noqa: F401 — CellError and column_letter are public here
    _ERROR_TEXT,
    _OLE,
    _OTHER_MAGIC,
    _ZIP,
    MAX_BYTES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNCOMPRESSED,
    RATIO_FLOOR,
    CellError,
    Grid,
    Span,
    _refuse,
    column_letter,
)
from lkip_core.berkas_zip import Errors, _inspect_zip, _refuse_wide
from lkip_core.kolom import LPJ, MASTER, REALISASI
from lkip_core.parsing import normalise_header

HEADER_LINES = 30  # the header row is looked for in this many first lines (tabel.py: rows)


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


def read_workbook(file_name: str, data: bytes, *, max_rows: int = 1_100_000,
                  max_cols: int | None = MAX_COLUMNS) -> Workbook:
    """Read an uploaded spreadsheet into a `Workbook`, or raise `FileRefused`.

    A worksheet holding values beyond `max_cols` columns is refused before it is read
    (``None``: no such limit)."""
    f = file_name
    if not data:
        raise _refuse(f, "empty")
    if len(data) > MAX_BYTES:
        raise _refuse(f, "big", mb=len(data) / 2**20, limit=MAX_BYTES // 2**20)
    if data.startswith(_ZIP):
        fmt, errors, merged = _inspect_zip(f, data, max_cols)
        return Workbook(f, fmt, _read_calamine(f, data, errors, merged, max_rows, max_cols))
    if data.startswith(_OLE):
        # OLE directory names are NUL-terminated UTF-16; an encrypted xlsx travels in an OLE
        # container as "EncryptedPackage", an .xls as "Workbook" (or "Book" before Excel 97).
        if "EncryptedPackage\x00".encode("utf-16-le") in data:
            raise _refuse(f, "password")
        if not any(f"{n}\x00".encode("utf-16-le") in data for n in ("Workbook", "Book")):
            raise _refuse(f, "other", why=" (dokumen Office lain, misalnya Word)")
        return Workbook(f, "xls", _read_calamine(f, data, {}, {}, max_rows, max_cols))
    if data.startswith(_OTHER_MAGIC):
        raise _refuse(f, "other", why="")
    return Workbook(f, "csv", [_read_csv(f, data, max_rows, max_cols)])


# --- calamine --------------------------------------------------------------------------------


def _clean(rows: Grid) -> Grid:
    # One pass: calamine's '' is an empty cell; error texts (CSV, ods strings) become CellError.
    return [[None if v == "" else
             CellError(v) if v.__class__ is str and (v[:1] == "#" or v[:4] == "Err:")
             and _ERROR_TEXT.fullmatch(v) else v for v in row] for row in rows]


def _read_calamine(f: str, data: bytes, errors: Errors, merged: dict[str, list[Span]],
                   max_rows: int, max_cols: int | None) -> list[Sheet]:
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
            if end and max_cols is not None and end[1] + 1 > max_cols:  # .xls: the zip scan's job
                raise _refuse_wide(f, meta.name, end[1] + 1, max_cols)
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


def _read_csv(f: str, data: bytes, max_rows: int, max_cols: int | None) -> Sheet:
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
            if max_cols is not None and len(row) > max_cols:
                used = len(row)  # empty fields after the last value (";;;;") do not count
                while used and not row[used - 1]:
                    used -= 1
                if used > max_cols:
                    raise _refuse_wide(f, name, used, max_cols)
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


_DELIMITERS = (",", ";", "\t")


@functools.cache
def _known_headers() -> frozenset[str]:
    """Every column name and synonym of inputs.md, normalised: what a header row is made of."""
    return frozenset(normalise_header(n) for lembar in (*MASTER, *REALISASI, LPJ)
                     for k in lembar.kolom for n in (k.nama, k.header, *k.sinonim)) - {""}


def _delimiter(sample: str) -> str:
    """The delimiter of the table, judged from its header row wherever it is in 30 lines.

    Finance exports put a title and a blank line above the header ("BUKU KAS UMUM TAHUN 2025");
    a title says nothing about the delimiter. First choice: the delimiter that splits some line
    into the most cells named like our columns (at least two). Failing that (a file with other
    column names), the header is the first line that names one of our columns or is split like
    the line below it; title lines above it are skipped.
    """
    sample = sample[:16_384]
    sample = sample[: sample.rfind("\n") + 1] or sample  # a cut-off last line misleads Sniffer
    lines = [ln for ln in sample.splitlines()[:HEADER_LINES] if ln.strip()] or [""]

    known = _known_headers()

    def named(line: str, d: str) -> int:  # cells of `line` split by `d` that name a column
        try:
            cells = next(csv.reader([line], delimiter=d), [])
        except csv.Error:
            return 0
        return sum(normalise_header(c) in known for c in cells if c.strip())

    best = {d: max(named(ln, d) for ln in lines) for d in _DELIMITERS}
    top = max(best.values())
    if top >= 2 and list(best.values()).count(top) == 1:
        return max(best, key=best.__getitem__)

    def count(line: str, d: str) -> int:  # occurrences outside double quotes
        return sum(part.count(d) for part in line.split('"')[::2])

    def header_like(i: int) -> bool:  # names a column, or is split like the line below it
        if any(named(lines[i], d) for d in _DELIMITERS):
            return True
        return i + 1 < len(lines) and any(
            count(lines[i], d) and count(lines[i], d) == count(lines[i + 1], d)
            for d in _DELIMITERS)

    lines = lines[next((i for i in range(len(lines)) if header_like(i)), 0):]
    try:
        guess = csv.Sniffer().sniff("\n".join(lines) + "\n", delimiters="".join(_DELIMITERS)).delimiter
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

    return max(_DELIMITERS, key=score)
