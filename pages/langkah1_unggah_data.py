"""Unggah Data — SOP steps 1 and 5: templates out, files in, validation, revisions."""

import pandas as pd
import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt, pengaturan
from lkip_core.analisis.versi import versi_data
from lkip_core.masukan import rekap, submisi
from lkip_core.masukan.impor import JENIS, impor, pratinjau
from lkip_core.masukan.template import nama_template, tulis_template
from lkip_core.unduhan import tabel_xlsx
from pages import _bersama as ui
from pages import _dialog

# What each kind of file needs (lkip_core.akun.IZIN): a bendahara sends LPJ only, an operator
# its unit's realisasi only, the admin everything.
IZIN_JENIS = {"master": "unggah_master", "realisasi": "unggah_realisasi", "lpj": "unggah_lpj"}


@st.cache_data(max_entries=4, show_spinner="Mengenali berkas …")
def _pratinjau(berkas: list[tuple[str, bytes]], versi: str) -> list[dict]:
    """Read once per set of files and data version, not on every rerun (typing a name)."""
    return pratinjau(ui.con(), berkas)


saya = ui.halaman("unggah")
ui.judul("Unggah Data", "Langkah 1 & 5 SOP",
         "pengumpulan data realisasi kinerja dan keuangan dari setiap bidang, serta revisinya")
tahun = ui.tahun()
units = rekap.daftar_unit(ui.cur())
nama_unit = dict(zip(units["kode_unit"], units["nama_unit"]))
sendiri = ui.unit_sendiri()
jenis_boleh = [j for j in JENIS if akun_inti.cakupan(saya, IZIN_JENIS[j])]

# --- Template -------------------------------------------------------------------------------
if not akun_inti.cakupan(saya, "unduh_template"):
    pass  # the bendahara sends the LPJ as exported from its own books: no template
elif tahun is None or units.empty:
    st.subheader("1. Unduh template unit")
    st.info("Belum ada master. Unggah berkas master (unit, sasaran, indikator, target, anggaran) "
            "di bawah ini terlebih dahulu." if "master" in jenis_boleh else
            "Belum ada master; template tersedia setelah Subbag Perencanaan mengunggahnya.")
else:
    st.subheader("1. Unduh template unit")
    c1, c2 = st.columns([3, 1])
    # Only units that owe data this year (the OPD row itself reports nothing); an operator's own.
    pilihan = ([sendiri] if sendiri else
               rekap.kelengkapan(ui.cur(), tahun)["kode_unit"].tolist() or list(nama_unit))
    awal = pilihan.index(ui.kode_unit()) if ui.kode_unit() in pilihan else 0
    if st.session_state.get("_unit_template_dari") != ui.kode_unit():
        # the sidebar's unit changed: the picker follows it (index= only sets the first value)
        st.session_state["_unit_template_dari"] = ui.kode_unit()
        st.session_state.pop("unit_template", None)
    unit_t = c1.selectbox("Unit", pilihan, index=awal, format_func=lambda k: nama_unit[k],
                          key="unit_template")
    # Built when clicked: a template is written from the master, not on every rerun.
    c2.download_button("Unduh template", ui.dengan_db(lambda: tulis_template(ui.con(), unit_t, tahun)),
                       file_name=nama_template(unit_t, tahun), on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       width="stretch", key="unduh_template")
    c1.caption(f"Template berisi kode, nama, satuan, target PK dan pagu DPA {tahun} yang "
               "terkunci; unit cukup mengisi kolom realisasi, lalu mengirimnya kembali.")

# --- Upload ---------------------------------------------------------------------------------
st.subheader("2. Unggah berkas" if akun_inti.cakupan(saya, "unduh_template") else "Unggah LPJ")
NAMA_JENIS = {"master": "master", "realisasi": "realisasi unit", "lpj": "LPJ"}
apa = [NAMA_JENIS[j] for j in jenis_boleh]
files = st.file_uploader(
    (f"Berkas realisasi unit {sendiri}" if sendiri else
     "Berkas " + (", ".join(apa[:-1]) + ", atau " if len(apa) > 1 else "") + apa[-1])
    + " (boleh beberapa sekaligus)",
    type=["xlsx", "xlsm", "xls", "ods", "csv"], accept_multiple_files=True, key="berkas",
    max_upload_size=int(pengaturan.baca(ui.cur(), "batas_unggah_mb")))  # the core checks it too
