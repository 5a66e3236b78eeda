"""LKIP Dashboard: the router. Page config, sign-in, the shared sidebar (year, unit, account),
navigation built per role.

Pages are grouped by the step of SOP 065/767-1.01/BKPSDM "Penyusunan LKIP" they serve; each is
keyed by its entry in lkip_core.akun.HALAMAN, which says which roles may open it. Nobody signed
in: the login page is the only page (pages/_akun.py).
"""

import streamlit as st

from pages import _bersama as ui

st.set_page_config(page_title="LKIP Dashboard", page_icon=":material/analytics:", layout="wide")

# The first page a role may open is its landing page (Ringkasan Pimpinan for admin and pimpinan).
PAGES = {
    "Pimpinan": {
        "ringkasan": st.Page("pages/pimpinan_ringkasan.py", title="Ringkasan Pimpinan",
                             icon=":material/dashboard:", url_path="ringkasan-pimpinan"),
        "tahapan": st.Page("pages/pimpinan_tahapan_sop.py", title="Tahapan SOP", icon=":material/event_note:",
                           url_path="tahapan-sop"),
    },
    "Langkah 1–2 · Pengumpulan & Rekap": {
        "unggah": st.Page("pages/langkah1_unggah_data.py", title="Unggah Data", icon=":material/upload_file:",
                          url_path="unggah-data"),
        "rekap": st.Page("pages/langkah2_rekap_data.py", title="Rekap Data", icon=":material/table_view:",
                         url_path="rekap-data"),
    },
    "Langkah 3–5 · Rekonsiliasi & Koreksi": {
        "rekonsiliasi": st.Page("pages/langkah3_rekonsiliasi.py", title="Rekonsiliasi",
                                icon=":material/fact_check:", url_path="rekonsiliasi"),
    },
    "Langkah 6 · Analisis Bab III": {
        "analisis": st.Page("pages/langkah6_analisis_kinerja.py", title="Analisis Kinerja",
                            icon=":material/insights:", url_path="analisis-kinerja"),
        "anggaran": st.Page("pages/langkah6_realisasi_anggaran.py", title="Realisasi Anggaran",
                            icon=":material/payments:", url_path="realisasi-anggaran"),
        "naskah": st.Page("pages/langkah6_naskah_lkip.py", title="Naskah LKIP", icon=":material/menu_book:", url_path="naskah-lkip"),
    },
    "Langkah 7, 10, 12 · Lampiran & Arsip": {
        "lampiran": st.Page("pages/langkah7_ekspor_lampiran.py", title="Ekspor Lampiran", icon=":material/print:",
                            url_path="ekspor-lampiran"),
    },
    "Langkah 8–12 · Pengesahan & Publikasi": {
        "pengesahan": st.Page("pages/langkah9_pengesahan_publikasi.py", title="Pengesahan & Publikasi", icon=":material/verified:", url_path="pengesahan"),
    },
    "Pengaturan": {
        "pengaturan": st.Page("pages/pengaturan_aplikasi.py", title="Pengaturan", icon=":material/settings:",
                              url_path="pengaturan"),
        "cadangan": st.Page("pages/pengaturan_cadangan.py", title="Cadangan", icon=":material/backup:",
                            url_path="cadangan"),
        "akun": st.Page("pages/pengaturan_akun.py", title="Akun Pengguna", icon=":material/group:",
                        url_path="akun-pengguna"),
        "audit": st.Page("pages/pengaturan_audit.py", title="Log Audit", icon=":material/policy:",
                         url_path="audit"),
    },
    "Akun saya": {
        "profil": st.Page("pages/akun_profil.py", title="Profil", icon=":material/account_circle:", url_path="profil"),
    },
}
MASUK = st.Page("pages/akun_masuk.py", title="Masuk", icon=":material/login:", url_path="masuk")

ui.aplikasi(PAGES, MASUK)
