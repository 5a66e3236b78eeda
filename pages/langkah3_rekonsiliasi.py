"""Rekonsiliasi — SOP steps 3–5: findings, their review, correction workbooks, the loop."""

import dataclasses

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt
from lkip_core.grafik import rekonsiliasi as grafik_rk
from lkip_core.rekonsiliasi import (
    STATUS_TINJAUAN,
    catat_temuan,
    kemajuan,
    rekonsiliasi,
    rincian,
    riwayat_tinjauan,
    saring,
    segarkan,
    tinjau,
)
from lkip_core.rekonsiliasi.aturan import DAFTAR
from lkip_core.rekonsiliasi.koreksi import buku_koreksi, nama_koreksi, semua_koreksi, unit_koreksi
from lkip_core.rekonsiliasi.laporan import TANPA_UNIT, label_status, label_temuan, periode, waktu
from pages import _bersama as ui

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

saya = ui.halaman("rekonsiliasi")
ui.judul("Rekonsiliasi", "Langkah 3–5 SOP",
         "pemeriksaan ulang data unit terhadap LPJ, Perjanjian Kinerja dan DPA; koreksi oleh "
         "bidang dan revisi data")
tahun = ui.tahun()
if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master, realisasi unit "
            "dan LPJ.")
    st.stop()
unit = ui.kode_unit()

# --- Run (again when the data, the year or the unit changed, or on request) --------------------


@st.cache_resource(max_entries=8, show_spinner="Mencocokkan data unit dengan LPJ, PK dan DPA …")
def _laporan(tahun: int, unit: str | None, versi: str):
    """One run per data version for every session (recorded once: the same data gives the same
    findings), shared, not copied: the page only reads it. City scale ~0,5 s, which every
    person's first visit used to spend again (and record again)."""
    return rekonsiliasi(ui.cur(), tahun, unit)


versi = ui.versi()
tanda = (tahun, unit, versi)
simpan = st.session_state.get("rk_laporan")
ulang = st.button("Jalankan ulang rekonsiliasi", key="rk_jalankan",
                  help="Rekonsiliasi berjalan sendiri setiap kali data berubah; tombol ini "
                       "menjalankannya lagi sekarang.")
if ulang:
    bar = st.progress(0.0, text="Menyiapkan rekonsiliasi …")
    with st.spinner("Mencocokkan data unit dengan LPJ, PK dan DPA …"):
        laporan = rekonsiliasi(ui.cur(), tahun, unit,
                               progress=lambda f, t: bar.progress(min(max(f, 0.0), 1.0), text=t))
    bar.empty()
    st.session_state["rk_laporan"] = (tanda, laporan)
elif simpan is not None and simpan[0] == tanda:
    laporan = simpan[1]  # this session's own run (asked for) or its refresh after a review
else:
    laporan = _laporan(tahun, unit, versi)
pesan_tinjau = st.session_state.pop("rk_pesan", None)  # shown under the button that saved

# --- Filters ---------------------------------------------------------------------------------
pilihan = laporan.pilihan()
f1, f2, f3, f4 = st.columns(4)
f_aturan = f1.multiselect("Aturan", pilihan["aturan"], key="rk_aturan", placeholder="Semua",
                          select_all=False,
                          format_func=lambda k: f"{k} · {DAFTAR[k].nama}")
f_tingkat = f2.multiselect("Tingkat", pilihan["tingkat"], key="rk_tingkat", placeholder="Semua",
                          select_all=False)
nama_unit = dict(zip(laporan.semua()["kode_unit"], laporan.semua()["nama_unit"]))
f_unit = f3.multiselect(
    "Unit", pilihan["kode_unit"], key="rk_unit", placeholder="Semua", select_all=False,
    format_func=lambda k: "Tanpa unit" if k == TANPA_UNIT else (nama_unit.get(k) or k),
    disabled=unit is not None,
    help=f"Unit dipilih di samping: {nama_unit.get(unit) or unit}" if unit else None)
f_status = f4.multiselect("Status", pilihan["status"], key="rk_status", placeholder="Semua",
                          select_all=False,
                          format_func=label_status)
