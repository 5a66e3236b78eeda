"""Demo performance data: targets per year, realisasi per TW and what a unit reports."""

from __future__ import annotations

import random

from ..analisis.rumus import hitung_capaian, realisasi_tahunan
from . import bkpsdm as B

POLA_TARGET_TW = (0.5, 0.7, 0.85, 1.0)  # share of a building-up position ("naik") at each TW
BAGI_JUMLAH = (0.2, 0.25, 0.25, 0.3)  # share of a yearly flow in each TW


def _bulat(x: float, dec: int) -> float:
    return float(round(x, dec)) if dec else float(round(x))


def lengkapi(spec: dict) -> dict:
    """A catalog entry with its defaults filled in."""
    return {"pol": "positif", "met": "selisih", "iku": False, "tw": False, "prog": None,
            "naik": False, "pk": {}, "r": {}, "c": {}, "dec": 2, **spec}


def target_tahunan(ind: dict) -> dict[int, float]:
    """Renstra target per year 2021–2026: a straight line from kondisi awal to 2026."""
    n = B.TAHUN_AKHIR_RENSTRA - B.TAHUN_AWAL_RENSTRA
    return {
        y: _bulat(ind["awal"] + (ind["akhir"] - ind["awal"]) * (y - B.TAHUN_AWAL_RENSTRA) / n,
                  ind["dec"])
        for y in range(B.TAHUN_AWAL_RENSTRA + 1, B.TAHUN_AKHIR_RENSTRA + 1)
    }


def target_akhir(ind: dict, renstra: dict[int, float]) -> float:
    """End-of-Renstra target; for a flow (jumlah) the total over the Renstra years."""
    if ind["agr"] == "jumlah":
        return float(sum(renstra.values()))
    return renstra[B.TAHUN_AKHIR_RENSTRA]


def target_tw(ind: dict, t: float) -> list[float]:
    if ind["agr"] == "jumlah":
        bagian = [_bulat(t * f, ind["dec"]) for f in BAGI_JUMLAH[:3]]
        return [*bagian, _bulat(t - sum(bagian), ind["dec"])]
    if ind["agr"] == "rata_rata" or not ind["naik"]:
        return [t] * 4
    return [_bulat(t * f, ind["dec"]) for f in POLA_TARGET_TW]


def realisasi_dari_rasio(ind: dict, t: float, rasio: float) -> float:
    """The annual realisasi that gives capaian ≈ rasio × 100 against target t."""
    if ind["pol"] == "positif":
        r = t * rasio
    elif ind["met"] == "rasio":
        r = t / rasio
    else:
        r = t * (2 - rasio)
    if ind["satuan"] == "persen":
        r = min(r, 100.0)
    return _bulat(max(r, 0.0), ind["dec"])


def realisasi_tw(rng: random.Random, ind: dict, r: float) -> list[float]:
    """Four TW values whose annual value, by the indicator's agregasi, is r."""
    dec = ind["dec"]
    if ind["agr"] == "jumlah":
        bagian = [_bulat(r * (f + rng.uniform(-0.04, 0.04)), dec) for f in BAGI_JUMLAH[:3]]
        return [*bagian, _bulat(r - sum(bagian), dec)]
    if ind["agr"] == "rata_rata":
        # Symmetric pairs keep the mean at r and, for a percentage, every TW at most 100.
        amp = min(0.05 * r, 100.0 - r) if ind["satuan"] == "persen" else 0.05 * r
        a, b = rng.uniform(0, amp), rng.uniform(0, amp)
        return [_bulat(r + a, dec), _bulat(r - b, dec), _bulat(r - a, dec), _bulat(r + b, dec)]
    if ind["naik"]:  # a position that builds up over the year (people assessed so far)
        pola = [f * rng.uniform(0.95, 1.03) for f in POLA_TARGET_TW[:3]]
    else:  # a level measured each TW (an index, a rate): close to the year's value
        pola = [rng.uniform(0.96, 1.01) for _ in range(3)]
    return [*(_bulat(r * min(f, 1.0), dec) for f in pola), r]


def capaian(ind: dict, t: float, tws: list[float | None]) -> float | None:
    r = realisasi_tahunan(tws, ind["agr"])
    return hitung_capaian(t, r, ind["pol"], ind["met"]).nilai


