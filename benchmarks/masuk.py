"""Signing in and opening the landing page, in Chromium, at city scale (issue 10: "stays within
1 s of today's figures").

    .venv/bin/python -m lkip_core --db data/kota.duckdb demo --skala kota   # once
    .venv/bin/python -m benchmarks.masuk [--db data/kota.duckdb] [--ulang 5]

Serves the app over a copy of the database and measures:

- `tanpa formulir`: the landing page (Ringkasan Pimpinan) opened with a valid session cookie
  already in the browser — what opening the app cost before there was a login step;
- `dengan masuk`: the login page opened, name and password typed, Masuk pressed, until the same
  landing page is ready; and, of that, the part from pressing Masuk.

Both twice: in a fresh browser context each time (nothing cached: a first visit), and in one
browser that keeps its cache between visits (cookies cleared, so the login page comes back) —
the everyday case, where Streamlit's scripts for the form are not fetched and parsed anew.
"Ready": the page's heading shows, the script run has ended and its five charts are drawn.
Prints the best and the median of `--ulang` runs, and the differences.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

from benchmarks._ukur import app_di_peramban
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


@contextlib.contextmanager
def _halaman(browser, b, ctx=None):
    """A page in a fresh context (closed after), or a new page of the context `ctx` (the
    browser's cache kept; its cookies cleared)."""
    if ctx is None:
        ctx_baru, page = b.new_page(browser)
        try:
            yield ctx_baru, page
        finally:
            ctx_baru.close()
        return
    ctx.clear_cookies()
    page = ctx.new_page()
    page.set_default_timeout(b.WAIT * 1000)
    try:
        yield ctx, page
    finally:
        page.close()


def _tanpa_formulir(browser, b, url: str, token: str, ctx=None) -> float:
    with _halaman(browser, b, ctx) as (konteks, page):
        host = url.split("//", 1)[1].split(":")[0]
        konteks.add_cookies([{"name": "lkip_sesi", "value": token, "domain": host, "path": "/",
                              "sameSite": "Strict"}])
        t0 = time.perf_counter()
        page.goto(url)
        _siap(page, b)
        return time.perf_counter() - t0


def _dengan_masuk(browser, b, url: str, ctx=None) -> tuple[float, float]:
    with _halaman(browser, b, ctx) as (_, page):
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


def _baris(nama: str, nilai: list[float]) -> None:
    print(f"{nama:<58} {min(nilai):>7.2f} s {statistics.median(nilai):>7.2f} s")


def _ukur(browser, b, url: str, token: str, ulang: int, hangat: bool) -> None:
    """Alternate the two ways `ulang` times (both see the same machine load); print them."""
    ctx = [b.new_page(browser)[0] for _ in range(2)] if hangat else [None, None]
    try:
        _tanpa_formulir(browser, b, url, token, ctx[0])  # warm: the day's snapshot, caches
        _dengan_masuk(browser, b, url, ctx[1])
        tanpa, dengan, klik = [], [], []
        for _ in range(ulang):
            tanpa.append(_tanpa_formulir(browser, b, url, token, ctx[0]))
            total, sejak_klik = _dengan_masuk(browser, b, url, ctx[1])
            dengan.append(total)
            klik.append(sejak_klik)
    finally:
        for c in ctx:
            if c is not None:
                c.close()
    print("peramban yang sama (cache hangat, cookie dihapus tiap kali)" if hangat else
          "konteks peramban baru tiap kali (cache kosong)")
    _baris("  tanpa formulir (cookie sesi sudah ada)", tanpa)
    _baris("  dengan masuk (buka, isi, Masuk, halaman awal siap)", dengan)
    _baris("    di dalamnya: dari menekan Masuk sampai siap", klik)
    print(f"{'  selisih median (dengan masuk − tanpa formulir)':<58} "
          f"{statistics.median(dengan) - statistics.median(tanpa):>7.2f} s   (batas 1 s)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", default="data/kota.duckdb")
    p.add_argument("--ulang", type=int, default=5)
    args = p.parse_args(argv)
    if not Path(args.db).exists():
        print(f"{args.db} belum ada. Buat dulu:\n  python -m lkip_core --db {args.db} demo "
              "--skala kota", file=sys.stderr)
        return 2
    with app_di_peramban(args.db, "lkip_bench_masuk_", _siapkan) as (browser, b, url, token):
        print(f"{args.db}: halaman awal '{JUDUL}', {args.ulang} kali per cara")
        print(f"{'':<58} {'terbaik':>9} {'median':>9}")
        _ukur(browser, b, url, token, args.ulang, hangat=False)
        _ukur(browser, b, url, token, args.ulang, hangat=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
