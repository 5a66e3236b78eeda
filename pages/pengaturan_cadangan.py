"""Cadangan — the database's snapshots: list, make one now, download one, restore one."""

from pathlib import Path

import streamlit as st

from lkip_core import db, fmt
from lkip_core.db import cadangan, pemulihan
from lkip_core.db.periksa import periksa
from pages import _bersama as ui
from pages import _dialog

saya = ui.halaman("cadangan")
ui.judul("Cadangan", "Semua langkah",
         "salinan utuh basis data: otomatis sebelum setiap langkah yang mengganti data dan "
         "sekali sehari; bisa diunduh dan dipulihkan")
path = db.default_path()


def _tanya_pulih(nama: str) -> str:
    r = daftar.set_index("berkas").loc[nama]
    return (f"Basis data akan diganti dengan isi cadangan **{nama}** ({r['sebab']}, "
            f"{r['waktu']:%d/%m/%Y %H:%M}). Semua perubahan sesudah cadangan itu dibuat tidak "
            "akan terlihat lagi.")


st.subheader("Buat cadangan sekarang")
st.caption(f"Cadangan disimpan di `{db.folder_cadangan(path)}`; yang terbaru sebanyak setelan "
           "di Pengaturan (Jumlah cadangan disimpan) disimpan, yang lebih lama dihapus.")
if st.button("Buat cadangan sekarang", icon=":material/backup:", key="cadangan_buat"):
    baru = cadangan.manual(ui.con(), oleh=saya)
    st.success(f"Cadangan dibuat: {baru.name if baru else '—'}.")

st.subheader("Daftar cadangan")
daftar = cadangan.tabel(path)
if daftar.empty:
    st.caption("Belum ada cadangan.")
else:
    ui.tabel(daftar, label={"berkas": "Berkas", "waktu": "Waktu", "sebab": "Sebab",
                            "ukuran_mb": "Ukuran (MB)", "oleh": "Oleh"},
             desimal={"ukuran_mb": 1}, key="tabel_cadangan", column_config={
                 "Waktu": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm:ss")})
    pilih = st.selectbox("Cadangan", daftar["berkas"].tolist(), key="cadangan_pilih")
    c1, c2 = st.columns(2)
    c1.download_button("Unduh", lambda: Path(cadangan.cari(path, pilih)).read_bytes(),
                       file_name=pilih, mime="application/octet-stream", on_click="ignore",
                       icon=":material/download:", key="cadangan_unduh")
    if c2.button("Pulihkan …", icon=":material/restore:", key="cadangan_pulih"):
        _dialog.tanya("cadangan", pilih)
    # Done in the full page run after "Ya", which holds the database like any other run.
    if (nama_pulih := _dialog.dijawab(
            "cadangan", "Pulihkan cadangan?", _tanya_pulih, ya="Ya, pulihkan",
            catatan="Keadaan basis data saat ini lebih dulu disimpan sebagai cadangan baru "
                    "(*sebelum pemulihan*), jadi bisa dikembalikan.")) is not None:
        hasil = pemulihan.pulihkan(ui.con(), cadangan.cari(path, nama_pulih), oleh=saya)
        _dialog.pesan("cadangan", (
            f"Basis data dipulihkan dari {nama_pulih}. Keadaan sebelumnya disimpan sebagai "
            f"{hasil.cadangan_lama.name if hasil.cadangan_lama else '—'}."))
        st.rerun()
    _dialog.tampilkan("cadangan")

st.subheader("Periksa basis data")
st.caption("Membaca seluruh tabel dan setiap berkas tersimpan (kiriman asli, arsip ekspor) dan "
           "mencocokkannya dengan SHA-256-nya; sama dengan perintah `periksa`.")
if st.button("Periksa sekarang", icon=":material/health_and_safety:", key="cadangan_periksa"):
    with st.spinner("Membaca seluruh basis data …"):
        hasil = periksa(ui.con())
    if hasil.ok:
        st.success(f"Basis data utuh: {hasil.tabel} tabel, {fmt.angka(hasil.baris, 0)} baris dan "
                   f"{hasil.berkas} berkas tersimpan dibaca tanpa kerusakan.")
    else:
        st.error("Ada bagian basis data yang rusak. Pulihkan dari cadangan terakhir yang utuh "
                 "(di atas), lalu periksa lagi:\n\n" + "\n".join(
                     f"- **{fmt.aman_md(m.objek)}**: {fmt.aman_md(m.pesan)}" for m in hasil.masalah))
