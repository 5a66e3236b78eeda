"""In a real browser (Chromium): signing in before anything else, a wrong password, the
lockout, an operator limited to its unit and refused another unit's file, a pimpinan without
upload or settings pages, and a session that survives a reload and a new tab until Keluar.

A server of its own over a copy of the demo: these tests lock a name and end sessions.
Screenshots of the login page and of signed-in pages land in tests/artifacts/."""

from __future__ import annotations

import pytest
from browser import (
    WAIT,
    after_rerun,
    app_done,
    assert_no_exception,
    new_page,
    open_page,
    screenshot,
    serve_copy,
    sign_in,
    sign_out,
    upload,
    wait_for,
    wait_for_heading,
    wait_for_text,
)
from playwright.sync_api import expect

from lkip_core.demo.akun import SANDI_DEMO

pytestmark = [pytest.mark.browser]
NAV = "[data-testid='stSidebarNav']"


@pytest.fixture(scope="module")
def app_akun(demo_db, tmp_path_factory):
    with serve_copy(demo_db, tmp_path_factory, "server_akun") as url:
        yield url


@pytest.fixture
def konteks(browser, app_akun):
    """A fresh browser context (its own cookies) and a page in it."""
    ctx, p = new_page(browser)
    yield ctx, p
    ctx.close()


def _buka(page, url: str) -> None:
    """Go to `url` and wait until the app's run there has ended."""
    with after_rerun(page, f"opening {url}"):
        page.goto(url)


def _login_form(page) -> None:
    wait_for(page, page.get_by_role("textbox", name="Nama pengguna"), "the login form")
    app_done(page, "the login page to finish")


def _coba_masuk(page, nama: str, sandi: str) -> None:
    page.get_by_role("textbox", name="Nama pengguna").fill(nama)
    page.get_by_role("textbox", name="Kata sandi").fill(sandi)
    with after_rerun(page, f"signing in as {nama}"):
        page.get_by_role("button", name="Masuk").click()


def _halaman_nav(page) -> set[str]:
    """The titles of every page in the sidebar navigation (all shown: no "View more")."""
    wait_for(page, page.locator(NAV), "the sidebar navigation")
    return {t.strip().splitlines()[-1] for t in page.locator(  # after the icon's name
        f"{NAV} [data-testid='stSidebarNavLink']").all_inner_texts()}


def test_the_login_page_comes_before_anything(konteks, app_akun):
    _, page = konteks
    _buka(page, app_akun + "/rekap-data")  # a deep link, signed out
    _login_form(page)
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()
    expect(page.locator("[data-testid='stMetric']")).to_have_count(0)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(0)
    expect(page.locator(NAV)).to_have_count(0)
    expect(page.get_by_role("heading", name="Rekap Data")).to_have_count(0)
    teks = page.locator("[data-testid='stMain']").inner_text()
    assert "Kelengkapan" not in teks and "Rp" not in teks
    # the demo's accounts are offered on a demo database
    kotak = page.locator(".st-key-akun_contoh")
    expect(kotak).to_contain_text("Akun contoh")
    expect(kotak).to_contain_text(SANDI_DEMO)
    expect(kotak).to_contain_text("op.mutasi")
    _buka(page, app_akun)
    _login_form(page)
    screenshot(page, "masuk")
    # signed in from the deep link, the person lands on the page it named
    _buka(page, app_akun + "/rekap-data")
    _login_form(page)
    _coba_masuk(page, "admin", SANDI_DEMO)
    wait_for_heading(page, "Rekap Data")
    assert_no_exception(page)


def test_the_login_page_loads_the_chart_library_before_any_chart(konteks, app_akun):
    """pages/_muat_awal.py: plotly.js (4,7 MB) is fetched and parsed while the person types,
    not after the landing page's charts arrive; the script must name the chunk Streamlit
    itself loads (one module, not two copies)."""
    from pages._muat_awal import potongan_plotly

    nama = potongan_plotly()
    assert nama, "Streamlit's plotly chunk was not found: the preload would do nothing"
    _, page = konteks
    _buka(page, app_akun)
    _login_form(page)
    expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(0)
    page.wait_for_function(
        "n => performance.getEntriesByType('resource').some(e => e.name.endsWith('/' + n))",
        arg=nama, timeout=WAIT * 1000)
    _coba_masuk(page, "admin", SANDI_DEMO)
    wait_for_heading(page, "Ringkasan Pimpinan")
    wait_for(page, page.locator("[data-testid='stPlotlyChart'] .main-svg").first,
             "a drawn chart", state="attached")
    pemuatan = page.evaluate(
        "n => performance.getEntriesByType('resource').filter(e => e.name.endsWith('/' + n))"
        ".length", nama)
    assert pemuatan == 1  # Streamlit's own chart used the module already loaded
    assert_no_exception(page)


