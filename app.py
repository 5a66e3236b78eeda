"""LKIP Dashboard: the router. Page config, the shared sidebar (year, unit), navigation.

Pages are grouped by the step of SOP 065/767-1.01/BKPSDM "Penyusunan LKIP" they serve.
"""

import streamlit as st

from pages import _bersama as ui

st.set_page_config(page_title="LKIP Dashboard", page_icon=":material/analytics:", layout="wide")

PAGES = {
    "Pimpinan": [
        st.Page("pages/pimpinan_ringkasan.py", title="Ringkasan Pimpinan", icon=":material/dashboard:",
                url_path="ringkasan-pimpinan", default=True),
        st.Page("pages/pimpinan_tahapan_sop.py", title="Tahapan SOP", icon=":material/event_note:", url_path="tahapan-sop"),
    ],
    "Langkah 1–2 · Pengumpulan & Rekap": [
        st.Page("pages/langkah1_unggah_data.py", title="Unggah Data", icon=":material/upload_file:", url_path="unggah-data"),
        st.Page("pages/langkah2_rekap_data.py", title="Rekap Data", icon=":material/table_view:", url_path="rekap-data"),
    ],
    "Langkah 3–5 · Rekonsiliasi & Koreksi": [
        st.Page("pages/langkah3_rekonsiliasi.py", title="Rekonsiliasi", icon=":material/fact_check:", url_path="rekonsiliasi"),
    ],
    "Langkah 6 · Analisis Bab III": [
        st.Page("pages/langkah6_analisis_kinerja.py", title="Analisis Kinerja", icon=":material/insights:",
                url_path="analisis-kinerja"),
        st.Page("pages/langkah6_realisasi_anggaran.py", title="Realisasi Anggaran", icon=":material/payments:",
                url_path="realisasi-anggaran"),
    ],
    "Langkah 7, 10, 12 · Lampiran & Arsip": [
        st.Page("pages/langkah7_ekspor_lampiran.py", title="Ekspor Lampiran", icon=":material/print:",
                url_path="ekspor-lampiran"),
    ],
    "Pengaturan": [
        st.Page("pages/pengaturan_aplikasi.py", title="Pengaturan", icon=":material/settings:", url_path="pengaturan"),
    ],
}

nav = st.navigation(PAGES)
ui.sidebar()
ui.jalankan(nav.run)
