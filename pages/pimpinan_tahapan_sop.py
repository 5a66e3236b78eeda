"""Tahapan SOP — the 12 steps of SOP 065/767-1.01/BKPSDM with their mutu baku and actors: the
plan in working days, what really happened, which steps are late, and where each step is done
in the app."""

import datetime as dt

import streamlit as st

from lkip_core import akun as akun_inti
from lkip_core import fmt
from lkip_core.errors import LkipError
from lkip_core.grafik.tahapan import gantt
from lkip_core.pimpinan import ringkasan, tahapan
from pages import _bersama as ui
from pages import _dialog

BATAS_PERINGATAN = 5  # late steps listed by name; the rest counted
# The page that serves each SOP step (keys of app.py's navigation, lkip_core.akun.HALAMAN).
HALAMAN_LANGKAH = {1: "unggah", 2: "rekap", 3: "rekonsiliasi", 4: "rekonsiliasi",
                   5: "rekonsiliasi", 6: "analisis", 7: "lampiran", 10: "lampiran",
                   12: "lampiran"}


@st.cache_data(max_entries=8, show_spinner="Memeriksa kelengkapan dan temuan …")
def _kesiapan(tahun: int, versi: str) -> ringkasan.Kesiapan:
    """Which units sent and which galat findings are open: the reconciliation behind the live
    status, computed once per data version and shared by every session."""
    return ringkasan.kesiapan(ui.cur(), tahun)


saya = ui.halaman("tahapan")
ubah = akun_inti.boleh(saya, "tahapan")  # the admin sets the schedule; pimpinan read it
ui.judul("Tahapan SOP", "SOP 065/767-1.01/BKPSDM",
         f"{len(tahapan.LANGKAH)} langkah penyusunan LKIP, mutu baku "
         f"{fmt.angka(tahapan.TOTAL_HARI, 0)} hari kerja: rencana, realisasi dan keterlambatan")
tahun = ui.tahun()
if tahun is None:
    st.info("Belum ada data. Buka halaman Unggah Data untuk mengunggah master dan realisasi.")
    st.stop()

# Date inputs are keyed per step; a different year must not show the previous year's dates.
if st.session_state.get("_tahapan_tahun") != tahun:
    for k in [k for k in st.session_state if str(k).startswith(("tahapan_", "aktual_"))]:
        del st.session_state[k]
    st.session_state["_tahapan_tahun"] = tahun

hari_ini = dt.date.today()
tersimpan = tahapan.baca_rencana(ui.cur(), tahun)
# LKIP N is written early in N+1 (due by the end of March): a preview for another year starts
# on 2 January of N+1, not today; in N+1 itself, today.
mulai_bawaan = hari_ini if hari_ini.year == tahun + 1 else dt.date(tahun + 1, 1, 2)

# --- The plan --------------------------------------------------------------------------------
with st.container(border=True):
    st.markdown(f"**Jadwal penyusunan LKIP {tahun}**")
    c1, c2, c4 = st.columns([2, 2, 1.3], vertical_alignment="bottom")
    mulai = c1.date_input("Tanggal mulai langkah 1", format="DD/MM/YYYY", key="tahapan_mulai",
                          value=tersimpan["tanggal_mulai"] if tersimpan else mulai_bawaan)
    cuti = c2.checkbox("Lewati cuti bersama", key="tahapan_cuti",
                       value=bool(tersimpan["cuti_bersama"]) if tersimpan else True,
                       help="Hari libur nasional selalu dilewati; cuti bersama ASN juga bila "
                            "dicentang.")
    if ubah and c4.button("Simpan jadwal", type="primary", key="simpan_rencana"):
        tahapan.simpan_rencana(ui.con(), tahun, mulai, cuti_bersama=cuti, oleh=saya)
        st.rerun()
    berubah = tersimpan is None or (mulai, cuti) != (tersimpan["tanggal_mulai"],
                                                     bool(tersimpan["cuti_bersama"]))
    if tersimpan is None:
        st.caption(f"Belum ada jadwal tersimpan: yang tampil di bawah adalah pratinjau dari "
                   f"tanggal di atas (LKIP {tahun} disusun awal tahun {tahun + 1}). Tekan Simpan "
                   "jadwal untuk menetapkannya.")
    elif berubah:
        st.caption(f"Pratinjau (belum disimpan). Jadwal tersimpan mulai "
                   f"{fmt.tanggal(tersimpan['tanggal_mulai'])}, oleh "
                   f"{fmt.aman_md(tersimpan['oleh'])}.")
    else:
        st.caption(f"Jadwal ditetapkan oleh {fmt.aman_md(tersimpan['oleh'])} pada "
                   f"{fmt.tanggal(tersimpan['waktu'])}.")

j = tahapan.jadwal(ui.cur(), tahun, hari_ini, mulai=mulai, cuti_bersama=cuti,
                   ringkas=_kesiapan(tahun, ui.versi()))
t = j.tabel

