"""Pages compute once per data version and share it across sessions (issue 12 item 5): a second
person opening the landing page or the annex preview gets the figures already computed, and a
session after an import sees the new figures, not the cached ones."""

from __future__ import annotations

from aplikasi import buka as _app
from contoh import ANGGARAN_BID1, KINERJA_BID1, realisasi_xlsx

from lkip_core import db, lampiran
from lkip_core.masukan.impor import impor
from lkip_core.pimpinan import ringkasan as inti


def _hitung(monkeypatch, modul, nama: str) -> list:
    """Count the calls of `modul.nama` (the page looks it up at each run)."""
    asli = getattr(modul, nama)
    panggil: list = []

    def dihitung(*args, **kwargs):
        panggil.append(args[1:])
        return asli(*args, **kwargs)

    monkeypatch.setattr(modul, nama, dihitung)
    return panggil


def _metrik(at) -> dict[str, str]:
    return {x.label: x.value for x in at.metric}


def _impor_sekretariat(path) -> None:
    sekre = realisasi_xlsx([KINERJA_BID1[0], ["IK.03", "x", "persen", 2, 1, 1, 1, 1, None,
                                              None, None]],
                           [ANGGARAN_BID1[0], ["5.03.01.1.01.0001", "x", 250_000_000, 1, 1, 1,
                                               1, 10, 20, 30, 40, None]], unit="SEKRE")
    c = db.connect(path)
    try:
        assert impor(c, [("s.xlsx", sekre)], oleh="uji").ok
    finally:
        c.close()


def test_landing_summary_is_shared_across_sessions_and_renewed_by_an_import(app_db, monkeypatch):
    panggil = _hitung(monkeypatch, inti, "ringkasan")
    pertama = _app()
    assert _metrik(pertama)["Unit sudah mengirim data"] == "1 dari 2"
    assert panggil == [(2025,)]
    kedua = _app()  # another person, another session: the same figures, not computed again
    assert _metrik(kedua) == _metrik(pertama)
    pertama.toggle(key="mode_presentasi").set_value(True).run()  # a rerun: nothing recomputed
    assert not pertama.exception and panggil == [(2025,)]

    _impor_sekretariat(app_db)
    ketiga = _app()  # after the import: the new figures, computed once more
    m = _metrik(ketiga)
    assert m["Unit sudah mengirim data"] == "2 dari 2"
    assert panggil == [(2025,), (2025,)]
    kedua.run()  # a session opened before the import sees the new figures on its next run
    assert _metrik(kedua)["Unit sudah mengirim data"] == "2 dari 2"
    assert panggil == [(2025,), (2025,)]


def test_annex_preview_is_shared_and_follows_the_settings(app_db, monkeypatch):
    panggil = _hitung(monkeypatch, lampiran, "pratinjau")
    bangun = _hitung(monkeypatch, lampiran, "ekspor")
    halaman = "pages/langkah7_ekspor_lampiran.py"
    at = _app(halaman)
    assert panggil == [(2025,)] and at.tabs
    _app(halaman)
    assert panggil == [(2025,)]
    assert bangun == []  # no workbook is built, nor archived, before a download is clicked
    # A saved title is a settings change: a new version, the preview built again in that same
    # run (the settings are saved above it) and then shared again.
    at.text_input(key="set_judul_lampiran_i").set_value("Lampiran Satu Uji")
    at.button(key="simpan_pengaturan_lampiran").click().run()
    assert not at.exception and any("disimpan" in s.value for s in at.success)
    assert panggil == [(2025,), (2025,)]
    _app(halaman)
    assert panggil == [(2025,), (2025,)]
    assert bangun == []


def _keadaan_langkah_1(at) -> str:
    (teks,) = [c.value for c in at.caption if "Unit terkirim" in c.value]
    return teks


