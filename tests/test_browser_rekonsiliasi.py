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
    after_rerun,
    assert_no_exception,
    new_page,
    open_page,
    screenshot,
    serve_copy,
    upload,
    wait_for_count,
    wait_for_text,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
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


def _metric(page, label: str):
    """The value of the metric labelled `label` (a locator: expect() waits for its text)."""
    m = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return m.locator("[data-testid='stMetricValue']")


def _pilih(page, label: str, opsi: str) -> None:
    """Choose `opsi` in the selectbox or multiselect labelled `label` (type, then click), and
    wait for the run that follows; an option already chosen starts no run, so is left as is."""
    kotak = page.get_by_role("combobox", name=label, exact=True)
    widget = page.locator("[data-testid='stSelectbox'], [data-testid='stMultiSelect']").filter(
        has=kotak)
    # A selectbox shows its choice as the input's value, a multiselect as tags beside it.
    chosen = [kotak.input_value(), *(t.strip() for t in widget.inner_text().splitlines()[1:])]
    if opsi in chosen:
        return
    kotak.click()
    kotak.press("Control+a")
    kotak.press_sequentially(opsi, delay=30)
    with after_rerun(page, f"choosing {opsi!r} in {label!r}"):
        page.get_by_role("option", name=opsi, exact=True).first.click()
    page.keyboard.press("Escape")


def test_page_and_the_correction_round_trip(halaman, app_rk, tmp_path):
    page = halaman
    # open_page arrives through the app's root: on a cold server, Streamlit serves a URL equal
    # to a file name in pages/ (rekonsiliasi.py) as an old-style page until app.py has run once.
    open_page(page, app_rk, "Rekonsiliasi", "rekonsiliasi")
    wait_for_text(page, "Daftar temuan")
    assert_no_exception(page)
    expect(_metric(page, "Temuan")).to_have_text("16")
    expect(_metric(page, "Teratasi")).to_have_text("0")
    # plotly draws after the script run: wait for the third chart
    wait_for_count(page, page.locator("[data-testid='stPlotlyChart'] .main-svg"), 3,
                   "drawn plotly chart")
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
    open_page(page, app_rk, "Unggah Data", "unggah-data")
    upload(page, path.name, buf.getvalue())
    page.get_by_role("button", name="Periksa dan muat").click()
    wait_for_text(page, "dimuat sebagai kiriman")
    assert_no_exception(page)

    # 4. Back on Rekonsiliasi the finding is teratasi, with when
    open_page(page, app_rk, "Rekonsiliasi", "rekonsiliasi")
    wait_for_text(page, "Daftar temuan")
    expect(_metric(page, "Teratasi")).to_have_text("1")
    expect(_metric(page, "Temuan")).to_have_text("15")
    _pilih(page, "Status", "Teratasi")
    # the page reruns with the filter: only the resolved finding is left to pick
    expect(page.get_by_role("combobox", name="Temuan", exact=True)).to_have_value(
        re.compile(r"^R07 · TW III · MUTASI"))
    wait_for_text(page, "Tidak terjadi lagi sejak")
    expect(page.locator("[data-testid='stAlert']").filter(
        has_text="Realisasi TW III indikator")).to_have_count(1)
    assert_no_exception(page)
    page.get_by_text("Kemajuan koreksi per unit").scroll_into_view_if_needed()
    screenshot(page, "rekonsiliasi_teratasi")
