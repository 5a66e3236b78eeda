"""Naskah LKIP — SOP steps 6 and 8: the book's prose per section (pre-filled with a draft that
cites the engine's figures as fields), its live preview and history, the surat pengantar
fields, and the book as Word or PDF (every number from the same engine as the pages)."""

import dataclasses

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt, naskah
from lkip_core.analisis.versi import versi_naskah
from lkip_core.naskah import tampil
from lkip_core.naskah.draf import draf as draf_bagian
from lkip_core.naskah.teks import isi_naskah
from pages import _bersama as ui

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

saya = ui.halaman("naskah")
ui.judul("Naskah LKIP", "Langkah 6 dan 8 SOP",
         "Kata Pengantar sampai Bab IV dan Lampiran, disusun dari data; surat pengantar")
tahun = ui.tahun()
if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master dan realisasi.")
    st.stop()
st.caption(f"Naskah memuat seluruh instansi untuk tahun {tahun} (pilihan unit di samping tidak "
           "berlaku di sini).")

kunci_tahun = naskah.terkunci(ui.cur(), tahun)
boleh_tulis = akun_inti.boleh(saya, "naskah_tulis") and kunci_tahun is None
if kunci_tahun is not None:
    st.warning(kunci_tahun.pesan("Perubahan naskah"), icon=":material/lock:")
elif boleh_tulis and not st.session_state.get(f"nk_salin_{tahun}"):
    # First open of the year: texts that rarely change are copied from the previous year.
    disalin = naskah.salin_tahun_lalu(ui.con(), tahun, oleh=saya)
    st.session_state[f"nk_salin_{tahun}"] = True
    if disalin:
        st.toast(f"{len(disalin)} bagian disalin dari naskah tahun sebelumnya.")


@st.cache_resource(max_entries=2, show_spinner="Mengumpulkan angka naskah …")
def _bahan(tahun: int, versi: str):
    """Every figure of the book, read once per data version for every session (city scale:
    ~1 s). Shared, not copied: the page only reads it."""
    return naskah.muat_bahan(ui.cur(), tahun)


@st.cache_data(max_entries=8, show_spinner=False)
def _isi(tahun: int, versi: str, revisi: int):
    """The sections' state (saved text, marks, who and when), once per data version and prose
    revision: any save, mark or return to the draft is a new revision. Drafts are not written
    here but one at a time for the section shown (`_draf`): every save would otherwise redraft
    a city's ~1.000 sections (~1 s)."""
    bahan = _bahan(tahun, versi)
    return isi_naskah(ui.cur(), bahan, naskah.daftar_bagian(k for k, _, _ in bahan.kelompok),
                      draf=False)


@st.cache_data(max_entries=64, show_spinner=False)
def _draf(tahun: int, versi: str, kunci: str) -> str:
    """The automatic draft of one section, once per data version."""
    return draf_bagian(_bahan(tahun, versi), kunci)


versi = ui.versi()
bahan = _bahan(tahun, versi)
isi = _isi(tahun, versi, versi_naskah(ui.cur(), tahun))
medan = naskah.Medan(bahan)
status = naskah.status_penulisan(isi)
m = st.columns(4)
m[0].metric("Bagian", fmt.angka(status["bagian"], 0))
m[1].metric("Selesai ditulis", fmt.angka(status["selesai"], 0))
m[2].metric("Sudah disunting", fmt.angka(status["disunting"], 0))
m[3].metric("Masih draf otomatis", fmt.angka(status["otomatis"], 0),
            help="Draf otomatis ditulis ulang dari data setiap kali naskah dibuat")

# --- Choose a section -----------------------------------------------------------------------
bab = tampil.per_bab(isi)
c1, c2 = st.columns([1, 2])
pilih_bab = c1.selectbox("Bab", list(bab), key="nk_bab")
bagian = {i.bagian.kunci: i for i in bab[pilih_bab]}
pilih = c2.selectbox("Bagian", list(bagian), key="nk_bagian",
                     format_func=lambda k: ("✓ " if bagian[k].selesai else "") +
                     bagian[k].bagian.judul)
i = bagian[pilih]
if i.otomatis:  # no written text: its draft, written from the figures
    i = dataclasses.replace(i, teks=_draf(tahun, versi, pilih))
st.caption(f"Sumber teks: {i.sumber}" + (f" · terakhir oleh {i.oleh}, {fmt.tanggal(i.waktu)} "
                                          f"{i.waktu:%H.%M}" if i.waktu else "")
           + (f" · {i.bagian.bantuan}" if i.bagian.bantuan else ""))

# --- Edit and preview -----------------------------------------------------------------------
kunci_widget = f"nk_teks_{tahun}_{pilih}"
kiri, kanan = st.columns(2)
with kiri:
    if i.bagian.jenis == naskah.ISIAN:
        teks = st.text_input("Isi", value=i.teks, key=kunci_widget, disabled=not boleh_tulis)
    else:
        teks = st.text_area("Teks (satu paragraf per baris; angka sebagai isian [[…]])",
                            value=i.teks, height=380, key=kunci_widget, disabled=not boleh_tulis)
    b1, b2, b3 = st.columns(3)
    simpan = b1.button("Simpan", type="primary", key="nk_simpan", disabled=not boleh_tulis,
                       icon=":material/save:")
    kembali = b2.button("Kembalikan ke draf otomatis", key="nk_kembali",
                        disabled=not boleh_tulis or i.otomatis)
    selesai = b3.toggle("Selesai ditulis", value=i.selesai, key=f"nk_selesai_{tahun}_{pilih}",
                        disabled=not boleh_tulis)