def test_sop_schedule_reads_the_reconciliation_once_per_data_version(app_db, monkeypatch):
    """Tahapan SOP's live status (units sent, open galat findings) comes from the reconciliation:
    computed once and shared by the next session, computed again after an import."""
    panggil = _hitung(monkeypatch, inti, "kesiapan")
    # the app opens on Ringkasan Pimpinan (whose summary reads it too), then Tahapan SOP: twice
    pertama = _app("pages/pimpinan_tahapan_sop.py")
    assert "Unit terkirim 1 dari 2" in _keadaan_langkah_1(pertama)
    assert panggil == [(2025,), (2025,)]
    kedua = _app("pages/pimpinan_tahapan_sop.py")  # another session: nothing computed again
    assert _keadaan_langkah_1(kedua) == _keadaan_langkah_1(pertama)
    assert len(panggil) == 2
    kedua.run()  # a rerun of the page: nothing computed again
    assert len(panggil) == 2

    _impor_sekretariat(app_db)
    kedua.run()  # the open session's next run: the new status, computed once more
    assert not kedua.exception, [e.message for e in kedua.exception]
    assert "Unit terkirim 2 dari 2" in _keadaan_langkah_1(kedua)
    assert len(panggil) == 3


def test_book_page_reads_the_figures_once_and_follows_each_saved_revision(app_db, monkeypatch):
    from lkip_core import naskah
    from lkip_core.naskah import draf, teks

    bahan = _hitung(monkeypatch, naskah, "muat_bahan")
    isi = _hitung(monkeypatch, teks, "isi_naskah")
    ditulis: list[str] = []
    asli_draf = draf.draf
    monkeypatch.setattr(draf, "draf", lambda b, k: ditulis.append(k) or asli_draf(b, k))
    halaman = "pages/langkah6_naskah_lkip.py"
    kunci = "nk_teks_2025_kata_pengantar"
    pertama = _app(halaman)
    assert pertama.title[0].value == "Naskah LKIP" and pertama.text_area(key=kunci).value
    assert bahan == [(2025,)] and len(isi) == 1
    assert ditulis == ["kata_pengantar"]  # only the section shown is drafted, not all ~40
    kedua = _app(halaman)  # another person: nothing read or drafted again
    assert bahan == [(2025,)] and len(isi) == 1 and ditulis == ["kata_pengantar"]
    assert not any("terakhir oleh" in c.value for c in kedua.caption)

    pertama.text_area(key=kunci).set_value("Kata pengantar uji [[instansi]].")
    pertama.button(key="nk_simpan").click().run()
    assert not pertama.exception and any("Teks disimpan" in s.value for s in pertama.success)
    # a saved text is a new revision: the texts are read again, the figures are not
    assert bahan == [(2025,)] and len(isi) == 2
    kedua.run()  # the other person's next run shows who saved it
    assert any("terakhir oleh admin" in c.value for c in kedua.caption)
    assert bahan == [(2025,)] and len(isi) == 2

    _impor_sekretariat(app_db)  # new data: the figures are read again
    _app(halaman)
    assert bahan == [(2025,), (2025,)]


def test_analysis_charts_are_drawn_once_per_choice_and_data_version(app_db, monkeypatch):
    from lkip_core import grafik

    renstra = _hitung(monkeypatch, grafik, "progres_renstra")
    halaman = "pages/langkah6_analisis_kinerja.py"
    pertama = _app(halaman)
    assert len(renstra) == 1
    _app(halaman)  # another session, the same choice: drawn already
    assert len(renstra) == 1
    pertama.checkbox(key="ak_iku").check().run()  # another choice: drawn for it
    assert not pertama.exception and len(renstra) == 2
    pertama.checkbox(key="ak_iku").uncheck().run()  # back: remembered
    assert len(renstra) == 2
    _impor_sekretariat(app_db)  # new data: drawn again
    _app(halaman)
    assert len(renstra) == 3


def test_reconciliation_runs_once_per_data_version_for_every_session(app_db, monkeypatch):
    import lkip_core.rekonsiliasi as rk

    jalan = _hitung(monkeypatch, rk, "rekonsiliasi")
    halaman = "pages/langkah3_rekonsiliasi.py"
    pertama = _app(halaman)
    temuan = _metrik(pertama)["Temuan"]
    assert len(jalan) == 1
    kedua = _app(halaman)  # another person: the same findings, not run (nor recorded) again
    assert _metrik(kedua)["Temuan"] == temuan and len(jalan) == 1
    kedua.button(key="rk_jalankan").click().run()  # asked for: run now, for this session
    assert not kedua.exception and len(jalan) == 2
    _impor_sekretariat(app_db)  # new data: run again, once
    _app(halaman)
    _app(halaman)
    assert len(jalan) == 3
