"""What every page shares: the cached database, the sidebar filters, errors, tables.

The only place that caches the database: one DuckDB connection per process, a cursor per call
(a connection must not be shared across Streamlit's session threads).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from lkip_core import db, fmt, rekap
from lkip_core.errors import LkipError

log = logging.getLogger("lkip")
SEMUA_UNIT = "__semua__"


@st.cache_resource(show_spinner="Membuka basis data …")
def _database(path: str):
    return db.connect(path)


def cur():
    """A fresh cursor on the process-wide database, for one call."""
    return _database(str(db.default_path())).cursor()


def con():
    return _database(str(db.default_path()))


def sidebar() -> None:
    """Year and unit, shared by every page (kept in session_state by their keys)."""
    c = cur()
    years = rekap.tahun_tersedia(c)
    units = rekap.daftar_unit(c)
    with st.sidebar:
        st.markdown("### LKIP Dashboard")
        if years:
            st.selectbox("Tahun", years, key="tahun", help="Tahun laporan kinerja")
        else:
            st.caption("Belum ada master. Unggah master di halaman Unggah Data.")
        names = dict(zip(units["kode_unit"], units["nama_unit"]))
        st.selectbox(
            "Unit", [SEMUA_UNIT, *names], key="kode_unit",
            format_func=lambda k: "Semua unit" if k == SEMUA_UNIT else f"{names.get(k, k)}",
        )


def tahun() -> int | None:
    return st.session_state.get("tahun")


def kode_unit() -> str | None:
    k = st.session_state.get("kode_unit")
    return None if k in (None, SEMUA_UNIT) else k


def judul(teks: str, langkah: str, penjelasan: str) -> None:
    st.title(teks)
    st.caption(f"{langkah} · {penjelasan}")


def jalankan(fn: Callable[[], None]) -> None:
    """Run a page: our own errors shown as they are, anything else as an apology with a ref."""
    try:
        fn()
    except LkipError as exc:
        st.error(str(exc))
    except Exception:  # noqa: BLE001 — the page's last line of defence; logged in full
        ref = uuid.uuid4().hex[:8]
        log.exception("halaman gagal, ref %s", ref)
        st.error(f"Maaf, terjadi kesalahan tak terduga (ref {ref}). Muat ulang halaman; bila "
                 "terulang, laporkan kode ref ini kepada pengelola aplikasi.")


def tabel(df: pd.DataFrame, *, angka: Iterable[str] = (), rupiah: Iterable[str] = (),
          persen: Iterable[str] = (), label: dict[str, str] | None = None,
          desimal: dict[str, int] | None = None, **kwargs) -> None:
    """Show a frame with Indonesian number formats; sorting still uses the real values.

    `label` renames columns for people; `angka`/`rupiah`/`persen` name the original columns;
    `desimal` gives a column its own number of decimals, e.g. {"ie": 3}.
    """
    label = label or {}
    shown = df.rename(columns=label)
    for c in shown.columns:  # empty text cells read "—", not "None"
        if shown[c].dtype == object or pd.api.types.is_string_dtype(shown[c]):
            shown[c] = shown[c].map(lambda v: "—" if v is None or v != v else v)
    fmts = {}
    for cols, f in ((angka, fmt.angka), (rupiah, lambda v: fmt.angka(v, 0)), (persen, fmt.persen)):
        for c in cols:
            fmts[label.get(c, c)] = f
    for c, n in (desimal or {}).items():
        fmts[label.get(c, c)] = lambda v, n=n: fmt.angka(v, n)
    styler = shown.style.format({c: f for c, f in fmts.items() if c in shown.columns},
                                na_rep="—")
    kwargs.setdefault("placeholder", fmt.KOSONG)  # an empty number cell reads "—", not "None"
    st.dataframe(styler, hide_index=True, width="stretch", **kwargs)
