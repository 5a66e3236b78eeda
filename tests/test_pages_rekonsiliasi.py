"""AppTest of the Rekonsiliasi page: runs, shows the findings, filters, records a review."""

from __future__ import annotations

from pathlib import Path

import pytest
from aplikasi import masuk
from contoh import KINERJA_BID1, lpj_xlsx, master_xlsx, realisasi_xlsx
from streamlit.testing.v1 import AppTest

from lkip_core import db
from lkip_core.masukan.impor import impor
from lkip_core.rekonsiliasi import rekonsiliasi

ROOT = Path(__file__).resolve().parent.parent
HALAMAN = "pages/langkah3_rekonsiliasi.py"


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    kin = [r[:] for r in KINERJA_BID1]
    kin[2][6] = None  # IK.02 without TW III: R07
    path = tmp_path / "app.duckdb"
    c = db.connect(path)
    assert impor(c, [("m.xlsx", master_xlsx()), ("r.xlsx", realisasi_xlsx(kin)),
                     ("l.xlsx", lpj_xlsx())], oleh="uji").ok
    jumlah = len(rekonsiliasi(c.cursor(), 2025, catat=False).temuan)
    c.close()
    monkeypatch.setenv("LKIP_DB", str(path))
    return path, jumlah


def buka(akun: str = "admin") -> AppTest:
    at = masuk(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), akun)
    at.run()  # the router first (it opens the database for the run), then the page
    at.switch_page(HALAMAN)
    return jalan(at)


def jalan(at: AppTest) -> AppTest:
    at.session_state["tahun"] = 2025
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _tabel(at: AppTest):
    return next(df.value for df in at.dataframe if "Pesan" in df.value.columns)


def test_page_shows_findings_charts_and_downloads(app_db):
    _, jumlah = app_db
    at = buka()
    assert at.title[0].value == "Rekonsiliasi"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Temuan"] == str(jumlah)
    assert metrics["Teratasi"] == "0"
    assert len(_tabel(at)) == jumlah
    assert len(at.get("plotly_chart")) == 3
    assert at.selectbox(key="rk_unit_koreksi").value == "BID1"
    kunci = [b.proto.id for b in at.get("download_button")]
    assert len(kunci) == 3
    assert at.button(key="rk_jalankan") is not None


def test_filters_narrow_the_table(app_db):
    at = buka()
    at.multiselect(key="rk_aturan").set_value(["R07"])
    jalan(at)
    tabel = _tabel(at)
    assert list(tabel["Aturan"]) == ["R07"] and "IK.02" in tabel.iloc[0]["Pesan"]
    at.multiselect(key="rk_aturan").set_value([])
    at.multiselect(key="rk_unit").set_value(["SEKRE"])
    jalan(at)
    assert list(_tabel(at)["Aturan"]) == ["R14"]


def test_review_is_saved_and_shown(app_db):
    path, _ = app_db
    at = buka()
    at.selectbox(key="rk_pilih").set_value("R07|2025|3|IK.02")
    jalan(at)
    assert any("Realisasi TW III indikator" in w.value for w in at.warning)
    at.selectbox(key="rk_status_baru").set_value("diperiksa")
    at.text_input(key="rk_catatan").set_value("PPTK sedang melengkapi")
    at.button(key="rk_simpan").click()
    jalan(at)
    assert any("Tinjauan disimpan" in s.value for s in at.success)
    riwayat = next(df.value for df in at.dataframe if "Oleh" in df.value.columns
                   and "Catatan" in df.value.columns)
    assert list(riwayat["Oleh"]) == ["admin"]  # the signed-in account
    tabel = _tabel(at).set_index("Aturan")
    assert tabel.loc["R07", "Status"] == "diperiksa"
    c = db.connect(path)
    assert c.execute("SELECT status, oleh FROM rekonsiliasi_tinjauan").fetchall() == [
        ("diperiksa", "admin")]
    c.close()


def test_page_on_an_empty_database(tmp_path, monkeypatch):
    monkeypatch.setenv("LKIP_DB", str(tmp_path / "kosong.duckdb"))
    at = masuk(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60))
    at.run()
    at.switch_page(HALAMAN)
    at.run()
    assert not at.exception
    assert any("Belum ada data" in i.value for i in at.info)


def test_page_is_thin_and_the_core_knows_no_screen():
    teks = (ROOT / HALAMAN).read_text(encoding="utf-8")
    for larangan in (".execute(", "SELECT", "import duckdb"):
        assert larangan not in teks
    for f in (ROOT / "lkip_core" / "rekonsiliasi").rglob("*.py"):
        assert "streamlit" not in f.read_text(encoding="utf-8"), f


def _metrik(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _grafik(at: AppTest, key: str) -> dict:
    import json

    return json.loads(next(g for g in at.get("plotly_chart") if g.proto.id.endswith(key)
                           or key in g.proto.id).proto.spec)


def _batang(spec: dict) -> int:
    """The findings a stacked bar chart counts (every bar trace but 'Teratasi')."""
    return int(sum(sum(v or 0 for v in t.get("x") or []) for t in spec["data"]
                   if t.get("type") == "bar" and t.get("name") != "Teratasi"))


def test_filters_drive_the_tiles_and_the_charts_and_say_so(app_db):
    _, jumlah = app_db
    at = buka()
    assert _metrik(at)["Temuan"] == str(jumlah)
    assert _batang(_grafik(at, "rk_grafik_aturan")) == jumlah
    at.multiselect(key="rk_aturan").set_value(["R07"])
    jalan(at)
    # one finding kept: every tile, both charts and the table show that one
    assert _metrik(at)["Temuan"] == "1"
    assert len(_tabel(at)) == 1
    assert _batang(_grafik(at, "rk_grafik_aturan")) == 1
    assert _batang(_grafik(at, "rk_grafik_unit")) == 1
    assert int(_metrik(at)["Galat"]) + int(_metrik(at)["Peringatan"]) <= 1
    teks = " ".join(c.value for c in at.caption)
    assert f"Menampilkan 1 dari {jumlah} temuan" in teks
    # the unit filter also narrows the correction progress
    at.multiselect(key="rk_aturan").set_value([])
    at.multiselect(key="rk_unit").set_value(["SEKRE"])
    jalan(at)
    assert _metrik(at)["Temuan"] == "1"
    kemajuan = next(d.value for d in at.dataframe if "Masih terbuka" in d.value.columns
                    and "Ditemukan" in d.value.columns)
    assert list(kemajuan["Kode"]) == ["SEKRE"]


def test_review_message_names_the_finding_not_its_key(app_db):
    at = buka()
    kunci = at.selectbox(key="rk_pilih").value
    at.selectbox(key="rk_status_baru").set_value("diperiksa")
    at.button(key="rk_simpan").click()
    jalan(at)
    pesan = [s.value for s in at.success if "Tinjauan disimpan" in s.value]
    assert len(pesan) == 1 and kunci not in pesan[0] and "|" not in pesan[0]
