"""In a real browser (issue 13 item 9): edit a section of the LKIP book and find it in the
downloaded Word document; walk the pengesahan chain with three accounts, each downloading the
PDF they sign, and download the signed PDF with its Lembar Pengesahan."""

from __future__ import annotations

import hashlib
import io
import shutil

import pytest
from browser import (
    after_rerun,
    app_done,
    assert_no_exception,
    new_page,
    open_page,
    screenshot,
    serve,
    sign_out,
    wait_for,
    wait_for_text,
)
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from lkip_core import akun, db

pytestmark = pytest.mark.browser
TIGA_MENIT = 180  # LibreOffice makes the PDF; a busy 2-core machine takes its time


@pytest.fixture(scope="module")
def app_naskah(demo_db, tmp_path_factory):
    """A copy of the demo with a Sekretaris and a Kepala of their own (the demo's password; the
    demo's own `sekretaris` is replaced by one with a name the test looks for)."""
    from lkip_core.demo.akun import SANDI_DEMO

    work = tmp_path_factory.mktemp("server_naskah")
    path = work / "lkip.duckdb"
    shutil.copy(demo_db, path)
    c = db.connect(path)
    c.execute("DELETE FROM akun WHERE nama_pengguna IN ('sekretaris', 'kepala')")
    for nama, lengkap, jabatan in (("sekretaris", "Drs. Sekretaris Contoh", "Sekretaris"),
                                   ("kepala", "Dr. Kepala Contoh", "Kepala Badan")):
        akun.tambah(c, nama, "pimpinan", SANDI_DEMO, nama_lengkap=lengkap, jabatan=jabatan,
                    oleh="uji")
    c.close()
    with serve(path, work) as url:
        yield url


@pytest.fixture
def halaman(browser, app_naskah):
    ctx, p = new_page(browser)
    yield p
    ctx.close()


def _pilih(page, label: str, opsi: str) -> None:
    kotak = page.get_by_role("combobox", name=label, exact=True)
    if kotak.input_value() == opsi:
        return
    kotak.click()
    kotak.press("Control+a")
    kotak.press_sequentially(opsi, delay=20)
    with after_rerun(page, f"choosing {opsi!r} in {label!r}"):
        page.get_by_role("option", name=opsi, exact=True).first.click()
    page.keyboard.press("Escape")


def _klik(page, kunci: str, what: str, timeout: float = 90) -> None:
    tombol = page.locator(f".st-key-{kunci} button")
    expect(tombol).to_be_enabled()
    with after_rerun(page, what, timeout=timeout):
        tombol.click()


def _unduh(page, kunci: str, tmp_path, timeout: float = TIGA_MENIT):
    with page.expect_download(timeout=timeout * 1000) as info:
        page.locator(f".st-key-{kunci} button").click()
    berkas = tmp_path / info.value.suggested_filename
    info.value.save_as(berkas)
    return berkas


def test_edit_a_section_and_find_it_in_the_downloaded_book(halaman, app_naskah, tmp_path):
    page = halaman
    open_page(page, app_naskah, "Naskah LKIP", "naskah-lkip")
    assert_no_exception(page)
    _pilih(page, "Bab", "Bab I Pendahuluan")
    _pilih(page, "Bagian", "A. Latar Belakang")
    kotak = page.locator(".st-key-nk_teks_2025_bab1_latar_belakang textarea")
    kotak.fill("Naskah uji dari peramban untuk [[instansi]], capaian [[capaian_rata]].")
    with after_rerun(page, "leaving the text area"):
        kotak.press("Control+Enter")
    wait_for_text(page, "Naskah uji dari peramban untuk Badan Kepegawaian")
    _klik(page, "nk_simpan", "saving the section")
    wait_for_text(page, "Teks disimpan.")
    screenshot(page, "naskah_lkip")
    berkas = _unduh(page, "nk_unduh_docx", tmp_path)
    assert berkas.name == "naskah_lkip_2025.docx"
    teks = [p.text for p in Document(berkas).paragraphs]
    i = teks.index("A. Latar Belakang")
    assert teks[i + 1] == ("Naskah uji dari peramban untuk Badan Kepegawaian dan Pengembangan "
                           "Sumber Daya Manusia Kota Tangerang, capaian 103,13 %.")
    assert_no_exception(page)


def _masuk_sebagai(page, app_url: str, nama: str) -> None:
    if page.get_by_role("button", name="Keluar").count():
        sign_out(page)
    open_page(page, app_url, "Pengesahan & Publikasi", "pengesahan", akun=nama)
    assert_no_exception(page)


def test_the_chain_with_three_accounts(halaman, app_naskah, tmp_path):
    page = halaman
    _masuk_sebagai(page, app_naskah, "admin")
    _klik(page, "ps_buat", "making the book to check", timeout=TIGA_MENIT)
    wait_for(page, page.locator(".st-key-ps_calon_pdf button"), "the PDF to check")
    page.locator(".st-key-ps_catatan_verifikasi input").fill("Sudah diperiksa Kasubag")
    _klik(page, "ps_verifikasi", "verifying", timeout=TIGA_MENIT)
    wait_for_text(page, "diverifikasi.")
    screenshot(page, "pengesahan_diverifikasi")

    _masuk_sebagai(page, app_naskah, "sekretaris")
    pdf = _unduh(page, "ps_unduh_pdf", tmp_path)
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    wait_for_text(page, sha)  # the page names the SHA-256 of exactly what was downloaded
    _klik(page, "ps_setujui", "approving")
    wait_for_text(page, "disetujui; status sekarang disetujui")

    _masuk_sebagai(page, app_naskah, "kepala")
    assert hashlib.sha256(_unduh(page, "ps_unduh_pdf", tmp_path).read_bytes()).hexdigest() == sha
    _klik(page, "ps_sahkan", "ratifying", timeout=TIGA_MENIT)
    wait_for_text(page, "disahkan; status sekarang disahkan")
    app_done(page)
    screenshot(page, "pengesahan_disahkan")
    sah = PdfReader(io.BytesIO(_unduh(page, "ps_unduh_pdf", tmp_path).read_bytes()))
    lembar = sah.pages[1].extract_text()
    assert "LEMBAR PENGESAHAN" in lembar and "Dr. Kepala Contoh" in lembar
    assert "Drs. Sekretaris Contoh" in lembar
    assert len(sah.pages) == len(PdfReader(pdf).pages) + 1
    assert_no_exception(page)
