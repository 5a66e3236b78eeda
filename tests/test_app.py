"""AppTest smoke tests: every page runs without an exception, its key widgets are there."""

from __future__ import annotations

import pytest
from aplikasi import buka as run_page
from contoh import realisasi_xlsx

from lkip_core import db
from lkip_core.pengumpulan import impor


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    path = tmp_path / "kosong.duckdb"
    monkeypatch.setenv("LKIP_DB", str(path))
    return path


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
