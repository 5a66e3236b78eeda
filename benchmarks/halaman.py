"""Every page of the app in Chromium at city scale (issue 12 item 5): the first page after
opening the app, each other page after a click in the sidebar, and a second visit.

    .venv/bin/python -m lkip_core --db data/kota.duckdb demo --skala kota   # once
    .venv/bin/python -m benchmarks.halaman [--db data/kota.duckdb] [--ulang 3]

Serves the app over a copy of the database (a fresh server: nothing computed yet) and, `--ulang`
times, in a fresh browser context each (a new session, as another person opening the app):

- `halaman pertama`: the app opened, the login form ready, name and password typed, Masuk
  pressed, until the landing page (Ringkasan Pimpinan) is ready: heading shown, script run ended,
  no spinner, its five charts drawn; within it, until the login form was ready (the first page
  of a person signed out) and from pressing Masuk (a click, like any other page);
- `dengan sesi`: the app opened by a person already signed in (the session cookie of an earlier
  sign-in, in a new browser context) until the landing page is ready — the first page of
  everyday use;
- each page of the admin's sidebar, in the sidebar's order: its link clicked until its heading
  shows and its run has ended (`kunjungan 1`), then, after the whole round, each again
  (`kunjungan 2`).

The first round is the first time since the server started (every figure computed); the later
rounds are new sessions over figures the server already holds for this data version. Prints
that round, the median of the later ones, and the median of the second visits, against the
limits of the issue: first page < 3 s, a page after a click < 1.5 s, a second visit < 1 s.
The first page is also timed in one browser that keeps its cache between visits (cookies
cleared): a fresh context fetches and parses Streamlit's and plotly's scripts every time.
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
import time
from pathlib import Path

from benchmarks._ukur import app_di_peramban

ROOT = Path(__file__).resolve().parent.parent
NAMA = "benchmark.admin"
LANDING = "Ringkasan Pimpinan"
BATAS_PERTAMA, BATAS_KLIK, BATAS_KEDUA = 3.0, 1.5, 1.0


def halaman_app() -> list[tuple[str, str]]:
    """(url_path, title) of every page app.py routes to, in the sidebar's order (read from
    app.py itself, so a page added there is measured too)."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page"):
            kw = {k.arg: k.value.value for k in node.keywords
                  if isinstance(k.value, ast.Constant)}
            if "url_path" in kw and kw["url_path"] != "masuk":
                pages.append((node.lineno, kw["url_path"], kw["title"]))
    return [(u, t) for _, u, t in sorted(pages)]


def _siapkan(path: Path) -> None:
    """The admin account the browser signs in with (made in the copy when missing)."""
    from lkip_core import akun, db
    from lkip_core.demo.akun import SANDI_DEMO

    con = db.connect(path)
    try:
        if akun.ambil(con, NAMA) is None:
            akun.tambah(con, NAMA, "admin", SANDI_DEMO, oleh="benchmark")
    finally:
        con.close()


def _landing_siap(page, b) -> None:
    b.wait_for_heading(page, LANDING)
    b.app_done(page, "the landing page's run to end")
    b.wait_for(page, page.locator("[data-testid='stPlotlyChart'] .main-svg").nth(4),
               "the landing page's five charts", state="attached")


def _masuk(page, b, url: str) -> tuple[float, float, float]:
    """Open the app and sign in; seconds until the landing page is ready, of which until the
    login form was ready, and from pressing Masuk."""
    from lkip_core.demo.akun import SANDI_DEMO

    page.runs.forget()
    t0 = time.perf_counter()
    page.goto(url)
    form = page.get_by_role("textbox", name="Nama pengguna")
    b.wait_for(page, form, "the login form")
    b.app_done(page, "the login page")
    t1 = time.perf_counter()
    form.fill(NAMA)
    page.get_by_role("textbox", name="Kata sandi").fill(SANDI_DEMO)
    t2 = time.perf_counter()
    page.get_by_role("button", name="Masuk").click()
    _landing_siap(page, b)
    t3 = time.perf_counter()
    return t3 - t0, t1 - t0, t3 - t2


def _klik(page, b, url_path: str, judul: str) -> float:
    """Click the sidebar link to a page; seconds until its heading shows and its run ended."""
    nav = page.locator("[data-testid='stSidebarNav']")
    b.wait_for(page, nav, "the sidebar's navigation")
    link = nav.locator(f"a[data-testid='stSidebarNavLink']:has(span[label='{judul}'])")
    b.wait_for(page, link, f"the sidebar link to {judul!r}")
    t0 = time.perf_counter()
    with b.after_rerun(page, f"clicking the sidebar link to /{url_path}"):
        link.click()
    b.wait_for_heading(page, judul)
    b.app_done(page, f"the page {judul!r} to finish")
    return time.perf_counter() - t0


def _putaran(browser, b, url: str, pages: list[tuple[str, str]]) -> dict:
    ctx, page = b.new_page(browser)
    try:
        pertama, formulir, klik = _masuk(page, b, url)
        hasil = {"pertama": pertama, "formulir": formulir, "klik_masuk": klik,
                 "kunjungan1": {}, "kunjungan2": {}}
        for kunjungan in ("kunjungan1", "kunjungan2"):
            for url_path, judul in pages:
                hasil[kunjungan][url_path] = _klik(page, b, url_path, judul)
        b.assert_no_exception(page)
        kuki = ctx.cookies()
    finally:
        ctx.close()
    hasil["dengan_sesi"] = _dengan_sesi(browser, b, url, kuki)
    return hasil


