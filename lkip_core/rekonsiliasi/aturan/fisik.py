"""Rules on physical progress: fisik against serapan (R05) and fisik that cannot be (R06).

Fisik is cumulative at the end of each TW (inputs.md); serapan at a TW is the unit's
cumulative keuangan to that TW over the pagu, by `rumus.serapan`.
"""

from __future__ import annotations

from ... import fmt
from ...analisis import rumus
from ._dasar import aturan, baris, temuan, tw
from .keuangan import _sub

# The SQL only narrows the rows down (with a margin); `rumus.serapan` decides.
_MARGIN = 1e-6


@aturan("R05", "fisik dan keuangan timpang", "peringatan")
def r05_timpang(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """|fisik % − serapan %| at a reported TW is more than the threshold (points)."""
    ambang = float(settings["ambang_fisik_keuangan"])
    calon = baris(cur, f"""
        SELECT * FROM {ctx.keuangan()}
        WHERE lapor AND fisik IS NOT NULL AND pagu > 0
          AND abs(fisik - keu_kum * 100 / pagu) > $batas
        ORDER BY kode_unit, kode_sub_kegiatan, tw""", {"batas": ambang - _MARGIN})
    rows = []
    for r in calon:
        serapan = rumus.serapan(r["keu_kum"], r["pagu"])
        if serapan is not None and abs(r["fisik"] - serapan) > ambang:
            rows.append({**r, "serapan": serapan})
    tws = ctx.rincian_tw(r["kode_sub_kegiatan"] for r in rows)
    out = []
    for r in rows:
        beda = r["fisik"] - r["serapan"]
        arah = "jauh di atas" if beda > 0 else "jauh di bawah"
        out.append(temuan(
            "R05", tahun=tahun, triwulan=r["tw"], kode_unit=r["kode_unit"], objek="sub_kegiatan",
            kode_objek=r["kode_sub_kegiatan"], nilai_unit=r["fisik"],
            nilai_pembanding=r["serapan"],
            pesan=(f"Realisasi fisik {_sub(r)} s.d. {tw(r['tw'])} {fmt.persen(r['fisik'])} "
                   f"{arah} serapan anggarannya {fmt.persen(r['serapan'])} (beda "
                   f"{fmt.angka(abs(beda))} poin, batas {fmt.angka(ambang)} poin); periksa "
                   "kembali angka fisik dan keuangannya."),
            detail={"tw": tws.get(r["kode_sub_kegiatan"], []),
                    "angka": {"Fisik (%)": r["fisik"], "Serapan (%)": r["serapan"],
                              "Keuangan kumulatif unit (Rp)": float(r["keu_kum"]),
                              "Pagu DPA (Rp)": float(r["pagu"])}}))
    return out


@aturan("R06", "fisik tidak wajar", "galat")
def r06_fisik_tidak_wajar(cur, tahun, kode_unit, settings, ctx) -> list[dict]:
    """Cumulative fisik lower than at the previous reported TW, or outside 0–100."""
    rows = baris(cur, f"""
        SELECT * FROM {ctx.keuangan()}
        WHERE fisik IS NOT NULL AND (fisik < 0 OR fisik > 100 OR fisik < fisik_lalu)
        ORDER BY kode_unit, kode_sub_kegiatan, tw""")
    tws = ctx.rincian_tw(r["kode_sub_kegiatan"] for r in rows)
    out = []
    for r in rows:
        if not 0 <= r["fisik"] <= 100:
            pesan = (f"Realisasi fisik {_sub(r)} {tw(r['tw'])} tertulis "
                     f"{fmt.persen(r['fisik'])}, padahal fisik harus antara 0 dan 100 %.")
            pembanding = None
        else:
            pesan = (f"Realisasi fisik kumulatif {_sub(r)} turun dari "
                     f"{fmt.persen(r['fisik_lalu'])} menjadi {fmt.persen(r['fisik'])} pada "
                     f"{tw(r['tw'])}; fisik kumulatif tidak boleh turun.")
            pembanding = r["fisik_lalu"]
        out.append(temuan(
            "R06", tahun=tahun, triwulan=r["tw"], kode_unit=r["kode_unit"], objek="sub_kegiatan",
            kode_objek=r["kode_sub_kegiatan"], nilai_unit=r["fisik"],
            nilai_pembanding=pembanding, pesan=pesan,
            detail={"tw": tws.get(r["kode_sub_kegiatan"], [])}))
    return out