def test_a_wrong_password_then_the_lockout(konteks, app_akun):
    _, page = konteks
    _buka(page, app_akun)
    _login_form(page)
    _coba_masuk(page, "op.upt", "bukan kata sandinya")
    wait_for_text(page, "Nama pengguna atau kata sandi salah.")
    expect(page.get_by_role("textbox", name="Kata sandi")).to_have_value("")
    for _ in range(4):
        _coba_masuk(page, "op.upt", "bukan kata sandinya")
    wait_for_text(page, "Terlalu banyak percobaan gagal; coba lagi dalam 15 menit.")
    _coba_masuk(page, "op.upt", SANDI_DEMO)  # the right password waits too
    wait_for_text(page, "Terlalu banyak percobaan gagal")
    expect(page.get_by_role("button", name="Keluar")).to_have_count(0)
    screenshot(page, "masuk_terkunci")


def test_an_operator_sees_its_unit_and_is_refused_another_units_file(konteks, app_akun,
                                                                      demo_db):
    _, page = konteks
    open_page(page, app_akun, "Unggah Data", akun="op.mutasi")  # its landing page
    assert _halaman_nav(page) == {"Unggah Data", "Rekonsiliasi", "Analisis Kinerja",
                                  "Realisasi Anggaran", "Profil"}
    unit = page.get_by_role("combobox", name="Unit", exact=True).first
    expect(unit).to_have_value("Bidang Mutasi dan Promosi")
    expect(unit).to_be_disabled()
    expect(page.get_by_text("Operator unit · unit MUTASI")).to_be_visible()
    berkas = demo_db.parent / "berkas" / "realisasi_SEKRE_2025.xlsx"
    upload(page, berkas.name, berkas.read_bytes())
    page.get_by_role("button", name="Periksa dan muat").click()
    wait_for_text(page, "tidak ada data yang dimuat")
    expect(page.locator("[data-testid='stAlert']").filter(has_text="Ditolak")).to_contain_text(
        "Akun operator MUTASI tidak boleh mengunggah data unit SEKRE")
    assert_no_exception(page)
    screenshot(page, "operator_ditolak")
    # a page of another role, asked for by its address, does not open
    _buka(page, app_akun + "/rekap-data")
    wait_for_heading(page, "Unggah Data")
    expect(page.get_by_role("heading", name="Rekap Data")).to_have_count(0)


def test_a_pimpinan_has_no_upload_or_settings_pages(konteks, app_akun):
    _, page = konteks
    open_page(page, app_akun, "Ringkasan Pimpinan", akun="pimpinan")
    halaman = _halaman_nav(page)
    assert {"Ringkasan Pimpinan", "Rekap Data", "Ekspor Lampiran", "Profil"} <= halaman
    assert not halaman & {"Unggah Data", "Pengaturan", "Cadangan", "Akun Pengguna",
                          "Log Audit"}
    expect(page.get_by_text("Pimpinan · `pimpinan`").or_(
        page.get_by_text("Pimpinan · pimpinan"))).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "masuk_pimpinan")


def test_the_session_survives_a_reload_and_a_new_tab_until_keluar(konteks, app_akun):
    ctx, page = konteks
    open_page(page, app_akun, "Ringkasan Pimpinan")
    kuki = {c["name"]: c for c in ctx.cookies()}
    assert kuki["lkip_sesi"]["sameSite"] == "Strict" and kuki["lkip_sesi"]["path"] == "/"
    _buka(page, app_akun)  # a reload
    wait_for_heading(page, "Ringkasan Pimpinan")
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    tab = ctx.new_page()  # a new tab of the same browser
    tab.set_default_timeout(WAIT * 1000)
    tab.goto(app_akun)
    expect(tab.get_by_role("heading", name="Ringkasan Pimpinan")).to_be_visible()
    expect(tab.get_by_role("button", name="Keluar")).to_be_visible()
    tab.close()
    sign_out(page)
    wait_for_text(page, "Anda sudah keluar.")
    assert "lkip_sesi" not in {c["name"] for c in ctx.cookies()}
    _buka(page, app_akun)  # reloading after Keluar: the login page, no figures
    _login_form(page)
    expect(page.locator("[data-testid='stMetric']")).to_have_count(0)
    # and signing in again works in the same tab
    sign_in(page)
    wait_for_heading(page, "Ringkasan Pimpinan")