st.caption(f"Dikirim atas nama **{fmt.aman_md(saya.nama_tampil)}** (`{saya.nama_pengguna}`); nama "
           "dan waktunya dicatat pada setiap kiriman.")
with st.expander("Pilihan untuk berkas yang bukan dari template"):
    o1, o2, o3 = st.columns(3)
    jenis = o1.selectbox("Jenis berkas", ["otomatis", *jenis_boleh], key="opsi_jenis")
    unit_opsi = o2.selectbox("Unit", ["otomatis", *([sendiri] if sendiri else nama_unit)],
                             key="opsi_unit",
                             format_func=lambda k: k if k == "otomatis" else nama_unit.get(k, k))
    tahun_opsi = o3.number_input("Tahun (0 = otomatis)", min_value=0, max_value=2100, value=0,
                                 step=1, key="opsi_tahun")

if files:
    berkas = [(f.name, f.getvalue()) for f in files]
    pra = pd.DataFrame(_pratinjau(berkas, versi_data(ui.cur())))
    pra["ukuran"] = [fmt.ukuran(b) for b in pra["ukuran"]]
    st.caption("Pratinjau: jenis berkas dikenali sebelum dimuat.")
    ui.tabel(pra, label={"file": "Berkas", "ukuran": "Ukuran", "jenis": "Jenis",
                         "kode_unit": "Unit", "tahun": "Tahun", "catatan": "Catatan"})
    if st.button("Periksa dan muat", type="primary", key="muat"):
        st.session_state.pop("hasil_impor", None)  # a refusal below must not show the last one
        bar = st.progress(0.0, text="Mulai …")
        hasil = impor(
            ui.con(), berkas, jenis=None if jenis == "otomatis" else jenis,
            kode_unit=None if unit_opsi == "otomatis" else unit_opsi,
            tahun=int(tahun_opsi) or None, oleh=saya,
            progress=lambda f, t: bar.progress(min(max(f, 0.0), 1.0), text=t))
        st.session_state["hasil_impor"] = hasil
        bar.empty()

hasil = st.session_state.get("hasil_impor")
if hasil is not None:
    for s in hasil.sama:
        st.info(f"{fmt.aman_md(s['file'])}: sama persis dengan kiriman aktif #{s['id']}; tidak "
                "ada yang berubah.")
    for s in hasil.submissions:
        unit = f", unit {s['kode_unit']}" if s["kode_unit"] else ""
        th = f", tahun {s['tahun']}" if s["tahun"] else ""
        st.success(f"{fmt.aman_md(s['file'])}: dimuat sebagai kiriman #{s['id']} ({s['jenis']}{unit}{th}, "
                   f"{fmt.angka(s['baris'], 0)} baris).")
    for m in hasil.menggantikan:
        st.info(f"{fmt.aman_md(m['file'])} menggantikan kiriman #{m['id']} "
                f"({fmt.aman_md(m['nama_berkas'])}) yang dikirim {fmt.aman_md(m['oleh'])} "
                f"{m['detik']} detik sebelumnya; kiriman itu tetap ada di riwayat.")
    for s in hasil.submissions:
        baru = submisi.pengganti(ui.cur(), s["id"])
        if baru is not None:  # someone sent the same unit and year after this upload
            st.warning(f"Kiriman #{s['id']} sudah digantikan oleh kiriman #{baru['id']} "
                       f"({fmt.aman_md(baru['nama_berkas'])}) dari {fmt.aman_md(baru['oleh'])} pada "
                       f"{baru['waktu']:%d/%m/%Y %H:%M}. Periksa riwayat di bawah.")
    if not hasil.ok:
        # Whole-file problems (unreadable, wrong kind, missing sheet) read best as sentences.
        umum = [p for p in hasil.errors if p.row is None and p.column is None]
        teks = "".join(f"\n- **{fmt.aman_md(p.file or 'Berkas')}**: {fmt.aman_md(p.message)}"
                       for p in umum[:20])
        st.error(f"Ditolak: {fmt.angka(len(hasil.errors), 0)} galat ditemukan; tidak ada data "
                 "yang dimuat dan basis data tidak berubah. Perbaiki berkas sesuai daftar di "
                 "bawah, lalu unggah lagi." + teks)
    if hasil.errors or hasil.warnings:
        masalah = hasil.problems_frame()
        # The message is what a person reads: it gets the room, the rest only what it needs.
        # rows taller than 4rem let the message wrap (Streamlit wraps text only then)
        ui.tabel(masalah, key="tabel_masalah", row_height=68, column_config={
            "Tingkat": st.column_config.TextColumn(width=90),
            "Berkas": st.column_config.TextColumn(width=160),
            "Sheet": st.column_config.TextColumn(width=80),
            "Baris": st.column_config.NumberColumn(width=60),
            "Kolom": st.column_config.TextColumn(width=150),
            "Nilai": st.column_config.TextColumn(width=90),
            "Pesan": st.column_config.TextColumn(width=520)})
        st.download_button("Unduh daftar masalah (xlsx)",
                           lambda: tabel_xlsx({"Masalah": masalah}), on_click="ignore",
                           file_name="hasil_pemeriksaan.xlsx", key="unduh_masalah")

