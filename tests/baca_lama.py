"""The row-by-row reader as it was before the columnar path (issue 12), kept as an oracle.

tests/test_impor_kolom.py reads random sheets and CSV files both ways and requires the same
rows, values, skipped rows and problems — same cells, same messages, same order. This file is
a frozen copy (commit 8299fa1): do not change it to make a test pass.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from functools import partial

from lkip_core.errors import CellProblem
from lkip_core.masukan import parsing
from lkip_core.masukan.berkas import CellError, Sheet, _clean, _decode, _delimiter
from lkip_core.masukan.berkas_batas import MAX_CELLS, _refuse
from lkip_core.masukan.berkas_zip import _refuse_wide
from lkip_core.masukan.kolom import Lembar
from lkip_core.masukan.tabel import TabelTerbaca, find_header, nearest_header

PARSERS = {
    "code": parsing.parse_code, "text": parsing.parse_text, "number": parsing.parse_number,
    "money": parsing.parse_number, "percent": parsing.parse_number, "year": parsing.parse_year,
    "date": parsing.parse_date, "flag": parsing.parse_flag,
    **{f"enum:{name}": partial(parsing.parse_enum, field=name) for name in parsing.ENUMS},
}


def read_csv(f: str, data: bytes, max_rows: int = 1_100_000, max_cols: int | None = 200) -> Sheet:
    text, name = _decode(f, data), re.split(r"[\\/]", f)[-1].rsplit(".", 1)[0] or f
    sample = text[:65_536]
    binary = len(re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", sample)) > len(sample) // 100
    if "\x00" in text or binary:
        raise _refuse(f, "other", why=" (isinya data biner, bukan teks)")
    if re.match(r"\s*<(?:!doctype|html|table|\?xml|head|body|meta|!--)", sample, re.I):
        raise _refuse(f, "html")
    rows: list = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(sample)):
            if len(rows) >= max_rows:
                raise _refuse(f, "rows", sheet=name, limit=max_rows)
            if max_cols is not None and len(row) > max_cols:
                used = len(row)
                while used and not row[used - 1]:
                    used -= 1
                if used > max_cols:
                    raise _refuse_wide(f, name, used, max_cols)
            rows.append(row)
    except csv.Error as exc:
        raise _refuse(f, "csv", why=exc) from None
    width = max(map(len, rows), default=0)
    if len(rows) * width > MAX_CELLS:
        raise _refuse(f, "cells", sheet=name, rows=len(rows), cols=width, limit=MAX_CELLS)
    grid = _clean(rows)
    for row in grid:
        row.extend([None] * (width - len(row)))
    return Sheet(name, grid)


def baca_tabel(sheet: Sheet, lembar: Lembar, file: str) -> TabelTerbaca:
    t = TabelTerbaca(lembar=lembar, file=file, sheet=sheet.name)
    header = find_header(sheet, lembar)
    if header is None:
        near = nearest_header(sheet, lembar)
        if near is None:
            missing = ", ".join(k.header for k in lembar.wajib)
            t.problem(
                f"Baris judul kolom tidak ditemukan di 30 baris pertama. Kolom wajib: {missing}. "
                "Pastikan nama kolom ditulis seperti pada template."
            )
        else:
            row, found = near
            missing = ", ".join(k.header for k in lembar.wajib if k.nama not in found)
            t.problem(
                f"Kolom wajib tidak ditemukan: {missing}. Tambahkan kolom itu pada baris judul "
                "(nama kolom seperti pada template atau sinonimnya).", row=row)
        return t
    hrow, t.kolom, t.judul, unknown = header
    t.header_row = hrow + 1
    for name in unknown:
        t.problem(f"Kolom '{name}' tidak dikenal dan diabaikan.", level="warning")
    cols = [(k.nama, t.kolom[k.nama], PARSERS[k.jenis], k.wajib)
            for k in lembar.kolom if k.nama in t.kolom]
    code_cols = [t.kolom[k.nama] for k in lembar.wajib if k.jenis == "code"]
    rows = sheet.rows
    keep: list[int] = []
    for i in range(hrow + 1, len(rows)):
        row = rows[i]
        empty = row.count(None)
        if empty == len(row) or all(type(v) is str and not v.strip() for v in row
                                    if v is not None):
            t.dilewati += 1
            continue
        first_text = next((v for v in row if type(v) is str and v.strip()), None)
        if (first_text is not None and parsing.is_subtotal_label(first_text)
                and not any(j < len(row) and row[j] not in (None, "") and row[j] != first_text
                            for j in code_cols)):
            t.dilewati += 1
            continue
        keep.append(i)
    t.baris = [i + 1 for i in keep]
    for name, j, parse, wajib in cols:
        out: list = []
        for i in keep:
            row = rows[i]
            v = row[j] if j < len(row) else None
            if v is None:
                if wajib:
                    t.problem("Kolom wajib ini kosong. Isi nilainya.", row=i + 1, kolom=name)
                out.append(None)
                continue
            if type(v) is CellError:
                t.problem(
                    f"Sel berisi galat rumus {v.code}. Perbaiki rumusnya atau ketik nilainya.",
                    row=i + 1, kolom=name, value=v.code,
                )
                out.append(None)
                continue
            try:
                parsed = parse(v)
            except CellProblem as exc:
                t.problem(str(exc), row=i + 1, kolom=name, value=v)
                parsed = None
            else:
                if parsed is None and wajib:
                    t.problem("Kolom wajib ini kosong. Isi nilainya.", row=i + 1, kolom=name)
            out.append(parsed)
        t.data[name] = out
    t.urutkan()
    return t


def cek_lpj(t: TabelTerbaca, tahun: int | None = None) -> int | None:
    """validasi/lpj.py's checks after reading, as they were; returns the file's year."""
    dates = t.data.get("tanggal", [])
    years = Counter(d.year for d in dates if d is not None)
    year = tahun or (years.most_common(1)[0][0] if years else None)
    if year is None and not t.problems:
        t.problem("Berkas LPJ tidak berisi satu transaksi pun.")
    for i, d in enumerate(dates):
        if d is not None and d.year != year:
            t.problem(f"Tanggal di luar tahun {year}. Satu berkas LPJ hanya untuk satu tahun; "
                      "pindahkan transaksi ini ke berkas tahunnya.", row=t.baris[i],
                      kolom="tanggal", value=d.isoformat())
    for i, v in enumerate(t.data.get("jumlah", [])):
        if v == 0:
            t.problem("Jumlah transaksi 0. Hapus baris ini atau isi nilainya.", row=t.baris[i],
                      kolom="jumlah", value=v)
    t.urutkan()
    return year
