"""AppTest of the Bab III pages (Analisis Kinerja, Realisasi Anggaran) and Pengaturan: no
exception, the key widgets, the headline figures, and what a filter or a save changes."""

from __future__ import annotations

import json

import pytest
from aplikasi import AppTest, buka, db_untuk_app
from contoh_analisis import berkas_uji

from lkip_core import db, fmt, pengaturan
from lkip_core.errors import InputRefused
from lkip_core.masukan import submisi
from lkip_core.masukan.impor import impor


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    return db_untuk_app(tmp_path, monkeypatch, berkas_uji(), "analisis.duckdb")


def metrik(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def grafik(at: AppTest) -> list[dict]:
    return [json.loads(g.proto.spec) for g in at.get("plotly_chart")]


def judul_grafik(at: AppTest) -> list[str]:
    """Chart titles as one line (a long one is wrapped with <br>)."""
    return [g["layout"]["title"]["text"].replace("<br>", " ") for g in grafik(at)]


def test_analisis_kinerja_page(app_db):
    at = buka("pages/langkah6_analisis_kinerja.py")
    assert at.title[0].value == "Analisis Kinerja"
    m = metrik(at)
    assert m["Indikator"] == "6" and m["Tanpa capaian"] == "0"
    assert m["Rendah"] == "1" and m["Sangat Rendah"] == "2" and m["Sangat Tinggi"] == "2"
    assert m["Rata-rata capaian"] == fmt.persen(
        (6.2032 / 10.83 * 100 + 74.94 / 75 * 100 + 0 + 0 + 90.5 + 91) / 6)
    for key in ("ak_tw", "ak_sasaran", "ak_indikator"):
        assert at.selectbox(key=key) is not None
    assert at.checkbox(key="ak_iku").value is False
    judul = judul_grafik(at)
    assert "S1 · Meningkatnya kompetensi ASN" in judul and "IK.01 · Persentase ASN kompeten" in judul
    assert {"Capaian terhadap target akhir Renstra", "Sebaran predikat capaian indikator",
            "Perbandingan capaian antarunit"} <= set(judul)
    assert all(g["layout"]["separators"] == ",." for g in grafik(at))
    # The draft paragraph, copyable, and the capaian table with the formula named.
    narasi = [c.value for c in at.code]
    assert any(t.startswith("Capaian indikator Persentase ASN kompeten tahun 2025 sebesar "
                            "57,28 % (kategori Rendah), turun 5,82 poin dari 63,10 % pada "
                            "tahun 2024.") for t in narasi)
    tabel_s2 = [d.value for d in at.dataframe if "IK.03" in list(d.value["Kode"])][0]
    assert "negatif (selisih)" in list(tabel_s2["Polaritas (rumus)"])
    assert at.get("download_button")


def test_analisis_kinerja_filters(app_db):
    at = buka("pages/langkah6_analisis_kinerja.py")
    at.checkbox(key="ak_iku").check().run()
    assert metrik(at)["Indikator"] == "2"
    at.checkbox(key="ak_iku").uncheck().run()
    at.selectbox(key="ak_sasaran").set_value("S2").run()
    assert metrik(at)["Indikator"] == "4"
    at.selectbox(key="ak_sasaran").set_value(None).run()
    at.selectbox(key="ak_tw").set_value(2).run()
    assert not at.exception
    assert any("tahun 2025 s.d. TW II sebesar 36,93 %" in c.value for c in at.code)
    at.selectbox(key="ak_indikator").set_value("IK.02").run()
    assert "IK.02 · Persentase ASN memenuhi standar kompetensi" in judul_grafik(at)
    at.selectbox(key="kode_unit").set_value("SEKRE").run()
    assert not at.exception and metrik(at)["Indikator"] == "4"
    assert "Perbandingan capaian antarunit" not in judul_grafik(at)
    assert any("Semua unit" in i.value for i in at.info)


def test_realisasi_anggaran_page(app_db):
    at = buka("pages/langkah6_realisasi_anggaran.py")
    assert at.title[0].value == "Realisasi Anggaran"
    m = metrik(at)
    assert m["Pagu"] == "Rp 7,91 M"
    assert m["Serapan"] == fmt.persen((889_200_000 + 6_495_748_767) / 7_910_387_000 * 100)
    assert m["Sisa"] == "Rp 525,44 jt"
    assert at.selectbox(key="ra_kegiatan").disabled
    # Bab III B in four tabs; only the open one is drawn (city scale: seconds otherwise)
    assert judul_grafik(at) == ["Pagu dan realisasi per program"]
    assert not [d for d in at.dataframe if "IE" in d.value.columns]
    at.session_state["ra_bagian"] = "Per unit"
    at.run()
    assert set(judul_grafik(at)) == {"Serapan anggaran per unit",
                                     "Realisasi fisik terhadap keuangan per sub kegiatan"}
    at.session_state["ra_bagian"] = "Efisiensi"
    at.run()
    assert judul_grafik(at) == ["Efisiensi: capaian kinerja terhadap serapan anggaran"]
    efisiensi = [d.value for d in at.dataframe if "IE" in d.value.columns][0]
    ik2 = efisiensi.set_index("Kode").loc["IK.02"]
    assert ik2["Pagu (Rp)"] == 6_910_387_000 and ik2["Keterangan"] == "Efisien"
    assert round(ik2["IE"], 3) == 1.063
    at.radio(key="ra_batas").set_value("100").run()
    assert not at.exception
    at.session_state["ra_bagian"] = "Serapan per triwulan"
    at.run()
    assert any("Serapan" in j for j in judul_grafik(at))
    # Drill down: program → kegiatan → sub kegiatan.
    at.session_state["ra_bagian"] = "Pagu dan realisasi"
    at.run()
    at.selectbox(key="ra_program").set_value("5.03.02").run()
    assert judul_grafik(at)[0] == "Pagu dan realisasi per kegiatan"
    at.selectbox(key="ra_kegiatan").set_value("5.03.02.2.01").run()
    assert judul_grafik(at)[0] == "Pagu dan realisasi per sub kegiatan"
    rinci = [d.value for d in at.dataframe if "Uraian" in d.value.columns][0]
    assert list(rinci["Kode"]) == ["5.03.02.2.01.0001", "5.03.02.2.01.0002", "5.03.02.2.01.0003"]
    assert at.get("download_button")


def test_pages_without_data_say_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("LKIP_DB", str(tmp_path / "kosong.duckdb"))
    for page in ("pages/langkah6_analisis_kinerja.py", "pages/langkah6_realisasi_anggaran.py"):
        at = buka(page)
        assert any("Belum ada data" in i.value for i in at.info)


def test_pengaturan_page_saves_and_the_engine_follows(app_db):
    at = buka("pages/pengaturan_aplikasi.py")
    assert at.title[0].value == "Pengaturan"
    for s in pengaturan.SETELAN:  # one widget per setting, keyed by its kunci
        if s.jenis == "pilihan":
            assert at.selectbox(key=f"set_{s.kunci}").value == s.bawaan
        elif s.jenis == "angka" and isinstance(s.bawaan, float):  # typed as 0,01
            assert at.text_input(key=f"set_{s.kunci}").value == fmt.angka(s.bawaan, 2)
        elif s.jenis == "angka":
            assert at.number_input(key=f"set_{s.kunci}").value == s.bawaan
        elif s.jenis == "teks":
            assert at.text_input(key=f"set_{s.kunci}").value == s.bawaan
    assert "Bawaan: selisih" in at.selectbox(key="set_metode_negatif_bawaan").help
    at.selectbox(key="set_metode_negatif_bawaan").set_value("rasio")
    at.button(key="simpan_analisis_kinerja").click().run()
    # said in words, old → new, never the setting's key
    assert not at.exception and any(
        "Rumus bawaan indikator negatif: selisih" in s.value and "→ rasio" in s.value
        and "metode_negatif_bawaan" not in s.value for s in at.success)
    c = db.connect(app_db)
    assert pengaturan.baca(c.cursor(), "metode_negatif_bawaan") == "rasio"
    assert c.execute("SELECT oleh FROM pengaturan WHERE kunci = 'metode_negatif_bawaan'"
                     ).fetchone()[0] == "admin"  # the signed-in account
    c.close()
    # The analysis page now computes IK.03 with the ratio formula.
    at = buka("pages/langkah6_analisis_kinerja.py")
    assert any("rumus negatif (rasio)" in c.value for c in at.code)


def test_pengaturan_page_shows_refusals(app_db, monkeypatch):
    def tolak(con, kunci, nilai, oleh=""):
        raise InputRefused("tempat_ttd: tidak boleh kosong.")

    monkeypatch.setattr(pengaturan, "simpan", tolak)
    at = buka("pages/pengaturan_aplikasi.py")
    at.text_input(key="set_tempat_ttd").set_value("")
    at.button(key="simpan_lampiran").click().run()
    assert not at.exception
    assert any("tidak boleh kosong" in e.value for e in at.error)
    assert not at.success


def test_cached_tables_follow_a_new_upload_and_a_rollback(app_db):
    from contoh import realisasi_xlsx
    from contoh_analisis import ANGGARAN_BID1_UJI, KINERJA_BID1_UJI

    at = buka("pages/langkah6_analisis_kinerja.py")
    assert metrik(at)["Rendah"] == "1"
    kin = [r[:] for r in KINERJA_BID1_UJI]
    kin[1][7] = 10.83  # IK.01 now meets its target
    c = db.connect(app_db)
    assert impor(c, [("revisi.xlsx", realisasi_xlsx(kin, ANGGARAN_BID1_UJI, unit="BID1"))],
                 oleh="uji").ok
    lama = c.execute("SELECT min(id) FROM submission WHERE jenis = 'realisasi' AND "
                     "kode_unit = 'BID1'").fetchone()[0]
    c.close()
    at.run()
    assert metrik(at)["Rendah"] == "0" and metrik(at)["Sangat Tinggi"] == "3"
    c = db.connect(app_db)
    submisi.rollback(c, lama, oleh="uji")  # the first file counts again
    c.close()
    at.run()
    assert metrik(at)["Rendah"] == "1"


def test_analisis_says_what_the_filters_keep_and_the_period_drives_the_history(app_db):
    at = buka("pages/langkah6_analisis_kinerja.py")
    assert any("Menampilkan 6 dari 6 indikator" in c.value for c in at.caption)
    at.selectbox(key="ak_sasaran").set_value("S2").run()
    assert any("Menampilkan 4 dari 6 indikator" in c.value for c in at.caption)
    at.selectbox(key="ak_sasaran").set_value(None).run()
    at.selectbox(key="ak_tw").set_value(2).run()
    riwayat = next(json.loads(g.proto.spec) for g in at.get("plotly_chart")
                   if "ak_grafik_riwayat" in g.proto.id)
    bar = riwayat["data"][0]
    assert bar["x"][-1] == "2025 s.d. TW II"  # the period of the page, not the whole year
    assert any("s.d. TW II" in c.value for c in at.caption)


def test_every_page_chart_has_the_one_config(app_db):
    from lkip_core.grafik.gaya import konfigurasi

    for halaman in ("pages/langkah6_analisis_kinerja.py", "pages/langkah6_realisasi_anggaran.py",
                    "pages/langkah3_rekonsiliasi.py", "pages/pimpinan_ringkasan.py",
                    "pages/pimpinan_tahapan_sop.py"):
        at = buka(halaman)
        charts = at.get("plotly_chart")
        assert charts, halaman
        for g in charts:
            cfg = json.loads(g.proto.config)
            judul = json.loads(g.proto.spec)["layout"]["title"]["text"]
            assert cfg == json.loads(json.dumps(konfigurasi(judul))), halaman
            assert cfg["modeBarButtons"] == [["toImage"]] and cfg["locale"] == "id"


def test_sidebar_unit_is_marked_not_applicable_on_agency_pages(app_db):
    at = buka("pages/pimpinan_ringkasan.py")
    assert at.sidebar.selectbox(key="kode_unit").disabled
    assert any("tidak berlaku" in c.value for c in at.sidebar.caption)
    at = buka("pages/langkah6_analisis_kinerja.py")
    assert not at.sidebar.selectbox(key="kode_unit").disabled
    assert not any("tidak berlaku" in c.value for c in at.sidebar.caption)
