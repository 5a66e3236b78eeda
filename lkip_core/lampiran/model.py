"""The layout model every annex sheet is described in, before any cell is written.

A lampiran module turns the analysis results into `Lembar`s (sheets) made of `Tabel`s; the
xlsx writer (`tulis.py`) and the page's preview (`ke_frame`) both read the same objects, so the
preview shows exactly the numbers that go into the workbook.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

# Kinds of column; each has one number format in the workbook and one in the preview.
TEKS, NOMOR, KODE, ANGKA, PERSEN, RUPIAH, INDEKS = (
    "teks", "nomor", "kode", "angka", "persen", "rupiah", "indeks")
# Kinds of row: ordinary rows, group rows (bold), sum rows (bold, shaded).
DATA, SASARAN, PROGRAM, KEGIATAN, SUBTOTAL, TOTAL = (
    "data", "sasaran", "program", "kegiatan", "subtotal", "total")
KOSONG = "—"  # a value that cannot be computed (fmt.KOSONG): an em dash, never a zero


@dataclass(frozen=True)
class Kolom:
    """One table column: its key in the rows, its header, its kind, and its place.

    `grup` is the upper header merged over consecutive columns of the same grup; `lebar` is
    how many sheet columns the column spans (a sheet's widths are set for its main table;
    a smaller table further down merges columns to line up).
    """

    kunci: str
    judul: str
    jenis: str = TEKS
    grup: str | None = None
    lebar: int = 1


@dataclass
class Baris:
    """One row. `jumlah` maps a column to the indices of the rows it sums (written as a SUM
    formula with the computed value); `gabung` writes the first key's value merged over the
    columns from the first to the second key (a label such as "Jumlah")."""

    nilai: dict[str, object]
    jenis: str = DATA
    jumlah: dict[str, list[int]] = field(default_factory=dict)
    gabung: tuple[str, str] | None = None
    indent: int = 0  # indent of text cells (a sub kegiatan under its kegiatan)


@dataclass
class Tabel:
    kolom: list[Kolom]
    baris: list[Baris]
    judul: str | None = None  # a caption above the table ("Tabel 2. Program dan anggaran")
    # Vertical merges: (column key, first row index, last row index), e.g. a sasaran over its
    # indicators.
    gabung: list[tuple[str, int, int]] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)  # notes printed under the table


@dataclass
class Lembar:
    """One printed sheet: title block, tables, an optional signature block."""

    nama: str  # sheet name (≤ 31 characters)
    judul: list[str]  # title block lines, centred
    lebar: list[float]  # sheet column widths (characters)
    tabel: list[Tabel]
    ttd: bool = True
    # Rows repeated on every printed page: "tabel" (the first table's header) or "judul" (the
    # title block; for sheets made of several short tables).
    ulang: str = "tabel"


def kosong(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def label_kolom(k: Kolom) -> str:
    return f"{k.grup} {k.judul}" if k.grup else k.judul


@dataclass
class Pratinjau:
    """A table as a frame for the page, with which columns to format how."""

    judul: str | None
    frame: pd.DataFrame
    rupiah: list[str]
    persen: list[str]
    angka: list[str]
    catatan: list[str]


def ke_frame(tabel: Tabel) -> Pratinjau:
    """The table as the workbook shows it: one column per header, merged cells repeated."""
    labels = [label_kolom(k) for k in tabel.kolom]
    rows = []
    kunci = [k.kunci for k in tabel.kolom]
    for b in tabel.baris:
        row = {}
        for k, lab in zip(tabel.kolom, labels):
            v = b.nilai.get(k.kunci)
            row[lab] = None if kosong(v) else v
        if b.gabung:
            # A label merged over several columns ("Jumlah") goes, on screen, into the first
            # text column it covers, where there is room to read it.
            span = tabel.kolom[kunci.index(b.gabung[0]):kunci.index(b.gabung[1]) + 1]
            ke = next((k for k in span if k.jenis == TEKS), span[0])
            label = row[label_kolom(span[0])]
            row[label_kolom(span[0])] = None
            row[label_kolom(ke)] = label
        rows.append(row)
    # Vertically merged cells hold their value in the first row only; repeat it, as a
    # table on screen has no merged cells.
    for k_gabung, awal, akhir in tabel.gabung:
        lab = labels[kunci.index(k_gabung)]
        for i in range(awal + 1, akhir + 1):
            rows[i][lab] = rows[awal][lab]
    by = {j: [label_kolom(k) for k in tabel.kolom if k.jenis in js]
          for j, js in (("rupiah", (RUPIAH,)), ("persen", (PERSEN,)),
                        ("angka", (ANGKA, INDEKS)))}
    for k, lab in zip(tabel.kolom, labels):
        for row in rows:
            v = row[lab]
            if k.jenis in (TEKS, NOMOR, KODE):
                # A label row ("Jumlah") shares the No column with numbers: one type a column.
                row[lab] = None if v is None else str(v)
            elif v == KOSONG:
                # "—" is the workbook's sign for "no value"; the screen shows it for None.
                row[lab] = None
    frame = pd.DataFrame(rows, columns=labels)
    for lab in by["rupiah"] + by["persen"] + by["angka"]:
        frame[lab] = pd.to_numeric(frame[lab]).astype(float)  # numbers, missing as NaN
    return Pratinjau(tabel.judul, frame, by["rupiah"], by["persen"], by["angka"],
                     list(tabel.catatan))
