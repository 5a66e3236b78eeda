"""LKIP Dashboard: the router. Page config, the shared sidebar (year, unit), navigation.

Pages are grouped by the step of SOP 065/767-1.01/BKPSDM "Penyusunan LKIP" they serve.
"""

import streamlit as st

from pages import _bersama as ui

st.set_page_config(page_title="LKIP Dashboard", page_icon="📊", layout="wide")

PAGES = {
    "Langkah 1–2 · Pengumpulan & Rekap": [
        st.Page("pages/unggah_data.py", title="Unggah Data", icon="📤", url_path="unggah-data"),
        st.Page("pages/rekap_data.py", title="Rekap Data", icon="🗂️", url_path="rekap-data",
                default=True),
    ],
}

nav = st.navigation(PAGES)
ui.sidebar()
ui.jalankan(nav.run)
