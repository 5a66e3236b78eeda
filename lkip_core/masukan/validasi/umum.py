"""What the per-kind checks share: finding sheets, uniqueness, references, storing rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa

from lkip_core.errors import Problem
from lkip_core.masukan.berkas import Sheet, Workbook
from lkip_core.masukan.kolom import ANGGARAN_REALISASI, KINERJA, LPJ, Lembar
from lkip_core.masukan.parsing import normalise_header
from lkip_core.masukan.tabel import TabelTerbaca, find_header


@dataclass
class Muatan:
    """The outcome of checking one file, and what to store when it has no errors."""

    problems: list[Problem] = field(default_factory=list)
    baris: int = 0
    dilewati: int = 0
    kode_unit: str | None = None
    tahun: int | None = None
    _simpan: list[Callable[[duckdb.DuckDBPyConnection, int], None]] = field(default_factory=list)

    def tambah(self, t: TabelTerbaca) -> None:
        t.urutkan()  # checks after reading add problems too: keep the sheet's reading order
        self.problems.extend(t.problems)
        self.baris += len(t)
        self.dilewati += t.dilewati

    def nanti(self, fn: Callable[[duckdb.DuckDBPyConnection, int], None]) -> None:
        self._simpan.append(fn)

    def simpan(self, cur: duckdb.DuckDBPyConnection, sid: int) -> None:
        for fn in self._simpan:
            fn(cur, sid)

    @property
    def ada_galat(self) -> bool:
        return any(p.level == "error" for p in self.problems)


def cari_lembar(wb: Workbook, lembar: Lembar) -> Sheet | None:
    """The sheet named like `lembar` (or one of its synonyms); a CSV's only sheet matches all."""
    wanted = {normalise_header(n) for n in (lembar.nama, *lembar.sinonim)}
    for s in wb.sheets:
        if normalise_header(s.name) in wanted:
            return s
    if wb.format == "csv" and len(wb.sheets) == 1:
        return wb.sheets[0]
    return None


def _punya(sheet: Sheet, lembar: Lembar, prefixes: tuple[str, ...]) -> bool:
    h = find_header(sheet, lembar)
    return h is not None and any(c.startswith(prefixes) for c in h[1])


def lembar_isi(wb: Workbook, lembar: Lembar, prefixes: tuple[str, ...]) -> Sheet | None:
    """Find a sheet by name and content, or by content alone (a unit's own spreadsheet)."""
    s = cari_lembar(wb, lembar)
    if s is not None and _punya(s, lembar, prefixes):
        return s
    return next((s for s in wb.sheets if not s.hidden and _punya(s, lembar, prefixes)), None)


KINERJA_CIRI = ("realisasi_tw",)
ANGGARAN_CIRI = ("keuangan_tw", "fisik_tw")


def jenis_dari_isi(wb: Workbook) -> str | None:
    """Recognise a realisasi or LPJ file by its columns when its sheet names say nothing."""
    for s in wb.sheets:
        if s.hidden:
            continue
        if find_header(s, LPJ) is not None:
            return "lpj"
        if _punya(s, KINERJA, KINERJA_CIRI) or _punya(s, ANGGARAN_REALISASI, ANGGARAN_CIRI):
            return "realisasi"
    return None


def cek_unik(t: TabelTerbaca, kunci: Iterable[str] | None = None) -> None:
    """Every key appears once; each repeat is named with the row of its first appearance."""
    cols = tuple(kunci or t.lembar.kunci)
    if not cols or any(c not in t.data for c in cols):
        return
    seen: dict[tuple, int] = {}
    for i, row_no in enumerate(t.baris):
        key = tuple(t.data[c][i] for c in cols)
        if any(k is None for k in key):
            continue
        if key in seen:
            shown = " / ".join(str(k) for k in key)
            t.problem(
                f"'{shown}' muncul lebih dari sekali (pertama di baris {seen[key]}). "
                "Setiap kode hanya boleh satu baris; gabungkan atau hapus baris ganda.",
                row=row_no, kolom=cols[0], value=shown,
            )
        else:
            seen[key] = row_no


def cek_referensi(t: TabelTerbaca, kolom: str, dikenal: set, apa: str, sheet_asal: str) -> None:
    """Each value of `kolom` must exist in `dikenal` (codes from another sheet or the master)."""
    if kolom not in t.data:
        return
    for i, v in enumerate(t.data[kolom]):
        if v is not None and v not in dikenal:
            t.problem(
                f"{apa} '{v}' tidak ada di sheet {sheet_asal}. Tambahkan di sana atau perbaiki "
                "kodenya.",
                row=t.baris[i], kolom=kolom, value=v,
            )


_ARROW = {
    "code": pa.string(), "text": pa.string(), "number": pa.float64(), "money": pa.float64(),
    "percent": pa.float64(), "year": pa.int32(), "date": pa.date32(), "flag": pa.bool_(),
}


_ROW_GROUP = 122_880  # DuckDB's row group size


def arrow_table(t: TabelTerbaca, sid: int) -> pa.Table:
    """The parsed columns as an Arrow table (None stays NULL; NaN never appears)."""
    cols = {"submission_id": pa.array(np.full(len(t), sid, dtype=np.int32)),
            "baris": pa.array(np.asarray(t.baris, dtype=np.int32))}
    for k in t.lembar.kolom:
        if k.nama in t.data:
            kind = _ARROW.get(k.jenis, pa.string())
            values = t.data[k.nama]
            cols[k.nama] = (values.cast(kind) if isinstance(values, pa.Array | pa.ChunkedArray)
                            else pa.array(values, kind))
    return pa.table(cols)


def simpan_tabel(cur: duckdb.DuckDBPyConnection, tabel_db: str, t: TabelTerbaca, sid: int, *,
                 progress: Callable[[float, str], None] | None = None) -> None:
    """Insert the rows of `t` into `tabel_db` (a fixed schema table name, never user input)."""
    if progress is not None:
        progress(0.85, f"Memuat {len(t):,} baris {t.file} ke basis data …".replace(",", "."))
    data = arrow_table(t, sid)
    # in row groups: DuckDB writes each full one to the file at once instead of keeping the
    # whole table in memory until COMMIT
    for at in range(0, max(len(data), 1), _ROW_GROUP):
        cur.register("_muat", data.slice(at, _ROW_GROUP))
        try:
            cur.execute(f"INSERT INTO {tabel_db} BY NAME SELECT * FROM _muat")
        finally:
            cur.unregister("_muat")


def isi_bawaan(t: TabelTerbaca, kolom: str, nilai: object) -> None:
    """Apply a spec default (e.g. agregasi 'terakhir') where a cell was left empty."""
    vals = t.data.setdefault(kolom, [None] * len(t))
    for i, v in enumerate(vals):
        if v is None:
            vals[i] = nilai
