"""Start loading the chart library while the page is still being drawn.

Streamlit loads plotly.js (its `PlotlyChart` chunk, 4.7 MB) only when the first chart of a
session arrives, then parses it: on the landing page of a city-scale database the server has
sent its five charts after ~1 s, and the browser spent ~2 s more fetching and parsing the
library before drawing them. This one-line script imports the same chunk — the same URL, so the
browser's module map keeps one copy — as soon as the sidebar (or the login form) is drawn: the
library loads while the person types their password and while the server computes the page.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st


@functools.cache
def potongan_plotly() -> str | None:
    """The file name of Streamlit's plotly chunk in this installation (hashed per release), or
    None when there is not exactly one (a Streamlit that bundles it differently: no preload)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(p.name for p in folder.glob("PlotlyChart.*.js"))
    return found[0] if len(found) == 1 else None


def muat_grafik_awal(*, segera: bool = True) -> None:
    """Draw the preload script (unchanged between runs: the browser runs it once per page).
    `segera=False`: only once the browser is idle (the login form is drawn first)."""
    nama = potongan_plotly()
    if nama is None:
        return
    # The chunk sits beside the app's own entry script; its URL is built from that one, so a
    # server under a base path (server.baseUrlPath) works too.
    muat = ("(window.requestIdleCallback || setTimeout)(muat, {timeout: 300})" if not segera
            else "muat()")
    st.html(
        "<script>(() => { if (window.__lkipGrafik) return; window.__lkipGrafik = 1;"
        " const s = [...document.querySelectorAll('script[src]')]"
        ".find(x => /\\/static\\/js\\/index\\.[^/]+\\.js$/.test(x.src));"
        f" const muat = () => import(s.src.replace(/index\\.[^/]+\\.js$/, '{nama}'))"
        ".catch(() => {});"
        f" if (s) {muat}; }})();</script>",
        unsafe_allow_javascript=True, width="content")
