"""Ringkasan Pimpinan — the landing page: the year on one screen for the Ka. Badan.

Headline numbers with the change against last year, capaian per sasaran, the best and worst
indicators, serapan per unit; a presentation mode for the projector; the briefing deck.
"""

import datetime as dt

import streamlit as st

from lkip_core import fmt, pengaturan
from lkip_core.grafik import pimpinan as grafik
from lkip_core.grafik.kinerja import distribusi_predikat
from lkip_core.pimpinan import ringkasan as inti
from lkip_core.pimpinan.paparan import buat_paparan
from lkip_core.pimpinan.ringkasan import terbawah
from pages import _bersama as ui

BATAS_GRAFIK = 20  # bars per chart; beyond that (city scale) the lowest are shown

PRESENTASI_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
    max-width: 100% !important; padding: 1.2rem 3rem 2rem 3rem !important; }
/* Metric texts sit in markdown paragraphs: size the paragraphs themselves. */
[data-testid="stMetricValue"] p { font-size: 4.2rem !important; line-height: 1.15 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.7rem !important; }
[data-testid="stMetricDelta"] p { font-size: 1.5rem !important; }
[data-testid="stMetricDelta"] svg { width: 1.5rem !important; height: 1.5rem !important; }
h1 { font-size: 3.4rem !important; }
[data-testid^="stAlert"] p { font-size: 1.45rem !important; }
</style>
"""


def _delta(selisih: float | None, tahun_lalu: int) -> str | None:
    if selisih is None:
        return None
    return f"{'+' if selisih > 0 else ''}{fmt.angka(selisih)} poin vs {tahun_lalu}"


ui.halaman("ringkasan")
presentasi = bool(st.session_state.get("mode_presentasi", False))
if presentasi:
    st.markdown(PRESENTASI_CSS, unsafe_allow_html=True)

kepala, saklar = st.columns([5, 1], vertical_alignment="center")
with kepala:
    tahun = ui.tahun()
    if presentasi and tahun is not None:
        st.title(f"Kinerja {tahun} dalam satu layar")
    else:
        ui.judul("Ringkasan Pimpinan", "Semua langkah SOP",
                 "capaian kinerja, serapan anggaran dan kesiapan data dalam satu layar")
with saklar:
    st.toggle("Mode presentasi", key="mode_presentasi",
              help="Untuk proyektor: layar lebar, huruf besar, tanpa menu samping.")

if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master dan realisasi.")
    st.stop()


@st.cache_resource(max_entries=8, show_spinner="Menghitung ringkasan …")
def _ringkasan(tahun: int, versi: str):
    """Computed once per year and data version for every session: the landing page of a
    second person, switching presentation mode, or coming back, does not recompute a city's
    summary (seconds); an import or a settings change gives a new version (ui.versi).
    Shared, not copied per run (a city's summary pickles to ~10 MB): this page only reads it."""
    return inti.ringkasan(ui.cur(), tahun)


versi = ui.versi()
r = _ringkasan(tahun, versi)
lalu = r.lalu

# --- Headline numbers ------------------------------------------------------------------------
m1, m2, m3, m4 = st.columns(4)
m1.metric("Rata-rata capaian kinerja", fmt.persen(r.capaian_rata),
          _delta(lalu.selisih_capaian, lalu.tahun),
          help=f"Rata-rata capaian {r.indikator_bercapaian} dari {r.indikator} indikator "
               "yang sudah punya capaian (target PK).")
m2.metric("Serapan anggaran", fmt.persen(r.serapan), _delta(lalu.selisih_serapan, lalu.tahun),
          help=f"Realisasi {fmt.rupiah(r.realisasi)} dari pagu {fmt.rupiah(r.pagu)}.")
kirim = r.unit_wajib - len(r.unit_belum)
m3.metric("Unit sudah mengirim data", f"{kirim} dari {r.unit_wajib}")
m4.metric("Temuan galat terbuka", fmt.angka(r.galat_terbuka, 0),
          help="Temuan rekonsiliasi tingkat galat yang belum selesai ditangani.")

catatan = []
if lalu.keterangan:
    catatan.append(f"Perbandingan dengan {lalu.tahun}: {lalu.keterangan}.")
if catatan and not presentasi:
    st.caption(" ".join(catatan))
if r.unit_belum:
    st.warning("Belum mengirim data: " + ", ".join(map(fmt.aman_md, r.unit_belum)))
if r.galat_terbuka:
    teratas = ", ".join(f"{fmt.aman_md(g.nama_unit)} ({g.galat})" for g in r.galat_unit.head(3).itertuples())
    st.error(f"{fmt.angka(r.galat_terbuka, 0)} temuan galat belum diperbaiki, terbanyak: "
             f"{teratas}.")

# --- Charts ----------------------------------------------------------------------------------
@st.cache_data(max_entries=8, show_spinner=False)
def _grafik(tahun: int, versi: str) -> dict:
    """The five charts, drawn once per year and data version for every session (the predikat
    scale is a setting, so it is in the version too)."""
    r = _ringkasan(tahun, versi)
    skala = pengaturan.skala_predikat(ui.cur())
    sasaran, n_sasaran = terbawah(r.per_sasaran, "capaian", BATAS_GRAFIK)
    unit, n_unit = terbawah(r.serapan_unit, "serapan", BATAS_GRAFIK)
    return {
        "sasaran": grafik.capaian_per_sasaran(sasaran, skala),
        "sasaran_n": (len(sasaran), n_sasaran),
        "predikat": distribusi_predikat(r.distribusi, "Jumlah indikator per predikat", skala),
        "terbaik": grafik.peringkat_indikator(r.terbaik, "Indikator dengan capaian tertinggi",
                                              skala),
        "terburuk": grafik.peringkat_indikator(r.terburuk, "Indikator yang perlu perhatian",
                                               skala),
        "serapan_unit": grafik.serapan_unit(unit, r.serapan),
        "unit_n": (len(unit), n_unit),
    }


def tampil(fig, key: str) -> None:
    ui.grafik(grafik.perbesar(fig) if presentasi else fig, key)


g = _grafik(tahun, versi)
kiri, kanan = st.columns([3, 2])
with kiri:
    tampil(g["sasaran"], "grafik_sasaran")
    if g["sasaran_n"][1] > g["sasaran_n"][0]:
        st.caption(f"{g['sasaran_n'][0]} sasaran dengan capaian terendah dari "
                   f"{g['sasaran_n'][1]}.")
with kanan:
    tampil(g["predikat"], "grafik_predikat")

terbaik, terburuk = st.columns(2)
with terbaik:
    tampil(g["terbaik"], "grafik_terbaik")
with terburuk:
    tampil(g["terburuk"], "grafik_terburuk")

tampil(g["serapan_unit"], "grafik_serapan_unit")
if g["unit_n"][1] > g["unit_n"][0]:
    st.caption(f"{g['unit_n'][0]} unit dengan serapan terendah dari {g['unit_n'][1]}.")

# --- Details and downloads (not on the projector) ----------------------------------------------
if not presentasi:
    # Drawn only when opened: two tables of a city's sasaran and units cost the landing page
    # ~0,4 s on the server and the browser's table library, for a look few people take.
    rincian = st.expander("Rincian angka", key="rincian_angka", on_change="rerun")
    if rincian.open:
        with rincian:
            ui.tabel(r.per_sasaran[["kode_sasaran", "uraian_sasaran", "indikator", "capaian",
                                    "predikat"]], persen=["capaian"], key="tabel_sasaran",
                     label={"kode_sasaran": "Kode", "uraian_sasaran": "Sasaran",
                            "indikator": "Indikator", "capaian": "Capaian",
                            "predikat": "Predikat"})
            ui.tabel(r.serapan_unit[["kode_unit", "nama_unit", "pagu", "realisasi", "serapan",
                                     "sisa"]], rupiah=["pagu", "realisasi", "sisa"],
                     persen=["serapan"], key="tabel_serapan_unit",
                     label={"kode_unit": "Kode", "nama_unit": "Unit", "pagu": "Pagu (Rp)",
                            "realisasi": "Realisasi (Rp)", "serapan": "Serapan",
                            "sisa": "Sisa (Rp)"})
    st.download_button(
        "Unduh bahan paparan (PowerPoint)", ui.dengan_db(lambda a=ui.akun(): buat_paparan(ui.con(), tahun, oleh=a)),
        file_name=f"paparan_kinerja_{tahun}_{dt.date.today():%Y%m%d}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="unduh_paparan", on_click="ignore", icon=":material/slideshow:",
        help="Grafik di dalam berkas dapat diedit langsung di PowerPoint.")
