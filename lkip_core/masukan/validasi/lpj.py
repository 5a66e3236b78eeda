"""Finance transactions (inputs.md §3): LPJ/BKU lines for one year, any number of units.

The largest file there is (a city's year: a million lines), so its columns stay Arrow arrays
from the reader to the INSERT, and the checks below run on whole columns.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lkip_core.errors import Problem
from lkip_core.masukan.berkas import Workbook
from lkip_core.masukan.kolom import LPJ
from lkip_core.masukan.tabel import Progress, TabelTerbaca, baca_tabel, find_header
from lkip_core.masukan.validasi.umum import Muatan, cari_lembar, simpan_tabel


def muat_lpj(cur: duckdb.DuckDBPyConnection, wb: Workbook, *, kode_unit: str | None = None,
             tahun: int | None = None, progress: Progress | None = None) -> Muatan:
    m = Muatan()
    sheet = cari_lembar(wb, LPJ)
    if sheet is None:
        sheet = next((s for s in wb.sheets if not s.hidden and find_header(s, LPJ)), None)
    if sheet is None:
        m.problems.append(Problem(
            "Tidak ada sheet dengan kolom LPJ (Tanggal, Nomor Bukti, Kode Sub Kegiatan, Jumlah).",
            file=wb.file_name))
        return m
    say = progress or (lambda _f, _t: None)
    t = baca_tabel(sheet, LPJ, wb.file_name, kolom=True,
                   progress=lambda f, text: say(0.8 * f, text))  # loading is the last fifth
    year = tahun or _tahun_terbanyak(t)
    if year is None and not t.problems:
        t.problem("Berkas LPJ tidak berisi satu transaksi pun.")
    if "tanggal" in t.data and year is not None:
        dates = t.data["tanggal"]
        other = pc.fill_null(pc.not_equal(pc.year(dates), year), False)
        for i in _rows(other):
            d = dates[i].as_py()
            t.problem(f"Tanggal di luar tahun {year}. Satu berkas LPJ hanya untuk satu tahun; "
                      "pindahkan transaksi ini ke berkas tahunnya.", row=t.baris[i],
                      kolom="tanggal", value=d.isoformat())
    if "jumlah" in t.data:
        jumlah = t.data["jumlah"]
        for i in _rows(pc.fill_null(pc.equal(jumlah, 0), False)):
            t.problem("Jumlah transaksi 0. Hapus baris ini atau isi nilainya.", row=t.baris[i],
                      kolom="jumlah", value=jumlah[i].as_py())
    m.tambah(t)
    m.tahun = year
    if not m.ada_galat:
        def simpan(c: duckdb.DuckDBPyConnection, sid: int) -> None:
            simpan_tabel(c, "lpj", t, sid, progress=say)
            t.data.clear()  # in the database now: its memory is let go before the COMMIT

        m.nanti(simpan)
    return m


def _rows(mask: pa.Array | pa.ChunkedArray) -> list[int]:
    if not pc.any(mask).as_py():
        return []
    return np.flatnonzero(np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)).tolist()


def _tahun_terbanyak(t: TabelTerbaca) -> int | None:
    """The year most dates fall in; on a tie, the one that comes first in the file."""
    dates = t.data.get("tanggal")
    if dates is None or dates.null_count == len(dates):
        return None
    years = pc.drop_null(pc.year(dates)).to_numpy(zero_copy_only=False)
    found, first, counts = np.unique(years, return_index=True, return_counts=True)
    top = counts == counts.max()
    return int(found[top][np.argmin(first[top])])
