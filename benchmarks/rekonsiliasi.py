"""Reconciliation speed (issue 4): the city-scale year (500,000 LPJ lines) in < 2 s.

    .venv/bin/python -m lkip_core --db /tmp/kota.duckdb demo --skala kota   # once
    .venv/bin/python -m benchmarks.rekonsiliasi [--db /tmp/kota.duckdb] [--ulang 5]

Works on a copy of the database (runs are recorded in the copy, never in the original). Times:
every rule once (where the time goes); the whole `rekonsiliasi` as the page and the command
line run it (recording the run) on the clean city data; then again after planting mistakes in
5 % of the sub kegiatan (so the findings and their LPJ details cost something too); one unit's
correction workbook. When the database is missing it is built with the demo's city scale.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks._ukur import ukur as _ukur
from lkip_core import db, pengaturan
from lkip_core.rekonsiliasi import rekonsiliasi
from lkip_core.rekonsiliasi.aturan import DAFTAR, KODE, Konteks
from lkip_core.rekonsiliasi.koreksi import buku_koreksi

TARGET = 2.0  # seconds, for the whole reconciliation of a city-scale year


def _bangun(path: Path) -> None:
    from lkip_core.demo import buat_demo

    print(f"{path} belum ada: membangun data skala kota (sekali, ± 40 detik) …")
    con = db.connect(path)
    buat_demo(con, Path(tempfile.mkdtemp(prefix="demo_kota_")), skala="kota")
    con.close()


def _tanam(con, tahun: int) -> int:
    """Mistakes in 5 % of the reported sub kegiatan: TW II keuangan Rp 1.000 off (R01 from
    TW II on) and one LPJ line in 500 duplicated (R09). Returns the sub kegiatan touched."""
    n = con.execute(
        "UPDATE realisasi_anggaran SET keuangan_tw2 = keuangan_tw2 + 1000 "
        "WHERE hash(kode_sub_kegiatan) % 20 = 0 AND keuangan_tw2 IS NOT NULL "
        "AND submission_id IN (SELECT id FROM submission WHERE status = 'aktif' "
        "AND jenis = 'realisasi' AND tahun = ?)", [tahun]).fetchone()[0]
    con.execute("INSERT INTO lpj SELECT * FROM lpj WHERE hash(nomor_bukti, baris) % 500 = 0 "
                "AND submission_id IN (SELECT id FROM submission WHERE status = 'aktif' "
                "AND jenis = 'lpj' AND tahun = ?)", [tahun])
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--db", default="/tmp/kota.duckdb")
    p.add_argument("--tahun", type=int)
    p.add_argument("--ulang", type=int, default=5)
    args = p.parse_args(argv)
    asal = Path(args.db)
    if not asal.exists():
        _bangun(asal)
    with tempfile.TemporaryDirectory() as tmp:
        salinan = Path(tmp) / "bench.duckdb"
        shutil.copy(asal, salinan)
        con = db.connect(salinan)
        cur = con.cursor()
        tahun = args.tahun or cur.execute("SELECT max(tahun) FROM v_lpj").fetchone()[0]
        lpj, unit, ind, sub = cur.execute(
            "SELECT (SELECT count(*) FROM v_lpj WHERE tahun = $t), "
            "(SELECT count(*) FROM v_unit), "
            "(SELECT count(*) FROM v_target WHERE tahun = $t), "
            "(SELECT count(*) FROM v_anggaran WHERE tahun = $t)", {"t": tahun}).fetchone()
        print(f"Data {asal}: tahun {tahun}, {lpj:,} baris LPJ, {unit} unit, {ind:,} indikator, "
              f"{sub:,} sub kegiatan.")

        # Where the time goes: one run, rule by rule (the context's shared tables included in
        # the first rule that needs them).
        s = pengaturan.semua(cur)
        print("\nPer aturan (satu kali):")
        with Konteks(cur, tahun, None, s) as ctx:
            for k in KODE:
                t0 = time.perf_counter()
                n = len(DAFTAR[k].fungsi(cur, tahun, None, s, ctx))
                print(f"  {k} {DAFTAR[k].nama:<28} {time.perf_counter() - t0:6.3f} s  "
                      f"{n:>6} temuan")

        hasil = {}
        for judul, tanam in (("data bersih", False), ("5 % sub kegiatan ditanami salah", True)):
            if tanam:
                print(f"\nMenanam kesalahan: {_tanam(con, tahun)} baris anggaran diubah, "
                      "1 dari 500 baris LPJ digandakan.")
            terbaik, median, lap = _ukur(lambda: rekonsiliasi(con.cursor(), tahun), args.ulang)
            hasil[judul] = median
            print(f"Rekonsiliasi {judul} (semua unit, dicatat): terbaik {terbaik:.3f} s, "
                  f"median {median:.3f} s dari {args.ulang}; {len(lap.temuan):,} temuan "
                  f"{ {k: v for k, v in lap.per_aturan.items() if v} }")
        unit1 = lap.temuan["kode_unit"].dropna().iloc[0] if len(lap.temuan) else None
        if unit1:
            b, m, _ = _ukur(lambda: rekonsiliasi(con.cursor(), tahun, unit1), args.ulang)
            print(f"Rekonsiliasi satu unit ({unit1}): terbaik {b:.3f} s, median {m:.3f} s")
            b, m, data = _ukur(lambda: buku_koreksi(con, tahun, unit1, oleh="benchmark", laporan=lap), args.ulang)
            print(f"Buku koreksi {unit1}: terbaik {b:.3f} s, median {m:.3f} s, "
                  f"{len(data) / 1024:.0f} KB")
        con.close()
    terlama = max(hasil.values())
    print(f"\nTarget < {TARGET:.0f} s: {'TERCAPAI' if terlama < TARGET else 'TIDAK tercapai'} "
          f"(median terlama {terlama:.3f} s).")
    return 0 if terlama < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
