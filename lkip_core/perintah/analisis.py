"""Commands of SOP step 6 (Bab III): capaian and anggaran."""

from __future__ import annotations

from lkip_core.perintah.daftar import arg, command, emit_json, open_db

_ARGS = (arg("--tahun", type=int, required=True), arg("--unit"),
         arg("--json", action="store_true", help="keluaran JSON"))


def _cek(cur, tahun: int, unit: str | None) -> None:
    from lkip_core.masukan.rekap import cek_lingkup

    cek_lingkup(cur, tahun, unit)


@command("capaian", "capaian indikator kinerja satu tahun", *_ARGS)
def _capaian(args) -> int:
    import pandas as pd

    from lkip_core import fmt
    from lkip_core.analisis.kinerja import ke_json, tabel_capaian
    from lkip_core.analisis.ringkasan import label_rumus

    cur = open_db(args).cursor()
    _cek(cur, args.tahun, args.unit)
    df = tabel_capaian(cur, args.tahun, args.unit)
    if args.json:
        emit_json(ke_json(df))
        return 0
    print(f"{'kode':<12} {'target':>12} {'realisasi':>12} {'capaian':>12}  {'predikat':<14} "
          f"{'rumus':<18} indikator")
    for r in df.itertuples():
        ada = not pd.isna(r.capaian)
        cap = fmt.persen(r.capaian) if ada else "—"
        predikat = r.predikat if ada else f"({r.alasan})"
        # every table showing a negatif capaian names its formula (domain.md)
        rumus = label_rumus(r.polaritas, r.metode_negatif)
        print(f"{r.kode_indikator:<12} {fmt.angka(r.target):>12} {fmt.angka(r.realisasi):>12} "
              f"{cap:>12}  {predikat:<14} {rumus:<18} {r.uraian_indikator}")
    return 0


@command("anggaran", "realisasi anggaran per sub kegiatan, kegiatan dan program", *_ARGS)
def _anggaran(args) -> int:
    from lkip_core import fmt
    from lkip_core.analisis.anggaran import hitung_anggaran

    cur = open_db(args).cursor()
    _cek(cur, args.tahun, args.unit)
    hasil = hitung_anggaran(cur, args.tahun, args.unit)
    if args.json:
        emit_json(hasil.to_dict())
        return 0
    for level in (hasil.program, hasil.kegiatan):
        for r in level.itertuples():
            print(f"{r.kode:<20} {fmt.rupiah(r.pagu):>22} {fmt.rupiah(r.realisasi):>22} "
                  f"{fmt.persen(r.serapan):>10}  {r.nama or ''}")
    t = hasil.total
    print(f"{'TOTAL':<20} {fmt.rupiah(t['pagu']):>22} {fmt.rupiah(t['realisasi']):>22} "
          f"{fmt.persen(t['serapan']):>10}")
    return 0
