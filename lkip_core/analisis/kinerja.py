"""Bab III A, "Capaian Kinerja Organisasi": capaian of every indicator of a year, its TWs,
previous years, progress to the Renstra end target and efficiency (domain.md, Computations).

`tabel_capaian` returns one documented frame that the pages, the command line, the annexes and
the reconciliation all use; every formula comes from `rumus`. Rows are built from plain tuples
(`fetchall`), not from a DataFrame: iterating pandas' Arrow-backed strings row by row cost more
than the formulas themselves at city scale.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from .. import fmt, pengaturan
from . import rumus
from .anggaran import HasilAnggaran, IndeksAnggaran, indeks_anggaran

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
             WHERE ($unit IS NULL OR kode_unit = $unit)
               AND ($kode IS NULL OR kode_indikator = $kode))
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

KOLOM_RIWAYAT = ["kode_indikator", "tahun", "target", "realisasi", "sumber"]


def _riwayat(cur: duckdb.DuckDBPyConnection, tahun: int, kode_unit: str | None,
             kode_indikator: str | None = None) -> list[tuple]:
    """(kode_indikator, tahun, target, realisasi, sumber) rows; see `riwayat`."""
    res = cur.execute(_RIWAYAT, {"tahun": tahun, "unit": kode_unit, "kode": kode_indikator})
    out = []
    for kode, th, target, t1, t2, t3, t4, lalu, agregasi in res.fetchall():
        # most past years come from the master with no TW at all: no formula to apply
        kosong = t1 is None and t2 is None and t3 is None and t4 is None
        nilai = None if kosong else rumus.realisasi_tahunan((t1, t2, t3, t4), agregasi)
        sumber = "unit"
        if nilai is None and lalu is not None:
            nilai, sumber = float(lalu), "master"
        out.append((kode, int(th), target, nilai, sumber if nilai is not None else None))
    return out


def riwayat(cur: duckdb.DuckDBPyConnection, tahun: int, kode_unit: str | None = None,
            kode_indikator: str | None = None) -> pd.DataFrame:
    """Target and annual realisasi of each indicator in every year up to `tahun`.

    Columns: kode_indikator, tahun, target (the PK target of that year, when the master has
    it), realisasi, sumber ("unit": from the units' submissions of that year; "master": the
    master's realisasi_lalu sheet). `kode_indikator` narrows it to one indicator.
    """
    rows = _riwayat(cur, tahun, kode_unit, kode_indikator)
    df = pd.DataFrame(rows, columns=KOLOM_RIWAYAT)
    return df.astype({"tahun": "int64", "target": "float64", "realisasi": "float64"})


# Every column of tabel_capaian, in order (also the columns of an empty result).
KOLOM = [
    # from the master and the unit's submission
    "kode_indikator", "uraian_indikator", "kode_sasaran", "uraian_sasaran", "kode_unit",
    "nama_unit", "tahun", "satuan", "polaritas", "metode_negatif", "agregasi", "iku",
    "definisi", "sumber_data", "kode_program", "kondisi_awal", "target_akhir_renstra",
    "tahun_akhir_renstra", "target", *[f"target_tw{n}" for n in TW],
    *[f"realisasi_tw{n}" for n in TW], "capaian_unit", "target_unit", "permasalahan", "upaya",
    "bukti", "submission_id", "baris",
    # computed
    "sampai_tw", "realisasi", "capaian", "alasan", "predikat",
    *[c for n in TW for c in (f"target_tw_efektif{n}", f"target_tw_sendiri{n}",
                              f"capaian_tw{n}")],
    "realisasi_t1", "target_t1", "capaian_t1", "realisasi_t2", "realisasi_sd_kini",
    "capaian_renstra", "pagu_program", "realisasi_program", "serapan_program", "ie", "te",
    "efisiensi",
]
_BOOL = ["iku", *[f"target_tw_sendiri{n}" for n in TW]]
_TEKS = ["kode_indikator", "uraian_indikator", "kode_sasaran", "uraian_sasaran", "kode_unit",
         "nama_unit", "satuan", "polaritas", "metode_negatif", "agregasi", "definisi",
         "sumber_data", "kode_program", "permasalahan", "upaya", "bukti", "alasan", "predikat",
         "efisiensi"]


def tabel_capaian(cur: duckdb.DuckDBPyConnection, tahun: int, kode_unit: str | None = None, *,
                  sampai_tw: int = 4, anggaran: HasilAnggaran | IndeksAnggaran | None = None
                  ) -> pd.DataFrame:
    """One row per indicator with a PK target in `tahun` (the cli.md `capaian` fields and more).

    Columns are `KOLOM`. realisasi: the year's realisasi (or "s.d. TW n" with `sampai_tw`,
    recorded in sampai_tw) per the indicator's agregasi; capaian against the annual PK target;
    alasan: why capaian is empty, when it is; metode_negatif: the method in force (the
    setting metode_negatif_bawaan when the master leaves it empty). capaian_tw1..4: the TW's
    realisasi against target_twN when the master gives one (target_tw_sendiri_n True; both are
    the same kind of figure, as inputs.md defines realisasi_twN: for `jumlah` the TW's own
    amount, otherwise the position at the end of the TW), otherwise the realisasi to the end
    of TW n against the annual target. realisasi_t1/_t2: annual realisasi of the two
    previous years; target_t1 and capaian_t1: the previous year's PK target and the capaian
    against it. capaian_renstra: realisasi to date (summed over the Renstra years for
    `jumlah`; this year counts "s.d. TW n") against target_akhir_renstra. pagu_program,
    realisasi_program, serapan_program, ie, te, efisiensi: the efficiency rule through the
    indicator's kode_program, over the whole agency's budget of the year (`anggaran`: a
    HasilAnggaran already computed for every unit, not a unit's subset; when not given, only
    the sums the rule needs are read, with `indeks_anggaran`).
    """
    if not 1 <= sampai_tw <= 4:
        raise ValueError(f"TW harus 1 sampai 4, bukan {sampai_tw}")
    skala = pengaturan.skala_predikat(cur)
    metode_bawaan = pengaturan.baca(cur, "metode_negatif_bawaan")
    res = cur.execute(_INDIKATOR, {"tahun": tahun, "unit": kode_unit})
    names = [d[0] for d in res.description]
    base = res.fetchall()
    per_year: dict[tuple[str, int], tuple] = {
        (k, th): (target, nilai) for k, th, target, nilai, _ in _riwayat(cur, tahun, kode_unit)}
    if anggaran is None:
        anggaran = indeks_anggaran(cur, tahun)
    program: dict[str, dict | None] = {}
    out = []
    for values in base:
        r = dict(zip(names, values))
        polaritas, agregasi, target = r["polaritas"], r["agregasi"], r["target"]
        metode = r["metode_negatif"] or metode_bawaan
        tw = [r[f"realisasi_tw{n}"] for n in TW]
        realisasi = rumus.realisasi_tahunan(tw, agregasi, sampai_tw)
        cap = rumus.hitung_capaian(target, realisasi, polaritas, metode)
        r.update(metode_negatif=metode, iku=bool(r["iku"]), sampai_tw=sampai_tw,
                 realisasi=realisasi, capaian=cap.nilai, alasan=cap.alasan,
                 predikat=rumus.predikat(cap.nilai, skala))
        for n in TW:
            target_n, sendiri = rumus.target_tw(target, r[f"target_tw{n}"])
            r[f"target_tw_efektif{n}"] = target_n
            r[f"target_tw_sendiri{n}"] = sendiri
            # An unreported TW has no capaian. target_twN is the same kind of figure as
            # realisasi_twN (for `jumlah`, the TW's own amount), so the two are compared; with
            # no TW target, the realisasi to date is held against the annual target.
            nilai_n = tw[n - 1] if sendiri else rumus.realisasi_tahunan(tw, agregasi, n)
            r[f"capaian_tw{n}"] = None if tw[n - 1] is None else rumus.hitung_capaian(
                target_n, nilai_n, polaritas, metode).nilai
        kode = r["kode_indikator"]
        target_t1, realisasi_t1 = per_year.get((kode, tahun - 1), (None, None))
        r.update(realisasi_t1=realisasi_t1, target_t1=target_t1,
                 capaian_t1=None if realisasi_t1 is None else rumus.hitung_capaian(
                     target_t1, realisasi_t1, polaritas, metode).nilai,
                 realisasi_t2=per_year.get((kode, tahun - 2), (None, None))[1])
        akhir = r["tahun_akhir_renstra"]
        awal = (int(akhir) - RENSTRA_TAHUN + 1) if akhir else tahun
        tahunan = {y: per_year.get((kode, y), (None, None))[1] for y in range(awal, tahun)}
        tahunan[tahun] = realisasi  # this year as filtered: "s.d. TW n"
        sd_kini = rumus.realisasi_sd_kini(tahunan, agregasi)
        r["realisasi_sd_kini"] = sd_kini
        r["capaian_renstra"] = None if sd_kini is None else rumus.capaian_renstra(
            sd_kini, r["target_akhir_renstra"], polaritas, metode).nilai
        prog = r["kode_program"]
        if prog and prog not in program:
            program[prog] = anggaran.anggaran_kode(prog)
        ang = program.get(prog) if prog else None
        r.update(pagu_program=ang and ang["pagu"], realisasi_program=ang and ang["realisasi"],
                 serapan_program=ang and ang["serapan"])
        ef = rumus.efisiensi(cap.nilai, r["serapan_program"])
        r.update(ie=ef.ie, te=ef.te, efisiensi=ef.keterangan)
        out.append(r)
    df = pd.DataFrame({k: [r[k] for r in out] for k in KOLOM}, columns=KOLOM)
    # Fixed dtypes whatever the data: an all-empty column must still be a number column.
    angka = [c for c in KOLOM if c not in _BOOL and c not in _TEKS]
    return df.astype({**{c: "float64" for c in angka if c not in ("tahun", "sampai_tw")},
                      "tahun": "int64", "sampai_tw": "int64",
                      **{c: "bool" for c in _BOOL}, **{c: "str" for c in _TEKS}})


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
        r = {k: fmt.nilai_json(v) for k, v in r.items()}
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