def _dengan_sesi(browser, b, url: str, kuki: list) -> float:
    """Open the app signed in (the session cookie, a new browser context): seconds until the
    landing page is ready."""
    ctx, page = b.new_page(browser)
    try:
        ctx.add_cookies(kuki)
        t0 = time.perf_counter()
        page.goto(url)
        _landing_siap(page, b)
        return time.perf_counter() - t0
    finally:
        ctx.close()


def _masuk_hangat(browser, b, url: str, ulang: int) -> list[tuple[float, ...]]:
    """The first page in one browser that keeps its cache between visits (cookies cleared, so
    the login page comes back): the everyday case, Streamlit's and plotly's scripts not
    fetched and parsed anew. Each time also the app opened again signed in (the cookie kept)."""
    ctx, page = b.new_page(browser)
    try:
        _masuk(page, b, url)  # fills the browser's cache
        hasil = []
        for _ in range(ulang):
            ctx.clear_cookies()
            page.close()
            page = ctx.new_page()
            page.set_default_timeout(b.WAIT * 1000)
            page.runs = b._Runs()
            page.on("websocket", page.runs.attach)
            page.js_errors = []
            masuk = _masuk(page, b, url)
            page.runs.forget()
            t0 = time.perf_counter()
            page.goto(url)  # signed in now: straight to the landing page
            _landing_siap(page, b)
            hasil.append((*masuk, time.perf_counter() - t0))
        return hasil
    finally:
        ctx.close()


def _tanda(nilai: float, batas: float) -> str:
    return "" if nilai < batas else f"  > {batas:g} s"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", default="data/kota.duckdb")
    p.add_argument("--ulang", type=int, default=3, help="putaran (sesi baru tiap putaran)")
    args = p.parse_args(argv)
    if not Path(args.db).exists():
        print(f"{args.db} belum ada. Buat dulu:\n  python -m lkip_core --db {args.db} demo "
              "--skala kota", file=sys.stderr)
        return 2
    pages = halaman_app()
    putaran = []
    with app_di_peramban(args.db, "lkip_bench_halaman_", _siapkan) as (browser, b, url, _):
        for _ in range(max(args.ulang, 2)):
            putaran.append(_putaran(browser, b, url, pages))
        hangat = _masuk_hangat(browser, b, url, max(args.ulang, 2))
    awal, lanjut = putaran[0], putaran[1:]

    def med(key: str, url_path: str | None = None) -> float:
        return statistics.median(r[key] if url_path is None else r[key][url_path]
                                 for r in lanjut)

    print(f"{args.db}: {len(pages)} halaman, {len(putaran)} putaran (sesi baru tiap putaran); "
          "putaran 1 = pertama sejak server mulai")
    print(f"{'':<32} {'putaran 1':>10} {'sesi berikut':>13} {'kunjungan 2':>12}")
    m = med("pertama")
    print(f"{'halaman pertama (masuk + ' + LANDING + ')':<32} {awal['pertama']:>8.2f} s "
          f"{m:>11.2f} s {'':>12}{_tanda(max(m, awal['pertama']), BATAS_PERTAMA)}")
    for key, nama, batas in (("formulir", "  di dalamnya: formulir masuk siap", BATAS_PERTAMA),
                             ("klik_masuk", "  di dalamnya: dari menekan Masuk", BATAS_KLIK)):
        print(f"{nama:<32} {awal[key]:>8.2f} s {med(key):>11.2f} s {'':>12}"
              f"{_tanda(med(key), batas)}")
    sesi = med("dengan_sesi")
    print(f"{'dibuka dengan sesi (cookie)':<32} {awal['dengan_sesi']:>8.2f} s {sesi:>11.2f} s "
          f"{'':>12}{_tanda(sesi, BATAS_PERTAMA)}")
    h = [statistics.median(x[k] for x in hangat) for k in range(4)]
    print(f"{'peramban hangat: masuk + awal':<32} {'':>10} {h[0]:>11.2f} s")
    print(f"{'  formulir siap / dari Masuk':<32} {'':>10} {h[1]:>5.2f} / {h[2]:.2f} s"
          f"{_tanda(h[1], BATAS_PERTAMA)}{_tanda(h[2], BATAS_KLIK)}")
    print(f"{'  dibuka dengan sesi (cookie)':<32} {'':>10} {h[3]:>11.2f} s {'':>12}"
          f"{_tanda(h[3], BATAS_PERTAMA)}")
    terburuk_klik = terburuk_kedua = 0.0
    for url_path, judul in pages:
        k1 = med("kunjungan1", url_path)
        k2 = statistics.median(r["kunjungan2"][url_path] for r in putaran)
        terburuk_klik = max(terburuk_klik, k1)
        terburuk_kedua = max(terburuk_kedua, k2)
        print(f"{judul:<32} {awal['kunjungan1'][url_path]:>8.2f} s {k1:>11.2f} s "
              f"{k2:>10.2f} s{_tanda(k1, BATAS_KLIK)}{_tanda(k2, BATAS_KEDUA)}")
    print(f"Batas: halaman pertama < {BATAS_PERTAMA:g} s (formulir masuk {med('formulir'):.2f} s, "
          f"dibuka dengan sesi {sesi:.2f} s; masuk + halaman awal {m:.2f} s); "
          f"halaman setelah klik < {BATAS_KLIK:g} s (terlama {terburuk_klik:.2f} s); kunjungan "
          f"kedua < {BATAS_KEDUA:g} s (terlama {terburuk_kedua:.2f} s). Siap: judul tampil, "
          "jalannya skrip selesai, tanpa spinner (halaman awal: lima grafiknya tergambar).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
