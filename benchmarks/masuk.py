"""Signing in and opening the landing page, in Chromium, at city scale (issue 10: "stays within
1 s of today's figures").

    .venv/bin/python -m lkip_core --db data/kota.duckdb demo --skala kota   # once
    .venv/bin/python -m benchmarks.masuk [--db data/kota.duckdb] [--ulang 5]

Serves the app over a copy of the database and measures, in a fresh browser context each time:

- `tanpa formulir`: the landing page (Ringkasan Pimpinan) opened with a valid session cookie
  already in the browser — what opening the app cost before there was a login step;
- `dengan masuk`: the login page opened, name and password typed, Masuk pressed, until the same
  landing page is ready; and, of that, the part from pressing Masuk.

"Ready": the page's heading shows, the script run has ended and its five charts are drawn.
Prints the best and the median of `--ulang` runs, and the difference.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lkip_core import akun, db
from lkip_core.demo.akun import SANDI_DEMO

NAMA = "benchmark.admin"
SANDI = SANDI_DEMO
JUDUL = "Ringkasan Pimpinan"


def _siapkan(path: Path) -> str:
    """The account the browser signs in with (made in the copy when missing); a session token."""
    con = db.connect(path)
    try:
        a = akun.ambil(con, NAMA) or akun.tambah(con, NAMA, "admin", SANDI, oleh="benchmark")
        return akun.buat_token(con, a)
    finally:
        con.close()


def _siap(page, b) -> None:
    """Wait until the landing page is ready: heading, run ended, five charts drawn."""
    page.get_by_role("heading", name=JUDUL).first.wait_for()
    b.app_done(page, "the landing page's run to end")
    page.locator("[data-testid='stPlotlyChart'] .main-svg").nth(4).wait_for(state="attached")


def _tanpa_formulir(browser, b, url: str, token: str) -> float:
    ctx, page = b.new_page(browser)
    try:
        host = url.split("//", 1)[1].split(":")[0]
        ctx.add_cookies([{"name": "lkip_sesi", "value": token, "domain": host, "path": "/",
                          "sameSite": "Strict"}])
        t0 = time.perf_counter()
        page.goto(url)
        _siap(page, b)
        return time.perf_counter() - t0
    finally:
        ctx.close()


def _dengan_masuk(browser, b, url: str) -> tuple[float, float]:
    ctx, page = b.new_page(browser)
    try:
        t0 = time.perf_counter()
        page.goto(url)
        page.get_by_role("textbox", name="Nama pengguna").wait_for()
        b.app_done(page, "the login page")
        page.get_by_role("textbox", name="Nama pengguna").fill(NAMA)
        page.get_by_role("textbox", name="Kata sandi").fill(SANDI)
        t1 = time.perf_counter()
        page.get_by_role("button", name="Masuk").click()
        _siap(page, b)
        t2 = time.perf_counter()
        return t2 - t0, t2 - t1
    finally:
        ctx.close()


def _baris(nama: str, nilai: list[float]) -> None:
    print(f"{nama:<52} {min(nilai):>7.2f} s {statistics.median(nilai):>7.2f} s")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", default="data/kota.duckdb")
    p.add_argument("--ulang", type=int, default=5)
    args = p.parse_args(argv)
    if not Path(args.db).exists():
        print(f"{args.db} belum ada. Buat dulu:\n  python -m lkip_core --db {args.db} demo "
              "--skala kota", file=sys.stderr)
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import browser as b  # the tests' server and browser helpers (Debian's Chromium)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="lkip_bench_masuk_") as tmp:
        kerja = Path(tmp)
        salinan = kerja / "lkip.duckdb"
        shutil.copy(args.db, salinan)  # the daily snapshot and the sign-ins stay in the copy
        token = _siapkan(salinan)
        with contextlib.ExitStack() as tumpuk:
            url = tumpuk.enter_context(b.serve(salinan, kerja))
            pw = sync_playwright().start()
            tumpuk.callback(pw.stop)
            browser = pw.chromium.launch(executable_path=b.CHROMIUM, args=b.ARGS, headless=True)
            tumpuk.callback(browser.close)
            _tanpa_formulir(browser, b, url, token)  # warm: the day's snapshot, caches
            _dengan_masuk(browser, b, url)
            tanpa, dengan, klik = [], [], []
            for _ in range(args.ulang):  # alternating, so both see the same machine load
                tanpa.append(_tanpa_formulir(browser, b, url, token))
                total, sejak_klik = _dengan_masuk(browser, b, url)
                dengan.append(total)
                klik.append(sejak_klik)
    print(f"{args.db}: halaman awal '{JUDUL}', {args.ulang} kali, tiap kali konteks peramban baru")
    print(f"{'langkah':<52} {'terbaik':>9} {'median':>9}")
    _baris("tanpa formulir (cookie sesi sudah ada)", tanpa)
    _baris("dengan masuk (buka, isi, Masuk, halaman awal siap)", dengan)
    _baris("  di dalamnya: dari menekan Masuk sampai siap", klik)
    print(f"{'selisih (median dengan masuk − median tanpa formulir)':<52} "
          f"{statistics.median(dengan) - statistics.median(tanpa):>7.2f} s   (batas 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
