"""Large CSV files read by DuckDB into Arrow columns, cell for cell as the csv module reads them.

A finance export of a city's year is a million lines. Python's csv module makes a Python
string of every cell; DuckDB's reader splits the same bytes into Arrow columns in C++. The two
agree exactly on plain files: no field starting with a quote, no lone CR line
ends, at most `BARIS_KOSONG_MAKS` empty lines (DuckDB drops them, so their rows are put back
here, which keeps every row number the spreadsheet's). Any other file — and any file DuckDB
reads differently from what the line scan below expects — goes to the csv module (berkas.py),
so the rules of reading a CSV stay the csv module's.

DuckDB reads a file, not bytes: the bytes are written to a temporary file first (in memory,
/dev/shm, where there is one; UTF-8: a Windows-1252 file is converted piece by piece).
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from collections.abc import Callable

import duckdb
import numpy as np
import pyarrow as pa

from lkip_core.masukan.berkas_batas import MAX_CELLS, _refuse
from lkip_core.masukan.berkas_kolom import KolomSel, pisah_galat
from lkip_core.masukan.lembar import Sheet

CEPAT_MULAI = 1 << 20  # smaller files: the csv module is as fast and needs no temporary file
BARIS_KOSONG_MAKS = 1_000
_POTONG = 1 << 22  # bytes converted at a time: bounded memory for any file size
_POTONG_GARIS = 1 << 20  # bytes scanned for line ends at a time
_CP1252_KOSONG = (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # bytes Python's cp1252 codec refuses
_BARIS_ARROW = 122_880  # rows per Arrow batch from DuckDB (a multiple of its vector size)
_BUFFER = 4 << 20  # DuckDB's read buffer (its default, 32 MB, only costs memory here)


def baca(f: str, name: str, data: bytes, max_rows: int, max_cols: int | None,
         delimiter: Callable[[str], str]):
    """The sheet of a CSV file as columns, or None when the csv module must read it.

    Refusals (too many rows or cells) are raised as berkas.read_workbook raises them.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return None
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    if not _utf8(body):
        if data.startswith(codecs.BOM_UTF8) or any(bytes((b,)) in body for b in _CP1252_KOSONG):
            return None  # the csv path refuses it with its message
        encoding = "cp1252"
    else:
        encoding = "utf-8"
    sample = codecs.getincrementaldecoder(encoding)().decode(body[: 4 * 65_536 + 3])[:65_536]
    if bukan_teks(sample):
        return None  # the csv path refuses it
    delim = delimiter(sample)
    lines = _garis(body, delim)
    if lines is None:
        return None
    blank, width = lines
    n_lines = len(blank)
    if max_cols is not None and width > max_cols:
        return None  # the csv path names the first line that is too wide, as before
    if n_lines > max_rows:
        raise _refuse(f, "rows", sheet=name, limit=max_rows)
    if n_lines * width > MAX_CELLS:
        raise _refuse(f, "cells", sheet=name, rows=n_lines, cols=width, limit=MAX_CELLS)
    if width == 0 or int(blank.sum()) > BARIS_KOSONG_MAKS:
        return None
    # DuckDB skips empty lines, except in a one-column file, where one is an empty value
    skipped = blank if width > 1 else np.zeros_like(blank)
    path = _tulis(body, encoding)
    try:
        cols = _duckdb(path, delim, width, n_lines - int(skipped.sum()))
    finally:
        os.unlink(path)
    if cols is None:
        return None
    if skipped.any():
        cols = [_sisipkan_kosong(c, skipped) for c in cols]
    kolom = []
    for c in cols:
        c, lain = pisah_galat(c)
        kolom.append(KolomSel(n_lines, c if c.null_count < n_lines else None, lain=lain))
    return Sheet(name, kolom=kolom, n_rows=n_lines)


