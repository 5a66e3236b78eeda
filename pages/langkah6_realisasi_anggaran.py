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

# --- The four parts of Bab III B, one tab each ------------------------------------------------
# Only the open tab is drawn (on_change="rerun"): at city scale the sections together are ~7.000
# points and four tables, seconds for the server and the browser on every run.
TAB = ["Pagu dan realisasi", "Serapan per triwulan", "Per unit", "Efisiensi"]
bagian = dict(zip(TAB, st.tabs(TAB, key="ra_bagian", on_change="rerun")))


@st.cache_data(max_entries=16, show_spinner=False)
def _grafik(nama: str, tahun: int, unit: str | None, versi: str, *pilihan):
    """A chart of this page, drawn once per data version and choice for every session."""
    h = _anggaran(tahun, unit, versi)
    if nama == "pagu":
        tingkat, rinci = h.rincian(*pilihan)
        return grafik.pagu_realisasi(rinci, tingkat)
    if nama == "tw":
        return grafik.serapan_tw(h.per_tw())
    if nama == "unit":
        return grafik.serapan_unit(h.per_unit())
    if nama == "fisik":
        return grafik.fisik_keuangan(h.sub_kegiatan)
    return grafik.kuadran_efisiensi(_capaian(tahun, unit, versi), batas=pilihan[0])


if bagian["Pagu dan realisasi"].open:
    with bagian["Pagu dan realisasi"]:
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
        pilihan = (kode_program, kode_kegiatan if kode_program else None)
        tingkat, rinci = hasil.rincian(*pilihan)
        st.caption("Pilihan program dan kegiatan berlaku untuk grafik dan tabel di tab ini; tab "
                   "lain menyajikan seluruh program" + (" unit ini." if unit else "."))
        ui.grafik(_grafik("pagu", tahun, unit, versi, *pilihan), "ra_grafik_pagu")
        tampil, catatan = ringkasan.potong(ringkasan.tabel_anggaran(rinci))
        ui.tabel(tampil, rupiah=RUPIAH, persen=["serapan", "fisik"],
                 label=ringkasan.LABEL_ANGGARAN, key="ra_tabel_rincian")
        if catatan:
            st.caption(catatan)

if bagian["Serapan per triwulan"].open:
    with bagian["Serapan per triwulan"]:
        st.subheader("Serapan per triwulan terhadap rencana kas (RAK)")
        ui.grafik(_grafik("tw", tahun, unit, versi), "ra_grafik_tw")
        ui.tabel(ringkasan.tabel_deviasi(hasil), rupiah=["rak_kumulatif", "realisasi_kumulatif",
                                                          "deviasi"],
                 persen=["rencana", "serapan", "deviasi_persen"], angka=["deviasi_poin"],
                 label=ringkasan.LABEL_TW, key="ra_tabel_tw")
        st.caption("Deviasi = realisasi − rencana. Negatif berarti penyerapan tertinggal dari "
                   "RAK; triwulan yang belum dilaporkan dibiarkan kosong.")

if bagian["Per unit"].open:
    with bagian["Per unit"]:
        u1, u2 = st.columns(2)
        with u1:
            st.subheader("Serapan per unit")
            ui.grafik(_grafik("unit", tahun, unit, versi), "ra_grafik_unit")
        with u2:
            st.subheader("Fisik terhadap keuangan")
            ui.grafik(_grafik("fisik", tahun, unit, versi), "ra_grafik_fisik")
        tampil, catatan = ringkasan.potong(hasil.per_unit())
        ui.tabel(tampil, rupiah=RUPIAH, persen=["serapan", "fisik"], label=ringkasan.LABEL_UNIT,
                 key="ra_tabel_unit")
        if catatan:
            st.caption(catatan)

if bagian["Efisiensi"].open:
    with bagian["Efisiensi"]:
        st.subheader("Efisiensi penggunaan sumber daya")
        st.caption("IE = capaian kinerja (%) / serapan anggaran terkait (%); IE ≥ 1 berarti "
                   "Efisien. Anggaran terkait adalah program atau kegiatan pada kolom Kode Program "
                   "indikator, dihitung atas seluruh unit.")
        batas = st.radio("Garis kuadran", ["median", "100"], key="ra_batas", horizontal=True,
                         format_func=lambda b: "Median data" if b == "median" else "100 % / 100 %")
        ui.grafik(_grafik("efisiensi", tahun, unit, versi, batas), "ra_grafik_efisiensi")
        st.caption("Kode ditulis pada indikator yang terjauh dari garis IE = 1 dan yang di luar "
                   "skala (segitiga di tepi grafik); arahkan penunjuk ke titik lain untuk melihat "
                   "kodenya.")
        tampil, catatan = ringkasan.potong(ringkasan.tabel_efisiensi(_capaian(tahun, unit, versi)))
        ui.tabel(tampil, rupiah=["pagu", "realisasi"], persen=["capaian", "serapan"],
                 desimal={"ie": 3, "te": 3}, label=ringkasan.LABEL_EFISIENSI, key="ra_tabel_ie")
        if catatan:
            st.caption(catatan)

# --- Downloads ---------------------------------------------------------------------------
st.subheader("Unduhan")
nama_unit = "semua_unit" if unit is None else unit


def _buku() -> bytes:
    # built when clicked, not on every run: thousands of rows take seconds at city scale
    efisiensi = ringkasan.tabel_efisiensi(_capaian(tahun, unit, versi))
    return tabel_xlsx(ringkasan.lembar_anggaran(hasil, efisiensi),
                      judul=f"Realisasi anggaran tahun {tahun}")


st.download_button(
    "Unduh realisasi anggaran (xlsx)", ui.dengan_db(_buku),
    file_name=f"realisasi_anggaran_{tahun}_{nama_unit}.xlsx", key="ra_unduh",
    help="Semua bagian halaman ini (keempat tab) dalam satu buku kerja.",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
