"""What the book of one year is written from: the same results the pages and the annexes use.

`muat_bahan` reads the year once through `lampiran.data.muat` (tabel_capaian,
capaian_per_sasaran, hitung_anggaran, the agency and its head from the master, the signature
settings) and adds what only the book needs: the realisasi of earlier years for the trend
charts, the units for Bab I, the Renstra's tujuan for Bab II. Nothing is recomputed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import duckdb
import pandas as pd

from lkip_core import pengaturan
from lkip_core.lampiran.arsip import sumber_aktif
from lkip_core.masukan import rekap

from ..analisis import narasi_sasaran, rumus
from ..analisis.kinerja import riwayat
from ..analisis.ringkasan import ringkasan_capaian
from ..lampiran.data import Data, muat, per_sasaran
from ..lampiran.model import kosong

# The Renstra's tujuan above each sasaran (master sheet `sasaran`, tingkat 'tujuan').
_TUJUAN = """
SELECT s.kode_sasaran, t.kode_sasaran AS kode_tujuan, t.uraian_sasaran AS uraian_tujuan
FROM v_sasaran s JOIN v_sasaran t ON t.kode_sasaran = s.kode_induk AND t.tingkat = 'tujuan'
"""
RIWAYAT_TAHUN = 5  # years shown in a trend chart, this one included


@dataclass
class Bahan:
    data: Data
    skala: list[tuple[float, str]]
    unit: pd.DataFrame  # rekap.daftar_unit
    riwayat: pd.DataFrame  # kinerja.riwayat: kode_indikator, tahun, target, realisasi, sumber
    tujuan: dict[str, tuple[str, str]]  # kode_sasaran → (kode_tujuan, uraian_tujuan)
    sumber: list[int] = field(default_factory=list)  # active submissions read (arsip)

    @property
    def tahun(self) -> int:
        return self.data.tahun

    @property
    def instansi(self) -> str:
        return self.data.instansi

    @cached_property
    def kelompok(self) -> list[tuple[str, str, list[dict]]]:
        """(kode_sasaran, uraian_sasaran, its indicator rows) in kode order."""
        return per_sasaran(self.data.baris)

    @cached_property
    def sasaran(self) -> dict[str, dict]:
        """kode_sasaran → its row of capaian_per_sasaran."""
        return {r["kode_sasaran"]: r for r in self.data.sasaran.to_dict("records")}

    @cached_property
    def indikator(self) -> dict[str, dict]:
        return {r["kode_indikator"]: r for r in self.data.baris}

    @cached_property
    def nama_anggaran(self) -> dict[str, str]:
        """Program, kegiatan and sub kegiatan code → name (read once: every sasaran asks)."""
        return narasi_sasaran.nama_anggaran(self.data.anggaran)

    @cached_property
    def ringkasan(self) -> dict:
        return ringkasan_capaian(self.data.capaian, self.skala)

    @cached_property
    def capaian_rata_t1(self) -> float | None:
        """Last year's mean capaian of this year's indicators (as a sasaran's is compared)."""
        return rumus.capaian_sasaran([r["capaian_t1"] for r in self.data.baris])[0]

    @cached_property
    def renstra(self) -> tuple[int, int]:
        """(first year, last year) of the Renstra: tahun_akhir_renstra of the indicators."""
        akhir = [int(r["tahun_akhir_renstra"]) for r in self.data.baris
                 if not kosong(r["tahun_akhir_renstra"])]
        tahun_akhir = max(akhir) if akhir else self.tahun
        return tahun_akhir - 4, tahun_akhir

    @cached_property
    def pemda(self) -> str:
        """"Kota Tangerang" from "Badan … Kota Tangerang" (else the signature place)."""
        m = re.search(r"\b(Kota|Kabupaten|Provinsi)\s+(.+)$", self.instansi or "")
        if m:
            return f"{m.group(1)} {m.group(2).strip()}"
        return f"Kota {self.data.tempat}" if self.data.tempat else ""

    @cached_property
    def kepala_daerah(self) -> str:
        """Wali Kota, Bupati or Gubernur, after the kind of region."""
        jenis = self.pemda.split(" ")[0] if self.pemda else "Kota"
        return {"Kabupaten": "Bupati", "Provinsi": "Gubernur"}.get(jenis, "Wali Kota")

    @property
    def jabatan_kepala(self) -> str:
        return f"Kepala {self.instansi}".strip()

    def riwayat_indikator(self, kode: str) -> list[tuple[int, float | None, float | None]]:
        """(tahun, target, realisasi) of an indicator over the last RIWAYAT_TAHUN years."""
        return self._riwayat.get(kode, [])

    @cached_property
    def _riwayat(self) -> dict[str, list[tuple[int, float | None, float | None]]]:
        awal = self.tahun - RIWAYAT_TAHUN + 1
        out: dict[str, list] = {}
        for kode, th, target, real in self.riwayat[
                ["kode_indikator", "tahun", "target", "realisasi"]].itertuples(index=False):
            if th >= awal:
                out.setdefault(kode, []).append((int(th), _f(target), _f(real)))
        return out


def _f(v) -> float | None:
    return None if kosong(v) else float(v)


def muat_bahan(cur: duckdb.DuckDBPyConnection, tahun: int) -> Bahan:
    """The year's materials; NotFound when the master does not cover the year."""
    data = muat(cur, tahun)
    tujuan = {k: (kt, ut) for k, kt, ut in cur.execute(_TUJUAN).fetchall()}
    return Bahan(data=data, skala=pengaturan.skala_predikat(cur), unit=rekap.daftar_unit(cur),
                 riwayat=riwayat(cur, tahun), tujuan=tujuan, sumber=sumber_aktif(cur, tahun))
