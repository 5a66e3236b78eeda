"""The city-scale demo set of domain.md ("Scale to design for"), for measuring speed.

About 44 OPD with ~400 units, ~3,000 indicators with targets for 5 years, ~4,500 sub
kegiatan, 500,000 LPJ lines in one year (a `;`-separated CSV with Indonesian numbers and
dates, as Excel on an Indonesian Windows saves it) and a realisation file for every unit.
The data is clean: no planted mistakes. Bulk values come from numpy; per-row work is plain.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import duckdb
import numpy as np

from lkip_core.masukan import kolom
from lkip_core.masukan.template import nama_template, tulis_template

from . import kinerja, tulis
from .akun import akun_kota, buat_akun_demo
from .muat import Langkah, impor_semua

TAHUN = 2025
BARIS_LPJ = 500_000
JUMLAH_OPD = 44
BATCH_REALISASI = 40

_DINAS = [
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Permukiman", "Dinas Sosial", "Dinas Tenaga Kerja",
    "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika", "Dinas Koperasi dan UKM", "Dinas Penanaman Modal dan PTSP",
    "Dinas Kepemudaan dan Olahraga", "Dinas Kebudayaan dan Pariwisata", "Dinas Perpustakaan dan "
    "Kearsipan", "Dinas Ketahanan Pangan", "Dinas Perindustrian dan Perdagangan",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Pengendalian Penduduk dan KB",
    "Dinas Pemadam Kebakaran", "Satuan Polisi Pamong Praja", "Badan Perencanaan Pembangunan "
    "Daerah", "Badan Pengelolaan Keuangan Daerah", "Badan Pendapatan Daerah",
    "Badan Kepegawaian dan Pengembangan SDM", "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik", "Inspektorat", "Sekretariat Daerah",
    "Sekretariat DPRD", "RSUD Kota",
]
_KECAMATAN = ["Batuceper", "Benda", "Cibodas", "Ciledug", "Cipondoh", "Jatiuwung", "Karangtengah",
              "Karawaci", "Larangan", "Neglasari", "Periuk", "Pinang", "Tangerang"]
_SATUAN = [("persen", "terakhir", 2), ("indeks", "terakhir", 2), ("nilai", "rata_rata", 2),
           ("orang", "jumlah", 0), ("dokumen", "jumlah", 0), ("kegiatan", "jumlah", 0)]
# Short descriptions keep the 500,000-line CSV under the 50 MB upload limit (berkas.MAX_BYTES).
_REKENING = [
    ("5.1.02.01.01.0024", "Belanja ATK"), ("5.1.02.01.01.0026", "Bahan cetak"),
    ("5.1.02.01.01.0052", "Mamin rapat"), ("5.1.02.02.01.0003", "Honor narasumber"),
    ("5.1.02.04.01.0001", "Perjalanan dinas"), ("5.1.02.04.01.0003", "Perjadin dalam kota"),
    ("5.1.02.02.01.0026", "Tenaga administrasi"), ("5.1.02.02.01.0061", "Tagihan listrik"),
    ("5.1.02.02.12.0001", "Kursus singkat"), ("5.1.02.03.02.0035", "Pemeliharaan kendaraan"),
    ("5.2.02.05.01.0005", "Modal alat kantor"), ("5.2.02.10.01.0002", "Modal komputer"),
]


def _units(rng: random.Random) -> list[dict]:
    nama_opd = _DINAS + [f"Kecamatan {k}" for k in _KECAMATAN]
    units = []
    for i, nama in enumerate(nama_opd[:JUMLAH_OPD], start=1):
        kode = f"OPD{i:02d}"
        units.append({"kode_unit": kode, "nama_unit": f"{nama} Kota Tangerang",
                      "jenis_unit": "opd", "nama_pejabat": f"Kepala Perangkat Daerah Contoh {i}",
                      "nip_pejabat": f"1970{i:02d}01 199001 1 0{i:02d}"})
        bawah = [("SEK", "Sekretariat", "sekretariat")]
        bawah += [(f"B{j}", f"Bidang Contoh {j}", "bidang")
                  for j in range(1, rng.randint(4, 6) + 1)]
        bawah += [(f"U{j}", f"UPT Contoh {j}", "upt") for j in range(1, rng.randint(0, 4) + 1)]
        for suf, nm, jenis in bawah:
            units.append({"kode_unit": f"{kode}.{suf}", "nama_unit": f"{nm} {nama}",
                          "jenis_unit": jenis, "kode_induk": kode,
                          "nama_pejabat": f"Pejabat Contoh {kode}.{suf}"})
    return units


def _master(rng: random.Random, units: list[dict]) -> tuple[dict, list[dict], list[dict]]:
    """Master sheets, the indicator plan and the DPA of the city."""
    sasaran, katalog, anggaran = [], [], []
    opd_index = {u["kode_unit"]: i for i, u in enumerate(
        u for u in units if u["jenis_unit"] == "opd")}
    per_opd: dict[str, int] = {}
    for u in units:
        if u["jenis_unit"] == "opd":
            n_sas = rng.randint(4, 6)
            for s in range(1, n_sas + 1):
                sasaran.append({"kode_sasaran": f"{u['kode_unit']}.S{s}",
                                "uraian_sasaran": f"Sasaran strategis {s} {u['nama_unit']}",
                                "tingkat": "sasaran_strategis"})
            per_opd[u["kode_unit"]] = n_sas
            continue
        opd = u["kode_induk"]
        i = opd_index[opd]
        urusan = f"{1 + i // 10}.{i % 10 + 1:02d}"
        # kegiatan number: 1 for the sekretariat, 2.. for bidang B1.., 12.. for UPT U1..
        suf = u["kode_unit"].rsplit(".", 1)[1]
        k = {"sekretariat": 0, "bidang": 0, "upt": 10}[u["jenis_unit"]]
        k += int(suf[1:]) if u["jenis_unit"] != "sekretariat" else 0
        prog = 1 if k == 0 else 2 + k % 3
        for n in range(1, rng.randint(5, 12) + 1):
            satuan, agr, dec = rng.choice(_SATUAN)
            awal = rng.uniform(40, 70) if dec else float(rng.randint(20, 400))
            pol = "negatif" if rng.random() < 0.08 else "positif"
            akhir = awal * (rng.uniform(0.6, 0.9) if pol == "negatif" else rng.uniform(1.1, 1.4))
            katalog.append(kinerja.lengkapi({
                "kode": f"{u['kode_unit']}.IK{n:02d}",
                "sas": f"{opd}.S{rng.randint(1, per_opd[opd])}",
                "uraian": f"Indikator kinerja {n} {u['nama_unit']}", "satuan": satuan,
                "pol": pol, "agr": agr, "iku": rng.random() < 0.15, "unit": u["kode_unit"],
                "prog": f"{urusan}.{prog:02d}", "awal": round(awal, dec),
                "akhir": round(min(akhir, 100.0) if satuan == "persen" else akhir, dec),
                "dec": dec, "tw": rng.random() < 0.5, "naik": rng.random() < 0.3,
            }))
        for s in range(1, rng.randint(8, 18) + 1):
            kode = f"{urusan}.{prog:02d}.2.{k + 1:02d}.{s:04d}"
            anggaran.append({
                "tahun": TAHUN, "kode_sub_kegiatan": kode, "kode_unit": u["kode_unit"],
                "nama_sub_kegiatan": f"Sub kegiatan {s} {u['nama_unit']}",
                "nama_program": f"Program {prog:02d} urusan {urusan}",
                "nama_kegiatan": f"Kegiatan {k + 1:02d} {u['nama_unit']}",
                "pagu": int(round(min(3e9, max(5e7, rng.lognormvariate(19.5, 0.8))), -3)),
            })
    for a in anggaran:
        a.update({f"rak_tw{n + 1}": v for n, v in enumerate(_bagi(a["pagu"]))})
    return {"sasaran": sasaran}, katalog, anggaran


def _bagi(pagu: int) -> list[int]:
    tiga = [round(pagu * f / 1000) * 1000 for f in (0.15, 0.3, 0.3)]
    return [*tiga, pagu - sum(tiga)]


def _belanja(gen: np.random.Generator, pagu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Spending per sub kegiatan and TW (int64) and cumulative fisik (%)."""
    n = len(pagu)
    kum = np.column_stack([gen.uniform(0.12, 0.25, n), gen.uniform(0.38, 0.52, n),
                           gen.uniform(0.62, 0.78, n), np.ones(n)])
    total = np.round(pagu * gen.uniform(0.80, 0.99, n))
    batas = np.round(total[:, None] * kum).astype(np.int64)
    tw = np.diff(batas, axis=1, prepend=0)
    ser = batas / pagu[:, None] * 100
    noise = np.column_stack([gen.uniform(-3, 8, (n, 3)), gen.uniform(2, 12, n)])
    fisik = np.maximum.accumulate(np.clip(ser + noise, 0, 100), axis=1).round(2)
    return tw, fisik