def rencana(rng: random.Random, katalog: list[dict]) -> dict:
    """Targets, historic realisasi and the TW realisasi of 2024 and 2025, per indicator.

    Returns {kode: {"renstra": {y: t}, "pk": {y: t}, "akhir": t, "lalu": {y: r},
    "tw": {2024: [...], 2025: [...]}}}; the 2024 historic value equals the annual value of its
    TWs, so the historic sheet and the 2024 realisation files agree.
    """
    out = {}
    for ind in katalog:
        renstra = target_tahunan(ind)
        pk = {y: float(ind["pk"].get(y, renstra[y])) for y in B.TAHUN_TARGET}
        tw = {}
        for y in (2024, 2025):
            if y in ind["r"]:
                r = float(ind["r"][y])
            else:
                rasio = ind["c"].get(y) or rng.uniform(0.93, 1.12)
                r = realisasi_dari_rasio(ind, pk[y], rasio)
            vals = realisasi_tw(rng, ind, r)
            if y in ind["r"] and ind["agr"] == "terakhir":
                vals[3] = r
            tw[y] = vals
        lalu = {y: realisasi_dari_rasio(ind, pk[y], rng.uniform(0.88, 1.08))
                for y in B.TAHUN_LALU if y != 2024}
        lalu[2024] = realisasi_tahunan(tw[2024], ind["agr"])
        out[ind["kode"]] = {"renstra": renstra, "pk": pk, "akhir": target_akhir(ind, renstra),
                            "lalu": lalu, "tw": tw}
    return out


def isi_kinerja(rng: random.Random, katalog: list[dict], renc: dict, tahun: int,
                kesalahan: dict | None = None) -> dict[str, dict[str, dict]]:
    """What each unit reports on its kinerja sheet: {kode_unit: {kode_indikator: {...}}}.

    `kesalahan` (latest year only) plants the demo's mistakes: {"R07": kode, "R08": kode,
    "R11": kode}; see kesalahan.py.
    """
    kesalahan = kesalahan or {}
    out: dict[str, dict[str, dict]] = {}
    for ind in katalog:
        kode, r = ind["kode"], renc[ind["kode"]]
        t = r["pk"][tahun]
        tws: list[float | None] = list(r["tw"][tahun])
        if kesalahan.get("R07") == kode:
            tws[2] = None
        cap = capaian(ind, t, tws)
        baris = {f"realisasi_tw{i + 1}": v for i, v in enumerate(tws)}
        if kesalahan.get("R11") == kode:  # the positive formula applied to a negatif indicator
            r_tahun = realisasi_tahunan(tws, ind["agr"])
            baris["capaian"] = round(r_tahun / t * 100, 2)
        else:
            baris["capaian"] = round(cap, 2) if cap is not None else None
        if kesalahan.get("R08") == kode:  # the Renstra target copied instead of the PK
            baris["target"] = r["renstra"][tahun]
        if cap is not None and cap < 90:
            masalah, upaya = B.MASALAH.get(kode) or rng.choice(B.MASALAH_UMUM)
            baris["permasalahan"], baris["upaya"] = masalah, upaya
        baris["bukti"] = f"Laporan kinerja TW IV {tahun} ({ind['unit']})"
        out.setdefault(ind["unit"], {})[kode] = baris
    return out


def baris_master(katalog: list[dict], renc: dict) -> dict[str, list[dict]]:
    """The indikator, target and realisasi_lalu sheets of the master."""
    indikator, target, lalu = [], [], []
    for ind in katalog:
        r = renc[ind["kode"]]
        indikator.append({
            "kode_indikator": ind["kode"], "kode_sasaran": ind["sas"],
            "uraian_indikator": ind["uraian"], "satuan": ind["satuan"],
            "polaritas": ind["pol"], "metode_negatif": ind["met"], "agregasi": ind["agr"],
            "iku": "ya" if ind["iku"] else "tidak",
            "definisi": _definisi(ind),
            "sumber_data": B.SUMBER_DATA.get(ind["unit"], "Laporan unit"),
            "kode_unit": ind["unit"], "kode_program": ind["prog"],
            "kondisi_awal": float(ind["awal"]), "target_akhir_renstra": r["akhir"],
            "tahun_akhir_renstra": B.TAHUN_AKHIR_RENSTRA,
        })
        for y in B.TAHUN_TARGET:
            row = {"kode_indikator": ind["kode"], "tahun": y, "target_pk": r["pk"][y],
                   "target_renstra": r["renstra"][y]}
            if ind["tw"]:
                row.update({f"target_tw{i + 1}": v
                            for i, v in enumerate(target_tw(ind, r["pk"][y]))})
            target.append(row)
        lalu += [{"kode_indikator": ind["kode"], "tahun": y, "realisasi": v}
                 for y, v in sorted(r["lalu"].items())]
    return {"indikator": indikator, "target": target, "realisasi_lalu": lalu}


def _definisi(ind: dict) -> str:
    if ind["satuan"] == "persen":
        return f"{ind['uraian']}: jumlah yang memenuhi dibagi jumlah seluruhnya × 100%"
    if ind["agr"] == "jumlah":
        return f"{ind['uraian']}: dijumlahkan dari laporan setiap triwulan"
    return f"{ind['uraian']} menurut sumber data resmi"
