"""Browser tests of the leadership pages on the demo data: charts drawn, presentation mode,
the briefing deck arriving, the SOP plan saved. Screenshots land in tests/artifacts/."""

from __future__ import annotations

import io
import re

import pytest
from browser import (
    after_rerun,
    assert_no_exception,
    open_page,
    screenshot,
    settle_frames,
    wait_for,
    wait_for_count,
    wait_for_heading,
    wait_for_text,
    wait_js,
)
from playwright.sync_api import expect
from pptx import Presentation

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _foto(page, nama: str) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, so the
    viewport is stretched to the content's height first."""
    tinggi = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], "
        "[data-testid=\"stMainBlockContainer\"]')].map(e => e.scrollHeight), 1000)")
    page.set_viewport_size({"width": 1600, "height": min(int(tinggi) + 80, 6000)})
    settle_frames(page)  # plotly redraws on resize
    screenshot(page, nama)


def _charts_drawn(page, n: int) -> None:
    wait_for_count(page, page.locator("[data-testid='stPlotlyChart'] .main-svg"), n,
                   "drawn plotly chart")


def test_landing_page_in_a_minute(page, app_url):
    open_page(page, app_url, "Ringkasan Pimpinan")  # the landing page
    expect(page.locator("[data-testid='stMetricLabel']")).to_have_text(
        ["Rata-rata capaian kinerja", "Serapan anggaran", "Unit sudah mengirim data",
         "Temuan galat terbuka"])
    # Indonesian: 103,13 %
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(
        re.compile(r"^\d+,\d+\s?%$"))
    wait_for_count(page, page.locator("[data-testid='stMetricDelta']"), 2,
                   "metric delta against last year")
    _charts_drawn(page, 5)
    expect(page.get_by_text("Capaian per sasaran strategis").first).to_be_visible()
    expect(page.locator("[data-testid='stAlert']").filter(
        has_text="Belum mengirim data")).to_have_count(1)
    assert_no_exception(page)
    _foto(page, "pimpinan_ringkasan")


def test_presentation_mode_for_the_projector(page, app_url):
    open_page(page, app_url, "Ringkasan Pimpinan")  # the landing page: its link is the root
    nilai = page.locator("[data-testid='stMetricValue'] p").first  # the text itself
    normal = nilai.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    with after_rerun(page, "switching on presentation mode"):
        page.get_by_text("Mode presentasi").click()
    wait_for_heading(page, "Kinerja 2025 dalam satu layar")
    wait_for(page, page.locator("[data-testid='stSidebar']"), "the sidebar to hide",
             state="hidden")
    # Elements of the previous run fade out only after the rerun: wait for the button to go.
    wait_for(page, page.get_by_role("button", name="Unduh bahan paparan"),
             "the download button to go", state="detached")
    wait_js(page, f"""() => {{
        const e = document.querySelector("[data-testid='stMetricValue'] p");
        return e !== null && parseFloat(getComputedStyle(e).fontSize) >= {1.8 * normal};
    }}""", f"metric values at least 1.8 × {normal} px")
    _charts_drawn(page, 5)
    assert_no_exception(page)
    _foto(page, "pimpinan_presentasi")


def test_briefing_deck_downloads(page, app_url):
    open_page(page, app_url, "Ringkasan Pimpinan")  # the landing page: its link is the root
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh bahan paparan").click()
    dl = info.value
    assert dl.suggested_filename.startswith("paparan_kinerja_2025") and \
        dl.suggested_filename.endswith(".pptx")
    prs = Presentation(io.BytesIO(open(dl.path(), "rb").read()))
    assert len(prs.slides) >= 8
    assert sum(1 for s in prs.slides for x in s.shapes if x.has_chart) >= 8
    assert_no_exception(page)


def test_sop_schedule_page(page, app_url):
    open_page(page, app_url, "Tahapan SOP", "tahapan-sop")
    # The date field is a row of spinbuttons (day / month / year): type into the first.
    page.get_by_role("spinbutton", name="day, Tanggal mulai langkah 1").click()
    page.keyboard.type("12022026")
    page.keyboard.press("Enter")
    # leaving the date field sets it: the preview moves
    page.get_by_role("heading", name="Tahapan SOP").first.click()
    # 16 Feb (cuti bersama) and 17 Feb (Imlek) skipped: 15 working days end on 6 March.
    selesai = page.locator("[data-testid='stMetric']").filter(has_text="Rencana selesai")
    expect(selesai.locator("[data-testid='stMetricValue']")).to_have_text("6 Maret 2026")
    page.get_by_role("button", name="Simpan jadwal").click()
    wait_for_text(page, "Jadwal ditetapkan oleh admin")  # the signed-in account
    expect(selesai.locator("[data-testid='stMetricValue']")).to_have_text("6 Maret 2026")
    expect(page.get_by_text("Tahun Baru Imlek").first).to_be_visible()
    _charts_drawn(page, 1)
    wait_for_count(page, page.locator("[data-testid='stPlotlyChart'] .bars path"), 12,
                   "Gantt bar")
    expect(page.get_by_role("link", name="Buka Unggah Data")).to_be_visible()
    _foto(page, "pimpinan_tahapan")
    assert_no_exception(page)