def _lpj_csv(gen: np.random.Generator, kode: list[str], tw: np.ndarray) -> bytes:
    """500,000 LPJ lines whose sums per sub kegiatan and TW equal `tw`, as Indonesian CSV."""
    s = tw.ravel().astype(np.float64)
    c = np.maximum(1, np.floor(s / s.sum() * BARIS_LPJ)).astype(np.int64)
    c[np.argmax(c)] += BARIS_LPJ - c.sum()
    grup = np.repeat(np.arange(len(s)), c)
    w = gen.gamma(2.0, 1.0, len(grup))
    amt = np.maximum(1, np.floor(w / np.bincount(grup, w)[grup] * s[grup])).astype(np.int64)
    akhir = np.cumsum(c) - 1
    amt[akhir] += tw.ravel() - np.bincount(grup, amt, minlength=len(s)).astype(np.int64)
    if (amt <= 0).any():
        raise RuntimeError("Data demo kota: pembagian LPJ menghasilkan jumlah tidak positif")
    triwulan = grup % 4
    awal = np.array([0, 90, 181, 273])  # day of year where each TW of 2025 starts
    panjang = np.array([90, 91, 92, 92])
    hari = awal[triwulan] + gen.integers(0, panjang[triwulan])
    urut = np.argsort(hari, kind="stable")
    base = np.datetime64(f"{TAHUN}-01-01")
    teks_tgl = [str(base + d) for d in range(365)]
    teks_tgl = [f"{t[8:10]}/{t[5:7]}/{t[:4]}" for t in teks_tgl]
    rek = gen.integers(0, len(_REKENING), len(grup))
    jenis = np.where(amt > 50_000_000, "LS", "GU")
    head = ";".join(k.header for k in kolom.LPJ.kolom)
    out = [head]
    hari_l, rek_l, amt_l, grup_l, jenis_l = (
        a.tolist() for a in (hari, rek, amt, grup, jenis))
    for no, i in enumerate(urut.tolist(), start=1):
        r, j = rek_l[i], jenis_l[i]
        out.append(f"{teks_tgl[hari_l[i]]};{no:06d}/SP2D/{j}/{TAHUN};{kode[grup_l[i] // 4]};"
                   f"{_REKENING[r][0]};{_REKENING[r][1]};{amt_l[i]:,};{j}".replace(",", "."))
    return ("\r\n".join(out) + "\r\n").encode("utf-8")


