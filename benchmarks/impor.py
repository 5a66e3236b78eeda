"""Import speed and memory against the raw read of the same bytes (issue 12).

    .venv/bin/python -m benchmarks.impor [--ulang 3] [--baris-csv 400000] [--baris-besar 1000000]
                                          [--baris-xlsx 100000] [--folder DIR] [--fase]

Writes an LPJ/BKU CSV as a finance system exports it (a title, a blank line, `;`, Indonesian
numbers and dates), a larger one, and an LPJ workbook. Each is then imported by the project
(`impor`, into a copy of a database holding the test master) and read raw — DuckDB's
`read_csv` of all columns as text into a table for a CSV, python-calamine reading every cell
for a workbook — each run in a fresh child process, alternating ours and raw. Time is the work
itself (the child has already imported its modules and opened its database); peak memory is
the child's ru_maxrss, so it includes the interpreter and the modules. The same file is also
imported by the command line (`python -m lkip_core import FILE`) and that whole process's peak
is printed beside them: the figure issue 12 bounds (< 300 MB for the 400,000-line CSV).
Medians of `--ulang`. `--fase`: instead, where the command line's memory goes — one import of
each CSV given by path as the command line gives it, the memory at the start and the peak of each
step (a thread reads /proc/self/statm; the step is what the import's progress last said).

The machine may be shared: compare the two columns of one run, not figures of different runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATAS_MB = 300  # issue 12: peak memory importing the 400,000-line CSV
sys.path.insert(0, str(ROOT / "tests"))


def lpj_besar(baris: int, *, rusak_setiap: int = 0) -> bytes:
    """An LPJ workbook as the finance system's export would look (kept for other benchmarks)."""
    import xlsxwriter
    from contoh import ANGGARAN

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


def lpj_csv(path: Path, baris: int) -> None:
    """A BKU export: title, blank line, `;` columns, `31/03/2025`, `1.234.567` (~105 B a line)."""
    from contoh import ANGGARAN

    rnd = random.Random(7)
    codes = [r[1] for r in ANGGARAN[1:] if r[0] == 2025]
    start = dt.date(2025, 1, 2)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("BUKU KAS UMUM PENGELUARAN TAHUN 2025\r\n\r\n")
        f.write("No;Tanggal;No Bukti;Kode Kegiatan;Kode Akun;Uraian;Nilai (Rp);Jenis SP2D\r\n")
        lines = []
        for i in range(baris):
            d = start + dt.timedelta(days=rnd.randrange(360))
            amount = f"{rnd.randrange(100_000, 50_000_000):,}".replace(",", ".")
            lines.append(f"{i + 1};{d:%d/%m/%Y};{i:06d}/SP2D/LS/2025;{rnd.choice(codes)};"
                         f"5.1.02.01.01.0024;Belanja barang dan jasa;{amount};"
                         f"{rnd.choice(['LS', 'GU', 'TU'])}\r\n")
            if len(lines) == 10_000:
                f.write("".join(lines))
                lines = []
        f.write("".join(lines))


# --- the child processes ------------------------------------------------------------------


def _anak_impor(berkas: str, basis: str) -> dict:
    from lkip_core import db
    from lkip_core.masukan.impor import impor

    con = db.connect(basis)
    awal = _rss_mb()
    data = Path(berkas).read_bytes()
    t0, c0 = time.perf_counter(), time.process_time()
    hasil = impor(con, [(Path(berkas).name, data)], oleh="bench")
    detik, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert hasil.ok, [p.message for p in hasil.errors[:3]]
    return {"detik": detik, "cpu": cpu, "awal_mb": awal, "baris": hasil.submissions[0]["baris"]}


