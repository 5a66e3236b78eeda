"""Charts of the leadership briefing (Ringkasan Pimpinan): pure functions of `Ringkasan`'s frames.

The look (colours per predikat, separators, fonts) is `gaya`'s, shared with every other chart;
the indicator and unit charts are the Bab III ones (`kinerja.capaian_sasaran`,
`anggaran.serapan_unit`). What is added here: the overview of all sasaran, the agency's
serapan as a reference line, and `perbesar` for the projector (presentation mode).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from . import anggaran as _anggaran
from .gaya import (
    ABU,
    FONT,
    FONT_KECIL,
    GELAP,
    KUNING,
    bungkus,
    jepit,
    kosong,
    kosongkan,
    pencilan,
    persen_tanda,
    sumbu_pencilan,
    tata_letak,
    warna_predikat,
)
from .kinerja import capaian_sasaran

PERBESAR = 1.45  # type and bar height on the projector


def capaian_per_sasaran(df: pd.DataFrame, skala: Sequence[tuple[float, str]] | None = None,
                        judul: str | None = None) -> go.Figure:
    """Capaian of every sasaran (frame of `capaian_per_sasaran`): one bar each, coloured by
    predikat (named in the hover and in the predikat chart beside it), the value written at
    the bar's end, the 100 % target dashed."""
    judul = judul or "Capaian per sasaran strategis"
    if df.empty:
        return kosongkan(judul)
    rows = df.to_dict("records")
    label = [f"<b>{r['kode_sasaran']}</b><br>{bungkus(r['uraian_sasaran'], 34, 4)}"
             for r in rows]
    x = [None if kosong(r["capaian"]) else float(r["capaian"]) for r in rows]
    atas, batas = sumbu_pencilan(x, 120, 1.1)
    teks = [persen_tanda(v, batas) if v is not None else "belum ada capaian" for v in x]
    warna = [warna_predikat(r["predikat"], skala) if v is not None else ABU
             for v, r in zip(x, rows)]
    hover = [f"{r['uraian_sasaran']}<br>{fmt.persen(v)} · {r['predikat'] or 'tanpa predikat'}"
             f"<br>{r['indikator']} indikator"
             + (f", {r['tanpa_capaian']} tanpa capaian" if r["tanpa_capaian"] else "")
             for v, r in zip(x, rows)]
    # The value inside the end of its bar (outside only for a short bar): written after the
    # bar it was cut at the chart's edge on the projector ("111,85 %").
    fig = go.Figure(go.Bar(
        y=label, x=[0 if v is None else jepit(v, atas, batas) for v in x], orientation="h",
        width=0.6, marker={"color": warna}, text=teks, textposition="auto",
        insidetextanchor="end", constraintext="none", cliponaxis=False, textfont={"size": FONT},
        insidetextfont={"size": FONT, "color": ["#212121" if w in (KUNING, ABU) else "white"
                                                for w in warna]},
        outsidetextfont={"size": FONT, "color": "#212121"},
        hovertext=hover, hoverinfo="text"))
    fig.add_vline(x=100, layer="below", line={"color": GELAP, "width": 2, "dash": "dash"},
                  annotation={"text": "Target 100 %", "font": {"size": 14}},
                  annotation_position="top")
    if batas is not None:
        fig.add_trace(go.Scatter(
            y=[lbl for lbl, v in zip(label, x) if pencilan(v, batas)],
            x=[atas] * sum(pencilan(v, batas) for v in x), mode="markers", cliponaxis=False,
            marker={"symbol": "triangle-right", "size": 16, "color": GELAP}, hoverinfo="skip"))
    fig.update_xaxes(range=[0, atas], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    return tata_letak(fig, judul, x="Rata-rata capaian indikator (%)",
                      tinggi=170 + 92 * len(rows), legenda=False)


def serapan_unit(per_unit: pd.DataFrame, serapan_total: float | None,
                 judul: str | None = None) -> go.Figure:
    """Serapan per unit (Bab III's chart) with the agency's total serapan as a dashed line."""
    fig = _anggaran.serapan_unit(per_unit, judul)
    if serapan_total is not None and not per_unit.empty:
        fig.add_vline(x=float(serapan_total), line={"color": GELAP, "width": 2, "dash": "dash"},
                      annotation={"text": f"OPD {fmt.persen(serapan_total)}",
                                  "font": {"size": 14}}, annotation_position="top")
    return fig


def _kali(v: float | None, faktor: float) -> float | None:
    return None if v is None else round(v * faktor)


def perbesar(fig: go.Figure, faktor: float = PERBESAR) -> go.Figure:
    """The same chart for a projector: every font (title, axes, labels, legend, annotations)
    and the height scaled by `faktor`, in place; returns the figure."""
    lay = fig.layout
    fig.update_layout(
        font={"size": _kali(lay.font.size or 16, faktor)},
        title={"font": {"size": _kali(lay.title.font.size or 20, faktor)}},
        legend={"font": {"size": _kali(lay.legend.font.size or 14, faktor)}},
        height=_kali(lay.height, faktor) if lay.height else None)
    for sumbu in (fig.layout.xaxis, fig.layout.yaxis):
        sumbu.tickfont.size = _kali(sumbu.tickfont.size or 14, faktor)
        if sumbu.title and sumbu.title.font:
            sumbu.title.font.size = _kali(sumbu.title.font.size or 16, faktor)
    for anotasi in fig.layout.annotations:
        anotasi.font.size = _kali(anotasi.font.size or 14, faktor)
    for trace in fig.data:
        for nama in ("textfont", "insidetextfont", "outsidetextfont"):
            tf = getattr(trace, nama, None)
            if tf is not None and isinstance(tf.size, int | float):
                tf.size = _kali(tf.size, faktor)
    # Plotly shrinks a label to fit inside its bar; on a projector it must stay large.
    fig.update_layout(uniformtext={"minsize": _kali(FONT_KECIL, faktor), "mode": "show"})
    return fig


def peringkat_indikator(df: pd.DataFrame, judul: str,
                        skala: Sequence[tuple[float, str]] | None = None) -> go.Figure:
    """Best or worst indicators (`Ringkasan.terbaik` / `.terburuk`): Bab III's bullet chart
    without its legend (the predikat chart beside it explains the colours), so the two lists
    line up side by side."""
    fig = capaian_sasaran(df, judul, skala)
    fig.update_layout(showlegend=False, margin={"t": 70 + 28 * fig.layout.title.text.count("<br>")})
    # two of these stand side by side: the plot is narrow, its axis title short
    fig.update_xaxes(title={"text": "Capaian (%)"})
    return fig