# Every tile, chart and table below shows the findings the filters keep.
saringan = {"aturan": f_aturan, "tingkat": f_tingkat, "kode_unit": f_unit, "status": f_status}
semua_temuan = len(laporan.semua())
laporan = dataclasses.replace(laporan, temuan=saring(laporan.temuan, **saringan),
                              teratasi=saring(laporan.teratasi, **saringan))
tampil = laporan.semua()
if any(saringan.values()):
    st.caption(f"**Menampilkan {fmt.angka(len(tampil), 0)} dari {fmt.angka(semua_temuan, 0)} "
               "temuan** menurut saringan di atas: angka, grafik dan tabel di bawah mengikutinya.")
else:
    st.caption(f"Menampilkan semua {fmt.angka(semua_temuan, 0)} temuan.")

# --- Headline metrics --------------------------------------------------------------------------
m1, m2, m3, m4, m5 = st.columns(5)
m1.metric("Temuan", fmt.angka(len(laporan.temuan), 0), help="Temuan yang masih terjadi pada data.")
m2.metric("Galat", fmt.angka(laporan.per_tingkat["galat"], 0), help="Wajib diperbaiki.")
m3.metric("Peringatan", fmt.angka(laporan.per_tingkat["peringatan"], 0), help="Perlu diperiksa.")
m4.metric("Masih terbuka", fmt.angka(len(laporan.terbuka), 0),
          help="Berstatus baru atau sedang diperiksa.")
m5.metric("Teratasi", fmt.angka(len(laporan.teratasi), 0),
          help="Temuan lama yang tidak terjadi lagi setelah data direvisi.")
st.caption(f"Tahun {tahun}, "
           + (f"unit {fmt.aman_md(nama_unit.get(unit) or unit)}" if unit else "semua unit")
           + f" · dihitung dalam {fmt.angka(laporan.detik)} detik"
           + (f" · rekonsiliasi ke-{laporan.run_id}" if laporan.run_id else ""))

# --- Charts ------------------------------------------------------------------------------------
g1, g2 = st.columns([3, 2])
ui.grafik(grafik_rk.per_aturan(laporan), "rk_grafik_aturan", g1)
ui.grafik(grafik_rk.per_unit(laporan), "rk_grafik_unit", g2)
with st.expander("Ringkasan per aturan"):
    ui.tabel(laporan.ringkasan(), key="rk_ringkasan",
             label={"aturan": "Aturan", "nama": "Nama", "tingkat": "Tingkat",
                    "temuan": "Temuan", "terbuka": "Masih terbuka", "teratasi": "Teratasi"})

# --- Findings table ----------------------------------------------------------------------------
st.subheader("Daftar temuan")
kolom = ["status", "aturan", "nama_aturan", "tingkat", "triwulan", "kode_unit", "kode_objek",
         "pesan", "nilai_unit", "nilai_pembanding", "selisih", "teratasi_waktu"]
# The message is what a person reads: room for it, wrapped (rows over 4rem wrap text).
ui.tabel(tampil[kolom], angka=["nilai_unit", "nilai_pembanding", "selisih"], key="rk_tabel",
         row_height=68, column_config={
             "Status": st.column_config.Column(width=75),
             "Aturan": st.column_config.Column(width=60),
             "Nama aturan": st.column_config.Column(width=140),
             "Tingkat": st.column_config.Column(width=80),
             "TW": st.column_config.Column(width=45),
             "Unit": st.column_config.Column(width=70),
             "Objek": st.column_config.Column(width=130),
             "Pesan": st.column_config.Column(width=420)},
         label={"status": "Status", "aturan": "Aturan", "nama_aturan": "Nama aturan",
                "tingkat": "Tingkat", "triwulan": "TW", "kode_unit": "Unit",
                "kode_objek": "Objek", "pesan": "Pesan", "nilai_unit": "Nilai unit",
                "nilai_pembanding": "Pembanding", "selisih": "Selisih",
                "teratasi_waktu": "Teratasi pada"})
