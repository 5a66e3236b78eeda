"""What every page shares: the database session, the sidebar filters, errors, tables.

The database is opened for each page run through `lkip_core.db.basis` (shared by the sessions of
this process, released between runs so the command line can use the same file) and a page takes
a fresh cursor per call: a DuckDB connection must not be shared across Streamlit's threads.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TypeVar

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from lkip_core import db, fmt
from lkip_core.akun import Akun, boleh_buka
from lkip_core.db import cadangan
from lkip_core.db.basis import Basis, basis
from lkip_core.errors import BasisDataRusak, BasisDataTerkunci, LkipError
from lkip_core.masukan import rekap

log = logging.getLogger("lkip")
SEMUA_UNIT = "__semua__"
T = TypeVar("T")
# Set while the router runs a page for a signed-in account. Streamlit can also run a file of
# pages/ by itself (its old folder-based navigation, at /<file name>): such a run has not come
# through sign-in and the navigation of the role, so every page refuses it (`halaman`).
_router = threading.local()


def _basis() -> Basis:
    return basis(db.default_path())


def cur():
    """A fresh cursor on the database of this page run, for one call."""
    return _basis().con.cursor()


def con():
    return _basis().con


def versi() -> str:
    """The key of every figure a page caches with `st.cache_data`: the database file and its
    data version (`lkip_core.analisis.versi`). Any import, rollback, settings change or review
    decision gives a new version, so a figure computed once is shared by every session (every
    person opening the page) and never shown after the data under it changed. One small query."""
    from lkip_core.analisis.versi import versi_data

    return f"{_basis().path}|{versi_data(cur())}"


def dengan_db(fn: Callable[[], T]) -> Callable[[], T]:
    """`fn` wrapped in its own database session: for work Streamlit runs on another thread
    after the page run has ended, such as a download button's deferred `data` callable."""
    def jalan() -> T:
        with _basis().sesi():
            return fn()
    return jalan


def _ref_log(pesan: str) -> str:
    ref = uuid.uuid4().hex[:8]
    log.exception("%s, ref %s", pesan, ref)
    return ref


def aplikasi(halaman: dict[str, dict[str, st.Page]], masuk: st.Page) -> None:
    """One run of the app: open the database, find who is signed in, build the navigation of
    their role, draw the sidebar, run the page. Signed out, the login page is the only page.

    `halaman`: section → page key (lkip_core.akun.HALAMAN) → page. A database that cannot be
    opened (held too long by a command, damaged, missing its folder) is a message with what to
    do and a reference in the log, never a traceback.
    """
    from pages import _akun

    try:
        with _basis().sesi():
            cadangan.harian(con())  # the day's snapshot, on its first page run
            a = _akun.akun_sekarang(con())
            if a is None:
                jalankan(st.navigation(_akun.navigasi_tamu(halaman, masuk),
                                       position="hidden").run)
                return
            page = st.navigation(_akun.navigasi(a, halaman), expanded=True)  # every link, no "View more"
            sidebar(_akun.kunci_halaman(halaman, page))
            _akun.sidebar_akun(con(), a)
            _router.aktif = True
            _router.halaman = {k: p for bagian in halaman.values() for k, p in bagian.items()}
            try:
                if halaman_boleh(_akun.kunci_halaman(halaman, page)):
                    jalankan(page.run)
            finally:
                _router.aktif = False
    except BasisDataTerkunci as exc:
        ref = _ref_log("basis data terkunci")
        st.warning(f"{exc} (ref {ref})")
        st.button("Coba lagi", icon=":material/refresh:")
    except BasisDataRusak as exc:
        ref = _ref_log("basis data rusak")
        st.error(f"{exc} (ref {ref})")
    except LkipError as exc:
        ref = _ref_log("basis data tidak dapat dibuka")
        st.error(f"{exc} (ref {ref})")
    except Exception:  # noqa: BLE001 — opening failed in a way we did not foresee; logged in full
        ref = _ref_log("basis data gagal dibuka")
        st.error(f"Basis data tidak dapat dibuka (ref {ref}). Laporkan kode ref ini kepada "
                 "pengelola aplikasi; rinciannya ada di log server.")


