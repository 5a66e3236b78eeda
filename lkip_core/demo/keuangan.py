"""Demo budget data: pagu and RAK (DPA), the spending per TW, the LPJ lines and fisik."""

from __future__ import annotations

import datetime as dt
import random

from . import bkpsdm as B

PAGU_JENIS = {  # range of a drawn pagu (Rp) by kind of spending
    "keg": (75e6, 450e6), "diklat": (400e6, 1.6e9), "umum": (60e6, 250e6),
    "jasa": (150e6, 600e6), "pelihara": (100e6, 300e6), "modal": (200e6, 800e6),
    "gedung": (800e6, 1.6e9), "gaji": (2e9, 3e9),
}
# Cumulative share of the year's spending at the end of each TW (before jitter).
PROFIL = {"normal": None, "gaji": (0.25, 0.5, 0.75, 1.0)}


def _ribu(x: float) -> int:
    return int(round(x / 1000.0)) * 1000


def pagu(rng: random.Random) -> dict[int, dict[str, int]]:
    """Pagu per year and sub kegiatan; 2025's program 5.04.02 sums to the published pagu."""
    p25: dict[str, int] = {}
    for kode, _, _, tetap, jenis in B.SUB_KEGIATAN:
        lo, hi = PAGU_JENIS[jenis]
        p25[kode] = tetap or _ribu(rng.uniform(lo, hi))
    kasus = [k for k in p25 if k.startswith(B.PROGRAM_KASUS + ".")]
    skala = B.PAGU_PROGRAM_KASUS / sum(p25[k] for k in kasus)
    for k in kasus[:-1]:
        p25[k] = _ribu(p25[k] * skala)
    p25[kasus[-1]] = B.PAGU_PROGRAM_KASUS - sum(p25[k] for k in kasus[:-1])
    p24 = {k: _ribu(v * rng.uniform(0.85, 1.05)) for k, v in p25.items()}
    return {2024: p24, 2025: p25}


def rak(rng: random.Random, nilai: int, gaji: bool) -> list[int]:
    """Planned cash per TW (anggaran kas), summing to the pagu."""
    dasar = (0.25, 0.25, 0.25, 0.25) if gaji else (0.15, 0.3, 0.3, 0.25)
    tiga = [_ribu(nilai * f * rng.uniform(0.9, 1.1)) for f in dasar[:3]]
    return [*tiga, nilai - sum(tiga)]


def baris_anggaran(rng: random.Random, pagu_tahun: dict[int, dict[str, int]]) -> list[dict]:
    """The anggaran sheet of the master (DPA per year with RAK)."""
    rows = []
    for tahun, pagus in sorted(pagu_tahun.items()):
        for kode, nama, unit, _, jenis in B.SUB_KEGIATAN:
            row = {"tahun": tahun, "kode_sub_kegiatan": kode, "nama_sub_kegiatan": nama,
                   "kode_unit": unit, "pagu": pagus[kode], "nama_program": B.PROGRAM[kode[:7]],
                   "nama_kegiatan": B.KEGIATAN[kode[:12]]}
            row.update({f"rak_tw{i + 1}": v
                        for i, v in enumerate(rak(rng, pagus[kode], jenis == "gaji"))})
            rows.append(row)
    return rows


def _kumulatif(rng: random.Random, jenis: str) -> list[float]:
    if jenis == "gaji":
        return [0.25, 0.5, 0.75, 1.0]
    return [rng.uniform(0.12, 0.25), rng.uniform(0.38, 0.52), rng.uniform(0.62, 0.78), 1.0]


def _fisik(rng: random.Random, serapan_kum: list[float]) -> list[float]:
    out, prev = [], 0.0
    for i, s in enumerate(serapan_kum):
        f = s + (rng.uniform(2, 12) if i == 3 else rng.uniform(-3, 8))
        f = max(prev, min(100.0, max(0.0, f)))
        out.append(round(f, 2))
        prev = out[-1]
    return out


def rencana(rng: random.Random, pagus: dict[str, int], tahun: int,
            profil: dict[str, dict] | None = None) -> dict[str, dict]:
    """Spending per TW (what the LPJ holds) and cumulative fisik, per sub kegiatan.

    `profil` overrides, for a sub kegiatan, the serapan of the year (`serapan`), the cumulative
    shares (`kum`) and the fisik (`fisik`): the demo's planted mistakes use it.
    """
    profil = profil or {}
    out = {}
    for kode, _, unit, _, jenis in B.SUB_KEGIATAN:
        p = profil.get(kode, {})
        if tahun == 2025 and kode.startswith(B.PROGRAM_KASUS + "."):
            s = rng.uniform(0.925, 0.955)  # near the published 94 %, adjusted exactly below
        else:
            s = p.get("serapan") or (rng.uniform(0.96, 0.99) if jenis == "gaji"
                                     else rng.uniform(0.80, 0.99))
        kum = p.get("kum") or _kumulatif(rng, jenis)
        total = round(pagus[kode] * s)
        batas = [round(total * k) for k in kum]
        tw = [batas[0]] + [batas[i] - batas[i - 1] for i in range(1, 4)]
        out[kode] = {"unit": unit, "jenis": jenis, "pagu": pagus[kode], "tw": tw}
    if tahun == 2025:
        _program_kasus(out)
    for kode, r in out.items():
        kum_rp = [sum(r["tw"][: i + 1]) for i in range(4)]
        ser = [v / r["pagu"] * 100 for v in kum_rp]
        r["fisik"] = list(profil.get(kode, {}).get("fisik") or _fisik(rng, ser))
    return out


