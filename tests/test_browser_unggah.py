"""The real app in Chromium: download a template, upload files through the real widget."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from browser import (
    after_rerun,
    assert_no_exception,
    new_page,
    open_page,
    remove_uploads,
    screenshot,
    serve_copy,
    upload,
    wait_for,
    wait_for_text,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_unggah(demo_db, tmp_path_factory):
    """A server of its own: this test loads a file, and the shared one must stay as built."""
    with serve_copy(demo_db, tmp_path_factory, "server_unggah") as url:
        yield url


@pytest.fixture
def page(browser, app_unggah):
    ctx, p = new_page(browser)
    yield p
    ctx.close()


def test_template_download_and_bad_upload_then_good_upload(page, app_unggah, tmp_path):
    app_url = app_unggah
    open_page(page, app_url, "Unggah Data", "unggah-data")
    assert_no_exception(page)
    screenshot(page, "unggah_data")

    # 1. The template arrives through the real download button and is a locked workbook.
    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh template").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["kinerja", "anggaran"]
    assert wb["_lkip"].sheet_state == "hidden"
    assert wb["kinerja"].protection.sheet

    # 2. A file that is not a spreadsheet is refused with a plain message; nothing changes.
    upload(page, "catatan.xlsx", b"ini bukan spreadsheet, hanya teks biasa\x00\x01")
    page.get_by_role("button", name="Periksa dan muat").click()
    wait_for_text(page, "tidak ada data yang dimuat")
    expect(page.locator("[data-testid='stAlert']").last).to_contain_text("bukan berkas spreadsheet")
    screenshot(page, "unggah_ditolak")

    # 3. The downloaded template, filled in, loads and appears in the history.
    ws = wb["kinerja"]
    header = [c.value for c in ws[4]]
    col = header.index("Realisasi TW I") + 1
    ws.cell(row=5, column=col, value=1)
    buf = io.BytesIO()
    wb.save(buf)
    remove_uploads(page)
    upload(page, path.name, buf.getvalue())
    page.get_by_role("button", name="Periksa dan muat").click()
    wait_for_text(page, "dimuat sebagai kiriman")
    assert_no_exception(page)
    screenshot(page, "unggah_berhasil")

    # 4. The unit's earlier file, now replaced, made active again: asked first in a dialog
    # naming it, said in words beside the button once done.
    lama = page.locator(".st-key-rollback_id")
    wait_for(page, lama, "the rollback picker (the replaced file)")
    # the picker shows "#7 — berkas" (as text, or as its search field's value)
    teks = lama.inner_text() + " ".join(i.input_value() for i in lama.locator("input").all())
    nomor = re.search(r"#\d+", teks)
    assert nomor, f"no submission number in the rollback picker: {teks!r}"
    nomor = nomor.group()
    with after_rerun(page, "asking to make the old file active again"):
        page.locator(".st-key-rollback button").click()
    dialog = page.get_by_role("dialog")
    wait_for(page, dialog, "the confirmation dialog")
    expect(dialog).to_contain_text("Aktifkan kembali kiriman lama?")
    expect(dialog).to_contain_text(nomor)
    expect(dialog).to_contain_text("akan dipakai lagi")
    screenshot(page, "unggah_rollback_dialog")
    with after_rerun(page, "confirming the rollback"):
        dialog.get_by_role("button", name="Ya, aktifkan kembali").click()
    wait_for(page, dialog, "the dialog to close", state="detached")
    pesan = page.locator("[data-testid='stAlert']").filter(has_text="aktif kembali")
    wait_for(page, pesan, "the rollback's message")
    expect(pesan).to_contain_text("kini berstatus diganti")
    assert_no_exception(page)
    screenshot(page, "unggah_rollback_selesai")
