"""AppTest smoke tests: every page runs without an exception, its key widgets are there."""

from __future__ import annotations

import pytest
from contoh import lpj_xlsx, master_xlsx, realisasi_xlsx

from lkip_core import db
from lkip_core.pengumpulan import impor

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent

st_testing = pytest.importorskip("streamlit.testing.v1")
AppTest = st_testing.AppTest


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    c = db.connect(path)
    assert impor(c, [("master.xlsx", master_xlsx()), ("r.xlsx", realisasi_xlsx()),
                     ("lpj.xlsx", lpj_xlsx())], oleh="uji").ok
    c.close()
    monkeypatch.setenv("LKIP_DB", str(path))
    return path


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    path = tmp_path / "kosong.duckdb"
    monkeypatch.setenv("LKIP_DB", str(path))
    return path


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_rekap_page_shows_board(app_db):
    at = run_page("pages/langkah2_rekap_data.py")
    assert at.title[0].value == "Rekap Data"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Unit wajib lapor"] == "2"
    assert metrics["Belum mengirim"] == "1"  # SEKRE has not sent its realisation
    assert any("Sekretariat" in w.value for w in at.warning)
    assert at.selectbox(key="tahun").value == 2025


def test_unggah_page_has_template_upload_and_history(app_db):
    at = run_page("pages/langkah1_unggah_data.py")
    assert at.title[0].value == "Unggah Data"
    assert at.text_input(key="oleh") is not None
    assert at.selectbox(key="unit_template").value in ("OPD", "SEKRE", "BID1")
    assert len(at.dataframe) >= 1  # the history


def test_pages_run_on_an_empty_database(empty_db):
    at = run_page("pages/langkah1_unggah_data.py")
    assert any("Belum ada master" in i.value for i in at.info)
    at = run_page("pages/langkah2_rekap_data.py")
    assert any("Belum ada data" in i.value for i in at.info)


def test_rollback_from_the_page(app_db):
    c = db.connect(app_db)
    kin = __import__("contoh").KINERJA_BID1
    changed = [r[:] for r in kin]
    changed[1][7] = 8.0
    assert impor(c, [("r2.xlsx", realisasi_xlsx(changed))], oleh="uji").ok
    first = c.execute("SELECT min(id) FROM submission WHERE jenis = 'realisasi'").fetchone()[0]
    c.close()
    at = run_page("pages/langkah1_unggah_data.py")
    at.selectbox(key="rollback_id").set_value(first)
    at.button(key="rollback").click().run()
    assert not at.exception
    c = db.connect(app_db)
    assert c.execute("SELECT realisasi_tw4 FROM v_realisasi_kinerja WHERE kode_indikator = "
                     "'IK.01'").fetchone()[0] == 6.2032
    c.close()
