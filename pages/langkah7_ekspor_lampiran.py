"""Ekspor Lampiran — SOP steps 7, 10 and 12: the annexes (Lampiran I–V) and the Bab III tables
as print-ready workbooks, previewed here, downloaded, and kept in the archive."""

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt, lampiran, pengaturan
from lkip_core.lampiran import arsip
from pages import _bersama as ui

saya = ui.halaman("lampiran")
ui.judul("Ekspor Lampiran", "Langkah 7, 10 dan 12 SOP",
         "lampiran I–V dan tabel Bab III siap cetak (A4 mendatar), tiap unduhan diarsipkan")
tahun = ui.tahun()
if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master dan realisasi.")
    st.stop()
st.caption(f"Lampiran memuat seluruh instansi untuk tahun {tahun} (pilihan unit di samping tidak "
           "berlaku di sini).")

# --- Settings: titles and signature (saved before the preview is built, so it shows them) ----
with st.expander("Judul lampiran dan blok tanda tangan"):
    ubah = akun_inti.boleh(saya, "pengaturan")  # the admin's; pimpinan see them
    nilai = pengaturan.semua(ui.cur())
    kunci = ["tempat_ttd", "tanggal_ttd", *[f"judul_lampiran_{k.lower()}"
                                             for k in lampiran.LAMPIRAN]]
    label = {"tempat_ttd": "Tempat tanda tangan", "tanggal_ttd": "Tanggal tanda tangan",
             **{f"judul_lampiran_{k.lower()}": f"Judul Lampiran {k}" for k in lampiran.LAMPIRAN}}
    bantuan = {s.kunci: s.bantuan for s in pengaturan.SETELAN}
    with st.form("form_pengaturan_lampiran"):
        baru = {k: st.text_input(label[k], value=str(nilai[k] or ""), help=bantuan[k],
                                 key=f"set_{k}", disabled=not ubah) for k in kunci}
        simpan = st.form_submit_button("Simpan pengaturan", key="simpan_pengaturan_lampiran",
                                       disabled=not ubah)
    if simpan:
        for k, v in baru.items():
            if v.strip() != str(nilai[k] or ""):
                pengaturan.simpan(ui.con(), k, v.strip(), oleh=saya)
        st.success("Pengaturan lampiran disimpan.")

# --- Preview: the same tables that go into the workbook --------------------------------------


@st.cache_data(max_entries=4, show_spinner="Menyusun pratinjau lampiran …")
def _pratinjau(tahun: int, versi: str):
    """The annexes' tables, once per year and data version for every session (a city's take
    seconds); titles and signature are settings, so saving them gives a new version. No
    workbook is written here: that happens only when a download button is clicked."""
    return lampiran.pratinjau(ui.con(), tahun)


# A city's annexes hold thousands of rows; drawing them all would take seconds on every visit.
BARIS_PRATINJAU = 200

pratinjau = _pratinjau(tahun, ui.versi())
tabs = st.tabs(list(pratinjau))
for tab, (nama, tabel) in zip(tabs, pratinjau.items()):
    with tab:
        for i, t in enumerate(tabel):
            if t.judul:
                st.markdown(f"**{fmt.aman_md(t.judul)}**")
            ui.tabel(t.frame.head(BARIS_PRATINJAU), rupiah=t.rupiah, persen=t.persen,
                     angka=t.angka, key=f"pratinjau_{nama}_{i}")
            if len(t.frame) > BARIS_PRATINJAU:
                st.caption(f"Pratinjau: {fmt.angka(BARIS_PRATINJAU, 0)} baris pertama dari "
                           f"{fmt.angka(len(t.frame), 0)}; berkas unduhan memuat semuanya.")
            if t.catatan:
                st.caption("  \n".join(t.catatan))

# --- Downloads: built when clicked, and archived with who asked -----------------------------
st.subheader("Unduh")
st.caption(f"Setiap unduhan diarsipkan atas nama **{fmt.aman_md(saya.nama_tampil)}**.")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _buat(pilihan):
    """The download's bytes, built and archived only when the button is clicked."""
    return ui.dengan_db(lambda: lampiran.ekspor(ui.con(), tahun, oleh=saya, lampiran=pilihan).isi)


c1, c2, c3 = st.columns(3)
c1.download_button("Unduh semua lampiran (I–V)", _buat(lampiran.LAMPIRAN),
                   file_name=lampiran.nama_berkas(tahun), mime=XLSX,
                   key="unduh_semua", type="primary", width="stretch")
satu = c2.selectbox("Lampiran", lampiran.LAMPIRAN, key="lampiran_satu",
                    format_func=lambda k: f"Lampiran {k}", label_visibility="collapsed")
c2.download_button(f"Unduh Lampiran {satu}", _buat((satu,)),
                   file_name=lampiran.nama_berkas(tahun, (satu,)), mime=XLSX,
                   key="unduh_satu", width="stretch")
c3.download_button("Unduh tabel Bab III", _buat(lampiran.BAB3),
                   file_name=lampiran.nama_berkas(tahun, lampiran.BAB3), mime=XLSX,
                   key="unduh_bab3", width="stretch")

# --- Archive (SOP step 12) ------------------------------------------------------------------
st.subheader(f"Arsip ekspor {tahun}")
daftar = arsip.daftar_ekspor(ui.cur(), tahun)
if daftar.empty:
    st.caption("Belum ada ekspor yang diarsipkan untuk tahun ini.")
else:
    kolom = ["id", "waktu", "oleh", "jenis", "lampiran", "nama_berkas", "ukuran", "sumber",
             "sha256"]
    ui.tabel(daftar[kolom], rupiah=["ukuran"], key="tabel_arsip", label={
        "id": "No. arsip", "waktu": "Waktu", "oleh": "Oleh", "jenis": "Jenis",
        "lampiran": "Lampiran", "nama_berkas": "Berkas", "ukuran": "Ukuran (byte)",
        "sumber": "Dari kiriman", "sha256": "SHA-256"})
    ids = daftar["id"].tolist()
    nama = dict(zip(ids, daftar["nama_berkas"]))
    waktu = dict(zip(ids, daftar["waktu"]))
    oleh_arsip = dict(zip(ids, daftar["oleh"]))
    a1, a2 = st.columns([3, 1])
    pilih = a1.selectbox("Ekspor terdahulu", ids, key="ekspor_arsip",
                         format_func=lambda i: f"#{i} · {nama[i]} · {fmt.tanggal(waktu[i])} "
                                               f"{waktu[i]:%H.%M} · {oleh_arsip[i]}")
    a2.download_button("Unduh ulang", ui.dengan_db(lambda: arsip.isi_ekspor(ui.cur(), pilih)),
                       file_name=nama[pilih],
                       mime=XLSX, key="unduh_arsip", on_click="ignore", width="stretch")
