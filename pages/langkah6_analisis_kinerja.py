"""Analisis Kinerja — SOP step 6, Bab III A: capaian per sasaran (chart, table, draft text),
over the years, to the Renstra end target, by predikat and across units."""

import streamlit as st

from lkip_core import fmt, grafik, pengaturan
from lkip_core.analisis import kinerja, narasi, ringkasan
from lkip_core.analisis.anggaran import hitung_anggaran
from lkip_core.analisis.versi import versi_data
from lkip_core.fmt import ROMAWI
from lkip_core.unduhan import tabel_xlsx
from pages import _bersama as ui

ui.halaman("analisis")
ui.judul("Analisis Kinerja", "Langkah 6 SOP",
         "Bab III A: capaian kinerja organisasi per sasaran, bahan narasi laporan")
tahun = ui.tahun()
if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master dan realisasi.")
    st.stop()
unit = ui.kode_unit()
SASARAN_RINCI = 12  # more sasaran than this on screen: a table, detail per chosen sasaran


@st.cache_data(max_entries=8, show_spinner="Menghitung capaian …")
def _capaian(tahun: int, unit: str | None, sampai_tw: int, versi: str):
    """Cached per data version: any upload, rollback or settings change recomputes."""
    c = ui.cur()
    # The budget of every unit: an indicator's efficiency is measured on its whole program.
    return kinerja.tabel_capaian(c, tahun, unit, sampai_tw=sampai_tw,
                                 anggaran=hitung_anggaran(c, tahun))


@st.cache_data(max_entries=16, show_spinner=False)
def _bagian(tahun: int, unit: str | None, sampai_tw: int, versi: str, sasaran: str | None,
            hanya_iku: bool) -> dict:
    """The per-sasaran table and the Renstra, predikat and unit charts of one choice, computed
    once per data version for every session (city scale: ~1 s on every run before)."""
    skala = pengaturan.skala_predikat(ui.cur())
    df = ringkasan.saring_capaian(_capaian(tahun, unit, sampai_tw, versi), sasaran, hanya_iku)
    return {
        "per_sasaran": kinerja.capaian_per_sasaran(df, skala),
        "renstra": grafik.progres_renstra(df),
        "predikat": grafik.distribusi_predikat(ringkasan.distribusi_predikat(df, skala),
                                               skala=skala),
        "unit": grafik.capaian_unit(ringkasan.capaian_per_unit(df, skala), skala=skala)
        if unit is None else None,
    }


@st.cache_data(max_entries=32, show_spinner=False)
def _riwayat(tahun: int, unit: str | None, sampai_tw: int, versi: str, sasaran: str | None,
             hanya_iku: bool, kode: str):
    """One indicator's realisation over the years, as a chart (per data version)."""
    df = ringkasan.saring_capaian(_capaian(tahun, unit, sampai_tw, versi), sasaran, hanya_iku)
    ind = ringkasan.baris_indikator(df, kode)
    hist = kinerja.riwayat(ui.cur(), tahun, unit, kode_indikator=kode)
    return grafik.riwayat_realisasi(
        hist, f"{kode} · {ind['uraian_indikator']}", ind["satuan"],
        target_akhir=ind["target_akhir_renstra"], tahun_akhir=ind["tahun_akhir_renstra"],
        sampai_tw=sampai_tw, realisasi_kini=ind["realisasi"])


# --- Filters -----------------------------------------------------------------------------
f1, f2, f3 = st.columns([1, 1, 3])
sampai_tw = f1.selectbox("Periode", [4, 3, 2, 1], key="ak_tw",
                         format_func=lambda n: f"s.d. TW {ROMAWI[n - 1]}",
                         help="Realisasi sampai akhir triwulan ini, dibandingkan dengan target "
                              "tahunan PK")
hanya_iku = f2.checkbox("Hanya IKU", key="ak_iku", help="Indikator Kinerja Utama saja")
skala = pengaturan.skala_predikat(ui.cur())
versi = versi_data(ui.cur())
semua = _capaian(tahun, unit, sampai_tw, versi)
pilihan_sasaran = ringkasan.daftar_sasaran(semua)
sasaran = f3.selectbox("Sasaran", [None, *pilihan_sasaran], key="ak_sasaran",
                       format_func=lambda k: "Semua sasaran" if k is None else pilihan_sasaran[k])
df = ringkasan.saring_capaian(semua, sasaran, hanya_iku)
bagian = _bagian(tahun, unit, sampai_tw, versi, sasaran, hanya_iku) if not df.empty else {}
if df.empty:
    st.info("Tidak ada indikator dengan target PK untuk pilihan ini.")
    st.stop()
st.caption(f"Menampilkan {fmt.angka(len(df), 0)} dari {fmt.angka(len(semua), 0)} indikator"
           f" · realisasi s.d. TW {ROMAWI[sampai_tw - 1]} {tahun}"
           + (f" · {fmt.aman_md(pilihan_sasaran[sasaran])}" if sasaran is not None else "")
           + (" · hanya IKU" if hanya_iku else "")
           + ": angka, grafik dan tabel di bawah mengikuti pilihan ini.")

# --- Headline metrics --------------------------------------------------------------------
r = ringkasan.ringkasan_capaian(df, skala)
m = st.columns(4)
m[0].metric("Indikator", fmt.angka(r["indikator"], 0))
m[1].metric("Rata-rata capaian", fmt.persen(r["rata_rata"]),
            help="Rata-rata capaian indikator yang sudah punya capaian")
m[2].metric("Dengan capaian", fmt.angka(r["dengan_capaian"], 0))
m[3].metric("Tanpa capaian", fmt.angka(r["tanpa_capaian"], 0),
            help="Indikator yang capaiannya belum dapat dihitung (lihat keterangan di tabel)")