# --- Headline --------------------------------------------------------------------------------
m1, m2, m3, m4 = st.columns([1, 1, 1.3, 1.1])
m1.metric("Langkah selesai", f"{j.jumlah_selesai} dari {len(t)}")
m2.metric("Langkah terlambat", fmt.angka(len(j.terlambat), 0))
# A date in words ("21 Desember 2026") is the longest value: a wider column and a smaller
# size keep it on one line at 1280 px (tests/test_browser_tampilan.py).
st.html("<style>.st-key-rencana_selesai [data-testid='stMetricValue'] "
        "{font-size: 1.75rem;}</style>")
m3.container(key="rencana_selesai").metric("Rencana selesai", fmt.tanggal(j.rencana_selesai))
berikut = j.berikutnya(1)
if berikut.empty:
    m4.metric("Langkah berikutnya", "—")
else:
    m4.metric("Langkah berikutnya", f"Langkah {berikut['langkah'].iloc[0]}",
              berikut["singkat"].iloc[0], delta_color="off", delta_arrow="off")
telat = j.peringatan()
if telat:  # one box: twelve red boxes would bury the page
    tampil = telat[:BATAS_PERINGATAN]
    lagi = len(telat) - len(tampil)
    st.error(f"**{len(telat)} langkah terlambat dari jadwal.**\n\n"
             + "\n".join(f"- {p}" for p in tampil)
             + (f"\n- … dan {lagi} langkah lain." if lagi else ""))
if j.libur:
    st.caption("Hari libur yang dilewati jadwal: " + "; ".join(
        f"{fmt.tanggal(d)} ({n})" for d, n in j.libur))

# --- Gantt -----------------------------------------------------------------------------------
ui.grafik(gantt(t, hari_ini, j.libur), "grafik_gantt")

# --- The plan table --------------------------------------------------------------------------
st.subheader("Langkah SOP dan mutu baku")
kolom = ["langkah", "aktivitas", "pelaksana", "kelengkapan", "waktu", "output", "mulai",
         "selesai", "mulai_aktual", "selesai_aktual", "status", "langsung"]
tanggal = {c: st.column_config.DateColumn(format="DD/MM/YYYY")
           for c in ("mulai", "selesai", "mulai_aktual", "selesai_aktual")}
ui.tabel(t[kolom], angka=["waktu"], key="tabel_tahapan", column_config=tanggal,
         height=36 * (len(t) + 1) + 4, label={
    "langkah": "No", "aktivitas": "Kegiatan", "pelaksana": "Pelaksana",
    "kelengkapan": "Kelengkapan", "waktu": "Waktu (hari)", "output": "Output",
    "mulai": "Rencana mulai", "selesai": "Rencana selesai", "mulai_aktual": "Mulai",
    "selesai_aktual": "Selesai", "status": "Status", "langsung": "Keadaan data"})

# --- Actual dates per step -------------------------------------------------------------------
st.subheader("Catat realisasi per langkah")
WARNA = {"Terlambat": "red", "Selesai terlambat": "orange", "Selesai": "green",
         "Berjalan": "blue", "Seharusnya sudah mulai": "orange"}
for s in t.itertuples():
    n = s.langkah
    with st.container(border=True, key=f"langkah_{n}"):
        a, b, c, d, e = st.columns([3.2, 2.2, 1.6, 1.6, 1.3], vertical_alignment="center")
        with a:
            st.markdown(f"**{n}. {s.aktivitas}**")
            st.caption(f"Kelengkapan: {s.kelengkapan} · Waktu: {fmt.angka(s.waktu, 1)} hari · "
                       f"Output: {s.output} · Pelaksana: {s.pelaksana}")
            hal = ui.halaman_app(HALAMAN_LANGKAH.get(n, ""))
            if hal is not None and akun_inti.boleh_buka(saya, HALAMAN_LANGKAH[n]):
                st.page_link(hal, label=f"Buka {hal.title}", icon=":material/arrow_forward:")
            elif hal is not None:
                st.caption(f"Halaman {hal.title} belum tersedia.")
        with b:
            warna = WARNA.get(s.status, "gray")
            st.markdown(f":{warna}[**{s.status}**]")
            if s.mulai:
                st.caption(f"Rencana {fmt.tanggal(s.mulai)}"
                           + ("" if s.selesai == s.mulai else f" – {fmt.tanggal(s.selesai)}"))
            if isinstance(s.langsung, str):
                st.caption(f":material/database: {s.langsung}")  # no emoji font on every PC
        m = c.date_input("Mulai", value=s.mulai_aktual, format="DD/MM/YYYY",
                         key=f"aktual_mulai_{n}", disabled=not ubah)
        f = d.date_input("Selesai", value=s.selesai_aktual, format="DD/MM/YYYY",
                         key=f"aktual_selesai_{n}", disabled=not ubah)
        if ubah and e.button("Simpan", key=f"simpan_langkah_{n}", width="stretch"):
            try:
                tahapan.simpan_realisasi(ui.con(), tahun, n, m, f, oleh=saya)
            except LkipError as exc:
                a.error(str(exc))  # under the step, not in the button's narrow column
            else:
                _dialog.pesan(f"langkah_{n}", f"Realisasi langkah {n} disimpan: mulai "
                              f"{fmt.tanggal(m) if m else '—'}, selesai "
                              f"{fmt.tanggal(f) if f else '—'}.")
                st.rerun()
        with a:
            _dialog.tampilkan(f"langkah_{n}")  # under the step it was saved for