def _kiriman(i: int) -> str:
    """A submission in words: "#12 (realisasi_BID1.xlsx, realisasi unit BID1 tahun 2025)"."""
    r = riwayat.set_index("id").loc[i]
    unit = f" {r['kode_unit']}" if isinstance(r["kode_unit"], str) else ""
    th = f" tahun {int(r['tahun'])}" if pd.notna(r["tahun"]) else ""
    return (f"#{i} ({fmt.aman_md(r['nama_berkas'])}, {NAMA_JENIS.get(r['jenis'], r['jenis'])}"
            f"{unit}{th})")


def _tanya_rollback(sid: int) -> str:
    r = riwayat.set_index("id").loc[sid]
    sama = riwayat[["jenis", "kode_unit", "tahun"]].astype(str) == [
        str(r["jenis"]), str(r["kode_unit"]), str(r["tahun"])]
    aktif = riwayat[(riwayat["status"] == "aktif") & sama.all(axis=1)]
    sekarang = "; ".join(_kiriman(i) for i in aktif["id"]) or "—"
    return (f"Kiriman **{_kiriman(sid)}**, dikirim {fmt.aman_md(r['oleh'])} pada "
            f"{r['waktu']:%d/%m/%Y %H:%M}, akan dipakai lagi untuk rekap, rekonsiliasi dan "
            f"lampiran. Yang sekarang aktif: {sekarang}.")


def _pesan_rollback(h: dict) -> str:
    diganti = ", ".join(_kiriman(i) if i in set(riwayat["id"]) else f"#{i}" for i in h["diganti"])
    return (f"Kiriman {_kiriman(h['id'])} aktif kembali"
            + (f"; {diganti} kini berstatus diganti dan tetap ada di riwayat." if diganti else "."))


# --- History ----------------------------------------------------------------------------------
st.subheader("3. Riwayat kiriman")
riwayat = submisi.daftar(ui.cur(), tahun=tahun, kode_unit=ui.kode_unit())
peristiwa = submisi.riwayat(ui.cur(), tahun=tahun, kode_unit=ui.kode_unit())
if riwayat.empty and peristiwa.empty:
    st.caption("Belum ada kiriman.")
