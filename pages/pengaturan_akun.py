"""Akun Pengguna — admin: the accounts, adding one, deactivating, resetting a password."""

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt
from lkip_core.akun.peran import LABEL_PERAN, PERAN
from lkip_core.akun.sandi import PANJANG_MINIMAL
from lkip_core.errors import LkipError
from lkip_core.masukan import rekap
from pages import _bersama as ui
from pages import _dialog

saya = ui.halaman("akun")
ui.judul("Akun Pengguna", "Pengelolaan",
         "siapa yang boleh masuk, dengan peran apa dan untuk unit mana; setiap perubahan dicatat "
         "di log audit")


def _kerjakan(fn, pesan: str, tempat: str) -> None:
    """Run one account change; its refusal is a message here, success is said after the rerun
    at `tempat` (beside the button that asked for it)."""
    try:
        fn()
    except LkipError as exc:
        st.error(str(exc))
    else:
        _dialog.pesan(tempat, pesan)
        st.rerun()


def _tanya_nonaktif(nama: str) -> str:
    r = daftar.set_index("nama_pengguna").loc[nama]
    siapa = " · ".join(str(v) for v in (r["nama_lengkap"], LABEL_PERAN.get(r["peran"], r["peran"]),
                                        r["kode_unit"]) if isinstance(v, str) and v)
    return (f"Akun **{nama}** ({fmt.aman_md(siapa)}) tidak akan dapat masuk lagi dan sesinya "
            "yang sedang berjalan langsung berakhir.")


daftar = akun_inti.daftar(ui.cur())
tampil = daftar.assign(peran=daftar["peran"].map(lambda p: LABEL_PERAN.get(p, p)),
                       aktif=daftar["aktif"].map({True: "aktif", False: "nonaktif"}))
# who changed an account and when, right after its role and status: readable without scrolling
urutan = ["nama_pengguna", "nama_lengkap", "peran", "kode_unit", "aktif", "diubah_oleh",
          "diubah_waktu", "jabatan", "nip", "dibuat_oleh", "dibuat_waktu"]
tampil = tampil[[c for c in urutan if c in tampil.columns]
                + [c for c in tampil.columns if c not in urutan]]
WAKTU = st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm", width=130)
ui.tabel(tampil, key="tabel_akun", column_config={
    "Nama pengguna": st.column_config.TextColumn(width=115),
    "Nama lengkap": st.column_config.TextColumn(width=160),
    "Peran": st.column_config.TextColumn(width=205), "Unit": st.column_config.TextColumn(width=70),
    "Status": st.column_config.TextColumn(width=75),
    "Diubah oleh": st.column_config.TextColumn(width=95), "Diubah": WAKTU,
    "Dibuat oleh": st.column_config.TextColumn(width=95), "Dibuat": WAKTU}, label={
    "nama_pengguna": "Nama pengguna", "nama_lengkap": "Nama lengkap", "nip": "NIP",
    "jabatan": "Jabatan", "peran": "Peran", "kode_unit": "Unit", "aktif": "Status",
    "dibuat_oleh": "Dibuat oleh", "dibuat_waktu": "Dibuat", "diubah_oleh": "Diubah oleh",
    "diubah_waktu": "Diubah"})

# --- Add -------------------------------------------------------------------------------------
st.subheader("Tambah akun")
units = rekap.daftar_unit(ui.cur())
nama_unit = dict(zip(units["kode_unit"], units["nama_unit"]))
with st.form("form_akun_tambah", clear_on_submit=False):
    c1, c2, c3 = st.columns(3)
    nama = c1.text_input("Nama pengguna", key="akun_nama", placeholder="mis. budi.santoso",
                         help="3–32 karakter: huruf kecil, angka, titik, garis bawah, tanda "
                              "hubung. Dipakai untuk masuk.")
    lengkap = c2.text_input("Nama lengkap", key="akun_lengkap")
    nip = c3.text_input("NIP", key="akun_nip")
    c4, c5, c6 = st.columns(3)
    jabatan = c4.text_input("Jabatan", key="akun_jabatan")
    peran = c5.selectbox("Peran", PERAN, key="akun_peran", format_func=LABEL_PERAN.get)
    unit = c6.selectbox("Unit (wajib untuk operator)", [None, *nama_unit], key="akun_unit",
                        format_func=lambda k: "—" if k is None else f"{k} · {nama_unit[k]}")
    sandi = st.text_input("Kata sandi awal", type="password", key="akun_sandi",
                          autocomplete="new-password",
                          help=f"Minimal {PANJANG_MINIMAL} karakter. Serahkan kepada pemilik "
                               "akun; ia dapat menggantinya di halaman Profil.")
    tambah = st.form_submit_button("Tambah akun", type="primary", key="akun_tambah")
if tambah:
    _kerjakan(lambda: akun_inti.tambah(
        ui.con(), nama, peran, sandi, unit=unit if peran == "operator" else None,
        nama_lengkap=lengkap.strip() or None, nip=nip.strip() or None,
        jabatan=jabatan.strip() or None, oleh=saya), f"Akun {nama.strip().lower()} dibuat.",
        "akun_tambah")
_dialog.tampilkan("akun_tambah")

# --- Change one ------------------------------------------------------------------------------
if not daftar.empty:
    st.subheader("Ubah akun")
    status = dict(zip(daftar["nama_pengguna"], daftar["aktif"]))
    pilih = st.selectbox("Akun", list(status), key="akun_pilih",
                         format_func=lambda n: n + ("" if status[n] else " (nonaktif)"))
    k1, k2 = st.columns(2)
    with k1, st.container(border=True):
        st.markdown("**Aktif atau nonaktif**")
        st.caption("Akun nonaktif tidak dapat masuk; sesinya langsung berakhir. Riwayatnya tetap.")
        if status[pilih]:
            if st.button("Nonaktifkan …", key="akun_nonaktifkan", icon=":material/block:"):
                _dialog.tanya("akun_nonaktif", pilih)
        elif st.button("Aktifkan kembali", key="akun_aktifkan", icon=":material/check_circle:"):
            _kerjakan(lambda: akun_inti.aktifkan(ui.con(), pilih, oleh=saya),
                      f"Akun {pilih} aktif kembali.", "akun_status")
        if (nonaktif := _dialog.dijawab(
                "akun_nonaktif", "Nonaktifkan akun?", _tanya_nonaktif, ya="Ya, nonaktifkan",
                catatan="Riwayatnya tetap; akun bisa diaktifkan kembali di sini.")) is not None:
            _kerjakan(lambda: akun_inti.nonaktifkan(ui.con(), nonaktif, oleh=saya),
                      f"Akun {nonaktif} dinonaktifkan; ia tidak dapat masuk lagi sampai "
                      "diaktifkan kembali.", "akun_status")
        _dialog.tampilkan("akun_status")
    with k2, st.container(border=True):
        st.markdown("**Setel ulang kata sandi**")
        with st.form("form_akun_sandi", clear_on_submit=True, border=False):
            sandi_baru = st.text_input("Kata sandi baru", type="password", key="akun_sandi_baru",
                                       autocomplete="new-password")
            setel = st.form_submit_button("Setel kata sandi", key="akun_setel")
        if setel:
            _kerjakan(lambda: akun_inti.setel_sandi(ui.con(), pilih, sandi_baru, oleh=saya),
                      f"Kata sandi {pilih} disetel ulang; sesinya berakhir dan kuncinya dibuka.",
                      "akun_sandi")
        _dialog.tampilkan("akun_sandi")
