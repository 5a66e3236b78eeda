"""Finance transactions (inputs.md §3): LPJ/BKU lines for one year, any number of units."""

from __future__ import annotations

from collections import Counter

import duckdb

from ..berkas import Workbook
from ..errors import Problem
from ..kolom import LPJ
from ..tabel import baca_tabel, find_header
from .umum import Muatan, cari_lembar, simpan_tabel


def muat_lpj(cur: duckdb.DuckDBPyConnection, wb: Workbook, *, kode_unit: str | None = None,
             tahun: int | None = None) -> Muatan:
    m = Muatan()
    sheet = cari_lembar(wb, LPJ)
    if sheet is None:
        sheet = next((s for s in wb.sheets if not s.hidden and find_header(s, LPJ)), None)
    if sheet is None:
        m.problems.append(Problem(
            "Tidak ada sheet dengan kolom LPJ (Tanggal, Nomor Bukti, Kode Sub Kegiatan, Jumlah).",
            file=wb.file_name))
        return m
    t = baca_tabel(sheet, LPJ, wb.file_name)
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
    m.tambah(t)
    m.tahun = year
    if not m.ada_galat:
        m.nanti(lambda c, sid: simpan_tabel(c, "lpj", t, sid))
    return m
