"""ui.tabel's quick Styler shows exactly the texts pandas' Styler would (pages/_bersama.py)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from streamlit.elements.lib.pandas_styler_utils import _use_display_values

from lkip_core import fmt


def _tampil(styler) -> pd.DataFrame:
    """The display values Streamlit sends for a Styler (its own code path)."""
    styler._compute()
    return _use_display_values(styler.data, styler._translate(False, False))


def _frame(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    return pd.DataFrame({
        "kode": [f"K.{i:04d}" for i in range(n)],
        "uraian": [None if i % 7 == 0 else f"Uraian {i}" for i in range(n)],
        "target": [np.nan if i % 5 == 0 else v for i, v in enumerate(rng.random(n) * 1e6)],
        "pagu": rng.integers(0, 10**12, n),
        "capaian": [None if i % 3 == 0 else v for i, v in enumerate(rng.random(n) * 150)],
        "rasio": rng.random(n),  # not formatted by the page: pandas' default format
        "tahun": pd.array([2025 if i % 4 else None for i in range(n)], dtype="Int64"),
        "waktu": [dt.datetime(2025, 1, 1) + dt.timedelta(hours=i) for i in range(n)],
    })


def test_quick_styler_shows_what_pandas_styler_shows():
    from pages._bersama import _gaya

    df = _frame(500)
    formats = {"target": fmt.angka, "pagu": lambda v: fmt.angka(v, 0), "capaian": fmt.persen}
    pandas_ = _tampil(df.style.format(formats, na_rep="—"))
    cepat = _tampil(_gaya(df, formats))
    pd.testing.assert_frame_equal(cepat, pandas_)
    assert cepat.loc[0, "target"] == "—" and "," in cepat.loc[1, "capaian"]


def test_quick_styler_does_no_work_per_cell_beyond_the_text():
    """pandas' Styler sets a formatter per cell and builds a dict of classes and attributes per
    cell (seconds for a city's table); the quick one keeps one formatter per column and makes
    only each cell's text."""
    from pages._bersama import _gaya

    df = _frame(3000)
    formats = {"target": fmt.angka, "pagu": lambda v: fmt.angka(v, 0), "capaian": fmt.persen}
    pandas_ = df.style.format(formats, na_rep="—")
    cepat = _gaya(df, formats)
    assert type(cepat) is type(pandas_)  # Streamlit takes a Styler by its exact type
    assert len(pandas_._display_funcs) == df.size and len(cepat._display_funcs) == 0
    pandas_._compute()
    sel = pandas_._translate(False, False)["body"][0][1]
    assert {"class", "is_visible", "display_value", "id"} <= set(sel)
    cepat._compute()
    body = cepat._translate(False, False)["body"]
    assert len(body) == 3000 and set(body[0][1]) == {"id", "display_value"}


def test_a_table_shown_again_takes_its_texts_from_memory(monkeypatch):
    """ui.tabel remembers the texts of recent tables by their content and formats: a rerun, a
    second visit or another session does not format every cell again; any change of a value,
    of the formats or of the labels formats anew."""
    import streamlit as st

    from pages import _bersama as ui

    monkeypatch.setattr(ui, "_TEKS_TABEL", type(ui._TEKS_TABEL)())
    monkeypatch.setattr(st, "dataframe", lambda styler, **kw: _tampil(styler))
    dihitung = []
    asli = fmt.angka
    monkeypatch.setattr(fmt, "angka", lambda *a, **k: dihitung.append(1) or asli(*a, **k))
    df = _frame(200)[["kode", "target", "pagu"]]

    def tampil(frame, **kw) -> pd.DataFrame:
        teks = []
        monkeypatch.setattr(st, "dataframe", lambda styler, **k: teks.append(_tampil(styler)))
        ui.tabel(frame, **kw)
        return teks[0]

    pertama = tampil(df, angka=["target"], rupiah=["pagu"], label={"kode": "Kode"})
    n = len(dihitung)
    assert n >= 2 * 200 - 40  # two formatted columns (nulls take no call)
    assert pertama.loc[1, "Kode"] == "K.0001" and pertama.loc[0, "target"] == "—"
    lagi = tampil(df.copy(), angka=["target"], rupiah=["pagu"], label={"kode": "Kode"})
    assert len(dihitung) == n  # not one cell formatted again
    pd.testing.assert_frame_equal(lagi, pertama)
    ubah = df.copy()
    ubah.loc[3, "pagu"] = 1_234_567
    baru = tampil(ubah, angka=["target"], rupiah=["pagu"], label={"kode": "Kode"})
    assert len(dihitung) > n and baru.loc[3, "pagu"] == "1.234.567"
    m = len(dihitung)
    tampil(ubah, angka=["target"], rupiah=["pagu"], label={"kode": "Kode unit"})  # new label
    assert len(dihitung) > m
