"""Realisasi Anggaran — SOP step 6, Bab III B: pagu against realisasi from program down to
sub kegiatan, serapan against the RAK plan, per unit, fisik against keuangan, efficiency."""

import streamlit as st

from lkip_core import fmt, grafik
from lkip_core.analisis import kinerja, ringkasan
from lkip_core.analisis.anggaran import hitung_anggaran
from lkip_core.analisis.versi import versi_data
from lkip_core.grafik.gaya import rupiah_ringkas
from lkip_core.unduhan import tabel_xlsx
from pages import _bersama as ui

ui.halaman("anggaran")
ui.judul("Realisasi Anggaran", "Langkah 6 SOP",
         "Bab III B: realisasi anggaran dan efisiensi penggunaan sumber daya")
tahun = ui.tahun()
if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master dan realisasi.")
    st.stop()
unit = ui.kode_unit()
RUPIAH = ["pagu", "realisasi", "sisa"]


@st.cache_data(max_entries=8, show_spinner="Menghitung realisasi anggaran …")
def _anggaran(tahun: int, unit: str | None, versi: str):
    """Cached per data version: any upload, rollback or settings change recomputes."""
    return hitung_anggaran(ui.cur(), tahun, unit)


@st.cache_data(max_entries=8, show_spinner="Menghitung efisiensi …")
def _capaian(tahun: int, unit: str | None, versi: str):
    # Efficiency is measured on the whole program, whichever unit is selected.
    return kinerja.tabel_capaian(ui.cur(), tahun, unit, anggaran=_anggaran(tahun, None, versi))


versi = versi_data(ui.cur())
hasil = _anggaran(tahun, unit, versi)
if hasil.sub_kegiatan.empty:
    st.info(f"DPA tahun {tahun} belum memuat sub kegiatan untuk pilihan ini.")
    st.stop()

# --- Headline metrics --------------------------------------------------------------------
t = hasil.total
m = st.columns(5)
m[0].metric("Pagu", rupiah_ringkas(t["pagu"], singkat=True), help=fmt.rupiah(t["pagu"]))
m[1].metric("Realisasi", rupiah_ringkas(t["realisasi"], singkat=True),
            help=f"{fmt.rupiah(t['realisasi'])}: realisasi keuangan yang dilaporkan unit")
m[2].metric("Serapan", fmt.persen(t["serapan"]), help="Σ realisasi / Σ pagu × 100")
m[3].metric("Sisa", rupiah_ringkas(t["sisa"], singkat=True), help=fmt.rupiah(t["sisa"]))
m[4].metric("Fisik", fmt.persen(t["fisik"]), help="Rata-rata fisik tertimbang pagu")

# --- Pagu vs realisasi, program → kegiatan → sub kegiatan -------------------------------
st.subheader("Pagu dan realisasi")
program = ringkasan.pilihan_kode(hasil.program)
d1, d2 = st.columns(2)
kode_program = d1.selectbox(
    "Program", [None, *program], key="ra_program",
    format_func=lambda k: "Semua program" if k is None else f"{k} · {program[k]}")
kegiatan = ringkasan.pilihan_kode(hasil.rincian(kode_program)[1]) if kode_program else {}
kode_kegiatan = d2.selectbox(
    "Kegiatan", [None, *kegiatan], key="ra_kegiatan", disabled=not kode_program,
    format_func=lambda k: "Semua kegiatan" if k is None else f"{k} · {kegiatan[k]}",
    help="Pilih program dahulu untuk melihat kegiatannya")
tingkat, rinci = hasil.rincian(kode_program, kode_kegiatan if kode_program else None)
st.caption("Pilihan program dan kegiatan berlaku untuk grafik dan tabel pagu di bawahnya; "
           "bagian serapan per triwulan, per unit dan efisiensi menyajikan seluruh program"
           + (" unit ini." if unit else "."))
ui.grafik(grafik.pagu_realisasi(rinci, tingkat), "ra_grafik_pagu")
tampil, catatan = ringkasan.potong(ringkasan.tabel_anggaran(rinci))
ui.tabel(tampil, rupiah=RUPIAH, persen=["serapan", "fisik"], label=ringkasan.LABEL_ANGGARAN,
         key="ra_tabel_rincian")
if catatan:
    st.caption(catatan)

# --- Serapan per TW against RAK ----------------------------------------------------------
st.subheader("Serapan per triwulan terhadap rencana kas (RAK)")
ui.grafik(grafik.serapan_tw(hasil.per_tw()), "ra_grafik_tw")
ui.tabel(ringkasan.tabel_deviasi(hasil), rupiah=["rak_kumulatif", "realisasi_kumulatif",
                                                  "deviasi"],
         persen=["rencana", "serapan", "deviasi_persen"], angka=["deviasi_poin"],
         label=ringkasan.LABEL_TW, key="ra_tabel_tw")
st.caption("Deviasi = realisasi − rencana. Negatif berarti penyerapan tertinggal dari RAK; "
           "triwulan yang belum dilaporkan dibiarkan kosong.")

# --- Per unit, fisik against keuangan ----------------------------------------------------
per_unit = hasil.per_unit()
u1, u2 = st.columns(2)
with u1:
    st.subheader("Serapan per unit")
    ui.grafik(grafik.serapan_unit(per_unit), "ra_grafik_unit")
with u2:
    st.subheader("Fisik terhadap keuangan")
    ui.grafik(grafik.fisik_keuangan(hasil.sub_kegiatan), "ra_grafik_fisik")
tampil, catatan = ringkasan.potong(per_unit)
ui.tabel(tampil, rupiah=RUPIAH, persen=["serapan", "fisik"], label=ringkasan.LABEL_UNIT,
         key="ra_tabel_unit")
if catatan:
    st.caption(catatan)

# --- Efficiency ------------------------------------------------------------------------------
st.subheader("Efisiensi penggunaan sumber daya")
st.caption("IE = capaian kinerja (%) / serapan anggaran terkait (%); IE ≥ 1 berarti Efisien. "
           "Anggaran terkait adalah program atau kegiatan pada kolom Kode Program indikator, "
           "dihitung atas seluruh unit.")
batas = st.radio("Garis kuadran", ["median", "100"], key="ra_batas", horizontal=True,
                 format_func=lambda b: "Median data" if b == "median" else "100 % / 100 %")
capaian = _capaian(tahun, unit, versi)
ui.grafik(grafik.kuadran_efisiensi(capaian, batas=batas), "ra_grafik_efisiensi")
st.caption("Kode ditulis pada indikator yang terjauh dari garis IE = 1 dan yang di luar skala "
           "(segitiga di tepi grafik); arahkan penunjuk ke titik lain untuk melihat kodenya.")
efisiensi = ringkasan.tabel_efisiensi(capaian)
tampil, catatan = ringkasan.potong(efisiensi)
ui.tabel(tampil, rupiah=["pagu", "realisasi"], persen=["capaian", "serapan"],
         desimal={"ie": 3, "te": 3}, label=ringkasan.LABEL_EFISIENSI, key="ra_tabel_ie")
if catatan:
    st.caption(catatan)

# --- Downloads ---------------------------------------------------------------------------
st.subheader("Unduhan")
nama_unit = "semua_unit" if unit is None else unit
st.download_button(
    "Unduh realisasi anggaran (xlsx)",
    # built when clicked, not on every run: thousands of rows take seconds at city scale
    lambda: tabel_xlsx(ringkasan.lembar_anggaran(hasil, efisiensi),
                       judul=f"Realisasi anggaran tahun {tahun}"),
    file_name=f"realisasi_anggaran_{tahun}_{nama_unit}.xlsx", key="ra_unduh",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
