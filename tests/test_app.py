"""AppTest smoke tests: every page runs without an exception, its key widgets are there."""

from __future__ import annotations

import pytest
from aplikasi import buka as run_page
from contoh import realisasi_xlsx

from lkip_core import db
from lkip_core.masukan.impor import impor


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
    # exact sums of the money (BID1 reported Rp 1.330.000.000,50 of its pagu; SEKRE nothing)
    # the recap in two tabs, only the open one drawn
    assert any("baris indikator" in c.value for c in at.caption)
    assert not any(c.value.startswith("Total pagu") for c in at.caption)
    at.session_state["rekap_bagian"] = "Anggaran"
    at.run()
    assert not any("baris indikator" in c.value for c in at.caption)
    assert any(c.value == "Total pagu Rp 1.750.000.000 · realisasi dilaporkan Rp 1.330.000.001"
               for c in at.caption), [c.value for c in at.caption]


def test_unggah_page_has_template_upload_and_history(app_db):
    at = run_page("pages/langkah1_unggah_data.py")
    assert at.title[0].value == "Unggah Data"
    assert not at.text_input  # the uploader's name comes from the account, not a field
    assert any("atas nama" in c.value and "admin" in c.value for c in at.caption)
    assert at.selectbox(key="unit_template").value in ("OPD", "SEKRE", "BID1")
    # the history: the three files the fixture imported, all in force
    (riwayat,) = [d.value for d in at.dataframe if {"Berkas", "Status"} <= set(d.value.columns)]
    assert sorted(riwayat["Berkas"]) == ["lpj.xlsx", "master.xlsx", "r.xlsx"]
    assert set(riwayat["Status"]) == {"aktif"} and set(riwayat["Oleh"]) == {"uji"}


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

    def tw4() -> float:
        with db.connect(app_db) as c:
            return c.execute("SELECT realisasi_tw4 FROM v_realisasi_kinerja WHERE "
                             "kode_indikator = 'IK.01'").fetchone()[0]

    # asked first, in a dialog naming the file; "Batal" changes nothing
    at.button(key="rollback").click().run()
    assert not at.exception
    assert any(f"#{first}" in m.value and "akan dipakai lagi" in m.value for m in at.markdown)
    at.button(key="rollback_batal").click().run()
    assert "rollback_ya" not in [b.key for b in at.button]
    assert tw4() == 8.0
    at.button(key="rollback").click().run()
    at.button(key="rollback_ya").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert tw4() == 6.2032
    # said in words, once, under the button: which file is back and which one it replaced
    pesan = [s.value for s in at.success if "aktif kembali" in s.value]
    assert len(pesan) == 1 and f"#{first}" in pesan[0] and "kini berstatus diganti" in pesan[0]


@pytest.mark.parametrize("isi, sebab", [
    (b"ini bukan basis data " * 500, "bukan berkas basis data"),
    (None, "terpotong"),
])
def test_a_damaged_database_is_a_message_never_a_traceback(tmp_path, monkeypatch, isi, sebab):
    path = tmp_path / "rusak.duckdb"
    if isi is None:  # a real database cut short, as a full disk or a bad copy leaves it
        db.connect(path).close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(isi)
    monkeypatch.setenv("LKIP_DB", str(path))
    at = run_page()
    pesan = " ".join(e.value for e in at.error)
    assert "Berkas basis data rusak" in pesan and sebab in pesan
    assert "pulihkan" in pesan  # the way out is named
    assert "Traceback" not in pesan and not at.exception


def test_a_database_held_by_another_program_is_a_message(tmp_path, monkeypatch):
    from tunggu import pemegang

    from lkip_core.db import basis as modul_basis

    path = tmp_path / "dipegang.duckdb"
    db.connect(path).close()
    with pemegang(path):
        monkeypatch.setenv("LKIP_DB", str(path))
        modul_basis._SEMUA.clear()
        # the app waits half a second for the other program instead of thirty
        monkeypatch.setattr(modul_basis.Basis.__init__, "__kwdefaults__",
                            {"tunggu": 0.5, "lepas": modul_basis.LEPAS})
        at = run_page()
        assert any("sedang dipakai" in w.value for w in at.warning), [w.value for w in at.warning]
        assert not at.exception and not at.error
