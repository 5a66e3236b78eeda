"""Accounts (issue 10): password hashing, sign-in and lockout, session tokens, permissions."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from akun_cepat import HASHER_ASLI, sandi_cepat  # noqa: F401

from lkip_core import akun, pengaturan
from lkip_core.akun import peran, sesi
from lkip_core.akun.masuk import PESAN_NONAKTIF, PESAN_SALAH
from lkip_core.errors import InputRefused, NotFound

pytestmark = pytest.mark.usefixtures("sandi_cepat")

SANDI = "kuda-laut-biru-7"
UJI = "uji"  # the acting person at the "shell" in these tests


@pytest.fixture
def con_akun(con_master):
    """The test master (units OPD, SEKRE, BID1) with one account per role."""
    akun.tambah(con_master, "admin", "admin", SANDI, nama_lengkap="Kasubag Contoh", oleh=UJI)
    akun.tambah(con_master, "budi", "operator", SANDI, unit="BID1", oleh=UJI)
    akun.tambah(con_master, "siti", "bendahara", SANDI, oleh=UJI)
    akun.tambah(con_master, "kaban", "pimpinan", SANDI, jabatan="Kepala Badan", oleh=UJI)
    return con_master


def _akun(peran_: str, unit: str | None = None, aktif: bool = True) -> akun.Akun:
    return akun.Akun(f"{peran_}1", None, None, None, peran_, unit, aktif)


# --- passwords ---------------------------------------------------------------------------------

def test_only_an_argon2id_hash_is_stored_never_the_password(con_akun):
    rows = con_akun.execute("SELECT * FROM akun").fetchall()
    assert len(rows) == 4
    for row in rows:
        assert all(SANDI not in str(v) for v in row)
    hashes = [h for (h,) in con_akun.execute("SELECT sandi_hash FROM akun").fetchall()]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert len(set(hashes)) == 4  # same password, four salts
    audit = con_akun.execute("SELECT * FROM audit").fetchall()
    assert all(SANDI not in str(v) for row in audit for v in row)


def test_production_hashes_are_argon2id_at_the_rfc_9106_cost():
    h = HASHER_ASLI.hash("kata-sandi-contoh")
    assert h.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert HASHER_ASLI.verify(h, "kata-sandi-contoh")


def test_a_short_password_is_refused_in_indonesian(con_master):
    with pytest.raises(InputRefused, match="minimal 10 karakter"):
        akun.tambah(con_master, "pendek", "admin", "123456789", oleh=UJI)
    assert akun.ambil(con_master, "pendek") is None


@pytest.mark.parametrize("nama, peran_, unit, pesan", [
    ("ani", "raja", None, "Peran 'raja' tidak dikenal"),
    ("ani", "operator", None, "wajib punya unit"),
    ("ani", "operator", "BID9", "Unit 'BID9' tidak ada"),
    ("a b", "admin", None, "tidak dapat dipakai"),
    ("ADMIN", "admin", None, "sudah dipakai"),
])
def test_tambah_refuses_bad_input(con_akun, nama, peran_, unit, pesan):
    with pytest.raises(InputRefused, match=pesan):
        akun.tambah(con_akun, nama, peran_, SANDI, unit=unit, oleh=UJI)


def test_tambah_records_who_and_reads_back(con_akun):
    a = akun.ambil(con_akun, "Budi")
    assert a == akun.Akun("budi", None, None, None, "operator", "BID1", True)
    df = akun.daftar(con_akun)
    assert list(df["nama_pengguna"]) == ["admin", "budi", "siti", "kaban"]
    assert "sandi_hash" not in df.columns
    assert set(df["dibuat_oleh"]) == {UJI}


def test_an_operator_cannot_manage_accounts_and_the_attempt_is_logged(con_akun):
    budi = akun.ambil(con_akun, "budi")
    with pytest.raises(akun.TidakDiizinkan, match="Akun operator BID1 tidak boleh mengelola akun"):
        akun.tambah(con_akun, "mallory", "admin", SANDI, oleh=budi)
    with pytest.raises(akun.TidakDiizinkan):
        akun.setel_sandi(con_akun, "admin", "sandi-baru-milik-budi", budi)
    assert akun.ambil(con_akun, "mallory") is None
    log = akun.audit.daftar(con_akun, aksi="kelola_akun", oleh="budi")
    assert len(log) == 2 and not log["berhasil"].any()


# --- signing in --------------------------------------------------------------------------------

def test_masuk_returns_the_account_and_is_audited(con_akun):
    a = akun.masuk(con_akun, "  Budi ", SANDI)
    assert (a.nama_pengguna, a.peran, a.kode_unit) == ("budi", "operator", "BID1")
    log = akun.audit.daftar(con_akun, aksi="masuk")
    assert log.iloc[0]["oleh"] == "budi" and log.iloc[0]["berhasil"]


@pytest.mark.parametrize("nama", ["budi", "tidak-ada"])
def test_wrong_password_and_unknown_name_fail_alike(con_akun, nama):
    with pytest.raises(akun.MasukGagal) as e:
        akun.masuk(con_akun, nama, "salah-sekali-ini")
    assert str(e.value) == PESAN_SALAH and type(e.value) is akun.MasukGagal
    log = akun.audit.daftar(con_akun, aksi="masuk")
    assert log.iloc[0]["oleh"] == nama and not log.iloc[0]["berhasil"]


@pytest.mark.parametrize("nama", ["budi", "tidak-ada"])
def test_five_failures_lock_the_name_for_15_minutes_whether_or_not_it_exists(con_akun, nama):
    t0 = datetime(2026, 3, 2, 9, 0)
    for i in range(akun.BATAS_GAGAL - 1):
        with pytest.raises(akun.MasukGagal) as e:
            akun.masuk(con_akun, nama, f"salah-{i}", sekarang=t0 + timedelta(seconds=i))
        assert str(e.value) == PESAN_SALAH
    with pytest.raises(akun.Terkunci) as e:
        akun.masuk(con_akun, nama, "salah-terakhir", sekarang=t0 + timedelta(seconds=5))
    assert str(e.value) == "Terlalu banyak percobaan gagal; coba lagi dalam 15 menit."
    # Locked: even the right password is refused, with the minutes left.
    with pytest.raises(akun.Terkunci) as e:
        akun.masuk(con_akun, nama, SANDI, sekarang=t0 + timedelta(minutes=10))
    assert str(e.value) == "Terlalu banyak percobaan gagal; coba lagi dalam 6 menit."
    assert e.value.menit == 6
    nanti = t0 + timedelta(minutes=16)
    if nama == "budi":
        assert akun.masuk(con_akun, nama, SANDI, sekarang=nanti).nama_pengguna == "budi"
    else:
        with pytest.raises(akun.MasukGagal, match=PESAN_SALAH):
            akun.masuk(con_akun, nama, SANDI, sekarang=nanti)
    # Another name was never affected.
    assert akun.masuk(con_akun, "siti", SANDI, sekarang=t0 + timedelta(minutes=1))


def test_a_success_resets_the_count_and_scattered_failures_do_not_lock(con_akun):
    t0 = datetime(2026, 3, 2, 9, 0)
    for i in range(4):
        with pytest.raises(akun.MasukGagal):
            akun.masuk(con_akun, "budi", "salah", sekarang=t0 + timedelta(seconds=i))
    akun.masuk(con_akun, "budi", SANDI, sekarang=t0 + timedelta(seconds=10))
    for i in range(4):
        with pytest.raises(akun.MasukGagal):
            akun.masuk(con_akun, "budi", "salah", sekarang=t0 + timedelta(minutes=1, seconds=i))
    # the fifth failure comes more than 15 minutes after the fourth: counting starts again
    with pytest.raises(akun.MasukGagal) as e:
        akun.masuk(con_akun, "budi", "salah", sekarang=t0 + timedelta(minutes=20))
    assert type(e.value) is akun.MasukGagal


def test_an_inactive_account_cannot_sign_in(con_akun):
    akun.nonaktifkan(con_akun, "budi", UJI)
    with pytest.raises(akun.MasukGagal, match=re.escape(PESAN_NONAKTIF)):
        akun.masuk(con_akun, "budi", SANDI)
    with pytest.raises(akun.MasukGagal, match=PESAN_SALAH):
        akun.masuk(con_akun, "budi", "salah-sandi-x")
    akun.aktifkan(con_akun, "budi", UJI)
    assert akun.masuk(con_akun, "budi", SANDI).aktif


def test_the_last_active_admin_cannot_be_deactivated(con_akun):
    with pytest.raises(InputRefused, match="admin aktif terakhir"):
        akun.nonaktifkan(con_akun, "admin", UJI)
    with pytest.raises(NotFound):
        akun.nonaktifkan(con_akun, "siapa", UJI)


def test_admin_reset_sets_the_password_and_lifts_a_lockout(con_akun):
    for i in range(akun.BATAS_GAGAL):
        with pytest.raises(akun.MasukGagal):
            akun.masuk(con_akun, "budi", f"salah-{i}")
    admin = akun.ambil(con_akun, "admin")
    akun.setel_sandi(con_akun, "budi", "sandi-baru-budi-2026", admin)
    assert akun.masuk(con_akun, "budi", "sandi-baru-budi-2026").nama_pengguna == "budi"
    with pytest.raises(akun.MasukGagal):
        akun.masuk(con_akun, "budi", SANDI)
    with pytest.raises(InputRefused, match="minimal 10"):
        akun.setel_sandi(con_akun, "budi", "pendek", admin)


def test_changing_ones_own_password(con_akun):
    budi = akun.masuk(con_akun, "budi", SANDI)
    with pytest.raises(InputRefused, match="Kata sandi lama salah"):
        akun.ganti_sandi_sendiri(con_akun, budi, "bukan-ini-lho", "sandi-baru-budi-1")
    with pytest.raises(InputRefused, match="minimal 10"):
        akun.ganti_sandi_sendiri(con_akun, budi, SANDI, "pendek")
    akun.ganti_sandi_sendiri(con_akun, budi, SANDI, "sandi-baru-budi-1")
    assert akun.masuk(con_akun, "budi", "sandi-baru-budi-1")


# --- session tokens ----------------------------------------------------------------------------

def test_token_round_trip_and_the_secret_lives_in_the_database(con_akun):
    budi = akun.masuk(con_akun, "budi", SANDI)
    token = akun.buat_token(con_akun, budi, 30)
    assert akun.baca_token(con_akun, token) == budi
    rahasia = con_akun.execute("SELECT nilai FROM meta WHERE kunci = 'rahasia_sesi'").fetchone()
    assert rahasia and len(rahasia[0]) == 64
    assert akun.baca_token(con_akun, akun.buat_token(con_akun, budi, 30)) == budi
    assert con_akun.execute("SELECT nilai FROM meta WHERE kunci = 'rahasia_sesi'"
                            ).fetchone() == rahasia  # made once


def test_token_expires(con_akun):
    budi = akun.ambil(con_akun, "budi")
    t0 = datetime(2026, 3, 2, 9, 0)
    token = akun.buat_token(con_akun, budi, 30, sekarang=t0)
    assert akun.baca_token(con_akun, token, sekarang=t0 + timedelta(minutes=29)) == budi
    assert akun.baca_token(con_akun, token, sekarang=t0 + timedelta(minutes=31)) is None


def test_token_lifetime_defaults_to_the_sesi_menit_setting(con_akun):
    budi = akun.ambil(con_akun, "budi")
    t0 = datetime(2026, 3, 2, 9, 0)
    pengaturan.simpan(con_akun, "sesi_menit", 10, oleh=UJI)
    token = akun.buat_token(con_akun, budi, sekarang=t0)
    assert akun.baca_token(con_akun, token, sekarang=t0 + timedelta(minutes=9)) == budi
    assert akun.baca_token(con_akun, token, sekarang=t0 + timedelta(minutes=11)) is None
    with pytest.raises(InputRefused):
        pengaturan.simpan(con_akun, "sesi_menit", 1, oleh=UJI)


def test_a_tampered_or_foreign_token_is_refused(con_akun, master_bytes):
    budi = akun.ambil(con_akun, "budi")
    token = akun.buat_token(con_akun, budi, 30)
    payload, tanda = token.split(".")
    isi = sesi._unb64(payload).replace(b'"budi"', b'"admin"')
    palsu = f"{sesi._b64(isi)}.{tanda}"
    assert akun.baca_token(con_akun, palsu) is None
    assert akun.baca_token(con_akun, payload + "." + tanda[:-2] + "AA") is None
    for sampah in (None, "", "abc", "a.b.c", "...", "x" * 5000, token + "x"):
        assert akun.baca_token(con_akun, sampah) is None
    # The same account in another database (another secret) does not accept it.
    from lkip_core import db
    from lkip_core.masukan.impor import impor

    lain = db.connect(":memory:")
    assert impor(lain, [("master.xlsx", master_bytes)], oleh="uji").ok
    akun.tambah(lain, "budi", "operator", SANDI, unit="BID1", oleh=UJI)
    assert akun.baca_token(lain, token) is None


def test_logout_password_change_and_deactivation_end_sessions(con_akun):
    budi = akun.ambil(con_akun, "budi")
    t1, t2 = akun.buat_token(con_akun, budi, 30), akun.buat_token(con_akun, budi, 30)
    assert akun.keluar(con_akun, t1) is True
    assert akun.baca_token(con_akun, t1) is None and akun.baca_token(con_akun, t2) is None
    assert akun.keluar(con_akun, t1) is False
    assert akun.audit.daftar(con_akun, aksi="keluar", oleh="budi").shape[0] == 1

    t3 = akun.buat_token(con_akun, budi, 30)
    akun.ganti_sandi_sendiri(con_akun, budi, SANDI, "sandi-baru-budi-9")
    assert akun.baca_token(con_akun, t3) is None
    t4 = akun.buat_token(con_akun, budi, 30)
    akun.setel_sandi(con_akun, "budi", "sandi-admin-setel-1", UJI)
    assert akun.baca_token(con_akun, t4) is None
    t5 = akun.buat_token(con_akun, budi, 30)
    akun.nonaktifkan(con_akun, "budi", UJI)
    assert akun.baca_token(con_akun, t5) is None
    with pytest.raises(InputRefused, match="tidak aktif"):
        akun.buat_token(con_akun, budi, 30)


# --- permissions -------------------------------------------------------------------------------
# Written out here, not derived from IZIN, so a change to the table must change this too.
S, U = "semua", "unit_sendiri"
MATRIKS = {
    #                    admin operator bendahara pimpinan
    "unggah_master":     (S, None, None, None),
    "unggah_realisasi":  (S, U, None, None),
    "unggah_lpj":        (S, None, S, None),
    "unduh_template":    (S, U, None, None),
    "rollback":          (S, None, None, None),
    "baca_kiriman":      (S, U, S, S),
    "baca_rekonsiliasi": (S, U, S, S),
    "tinjau_temuan":     (S, None, None, None),
    "catatan_temuan":    (S, U, None, None),
    "koreksi_unduh":     (S, U, None, None),
    "baca_kinerja":      (S, U, None, S),
    "baca_anggaran":     (S, U, S, S),
    "baca_semua":        (S, None, None, S),
    "ekspor":            (S, None, None, S),
    "tahapan":           (S, None, None, None),
    "pengaturan":        (S, None, None, None),
    "cadangan":          (S, None, None, None),
    "kelola_akun":       (S, None, None, None),
    "baca_audit":        (S, None, None, None),
    "naskah_tulis":      (S, None, None, None),
    "pengesahan_verifikasi": (S, None, None, None),
    "pengesahan_setujui": (None, None, None, S),
    "pengesahan_sahkan": (None, None, None, S),
    "pengesahan_buka":   (S, None, None, None),
}


def test_the_matrix_covers_every_action():
    assert set(MATRIKS) == set(akun.IZIN)
    assert akun.PERAN == ("admin", "operator", "bendahara", "pimpinan")


@pytest.mark.parametrize("aksi", sorted(MATRIKS))
@pytest.mark.parametrize("i_peran", range(4))
def test_permission_matrix(aksi, i_peran):
    peran_ = akun.PERAN[i_peran]
    harap = MATRIKS[aksi][i_peran]
    a = _akun(peran_, "BID1" if peran_ == "operator" else None)
    assert akun.cakupan(a, aksi) == harap
    # own unit, another unit, no unit (all units / nothing unit-specific)
    assert akun.boleh(a, aksi, "BID1") is (harap is not None)
    assert akun.boleh(a, aksi, "BID2") is (harap == S)
    assert akun.boleh(a, aksi) is (harap == S)
    for kode in ("BID1", "BID2", None):
        if akun.boleh(a, aksi, kode):
            akun.periksa_izin(a, aksi, kode_unit=kode)
        else:
            with pytest.raises(akun.TidakDiizinkan):
                akun.periksa_izin(a, aksi, kode_unit=kode)
    # an inactive account may do nothing
    assert not akun.boleh(_akun(peran_, a.kode_unit, aktif=False), aksi, "BID1")


def test_refusals_name_the_account_the_action_and_the_unit():
    op = _akun("operator", "BID1")
    with pytest.raises(akun.TidakDiizinkan) as e:
        akun.periksa_izin(op, "unggah_realisasi", kode_unit="BID2")
    assert str(e.value) == "Akun operator BID1 tidak boleh mengunggah data unit BID2."
    assert isinstance(e.value, InputRefused)
    with pytest.raises(akun.TidakDiizinkan, match="hanya boleh mengunggah data unit BID1"):
        akun.periksa_izin(op, "unggah_realisasi")
    with pytest.raises(akun.TidakDiizinkan,
                       match="^Akun pimpinan pimpinan1 tidak boleh mengubah pengaturan.$"):
        akun.periksa_izin(_akun("pimpinan"), "pengaturan")
    with pytest.raises(KeyError):
        akun.boleh(op, "terbang")


def test_pages_per_role():
    assert akun.halaman_untuk("admin") == list(akun.HALAMAN)
    assert akun.halaman_untuk("operator") == [
        "unggah", "rekonsiliasi", "analisis", "anggaran", "profil"]
    assert akun.halaman_untuk("bendahara") == ["unggah", "rekonsiliasi", "anggaran", "profil"]
    assert akun.halaman_untuk("pimpinan") == [
        "ringkasan", "tahapan", "rekap", "rekonsiliasi", "analisis", "anggaran", "naskah",
        "lampiran", "pengesahan", "profil"]
    assert akun.halaman_untuk(_akun("admin", aktif=False)) == []
    assert not akun.boleh_buka(_akun("pimpinan"), "unggah")
    assert not akun.boleh_buka("pimpinan", "pengaturan")
    assert akun.boleh_buka(_akun("operator", "BID1"), "unggah")
    assert set(akun.HALAMAN) >= {"unggah", "rekap", "rekonsiliasi", "analisis", "anggaran",
                                 "lampiran", "ringkasan", "tahapan", "pengaturan", "audit",
                                 "akun"}
    assert all(a in akun.IZIN for aksi in akun.HALAMAN.values() for a in aksi)
    assert peran.LABEL_PERAN.keys() == set(akun.PERAN)
