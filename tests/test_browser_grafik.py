"""Chart texts never cut (issue 14 item 1), seen in Chromium at 1280×720 over the demo data:
every text plotly draws (category labels, axis titles, values on the bars, legend) lies inside
its chart, and no two category labels of one axis overlap. Screenshots of each chart go to
tests/artifacts/ for a person to look at."""

from __future__ import annotations

import contextlib

import pytest
from browser import (
    ARTIFACTS,
    WAIT,
    after_rerun,
    assert_no_exception,
    new_page,
    open_page,
    open_tab,
    wait_for_count,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser
CHART = "[data-testid='stPlotlyChart']"

# For every drawn chart: the texts outside the chart's own box, and overlapping tick labels.
PERIKSA_JS = """
() => {
  const hasil = [];
  for (const [i, c] of [...document.querySelectorAll("[data-testid='stPlotlyChart']")].entries()) {
    const svg = c.querySelector('.main-svg');
    if (!svg) continue;
    const kotak = svg.getBoundingClientRect();
    if (kotak.width === 0) continue;
    const judul = (c.querySelector('.gtitle') || {}).textContent || `grafik ${i + 1}`;
    for (const t of c.querySelectorAll('svg text')) {
      const r = t.getBoundingClientRect();
      if (r.width === 0 || !t.textContent.trim()) continue;
      if (r.left < kotak.left - 1 || r.right > kotak.right + 1 ||
          r.top < kotak.top - 1 || r.bottom > kotak.bottom + 1) {
        hasil.push(`${judul}: "${t.textContent}" keluar dari grafik`);
      }
    }
    for (const sumbu of c.querySelectorAll('.yaxislayer-above, .xaxislayer-above')) {
      const label = [...sumbu.querySelectorAll('text')].map(t => [t.textContent,
        t.getBoundingClientRect()]).filter(([s, r]) => s.trim() && r.width > 0);
      for (let a = 0; a < label.length; a++) for (let b = a + 1; b < label.length; b++) {
        const [sa, ra] = label[a], [sb, rb] = label[b];
        if (ra.left < rb.right - 1 && rb.left < ra.right - 1 &&
            ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) {
          hasil.push(`${judul}: label "${sa}" menimpa "${sb}"`);
        }
      }
    }
  }
  return hasil;
}
"""


def _periksa(page, nama: str, minimal: int) -> list[str]:
    wait_for_count(page, page.locator(f"{CHART} .js-plotly-plot .main-svg"), minimal,
                   "drawn plotly chart")
    assert_no_exception(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    charts = page.locator(CHART)
    masalah = []
    for i in range(charts.count()):
        c = charts.nth(i)
        if not c.is_visible():  # in a closed expander
            continue
        c.scroll_into_view_if_needed()
        c.screenshot(path=str(ARTIFACTS / f"grafik_1280_{nama}_{i + 1}.png"))
    # plotly lays a chart out twice (the second pass after automargin): the check is retried
    # until it holds, as expect() retries, and its last findings are the failure's message
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({PERIKSA_JS})().length === 0", timeout=WAIT * 1000)
    masalah += page.evaluate(PERIKSA_JS)
    return masalah


@pytest.fixture
def layar_kecil(browser, app_url):
    ctx, p = new_page(browser)
    p.set_viewport_size({"width": 1280, "height": 720})
    yield p
    ctx.close()


@pytest.mark.parametrize("judul, jalur, tab", [
    ("Analisis Kinerja", "analisis-kinerja", {None: 5}),
    # Bab III B: one tab at a time is drawn; every tab is checked
    ("Realisasi Anggaran", "realisasi-anggaran",
     {None: 1, "Serapan per triwulan": 1, "Per unit": 2, "Efisiensi": 1}),
    ("Rekonsiliasi", "rekonsiliasi", {None: 3}),
])
def test_chart_texts_stay_inside_their_charts_at_1280(layar_kecil, app_url, judul, jalur, tab):
    open_page(layar_kecil, app_url, judul, jalur)
    masalah = []
    for k, (nama, minimal) in enumerate(tab.items()):
        if nama is not None:
            open_tab(layar_kecil, nama)
        masalah += _periksa(layar_kecil, f"{jalur}_{k}", minimal)
    assert not masalah, "\n".join(masalah)


def test_leadership_charts_in_presentation_mode_at_1280(layar_kecil, app_url):
    open_page(layar_kecil, app_url, "Ringkasan Pimpinan")
    masalah = _periksa(layar_kecil, "ringkasan", 4)
    mode = layar_kecil.get_by_text("Mode presentasi").first
    with after_rerun(layar_kecil, "presentation mode on"):
        mode.click()
    masalah += _periksa(layar_kecil, "ringkasan_presentasi", 4)
    assert not masalah, "\n".join(masalah)
