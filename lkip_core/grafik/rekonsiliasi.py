"""Charts of the reconciliation as pure functions: report in, plotly Figure out.

Same house look as `lkip_core.grafik` (gaya.tata_letak): Indonesian separators, large type.
Colours by tingkat (galat red, peringatan amber, info blue) and, for the correction loop,
resolved green against still open red.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lkip_core.rekonsiliasi.aturan import DAFTAR, KODE
from lkip_core.rekonsiliasi.laporan import TANPA_UNIT, Laporan

from ..grafik.gaya import ABU, BIRU, HIJAU, KUNING, MERAH, bungkus, kosongkan, tata_letak

WARNA_TINGKAT = {"galat": MERAH, "peringatan": KUNING, "info": BIRU}
LABEL_TINGKAT = {"galat": "Galat (wajib diperbaiki)", "peringatan": "Peringatan (periksa)",
                 "info": "Info"}


def per_aturan(laporan: Laporan, judul: str = "Temuan per aturan") -> go.Figure:
    """Horizontal bars: current findings per rule (all 14 rules shown), coloured by tingkat,
    with the resolved ones beside them in grey."""
    ring = laporan.ringkasan()
    if ring["temuan"].sum() == 0 and ring["teratasi"].sum() == 0:
        return kosongkan(judul, "Tidak ada temuan: data unit cocok dengan LPJ, PK dan DPA")
    label = [f"{k} · {DAFTAR[k].nama}" for k in ring["aturan"]]
    fig = go.Figure()
    for tingkat, warna in WARNA_TINGKAT.items():
        nilai = [n if t == tingkat else 0 for n, t in zip(ring["temuan"], ring["tingkat"])]
        if any(nilai):
            fig.add_bar(name=LABEL_TINGKAT[tingkat], y=label, x=nilai, orientation="h",
                        marker_color=warna, text=[n or "" for n in nilai],
                        textposition="outside", hovertemplate="%{y}: %{x} temuan<extra></extra>")
    if ring["teratasi"].sum():
        fig.add_bar(name="Teratasi", y=label, x=ring["teratasi"], orientation="h",
                    marker_color=ABU, text=[n or "" for n in ring["teratasi"]],
                    textposition="outside",
                    hovertemplate="%{y}: %{x} teratasi<extra></extra>")
    fig.update_layout(barmode="stack", bargap=0.35, legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    # room after the longest bar for its count, written outside it
    paling = int((ring["temuan"] + ring["teratasi"]).max())
    fig.update_xaxes(tickformat=",d", range=[0, paling * 1.2 + 1])
    return tata_letak(fig, judul, x="Jumlah temuan", tinggi=max(420, 38 * len(KODE) + 140))


def per_unit(laporan: Laporan, judul: str = "Temuan per unit") -> go.Figure:
    """Stacked bars: current findings per unit by tingkat."""
    df = laporan.temuan
    if df.empty:
        return kosongkan(judul, "Tidak ada temuan")
    nama = {k: v for k, v in zip(df["kode_unit"].fillna(TANPA_UNIT), df["nama_unit"])}
    hitung = pd.crosstab(df["kode_unit"].fillna(TANPA_UNIT), df["tingkat"])
    units = list(hitung.sum(axis=1).sort_values(ascending=False).index)
    # unit names run to 70 characters: wrapped, the chart sits in a narrow column
    label = [bungkus(nama.get(u) or u, 24, 4) if u != TANPA_UNIT else "Tanpa unit"
             for u in units]
    fig = go.Figure()
    for tingkat, warna in WARNA_TINGKAT.items():
        if tingkat in hitung:
            fig.add_bar(name=LABEL_TINGKAT[tingkat], y=label,
                        x=[int(hitung.at[u, tingkat]) for u in units], orientation="h",
                        marker_color=warna,
                        hovertemplate="%{y}: %{x} temuan<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickformat=",d", rangemode="tozero")
    return tata_letak(fig, judul, x="Jumlah temuan", tinggi=max(320, 62 * len(units) + 150))


def kemajuan_koreksi(df: pd.DataFrame, judul: str = "Kemajuan koreksi per unit") -> go.Figure:
    """Stacked bars per unit from `status.kemajuan`: resolved (teratasi + selesai) and open."""
    if df.empty:
        return kosongkan(judul, "Belum ada rekonsiliasi yang tercatat")
    label = [bungkus(n, 40, 3) if isinstance(n, str) and n else (u or "Tanpa unit")
             for u, n in zip(df["kode_unit"], df["nama_unit"])]
    fig = go.Figure()
    fig.add_bar(name="Teratasi oleh data", y=label, x=df["teratasi"], orientation="h",
                marker_color=HIJAU, hovertemplate="%{y}: %{x} teratasi<extra></extra>")
    fig.add_bar(name="Selesai / diterima", y=label, x=df["selesai"], orientation="h",
                marker_color="#A5D6A7", hovertemplate="%{y}: %{x} selesai<extra></extra>")
    fig.add_bar(name="Masih terbuka", y=label, x=df["terbuka"], orientation="h",
                marker_color=MERAH, hovertemplate="%{y}: %{x} terbuka<extra></extra>")
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickformat=",d", rangemode="tozero")
    return tata_letak(fig, judul, x="Jumlah temuan", tinggi=max(320, 52 * len(df) + 150))
