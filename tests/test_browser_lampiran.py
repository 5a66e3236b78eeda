"""In a real browser: the annex workbook downloads through the page's button, opens, and is
archived."""

from __future__ import annotations

import re

import openpyxl
from browser import assert_no_exception, open_page, reload, screenshot
from playwright.sync_api import expect


def test_download_the_annex_workbook(page, app_url, tmp_path):
    open_page(page, app_url, "Ekspor Lampiran", "ekspor-lampiran")
    assert_no_exception(page)
    tab = page.get_by_role("tab", name="Lampiran II", exact=True)
    tab.click()  # tabs switch in the browser: no rerun, so wait for the tab itself
    expect(tab).to_have_attribute("aria-selected", "true")
    screenshot(page, "ekspor_lampiran")
    tombol = page.locator(".st-key-unduh_semua button")
    expect(tombol).to_have_text("Unduh semua lampiran (I–V)")
    expect(tombol).to_be_enabled()  # made in the signed-in account's name, nothing to type
    with page.expect_download() as info:
        tombol.click()
    unduhan = info.value
    assert re.fullmatch(r"lampiran_lkip_\d{4}\.xlsx", unduhan.suggested_filename)
    berkas = tmp_path / unduhan.suggested_filename
    unduhan.save_as(berkas)
    wb = openpyxl.load_workbook(berkas)
    assert wb.sheetnames == [f"Lampiran {k}" for k in ("I", "II", "III", "IV", "V")]
    ws = wb["Lampiran II"]
    assert ws["A1"].value == "LAMPIRAN II" and ws.page_setup.orientation == "landscape"
    # The download is in the archive, with who made it.
    reload(page, "Ekspor Lampiran")
    arsip = page.locator(".st-key-ekspor_arsip input")
    expect(arsip).to_have_value(re.compile(r"#\d+ · lampiran_lkip_\d{4}\.xlsx · .* · "
                                           r"admin$"))
    expect(page.locator(".st-key-unduh_arsip button")).to_be_visible()
    assert_no_exception(page)
    page.locator(".st-key-unduh_arsip").scroll_into_view_if_needed()
    screenshot(page, "ekspor_lampiran_arsip")