with kanan:
    st.markdown("**Pratinjau** (angka diisi dari data saat ini)")
    paragraf, salah = tampil.pratinjau(medan, teks)
    if salah:
        st.warning("Isian tidak dikenal: " + ", ".join(fmt.aman_md(f"[[{s}]]") for s in salah))
    with st.container(height=380, border=True):
        for p in paragraf or ["(kosong: bagian ini tidak dicetak)"]:
            st.markdown(fmt.aman_md(p))

if simpan:
    ubah = naskah.simpan(ui.con(), tahun, pilih, teks, oleh=saya, medan=medan, selesai=selesai)
    st.session_state["nk_pesan"] = "Teks disimpan." if ubah else "Tidak ada perubahan."
    st.rerun()
if kembali:
    naskah.kembalikan(ui.con(), tahun, pilih, oleh=saya)
    st.session_state.pop(kunci_widget, None)
    st.session_state["nk_pesan"] = "Bagian ini kembali memakai draf otomatis."
    st.rerun()
if boleh_tulis and selesai != i.selesai and not simpan:
    naskah.tandai_selesai(ui.con(), tahun, pilih, selesai, oleh=saya,
                          teks=None if i.otomatis else i.teks)
    st.rerun()
if pesan := st.session_state.pop("nk_pesan", None):
    st.success(pesan)

with st.expander("Isian angka yang dapat dipakai"):
    st.caption("Tulis isian di dalam teks, mis. [[capaian_rata]] atau [[IK.01.capaian]]; angkanya "
               "diambil dari data setiap kali naskah dibuat, jadi tidak pernah basi.")
    ui.tabel(tampil.medan_tersedia(bahan, i.bagian.kode_sasaran), key="nk_medan")
with st.expander("Riwayat revisi bagian ini"):
    riwayat = naskah.riwayat(ui.cur(), tahun, pilih)
    if riwayat.empty:
        st.caption("Belum pernah disunting: bagian ini memakai draf otomatis.")
    else:
        ui.tabel(tampil.riwayat_tampil(riwayat), key="nk_riwayat")

# --- The book -------------------------------------------------------------------------------
st.subheader("Unduh naskah")
st.caption("Naskah dibuat saat tombol ditekan: tabel, grafik dan angka dari data terkini. PDF "
           "dibuat dengan LibreOffice (sekitar setengah menit).")


def _docx():
    return naskah.buat_docx(ui.con(), tahun).docx


def _pdf():
    return naskah.ke_pdf_buku(naskah.buat_docx(ui.con(), tahun).docx)


d1, d2, d3 = st.columns(3)
d1.download_button("Unduh naskah (Word)", ui.dengan_db(_docx),
                   file_name=f"naskah_lkip_{tahun}.docx", mime=DOCX, key="nk_unduh_docx",
                   type="primary", width="stretch", icon=":material/description:")
d2.download_button("Unduh naskah (PDF)", ui.dengan_db(_pdf), file_name=f"naskah_lkip_{tahun}.pdf",
                   mime="application/pdf", key="nk_unduh_pdf", width="stretch",
                   icon=":material/picture_as_pdf:")
d3.download_button("Unduh surat pengantar (Word)",
                   ui.dengan_db(lambda: naskah.buat_surat(ui.con(), tahun)),
                   file_name=f"surat_pengantar_lkip_{tahun}.docx", mime=DOCX,
                   key="nk_unduh_surat", width="stretch", icon=":material/mail:")

# --- The Word template ----------------------------------------------------------------------
with st.expander("Templat Word (kop, logo, huruf)"):
    isi_templat, nama_templat = naskah.templat_aktif(ui.cur())
    st.caption(f"Berlaku: {nama_templat}. Unduh, sesuaikan di Word (kop surat, logo, huruf), lalu "
               "unggah kembali; variabel {{ … }} dan gaya paragrafnya harus tetap ada.")
    st.download_button("Unduh templat yang berlaku", isi_templat, file_name="templat_naskah.docx",
                       mime=DOCX, key="nk_templat_unduh", on_click="ignore")
    ui.tabel(tampil.variabel_templat(), key="nk_variabel")
    if akun_inti.boleh(saya, "naskah_tulis"):
        baru = st.file_uploader("Templat baru (.docx)", type=["docx"], key="nk_templat_baru")
        t1, t2 = st.columns(2)
        if t1.button("Pakai templat ini", key="nk_templat_pakai", disabled=baru is None):
            naskah.simpan_templat(ui.con(), baru.getvalue(), oleh=saya, nama_berkas=baru.name)
            st.success("Templat baru dipakai untuk naskah berikutnya.")
        if t2.button("Kembali ke templat bawaan", key="nk_templat_bawaan"):
            naskah.simpan_templat(ui.con(), None, oleh=saya)
            st.success("Templat bawaan dipakai kembali.")
