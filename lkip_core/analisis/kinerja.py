"""Bab III A, "Capaian Kinerja Organisasi": capaian of every indicator of a year, its TWs,
previous years, progress to the Renstra end target and efficiency (domain.md, Computations).

`tabel_capaian` returns one documented frame that the pages, the command line, the annexes and
the reconciliation all use; every formula comes from `rumus`.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from .. import pengaturan
from . import rumus
from .anggaran import HasilAnggaran, hitung_anggaran

TW = (1, 2, 3, 4)
RENSTRA_TAHUN = 5  # a Renstra covers five years ending at tahun_akhir_renstra

_INDIKATOR = """
SELECT i.kode_indikator, i.uraian_indikator, i.kode_sasaran, s.uraian_sasaran, i.kode_unit,
       u.nama_unit, t.tahun, i.satuan, i.polaritas, i.metode_negatif, i.agregasi, i.iku,
       i.definisi, i.sumber_data, i.kode_program, i.kondisi_awal, i.target_akhir_renstra,
       i.tahun_akhir_renstra, t.target_pk AS target, t.target_tw1, t.target_tw2, t.target_tw3,
       t.target_tw4, r.realisasi_tw1, r.realisasi_tw2, r.realisasi_tw3, r.realisasi_tw4,
       r.capaian AS capaian_unit, r.target AS target_unit, r.permasalahan, r.upaya, r.bukti,
       r.submission_id, r.baris
FROM v_indikator i
JOIN v_target t ON t.kode_indikator = i.kode_indikator AND t.tahun = $tahun
LEFT JOIN v_sasaran s ON s.kode_sasaran = i.kode_sasaran
LEFT JOIN v_unit u ON u.kode_unit = i.kode_unit
LEFT JOIN v_realisasi_kinerja r ON r.kode_indikator = i.kode_indikator AND r.tahun = $tahun
     AND r.kode_unit = i.kode_unit
WHERE $unit IS NULL OR i.kode_unit = $unit
ORDER BY i.kode_sasaran, i.kode_indikator
"""

_RIWAYAT = """
WITH ind AS (SELECT kode_indikator, kode_unit, agregasi FROM v_indikator
             WHERE $unit IS NULL OR kode_unit = $unit)
SELECT y.kode_indikator, y.tahun, t.target_pk AS target, r.realisasi_tw1, r.realisasi_tw2,
       r.realisasi_tw3, r.realisasi_tw4, l.realisasi AS realisasi_lalu, ind.agregasi
FROM (SELECT kode_indikator, tahun FROM v_target
      UNION SELECT kode_indikator, tahun FROM v_realisasi_lalu) y
JOIN ind USING (kode_indikator)
LEFT JOIN v_target t USING (kode_indikator, tahun)
LEFT JOIN v_realisasi_kinerja r ON r.kode_indikator = y.kode_indikator AND r.tahun = y.tahun
     AND r.kode_unit = ind.kode_unit
