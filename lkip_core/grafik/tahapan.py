"""The Gantt chart of the SOP tracker: plan against actual for the 12 steps (`Jadwal.tabel`).

The plan is drawn in half days (a 0.5-day step fills half a day's cell); actual dates are
whole days (people enter dates, not hours). Weekends and holidays are shaded so a reader sees why the plan
jumps over them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from .gaya import BIRU_MUDA, FONT_KECIL, HIJAU, JINGGA, KUNING, MERAH, bungkus, tata_letak

BATAS_HARI_INI = 21  # days around the schedule within which "today" is drawn
WARNA = {"rencana": BIRU_MUDA, "terlambat": MERAH, "selesai": HIJAU,
         "selesai_terlambat": JINGGA, "berjalan": KUNING}


def _kosong(v) -> bool:
    return v is None or v is pd.NaT or (isinstance(v, float) and v != v)


def _ms(a: dt.datetime, b: dt.datetime) -> float:
    return (b - a).total_seconds() * 1000


def gantt(tabel: pd.DataFrame, hari_ini: dt.date, libur: list[tuple[dt.date, str]] = (),
          judul: str | None = None) -> go.Figure:
    """Two bars per step: the plan (blue, red when late) and what happened (green done, orange
    done late, yellow running)."""
    judul = judul or "Rencana dan realisasi langkah SOP"
    label = [bungkus(f"{r.langkah}. {r.singkat}", 28, 3) for r in tabel.itertuples()]
    fig = go.Figure()
    rencana = tabel.loc[tabel["mulai_waktu"].notna()]
    if not rencana.empty:
        fig.add_bar(
            name="Rencana", orientation="h", offsetgroup="rencana",
            y=[label[i] for i in rencana.index],
            base=[v.isoformat() for v in rencana["mulai_waktu"]],
            x=[_ms(a, b) for a, b in zip(rencana["mulai_waktu"], rencana["selesai_waktu"])],
            marker_color=[WARNA["terlambat"] if t else WARNA["rencana"]
                          for t in rencana["terlambat"]],
            hovertext=[f"Rencana: {fmt.tanggal(r.mulai)} – {fmt.tanggal(r.selesai)} "
                       f"({fmt.angka(r.waktu, 1)} hari kerja)" for r in rencana.itertuples()],
            hoverinfo="text")
    ys, base, x, warna, hover = [], [], [], [], []
    for i, r in enumerate(tabel.itertuples()):
        if _kosong(r.mulai_aktual):
            continue
        akhir = r.selesai_aktual if not _kosong(r.selesai_aktual) else max(hari_ini, r.mulai_aktual)
        a = dt.datetime.combine(r.mulai_aktual, dt.time())
        b = dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time())
        ys.append(label[i])
        base.append(a.isoformat())
        x.append(_ms(a, b))
        kunci = ("berjalan" if _kosong(r.selesai_aktual) else
                 "selesai_terlambat" if r.status == "Selesai terlambat" else "selesai")
        warna.append(WARNA[kunci])
        hover.append(f"Realisasi: {fmt.tanggal(r.mulai_aktual)} – "
                     f"{fmt.tanggal(r.selesai_aktual) if kunci != 'berjalan' else 'berjalan'}")
    if ys:
        fig.add_bar(name="Realisasi", orientation="h", offsetgroup="realisasi", y=ys, base=base,
                    x=x, marker_color=warna, hovertext=hover, hoverinfo="text")
    _latar(fig, tabel, hari_ini, libur)
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(type="date", tickformat="%d/%m", showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=label, autorange="reversed",
                     automargin=True)
    tata_letak(fig, judul, tinggi=170 + len(tabel) * 48)
    # "Hari ini" is written above the plot: the legend goes below it.
    fig.update_layout(legend={"yanchor": "top", "y": -0.06}, margin={"t": 80, "b": 60})
    return fig


def _jendela(tabel: pd.DataFrame, hari_ini: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days to draw: the plan and actual dates, and today when it is near them (a plan
    seen months later would otherwise shrink to slivers)."""
    tanggal = [v for c in ("mulai", "selesai", "mulai_aktual", "selesai_aktual")
               for v in tabel[c] if not _kosong(v)]
    if not tanggal:
        return None
    awal, akhir = min(tanggal), max(tanggal)
    if awal - dt.timedelta(days=BATAS_HARI_INI) <= hari_ini <= akhir + dt.timedelta(
            days=BATAS_HARI_INI):
        awal, akhir = min(awal, hari_ini), max(akhir, hari_ini)
    return awal - dt.timedelta(days=1), akhir + dt.timedelta(days=1)


def _latar(fig: go.Figure, tabel: pd.DataFrame, hari_ini: dt.date,
           libur: list[tuple[dt.date, str]]) -> None:
    """Shade weekends and holidays, mark today, and fit the axis to the schedule."""
    jendela = _jendela(tabel, hari_ini)
    if jendela is None:
        return
    awal, akhir = jendela
    nama_libur = dict(libur)
    bentuk = []
    d = awal
    while d <= akhir:
        if d.weekday() >= 5 or d in nama_libur:
            bentuk.append({
                "type": "rect", "xref": "x", "yref": "paper", "y0": 0, "y1": 1,
                "x0": dt.datetime.combine(d, dt.time(0)).isoformat(),
                "x1": dt.datetime.combine(d + dt.timedelta(days=1), dt.time(0)).isoformat(),
                "fillcolor": "#e0e0e0" if d.weekday() >= 5 else "#f8c9c4", "opacity": 0.5,
                "line": {"width": 0}, "layer": "below"})
        d += dt.timedelta(days=1)
    if awal <= hari_ini <= akhir:
        x = dt.datetime.combine(hari_ini, dt.time(12)).isoformat()
        bentuk.append({"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper",
                       "line": {"color": "#333", "dash": "dot", "width": 2}})
        fig.add_annotation(x=x, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"Hari ini {fmt.tanggal(hari_ini)}",
                           font={"size": FONT_KECIL})
    fig.update_layout(shapes=bentuk)  # one update: adding shapes one by one is slow
    hari = (akhir - awal).days
    fig.update_xaxes(range=[dt.datetime.combine(awal, dt.time(0)).isoformat(),
                            dt.datetime.combine(akhir, dt.time(0)).isoformat()],
                     dtick=86_400_000 * (1 if hari <= 40 else 7))
