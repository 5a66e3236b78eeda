"""Rekap Data — SOP step 2: who has sent what, and the consolidated recap across units."""

import streamlit as st

from lkip_core import fmt
from lkip_core.masukan import rekap
from lkip_core.unduhan import tabel_xlsx
from pages import _bersama as ui

LABEL_KINERJA = {
    "kode_indikator": "Kode", "uraian_indikator": "Indikator", "satuan": "Satuan",
    "nama_unit": "Unit", "target_pk": "Target PK", "realisasi_tw1": "TW I",
    "realisasi_tw2": "TW II", "realisasi_tw3": "TW III", "realisasi_tw4": "TW IV",
    "capaian_unit": "Capaian unit (%)", "permasalahan": "Permasalahan"}
LABEL_ANGGARAN = {
    "kode_sub_kegiatan": "Kode", "nama_sub_kegiatan": "Sub kegiatan", "nama_unit": "Unit",
    "pagu": "Pagu (Rp)", "keuangan_tw1": "TW I (Rp)", "keuangan_tw2": "TW II (Rp)",
    "keuangan_tw3": "TW III (Rp)", "keuangan_tw4": "TW IV (Rp)", "keuangan": "Jumlah (Rp)",
    "fisik_tw4": "Fisik TW IV (%)"}

ui.halaman("rekap")
ui.judul("Rekap Data", "Langkah 2 SOP", "rekapitulasi data dari bidang dan sekretariat")
tahun = ui.tahun()
if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master dan realisasi.")
    st.stop()

# --- Completeness board ----------------------------------------------------------------------
unit = ui.kode_unit()
board = rekap.kelengkapan(ui.cur(), tahun)
semua_unit = len(board)
if unit is not None:  # the sidebar's unit applies to the board as to the recap below
    board = board[board["kode_unit"] == unit]
belum = board[board["status"] == "Belum mengirim"]
m1, m2, m3 = st.columns(3)
m1.metric("Unit wajib lapor", fmt.angka(len(board), 0))
m2.metric("Sudah mengirim", fmt.angka(len(board) - len(belum), 0))
m3.metric("Belum mengirim", fmt.angka(len(belum), 0))
if not belum.empty:
    st.warning("Belum mengirim: " + ", ".join(map(fmt.aman_md, belum["nama_unit"])))

st.subheader(f"Kelengkapan data {tahun}")
if unit is not None:
    st.caption(f"Menampilkan {fmt.angka(len(board), 0)} dari {fmt.angka(semua_unit, 0)} unit: "
               "unit yang dipilih di samping. Pilih **Semua unit** untuk melihat seluruhnya.")
# who sent it and when right after the status: readable without scrolling sideways
kolom = ["kode_unit", "nama_unit", "status", "oleh", "waktu", "revisi", "indikator",
         "sub_kegiatan", *[f"kinerja_tw{n}" for n in range(1, 5)],
         *[f"anggaran_tw{n}" for n in range(1, 5)], "nama_berkas"]
label = {"kode_unit": "Kode", "nama_unit": "Unit", "status": "Status", "indikator": "Indikator",
         "sub_kegiatan": "Sub kegiatan", "revisi": "Kiriman", "oleh": "Oleh", "waktu": "Waktu",
         "nama_berkas": "Berkas",
         **{f"kinerja_tw{n}": f"Kinerja TW {r}" for n, r in zip(range(1, 5), "I II III IV".split())},
         **{f"anggaran_tw{n}": f"Anggaran TW {r}" for n, r in zip(range(1, 5), "I II III IV".split())}}
ui.tabel(board[kolom], label=label, key="tabel_kelengkapan")

# --- Consolidated recap ----------------------------------------------------------------------
st.subheader("Rekap gabungan")
# One tab at a time is drawn (a city: 2.923 indicator rows, 4.477 sub kegiatan rows).
TAB = ["Kinerja", "Anggaran"]
t1, t2 = st.tabs(TAB, key="rekap_bagian", on_change="rerun")
if t1.open:
    with t1:
        kinerja = rekap.rekap_kinerja(ui.cur(), tahun, unit)
        SEMUA = "Semua sasaran"
        sasaran = [SEMUA, *sorted(kinerja["uraian_sasaran"].dropna().unique())]
        pilih = st.selectbox("Sasaran", sasaran, key="rekap_sasaran")
        view = kinerja if pilih == SEMUA else kinerja[kinerja["uraian_sasaran"] == pilih]
        st.caption(f"Menampilkan {fmt.angka(len(view), 0)} dari {fmt.angka(len(kinerja), 0)} "
                   "baris indikator.")
        ui.tabel(view[list(LABEL_KINERJA)], angka=list(LABEL_KINERJA)[4:10],
                 key="tabel_rekap_kinerja", label=LABEL_KINERJA)
if t2.open:
    with t2:
        anggaran = rekap.rekap_anggaran(ui.cur(), tahun, unit)
        ui.tabel(anggaran[list(LABEL_ANGGARAN)], rupiah=list(LABEL_ANGGARAN)[3:9],
                 angka=["fisik_tw4"], key="tabel_rekap_anggaran", label=LABEL_ANGGARAN)
        total_pagu, total_real = rekap.total_anggaran(ui.cur(), tahun, unit)
        st.caption(f"Total pagu {fmt.rupiah(total_pagu)} · realisasi dilaporkan "
                   f"{fmt.rupiah(total_real)}")


def _buku() -> bytes:
    """The same columns and headers as on screen, every sasaran, both tabs (built on click)."""
    kinerja = rekap.rekap_kinerja(ui.cur(), tahun, unit)
    anggaran = rekap.rekap_anggaran(ui.cur(), tahun, unit)
    return tabel_xlsx({"Kelengkapan": board[kolom].rename(columns=label),
                       "Kinerja": kinerja[list(LABEL_KINERJA)].rename(columns=LABEL_KINERJA),
                       "Anggaran": anggaran[list(LABEL_ANGGARAN)].rename(
                           columns=LABEL_ANGGARAN)},
                      judul=f"Rekap data LKIP tahun {tahun}")


st.download_button(
    "Unduh rekap (xlsx)", ui.dengan_db(_buku), file_name=f"rekap_lkip_{tahun}.xlsx",
    on_click="ignore", key="unduh_rekap")
