"""Filters honest (issue 14 item 3): page-level pickers start from the sidebar's unit and follow
it; the sidebar's unit narrows the Rekap board as it narrows the recap."""

from __future__ import annotations

from aplikasi import buka


def test_template_picker_follows_the_sidebar_unit(app_db):
    at = buka("pages/langkah1_unggah_data.py")
    assert len(at.selectbox(key="unit_template").options) == 2  # SEKRE and BID1 owe data
    at.selectbox(key="kode_unit").set_value("SEKRE").run()
    assert at.selectbox(key="unit_template").value == "SEKRE"
    at.selectbox(key="kode_unit").set_value("BID1").run()
    assert at.selectbox(key="unit_template").value == "BID1"
    # a choice made on the page stays while the sidebar does not change
    at.selectbox(key="unit_template").set_value("SEKRE").run()
    assert at.selectbox(key="unit_template").value == "SEKRE"
    at.selectbox(key="kode_unit").set_value("BID1").run()
    assert at.selectbox(key="unit_template").value == "SEKRE"
    at.selectbox(key="kode_unit").set_value("SEKRE").run()
    at.selectbox(key="kode_unit").set_value("BID1").run()
    assert at.selectbox(key="unit_template").value == "BID1"


def test_rekap_board_follows_the_sidebar_unit(app_db):
    at = buka("pages/langkah2_rekap_data.py")
    board = next(d.value for d in at.dataframe if "Kinerja TW I" in d.value.columns)
    assert len(board) == 2
    at.selectbox(key="kode_unit").set_value("SEKRE").run()
    board = next(d.value for d in at.dataframe if "Kinerja TW I" in d.value.columns)
    assert list(board["Kode"]) == ["SEKRE"]
    assert {m.label: m.value for m in at.metric}["Unit wajib lapor"] == "1"
    assert any("Menampilkan 1 dari 2 unit" in c.value for c in at.caption)
