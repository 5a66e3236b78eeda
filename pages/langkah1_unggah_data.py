"""Unggah Data — SOP steps 1 and 5: templates out, files in, validation, revisions."""

import pandas as pd
import streamlit as st

from lkip_core import fmt, rekap, submisi
from lkip_core.analisis.versi import versi_data
from lkip_core.pengumpulan import JENIS, impor, pratinjau
from lkip_core.template import nama_template, tulis_template
from lkip_core.unduhan import tabel_xlsx
from pages import _bersama as ui


@st.cache_data(max_entries=4, show_spinner="Mengenali berkas …")
def _pratinjau(berkas: list[tuple[str, bytes]], versi: str) -> list[dict]:
    """Read once per set of files and data version, not on every rerun (typing a name)."""
    return pratinjau(ui.con(), berkas)


ui.judul("Unggah Data", "Langkah 1 & 5 SOP",
         "pengumpulan data realisasi kinerja dan keuangan dari setiap bidang, serta revisinya")
tahun = ui.tahun()
units = rekap.daftar_unit(ui.cur())
nama_unit = dict(zip(units["kode_unit"], units["nama_unit"]))

# --- Template -------------------------------------------------------------------------------
st.subheader("1. Unduh template unit")
if tahun is None or units.empty:
    st.info("Belum ada master. Unggah berkas master (unit, sasaran, indikator, target, anggaran) "
            "di bawah ini terlebih dahulu.")
else:
    c1, c2 = st.columns([3, 1])
    # Only units that owe data this year (the OPD row itself reports nothing).
    pilihan = rekap.kelengkapan(ui.cur(), tahun)["kode_unit"].tolist() or list(nama_unit)
    awal = pilihan.index(ui.kode_unit()) if ui.kode_unit() in pilihan else 0
    unit_t = c1.selectbox("Unit", pilihan, index=awal, format_func=lambda k: nama_unit[k],
                          key="unit_template")
    # Built when clicked: a template is written from the master, not on every rerun.
    c2.download_button("Unduh template", lambda: tulis_template(ui.con(), unit_t, tahun),
                       file_name=nama_template(unit_t, tahun), on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       width="stretch", key="unduh_template")
    c1.caption(f"Template berisi kode, nama, satuan, target PK dan pagu DPA {tahun} yang "
               "terkunci; unit cukup mengisi kolom realisasi, lalu mengirimnya kembali.")

# --- Upload ---------------------------------------------------------------------------------
st.subheader("2. Unggah berkas")
oleh = st.text_input("Nama pengunggah", key="oleh",
                     placeholder="mis. Staf Subbag Perencanaan",
                     help="Dicatat pada setiap kiriman (siapa dan kapan).")
files = st.file_uploader(
    "Berkas master, realisasi unit, atau LPJ (boleh beberapa sekaligus)",
    type=["xlsx", "xlsm", "xls", "ods", "csv"], accept_multiple_files=True, key="berkas")
with st.expander("Pilihan untuk berkas yang bukan dari template"):
    o1, o2, o3 = st.columns(3)
    jenis = o1.selectbox("Jenis berkas", ["otomatis", *JENIS], key="opsi_jenis")
    unit_opsi = o2.selectbox("Unit", ["otomatis", *nama_unit], key="opsi_unit",
                             format_func=lambda k: k if k == "otomatis" else nama_unit[k])
    tahun_opsi = o3.number_input("Tahun (0 = otomatis)", min_value=0, max_value=2100, value=0,
                                 step=1, key="opsi_tahun")

