"""Turn uploaded bytes into grids of raw cell values, safely.

`read_workbook` tells the format from the bytes (not the file name), refuses empty, damaged,
password-protected, hostile and too large files with an Indonesian message, and returns each
worksheet as a `Sheet` whose coordinates are the spreadsheet's own: ``rows[0][0]`` is A1. A
sheet can also be read column by column (`Sheet.kolom()`, berkas_kolom.py); a large CSV is
read that way from the start, by DuckDB (berkas_csv.py), and never becomes Python rows.

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
import zipfile
from collections.abc import Callable

import pyarrow as pa
import python_calamine as pc

from lkip_core.masukan import berkas_csv
from lkip_core.masukan.berkas_batas import (  # noqa: F401 — CellError and column_letter are public here
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
from lkip_core.masukan.berkas_kolom import KolomSel, dari_baris, gabung_kolom
from lkip_core.masukan.berkas_zip import Errors, _inspect_zip, _refuse_wide
from lkip_core.masukan.kolom import LPJ, MASTER, REALISASI
from lkip_core.masukan.lembar import Sheet, Workbook, _clean  # noqa: F401 — public here too
from lkip_core.masukan.parsing import normalise_header

HEADER_LINES = 30  # the header row is looked for in this many first lines (tabel.py: rows)


Progress = Callable[[float, str], None]  # (fraction of this file's reading done, what is happening)


def read_workbook(file_name: str, data: bytes, *, max_rows: int = 1_100_000,
                  max_cols: int | None = MAX_COLUMNS, max_bytes: int | None = None,
                  progress: Progress | None = None, kepala: bool = False) -> Workbook:
    """Read an uploaded spreadsheet into a `Workbook`, or raise `FileRefused`.

    A worksheet holding values beyond `max_cols` columns is refused before it is read
    (``None``: no such limit). `max_bytes`: the size limit (the `batas_unggah_mb` setting);
    ``None`` is `MAX_BYTES`. A file whose reading would need more memory than
    `MAX_MEMORI_IMPOR` is refused before it is read. `kepala=True`: of a CSV only the lines in
    its first `KEPALA_CSV` bytes (enough to tell its kind from its header, for a preview)."""
    f = file_name
    say = progress or (lambda _f, _t: None)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if not data:
        raise _refuse(f, "empty")
    if len(data) > limit:
        raise _refuse(f, "big", mb=len(data) / 2**20, limit=limit // 2**20)
    if data.startswith(_ZIP):
        say(0.0, f"Memeriksa isi {f} …")
        fmt, errors, merged = _inspect_zip(f, data, max_cols)
        _cek_memori(f, data, fmt)
        return Workbook(f, fmt, _read_calamine(f, data, errors, merged, max_rows, max_cols, say))
    if data.startswith(_OLE):
        # OLE directory names are NUL-terminated UTF-16; an encrypted xlsx travels in an OLE
        # container as "EncryptedPackage", an .xls as "Workbook" (or "Book" before Excel 97).
        if "EncryptedPackage\x00".encode("utf-16-le") in data:
            raise _refuse(f, "password")
        if not any(f"{n}\x00".encode("utf-16-le") in data for n in ("Workbook", "Book")):
            raise _refuse(f, "other", why=" (dokumen Office lain, misalnya Word)")
        _cek_memori(f, data, "xls")
        return Workbook(f, "xls", _read_calamine(f, data, {}, {}, max_rows, max_cols, say))
    if data.startswith(_OTHER_MAGIC):
        raise _refuse(f, "other", why="")
    if kepala and len(data) > KEPALA_CSV:
        cut = data.rfind(b"\n", 0, KEPALA_CSV) + 1
        data = data[:cut or KEPALA_CSV]
    _cek_memori(f, data, "csv")
    return Workbook(f, "csv", [_read_csv(f, data, max_rows, max_cols, say)])


KEPALA_CSV = 1 << 18


# The memory a file needs while it is read and checked, per byte of what is read, measured
# with benchmarks/impor.py (the process itself comes on top). A file that would need more than
# MAX_MEMORI_IMPOR is refused before it is read: the app must not be killed by one upload.
MAX_MEMORI_IMPOR = 768 * 2**20
MEMORI_PER_BYTE = {"csv": 6.0, "zip": 4.0, "xls": 12.0}  # zip: per byte of unpacked XML


def _cek_memori(f: str, data: bytes, fmt: str) -> None:
    if fmt in ("xlsx", "xlsm", "ods"):
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
                       if i.filename.endswith(".xml"))
        need = unpacked * MEMORI_PER_BYTE["zip"]
    else:
        need = len(data) * MEMORI_PER_BYTE[fmt]
    if need > MAX_MEMORI_IMPOR:
        raise _refuse(f, "memory", mb=need / 2**20, limit=MAX_MEMORI_IMPOR // 2**20)


# --- keeping the original bytes ----------------------------------------------------------------
# Every accepted upload is stored whole (submisi.catat). A CSV is text that zstd shrinks about
# eightfold, and DuckDB needs several times a value's size in memory to store it: a 1,000,000-line
# LPJ stored as it came would cost more memory than reading it. So the bytes are kept
# compressed when that pays, behind a marker no accepted upload can start with (a CSV starting
# with NUL is refused as binary; workbooks start with PK or the OLE signature).
_KEMASAN = b"\x00LKIP-zstd\x00"
_KEMAS_MULAI = 1 << 16  # smaller files are kept as they are


def kemas_asli(data: bytes) -> bytes:
    """The bytes to store for an upload: zstd-compressed with a marker when it saves a quarter."""
    if len(data) < _KEMAS_MULAI or data.startswith(_ZIP):  # a workbook is compressed already
        return data
    sink = pa.BufferOutputStream()
    sink.write(_KEMASAN + len(data).to_bytes(8, "little"))
    view = memoryview(data)  # pieces without copies
    with pa.CompressedOutputStream(sink, "zstd") as out:  # level 1; piece by piece
        for at in range(0, len(data), 1 << 20):
            out.write(view[at:at + (1 << 20)])
    packed = sink.getvalue()
    if packed.size - len(_KEMASAN) - 8 > len(data) * 3 // 4:
        return data
    return packed.to_pybytes()  # the one copy: header and stream were written in place


def buka_asli(stored: bytes) -> bytes:
    """The original bytes of an upload from what `kemas_asli` stored (or older raw bytes)."""
    stored = bytes(stored)
    if not stored.startswith(_KEMASAN):
        return stored
    start = len(_KEMASAN) + 8
    size = int.from_bytes(stored[len(_KEMASAN):start], "little")
    try:
        data = pa.CompressedInputStream(pa.BufferReader(stored[start:]), "zstd").read()
    except (OSError, pa.ArrowException):
        return stored  # damaged: the SHA-256 recorded with it no longer matches (periksa.py)
    return data if len(data) == size else stored


# --- calamine --------------------------------------------------------------------------------



def _read_calamine(f: str, data: bytes, errors: Errors, merged: dict[str, list[Span]],
                   max_rows: int, max_cols: int | None, say: Progress) -> list[Sheet]:
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        metas = [m for m in book.sheets_metadata
                 if m.typ == pc.SheetTypeEnum.WorkSheet]  # chart and macro sheets hold no table
        for k, meta in enumerate(metas):
            cal = book.get_sheet_by_name(meta.name)
            end = cal.end  # (last_row, last_col) 0-based, None for an empty sheet
            if end and end[0] + 1 > max_rows:
                raise _refuse(f, "rows", sheet=meta.name, limit=max_rows)
            if end and max_cols is not None and end[1] + 1 > max_cols:  # .xls: the zip scan's job
                raise _refuse_wide(f, meta.name, end[1] + 1, max_cols)
            say(k / len(metas), f"Membaca {f}, sheet {meta.name}"
                + (f" ({_ribuan(end[0] + 1)} baris) …" if end else " …"))
            # calamine's own rows; "" and error texts are sorted out when the sheet is used
            rows = cal.to_python(skip_empty_area=False) if end else []
            spans = [(a, b, c, d) for (a, b), (c, d) in cal.merged_cell_ranges or []]
            del cal  # calamine's copy of the cells
            for (r, c), code in errors.get(meta.name, {}).items():
                if r >= len(rows) or c >= len(rows[0]):  # calamine may drop an edge error cell
                    width = max(c + 1, len(rows[0]) if rows else 0)
                    rows.extend([] for _ in range(r + 1 - len(rows)))
                    for row in rows:
                        row.extend([""] * (width - len(row)))
                rows[r][c] = CellError(code)
            hidden = meta.visible != pc.SheetVisibleEnum.Visible
            sheets.append(Sheet(meta.name, None, hidden, spans or merged.get(meta.name, []),
                                mentah=rows))
        return sheets
    except pc.PasswordError:
        raise _refuse(f, "password") from None
    except (pc.CalamineError, ValueError, OSError):
        raise _refuse(f, "corrupt") from None
    except BaseException as exc:  # pyo3 turns a Rust panic into PanicException, a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise _refuse(f, "corrupt") from None


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- csv -------------------------------------------------------------------------------------


_POTONG_BARIS = 65_536  # rows of a large CSV turned into columns at a time (bounded memory)


def _read_csv(f: str, data: bytes, max_rows: int, max_cols: int | None,
              say: Progress | None = None) -> Sheet:
    name = re.split(r"[\\/]", f)[-1].rsplit(".", 1)[0] or f
    say = say or (lambda _f, _t: None)
    if len(data) >= berkas_csv.CEPAT_MULAI:
        say(0.0, f"Membaca {f} ({len(data) / 2**20:.0f} MB) …")
        sheet = berkas_csv.baca(f, name, data, max_rows, max_cols, _delimiter)
        if sheet is not None:
            say(1.0, f"Membaca {f}: {_ribuan(sheet.n_rows)} baris")
            return sheet
    text = _decode(f, data)
    sample = text[:65_536]
    wrong = "other" if "\x00" in text else berkas_csv.bukan_teks(sample)
    if wrong == "other":
        raise _refuse(f, "other", why=" (isinya data biner, bukan teks)")
    if wrong == "html":
        raise _refuse(f, "html")
    rows: Grid = []
    done: list[tuple[int, list[KolomSel]]] = []  # earlier rows of a large file, as columns
    n = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(sample)):
            if n >= max_rows:
                raise _refuse(f, "rows", sheet=name, limit=max_rows)
            if max_cols is not None and len(row) > max_cols:
                used = len(row)  # empty fields after the last value (";;;;") do not count
                while used and not row[used - 1]:
                    used -= 1
                if used > max_cols:
                    raise _refuse_wide(f, name, used, max_cols)
            rows.append(row)  # type: ignore[arg-type]
            n += 1
            if len(rows) == _POTONG_BARIS:
                done.append((len(rows), dari_baris(rows)))
                rows = []
                say(0.5, f"Membaca {f}: {_ribuan(n)} baris …")
    except csv.Error as exc:
        raise _refuse(f, "csv", why=exc) from None
    del text
    width = max([len(c) for _, c in done] + [max(map(len, rows), default=0)])
    if n * width > MAX_CELLS:
        raise _refuse(f, "cells", sheet=name, rows=n, cols=width, limit=MAX_CELLS)
    if done:
        done.append((len(rows), dari_baris(rows)))
        return Sheet(name, kolom=gabung_kolom(done, width), n_rows=n)
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
