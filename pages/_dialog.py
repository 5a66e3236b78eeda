"""Confirmation before an irreversible step, and the step's message where it happened.

A step (rollback, restore, deactivating an account, reopening a locked year) is asked about in a
dialog (`st.dialog`) and only done in the full page run after "Ya" — so it holds the database
like any other run and its message is drawn at the spot of the button that asked for it, not at
the top of the page:

    if st.button("Aktifkan kembali", key="rollback"):
        _dialog.tanya("rollback", sid)
    if (sid := _dialog.dijawab("rollback", "Aktifkan kembali kiriman?", teks, ya="Ya, …")):
        hasil = submisi.rollback(...)
        _dialog.pesan("rollback", f"Kiriman #{sid} aktif kembali.")
        st.rerun()
    _dialog.tampilkan("rollback")   # the message of the last step, once, here
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st


def _k(kunci: str, apa: str) -> str:
    return f"_dialog_{apa}_{kunci}"


def tanya(kunci: str, nilai: Any = True) -> None:
    """Ask about the step `kunci` for `nilai` (what it will act on): the dialog opens in this
    run at `dijawab` and stays open across reruns until answered or dismissed."""
    st.session_state[_k(kunci, "tanya")] = nilai


def batal(kunci: str) -> None:
    st.session_state.pop(_k(kunci, "tanya"), None)


def dijawab(kunci: str, judul: str, teks: str | Callable[[Any], str], *, ya: str,
            catatan: str | None = None) -> Any | None:
    """The value confirmed with "Ya" (once, in the run after the answer), else None; while a
    question is pending, shows its dialog. `teks` may take the value and say what will happen
    to it; `catatan` is a reassurance under it (what can still be undone)."""
    if _k(kunci, "ya") in st.session_state:
        return st.session_state.pop(_k(kunci, "ya"))
    if (nilai := st.session_state.get(_k(kunci, "tanya"))) is None:
        return None

    def isi() -> None:
        st.markdown(teks(nilai) if callable(teks) else teks)
        if catatan:
            st.info(catatan)
        b1, b2 = st.columns(2)
        if b1.button(ya, type="primary", key=f"{kunci}_ya", width="stretch"):
            batal(kunci)
            st.session_state[_k(kunci, "ya")] = nilai
            st.rerun()
        if b2.button("Batal", key=f"{kunci}_batal", width="stretch"):
            batal(kunci)
            st.rerun()

    isi.__qualname__ = f"dialog_{kunci}"  # one dialog per step, whatever its title
    st.dialog(judul, width="medium", on_dismiss=lambda: batal(kunci))(isi)()
    return None


def pesan(kunci: str, teks: str, jenis: str = "success") -> None:
    """Keep the step's message for the next run, to be shown at `tampilkan(kunci)`."""
    st.session_state[_k(kunci, "pesan")] = (jenis, teks)


def tampilkan(kunci: str) -> None:
    """The last message of the step `kunci`, once, at this spot of the page."""
    if got := st.session_state.pop(_k(kunci, "pesan"), None):
        jenis, teks = got
        getattr(st, jenis)(teks)