def _anak_fase(berkas: str, basis: str) -> dict:
    """Memory by step of one import of `berkas` by path, as `python -m lkip_core import` runs it."""
    awal: dict[str, float] = {}
    puncak: dict[str, float] = {}
    fase = [""]
    selesai = threading.Event()

    def ke(nama: str) -> None:
        if nama != fase[0]:
            awal.setdefault(nama, _rss_mb())
            fase[0] = nama

    def sampel() -> None:
        while not selesai.is_set():
            r, f = _rss_mb(), fase[0]
            puncak[f] = max(puncak.get(f, 0.0), r)
            selesai.wait(0.002)

    ke("modul")
    pengambil = threading.Thread(target=sampel, daemon=True)
    pengambil.start()
    from lkip_core import db
    from lkip_core.masukan.impor import impor
    from lkip_core.perintah.cli import build_parser

    build_parser()
    ke("basis data dibuka")
    con = db.connect(basis)
    langkah = {"Membaca": "membaca (byte, pindai, DuckDB, salinan zstd)",
               "Memeriksa": "memeriksa (baris data, parsing kolom)",
               "Memuat": "memuat (baris, berkas asli, COMMIT)", "Selesai": "selesai"}

    def kemajuan(_f: float, teks: str) -> None:
        ke(next((v for k, v in langkah.items() if teks.startswith(k)), fase[0]))

    hasil = impor(con, [(Path(berkas).name, Path(berkas))], oleh="bench", progress=kemajuan)
    assert hasil.ok, [p.message for p in hasil.errors[:3]]
    time.sleep(0.01)
    selesai.set()
    pengambil.join()
    import resource

    return {"fase": [[n, awal[n], puncak.get(n, awal[n])] for n in awal],
            "ru_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _cetak_fase(files: list[Path], master_db: Path, tmp: Path) -> None:
    for path in (f for f in files if f.suffix == ".csv"):
        basis = tmp / "fase.duckdb"
        for p in tmp.glob("fase.duckdb*"):
            p.unlink()
        shutil.copy(master_db, basis)
        out = subprocess.run([sys.executable, "-m", "benchmarks.impor", "--anak", "fase",
                              str(path), str(basis)], cwd=ROOT, check=True,
                             stdout=subprocess.PIPE).stdout
        r = json.loads(out)
        print(f"{path.name}: memori per langkah impor lewat baris perintah (MB, RSS)")
        print(f"  {'langkah':<48} {'awal':>6} {'puncak':>7}")
        for nama, mulai, tinggi in r["fase"]:
            print(f"  {nama:<48} {mulai:>6.0f} {tinggi:>7.0f}")
        print(f"  {'puncak proses (ru_maxrss)':<48} {'':>6} {r['ru_maxrss']:>7.0f}")


def _anak_mentah(berkas: str, basis: str) -> dict:
    if berkas.endswith(".csv"):
        import duckdb

        con = duckdb.connect(basis)
        awal = _rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        con.execute("CREATE TABLE mentah AS SELECT * FROM read_csv(?, delim = ';', skip = 2, "
                    "header = true, all_varchar = true)", [berkas])
        detik, cpu = time.perf_counter() - t0, time.process_time() - c0
        n = con.execute("SELECT count(*) FROM mentah").fetchone()[0]
        con.close()
        return {"detik": detik, "cpu": cpu, "awal_mb": awal, "baris": n}
    import python_calamine as pc

    awal = _rss_mb()
    data = Path(berkas).read_bytes()
    t0, c0 = time.perf_counter(), time.process_time()
    book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    n = sum(len(book.get_sheet_by_name(s).to_python(skip_empty_area=False))
            for s in book.sheet_names)
    return {"detik": time.perf_counter() - t0, "cpu": time.process_time() - c0,
            "awal_mb": awal, "baris": n}


def _rss_mb() -> float:
    """This process's memory now (the modules loaded, the database open), before the work."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _jalankan(jenis: str, berkas: Path, basis: Path) -> dict:
    """One child: its own figures, its peak memory (ru_maxrss) and its whole wall time."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.impor", "--anak", jenis,
                             str(berkas), str(basis)], cwd=ROOT, stdout=subprocess.PIPE)
    out = proc.stdout.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{jenis} {berkas.name}: proses anak gagal (status {status})")
    hasil = json.loads(out)
    hasil["puncak_mb"] = usage.ru_maxrss / 1024
    hasil["proses_s"] = time.perf_counter() - t0
    return hasil


