"""Leadership pages speed (issue 6): what the Ringkasan Pimpinan and Tahapan SOP pages compute
on every run, and the briefing deck, at city scale (domain.md).

    .venv/bin/python -m lkip_core --db /tmp/kota.duckdb demo --skala kota   # once
    .venv/bin/python -m benchmarks.pimpinan [--db /tmp/kota.duckdb] [--ulang 3]

Prints the best and the median of `--ulang` runs per step (chart steps include `to_json()`,
what Streamlit sends), and the deck's size and slide count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from pathlib import Path

from pptx import Presentation

from benchmarks._ukur import ukur as _ukur_s
from lkip_core import db, pengaturan
from lkip_core.grafik import pimpinan as grafik
from lkip_core.grafik.kinerja import distribusi_predikat
from lkip_core.grafik.tahapan import gantt
from lkip_core.masukan.rekap import tahun_tersedia
from lkip_core.pimpinan import ringkasan as pimpinan
from lkip_core.pimpinan import tahapan
from lkip_core.pimpinan.paparan import buat_paparan


def ukur(fn, ulang: int) -> tuple[float, float, object]:
    """As benchmarks._ukur.ukur, in milliseconds."""
    best, median, hasil = _ukur_s(fn, ulang)
    return best * 1000, median * 1000, hasil


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", default="/tmp/kota.duckdb")
    p.add_argument("--ulang", type=int, default=3)
    args = p.parse_args(argv)
    if not Path(args.db).exists():
        print(f"{args.db} belum ada. Buat dulu:\n  python -m lkip_core --db {args.db} demo "
              "--skala kota", file=sys.stderr)
        return 2
    con = db.connect(args.db)
    cur = con.cursor()
    tahun = tahun_tersedia(cur)[0]
    skala = pengaturan.skala_predikat(cur)
    n = args.ulang
    r = pimpinan.ringkasan(cur, tahun)
    sasaran, _ = pimpinan.terbawah(r.per_sasaran, "capaian", 20)
    unit, _ = pimpinan.terbawah(r.serapan_unit, "serapan", 20)
    langkah = {
        "ringkasan (capaian, anggaran, kelengkapan, rekonsiliasi, tahun lalu)":
            lambda: pimpinan.ringkasan(cur, tahun),
        "  di dalamnya: kesiapan (kelengkapan + rekonsiliasi)":
            lambda: pimpinan.kesiapan(cur, tahun),
        "grafik halaman Ringkasan (5, to_json)": lambda: [f.to_json() for f in (
            grafik.capaian_per_sasaran(sasaran, skala),
            distribusi_predikat(r.distribusi, None, skala),
            grafik.peringkat_indikator(r.terbaik, "t", skala),
            grafik.peringkat_indikator(r.terburuk, "b", skala),
            grafik.serapan_unit(unit, r.serapan))],
        "jadwal Tahapan SOP (dengan status langsung)":
            lambda: tahapan.jadwal(cur, tahun, dt.date(2026, 2, 20),
                                   mulai=dt.date(2026, 2, 12)),
        "gantt (to_json)": lambda: gantt(
            tahapan.jadwal(cur, tahun, dt.date(2026, 2, 20), mulai=dt.date(2026, 2, 12),
                           langsung=False).tabel, dt.date(2026, 2, 20)).to_json(),
    }
    print(f"{args.db}: tahun {tahun}, {r.indikator} indikator, {len(r.per_sasaran)} sasaran, "
          f"{len(r.serapan_unit)} unit ber-DPA")
    print(f"{'langkah':<72} {'terbaik':>9} {'median':>9}")
    for nama, fn in langkah.items():
        best, med, _ = ukur(fn, n)
        print(f"{nama:<72} {best:>7.0f}ms {med:>7.0f}ms")
    t0 = time.perf_counter()
    isi = buat_paparan(con, tahun, oleh="benchmark")
    detik = time.perf_counter() - t0
    slides = len(Presentation(io.BytesIO(isi)).slides)
    print(f"{'paparan (sekali)':<72} {detik * 1000:>7.0f}ms   "
          f"{slides} slide, {len(isi) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