LEFT JOIN v_realisasi_lalu l ON l.kode_indikator = y.kode_indikator AND l.tahun = y.tahun
WHERE y.tahun <= $tahun
ORDER BY y.kode_indikator, y.tahun
"""


def riwayat(cur: duckdb.DuckDBPyConnection, tahun: int,
            kode_unit: str | None = None) -> pd.DataFrame:
    """Target and annual realisasi of each indicator in every year up to `tahun`.

    Columns: kode_indikator, tahun, target, realisasi, sumber ("unit": from the units'
    submissions of that year; "master": the master's realisasi_lalu sheet).
    """
    df = cur.execute(_RIWAYAT, {"tahun": tahun, "unit": kode_unit}).df()
    rows = []
    for r in df.itertuples(index=False):
        tw = [getattr(r, f"realisasi_tw{n}") for n in TW]
        nilai = rumus.realisasi_tahunan(tw, r.agregasi)
        sumber = "unit"
        if nilai is None and not pd.isna(r.realisasi_lalu):
            nilai, sumber = float(r.realisasi_lalu), "master"
        rows.append({"kode_indikator": r.kode_indikator, "tahun": int(r.tahun),
                     "target": None if pd.isna(r.target) else float(r.target),
                     "realisasi": nilai, "sumber": sumber if nilai is not None else None})
    return pd.DataFrame(rows, columns=["kode_indikator", "tahun", "target", "realisasi", "sumber"])


def _nan(v):
    return None if v is None or (isinstance(v, float) and v != v) or v is pd.NA else v


def tabel_capaian(cur: duckdb.DuckDBPyConnection, tahun: int, kode_unit: str | None = None, *,
                  sampai_tw: int = 4, anggaran: HasilAnggaran | None = None) -> pd.DataFrame:
    """One row per indicator with a PK target in `tahun` (the cli.md `capaian` fields and more).

    realisasi: the year's realisasi (or "s.d. TW n" with `sampai_tw`) per the indicator's
    agregasi; capaian against the annual PK target. capaian_tw1..4: realisasi to the end of
    TW n against target_twN when the master gives one (target_tw_sendiri_n True), otherwise
    against the annual target. realisasi_t1/_t2: realisasi of the two previous years.
    capaian_renstra: realisasi to date (summed over the Renstra years for `jumlah`) against
    target_akhir_renstra. serapan_program, ie, te, efisiensi: the efficiency rule through the
    indicator's kode_program. alasan: why capaian is empty, when it is.
    """
    skala = pengaturan.skala_predikat(cur)
    metode_bawaan = pengaturan.baca(cur, "metode_negatif_bawaan")
    base = cur.execute(_INDIKATOR, {"tahun": tahun, "unit": kode_unit}).df()
    hist = riwayat(cur, tahun, kode_unit)
    per_year = {(r.kode_indikator, r.tahun): r.realisasi for r in hist.itertuples(index=False)}
    if anggaran is None:
        anggaran = hitung_anggaran(cur, tahun)
    serapan_cache: dict[str, float | None] = {}
    out = []
    for r in base.to_dict("records"):
        r = {k: _nan(v) for k, v in r.items()}
        metode = r["metode_negatif"] or metode_bawaan
        tw = [r[f"realisasi_tw{n}"] for n in TW]
        realisasi = rumus.realisasi_tahunan(tw, r["agregasi"], sampai_tw)
        cap = rumus.hitung_capaian(r["target"], realisasi, r["polaritas"], metode)
        row = {**r, "metode_negatif": metode, "iku": bool(r["iku"]), "realisasi": realisasi,
               "capaian": cap.nilai, "alasan": cap.alasan,
               "predikat": rumus.predikat(cap.nilai, skala)}
        for n in TW:
            target_n, sendiri = rumus.target_tw(r["target"], r[f"target_tw{n}"])
            sd = rumus.realisasi_tahunan(tw, r["agregasi"], n) if tw[n - 1] is not None else None
            row[f"target_tw_efektif{n}"] = target_n
            row[f"target_tw_sendiri{n}"] = sendiri
            row[f"capaian_tw{n}"] = rumus.hitung_capaian(target_n, sd, r["polaritas"],
                                                         metode).nilai
        kode = r["kode_indikator"]
        row["realisasi_t1"] = per_year.get((kode, tahun - 1))
        row["realisasi_t2"] = per_year.get((kode, tahun - 2))
        akhir = r["tahun_akhir_renstra"]
        awal = (int(akhir) - RENSTRA_TAHUN + 1) if akhir else tahun
        sd_kini = rumus.realisasi_sd_kini(
            {y: per_year.get((kode, y)) for y in range(awal, tahun + 1)}, r["agregasi"])
        row["realisasi_sd_kini"] = sd_kini
        row["capaian_renstra"] = rumus.capaian_renstra(
            sd_kini, r["target_akhir_renstra"], r["polaritas"], metode).nilai
        prog = r["kode_program"]
        if prog and prog not in serapan_cache:
            serapan_cache[prog] = anggaran.serapan_kode(prog)
        row["serapan_program"] = serapan_cache.get(prog) if prog else None
        ef = rumus.efisiensi(cap.nilai, row["serapan_program"])
        row.update(ie=ef.ie, te=ef.te, efisiensi=ef.keterangan)
        out.append(row)
    return pd.DataFrame(out, columns=_KOLOM if not out else None)


_KOLOM = ["kode_indikator", "uraian_indikator", "kode_sasaran", "uraian_sasaran", "kode_unit",
          "nama_unit", "tahun", "satuan", "polaritas", "metode_negatif", "agregasi", "iku",
          "target", "realisasi", "capaian", "alasan", "predikat", "capaian_renstra", "ie"]


def capaian_per_sasaran(df: pd.DataFrame, skala: list[tuple[float, str]]) -> pd.DataFrame:
    """Sasaran capaian: the mean of its indicators' capaian, those without one left out.

    Columns: kode_sasaran, uraian_sasaran, capaian, predikat, indikator, tanpa_capaian.
    """
    rows = []
    for (kode, uraian), g in df.groupby(["kode_sasaran", "uraian_sasaran"], sort=True,
                                        dropna=False):
        nilai, kosong = rumus.capaian_sasaran(g["capaian"].tolist())
        rows.append({"kode_sasaran": kode, "uraian_sasaran": uraian, "capaian": nilai,
                     "predikat": rumus.predikat(nilai, skala), "indikator": len(g),
                     "tanpa_capaian": kosong})
    return pd.DataFrame(rows, columns=["kode_sasaran", "uraian_sasaran", "capaian", "predikat",
                                       "indikator", "tanpa_capaian"])


def ke_json(df: pd.DataFrame) -> list[dict]:
    """The `capaian --json` shape of cli.md (unrounded numbers, null for missing)."""
    out = []
    for r in df.to_dict("records"):
        r = {k: _nan(v) for k, v in r.items()}
        out.append({
            "kode_indikator": r["kode_indikator"], "kode_sasaran": r["kode_sasaran"],
            "kode_unit": r["kode_unit"], "tahun": int(r["tahun"]), "satuan": r["satuan"],
            "polaritas": r["polaritas"], "metode_negatif": r["metode_negatif"],
            "agregasi": r["agregasi"], "iku": bool(r["iku"]), "target": r["target"],
            "realisasi": r["realisasi"], "capaian": r["capaian"], "predikat": r["predikat"],
            "realisasi_tw": [r[f"realisasi_tw{n}"] for n in TW],
            "capaian_tw": [r[f"capaian_tw{n}"] for n in TW],
            "target_akhir_renstra": r["target_akhir_renstra"],
            "capaian_renstra": r["capaian_renstra"], "kode_program": r["kode_program"],
            "serapan_program": r["serapan_program"], "ie": r["ie"],
        })
    return out