def _jalankan_cli(berkas: Path, basis: Path) -> dict:
    """`python -m lkip_core import FILE` as a person runs it: the whole process's peak memory
    (ru_maxrss: the interpreter, the modules the command loads, the file and the work)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "lkip_core", "--db", str(basis), "import",
                             str(berkas), "--oleh", "bench"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"import {berkas.name} lewat baris perintah gagal: {err.decode()[-500:]}")
    return {"puncak_mb": usage.ru_maxrss / 1024, "proses_s": time.perf_counter() - t0}


def ukur(berkas: Path, master_db: Path, tmp: Path, ulang: int) -> dict:
    runs: dict[str, list[dict]] = {"impor": [], "mentah": [], "cli": []}
    for k in range(ulang):
        for jenis in ("impor", "mentah", "cli") if k % 2 == 0 else ("cli", "mentah", "impor"):
            basis = tmp / f"{jenis}.duckdb"
            for p in tmp.glob(f"{jenis}.duckdb*"):
                p.unlink()
            if jenis != "mentah":
                shutil.copy(master_db, basis)
            runs[jenis].append(_jalankan_cli(berkas, basis) if jenis == "cli"
                               else _jalankan(jenis, berkas, basis))
    med = {j: {k: statistics.median(r[k] for r in rs)
               for k in ("detik", "cpu", "puncak_mb", "awal_mb", "proses_s")}
           for j, rs in runs.items() if j != "cli"}
    med["cli"] = {k: statistics.median(r[k] for r in runs["cli"])
                  for k in ("puncak_mb", "proses_s")}
    return {"file": berkas.name, "mb": berkas.stat().st_size / 2**20,
            "baris": runs["impor"][0]["baris"], "median": med,
            "rasio": med["impor"]["detik"] / med["mentah"]["detik"], "runs": runs}


def _siapkan(tmp: Path, baris_csv: int, baris_besar: int, baris_xlsx: int) -> list[Path]:
    """The test files and the master database (in a child: the parent stays small)."""
    from contoh import master_xlsx

    from lkip_core import db
    from lkip_core.masukan.impor import impor

    master_db = tmp / "master.duckdb"
    if not master_db.exists():
        con = db.connect(master_db)
        assert impor(con, [("master.xlsx", master_xlsx())], oleh="bench").ok
        con.close()
    files = []
    for n, name in ((baris_csv, "bku_2025.csv"), (baris_besar, "bku_kota_2025.csv")):
        path = tmp / name
        if n and not path.exists():
            lpj_csv(path, n)
        if n:
            files.append(path)
    if baris_xlsx:
        path = tmp / "bku_2025.xlsx"
        if not path.exists():
            path.write_bytes(lpj_besar(baris_xlsx))
        files.append(path)
    return files


def _lewat(path: Path, args, puncak: float) -> str:
    """The mark of a peak over the issue's bound, which is for the 400,000-line CSV only."""
    if path.name != "bku_2025.csv" or puncak < BATAS_MB:
        return ""
    return f" > {BATAS_MB}"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--anak", nargs=3, help=argparse.SUPPRESS)
    p.add_argument("--siapkan", help=argparse.SUPPRESS)
    p.add_argument("--ulang", type=int, default=3)
    p.add_argument("--baris-csv", type=int, default=400_000)
    p.add_argument("--baris-besar", type=int, default=1_000_000)
    p.add_argument("--baris-xlsx", type=int, default=100_000)
    p.add_argument("--folder", help="tempat berkas uji (bawaan: folder sementara)")
    p.add_argument("--fase", action="store_true",
                   help="memori per langkah impor lewat baris perintah, bukan perbandingan")
    args = p.parse_args()
    if args.anak:
        jenis, berkas, basis = args.anak
        anak = {"impor": _anak_impor, "fase": _anak_fase}.get(jenis, _anak_mentah)
        print(json.dumps(anak(berkas, basis)))
        return
    if args.siapkan:
        files = _siapkan(Path(args.siapkan), args.baris_csv, args.baris_besar, args.baris_xlsx)
        print(json.dumps([str(f) for f in files]))
        return
    # Linux carries a process's peak memory across exec into its child's ru_maxrss: this parent
    # imports nothing heavy and writes no file itself, so a child's peak is its own.
    tmp = Path(args.folder or tempfile.mkdtemp(prefix="lkip-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.impor", "--siapkan", str(tmp), "--baris-csv",
             str(args.baris_csv), "--baris-besar", str(args.baris_besar), "--baris-xlsx",
             str(args.baris_xlsx)], cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout
        files = [Path(f) for f in json.loads(out)]
        if args.fase:
            _cetak_fase(files, tmp / "master.duckdb", tmp)
            return
        print(f"Impor vs baca mentah berkas yang sama; median {args.ulang}x, bergantian, tiap "
              "kali proses baru (mesin ini dipakai bersama: bandingkan kolom dalam satu baris).")
        print(f"{'berkas':<20} {'MB':>6} {'baris':>10} {'impor s':>8} {'mentah s':>9} "
              f"{'rasio':>6} {'CPU impor/mentah':>17} {'puncak impor (+kerja)':>22} "
              f"{'puncak mentah (+kerja)':>23} {'puncak baris perintah':>22}")
        for path in files:
            r = ukur(path, tmp / "master.duckdb", tmp, args.ulang)
            m = r["median"]
            print(f"{r['file']:<20} {r['mb']:>6.1f} {r['baris']:>10,} {m['impor']['detik']:>8.2f} "
                  f"{m['mentah']['detik']:>9.2f} {r['rasio']:>5.1f}x "
                  f"{m['impor']['cpu']:>8.2f}/{m['mentah']['cpu']:<4.2f} s "
                  f"{m['impor']['puncak_mb']:>10.0f} MB (+{m['impor']['puncak_mb'] - m['impor']['awal_mb']:.0f}) "
                  f"{m['mentah']['puncak_mb']:>11.0f} MB (+{m['mentah']['puncak_mb'] - m['mentah']['awal_mb']:.0f}) "
                  f"{m['cli']['puncak_mb']:>11.0f} MB{_lewat(path, args, m['cli']['puncak_mb'])}")
            sys.stdout.flush()
        print("impor: `impor()` ke salinan basis data berisi master (proses anak sudah memuat "
              "modul dan membuka basis data); mentah: DuckDB read_csv semua kolom teks ke tabel "
              "/ python-calamine membaca setiap sel. Waktu: median dinding; CPU: semua utas "
              "proses selama kerja itu. Puncak: ru_maxrss proses anak (termasuk Python dan "
              "modulnya); +kerja: di atas memori proses sebelum berkas dibaca. Puncak baris "
              "perintah: seluruh proses `python -m lkip_core import BERKAS` (batas issue 12 "
              f"untuk CSV 400.000 baris: < {BATAS_MB} MB).")
    finally:
        if not args.folder:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