p = st.columns(len(r["per_predikat"]))
for kolom, (label, n) in zip(p, r["per_predikat"].items()):
    kolom.metric(label, fmt.angka(n, 0))

# --- Per sasaran: chart, table, problems and draft text --------------------------------
st.subheader("Capaian per sasaran")
per_sasaran = bagian["per_sasaran"]
label_tabel = ringkasan.LABEL_CAPAIAN
kolom_tabel = ["kode_indikator", "uraian_indikator", "nama_unit", "satuan", "rumus", "target",
               "realisasi", "capaian", "predikat", "capaian_t1", "capaian_renstra", "keterangan"]
if len(per_sasaran) > SASARAN_RINCI:
    # City scale: hundreds of sasaran. One table here; the detail (chart, problems, draft
    # text) for the sasaran chosen above, so the page stays quick to draw.
    st.info(f"{len(per_sasaran)} sasaran: pilih satu sasaran di atas untuk melihat grafik, "
            "permasalahan dan draf narasi per indikator.")
    tampil, catatan = ringkasan.potong(per_sasaran)
    ui.tabel(tampil, persen=["capaian"], label=ringkasan.LABEL_SASARAN, key="ak_tabel_sasaran")
    st.caption(catatan or "Tabel capaian seluruh indikator ada pada unduhan di bagian bawah "
               "halaman.")
    per_sasaran = per_sasaran.iloc[0:0]
teks = narasi.narasi_tabel(df) if not per_sasaran.empty else {}
for i, s in enumerate(per_sasaran.to_dict("records")):
    g = ringkasan.saring_capaian(df, s["kode_sasaran"])
    judul = f"{s['kode_sasaran']} · {s['uraian_sasaran']}"
    kepala = f"{judul} — capaian {fmt.persen(s['capaian'])}" + (
        f" ({s['predikat']})" if s["predikat"] else "")
    with st.expander(fmt.aman_md(kepala), expanded=i == 0 or sasaran is not None):
        ui.grafik(grafik.capaian_sasaran(g, judul, skala),
                  f"ak_grafik_sasaran_{s['kode_sasaran']}")
        ui.tabel(ringkasan.tabel_tampil(g)[kolom_tabel], angka=["target", "realisasi"],
                 persen=["capaian", "capaian_t1", "capaian_renstra"], label=label_tabel,
                 key=f"ak_tabel_{s['kode_sasaran']}")
        if s["tanpa_capaian"]:
            st.caption(f"{s['tanpa_capaian']} indikator tanpa capaian tidak ikut dirata-rata.")
        for row in g.to_dict("records"):
            st.markdown(f"**{fmt.aman_md(row['kode_indikator'])} · "
                        f"{fmt.aman_md(row['uraian_indikator'])}**")
            kiri, kanan = st.columns([2, 3])
            with kiri:
                perm, upaya = row["permasalahan"], row["upaya"]
                # text the unit typed: a permasalahan of [klik](http://…) shows as typed
                st.markdown("**Permasalahan:** "
                            + (fmt.aman_md(perm) if isinstance(perm, str) else "—"))
                st.markdown("**Upaya:** " + (fmt.aman_md(upaya) if isinstance(upaya, str) else "—"))
                st.caption(f"Dilaporkan oleh {fmt.aman_md(row['nama_unit'])}")
            with kanan:
                st.caption("Draf narasi (salin dengan tombol di pojok kanan atas)")
                st.code(teks[row["kode_indikator"]], language=None, wrap_lines=True)

# --- Over the years, Renstra, predikat, units -------------------------------------------
st.subheader("Realisasi dari tahun ke tahun")
pilihan_ind = ringkasan.daftar_indikator(df)
kode = st.selectbox("Indikator", list(pilihan_ind), key="ak_indikator",
                    format_func=lambda k: pilihan_ind[k])
ui.grafik(_riwayat(tahun, unit, sampai_tw, versi, sasaran, hanya_iku, kode), "ak_grafik_riwayat")

st.subheader("Kemajuan menuju target akhir Renstra")
ui.grafik(bagian["renstra"], "ak_grafik_renstra")
if (df["polaritas"] == "negatif").any():
    st.caption("Batang berarsir adalah indikator negatif (makin kecil makin baik): capaiannya "
               "dihitung dengan rumus negatif indikator itu, jadi di atas 100 % berarti realisasi "
               "masih di bawah batas target akhir, bukan melebihi target.")

st.subheader("Sebaran predikat dan perbandingan antarunit")
k1, k2 = st.columns([2, 3])
with k1:
    ui.grafik(bagian["predikat"], "ak_grafik_predikat")
with k2:
    if unit is None:
        ui.grafik(bagian["unit"], "ak_grafik_unit")
    else:
        st.info("Pilih **Semua unit** di samping untuk membandingkan capaian antarunit.")

# --- Downloads ---------------------------------------------------------------------------
st.subheader("Unduhan")
nama_unit = "semua_unit" if unit is None else unit
judul_unduhan = f"Capaian kinerja tahun {tahun} s.d. TW {ROMAWI[sampai_tw - 1]}"
st.download_button(
    "Unduh tabel capaian (xlsx)",
    # built when clicked, not on every run: thousands of rows take seconds at city scale
    lambda: tabel_xlsx({"Capaian": ringkasan.lembar_capaian(df),
                        "Per sasaran": kinerja.capaian_per_sasaran(df, skala).rename(
                            columns=ringkasan.LABEL_SASARAN),
                        "Narasi": narasi.lembar_narasi(df)}, judul=judul_unduhan),
    file_name=f"capaian_kinerja_{tahun}_{nama_unit}.xlsx", key="ak_unduh",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
