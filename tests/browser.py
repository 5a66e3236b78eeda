"""Browser-test fixtures and helpers: the real app served by Streamlit, driven by Debian's
Chromium.

Every wait is for an explicit signal — a heading or text of the page, an element, the end of
the script run an action started as the server reports it — and fails the test saying what it
waited for and where. There are no fixed sleeps: a sleep is too short on a busy machine and
wasted on an idle one.

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
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("LKIP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "tests" / "artifacts"
# Seconds any single wait may take before the test fails saying what it waited for. Generous:
# a cold first run of a page on a busy 2-core machine takes a while; a passing wait is no slower.
WAIT = float(os.environ.get("LKIP_BROWSER_WAIT", 90))
SERVER_START = 90
with contextlib.suppress(ImportError):  # expect() retries an assertion for as long as a wait
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT * 1000)


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
    """Serve the app over `db_path` on a free local port; yields its URL.

    Ready when Streamlit prints its URL (read from its output, no polling), then confirmed by
    one health request.
    """
    port = _free_port()
    env = {**os.environ, "LKIP_DB": str(db_path), "PYTHONUNBUFFERED": "1"}
    log_path = work / "streamlit.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ready = threading.Event()

    def copy_output() -> None:  # to the log, and say when the server listens (or has died)
        with open(log_path, "wb") as log:
            for line in proc.stdout:
                log.write(line)
                log.flush()
                if b"URL:" in line:
                    ready.set()
        ready.set()

    threading.Thread(target=copy_output, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    try:
        if not ready.wait(SERVER_START) or proc.poll() is not None:
            raise RuntimeError(f"Streamlit did not start within {SERVER_START} s; see {log_path}")
        with urllib.request.urlopen(url + "/_stcore/health", timeout=SERVER_START) as r:
            if r.status != 200:
                raise RuntimeError(f"Streamlit is not healthy ({r.status}); see {log_path}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
    """A fresh browser page (1600×1000, Indonesian locale); downloads accepted; JS errors kept;
    the app's script runs followed over its websocket (see `after_rerun`)."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="id-ID",
                              accept_downloads=True)
    p = ctx.new_page()
    p.set_default_timeout(WAIT * 1000)
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.js_errors = errors
    p.runs = _Runs()
    p.on("websocket", p.runs.attach)
    return ctx, p


@pytest.fixture
def page(browser, app_url):
    """A fresh page on the shared app server."""
    ctx, p = new_page(browser)
    yield p
    ctx.close()


# --- waiting: always for an explicit signal, failing loudly -----------------------------------


def fail(page, what: str, timeout: float) -> None:
    """End the test: say what did not arrive, where, and leave a screenshot of the page."""
    shot = ""
    with contextlib.suppress(Exception):
        shot = f"; screenshot: {screenshot(page, 'gagal_menunggu')}"
    pytest.fail(f"Waited {timeout:g} s for {what} at {page.url}, in vain{shot}", pytrace=False)


def wait_for(page, locator, what: str, *, state: str = "visible",
             timeout: float = WAIT) -> None:
    """Wait until `locator` reaches `state` (visible, attached, hidden, detached)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        locator.wait_for(state=state, timeout=timeout * 1000)
        return
    except PlaywrightTimeout:
        pass
    fail(page, what, timeout)  # outside the except: the report is the message, not a chain


def wait_for_text(page, text: str, *, exact: bool = False, timeout: float = WAIT) -> None:
    """Wait until `text` shows on the page (the first element holding it)."""
    wait_for(page, page.get_by_text(text, exact=exact).first, f"the text {text!r}",
             timeout=timeout)


def wait_for_heading(page, name: str, *, timeout: float = WAIT) -> None:
    """Wait until a heading named `name` shows (a page's title: its own content, not the
    sidebar link of the same name)."""
    wait_for(page, page.get_by_role("heading", name=name).first, f"the heading {name!r}",
             timeout=timeout)


def wait_for_count(page, locator, at_least: int, what: str, *, timeout: float = WAIT) -> int:
    """Wait until `locator` matches at least `at_least` elements; returns how many it does."""
    wait_for(page, locator.nth(at_least - 1), f"{at_least} × {what}", state="attached",
             timeout=timeout)
    return locator.count()


def wait_js(page, expression: str, what: str, *, timeout: float = WAIT) -> None:
    """Wait until a JavaScript expression holds in the page (checked on every frame)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(expression, timeout=timeout * 1000)
        return
    except PlaywrightTimeout:
        pass
    fail(page, what, timeout)


_APP_DONE = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    return app !== null && app.dataset.testConnectionState === "CONNECTED"
        && app.dataset.testScriptState === "notRunning"
        && !document.querySelector("[data-stale='true'], [data-testid='stSpinner']");
}"""


def app_done(page, what: str = "the app's run to end", *, timeout: float = WAIT) -> None:
    """Wait until the page shows no script run, no spinner and no element left over from an
    earlier run. Only meaningful once the run has shown something of its own (a heading):
    a click's rerun may not have begun yet, so after an action use `after_rerun`."""
    wait_js(page, _APP_DONE, what, timeout=timeout)


class _Runs:
    """The script runs the server reports over a page's websocket, in order: ("start", None)
    for each new run, ("end", status) when it finishes."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int | None]] = []
        self.ws = None

    def attach(self, ws) -> None:
        if ws.url.endswith("/_stcore/stream"):
            self.ws = ws
            ws.on("framereceived", self._frame)

    def forget(self) -> None:
        """Before the page navigates: its connection is about to be replaced (Playwright does
        not always report the old one closed, and a wait on it would never end)."""
        self.ws = None

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.events.append(("start", None))
        elif kind == "script_finished":
            self.events.append(("end", msg.script_finished))

    def finished_since(self, mark: int) -> bool:
        """A run begun after event `mark` has ended (not cut short by a further rerun)."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        started = False
        for kind, status in self.events[mark:]:
            if kind == "start":
                started = True
            elif started and status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return True
        return False


