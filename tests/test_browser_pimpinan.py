"""Browser tests of the leadership pages on the demo data: charts drawn, presentation mode,
the briefing deck arriving, the SOP plan saved. Screenshots land in tests/artifacts/."""

from __future__ import annotations

import io

import pytest
from browser import assert_no_exception, open_page, screenshot, wait_idle
from pptx import Presentation

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _tunggu_judul(page, judul: str) -> None:
    """The first run of a page can outlast `open_page`'s idle check: wait for its title."""
    page.get_by_role("heading", name=judul).wait_for(timeout=60_000)
    wait_idle(page)


def _foto(page, nama: str) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, so the
    viewport is stretched to the content's height first."""
    tinggi = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], "
        "[data-testid=\"stMainBlockContainer\"]')].map(e => e.scrollHeight), 1000)")
    page.set_viewport_size({"width": 1600, "height": min(int(tinggi) + 80, 6000)})
    page.wait_for_timeout(800)  # plotly redraws on resize
    screenshot(page, nama)


def _charts_drawn(page, n: int) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= {n}")


def test_landing_page_in_a_minute(page, app_url):
    open_page(page, app_url)  # the landing page
    _tunggu_judul(page, "Ringkasan Pimpinan")
    labels = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
    assert [x.strip() for x in labels] == ["Rata-rata capaian kinerja", "Serapan anggaran",
                                           "Unit sudah mengirim data", "Temuan galat terbuka"]
    values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert values[0].endswith("%") and "," in values[0]  # Indonesian: 103,13 %
    assert page.locator("[data-testid='stMetricDelta']").count() >= 2  # against last year
    _charts_drawn(page, 5)
    assert page.get_by_text("Capaian per sasaran strategis").first.is_visible()
    assert page.locator("[data-testid='stAlert']").filter(
        has_text="Belum mengirim data").count() == 1
    assert_no_exception(page)
    _foto(page, "pimpinan_ringkasan")


def test_presentation_mode_for_the_projector(page, app_url):
    open_page(page, app_url)  # the landing page: its link is the root
    _tunggu_judul(page, "Ringkasan Pimpinan")
    nilai = page.locator("[data-testid='stMetricValue'] p").first  # the text itself
    normal = nilai.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    page.get_by_text("Mode presentasi").click()
    wait_idle(page)
    page.wait_for_selector("[data-testid='stSidebar']", state="hidden")
    besar = nilai.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert besar >= 1.8 * normal, (normal, besar)
    assert page.get_by_role("heading", name="Kinerja 2025 dalam satu layar").is_visible()
    # Elements of the previous run fade out only after the rerun: wait for the button to go.
    page.get_by_role("button", name="Unduh bahan paparan").wait_for(state="detached")
    _charts_drawn(page, 5)
    assert_no_exception(page)
    _foto(page, "pimpinan_presentasi")


def test_briefing_deck_downloads(page, app_url):
    open_page(page, app_url)  # the landing page: its link is the root
    _tunggu_judul(page, "Ringkasan Pimpinan")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Unduh bahan paparan").click()
    dl = info.value
    assert dl.suggested_filename.startswith("paparan_kinerja_2025") and \
        dl.suggested_filename.endswith(".pptx")
    prs = Presentation(io.BytesIO(open(dl.path(), "rb").read()))
    assert len(prs.slides) >= 8
    assert sum(1 for s in prs.slides for x in s.shapes if x.has_chart) >= 8
    assert_no_exception(page)


def test_sop_schedule_page(page, app_url):
    open_page(page, app_url, "tahapan-sop")
    _tunggu_judul(page, "Tahapan SOP")
    # The date field is a row of spinbuttons (day / month / year): type into the first.
    page.get_by_role("spinbutton", name="day, Tanggal mulai langkah 1").click()
    page.keyboard.type("12022026")
    page.keyboard.press("Enter")
    wait_idle(page)
    nama = page.get_by_role("textbox", name="Nama Anda")
    nama.fill("Kasubag Perencanaan")
    nama.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Simpan jadwal").click()
    wait_idle(page)
    page.get_by_text("Jadwal ditetapkan oleh Kasubag Perencanaan").wait_for()
    _charts_drawn(page, 1)
    _foto(page, "pimpinan_tahapan")
    # 16 Feb (cuti bersama) and 17 Feb (Imlek) skipped: 15 working days end on 6 March.
    selesai = page.locator("[data-testid='stMetric']").filter(has_text="Rencana selesai")
    assert selesai.locator("[data-testid='stMetricValue']").inner_text() == "6 Maret 2026"
    assert page.get_by_text("Tahun Baru Imlek").first.is_visible()
    _charts_drawn(page, 1)
    assert page.locator("[data-testid='stPlotlyChart'] .bars path").count() >= 12
    assert page.get_by_role("link", name="Buka Unggah Data").is_visible()
    assert_no_exception(page)
