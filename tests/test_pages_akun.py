"""AppTest of signing in and of what each role sees (issue 10 items 3–6): the login page before
anything else, the form, lockout, logout, expiry, navigation per role, every page's own check,
the operator's unit, the Akun, Profil and Log Audit pages, the demo accounts notice."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from aplikasi import ROOT, SANDI_UJI, AppTest, buka, token_uji
from contoh import KINERJA_BID1, master_xlsx, realisasi_xlsx

from lkip_core import akun
from lkip_core.akun import Akun
from lkip_core.db.basis import basis
from lkip_core.demo.akun import SANDI_DEMO, buat_akun_demo

K_TOKEN = "_lkip_token"
PERINTAH = "python -m lkip_core pengguna tambah admin --peran admin --sandi-stdin"
PAGES = {  # page file -> lkip_core.akun.HALAMAN key
    "pimpinan_ringkasan.py": "ringkasan", "pimpinan_tahapan_sop.py": "tahapan",
    "langkah1_unggah_data.py": "unggah", "langkah2_rekap_data.py": "rekap",
    "langkah3_rekonsiliasi.py": "rekonsiliasi", "langkah6_analisis_kinerja.py": "analisis",
    "langkah6_realisasi_anggaran.py": "anggaran", "langkah7_ekspor_lampiran.py": "lampiran",
    "pengaturan_aplikasi.py": "pengaturan", "pengaturan_cadangan.py": "pengaturan",
    "pengaturan_akun.py": "akun", "pengaturan_audit.py": "audit", "akun_profil.py": "profil",
}


def _con(path: Path):
    return basis(path).sesi()


def _isi_masuk(at: AppTest, nama: str, sandi: str) -> AppTest:
    at.text_input(key="masuk_nama").set_value(nama)
    at.text_input(key="masuk_sandi").set_value(sandi)
    at.button(key="masuk_kirim").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _audit(path: Path, aksi: str):
    with _con(path) as c:
        return akun.audit.daftar(c.cursor(), aksi=aksi)


def _terdaftar(at: AppTest, page: str) -> bool:
    try:
        at.switch_page(f"pages/{page}")
    except ValueError:  # AppTest: not a page st.navigation registered for this session
        return False
    return True


# --- Before signing in ---------------------------------------------------------------------

def test_only_the_login_page_before_signing_in(app_db):
    token_uji("admin")
    at = buka(akun=None)
    assert at.title[0].value == "LKIP Dashboard"
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert at.text_input(key="masuk_sandi").proto.type == at.text_input(
        key="masuk_sandi").proto.PASSWORD
    assert [b.label for b in at.button] == ["Masuk"]
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")
    assert not at.sidebar.children  # no year, unit, account or page list
    for page in PAGES:  # no page of the app is registered, deep links included
        assert not _terdaftar(at, page), page


def test_signing_in_through_the_form(app_db):
    token_uji("admin")  # the account, with SANDI_UJI
    at = _isi_masuk(buka(akun=None), "admin", "salah sekali ya")
    assert [e.value for e in at.error] == ["Nama pengguna atau kata sandi salah."]
    assert at.text_input(key="masuk_sandi").value == ""  # the password is not kept
    assert at.text_input(key="masuk_nama").value == "admin"
    _isi_masuk(at, "ADMIN ", SANDI_UJI)  # names are compared without case and spaces
    assert at.title[0].value == "Ringkasan Pimpinan"
    assert at.session_state[K_TOKEN]
    samping = " ".join(m.value for m in at.sidebar.markdown) + " ".join(
        c.value for c in at.sidebar.caption)
    assert "admin" in samping and "Admin (Subbag Perencanaan)" in samping
    assert [b.label for b in at.sidebar.button] == ["Keluar"]
    log = _audit(app_db, "masuk")
    assert list(log["berhasil"]) == [True, False] and set(log["oleh"]) == {"admin"}


def test_five_wrong_passwords_lock_the_name(app_db):
    token_uji("admin")
    at = buka(akun=None)
    for _ in range(4):
        _isi_masuk(at, "admin", "bukan sandinya")
        assert "salah" in at.error[0].value
    _isi_masuk(at, "admin", "bukan sandinya")
    assert at.error[0].value.startswith("Terlalu banyak percobaan gagal; coba lagi dalam 15")
    _isi_masuk(at, "admin", SANDI_UJI)  # even the right password waits
    assert "Terlalu banyak percobaan gagal" in at.error[0].value
    assert at.title[0].value == "LKIP Dashboard"
    # an unknown name gets the same words: nothing tells whether a name exists
    _isi_masuk(at, "tidak.ada", "bukan sandinya")
    assert [e.value for e in at.error] == ["Nama pengguna atau kata sandi salah."]


def test_an_empty_database_says_how_to_make_the_first_admin(tmp_path, monkeypatch):
    monkeypatch.setenv("LKIP_DB", str(tmp_path / "baru.duckdb"))
    at = buka(akun=None)
    assert any("Belum ada akun" in w.value for w in at.warning)
    assert any(PERINTAH in c.value for c in at.code)
    assert not any("Akun contoh" in m.value for m in at.markdown)


def test_demo_accounts_are_listed_only_while_they_are_the_demos(app_db):
    daftar = [("admin", "admin", None, "Admin Contoh", "Kasubag"),
              ("op.bid1", "operator", "BID1", "Operator Bidang Satu", "Staf")]
    with _con(app_db) as c:
        buat_akun_demo(c, daftar, oleh="orang lain")  # the data are not the demo's
    at = buka(akun=None)
    assert not any("Akun contoh" in m.value for m in at.markdown)
    with _con(app_db) as c:  # now they are (the test data are imported by "uji")
        buat_akun_demo(c, daftar, oleh="uji")
    at = buka(akun=None)
    teks = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "**Akun contoh**" in teks and SANDI_DEMO in teks
    assert "`admin`" in teks and "`op.bid1`" in teks and "unit BID1" in teks
    _isi_masuk(at, "op.bid1", SANDI_DEMO)  # they really sign in
    assert at.title[0].value == "Unggah Data"  # an operator lands on its upload page
    with _con(app_db) as c:  # a demo account given a real password leaves the list
        akun.setel_sandi(c, "op.bid1", "sandi baru yang rahasia", oleh="uji")
    at = buka(akun=None)
    teks = " ".join(m.value for m in at.markdown)
    assert "`admin`" in teks and "op.bid1" not in teks


# --- Signed in: session, logout, expiry ------------------------------------------------------

def test_logout_ends_the_session(app_db):
    at = buka()
    token = at.session_state[K_TOKEN]
    at.sidebar.button(key="keluar").click().run()
    assert at.title[0].value == "LKIP Dashboard"
    assert any("Anda sudah keluar" in i.value for i in at.info)
    with _con(app_db) as c:
        assert akun.baca_token(c, token) is None  # the token is worthless everywhere
    assert list(_audit(app_db, "keluar")["oleh"]) == ["admin"]
    at.session_state[K_TOKEN] = token  # an old token brought back does not sign in
    at.run()
    assert at.title[0].value == "LKIP Dashboard" and not at.metric


def test_an_expired_session_asks_to_sign_in_again(app_db):
    token_uji("admin")
    with _con(app_db) as c:
        lama = akun.buat_token(c, akun.ambil(c, "admin"), sekarang=dt.datetime.now()
                               - dt.timedelta(hours=2))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[K_TOKEN] = lama
    at.run()
    assert at.title[0].value == "LKIP Dashboard"
    assert any("Sesi Anda sudah berakhir" in i.value for i in at.info)


def test_the_cookie_script_carries_the_session_token(app_db):
    at = buka()
    token = at.session_state[K_TOKEN]
    skrip = " ".join(h.proto.body for h in at.sidebar.get("html"))
    assert f"lkip_sesi={token}; Max-Age=3600" in skrip and "SameSite=Strict" in skrip


# --- Navigation per role and every page's own check -------------------------------------------

@pytest.mark.parametrize("nama, boleh", [
    ("admin", set(PAGES)),
    ("pimpinan", {"pimpinan_ringkasan.py", "pimpinan_tahapan_sop.py", "langkah2_rekap_data.py",
                  "langkah3_rekonsiliasi.py", "langkah6_analisis_kinerja.py",
                  "langkah6_realisasi_anggaran.py", "langkah7_ekspor_lampiran.py", "akun_profil.py"}),
    ("bendahara", {"langkah1_unggah_data.py", "langkah3_rekonsiliasi.py",
                   "langkah6_realisasi_anggaran.py", "akun_profil.py"}),
    ("op.bid1", {"langkah1_unggah_data.py", "langkah3_rekonsiliasi.py",
                 "langkah6_analisis_kinerja.py", "langkah6_realisasi_anggaran.py", "akun_profil.py"}),
])
def test_navigation_holds_only_the_roles_pages(app_db, nama, boleh):
    at = buka(akun=nama)
    assert {p for p in PAGES if _terdaftar(at, p)} == boleh


@pytest.mark.parametrize("page", sorted(set(PAGES) - {"pengaturan_cadangan.py"}))
def test_every_page_checks_the_account_itself(app_db, page):
    """A page file run by itself — as Streamlit's folder navigation would at /<file name> —
    stops before reading anything, for nobody, for a role that may not open it, and even for
    the admin: a page runs only through the router (sign-in, navigation of the role)."""
    for siapa in (None, Akun("op.x", None, None, None, "operator", "BID1"),
                  Akun("admin", None, None, None, "admin", None)):
        at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=60)
        at.session_state["_lkip_akun"] = siapa
        at.run()
        assert not at.exception, page
        assert [e.value for e in at.error] == [
            "Halaman ini tidak tersedia untuk akun Anda. Pilih halaman lain di samping."], page
        assert not at.title and not at.dataframe and not at.metric


def test_no_page_asks_for_a_name(app_db):
    """Names come from the account: no free-text uploader, reviewer or 'Nama Anda' field."""
    nama = re.compile(r"nama anda|pengunggah|peninjau|\boleh\b", re.I)
    salah = []
    for p in (ROOT / "pages").glob("*.py"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "text_input"):
                teks = " ".join(str(a.value) for a in node.args if isinstance(a, ast.Constant))
                kunci = [k.value.value for k in node.keywords
                         if k.arg == "key" and isinstance(k.value, ast.Constant)]
                if nama.search(teks) or any("oleh" in str(k) for k in kunci):
                    salah.append(f"{p.name}: {teks or kunci}")
    assert salah == []


# --- What an operator and a bendahara see ---------------------------------------------------

def test_an_operator_sees_its_own_unit_only(app_db):
    at = buka("pages/langkah1_unggah_data.py", akun="op.bid1")
    unit = at.sidebar.selectbox(key="kode_unit")
    assert unit.value == "BID1" and unit.options == ["Bidang Satu"] and unit.disabled
    assert at.selectbox(key="unit_template").options == ["Bidang Satu"]
    assert at.selectbox(key="opsi_jenis").options == ["otomatis", "realisasi"]
    assert at.selectbox(key="opsi_unit").options == ["otomatis", "Bidang Satu"]
    assert "rollback" not in [b.key for b in at.button]
    riwayat = at.dataframe[0].value
    assert set(riwayat["Unit"]) == {"BID1"}


def test_an_operator_is_refused_another_units_file(app_db):
    sekre = [r[:] for r in KINERJA_BID1]
    at = buka("pages/langkah1_unggah_data.py", akun="op.bid1")
    at.file_uploader(key="berkas").set_value(
        ("realisasi_SEKRE_2025.xlsx", realisasi_xlsx(sekre, None, unit="SEKRE"),
         "application/octet-stream")).run()
    at.button(key="muat").click().run()
    assert not at.exception
    pesan = " ".join(e.value for e in at.error)
    assert "Ditolak" in pesan and "tidak ada data yang dimuat" in pesan
    assert "SEKRE" in pesan and "operator BID1" in pesan
    with _con(app_db) as c:
        assert c.execute("SELECT count(*) FROM submission WHERE kode_unit = 'SEKRE'"
                         ).fetchone()[0] == 0
        log = akun.audit.daftar(c.cursor(), aksi="impor", oleh="op.bid1")
    assert list(log["berhasil"]) == [False]


def test_a_bendahara_uploads_lpj_only(app_db):
    at = buka("pages/langkah1_unggah_data.py", akun="bendahara")
    assert at.selectbox(key="opsi_jenis").options == ["otomatis", "lpj"]
    assert not [s for s in at.selectbox if s.key == "unit_template"]  # no template
    assert "LPJ" in at.file_uploader(key="berkas").label


# --- Profil, Akun Pengguna, Log Audit ---------------------------------------------------------

def test_profil_changes_the_own_password(app_db):
    at = buka("pages/akun_profil.py")
    lama = at.session_state[K_TOKEN]
    at.text_input(key="sandi_lama").set_value("bukan yang lama")
    at.text_input(key="sandi_baru").set_value("kalimat baru yang panjang")
    at.text_input(key="sandi_ulang").set_value("kalimat baru yang panjang")
    at.button(key="sandi_kirim").click().run()
    assert [e.value for e in at.error] == ["Kata sandi lama salah."]
    at.text_input(key="sandi_lama").set_value(SANDI_UJI)
    at.text_input(key="sandi_baru").set_value("kalimat baru yang panjang")
    at.text_input(key="sandi_ulang").set_value("kalimat baru yang panjang")
    at.button(key="sandi_kirim").click().run()
    assert at.title[0].value == "Profil"  # still signed in, with a fresh token
    assert any("Kata sandi diganti" in s.value for s in at.success)
    with _con(app_db) as c:
        assert akun.baca_token(c, lama) is None  # other sessions ended
        assert akun.baca_token(c, at.session_state[K_TOKEN]).nama_pengguna == "admin"
        assert akun.masuk(c, "admin", "kalimat baru yang panjang").peran == "admin"


def test_akun_page_adds_deactivates_and_resets(app_db):
    at = buka("pages/pengaturan_akun.py")
    assert at.title[0].value == "Akun Pengguna"
    at.text_input(key="akun_nama").set_value("Sari.Bid1")
    at.text_input(key="akun_lengkap").set_value("Sari [klik](http://x.example)")
    at.selectbox(key="akun_peran").set_value("operator")
    at.selectbox(key="akun_unit").set_value("BID1")
    at.text_input(key="akun_sandi").set_value("pendek")
    at.button(key="akun_tambah").click().run()
    assert any("minimal 10 karakter" in e.value for e in at.error)
    at.text_input(key="akun_sandi").set_value("sandi awal sari")
    at.button(key="akun_tambah").click().run()
    assert any("Akun sari.bid1 dibuat" in s.value for s in at.success)
    tabel = at.dataframe[0].value.set_index("Nama pengguna")
    assert tabel.loc["sari.bid1", "Unit"] == "BID1"
    assert tabel.loc["sari.bid1", "Peran"] == "Operator unit"
    at.selectbox(key="akun_pilih").set_value("sari.bid1").run()
    at.button(key="akun_nonaktifkan").click().run()  # asked first, naming the account
    assert any("**sari.bid1**" in m.value and "tidak akan dapat masuk" in m.value
               for m in at.markdown)
    at.button(key="akun_nonaktif_batal").click().run()
    assert at.dataframe[0].value.set_index("Nama pengguna").loc["sari.bid1", "Status"] == "aktif"
    at.button(key="akun_nonaktifkan").click().run()
    at.button(key="akun_nonaktif_ya").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.dataframe[0].value.set_index("Nama pengguna").loc["sari.bid1", "Status"] == \
        "nonaktif"
    assert any("sari.bid1 dinonaktifkan" in s.value for s in at.success)
    at.selectbox(key="akun_pilih").set_value("sari.bid1").run()
    at.text_input(key="akun_sandi_baru").set_value("sandi kedua sari")
    at.button(key="akun_setel").click().run()
    assert any("disetel ulang" in s.value for s in at.success)
    with _con(app_db) as c:
        with pytest.raises(akun.MasukGagal, match="tidak aktif"):
            akun.masuk(c, "sari.bid1", "sandi kedua sari")
    assert {"akun_tambah", "akun_nonaktifkan", "akun_setel_sandi"} <= set(
        _audit(app_db, None)["aksi"])


def test_audit_page_filters_and_downloads(app_db):
    token_uji("admin")
    at = _isi_masuk(buka(akun=None), "admin", "salah salah salah")
    _isi_masuk(at, "admin", SANDI_UJI)
    at.switch_page("pages/pengaturan_audit.py").run()
    assert at.title[0].value == "Log Audit"
    semua = at.dataframe[0].value
    assert {"Waktu", "Oleh", "Peran", "Aksi", "Objek", "Tahun", "Rincian", "Berhasil"} <= set(
        semua.columns)
    assert "masuk" in set(semua["Aksi"])
    at.toggle(key="audit_gagal").set_value(True).run()
    gagal = at.dataframe[0].value
    assert list(gagal["Aksi"]) == ["masuk"] and list(gagal["Berhasil"]) == ["tidak"]
    at.toggle(key="audit_gagal").set_value(False)
    at.selectbox(key="audit_aksi").set_value("akun_tambah").run()
    assert set(at.dataframe[0].value["Aksi"]) == {"akun tambah"}  # in words, not the key
    assert [b.key for b in at.get("download_button")] == ["unduh_audit"]


def test_uploaded_text_is_shown_as_text(tmp_path, monkeypatch):
    """A permasalahan of [klik](http://…) or ![x](http://…) must not become a link or image."""
    from aplikasi import db_untuk_app

    kin = [r[:] for r in KINERJA_BID1]
    kin[1][9] = "[klik](http://jahat.example) ![x](http://jahat.example/a.png)"
    db_untuk_app(tmp_path, monkeypatch, [("m.xlsx", master_xlsx()),
                                         ("r.xlsx", realisasi_xlsx(kin))])
    at = buka("pages/langkah6_analisis_kinerja.py")
    teks = [m.value for m in at.markdown if "Permasalahan" in m.value]
    assert teks and all("](http" not in t for t in teks)
    assert any(r"\[klik\]\(http" in t and r"\!\[x\]" in t for t in teks)


# --- OpenID Connect: e-mail to account ----------------------------------------------------------

def test_an_email_maps_to_an_active_account_only(app_db):
    from pages._akun import akun_dari_email

    token_uji("admin")
    token_uji("pimpinan")
    peta = {"kaban@kantor.go.id": "pimpinan", "lama@kantor.go.id": "tidak.ada"}
    with _con(app_db) as c:
        assert akun_dari_email(c, " Kaban@Kantor.go.id ", peta).peran == "pimpinan"
        assert akun_dari_email(c, "lama@kantor.go.id", peta) is None
        assert akun_dari_email(c, "orang@lain.example", peta) is None
        assert akun_dari_email(c, None, peta) is None
        akun.nonaktifkan(c, "pimpinan", oleh="uji")
        assert akun_dari_email(c, "kaban@kantor.go.id", peta) is None

