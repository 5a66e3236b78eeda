"""Screenshots as the acceptance test (issue 14 item 7): every page at 1440×900 and 1280×720,
the Ringkasan Pimpinan also in presentation mode (the only page that has one), kept in
tests/artifacts/tampilan/, and no element's text clipped.

Clipped means an element that hides what does not fit (overflow hidden/clip or an ellipsis)
is narrower or lower than its own text (`scrollWidth > clientWidth`): labels, headings, metric
labels and values, buttons, tabs, expander titles, captions, the sidebar's links and section
titles, and the header cells of HTML tables. Elements that scroll by design (overflow
auto/scroll: a table body, the tab strip) and what is not shown (an inactive tab, a closed
expander) are left out. A dataframe is drawn on a canvas (glide-data-grid) whose column widths
are not in the page: its headers are seen in the screenshots, not measured here.

Fast: one browser, one server, one sign-in, the pages visited in a loop.
"""

from __future__ import annotations

import re
import time

import pytest
from browser import (
    ARTIFACTS,
    after_rerun,
    app_done,
    assert_no_exception,
    new_page,
    settle_frames,
    sign_in,
    wait_for,
    wait_for_count,
    wait_js,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UKURAN = [(1440, 900), (1280, 720)]
FOLDER = ARTIFACTS / "tampilan"

# Elements whose text a person must be able to read in full.
TEKS = ", ".join([
    "[data-testid='stHeading']", "h1", "h2", "h3",
    "[data-testid='stWidgetLabel']", "[data-testid='stMetricLabel']",
    "[data-testid='stMetricValue']", "[data-testid='stMetricDelta']",
    "button", "[data-baseweb='tab']", "[data-testid='stExpander'] summary",
    "[data-testid='stSidebarNav'] a", "[data-testid='stNavSectionHeader']",
    "[data-testid='stCaptionContainer']", "th",
])

# In the page: every clipped element among TEKS and their descendants, with its text.
_TERPOTONG = """(sel) => {
    const out = [];
    const seen = new Set();
    const clips = (s) => ["hidden", "clip"].includes(s.overflowX)
        || s.textOverflow === "ellipsis" || s.webkitLineClamp !== "none";
    for (const root of document.querySelectorAll(sel)) {
        for (const el of [root, ...root.querySelectorAll("*")]) {
            if (seen.has(el)) continue;
            seen.add(el);
            if (!el.checkVisibility || !el.checkVisibility()) continue;
            if (el.clientWidth === 0 || el.closest("[data-testid='stDataFrame']")) continue;
            const s = getComputedStyle(el);
            if (["auto", "scroll"].includes(s.overflowX)) continue;   // scrolls by design
            if (!clips(s)) continue;
            const lebar = el.scrollWidth > el.clientWidth + 1;
            // lines cut off at the bottom: only where a line clamp is meant to cut them
            // (a glyph's descender a few pixels over its one line box is not a cut line)
            const tinggi = s.webkitLineClamp !== "none" && el.scrollHeight > el.clientHeight + 2;
            const teks = (el.innerText || "").trim();
            if ((lebar || tinggi) && teks)
                out.push(`${el.tagName.toLowerCase()}[${el.dataset.testid || ""}] `
                         + `${JSON.stringify(teks.slice(0, 60))} (${el.scrollWidth}×`
                         + `${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
        }
    }
    return out;
}"""

def _nama(teks: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", teks.lower()).strip("_")


def _tergambar(page) -> None:
    """Every plotly chart of the page drawn (they draw after the run ends)."""
    n = page.locator("[data-testid='stPlotlyChart']").count()
    if n:
        wait_for_count(page, page.locator("[data-testid='stPlotlyChart'] .main-svg"), n,
                       "drawn plotly chart")
    settle_frames(page)


def _periksa(page, nama: str, lebar: int, tinggi: int, temuan: dict) -> None:
    """Check the page as it shows at this size, then keep a screenshot of what shows and, at
    the acceptance size (the last of UKURAN), one of the whole page (the viewport stretched
    to the content; Streamlit scrolls inside)."""
    _tergambar(page)
    assert_no_exception(page)
    terpotong = page.evaluate(_TERPOTONG, TEKS)
    if terpotong:
        temuan[f"{nama} {lebar}×{tinggi}"] = terpotong
    FOLDER.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(FOLDER / f"{nama}_{lebar}x{tinggi}.png"))
    penuh = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], "
        "[data-testid=\"stMainBlockContainer\"]')].map(e => e.scrollHeight), 0)")
    if penuh > tinggi and (lebar, tinggi) == UKURAN[-1]:
        page.set_viewport_size({"width": lebar, "height": min(int(penuh) + 40, 8000)})
        _tergambar(page)
        page.screenshot(path=str(FOLDER / f"{nama}_{lebar}x{tinggi}_penuh.png"))
        page.set_viewport_size({"width": lebar, "height": tinggi})
        settle_frames(page)