else:
    t_kiriman, t_peristiwa = st.tabs(["Kiriman", "Semua peristiwa (termasuk yang ditolak)"])
    with t_kiriman:
        # who and when right after the file: in view without scrolling, even at 1280 px
        tampil = riwayat[["id", "status", "nama_berkas", "oleh", "waktu", "jenis", "kode_unit",
                          "tahun", "baris", "peringatan"]]
        ui.tabel(tampil, key="tabel_riwayat", label={
            "id": "No", "status": "Status", "jenis": "Jenis", "kode_unit": "Unit",
            "tahun": "Tahun", "nama_berkas": "Berkas", "oleh": "Oleh", "waktu": "Waktu",
            "baris": "Baris", "peringatan": "Peringatan"}, column_config={
            "No": st.column_config.NumberColumn(width=50),
            "Status": st.column_config.TextColumn(width=75),
            "Berkas": st.column_config.TextColumn(width=230),
            "Oleh": st.column_config.TextColumn(width=100),
            "Waktu": st.column_config.DatetimeColumn(width=130, format="DD/MM/YYYY HH:mm"),
            "Jenis": st.column_config.TextColumn(width=80),
            "Unit": st.column_config.TextColumn(width=75),
            "Tahun": st.column_config.NumberColumn(width=60, format="%d"),
            "Baris": st.column_config.NumberColumn(width=65),
            "Peringatan": st.column_config.NumberColumn(width=100)})
    with t_peristiwa:
        ev = peristiwa.assign(
            peristiwa=peristiwa["peristiwa"].map(submisi.LABEL_PERISTIWA),
            berhasil=peristiwa["berhasil"].map({True: "ya", False: "tidak"}),
            tahun=[", ".join(map(str, t)) if isinstance(t, list)
                   else None if t is None or t != t else str(int(t))
                   for t in peristiwa["tahun"]])
        ui.tabel(ev, key="tabel_peristiwa", label={
            "waktu": "Waktu", "peristiwa": "Peristiwa", "berhasil": "Berhasil", "oleh": "Oleh",
            "peran": "Peran", "jenis": "Jenis", "kode_unit": "Unit", "tahun": "Tahun",
            "nama_berkas": "Berkas", "submission_id": "Kiriman", "keterangan": "Keterangan"},
            column_config={
                "Waktu": st.column_config.DatetimeColumn(width=140, format="DD/MM/YYYY HH:mm"),
                "Peristiwa": st.column_config.TextColumn(width=150),
                "Berhasil": st.column_config.TextColumn(width=70),
                "Oleh": st.column_config.TextColumn(width=100),
                "Peran": st.column_config.TextColumn(width=80),
                "Kiriman": st.column_config.NumberColumn(width=70),
                "Keterangan": st.column_config.TextColumn(width=360)})
if not riwayat.empty:
    r1, r2 = st.columns(2)
    per_id = riwayat.set_index("id")
    lama = riwayat[riwayat["status"] == "diganti"]
    if not lama.empty and akun_inti.boleh(saya, "rollback"):
        sid = r1.selectbox("Aktifkan kembali kiriman lama", lama["id"].tolist(), key="rollback_id",
                           format_func=lambda i: f"#{i} — {per_id.at[i, 'nama_berkas']}")
        if r1.button("Aktifkan kembali …", key="rollback", icon=":material/history:"):
            _dialog.tanya("rollback", int(sid))
        if (sid_ya := _dialog.dijawab(
                "rollback", "Aktifkan kembali kiriman lama?", _tanya_rollback,
                ya="Ya, aktifkan kembali",
                catatan="Kiriman yang sekarang aktif tidak dihapus: ia tetap di riwayat sebagai "
                        "diganti dan bisa diaktifkan kembali dengan cara yang sama.")) is not None:
            hasil_rb = submisi.rollback(ui.con(), int(sid_ya), oleh=saya)
            _dialog.pesan("rollback", _pesan_rollback(hasil_rb))
            st.rerun()
    with r1:
        _dialog.tampilkan("rollback")
    sid_unduh = r2.selectbox("Unduh berkas asli", riwayat["id"].tolist(), key="unduh_id",
                             format_func=lambda i: f"#{i} — {per_id.at[i, 'nama_berkas']}")
    nama = per_id.at[sid_unduh, "nama_berkas"]
    r2.download_button("Unduh", ui.dengan_db(lambda: submisi.isi_berkas(ui.cur(), int(sid_unduh))[1]),
                       file_name=nama, on_click="ignore", key="unduh_asli")