# Pages whose figures follow the sidebar's unit; on the others (the agency as a whole: the
# leadership summary, the book and its annexes, settings) the unit is shown as not applicable.
UNIT_BERLAKU = {"unggah", "rekap", "rekonsiliasi", "analisis", "anggaran"}


def sidebar(kunci: str | None = None) -> None:
    """Year and unit, shared by every page (kept in session_state by their keys); `kunci`
    (lkip_core.akun.HALAMAN) says whether the page follows the unit."""
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
        sendiri = unit_sendiri()
        if sendiri:  # an operator sees its own unit only
            st.session_state["kode_unit"] = sendiri
        berlaku = kunci is None or kunci in UNIT_BERLAKU
        st.selectbox(
            "Unit", [sendiri] if sendiri else [SEMUA_UNIT, *names], key="kode_unit",
            format_func=lambda k: "Semua unit" if k == SEMUA_UNIT else f"{names.get(k, k)}",
            disabled=bool(sendiri) or not berlaku,
            help="Unit akun Anda" if sendiri else None if berlaku else
            "Halaman ini menyajikan seluruh OPD; pilihan unit berlaku di Unggah Data, Rekap "
            "Data, Rekonsiliasi, Analisis Kinerja dan Realisasi Anggaran.",
        )
        if not berlaku:
            st.caption("Unit tidak berlaku di halaman ini: yang tampil adalah seluruh OPD.")


def tahun() -> int | None:
    return st.session_state.get("tahun")


def kode_unit() -> str | None:
    if sendiri := unit_sendiri():
        return sendiri
    k = st.session_state.get("kode_unit")
    return None if k in (None, SEMUA_UNIT) else k


def akun() -> Akun | None:
    """The signed-in account of this run (None only on the login page).

    A download's deferred callable runs on another thread: take the account before, in the
    page run, and pass it in."""
    return st.session_state.get("_lkip_akun")


def unit_sendiri() -> str | None:
    """The operator's own unit: the only one it sees; None for every other role."""
    a = akun()
    return a.kode_unit if a is not None and a.peran == "operator" else None


def halaman_boleh(kunci: str | None) -> bool:
    """Whether the signed-in account may open the page `kunci`; says so when not."""
    a = akun()
    if (getattr(_router, "aktif", False) and a is not None and kunci is not None
            and boleh_buka(a, kunci)):
        return True
    st.error("Halaman ini tidak tersedia untuk akun Anda. Pilih halaman lain di samping.")
    return False


def halaman_app(kunci: str) -> st.Page | None:
    """The app's page of the key `kunci` (lkip_core.akun.HALAMAN), for a link to it."""
    return getattr(_router, "halaman", {}).get(kunci)


def halaman(kunci: str) -> Akun:
    """First line of every page: stop here unless the signed-in account may open `kunci`
    (lkip_core.akun.HALAMAN); returns the account."""
    if not halaman_boleh(kunci):
        st.stop()
    return akun()


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
        ref = _ref_log("halaman gagal")
        st.error(f"Maaf, terjadi kesalahan tak terduga (ref {ref}). Muat ulang halaman; bila "
                 "terulang, laporkan kode ref ini kepada pengelola aplikasi.")


def grafik(fig, key: str, wadah=None) -> None:
    """Every page chart the same way: the house look (Streamlit's theme off) and the one
    config of `lkip_core.grafik.gaya.konfigurasi` (Indonesian locale, only the PNG button,
    the file named after the chart's title)."""
    from lkip_core.grafik.gaya import konfigurasi

    (wadah or st).plotly_chart(fig, key=key, theme=None,
                               config=konfigurasi(fig.layout.title.text or key))