st.caption(f"Menampilkan {fmt.angka(len(tampil), 0)} dari {fmt.angka(semua_temuan, 0)} temuan.")

# --- One finding: its figures, what contradicts them, its review --------------------------------
st.subheader("Rincian dan tinjauan temuan")
if tampil.empty:
    st.info("Tidak ada temuan yang cocok dengan saringan.")
else:
    label = {r["kunci"]: label_temuan(r) for r in tampil.to_dict("records")}
    kunci = st.selectbox("Temuan", list(label), key="rk_pilih", format_func=label.get)
    r = laporan.baris(kunci)
    st.markdown(f"**{r['aturan']} · {r['nama_aturan']}** ({r['tingkat']}) · "
                f"{periode(r['triwulan'])} · "
                f"{fmt.aman_md(r['nama_unit'] or r['kode_unit'] or 'tanpa unit')} · status "
                f"**{label_status(r['status'])}**")
    # the message quotes codes and names from uploaded files: shown as text, never as links
    (st.success if r["status"] == "teratasi" else st.warning)(fmt.aman_md(r["pesan"]))
    rinci = rincian(r, ui.cur())
    k1, k2 = st.columns([2, 3])
    if "angka" in rinci:
        with k1:
            st.caption("Angka unit dan pembandingnya")
            ui.tabel(rinci["angka"], key="rk_rinci_angka")
    if "tw" in rinci:
        with k2:
            st.caption("Per triwulan")
            kolom_tw = [c for c in rinci["tw"].columns
                        if c not in ("TW", "Dilaporkan") and not c.startswith("Baris")]
            ui.tabel(rinci["tw"], key="rk_rinci_tw",
                     rupiah=[c for c in kolom_tw if "(Rp)" in c],
                     angka=[c for c in kolom_tw if "(Rp)" not in c])
    detail = r["detail"] or {}
    if "lpj_judul" in detail:
        n = detail.get("lpj_jumlah_baris", 0)
        if "lpj" in rinci:
            st.caption(f"{fmt.aman_md(detail['lpj_judul'])}: {fmt.angka(len(rinci['lpj']), 0)} dari "
                       f"{fmt.angka(n, 0)} baris (tanggal dan nomor SP2D)")
            ui.tabel(rinci["lpj"], rupiah=["Jumlah (Rp)"], key="rk_rinci_lpj")
        else:
            st.caption(f"{fmt.aman_md(detail['lpj_judul'])}: tidak ada baris LPJ.")
    if r["status"] == "teratasi":
        st.caption(f"Tidak terjadi lagi sejak {waktu(r['teratasi_waktu'])}"
                   + (" (angka di atas: keadaan terakhir sebelum diperbaiki)." if "angka" in rinci
                      else "."))

    with st.container(border=True):
        if akun_inti.boleh(saya, "tinjau_temuan"):
            t1, t2 = st.columns([1, 3])
            status_baru = t1.selectbox("Status tinjauan", STATUS_TINJAUAN, key="rk_status_baru",
                                       format_func=label_status)
            catatan = t2.text_input("Catatan", key="rk_catatan",
                                    placeholder="mis. sudah dikonfirmasi ke PPTK, tunggu revisi")
            if st.button("Simpan tinjauan", key="rk_simpan", type="primary"):
                try:
                    hasil = tinjau(ui.con(), kunci, status_baru, catatan, oleh=saya)
                except ui.LkipError as exc:
                    st.error(str(exc))
                else:
                    st.session_state["rk_laporan"] = (tanda, segarkan(ui.cur(), laporan))
                    st.session_state["rk_pesan"] = (
                        f"Tinjauan disimpan: {r['aturan']} · {periode(r['triwulan'])} · "
                        f"{fmt.aman_md(r['nama_unit'] or r['kode_unit'] or 'tanpa unit')} · "
                        f"{fmt.aman_md(r['kode_objek'] or '')} → "
                        f"{label_status(hasil['status'])} oleh {fmt.aman_md(saya.nama_tampil)}.")
                    st.rerun()
            if pesan_tinjau:
                st.success(pesan_tinjau)
        elif akun_inti.boleh(saya, "catatan_temuan", r["kode_unit"]):
            t2, t3 = st.columns([3, 1], vertical_alignment="bottom")
            catatan = t2.text_input("Catatan unit", key="rk_catatan",
                                    placeholder="mis. sudah diperbaiki dan dikirim ulang")
            if t3.button("Kirim catatan", key="rk_catat", type="primary"):
                try:
                    catat_temuan(ui.con(), kunci, catatan, oleh=saya)
                except ui.LkipError as exc:
                    st.error(str(exc))
                else:
                    st.session_state["rk_pesan"] = (
                        f"Catatan untuk {r['aturan']} · {periode(r['triwulan'])} · "
                        f"{fmt.aman_md(r['kode_objek'] or '')} disimpan.")
                    st.rerun()
            if pesan_tinjau:
                st.success(pesan_tinjau)
            st.caption("Status temuan ditetapkan Subbag Perencanaan; catatan Anda tampil di "
                       "riwayat di bawah.")
        riwayat = riwayat_tinjauan(ui.cur(), kunci)
        if riwayat.empty:
            st.caption("Belum pernah ditinjau.")
        else:
            ui.tabel(riwayat[["waktu", "jenis", "status", "catatan", "oleh"]], key="rk_riwayat",
                     label={"waktu": "Waktu", "jenis": "Jenis", "status": "Status",
                            "catatan": "Catatan", "oleh": "Oleh"})

