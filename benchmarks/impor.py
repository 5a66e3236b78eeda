"""Import speed (issue 2): a 100,000-line LPJ file must import in < 5 s on 2 cores, and a
refused bad file must be refused in seconds.

    .venv/bin/python -m benchmarks.impor [--baris 100000]

Writes the LPJ workbook with xlsxwriter (as the finance system's export would look), then
times `impor` into a fresh DuckDB file holding the test master. Prints the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from contoh import ANGGARAN, master_xlsx  # noqa: E402

from lkip_core import db  # noqa: E402
from lkip_core.pengumpulan import impor  # noqa: E402


def lpj_besar(baris: int, *, rusak_setiap: int = 0) -> bytes:
    rnd = random.Random(7)
    codes = [r[1] for r in ANGGARAN[1:] if r[0] == 2025]
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": True})
    ws = wb.add_worksheet("BKU")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["PEMERINTAH KOTA TANGERANG"])
    ws.write_row(1, 0, ["BUKU KAS UMUM PENGELUARAN TAHUN 2025"])
    ws.write_row(3, 0, ["No", "Tanggal", "No Bukti", "Kode Kegiatan", "Kode Akun", "Uraian",
                        "Nilai (Rp)", "Jenis SP2D"])
    start = dt.datetime(2025, 1, 2)
    for i in range(baris):
        r = 4 + i
        ws.write_number(r, 0, i + 1)
        ws.write_datetime(r, 1, start + dt.timedelta(days=rnd.randrange(360)), date_fmt)
        ws.write_string(r, 2, f"{i:06d}/SP2D/LS/2025")
        ws.write_string(r, 3, rnd.choice(codes))
        ws.write_string(r, 4, "5.1.02.01.01.0024")
        ws.write_string(r, 5, "Belanja barang dan jasa")
        if rusak_setiap and i % rusak_setiap == 0:
            ws.write_string(r, 6, "seratus ribu")
        else:
            ws.write_number(r, 6, rnd.randrange(100_000, 50_000_000))
        ws.write_string(r, 7, rnd.choice(["LS", "GU", "TU"]))
    wb.close()
    return buf.getvalue()


def ukur(baris: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "bench.duckdb")
        assert impor(con, [("master.xlsx", master_xlsx())], oleh="bench").ok
        t0 = time.perf_counter()
        data = lpj_besar(baris)
        t_tulis = time.perf_counter() - t0
        t0 = time.perf_counter()
        hasil = impor(con, [("bku_2025.xlsx", data)], oleh="bench")
        t_impor = time.perf_counter() - t0
        assert hasil.ok, hasil.errors[:3]
        n = con.execute("SELECT count(*) FROM v_lpj").fetchone()[0]
        bad = lpj_besar(baris, rusak_setiap=1000)
        t0 = time.perf_counter()
        refused = impor(con, [("bku_rusak.xlsx", bad)], oleh="bench")
        t_tolak = time.perf_counter() - t0
        assert not refused.ok
        return {"baris": n, "ukuran_mb": len(data) / 1e6, "tulis_s": t_tulis, "impor_s": t_impor,
                "tolak_s": t_tolak, "galat_ditolak": len(refused.errors)}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--baris", type=int, default=100_000)
    args = p.parse_args()
    r = ukur(args.baris)
    print(f"LPJ {r['baris']:,} baris ({r['ukuran_mb']:.1f} MB xlsx): impor {r['impor_s']:.2f} s "
          f"(target < 5 s)")
    print(f"Berkas sama dengan {r['galat_ditolak']} sel rusak: ditolak dalam {r['tolak_s']:.2f} s")


if __name__ == "__main__":
    main()