def buat_kota(con: duckdb.DuckDBPyConnection, folder: Path, *, oleh: str = "demo",
              progress=None) -> dict:
    """Write the city-scale input files into `folder` and import them; returns a summary."""
    mulai = time.perf_counter()
    langkah = Langkah(progress)
    rng = random.Random(2025)
    gen = np.random.default_rng(2025)
    langkah.mulai(0.05, "Menyusun master kota …")
    units = _units(rng)
    lain, katalog, anggaran = _master(rng, units)
    renc = kinerja.rencana(rng, katalog)
    ind = kinerja.baris_master(katalog, renc)
    master = tulis.xlsx([
        (kolom.UNIT, units), (kolom.SASARAN, lain["sasaran"]), (kolom.INDIKATOR, ind["indikator"]),
        (kolom.TARGET, ind["target"]), (kolom.ANGGARAN_MASTER, anggaran),
        (kolom.REALISASI_LALU, ind["realisasi_lalu"]),
    ], besar=True)
    (folder / "master_kota.xlsx").write_bytes(master)
    dibuat: list[dict] = []
    detik_impor = 0.0

    def impor(berkas: list[tuple[str, bytes]], *, rinci: bool = True, **opsi) -> None:
        nonlocal detik_impor
        t0 = time.perf_counter()
        sub = langkah.sub() if rinci else None
        dibuat.extend(impor_semua(con, berkas, oleh=oleh, progress=sub, **opsi))
        detik_impor += time.perf_counter() - t0

    langkah.mulai(0.2, "Mengimpor master kota …")
    impor([("master_kota.xlsx", master)], jenis="master")

    langkah.mulai(0.25, "Menyusun LPJ kota …")
    pagu = np.array([a["pagu"] for a in anggaran], dtype=np.float64)
    tw, fisik = _belanja(gen, pagu)
    lpj = _lpj_csv(gen, [a["kode_sub_kegiatan"] for a in anggaran], tw)
    nama_lpj = f"lpj_kota_{TAHUN}.csv"
    (folder / nama_lpj).write_bytes(lpj)
    langkah.mulai(0.5, "Mengimpor LPJ kota …")
    impor([(nama_lpj, lpj)], jenis="lpj", tahun=TAHUN)

    lapor_ang: dict[str, dict] = {}
    for a, t, f in zip(anggaran, tw.tolist(), fisik.tolist(), strict=True):
        row = {f"keuangan_tw{n + 1}": v for n, v in enumerate(t)}
        row.update({f"fisik_tw{n + 1}": v for n, v in enumerate(f)})
        lapor_ang.setdefault(a["kode_unit"], {})[a["kode_sub_kegiatan"]] = row
    lapor_kin = kinerja.isi_kinerja(rng, katalog, renc, TAHUN)
    pelapor = [u["kode_unit"] for u in units if u["jenis_unit"] != "opd"]
    langkah.mulai(1.0, "Menulis dan mengimpor berkas realisasi unit …")
    berkas: list[tuple[str, bytes]] = []
    for n, unit in enumerate(pelapor, start=1):
        isi = {"kinerja": lapor_kin.get(unit, {}), "anggaran": lapor_ang.get(unit, {})}
        nama = nama_template(unit, TAHUN)
        data = tulis_template(con, unit, TAHUN, isi)
        (folder / nama).write_bytes(data)
        berkas.append((nama, data))
        if len(berkas) == BATCH_REALISASI or n == len(pelapor):
            impor(berkas, rinci=False)  # per batch: the step's own counter below
            langkah(n / len(pelapor), f"Realisasi unit {n}/{len(pelapor)} diimpor")
            berkas = []
    buat_akun_demo(con, akun_kota(pelapor[0]), oleh=oleh)
    return {
        "skala": "kota", "folder": str(folder),
        "berkas": ["master_kota.xlsx", nama_lpj] + [nama_template(u, TAHUN) for u in pelapor],
        "unit": len(units), "sasaran": len(lain["sasaran"]), "indikator": len(katalog),
        "sub_kegiatan": len(anggaran), "baris_lpj": BARIS_LPJ, "submission": len(dibuat),
        "detik": round(time.perf_counter() - mulai, 2), "detik_impor": round(detik_impor, 2),
        "ukuran_lpj_mb": round(len(lpj) / 2**20, 1), "kesalahan": {},
    }
