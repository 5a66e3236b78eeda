"""AppTest of the leadership pages: Ringkasan Pimpinan (the landing page) and Tahapan SOP."""

from __future__ import annotations

import datetime as dt

from aplikasi import buka as _app
from contoh import realisasi_xlsx

from lkip_core import db
from lkip_core.masukan.impor import impor
from lkip_core.pimpinan import tahapan


def test_landing_page_is_the_leadership_summary(app_db):
    at = _app()  # no page chosen: the default one
    assert at.title[0].value == "Ringkasan Pimpinan"
    m = {x.label: x.value for x in at.metric}
    assert m["Rata-rata capaian kinerja"] == "83,64 %"
    assert m["Serapan anggaran"] == "76,00 %"  # BID1 1.330.000.000,5 of 1,75 M (SEKRE none)
    assert m["Unit sudah mengirim data"] == "1 dari 2"
    assert any("Sekretariat" in w.value for w in at.warning)
    assert any("tidak ada data tahun lalu" in c.value for c in at.caption)
    assert at.toggle(key="mode_presentasi").value is False
    assert at.get("download_button")  # the briefing deck
    charts = at.get("plotly_chart")
    assert len(charts) == 5
    # "Rincian angka" is drawn only when opened (a city's two tables cost the landing page)
    assert not at.dataframe
    at.session_state["rincian_angka"] = True
    at.run()
    sasaran, unit = (d.value for d in at.dataframe)
    assert list(sasaran.columns) == ["Kode", "Sasaran", "Indikator", "Capaian", "Predikat"]
    assert "Pagu (Rp)" in unit.columns and len(unit) == 2


def test_presentation_mode_hides_the_clutter(app_db):
    at = _app()
    at.toggle(key="mode_presentasi").set_value(True).run()
    assert not at.exception
    assert at.title[0].value == "Kinerja 2025 dalam satu layar"
    css = "".join(x.value for x in at.markdown)
    assert 'data-testid="stSidebar"' in css and "stMetricValue" in css
    assert not at.get("download_button") and not at.expander
    assert len(at.get("plotly_chart")) == 5 and len(at.metric) == 4
    at.toggle(key="mode_presentasi").set_value(False).run()
    assert at.title[0].value == "Ringkasan Pimpinan" and at.get("download_button")


def test_sop_page_plans_and_records(app_db):
    at = _app("pages/pimpinan_tahapan_sop.py")
    assert at.title[0].value == "Tahapan SOP"
    assert len(at.get("plotly_chart")) == 1  # the Gantt chart
    labels = [p.proto.label for p in at.get("page_link")]
    assert "Buka Unggah Data" in labels and "Buka Rekap Data" in labels
    # Mon 3 Feb 2025: no holiday in the next 15 working days.
    at.date_input(key="tahapan_mulai").set_value(dt.date(2025, 2, 3))
    at.button(key="simpan_rencana").click().run()
    assert not at.exception
    m = {x.label: x.value for x in at.metric}
    assert m["Rencana selesai"] == "21 Februari 2025"
    assert m["Langkah selesai"] == "0 dari 12"
    c = db.connect(app_db)
    assert tahapan.baca_rencana(c.cursor(), 2025)["tanggal_mulai"] == dt.date(2025, 2, 3)
    c.close()
    # Every step is past its planned finish (it is later than February 2025).
    (telat,) = at.error  # one box, not twelve
    assert "12 langkah terlambat" in telat.value
    assert "Langkah 1 (Pengumpulan data)" in telat.value and "… dan 7 langkah lain" in telat.value
    at.date_input(key="aktual_mulai_1").set_value(dt.date(2025, 2, 3))
    at.date_input(key="aktual_selesai_1").set_value(dt.date(2025, 2, 4))
    at.button(key="simpan_langkah_1").click().run()
    assert not at.exception
    m = {x.label: x.value for x in at.metric}
    assert m["Langkah selesai"] == "1 dari 12" and m["Langkah terlambat"] == "11"
    assert "11 langkah terlambat" in at.error[0].value
    assert "Langkah 1 " not in at.error[0].value
    c = db.connect(app_db)
    real = tahapan.baca_realisasi(c.cursor(), 2025)
    c.close()
    assert real["oleh"].tolist() == ["admin"]  # the signed-in account


def test_sop_page_refuses_a_finish_before_the_start(app_db):
    at = _app("pages/pimpinan_tahapan_sop.py")
    at.date_input(key="aktual_mulai_2").set_value(dt.date(2025, 2, 5))
    at.date_input(key="aktual_selesai_2").set_value(dt.date(2025, 2, 4))
    at.button(key="simpan_langkah_2").click().run()
    assert not at.exception
    assert any("sebelum tanggal mulai" in e.value for e in at.error)


def test_sop_page_is_read_only_for_pimpinan(app_db):
    at = _app("pages/pimpinan_tahapan_sop.py", akun="pimpinan")
    assert at.title[0].value == "Tahapan SOP" and not at.text_input
    keys = [b.key for b in at.button]
    assert "simpan_rencana" not in keys and not any(k.startswith("simpan_langkah") for k in keys)
    assert at.date_input(key="aktual_mulai_1").disabled


def test_pages_on_an_empty_database(tmp_path, monkeypatch):
    monkeypatch.setenv("LKIP_DB", str(tmp_path / "kosong.duckdb"))
    for page in (None, "pages/pimpinan_tahapan_sop.py"):
        at = _app(page)
        assert any("Belum ada data" in i.value for i in at.info)


def test_summary_follows_new_data(app_db):
    at = _app()
    assert {x.label: x.value for x in at.metric}["Unit sudah mengirim data"] == "1 dari 2"
    at.run()  # a rerun with the same data reuses the summary
    c = db.connect(app_db)
    from contoh import ANGGARAN_BID1, KINERJA_BID1

    sekre = realisasi_xlsx([KINERJA_BID1[0], ["IK.03", "x", "persen", 2, 1, 1, 1, 1, None,
                                              None, None]],
                           [ANGGARAN_BID1[0], ["5.03.01.1.01.0001", "x", 250_000_000, 1, 1, 1,
                                               1, 10, 20, 30, 40, None]], unit="SEKRE")
    assert impor(c, [("s.xlsx", sekre)], oleh="uji").ok
    c.close()
    at.run()
    assert {x.label: x.value for x in at.metric}["Unit sudah mengirim data"] == "2 dari 2"
