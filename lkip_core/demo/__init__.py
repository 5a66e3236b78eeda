"""The demo data set: the input files a user would upload, imported through the real path.

`buat_demo(con, folder)` writes, for an agency like BKPSDM Kota Tangerang, the master workbook
(units, sasaran, indicators, PK targets 2021–2025, DPA 2024–2025, historic realisasi), the LPJ
of 2024 and 2025 and every unit's realisation workbook (made with the template of SOP step 1),
then imports them with `pengumpulan.impor` exactly as an upload would. The latest year carries
one planted mistake per reconciliation rule (`KESALAHAN_DEMO`). `skala="kota"` builds the
city-scale set of domain.md instead, for measuring speed. Both create the demo accounts
(`akun.py`: one per role and one operator per reporting unit, password SANDI_DEMO).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import duckdb

from lkip_core.masukan import kolom
from lkip_core.masukan.template import nama_template, tulis_template

from ..errors import InputRefused
from . import bkpsdm as B
from . import kesalahan, keuangan, kinerja, tulis
from .akun import SANDI_DEMO, buat_akun_demo
from .kesalahan import KESALAHAN_DEMO
from .muat import Langkah, Progress, impor_semua

__all__ = ["KESALAHAN_DEMO", "SANDI_DEMO", "SKALA", "buat_demo"]

SKALA = ("opd", "kota")
def _simpan(folder: Path, nama: str, data: bytes, berkas: list[tuple[str, bytes]]) -> None:
    (folder / nama).write_bytes(data)
    berkas.append((nama, data))


def _master(rng: random.Random, katalog: list[dict], renc: dict,
            pagus: dict[int, dict[str, int]]) -> bytes:
    unit = [dict(zip(("kode_unit", "nama_unit", "jenis_unit", "kode_induk", "nama_pejabat",
                      "nip_pejabat"), u, strict=True)) for u in B.UNIT]
    sasaran = [{"kode_sasaran": k, "uraian_sasaran": u, "tingkat": "sasaran_strategis"}
               for k, u in B.SASARAN]
    ind = kinerja.baris_master(katalog, renc)
    return tulis.xlsx([
        (kolom.UNIT, unit), (kolom.SASARAN, sasaran), (kolom.INDIKATOR, ind["indikator"]),
        (kolom.TARGET, ind["target"]), (kolom.ANGGARAN_MASTER, keuangan.baris_anggaran(rng, pagus)),
        (kolom.REALISASI_LALU, ind["realisasi_lalu"]),
    ])


def _judul_lpj(tahun: int) -> tuple[str, ...]:
    return ("PEMERINTAH KOTA TANGERANG",
            f"BUKU KAS UMUM PENGELUARAN (LPJ BENDAHARA) {B.NAMA_OPD.upper()}",
            f"TAHUN ANGGARAN {tahun}")


def buat_demo(con: duckdb.DuckDBPyConnection, folder: Path, *, skala: str = "opd",
              oleh: str = "demo", progress: Progress | None = None) -> dict:
    """Write the demo input files into `folder` and import them; returns a summary.

    Summary keys: skala, folder, berkas (file names), unit, sasaran, indikator, sub_kegiatan,
    baris_lpj, submission (created), detik (total), detik_impor, kesalahan (rule → mistake).
    """
    if skala not in SKALA:
        raise InputRefused(f"Skala demo '{skala}' tidak dikenal; pilih 'opd' atau 'kota'.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if skala == "kota":
        from .kota import buat_kota

        return buat_kota(con, folder, oleh=oleh, progress=progress)

    mulai = time.perf_counter()
    langkah = Langkah(progress)
    rng = random.Random(2025)
    katalog = [kinerja.lengkapi(s) for s in B.INDIKATOR]
    renc_k = kinerja.rencana(rng, katalog)
    pagus = keuangan.pagu(rng)
    ditulis: list[str] = []
    dibuat: list[dict] = []
    detik_impor = 0.0

    def impor(berkas: list[tuple[str, bytes]], **opsi) -> None:
        nonlocal detik_impor
        t0 = time.perf_counter()
        dibuat.extend(impor_semua(con, berkas, oleh=oleh, progress=langkah.sub(), **opsi))
        detik_impor += time.perf_counter() - t0
        ditulis.extend(n for n, _ in berkas)

    langkah.mulai(0.15, "Menulis dan mengimpor master …")
    master: list[tuple[str, bytes]] = []
    _simpan(folder, "master.xlsx", _master(rng, katalog, renc_k, pagus), master)
    impor(master, jenis="master")

    langkah.mulai(0.45, "Menulis dan mengimpor LPJ …")
    lpj: list[tuple[str, bytes]] = []
    laporan: dict[int, tuple[dict, dict]] = {}
    baris_lpj = 0
    for tahun in B.TAHUN_ANGGARAN:
        salah = tahun == kesalahan.TAHUN
        renc = keuangan.rencana(rng, pagus[tahun], tahun, kesalahan.PROFIL if salah else None)
        lines = keuangan.baris_lpj(rng, renc, tahun)
        if salah:
            lines = kesalahan.tanam_lpj(lines)
        baris_lpj += len(lines)
        data = tulis.xlsx([(kolom.LPJ, lines)], judul=_judul_lpj(tahun), total="jumlah")
        _simpan(folder, f"lpj_{tahun}.xlsx", data, lpj)
        laporan[tahun] = (
            kinerja.isi_kinerja(rng, katalog, renc_k, tahun, kesalahan.KINERJA if salah else None),
            kesalahan.laporan_anggaran(lines, renc, salah),
        )
    impor(lpj, jenis="lpj")

    langkah.mulai(1.0, "Menulis dan mengimpor berkas realisasi unit …")
    realisasi: list[tuple[str, bytes]] = []
    for tahun, (kin, ang) in sorted(laporan.items()):
        for unit in kesalahan.unit_melapor(tahun):
            isi = {"kinerja": kin.get(unit, {}), "anggaran": ang.get(unit, {})}
            _simpan(folder, nama_template(unit, tahun), tulis_template(con, unit, tahun, isi),
                    realisasi)
    impor(realisasi)
    akun = buat_akun_demo(con, oleh=oleh)  # after the master: operators need their unit
    langkah(1.0, "Data demo selesai")
    return {
        "skala": "opd", "folder": str(folder), "berkas": ditulis,
        "unit": len(B.UNIT), "sasaran": len(B.SASARAN), "indikator": len(katalog),
        "sub_kegiatan": len(B.SUB_KEGIATAN), "baris_lpj": baris_lpj,
        "submission": len(dibuat), "detik": round(time.perf_counter() - mulai, 2),
        "detik_impor": round(detik_impor, 2), "kesalahan": dict(KESALAHAN_DEMO),
        "akun": akun,
    }