def _semua_menu(page) -> None:
    """The whole menu at once: no English "View N more" button hiding links (expanded=True)."""
    # the admin's menu (lkip_core.akun.HALAMAN): every page but the login page
    wait_for_count(page, page.locator("[data-testid='stSidebarNav'] a"), 15, "sidebar link")
    assert page.locator("[data-testid='stSidebarNavViewButton']").count() == 0


def _buka(page, href: str) -> str:
    """Open a page by its sidebar link and wait for its run to end; returns its title."""
    _semua_menu(page)
    link = page.locator(f"[data-testid='stSidebarNav'] a[href='{href}']")
    with after_rerun(page, f"opening {href}"):
        link.click()
    judul = page.locator("[data-testid='stMain'] h1").first
    wait_for(page, judul, f"the title of {href}")
    app_done(page, f"{href} to finish")
    return judul.inner_text().strip()


def test_every_page_at_two_sizes_without_clipped_text(browser, app_url):
    ctx, page = new_page(browser)
    temuan: dict[str, list[str]] = {}
    waktu: list[str] = []  # seconds per page, kept beside the screenshots
    mulai = time.monotonic()
    try:
        page.runs.forget()
        with after_rerun(page, f"opening {app_url}"):
            page.goto(app_url)
        for lebar, tinggi in UKURAN:  # the login page, before signing in
            page.set_viewport_size({"width": lebar, "height": tinggi})
            wait_for(page, page.get_by_role("textbox", name="Nama pengguna"), "the login form")
            _periksa(page, "masuk", lebar, tinggi, temuan)
        sign_in(page, "admin")
        _semua_menu(page)
        hrefs = [a.get_attribute("href")
                 for a in page.locator("[data-testid='stSidebarNav'] a").all()]
        dilihat = []
        for lebar, tinggi in UKURAN:
            page.set_viewport_size({"width": lebar, "height": tinggi})
            for href in hrefs:
                t0 = time.monotonic()
                judul = _buka(page, href)
                t1 = time.monotonic()
                dilihat.append(judul)
                _periksa(page, _nama(judul), lebar, tinggi, temuan)
                waktu.append(f"{lebar}x{tinggi} {judul}: buka {t1 - t0:.1f} s, "
                             f"periksa+foto {time.monotonic() - t1:.1f} s")
                if judul == "Ringkasan Pimpinan":
                    with after_rerun(page, "switching on presentation mode"):
                        page.get_by_text("Mode presentasi").click()
                    wait_for(page, page.locator("[data-testid='stSidebar']"),
                             "the sidebar to hide", state="hidden")
                    wait_js(page, "() => !document.querySelector(\"[data-stale='true']\")",
                            "the normal page's elements to go")
                    _periksa(page, "ringkasan_pimpinan_presentasi", lebar, tinggi, temuan)
                    with after_rerun(page, "switching off presentation mode"):
                        page.get_by_text("Mode presentasi").click()
                    wait_for(page, page.locator("[data-testid='stSidebar']"), "the sidebar")
        # every page of the admin's menu was seen, at both sizes
        assert len(dilihat) == 2 * len(hrefs) >= 30 and "Ringkasan Pimpinan" in dilihat
        assert len(list(FOLDER.glob("*_1280x720.png"))) >= len(hrefs) + 2
    finally:
        ctx.close()
        FOLDER.mkdir(parents=True, exist_ok=True)
        (FOLDER / "waktu.txt").write_text(
            "\n".join([*waktu, f"jumlah {time.monotonic() - mulai:.1f} s"]) + "\n")
    assert not temuan, "Teks terpotong:\n" + "\n".join(
        f"- {k}: " + "; ".join(v) for k, v in temuan.items())
