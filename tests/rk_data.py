"""Small reconciliation data sets built with plain INSERTs into the real schema.

The rules read only the active views (v_*), so a test can plant exactly one problem beside
its near-miss twin without going through workbooks. `temukan` runs one rule as the
reconciliation does (through the run context).
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from lkip_core import pengaturan
from lkip_core.rekonsiliasi.aturan import DAFTAR, Konteks

TAHUN = 2025
UNITS = [("OPD", "Badan Contoh", "opd", None), ("U1", "Bidang Satu", "bidang", "OPD"),
         ("U2", "Bidang Dua", "bidang", "OPD"), ("U3", "Bidang Tiga", "bidang", "OPD")]


class Basis:
    """A master (units, one sasaran) to which tests add sub kegiatan, indicators, reports, LPJ."""

    def __init__(self, con, tahun: int = TAHUN):
        self.con = con
        self.tahun = tahun
        self._id = itertools.count(2)
        self._urutan = itertools.count(2)
        self._baris = itertools.count(1)
        con.execute(
            "INSERT INTO submission (id, jenis, nama_berkas, sha256, ukuran, oleh, waktu, baris, "
            "baris_dilewati, status, urutan) VALUES (1, 'master', 'master.xlsx', 'm', 1, 'uji', "
            "now(), 1, 0, 'aktif', 1)")
        con.executemany("INSERT INTO master_tahun VALUES (1, ?)", [[tahun - 1], [tahun]])
        con.executemany(
            "INSERT INTO unit (submission_id, kode_unit, nama_unit, jenis_unit, kode_induk) "
            "VALUES (1, ?, ?, ?, ?)", [list(u) for u in UNITS])
        con.execute("INSERT INTO sasaran (submission_id, kode_sasaran, uraian_sasaran, tingkat) "
                    "VALUES (1, 'S1', 'Sasaran uji', 'sasaran_strategis')")

    def sub(self, kode: str, unit: str = "U1", pagu: int | str = 100_000_000,
            nama: str | None = None, tahun: int | None = None) -> str:
        self.con.execute(
            "INSERT INTO anggaran (submission_id, tahun, kode_sub_kegiatan, nama_sub_kegiatan, "
            "kode_unit, pagu) VALUES (1, ?, ?, ?, ?, ?)",
            [tahun or self.tahun, kode, nama or f"Sub {kode}", unit, Decimal(str(pagu))])
        return kode

    def ind(self, kode: str, unit: str = "U1", target: float = 100, *,
            polaritas: str = "positif", agregasi: str = "terakhir", metode: str | None = None,
            target_tw: tuple = (None, None, None, None), satuan: str = "persen") -> str:
        self.con.execute(
            "INSERT INTO indikator (submission_id, kode_indikator, kode_sasaran, "
            "uraian_indikator, satuan, polaritas, metode_negatif, agregasi, iku, kode_unit) "
            "VALUES (1, ?, 'S1', ?, ?, ?, ?, ?, true, ?)",
            [kode, f"Indikator {kode}", satuan, polaritas, metode, agregasi, unit])
        self.con.execute(
            "INSERT INTO target (submission_id, kode_indikator, tahun, target_pk, target_tw1, "
            "target_tw2, target_tw3, target_tw4) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            [kode, self.tahun, target, *target_tw])
        return kode

    def realisasi(self, unit: str, kinerja: dict | None = None, anggaran: dict | None = None,
                  tahun: int | None = None) -> int:
        """A new active realisation submission of `unit` (the previous one becomes diganti).

        kinerja: {kode: {"realisasi_tw1": …, "target": …, "capaian": …}};
        anggaran: {kode: {"keuangan_tw1": …, "fisik_tw1": …, "pagu": …}}.
        """
        tahun = tahun or self.tahun
        sid = next(self._id)
        self.con.execute("UPDATE submission SET status = 'diganti' WHERE jenis = 'realisasi' "
                         "AND kode_unit = ? AND tahun = ?", [unit, tahun])
        self.con.execute(
            "INSERT INTO submission (id, jenis, kode_unit, tahun, nama_berkas, sha256, ukuran, "
            "oleh, waktu, baris, baris_dilewati, status, urutan) VALUES (?, 'realisasi', ?, ?, "
            "'r.xlsx', ?, 1, 'uji', now(), 1, 0, 'aktif', ?)",
            [sid, unit, tahun, f"r{sid}", next(self._urutan)])
        for kode, v in (kinerja or {}).items():
            cols = ["kode_indikator", *v]
            self.con.execute(
                f"INSERT INTO realisasi_kinerja (submission_id, baris, {', '.join(cols)}) "
                f"VALUES (?, ?, {', '.join('?' * len(cols))})",
                [sid, next(self._baris), kode, *v.values()])
        for kode, v in (anggaran or {}).items():
            cols = ["kode_sub_kegiatan", *v]
            vals = [Decimal(str(x)) if k.startswith(("keuangan", "pagu")) and x is not None
                    else x for k, x in v.items()]
            self.con.execute(
                f"INSERT INTO realisasi_anggaran (submission_id, baris, {', '.join(cols)}) "
                f"VALUES (?, ?, {', '.join('?' * len(cols))})",
                [sid, next(self._baris), kode, *vals])
        return sid

    def lpj(self, lines: list[tuple], tahun: int | None = None) -> int:
        """An active LPJ of the year: lines (tanggal, nomor_bukti, kode_sub, rekening, jumlah)."""
        tahun = tahun or self.tahun
        sid = next(self._id)
        self.con.execute("UPDATE submission SET status = 'diganti' WHERE jenis = 'lpj' "
                         "AND tahun = ?", [tahun])
        self.con.execute(
            "INSERT INTO submission (id, jenis, tahun, nama_berkas, sha256, ukuran, oleh, waktu, "
            "baris, baris_dilewati, status, urutan) VALUES (?, 'lpj', ?, 'lpj.xlsx', ?, 1, 'uji', "
            "now(), 1, 0, 'aktif', ?)", [sid, tahun, f"l{sid}", next(self._urutan)])
        for i, (tanggal, nomor, kode, rek, jumlah) in enumerate(lines, start=1):
            self.con.execute(
                "INSERT INTO lpj (submission_id, baris, tanggal, nomor_bukti, kode_sub_kegiatan, "
                "kode_rekening, uraian, jumlah, jenis) VALUES (?, ?, ?, ?, ?, ?, 'uraian', ?, "
                "'LS')", [sid, i, tanggal, nomor, kode, rek, Decimal(str(jumlah))])
        return sid


def d(bulan: int, hari: int, tahun: int = TAHUN) -> dt.date:
    return dt.date(tahun, bulan, hari)


def temukan(con, kode: str, tahun: int = TAHUN, unit: str | None = None,
            **setelan) -> list[dict]:
    """Run one rule as the reconciliation does; returns its findings."""
    cur = con.cursor()
    s = {**pengaturan.semua(cur), **setelan}
    with Konteks(cur, tahun, unit, s) as ctx:
        return DAFTAR[kode].fungsi(cur, tahun, unit, s, ctx)


def objek(temuan: list[dict]) -> set[tuple]:
    """(kode_objek, triwulan) of each finding."""
    return {(t["kode_objek"], t["triwulan"]) for t in temuan}
