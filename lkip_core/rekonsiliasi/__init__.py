"""SOP step 3, "rechecking dan rekonsiliasi data kinerja" (shared/spec/reconciliation.md).

`rekonsiliasi(cur, tahun, kode_unit=None) -> Laporan` runs every rule of `aturan.DAFTAR`
over the year (one unit or all), records the run (which findings occur, which disappeared),
and returns the findings with their review status. Review actions: `tinjau`,
`riwayat_tinjauan`; the correction loop per unit: `kemajuan`; correction workbooks:
`koreksi.buku_koreksi`, `koreksi.semua_koreksi`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

import duckdb
import pandas as pd

from lkip_core.masukan.rekap import cek_lingkup

from .. import pengaturan
from ..errors import SedangSibuk
from . import status as _status
from .aturan import DAFTAR, KODE, Konteks
from .laporan import KOLOM, TAMBAHAN, Laporan, frame_kosong, rincian, saring, tipe
from .status import STATUS, STATUS_TINJAUAN, catat_temuan, kemajuan, riwayat_tinjauan, tinjau

__all__ = ["DAFTAR", "KODE", "KOLOM", "STATUS", "STATUS_TINJAUAN", "Laporan", "catat_temuan",
           "cek_lingkup", "kemajuan", "rekonsiliasi", "riwayat_tinjauan", "rincian", "saring",
           "segarkan", "tinjau"]

Progress = Callable[[float, str], None]
log = logging.getLogger("lkip")


def _jalankan(cur, tahun: int, kode_unit: str | None, settings: dict, kode: Iterable[str],
              progress: Progress) -> list[dict]:
    rows: list[dict] = []
    kode = list(kode)
    with Konteks(cur, tahun, kode_unit, settings) as ctx:
        for i, k in enumerate(kode):
            a = DAFTAR[k]
            progress(i / max(len(kode), 1), f"Memeriksa {k} · {a.nama} …")
            rows.extend(a.fungsi(cur, tahun, kode_unit, settings, ctx))
    return rows


def _lengkapi(cur, df: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """Add review status, names and first-seen time to a findings frame."""
    tinjauan = {r[0]: r[1:] for r in cur.execute(
        "SELECT t.kunci, t.status, t.catatan, t.oleh, t.waktu FROM v_tinjauan_terakhir t "
        "JOIN rekonsiliasi_temuan f USING (kunci) WHERE f.tahun = ?", [tahun]).fetchall()}
    pertama = dict(cur.execute("SELECT kunci, pertama FROM rekonsiliasi_temuan WHERE tahun = ?",
                               [tahun]).fetchall())
    nama_unit = dict(cur.execute("SELECT kode_unit, nama_unit FROM v_unit").fetchall())
    kosong = (None, None, None, None)
    t = [tinjauan.get(k, kosong) for k in df["kunci"]]
    df["nama_aturan"] = [DAFTAR[a].nama for a in df["aturan"]]
    df["nama_unit"] = [nama_unit.get(u) for u in df["kode_unit"]]
    df["status"] = [x[0] or "baru" for x in t]
    df["catatan"] = [x[1] for x in t]
    df["ditinjau_oleh"] = [x[2] for x in t]
    df["ditinjau_waktu"] = pd.to_datetime(pd.Series([x[3] for x in t], index=df.index,
                                                    dtype=object))
    df["pertama"] = pd.to_datetime(pd.Series([pertama.get(k) for k in df["kunci"]],
                                             index=df.index, dtype=object))
    return df


def _teratasi(cur, tahun: int, kode_unit: str | None, kini: set[str]) -> pd.DataFrame:
    simpan = _status.tercatat(cur, tahun)
    mask = simpan["teratasi"].notna() & ~simpan["kunci"].isin(kini)
    if kode_unit:
        mask &= simpan["kode_unit"] == kode_unit
    df = simpan.loc[mask].rename(columns={"teratasi": "teratasi_waktu"})
    if df.empty:
        return frame_kosong()
    df = df.sort_values(["aturan", "kode_unit", "triwulan", "kode_objek"]).reset_index(drop=True)
    df = _lengkapi(cur, df, tahun)
    df["status"] = "teratasi"
    df["detail"] = [{} for _ in range(len(df))]
    return df[KOLOM + TAMBAHAN]


def rekonsiliasi(cur: duckdb.DuckDBPyConnection, tahun: int, kode_unit: str | None = None, *,
                 catat: bool = True, aturan: Iterable[str] | None = None,
                 settings: dict | None = None, progress: Progress | None = None) -> Laporan:
    """Run the reconciliation rules over `tahun` (one unit, or all) and return the report.

    `catat`: record the run (findings seen, those that disappeared become teratasi).
    `aturan`: a subset of rule codes (default all). `settings` overrides stored settings.
    Raises NotFound for a year or unit the master does not have.
    """
    report = progress or (lambda f, t: None)
    cek_lingkup(cur, tahun, kode_unit)
    mulai = time.perf_counter()
    setelan = {**pengaturan.semua(cur), **(settings or {})}
    kode = [k for k in KODE if aturan is None or k in set(aturan)]
    rows = _jalankan(cur, tahun, kode_unit, setelan, kode, report)
    df = pd.DataFrame(rows, columns=[*KOLOM, "detail"]) if rows else frame_kosong()[
        [*KOLOM, "detail"]]
    df = df.sort_values(["aturan", "kode_unit", "triwulan", "kode_objek"], na_position="first",
                        kind="stable").reset_index(drop=True)
    df["teratasi_waktu"] = pd.NaT
    laporan = Laporan(tahun, df, kode_unit)
    detik = time.perf_counter() - mulai
    if catat:
        report(0.97, "Mencatat hasil …")
        try:
            laporan.run_id, _ = _status.catat_run(
                cur, df, tahun=tahun, kode_unit=kode_unit, per_aturan=laporan.per_aturan,
                per_tingkat=laporan.per_tingkat, detik=detik)
        except (duckdb.TransactionException, SedangSibuk):
            # Another session recorded a run of the same findings at the same moment; the
            # findings are the same, only this run's record is skipped.
            log.warning("rekonsiliasi %s: pencatatan run dilewati (bentrok transaksi)", tahun)
    laporan.temuan = _tipe_penuh(_lengkapi(cur, df, tahun))
    laporan.teratasi = _tipe_penuh(_teratasi(cur, tahun, kode_unit, set(df["kunci"])))
    laporan.detik = time.perf_counter() - mulai
    report(1.0, "Rekonsiliasi selesai")
    return laporan


def _tipe_penuh(df: pd.DataFrame) -> pd.DataFrame:
    return tipe(df[KOLOM + TAMBAHAN].copy())


def segarkan(cur: duckdb.DuckDBPyConnection, laporan: Laporan) -> Laporan:
    """The same findings with review statuses re-read (after `tinjau`), without a new run."""
    temuan = _lengkapi(cur, laporan.temuan.copy(), laporan.tahun)
    teratasi = laporan.teratasi
    if not teratasi.empty:
        teratasi = _lengkapi(cur, teratasi.copy(), laporan.tahun)
        teratasi["status"] = "teratasi"
    return Laporan(laporan.tahun, _tipe_penuh(temuan), laporan.kode_unit,
                   _tipe_penuh(teratasi), laporan.run_id, laporan.detik)
