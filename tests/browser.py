"""Browser-test fixtures: the real app served by Streamlit, driven by Debian's Chromium.

Never `playwright install` (no internet here): Playwright drives /usr/bin/chromium. Where no
browser can start, browser tests are skipped on a developer's machine and FAIL when CI=true.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("LKIP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "tests" / "artifacts"


def _no_browser(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A database file holding the opd demo data set, built once per test session."""
    from lkip_core import db
    from lkip_core.demo import buat_demo

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "lkip.duckdb"
    con = db.connect(path)
    buat_demo(con, folder / "berkas")
    con.close()
    return path


@contextlib.contextmanager
def serve(db_path: Path, work: Path):
    """Serve the app over `db_path` on a free local port; yields its URL."""
    port = _free_port()
    env = {**os.environ, "LKIP_DB": str(db_path)}
    log = open(work / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError(f"Streamlit did not start; see {work / 'streamlit.log'}")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def serve_copy(demo_db: Path, tmp_path_factory, name: str):
    """Serve the app over a private copy of the demo database (for tests that change data)."""
    work = tmp_path_factory.mktemp(name)
    path = work / "lkip.duckdb"
    shutil.copy(demo_db, path)
    return serve(path, work)


@pytest.fixture(scope="session")
def app_url(demo_db, tmp_path_factory):
    """The app served on a free local port over a copy of the demo database."""
    with serve_copy(demo_db, tmp_path_factory, "server") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _no_browser(f"playwright is not installed ({exc})")
    if not Path(CHROMIUM).exists():
        _no_browser(f"no Chromium at {CHROMIUM} (make test installs it with apt-get)")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    except Exception as exc:  # noqa: BLE001 — any launch failure means no browser here
        pw.stop()
        _no_browser(f"Chromium did not start: {exc}")
    yield b
    b.close()
    pw.stop()


def new_page(browser):
    """A fresh browser page (1600×1000, Indonesian locale); downloads accepted; JS errors kept."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="id-ID",
                              accept_downloads=True)
    p = ctx.new_page()
    p.set_default_timeout(30_000)
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.js_errors = errors
    return ctx, p


@pytest.fixture
def page(browser, app_url):
    """A fresh page on the shared app server."""
    ctx, p = new_page(browser)
    yield p
    ctx.close()


def open_page(page, app_url: str, path: str = "") -> None:
    """Open the app, then a page through the sidebar navigation, as a person would.

    (A deep link opened cold shows Streamlit's spurious "Page not found" modal above the right
    page — streamlit/streamlit#9992 — so tests arrive by clicking.)
    """
    page.goto(app_url)
    page.wait_for_selector("[data-testid='stSidebarNav']")
    wait_idle(page)
    if path:
        page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']").click()
        page.wait_for_url(f"**/{path}")
        wait_idle(page)


def wait_idle(page, timeout: float = 30) -> None:
    """Wait until the script run is over (no 'running' status widget) and no spinner shows."""
    page.wait_for_timeout(300)
    deadline = time.time() + timeout
    while time.time() < deadline:
        running = page.locator("[data-testid='stStatusWidget']").count()
        spinners = page.locator("[data-testid='stSpinner']").count()
        if not running and not spinners:
            return
        page.wait_for_timeout(200)


def assert_no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.locator(
        "[data-testid='stException']").first.inner_text()
    assert not [e for e in page.js_errors if "ResizeObserver" not in e], page.js_errors


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def upload(page, name: str, data: bytes) -> None:
    """Give the page's file uploader one file and wait until the app has taken it in.

    Waits for the file chip and for the script run that follows, so the next click does not
    land on a page that is still re-rendering (a lost upload under load otherwise).
    """
    page.locator("input[type=file]").set_input_files(files=[{
        "name": name, "mimeType": "application/octet-stream", "buffer": data}])
    # The chip shows the name shortened ("realisasi_MU…2025.xlsx"), so wait for a chip, not a name.
    page.locator("[data-testid='stFileChip']").first.wait_for()
    wait_idle(page)
    page.get_by_role("button", name="Periksa dan muat").wait_for()


def remove_uploads(page) -> None:
    """Remove every file from the uploader, waiting until the chips are gone."""
    chips = page.locator("[data-testid='stFileChipDeleteBtn']")
    while chips.count():
        chips.first.click()
        wait_idle(page)
    page.locator("[data-testid='stFileChipName']").first.wait_for(state="detached")