if files:
    berkas = [(f.name, f.getvalue()) for f in files]
    pra = pd.DataFrame(_pratinjau(berkas, versi_data(ui.cur())))
    pra["ukuran"] = [f"{fmt.angka(b / 1024, 1)} KB" for b in pra["ukuran"]]
    st.caption("Pratinjau: jenis berkas dikenali sebelum dimuat.")
    ui.tabel(pra, label={"file": "Berkas", "ukuran": "Ukuran", "jenis": "Jenis",
                         "kode_unit": "Unit", "tahun": "Tahun", "catatan": "Catatan"})
    if st.button("Periksa dan muat", type="primary", key="muat"):
        if not (oleh or "").strip():
            st.error("Isi nama pengunggah terlebih dahulu.")
        else:
            bar = st.progress(0.0, text="Mulai …")
            hasil = impor(
                ui.con(), berkas, jenis=None if jenis == "otomatis" else jenis,
                kode_unit=None if unit_opsi == "otomatis" else unit_opsi,
                tahun=int(tahun_opsi) or None, oleh=oleh,
                progress=lambda f, t: bar.progress(min(max(f, 0.0), 1.0), text=t))
            st.session_state["hasil_impor"] = hasil
            bar.empty()

hasil = st.session_state.get("hasil_impor")
if hasil is not None:
    for s in hasil.sama:
        st.info(f"{s['file']}: sama persis dengan kiriman aktif #{s['id']}; tidak ada yang berubah.")
    for s in hasil.submissions:
        unit = f", unit {s['kode_unit']}" if s["kode_unit"] else ""
        th = f", tahun {s['tahun']}" if s["tahun"] else ""
        st.success(f"{s['file']}: dimuat sebagai kiriman #{s['id']} ({s['jenis']}{unit}{th}, "
                   f"{fmt.angka(s['baris'], 0)} baris).")
    if not hasil.ok:
        # Whole-file problems (unreadable, wrong kind, missing sheet) read best as sentences.
        umum = [p for p in hasil.errors if p.row is None and p.column is None]
        teks = "".join(f"\n- **{p.file or 'Berkas'}**: {p.message}" for p in umum[:20])
        st.error(f"Ditolak: {fmt.angka(len(hasil.errors), 0)} galat ditemukan; tidak ada data "
                 "yang dimuat dan basis data tidak berubah. Perbaiki berkas sesuai daftar di "
                 "bawah, lalu unggah lagi." + teks)
    if hasil.errors or hasil.warnings:
        masalah = hasil.problems_frame()
        ui.tabel(masalah, key="tabel_masalah")
        st.download_button("Unduh daftar masalah (xlsx)",
                           lambda: tabel_xlsx({"Masalah": masalah}), on_click="ignore",
                           file_name="hasil_pemeriksaan.xlsx", key="unduh_masalah")

# --- History ----------------------------------------------------------------------------------
st.subheader("3. Riwayat kiriman")
riwayat = submisi.daftar(ui.cur(), tahun=tahun, kode_unit=ui.kode_unit())
if riwayat.empty:
    st.caption("Belum ada kiriman.")
else:
    tampil = riwayat[["id", "status", "jenis", "kode_unit", "tahun", "nama_berkas", "oleh",
                      "waktu", "baris", "peringatan"]]
    ui.tabel(tampil, label={"id": "No", "status": "Status", "jenis": "Jenis", "kode_unit": "Unit",
                            "tahun": "Tahun", "nama_berkas": "Berkas", "oleh": "Oleh",
                            "waktu": "Waktu", "baris": "Baris", "peringatan": "Peringatan"},
             key="tabel_riwayat")
    r1, r2 = st.columns(2)
    lama = riwayat[riwayat["status"] == "diganti"]
    if not lama.empty:
        sid = r1.selectbox("Aktifkan kembali kiriman lama", lama["id"].tolist(), key="rollback_id",
                           format_func=lambda i: f"#{i} — {lama.set_index('id').at[i, 'nama_berkas']}")
        if r1.button("Aktifkan kembali", key="rollback"):
            hasil_rb = submisi.rollback(ui.con(), int(sid))
            st.success(f"Kiriman #{hasil_rb['id']} aktif kembali.")
            st.rerun()
    sid_unduh = r2.selectbox("Unduh berkas asli", riwayat["id"].tolist(), key="unduh_id",
                             format_func=lambda i: f"#{i} — {riwayat.set_index('id').at[i, 'nama_berkas']}")
    nama = riwayat.set_index("id").at[sid_unduh, "nama_berkas"]
    r2.download_button("Unduh", lambda: submisi.isi_berkas(ui.cur(), int(sid_unduh))[1],
                       file_name=nama, on_click="ignore", key="unduh_asli")