def _utf8(body: bytes) -> bool:
    """Whether the bytes are valid UTF-8 (as strict as Python's codec), without a copy."""
    if body.isascii():
        return True
    offsets = pa.array([0, len(body)], pa.int64()).buffers()[1]
    try:
        pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(body)]
                              ).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def bukan_teks(sample: str) -> str | None:
    """Why the first 64 K characters of a "CSV" say it is none: "other" (binary: cp1252
    decodes almost anything, so it is judged by the characters) or "html"; None if it is text."""
    if len(re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", sample)) > len(sample) // 100:
        return "other"
    if re.match(r"\s*<(?:!doctype|html|table|\?xml|head|body|meta|!--)", sample, re.I):
        return "html"
    return None


def _garis(body: bytes, delim: str) -> tuple[np.ndarray, int] | None:
    """Per line (as the csv module splits records): whether it is empty; and the widest line's
    number of fields. None when the csv module is needed (a quote opening a field, a lone CR).

    The bytes are scanned a megabyte at a time and only a flag per line is kept: the memory
    of the scan stays small whatever the file's size (issue 12).
    """
    if body.count(b"\r") != body.count(b"\r\n"):
        return None  # a CR that ends a line by itself
    d = ord(delim)
    arr = np.frombuffer(body, dtype=np.uint8)
    quoted = b'"' in body
    blanks: list[np.ndarray] = []
    width = 0
    last = (-1, 0)  # the previous line end ("\n") and the delimiters before it
    carry = 0  # delimiters so far
    for at in range(0, len(arr), _POTONG_GARIS):
        chunk = arr[at:at + _POTONG_GARIS]
        if quoted:
            hits = np.flatnonzero(chunk == 34) + at
            before = arr[np.maximum(hits - 1, 0)]
            if (hits == 0).any() or np.isin(before, (d, 10, 13)).any():
                return None  # a quote opening a field: the csv module's rules
        nl = np.flatnonzero(chunk == 10)
        dl = np.flatnonzero(chunk == d)
        sep = np.searchsorted(dl, nl) + carry
        carry += len(dl)
        last, width = _baris_garis(arr, nl + at, sep, last, width, blanks)
    if len(body) and body[-1:] != b"\n":  # the last line without a line end is a line too
        _, width = _baris_garis(arr, np.array([len(body)]), np.array([carry]), last, width,
                                blanks)
    return (np.concatenate(blanks) if blanks else np.zeros(0, bool)), width


def _baris_garis(arr: np.ndarray, nl_at: np.ndarray, sep_at: np.ndarray, last: tuple[int, int],
                 width: int, blanks: list[np.ndarray]) -> tuple[tuple[int, int], int]:
    """The lines ending at `nl_at` (with `sep_at` delimiters before each end): their empty
    flags onto `blanks`; returns the last line's end and the widest line so far."""
    if not len(nl_at):
        return last, width
    starts = np.concatenate(([last[0] + 1], nl_at[:-1] + 1))
    has_cr = (nl_at > starts) & (nl_at < len(arr)) & (arr[np.clip(nl_at - 1, 0, None)] == 13)
    blank = nl_at - has_cr <= starts
    fields = np.diff(np.concatenate(([last[1]], sep_at))) + 1
    fields[blank] = 0
    blanks.append(blank)
    return (int(nl_at[-1]), int(sep_at[-1])), max(width, int(fields.max()))


def _tulis(body: bytes, encoding: str) -> str:
    # in memory (tmpfs) where there is one: the file lives for a fraction of a second
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    fd, path = tempfile.mkstemp(prefix="lkip-", suffix=".csv", dir=shm)
    try:
        with os.fdopen(fd, "wb") as out:
            if encoding == "utf-8":
                out.write(body)
            else:  # one byte is one character: the pieces can be converted apart
                for at in range(0, len(body), _POTONG):
                    out.write(body[at:at + _POTONG].decode(encoding).encode("utf-8"))
    except BaseException:
        os.unlink(path)
        raise
    return path


def _duckdb(path: str, delim: str, width: int, expected: int) -> list[pa.ChunkedArray] | None:
    names = [f"c{j}" for j in range(width)]
    columns = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    # one thread and small buffers: the memory of reading stays near the size of the columns
    # (a second thread saves little here, and the rows must come in file order anyway); what
    # the reader frees goes back at once rather than staying cached in DuckDB's allocator
    con = duckdb.connect(config={"preserve_insertion_order": True, "threads": 1,
                                 "allocator_flush_threshold": "8MB",
                                 "allocator_bulk_deallocation_flush_threshold": "0MB"})
    try:
        reader = con.sql(
            "SELECT * FROM read_csv($p, delim = $d, quote = '', escape = '', comment = '', "
            "header = false, auto_detect = false, null_padding = true, strict_mode = true, "
            f"buffer_size = {_BUFFER}, columns = {columns})", params={"p": path, "d": delim},
        ).to_arrow_reader(_BARIS_ARROW)
        table = reader.read_all()
    except duckdb.Error:
        return None
    finally:
        con.close()
    if table.num_rows != expected:
        return None
    return [table.column(j) for j in range(width)]


def _sisipkan_kosong(col: pa.ChunkedArray, blank: np.ndarray) -> pa.ChunkedArray:
    """Put the empty lines DuckDB skipped back in place, as rows of empty cells (no copy)."""
    pieces: list[pa.Array] = []
    at = 0  # records of `col` placed so far
    where = np.flatnonzero(blank)
    first = 0  # index in `where` of the first empty line of the current run
    for k in range(1, len(where) + 1):
        if k < len(where) and where[k] == where[k - 1] + 1:
            continue  # the run of empty lines goes on
        records_before = int(where[first]) - first  # lines before the run minus empty ones
        if records_before > at:
            pieces.extend(col.slice(at, records_before - at).chunks)
            at = records_before
        pieces.append(pa.nulls(k - first, pa.string()))
        first = k
    if at < len(col):
        pieces.extend(col.slice(at).chunks)
    return pa.chunked_array(pieces, pa.string())
