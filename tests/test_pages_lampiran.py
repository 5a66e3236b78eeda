"""AppTest of the Ekspor Lampiran page: preview tabs, downloads, settings, the archive."""

from __future__ import annotations

from aplikasi import AppTest, buka

from lkip_core import db, pengaturan
from lkip_core.lampiran import ekspor

PAGE = "pages/langkah7_ekspor_lampiran.py"


def _buka(page: str = PAGE) -> AppTest:
    return buka(page)


def _unduh(at: AppTest) -> dict:
    return {b.key: b for b in at.get("download_button")}


def test_page_previews_every_lampiran(app_db):
    at = _buka()
    assert at.title[0].value == "Ekspor Lampiran"
    assert [t.label for t in at.tabs] == [f"Lampiran {k}" for k in ("I", "II", "III", "IV", "V")]
    # Lampiran I and V have two tables each: 7 preview tables in all
    assert len(at.dataframe) == 7
    lampiran_ii = at.dataframe[2].value
    assert "Capaian (%)" in lampiran_ii.columns
    assert "Persentase ASN kompeten" in set(lampiran_ii["Indikator Kinerja"])


def test_downloads_are_made_in_the_accounts_name(app_db):
    at = _buka()
    tombol = _unduh(at)
    assert set(tombol) == {"unduh_semua", "unduh_satu", "unduh_bab3"}
    assert any("atas nama" in c.value and "admin" in c.value for c in at.caption)
    assert not any(b.proto.disabled for b in tombol.values())
    at.selectbox(key="lampiran_satu").set_value("IV").run()
    assert _unduh(at)["unduh_satu"].proto.label == "Unduh Lampiran IV"


def test_settings_are_saved_from_the_page(app_db):
    at = _buka()
    at.text_input(key="set_judul_lampiran_ii").set_value("Pengukuran Kinerja BKPSDM")
    at.text_input(key="set_tanggal_ttd").set_value("28 Februari 2026")
    at.button(key="simpan_pengaturan_lampiran").click().run()
    assert not at.exception
    assert any("disimpan" in s.value for s in at.success)
    c = db.connect(app_db)
    assert pengaturan.baca(c.cursor(), "judul_lampiran_ii") == "Pengukuran Kinerja BKPSDM"
    assert pengaturan.baca(c.cursor(), "tanggal_ttd") == "28 Februari 2026"
    assert pengaturan.baca(c.cursor(), "tempat_ttd") == "Tangerang"  # unchanged, not re-saved
    assert c.execute("SELECT count(*) FROM pengaturan").fetchone()[0] == 2
    c.close()


def test_archive_lists_earlier_exports_for_download(app_db):
    c = db.connect(app_db)
    first = ekspor(c, 2025, oleh="Staf A", lampiran=("II",))
    ekspor(c, 2025, oleh="Staf B", lampiran="bab3")
    c.close()
    at = _buka()
    arsip = at.dataframe[-1].value
    assert list(arsip["Oleh"]) == ["Staf B", "Staf A"]
    at.selectbox(key="ekspor_arsip").set_value(first.id).run()
    assert not at.exception
    assert "unduh_arsip" in _unduh(at)


def test_page_on_an_empty_database(tmp_path, monkeypatch):
    monkeypatch.setenv("LKIP_DB", str(tmp_path / "kosong.duckdb"))
    at = _buka()
    assert any("Belum ada data" in i.value for i in at.info)
