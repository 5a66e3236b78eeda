"""Log Audit — admin: who did what, as which role, when, to which object; filters and xlsx."""

import datetime as dt

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt
from lkip_core.unduhan import tabel_xlsx
from pages import _bersama as ui

SEMUA = "(semua)"
BATAS = 5000  # rows shown and downloaded at once; narrow the filters for older ones

ui.halaman("audit")
ui.judul("Log Audit", "Pengelolaan",
         "masuk dan keluar, impor (diterima dan ditolak), rollback, tinjauan, perubahan "
         "pengaturan dan jadwal, ekspor, perubahan akun; hanya ditambah, tidak pernah diubah")

semua = akun_inti.audit.daftar(ui.cur())
f1, f2, f3, f4 = st.columns(4)
tahun = f1.selectbox("Tahun", [SEMUA, *sorted(semua["tahun"].dropna().unique(), reverse=True)],
                     key="audit_tahun")
aksi = f2.selectbox("Aksi", [SEMUA, *sorted(semua["aksi"].dropna().unique())], key="audit_aksi",
                    format_func=lambda a: str(a).replace("_", " "))  # "akun tambah", not a key
oleh = f3.selectbox("Oleh", [SEMUA, *sorted(semua["oleh"].dropna().unique())], key="audit_oleh")
rentang = f4.date_input("Tanggal", value=(), format="DD/MM/YYYY", key="audit_tanggal",
                        max_value=dt.date.today(), help="Kosongkan untuk semua tanggal.")
hanya_gagal = st.toggle("Hanya yang gagal atau ditolak", key="audit_gagal")

sejak = rentang[0] if len(rentang) >= 1 else None
sampai = rentang[1] if len(rentang) == 2 else sejak
df = akun_inti.audit.daftar(
    ui.cur(), tahun=None if tahun == SEMUA else int(tahun), aksi=None if aksi == SEMUA else aksi,
    oleh=None if oleh == SEMUA else oleh, sejak=sejak, sampai=sampai)
if hanya_gagal:
    df = df[~df["berhasil"].astype(bool)]
tabel = akun_inti.audit.ke_tabel(df.head(BATAS))
tabel["Aksi"] = tabel["Aksi"].map(lambda a: a.replace("_", " ") if isinstance(a, str) else a)
# the long details last: who, what and when readable without scrolling
tabel = tabel[[c for c in tabel.columns if c != "Rincian"] + ["Rincian"]]
m1, m2, m3 = st.columns(3)
m1.metric("Catatan", fmt.angka(len(df), 0))
m2.metric("Gagal atau ditolak", fmt.angka(int((~df["berhasil"].astype(bool)).sum()), 0))
m3.metric("Orang", fmt.angka(df["oleh"].nunique(), 0))
if len(df) > BATAS:
    st.caption(f"{fmt.angka(BATAS, 0)} catatan terbaru ditampilkan dan diunduh; persempit "
               "saringan untuk yang lebih lama.")
ui.tabel(tabel, key="tabel_audit", column_config={
    "Waktu": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm:ss", width=150),
    "Oleh": st.column_config.TextColumn(width=100), "Peran": st.column_config.TextColumn(width=80),
    "Aksi": st.column_config.TextColumn(width=150), "Objek": st.column_config.TextColumn(width=160),
    "Tahun": st.column_config.NumberColumn(width=60, format="%d"),
    "Berhasil": st.column_config.TextColumn(width=75),
    "Rincian": st.column_config.TextColumn(width=400)})
st.download_button("Unduh log audit (xlsx)", lambda: tabel_xlsx(
    {"Audit": tabel}, judul="Log audit LKIP Dashboard"), on_click="ignore",
    file_name=f"audit_lkip_{dt.date.today():%Y%m%d}.xlsx", key="unduh_audit",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:")