def _wait_for_run(page, mark: int, what: str, timeout: float) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    runs: _Runs = page.runs
    deadline = time.monotonic() + timeout
    while not runs.finished_since(mark):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ws = runs.ws
        # Blocks until the next message (or the app's connection) arrives, at most a second at
        # a time: after a navigation the socket we hold may be the old one, which never speaks
        # again, while the new one's messages are recorded by its own handler.
        try:
            if ws is None:
                page.wait_for_event("websocket", timeout=min(left, 1.0) * 1000)
            else:
                ws.wait_for_event("framereceived", timeout=min(left, 1.0) * 1000)
        except PlaywrightTimeout:
            continue
        except PlaywrightError:
            continue  # the connection closed (a reload): the next one is waited for
    if not runs.finished_since(mark):
        fail(page, what, timeout)
    app_done(page, what, timeout=max(deadline - time.monotonic(), 1))


@contextlib.contextmanager
def after_rerun(page, what: str, *, timeout: float = WAIT):
    """Do what the block does (a click, Enter in a field), then wait until the script run it
    started has ended, as the server reports it, and the page shows it.

    For actions whose only effect is the rerun. An action that starts no run (a tab switch,
    typing without Enter) fails here: wait for its content instead."""
    mark = len(page.runs.events)
    yield
    _wait_for_run(page, mark, f"the app's run after {what}", timeout)


def open_tab(page, name: str) -> None:
    """Open the tab `name` of a page whose tabs are drawn only when open (st.tabs with
    on_change="rerun"): click it and wait for the run that draws it."""
    tab = page.get_by_role("tab", name=name, exact=True)
    wait_for(page, tab, f"the tab {name!r}")
    with after_rerun(page, f"opening the tab {name!r}"):
        tab.click()


def sign_in(page, nama: str = "admin", sandi: str | None = None) -> None:
    """Sign in through the login page, as a person would, unless the browser context is
    signed in already (its session cookie). The demo database's accounts share the demo
    password (lkip_core.demo.akun.SANDI_DEMO). Waits until the account's page has finished."""
    from lkip_core.demo.akun import SANDI_DEMO

    form = page.get_by_role("textbox", name="Nama pengguna")
    keluar = page.get_by_role("button", name="Keluar")
    wait_for(page, form.or_(keluar).first, "the login form or a signed-in page")
    if keluar.count():
        app_done(page, "the signed-in page to finish")
        return
    form.fill(nama)
    page.get_by_role("textbox", name="Kata sandi").fill(sandi or SANDI_DEMO)
    with after_rerun(page, f"signing in as {nama}"):
        page.get_by_role("button", name="Masuk").click()
    wait_for(page, keluar, f"{nama} signed in (the Keluar button)")
    app_done(page, "the landing page to finish")


def sign_out(page) -> None:
    """Press Keluar and wait for the login page."""
    with after_rerun(page, "signing out"):
        page.get_by_role("button", name="Keluar").click()
    wait_for(page, page.get_by_role("textbox", name="Nama pengguna"), "the login form")


def open_page(page, app_url: str, ready: str, path: str = "", *, akun: str = "admin") -> None:
    """Open the app, sign in as `akun` (the demo's accounts; a context signed in already stays
    so), then (with `path`) open a page through the sidebar, as a person would, and wait until
    the heading `ready` shows and the page's run has ended.

    (A deep link opened cold shows Streamlit's spurious "Page not found" modal above the right
    page — streamlit/streamlit#9992 — so tests arrive by clicking.)
    """
    page.runs.forget()
    with after_rerun(page, f"opening {app_url}"):
        page.goto(app_url)
    sign_in(page, akun)
    if path:
        link = page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']")
        wait_for(page, link, f"the sidebar link to /{path}")
        with after_rerun(page, f"clicking the sidebar link to /{path}"):
            link.click()
    wait_for_heading(page, ready)
    app_done(page, f"the page {ready!r} to finish")


def reload(page, ready: str) -> None:
    """Reload the page and wait until the heading `ready` shows and the run has ended."""
    page.runs.forget()
    with after_rerun(page, "reloading the page"):
        page.reload()
    wait_for_heading(page, ready)
    app_done(page, f"the page {ready!r} to finish")


def settle_frames(page) -> None:
    """Wait until the browser has drawn two more frames (after a resize, before a screenshot)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


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
    """Give the page's file uploader one file and wait until the app has taken it in: the run
    the upload starts has ended and the file's chip and the load button show."""
    with after_rerun(page, f"uploading {name}"):
        page.locator("input[type=file]").set_input_files(files=[{
            "name": name, "mimeType": "application/octet-stream", "buffer": data}])
    # The chip shows the name shortened ("realisasi_MU…2025.xlsx"): wait for a chip, not a name.
    wait_for(page, page.locator("[data-testid='stFileChip']").first, f"the file chip of {name}")
    wait_for(page, page.get_by_role("button", name="Periksa dan muat"),
             "the button 'Periksa dan muat'")


def remove_uploads(page) -> None:
    """Remove every file from the uploader, waiting for each removal's run."""
    chips = page.locator("[data-testid='stFileChipDeleteBtn']")
    while chips.count():
        with after_rerun(page, "removing an uploaded file"):
            chips.first.click()
    wait_for(page, page.locator("[data-testid='stFileChipName']").first, "no file chip left",
             state="detached")
