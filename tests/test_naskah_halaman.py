"""AppTest of the Naskah LKIP and Pengesahan & Publikasi pages: a section edited and previewed
with its fields filled, read-only for a pimpinan, and the chain walked by three accounts."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from aplikasi import masuk
from pypdf import PdfWriter
from streamlit.testing.v1 import AppTest

from lkip_core import akun, db, naskah
from lkip_core.db.basis import basis
from lkip_core.naskah import lembar

ROOT = Path(__file__).resolve().parent.parent
NASKAH = "pages/langkah6_naskah_lkip.py"
PENGESAHAN = "pages/langkah9_pengesahan_publikasi.py"
TAHUN = 2025


def _pdf(halaman: int = 2) -> bytes:
    w = PdfWriter()
    for _ in range(halaman):
        w.add_blank_page(595, 842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


@pytest.fixture
def app_demo(demo_db, tmp_path, monkeypatch):
    """The demo data with a Sekretaris and a Kepala; LibreOffice stood in for by a blank PDF
    (the PDF itself is tested in test_naskah_pdf.py)."""
    path = tmp_path / "app.duckdb"
    shutil.copy(demo_db, path)
    c = db.connect(path)
    c.execute("DELETE FROM akun WHERE nama_pengguna = 'sekretaris'")  # the demo's: ours instead
    for nama, jabatan in (("sekretaris", "Sekretaris"), ("kepala", "Kepala Badan")):
        if akun.ambil(c, nama) is None:
            akun.tambah(c, nama, "pimpinan", "sandi-uji-yang-panjang", nama_lengkap=nama.title(),
                        jabatan=jabatan, oleh="uji")
    c.close()
    monkeypatch.setenv("LKIP_DB", str(path))
    monkeypatch.setattr(naskah, "ke_pdf_buku", lambda docx: _pdf(3))
    monkeypatch.setattr(lembar, "ke_pdf", lambda docx: _pdf(1))
    yield path
    # Release the app's database now: left to its grace timer (a daemon thread), it may close
    # the DuckDB connection while the interpreter shuts down, which aborts the process.
    basis(path).tutup()


def buka(halaman: str, siapa: str = "admin") -> AppTest:
    at = masuk(AppTest.from_file(str(ROOT / "app.py"), default_timeout=90), siapa)
    at.run()
    at.switch_page(halaman)
    at.session_state["tahun"] = TAHUN
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _teks_markdown(at: AppTest) -> str:
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)


def test_edit_a_section_and_see_it_previewed_and_saved(app_demo):
    at = buka(NASKAH)
    assert at.title[0].value == "Naskah LKIP"
    assert {m.label for m in at.metric} >= {"Bagian", "Selesai ditulis", "Masih draf otomatis"}
    assert len(at.get("download_button")) >= 4  # Word, PDF, surat pengantar, the template
    at.selectbox(key="nk_bab").set_value("Bab I Pendahuluan").run()
    at.selectbox(key="nk_bagian").set_value("bab1_latar_belakang").run()
    kotak = at.text_area(key=f"nk_teks_{TAHUN}_bab1_latar_belakang")
    assert "[[instansi]]" in kotak.value  # the draft cites fields, not copies
    kotak.set_value("Paragraf uji untuk [[instansi]] dengan capaian [[capaian_rata]].").run()
    assert "Paragraf uji untuk Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota " \
           "Tangerang dengan capaian 103,13 %" in _teks_markdown(at)
    at.button(key="nk_simpan").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Teks disimpan" in s.value for s in at.success)
    c = db.connect(app_demo)
    riwayat = naskah.riwayat(c.cursor(), TAHUN, "bab1_latar_belakang")
    c.close()
    assert riwayat.iloc[0]["oleh"] == "admin" and riwayat.iloc[0]["teks"].startswith("Paragraf uji")
    # an unknown field: shown in the preview, refused on saving
    at.text_area(key=f"nk_teks_{TAHUN}_bab1_latar_belakang").set_value("[[salah.ketik]]").run()
    assert any("salah" in w.value for w in at.warning)
    at.button(key="nk_simpan").click().run()
    assert any("Isian angka tidak dikenal" in e.value for e in at.error)


def test_pimpinan_reads_the_book_but_does_not_write_it(app_demo):
    at = buka(NASKAH, "pimpinan")
    assert at.button(key="nk_simpan").disabled
    assert at.text_area(key=f"nk_teks_{TAHUN}_kata_pengantar").disabled


def test_the_chain_with_three_accounts(app_demo):
    at = buka(PENGESAHAN)
    assert "Draf" in _teks_markdown(at)
    at.button(key="ps_buat").click().run()
    assert not at.exception, [e.message for e in at.exception]
    at.text_input(key="ps_catatan_verifikasi").set_value("Sudah dicek").run()
    at.button(key="ps_verifikasi").click().run()
    assert not at.exception, [e.message for e in at.exception]
    c = db.connect(app_demo)
    assert naskah.rantai(c.cursor(), TAHUN).status == "diverifikasi"
    c.close()

    at = buka(PENGESAHAN, "kepala")  # not the Kepala's turn yet
    assert all(b.key != "ps_setujui" for b in at.button)
    at = buka(PENGESAHAN, "sekretaris")
    assert at.get("download_button")  # the PDF under signature
    at.button(key="ps_setujui").click().run()
    assert not at.exception, [e.message for e in at.exception]

    at = buka(PENGESAHAN, "kepala")
    at.button(key="ps_sahkan").click().run()
    assert not at.exception, [e.message for e in at.exception]
    c = db.connect(app_demo)
    r = naskah.rantai(c.cursor(), TAHUN)
    c.close()
    assert r.status == "disahkan" and [s.oleh for s in r.langkah] == [
        "admin", "sekretaris", "kepala"]

    at = buka(NASKAH)  # the year is locked: the editor says so and writes nothing
    assert any("terkunci" in w.value for w in at.warning)
    assert at.button(key="nk_simpan").disabled
