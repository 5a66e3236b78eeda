"""Rules on performance: missing realisasi (R07), the PK target (R08), capaian (R11, R12).

R11 and R12 read the capaian engine's table (`analisis.kinerja.tabel_capaian`) through the run
context: reconciliation never computes a capaian its own way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...analisis import rumus
from ._dasar import angka, aturan, baris, temuan, tw

TWS = (1, 2, 3, 4)


def _ind(r) -> str:
    return f"indikator {r['uraian_indikator']} ({r['kode_indikator']})"


def _tw_kinerja(r: dict) -> list[dict]:
    """The indicator's TW rows for a detail view, from the capaian engine's row."""
    return [{"TW": tw(n), "Realisasi": r[f"realisasi_tw{n}"],
             "Target TW": r[f"target_tw_efektif{n}"],
             "Capaian s.d. TW (%)": r[f"capaian_tw{n}"]} for n in TWS]


def _angka_capaian(r: dict) -> dict:
    return {"Target PK": r["target"], "Realisasi": r["realisasi"], "Satuan": r["satuan"],
            "Capaian unit (%)": r["capaian_unit"], "Capaian hitung ulang (%)": r["capaian"],
            "Polaritas": r["polaritas"],
            "Rumus negatif": r["metode_negatif"] if r["polaritas"] == "negatif" else None,
            "Agregasi": r["agregasi"]}


_R07 = """
SELECT * FROM (
    SELECT i.kode_unit, i.kode_indikator, i.uraian_indikator, lp.tw,
           r.realisasi_tw1, r.realisasi_tw2, r.realisasi_tw3, r.realisasi_tw4,
           [r.realisasi_tw1, r.realisasi_tw2, r.realisasi_tw3, r.realisasi_tw4][lp.tw] AS nilai
    FROM v_indikator i
    JOIN v_target t ON t.kode_indikator = i.kode_indikator AND t.tahun = $tahun
    JOIN {lapor} lp ON lp.kode_unit = i.kode_unit
    LEFT JOIN v_realisasi_kinerja r ON r.kode_indikator = i.kode_indikator
         AND r.tahun = $tahun AND r.kode_unit = i.kode_unit
    WHERE $unit IS NULL OR i.kode_unit = $unit
) WHERE nilai IS NULL
ORDER BY kode_unit, kode_indikator, tw
"""


@aturan("R07", "realisasi kosong", "galat")
def r07_realisasi_kosong(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """A PK indicator without realisasi for a TW its unit has otherwise reported; and, once
    TW IV is in, an indicator with no realisasi for the year at all (a year-level finding)."""
    out = []
    for r in baris(cur, _R07.format(lapor=ctx.lapor()), ctx.param):
        rinci = {"tw": [{"TW": tw(n), "Realisasi": r[f"realisasi_tw{n}"]} for n in TWS]}
        if r["nilai"] is None:
            out.append(temuan(
                "R07", tahun=tahun, triwulan=r["tw"], kode_unit=r["kode_unit"],
                objek="indikator", kode_objek=r["kode_indikator"],
                pesan=(f"Realisasi {tw(r['tw'])} {_ind(r)} belum diisi, padahal unit sudah "
                       f"melaporkan {tw(r['tw'])} untuk data lainnya."), detail=rinci))
        if r["tw"] == 4 and all(r[f"realisasi_tw{n}"] is None for n in TWS):
            out.append(temuan(
                "R07", tahun=tahun, triwulan=None, kode_unit=r["kode_unit"], objek="indikator",
                kode_objek=r["kode_indikator"],
                pesan=(f"{_ind(r).capitalize()} belum mempunyai realisasi tahun {tahun} sama "
                       "sekali, padahal TW IV sudah dilaporkan; capaiannya tidak dapat "
                       "dihitung untuk LKIP."), detail=rinci))
    return out


@aturan("R08", "target beda dengan PK", "galat")
def r08_target_beda(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """The target a unit echoes on its kinerja sheet differs from the PK target."""
    rows = baris(cur, """
        SELECT i.kode_unit, i.kode_indikator, i.uraian_indikator, i.satuan,
               t.target_pk, t.target_renstra, r.target AS target_unit, r.baris
        FROM v_indikator i
        JOIN v_target t ON t.kode_indikator = i.kode_indikator AND t.tahun = $tahun
        JOIN v_realisasi_kinerja r ON r.kode_indikator = i.kode_indikator AND r.tahun = $tahun
             AND r.kode_unit = i.kode_unit
        WHERE ($unit IS NULL OR i.kode_unit = $unit) AND r.target IS NOT NULL
          AND abs(r.target - t.target_pk) > 1e-9 * greatest(1, abs(t.target_pk))
        ORDER BY i.kode_unit, i.kode_indikator""", ctx.param)
    return [temuan(
        "R08", tahun=tahun, triwulan=None, kode_unit=r["kode_unit"], objek="indikator",
        kode_objek=r["kode_indikator"], nilai_unit=r["target_unit"],
        nilai_pembanding=r["target_pk"],
        pesan=(f"Target {_ind(r)} yang ditulis unit {angka(r['target_unit'])} {r['satuan']} "
               f"berbeda dengan target Perjanjian Kinerja {angka(r['target_pk'])} "
               f"{r['satuan']}; LKIP wajib memakai target PK."),
        detail={"angka": {"Target ditulis unit": r["target_unit"], "Target PK": r["target_pk"],
                          "Target Renstra tahun ini": r["target_renstra"],
                          "Satuan": r["satuan"], "Baris di berkas unit": r["baris"]}})
        for r in rows]


@aturan("R11", "capaian dilaporkan beda", "peringatan")
def r11_capaian_beda(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """The unit's own capaian differs from the engine's by more than the tolerance."""
    tol = float(settings["toleransi_capaian_unit"])
    df = ctx.capaian()
    calon = (df["capaian_unit"].notna() & df["realisasi"].notna()
             & (df["capaian"].isna() | ((df["capaian_unit"] - df["capaian"]).abs() > tol - 1e-6)))
    out = []
    for r in ctx.capaian_baris(calon):
        sendiri, hitung = r["capaian_unit"], r["capaian"]
        if sendiri is None or r["realisasi"] is None:
            continue
        if hitung is None:
            pesan = (f"Unit menulis capaian {_ind(r)} {fmt.persen(sendiri)}, padahal capaian "
                     f"tidak dapat dihitung: {r['alasan']}.")
        elif round(abs(sendiri - hitung), 9) > tol:
            cara = (f"rumus negatif {r['metode_negatif']}" if r["polaritas"] == "negatif"
                    else "rumus positif")
            pesan = (f"Capaian {_ind(r)} menurut unit {fmt.persen(sendiri)}, sedangkan hitung "
                     f"ulang ({cara}, target {angka(r['target'])}, realisasi "
                     f"{angka(r['realisasi'])}) memberi {fmt.persen(hitung)}.")
        else:
            continue
        out.append(temuan(
            "R11", tahun=tahun, triwulan=None, kode_unit=r["kode_unit"], objek="indikator",
            kode_objek=r["kode_indikator"], nilai_unit=sendiri, nilai_pembanding=hitung,
            pesan=pesan, detail={"angka": _angka_capaian(r), "tw": _tw_kinerja(r)}))
    return sorted(out, key=lambda t: (t["kode_unit"] or "", t["kode_objek"]))


@aturan("R12", "capaian ekstrem", "peringatan")
def r12_capaian_ekstrem(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """A capaian above the upper or below the lower threshold (defaults 150 % and 10 %).

    Measured at the latest TW the unit reported: the year's capaian once TW IV is in,
    otherwise the engine's capaian s.d. that TW. Below the lower bound only counts where
    like is compared with like (TW IV, or a TW with its own target): a low figure early in
    the year against the annual target is progress, not a mistake. Year-level, so the key
    stays as more TWs come in.
    """
    atas = float(settings["capaian_ekstrem_atas"])
    bawah = float(settings["capaian_ekstrem_bawah"])
    lapor = ctx.tw_lapor()
    df = ctx.capaian()
    n = df["kode_unit"].map(lambda u: max(lapor.get(u) or {0}))
    nilai = np.select([n == 1, n == 2, n == 3, n == 4],
                      [df["capaian_tw1"], df["capaian_tw2"], df["capaian_tw3"], df["capaian"]],
                      np.nan)
    calon = pd.Series((nilai > atas - 1e-6) | (nilai < bawah + 1e-6), index=df.index)
    out = []
    for r in ctx.capaian_baris(calon):
        tws = lapor.get(r["kode_unit"])
        if not tws:
            continue
        n = max(tws)
        if n == 4:
            nilai, target, sebanding = r["capaian"], r["target"], True
            realisasi = r["realisasi"]
        else:
            nilai, target = r[f"capaian_tw{n}"], r[f"target_tw_efektif{n}"]
            sebanding = bool(r[f"target_tw_sendiri{n}"])
            realisasi = rumus.realisasi_tahunan([r[f"realisasi_tw{k}"] for k in TWS],
                                                r["agregasi"], n)
        if nilai is None:
            continue
        if nilai > atas:
            batas, arah, ambang = "di atas", "atas", atas
        elif nilai < bawah and sebanding:
            batas, arah, ambang = "di bawah", "bawah", bawah
        else:
            continue
        out.append(temuan(
            "R12", tahun=tahun, triwulan=None, kode_unit=r["kode_unit"], objek="indikator",
            kode_objek=r["kode_indikator"], nilai_unit=nilai, nilai_pembanding=ambang,
            pesan=(f"Capaian {_ind(r)} s.d. {tw(n)} {fmt.persen(nilai)} berada {batas} batas "
                   f"{fmt.persen(ambang, 0)} (target {angka(target)}, realisasi "
                   f"{angka(realisasi)} {r['satuan']}); periksa kembali target dan "
                   "realisasinya."),
            detail={"angka": {**_angka_capaian(r), "Diukur s.d.": tw(n),
                              "Capaian yang diperiksa (%)": nilai, f"Batas {arah} (%)": ambang},
                    "tw": _tw_kinerja(r)}))
    return sorted(out, key=lambda t: (t["kode_unit"] or "", t["kode_objek"]))
