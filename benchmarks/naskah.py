"""LKIP book speed (issue 13): the demo book (DOCX + PDF) in < 15 s, the city-scale book in
< 90 s.

    .venv/bin/python -m lkip_core --db data/kota.duckdb demo --skala kota   # once (make KOTA)
    .venv/bin/python -m benchmarks.naskah [--db data/kota.duckdb] [--tahun Y] [--ulang 1]
    .venv/bin/python -m benchmarks.naskah --demo          # the OPD demo, built in a temp folder

Times, on a copy of the database: the year's results and prose, the charts, the whole DOCX
(`buat_docx`, charts included) and the PDF (LibreOffice), then DOCX + PDF together, which is
what the page's PDF button and `naskah --pdf` do. Prints the best and the median of `--ulang`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks._ukur import ukur
from lkip_core import db, naskah
from lkip_core.naskah import dokumen
from lkip_core.naskah.konteks import Pembangun

TARGET = {"demo": 15.0, "kota": 90.0}  # seconds for DOCX + PDF


def _tanpa_grafik(con, tahun):
    bahan, isi = dokumen.bahan_dan_isi(con.cursor(), tahun)
    return Pembangun(bahan, isi, lambda png, j: None, lambda jobs: [None] * len(jobs)).bangun()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--db", default="data/kota.duckdb")
    p.add_argument("--demo", action="store_true", help="the OPD demo instead of --db")
    p.add_argument("--tahun", type=int)
    p.add_argument("--ulang", type=int, default=1)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        salinan = Path(tmp) / "bench.duckdb"
        if args.demo:
            from lkip_core.demo import buat_demo

            c = db.connect(salinan)
            buat_demo(c, Path(tmp) / "berkas")
            c.close()
            skala = "demo"
        else:
            asal = Path(args.db)
            if not asal.exists():
                print(f"{asal} belum ada. Bangun dulu: make {asal} (python -m lkip_core --db "
                      f"{asal} demo --skala kota --folder data/demo_kota)")
                return 2
            shutil.copy(asal, salinan)
            skala = "kota"
        con = db.connect(salinan)
        tahun = args.tahun or con.execute(
            "SELECT max(tahun) FROM v_master_tahun").fetchone()[0]
        bahan, _ = dokumen.bahan_dan_isi(con.cursor(), tahun)
        print(f"Tahun {tahun}: {len(bahan.data.capaian):,} indikator, {len(bahan.kelompok):,} "
              f"sasaran, {len(bahan.data.anggaran.sub_kegiatan):,} sub kegiatan")
        docx: list[bytes] = []

        def buku() -> bytes:
            docx.append(naskah.buat_docx(con, tahun).docx)
            return docx[-1]

        baris = [("bahan dan naskah (tanpa grafik)", lambda: _tanpa_grafik(con, tahun)),
                 ("DOCX lengkap (dengan grafik)", buku),
                 ("PDF dari DOCX (LibreOffice)", lambda: naskah.ke_pdf_buku(docx[-1])),
                 ("DOCX + PDF", lambda: naskah.ke_pdf_buku(buku()))]
        total = None
        for nama, fn in baris:
            best, med, isi = ukur(fn, args.ulang)
            ukuran = f"{len(isi) / 1e6:6.2f} MB" if isinstance(isi, bytes) else ""
            print(f"{nama:<34} terbaik {best:6.2f} s   median {med:6.2f} s   {ukuran}")
            total = best
        target = TARGET[skala]
        print(f"Target {skala}: DOCX + PDF < {target:g} s — "
              f"{'tercapai' if total < target else 'BELUM tercapai'} ({total:.1f} s)")
        con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
