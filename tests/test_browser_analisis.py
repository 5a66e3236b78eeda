"""The Bab III pages in Chromium over the demo data: the plotly charts really draw, with
Indonesian numbers, and the capaian table downloads. Screenshots (page and each chart) go to
tests/artifacts/ for a person to look at."""

from __future__ import annotations

import openpyxl
import pytest
from browser import (
    ARTIFACTS,
    assert_no_exception,
    open_page,
    open_tab,
    screenshot,
    wait_for_count,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CHART = "[data-testid='stPlotlyChart']"


def tunggu_grafik(page, minimal: int) -> int:
    """Wait until at least `minimal` plotly charts have drawn their SVG; returns how many."""
    return wait_for_count(page, page.locator(f"{CHART} .js-plotly-plot .main-svg"), minimal,
                          "drawn plotly chart")


def foto_grafik(page, nama: str) -> None:
    """One screenshot per drawn chart (the app scrolls inside its own container, so a full-page
    shot shows only the top)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    charts = page.locator(CHART)
    for i in range(charts.count()):
        c = charts.nth(i)
        if not c.is_visible():
            continue
        c.scroll_into_view_if_needed()
        c.screenshot(path=str(ARTIFACTS / f"{nama}_{i + 1}.png"))


def teks_svg(page, teks: str):
    """The chart texts holding `teks` (a locator: assert on it with expect, which waits)."""
    return page.locator(f"{CHART} svg text", has_text=teks)


def test_analisis_kinerja_draws_its_charts(page, app_url, tmp_path):
    open_page(page, app_url, "Analisis Kinerja", "analisis-kinerja")
    # the first sasaran's chart, years, Renstra, predikat and units are open on arrival
    tunggu_grafik(page, 5)
    assert_no_exception(page)
    expect(page.get_by_role("heading", name="Analisis Kinerja")).to_have_count(1)
    # Indonesian numbers inside the drawn charts: the published 57,28 % of the demo
    expect(teks_svg(page, "57,28 %").first).to_be_attached()
    expect(teks_svg(page, "Capaian terhadap target (%)").first).to_be_attached()
    expect(teks_svg(page, "Sebaran predikat capaian indikator")).to_have_count(1)
    screenshot(page, "analisis_kinerja")
    foto_grafik(page, "analisis_kinerja_grafik")

    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh tabel capaian (xlsx)").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Capaian", "Per sasaran", "Narasi"]
    assert wb["Capaian"]["H3"].value == "Capaian (%)"


def test_realisasi_anggaran_draws_its_charts(page, app_url):
    open_page(page, app_url, "Realisasi Anggaran", "realisasi-anggaran")
    tunggu_grafik(page, 1)
    assert_no_exception(page)
    # the demo's program 5.04.02: pagu 6.910.387.000, realised 6.495.748.767 → 94,00 %
    expect(teks_svg(page, "serapan 94,00 %")).to_have_count(1)
    expect(teks_svg(page, "Rupiah (miliar)")).to_have_count(1)
    screenshot(page, "realisasi_anggaran")
    foto_grafik(page, "realisasi_anggaran_grafik")
    # the other tabs are drawn when opened, each in its own run
    for tab, grafik in (("Serapan per triwulan", 1), ("Per unit", 2), ("Efisiensi", 1)):
        open_tab(page, tab)
        tunggu_grafik(page, grafik)
        assert_no_exception(page)
        foto_grafik(page, "realisasi_anggaran_" + tab.lower().replace(" ", "_"))
    expect(teks_svg(page, "Efisien (IE ≥ 1)")).to_have_count(1)
    expect(teks_svg(page, "Rupiah (miliar)")).to_have_count(0)  # the first tab is gone


def test_rekap_download_holds_both_tabs(page, app_url, tmp_path):
    """Rekap Data draws one tab at a time; its workbook still holds the board and both recaps."""
    open_page(page, app_url, "Rekap Data", "rekap-data")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh rekap (xlsx)").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Kelengkapan", "Kinerja", "Anggaran"]
    kepala = {ws.title: [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "Kode")]
              for ws in wb}
    assert kepala["Kinerja"][:2] == ["Kode", "Indikator"]
    assert kepala["Anggaran"][:2] == ["Kode", "Sub kegiatan"]
    assert wb["Anggaran"].max_row > 5 and wb["Kinerja"].max_row > 5
    assert_no_exception(page)
