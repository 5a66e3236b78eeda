"""What the benchmark scripts share: timing a step several times."""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def ukur(fn: Callable[[], object], ulang: int) -> tuple[float, float, object]:
    """(best s, median s, last result) of `ulang` runs: the best is the machine's real cost,
    the median shows the noise of a shared machine."""
    waktu, hasil = [], None
    for _ in range(ulang):
        t0 = time.perf_counter()
        hasil = fn()
        waktu.append(time.perf_counter() - t0)
    return min(waktu), statistics.median(waktu), hasil


@contextlib.contextmanager
def app_di_peramban(db: str, awalan: str, siapkan: Callable[[Path], object]):
    """The app served over a copy of `db` (sign-ins and snapshots stay in the copy) and Debian's
    Chromium through the tests' helpers; yields (browser, the helpers module, url, what
    `siapkan(copy)` returned)."""
    import shutil
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import browser as b  # the tests' server and browser helpers
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix=awalan) as tmp, contextlib.ExitStack() as tumpuk:
        kerja = Path(tmp)
        salinan = kerja / "lkip.duckdb"
        shutil.copy(db, salinan)
        siap = siapkan(salinan)
        url = tumpuk.enter_context(b.serve(salinan, kerja))
        pw = sync_playwright().start()
        tumpuk.callback(pw.stop)
        browser = pw.chromium.launch(executable_path=b.CHROMIUM, args=b.ARGS, headless=True)
        tumpuk.callback(browser.close)
        yield browser, b, url, siap
