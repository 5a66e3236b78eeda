"""Profil — everyone: who the app knows you as, and changing your own password."""

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt
from lkip_core.akun.peran import LABEL_PERAN
from lkip_core.akun.sandi import PANJANG_MINIMAL
from lkip_core.errors import InputRefused
from pages import _akun, _dialog
from pages import _bersama as ui

saya = ui.halaman("profil")
ui.judul("Profil", "Akun saya", "data akun Anda dan penggantian kata sandi")

with st.container(border=True):
    k1, k2 = st.columns(2)
    k1.markdown(f"**Nama pengguna:** `{saya.nama_pengguna}`  \n"
                f"**Nama lengkap:** {fmt.aman_md(saya.nama_lengkap) or '—'}  \n"
                f"**NIP:** {fmt.aman_md(saya.nip) or '—'}")
    k2.markdown(f"**Jabatan:** {fmt.aman_md(saya.jabatan) or '—'}  \n"
                f"**Peran:** {LABEL_PERAN.get(saya.peran, saya.peran)}  \n"
                f"**Unit:** {saya.kode_unit or 'semua unit'}")
    st.caption("Nama, NIP, jabatan, peran dan unit diubah oleh admin (Subbag Perencanaan). "
               "Nama Anda dicatat otomatis pada setiap kiriman, tinjauan, ekspor dan perubahan.")

st.subheader("Ganti kata sandi")
with st.form("form_sandi", clear_on_submit=True):
    lama = st.text_input("Kata sandi lama", type="password", key="sandi_lama",
                         autocomplete="current-password")
    baru = st.text_input("Kata sandi baru", type="password", key="sandi_baru",
                         autocomplete="new-password",
                         help=f"Minimal {PANJANG_MINIMAL} karakter; kalimat pendek yang mudah "
                              "diingat, misalnya tiga kata acak.")
    ulang = st.text_input("Ulangi kata sandi baru", type="password", key="sandi_ulang",
                          autocomplete="new-password")
    kirim = st.form_submit_button("Ganti kata sandi", type="primary", key="sandi_kirim")
if kirim:
    if baru != ulang:
        st.error("Kata sandi baru dan ulangannya tidak sama.")
    else:
        try:
            akun_inti.ganti_sandi_sendiri(ui.con(), saya, lama, baru)
        except InputRefused as exc:
            st.error(str(exc))
        else:
            _akun.mulai_sesi(ui.con(), saya)  # the change ended every session; keep this one
            _dialog.pesan("profil_sandi", "Kata sandi diganti. Sesi Anda di perangkat lain "
                                          "sudah berakhir.")
            st.rerun()
_dialog.tampilkan("profil_sandi")  # under the form that changed it