def _program_kasus(out: dict[str, dict]) -> None:
    """Make program 5.04.02 spend exactly the published realisasi (domain.md, Efficiency)."""
    kasus = sorted((k for k in out if k.startswith(B.PROGRAM_KASUS + ".")),
                   key=lambda k: out[k]["pagu"])
    selisih = B.REALISASI_PROGRAM_KASUS - sum(sum(out[k]["tw"]) for k in kasus)
    terbesar = out[kasus[-1]]
    terbesar["tw"][3] += selisih
    if sum(terbesar["tw"]) > terbesar["pagu"] or terbesar["tw"][3] <= 0:
        raise RuntimeError("Data demo: realisasi program 5.04.02 tidak dapat disusun")


def _hari_kerja(rng: random.Random, tahun: int, tw: int) -> dt.date:
    awal = dt.date(tahun, 1, 6) if tw == 1 else dt.date(tahun, 3 * tw - 2, 1)  # after New Year
    akhir = dt.date(tahun + 1, 1, 1) if tw == 4 else dt.date(tahun, 3 * tw + 1, 1)
    while True:
        d = awal + dt.timedelta(days=rng.randrange((akhir - awal).days))
        if d.weekday() < 5:
            return d


def _pecah(rng: random.Random, jumlah: int, n: int) -> list[int]:
    """`jumlah` split into `n` positive whole-rupiah parts."""
    n = max(1, min(n, jumlah))
    bobot = [rng.gammavariate(2.0, 1.0) for _ in range(n)]
    total = sum(bobot)
    parts = [max(1, int(jumlah * b / total)) for b in bobot]
    parts[-1] += jumlah - sum(parts)
    if parts[-1] <= 0:  # rounding took too much from the last part: fall back to even parts
        parts = [jumlah // n] * n
        parts[-1] += jumlah - sum(parts)
    return parts


def baris_lpj(rng: random.Random, renc: dict[str, dict], tahun: int) -> list[dict]:
    """LPJ lines whose sums per sub kegiatan and TW equal the plan, numbered by date."""
    nama = {k: n for k, n, *_ in B.SUB_KEGIATAN}
    lines: list[dict] = []
    sp2d = 0
    for kode, r in renc.items():
        per_baris = r["pagu"] / rng.randint(55, 95)
        rekening = B.REKENING[r["jenis"]]
        for tw in range(1, 5):
            amount = r["tw"][tw - 1]
            if amount <= 0:
                continue
            n = 18 if r["jenis"] == "gaji" else max(1, round(amount / per_baris))
            i = 0
            for part in _pecah(rng, amount, n):
                if i == 0:  # a new SP2D of 1–3 lines, each on a different account
                    batch = rng.sample(rekening, min(len(rekening), rng.randint(1, 3)))
                    tanggal = _hari_kerja(rng, tahun, tw)
                    jenis = batch[0][2]
                    if jenis == "GU" and rng.random() < 0.03:
                        jenis = "TU"
                    sp2d += 1
                kode_rek, uraian, _ = batch[i]
                lines.append({"tanggal": tanggal, "kode_sub_kegiatan": kode,
                              "kode_rekening": kode_rek, "uraian": f"{uraian} - {nama[kode]}",
                              "jumlah": part, "jenis": jenis, "_sp2d": sp2d})
                i = (i + 1) % len(batch)
    return nomori(lines, tahun)


def nomori(lines: list[dict], tahun: int) -> list[dict]:
    """Sort by date and give each SP2D its number ("0123/SP2D/LS/2025"), per jenis."""
    lines.sort(key=lambda x: (x["tanggal"], x["kode_sub_kegiatan"]))
    nomor: dict[int, str] = {}
    urut: dict[str, int] = {}
    for x in lines:
        key = x.pop("_sp2d")
        if key not in nomor:
            urut[x["jenis"]] = urut.get(x["jenis"], 0) + 1
            nomor[key] = f"{urut[x['jenis']]:04d}/SP2D/{x['jenis']}/{tahun}"
        x["nomor_bukti"] = nomor[key]
    return lines


def jumlah_per_tw(lines: list[dict]) -> dict[str, list[int]]:
    """LPJ totals per sub kegiatan and TW."""
    out: dict[str, list[int]] = {}
    for x in lines:
        tw = (x["tanggal"].month - 1) // 3
        out.setdefault(x["kode_sub_kegiatan"], [0, 0, 0, 0])[tw] += x["jumlah"]
    return out