# --- The correction loop -----------------------------------------------------------------------
st.subheader("Kemajuan koreksi per unit")
maju = kemajuan(ui.cur(), tahun, unit)
if f_unit:
    maju = saring(maju, kode_unit=f_unit)
if f_aturan or f_tingkat or f_status:
    st.caption("Kemajuan koreksi dihitung atas semua aturan, tingkat dan status; dari saringan di "
               "atas hanya **Unit** yang berlaku di sini.")
ui.grafik(grafik_rk.kemajuan_koreksi(maju, "Sudah diselesaikan dan masih terbuka"),
          "rk_grafik_kemajuan")
ui.tabel(maju, key="rk_kemajuan",
         label={"kode_unit": "Kode", "nama_unit": "Unit", "ditemukan": "Ditemukan",
                "teratasi": "Teratasi oleh data", "selesai": "Selesai / diterima",
                "diselesaikan": "Sudah diselesaikan", "terbuka": "Masih terbuka"})

# --- Downloads ---------------------------------------------------------------------------------
st.subheader("Unduh")
d1, d2, d3, d4 = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
units = unit_koreksi(ui.cur(), tahun, laporan) if unit is None else [unit]
if units and akun_inti.cakupan(saya, "koreksi_unduh"):
    u_koreksi = d1.selectbox("Buku koreksi unit", units, key="rk_unit_koreksi")
    d2.download_button(
        "Unduh buku koreksi",
        ui.dengan_db(lambda: buku_koreksi(ui.con(), tahun, u_koreksi, oleh=saya, laporan=laporan)),
        file_name=nama_koreksi(u_koreksi, tahun), mime=XLSX, key="rk_unduh_koreksi",
        on_click="ignore",
        icon=":material/edit_document:", help="Temuan terbuka unit ini dan datanya dalam tata letak template; "
                       "unit memperbaiki sel kuning lalu mengirimnya kembali untuk diunggah.")
    if akun_inti.boleh(saya, "koreksi_unduh"):  # every unit at once: not an operator's
        d3.download_button(
            "Unduh semua (zip)",
            ui.dengan_db(lambda: semua_koreksi(ui.con(), tahun, oleh=saya, laporan=laporan)),
            file_name=f"koreksi_{tahun}.zip", mime="application/zip", key="rk_unduh_semua",
            on_click="ignore", icon=":material/folder_zip:", help="Buku koreksi setiap unit dalam satu berkas zip.")
d4.download_button("Unduh temuan (xlsx)", laporan.to_xlsx, file_name=f"temuan_{tahun}.xlsx",
                   mime=XLSX, key="rk_unduh_temuan", on_click="ignore", icon=":material/download:")
