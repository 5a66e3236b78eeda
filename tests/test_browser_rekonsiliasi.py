"""The Rekonsiliasi page in Chromium over the demo data, and the correction round trip:
download a unit's correction workbook through the real button, fix it, upload it through the
real Unggah Data page, and see the finding become teratasi.

The round trip changes the data, so this module serves the app over its own copy of the demo
database (the shared `app_url` server stays as the other browser tests expect it).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from browser import (
    assert_no_exception,
    new_page,
    open_page,
    screenshot,
    serve_copy,
    upload,
    wait_idle,
)

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def app_rk(demo_db, tmp_path_factory):
    with serve_copy(demo_db, tmp_path_factory, "server_rk") as url:
        yield url


@pytest.fixture
def halaman(browser, app_rk):
    ctx, p = new_page(browser)
    yield p
    ctx.close()


def _metric(page, label: str) -> str:
    m = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return m.locator("[data-testid='stMetricValue']").inner_text().strip()


def _pilih(page, label: str, opsi: str) -> None:
    """Choose `opsi` in the selectbox or multiselect labelled `label` (type, then click)."""
    kotak = page.get_by_role("combobox", name=label, exact=True)
    kotak.click()
    kotak.press("Control+a")
    kotak.press_sequentially(opsi, delay=30)
    page.get_by_role("option", name=opsi, exact=True).first.click()
    page.keyboard.press("Escape")
    wait_idle(page)


def test_page_and_the_correction_round_trip(halaman, app_rk, tmp_path):
    page = halaman
    # The app's root first: on a cold server, Streamlit serves a URL equal to a file name in
    # pages/ (rekonsiliasi.py) as an old-style page, without app.py, until app.py has run once.
    open_page(page, app_rk, "")
    open_page(page, app_rk, "rekonsiliasi")
    page.get_by_text("Daftar temuan").wait_for()
    assert_no_exception(page)
    assert _metric(page, "Temuan") == "16"
    assert _metric(page, "Teratasi") == "0"
    grafik = page.locator("[data-testid='stPlotlyChart'] .main-svg")
    grafik.nth(2).wait_for()  # plotly draws after the script run: wait for the third chart
    assert grafik.count() >= 3
    screenshot(page, "rekonsiliasi")

    # 1. MUTASI's correction workbook through the real download button
    _pilih(page, "Buku koreksi unit", "MUTASI")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh buku koreksi").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name == "koreksi_MUTASI_2025.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "temuan"
    pesan = [r[4] for r in wb["temuan"].iter_rows(values_only=True) if r[0] and r[1]
             and str(r[1]).startswith("R07")]
    assert pesan and "IK.17" in pesan[0]

    # 2. The unit fills the missing TW III of IK.17 in place
    ws = wb["kinerja"]
    kolom = [c.value for c in ws[4]].index("Realisasi TW III")
    baris = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "IK.17")
    assert baris[kolom].value is None
    baris[kolom].value = 90
    buf = io.BytesIO()
    wb.save(buf)

    # 3. Uploaded through the real Unggah Data page, with no option chosen
    open_page(page, app_rk, "unggah-data")
    page.locator("input[aria-label='Nama pengunggah']").fill("Bidang Mutasi")
    page.keyboard.press("Enter")
    wait_idle(page)
    upload(page, path.name, buf.getvalue())
    page.get_by_role("button", name="Periksa dan muat").click()
    wait_idle(page)
    page.get_by_text("dimuat sebagai kiriman").first.wait_for()
    assert_no_exception(page)

    # 4. Back on Rekonsiliasi the finding is teratasi, with when
    open_page(page, app_rk, "rekonsiliasi")
    page.get_by_text("Daftar temuan").wait_for()
    assert _metric(page, "Teratasi") == "1"
    assert _metric(page, "Temuan") == "15"
    _pilih(page, "Status", "Teratasi")
    # the page reruns with the filter: only the resolved finding is left to pick
    expect(page.get_by_role("combobox", name="Temuan", exact=True)).to_have_value(
        re.compile(r"^R07 · TW III · MUTASI"))
    page.get_by_text("Tidak terjadi lagi sejak").wait_for()
    assert page.locator("[data-testid='stAlert']").filter(
        has_text="Realisasi TW III indikator").count() == 1
    assert_no_exception(page)
    page.get_by_text("Kemajuan koreksi per unit").scroll_into_view_if_needed()
    screenshot(page, "rekonsiliasi_teratasi")