_TEKS_TABEL: OrderedDict[tuple, dict] = OrderedDict()  # the display texts of recent tables
_TEKS_TABEL_MAKS = 24
_TEKS_TABEL_KUNCI = threading.Lock()


def _gaya(df: pd.DataFrame, formats: dict, na_rep: str = "—", *,
          kunci: tuple | None = None) -> Styler:
    """`df.style.format(formats, na_rep=na_rep)`, its display values made column by column.

    Streamlit reads a Styler through its `_compute` and `_translate`, whose HTML machinery
    sets a formatter and builds a dict of classes and attributes per cell: seconds for a city's
    table of a few thousand rows. Only each cell's text is used (these tables have no cell
    styles), so here each column's formatter — pandas' own wrapping of it, with `na_rep` — is
    applied to the column as a whole: the same texts, a fraction of the time. Still a plain
    Styler, as Streamlit requires.

    `kunci`: what the texts depend on (the frame's content and the formats, see `tabel`): the
    texts of a table shown before — by this session or another, on a rerun or a second visit —
    are taken from a small process-wide memory instead of formatting every cell again (~0,3 s
    for a city's recap of 3.000 rows)."""
    from pandas.io.formats.style_render import _maybe_wrap_formatter

    styler = df.style
    per_kolom = [_maybe_wrap_formatter(formats.get(c), na_rep=na_rep) for c in df.columns]

    def buat() -> dict:
        kolom = [[f(v) for v in df.iloc[:, j]] for j, f in enumerate(per_kolom)]
        return {"body": [[{"id": f"row{i}_col{j}", "display_value": isi[i]}
                          for j, isi in enumerate(kolom)] for i in range(len(df))]}

    def translate(*_args, **_kwargs) -> dict:
        if kunci is None:
            return buat()
        with _TEKS_TABEL_KUNCI:
            hasil = _TEKS_TABEL.get(kunci)
            if hasil is not None:
                _TEKS_TABEL.move_to_end(kunci)
                return hasil
        hasil = buat()
        with _TEKS_TABEL_KUNCI:
            _TEKS_TABEL[kunci] = hasil
            while len(_TEKS_TABEL) > _TEKS_TABEL_MAKS:
                _TEKS_TABEL.popitem(last=False)
        return hasil

    styler._compute = lambda: styler
    styler._translate = translate
    return styler


def _kunci_tabel(df: pd.DataFrame, *spesifikasi) -> tuple | None:
    """The content of `df` (values, index, columns, types) and how it is formatted, as a key;
    None for a frame whose cells cannot be hashed (nothing is remembered then)."""
    try:
        isi = int(pd.util.hash_pandas_object(df, index=True).sum())
    except TypeError:
        return None
    return (isi, len(df), tuple(df.columns), tuple(map(str, df.dtypes)), spesifikasi)


def tabel(df: pd.DataFrame, *, angka: Iterable[str] = (), rupiah: Iterable[str] = (),
          persen: Iterable[str] = (), label: dict[str, str] | None = None,
          desimal: dict[str, int] | None = None, **kwargs) -> None:
    """Show a frame with Indonesian number formats; sorting still uses the real values.

    `label` renames columns for people; `angka`/`rupiah`/`persen` name the original columns;
    `desimal` gives a column its own number of decimals, e.g. {"ie": 3}.
    """
    label = label or {}
    angka, rupiah, persen = tuple(angka), tuple(rupiah), tuple(persen)
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
    kunci = _kunci_tabel(df, tuple(angka), tuple(rupiah), tuple(persen),
                         tuple(sorted(label.items())), tuple(sorted((desimal or {}).items())))
    styler = _gaya(shown, {c: f for c, f in fmts.items() if c in shown.columns}, kunci=kunci)
    kwargs.setdefault("placeholder", fmt.KOSONG)  # an empty number cell reads "—", not "None"
    st.dataframe(styler, hide_index=True, width="stretch", **kwargs)
