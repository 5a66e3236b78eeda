"""Annex export speed (issue 5): the whole annex workbook of the city-scale data in < 5 s.

    .venv/bin/python -m lkip_core --db /tmp/kota.duckdb demo --skala kota   # once
    .venv/bin/python -m benchmarks.lampiran [--db /tmp/kota.duckdb] [--tahun Y] [--ulang 3]

Times, on a copy of the database (the archive is written to the copy, never to the original):
loading the year's results, the Lampiran I–V workbook, the Bab III workbook, and the full
`ekspor` (build + archive) the page and the command line run. Prints the best and the median.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks._ukur import ukur as _ukur
from lkip_core import db
from lkip_core.lampiran import buku_bab3, buku_lampiran, ekspor
from lkip_core.lampiran.data import muat

TARGET = 5.0  # seconds, for the annex workbook at city scale


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--db", default="/tmp/kota.duckdb")
    p.add_argument("--tahun", type=int)
    p.add_argument("--ulang", type=int, default=3)
    args = p.parse_args(argv)
    asal = Path(args.db)
    if not asal.exists():
        print(f"{asal} belum ada. Bangun dulu: python -m lkip_core --db {asal} demo --skala kota")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        salinan = Path(tmp) / "bench.duckdb"
        shutil.copy(asal, salinan)
        con = db.connect(salinan)
        cur = con.cursor()
        tahun = args.tahun or cur.execute("SELECT max(tahun) FROM v_master_tahun").fetchone()[0]
        if tahun is None:
            print(f"{asal} tidak berisi master.")
            return 2
        data = muat(cur, tahun)
        print(f"Data {asal} tahun {tahun}: {len(data.capaian):,} indikator, "
              f"{len(data.sasaran):,} sasaran, {len(data.anggaran.sub_kegiatan):,} sub kegiatan, "
              f"{len(data.anggaran.program):,} program")
        baris = [
            ("muat data (capaian + anggaran)", lambda: muat(con.cursor(), tahun)),
            ("buku lampiran I–V", lambda: buku_lampiran(con, tahun)),
            ("buku tabel Bab III", lambda: buku_bab3(con, tahun)),
            ("ekspor lampiran + arsip", lambda: ekspor(con, tahun, oleh="benchmark").isi),
        ]
        hasil_lampiran = None
        for nama, fn in baris:
            best, med, isi = _ukur(fn, args.ulang)
            ukuran = f"{len(isi) / 1e6:6.2f} MB" if isinstance(isi, bytes) else ""
            print(f"{nama:<34} terbaik {best:6.2f} s   median {med:6.2f} s   {ukuran}")
            if nama == "buku lampiran I–V":
                hasil_lampiran = best
        con.close()
    ok = hasil_lampiran is not None and hasil_lampiran < TARGET
    print(f"Target buku lampiran < {TARGET:.0f} s: {'tercapai' if ok else 'TIDAK tercapai'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
