"""Charts of Bab III A (capaian kinerja): pure functions, frames in, a plotly Figure out.

The frames are those of `lkip_core.analisis` (tabel_capaian, riwayat, capaian_per_unit,
distribusi_predikat); nothing is computed here beyond placing values on the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from .gaya import (
    ABU,
    BIRU,
    GELAP,
    TANPA_CAPAIAN,
    baris,
    batasi,
    bungkus,
    kosong,
    kosongkan,
    nilai,
    tata_letak,
    teks_batang,
    urutan_predikat,
    warna_predikat,
)

Skala = Sequence[tuple[float, str]] | None
KOLOM_INDIKATOR = ("kode_indikator", "uraian_indikator", "satuan", "target", "realisasi",
                   "capaian", "predikat", "alasan")
KOLOM_RENSTRA = ("kode_indikator", "uraian_indikator", "satuan", "tahun", "capaian_renstra",
                 "realisasi_sd_kini", "target_akhir_renstra", "tahun_akhir_renstra")


def _label_indikator(r: dict) -> str:
    return f"<b>{r['kode_indikator']}</b> · {bungkus(r['uraian_indikator'], 42, 3)}"


def _tinggi(n: int, per: int = 78, dasar: int = 190) -> int:
    return dasar + per * max(n, 1)


def _sumbu_persen(nilai_maks: float | None, minimum: float = 110) -> list[float]:
    atas = max(minimum, (nilai_maks or 0) * 1.18)
    return [0, atas]


def capaian_sasaran(df: pd.DataFrame, judul: str | None = None, skala: Skala = None
                    ) -> go.Figure:
    """Target vs realisasi of the indicators of one sasaran, as a bullet chart.

    Indicators measure different things (persen, orang, indeks), so each bar is the capaian:
    realisasi as a share of its own target, against a grey bar at the target (100 %). Bars are
    coloured by predikat and labelled with the capaian; an indicator without capaian is
    listed with the reason. `df`: rows of `tabel_capaian`.
    """
    judul = judul or "Target dan realisasi indikator"
    if df.empty:
        return kosongkan(judul)
    rows = baris(df, KOLOM_INDIKATOR)
    label = [_label_indikator(r) for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        name="Target (100 %)", y=label, x=[100] * len(rows), orientation="h",
        marker={"color": "#ECEFF1", "line": {"color": "#B0BEC5", "width": 1}}, width=0.8,
        hoverinfo="skip"))
    ada = [r for r in rows if not kosong(r["capaian"])]
    for pred in [*urutan_predikat(skala), *sorted({r["predikat"] for r in ada}
                                                 - set(urutan_predikat(skala)))]:
        bagian = [r for r in ada if r["predikat"] == pred]
        if not bagian:
            continue
        fig.add_trace(go.Bar(
            name=pred, y=[_label_indikator(r) for r in bagian],
            x=[r["capaian"] for r in bagian], orientation="h", width=0.45,
            marker={"color": warna_predikat(pred, skala)},
            text=[fmt.persen(r["capaian"]) for r in bagian],
            **teks_batang(warna_predikat(pred, skala)),
            hovertext=[
                f"{r['uraian_indikator']}<br>Target: {nilai(r['target'], r['satuan'])}"
                f"<br>Realisasi: {nilai(r['realisasi'], r['satuan'])}"
                f"<br>Capaian: {fmt.persen(r['capaian'])} ({pred})" for r in bagian],
            hoverinfo="text"))
    tanpa = [r for r in rows if kosong(r["capaian"])]
    if tanpa:
        fig.add_trace(go.Scatter(
            name=TANPA_CAPAIAN, y=[_label_indikator(r) for r in tanpa], x=[1.5] * len(tanpa),
            mode="markers+text", marker={"symbol": "square", "size": 14, "color": ABU},
            text=[f"  — {r['alasan'] or 'capaian belum ada'}" for r in tanpa],
            textposition="middle right", textfont={"size": 15, "color": GELAP},
            hoverinfo="skip"))
    maks = max((r["capaian"] for r in ada), default=None)
    fig.add_vline(x=100, layer="below", line={"color": GELAP, "width": 2, "dash": "dash"})
    fig.update_layout(barmode="overlay", bargap=0.25)
    fig.update_xaxes(range=_sumbu_persen(maks, 120), ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    return tata_letak(fig, judul, x="Capaian terhadap target (%)", tinggi=_tinggi(len(rows)))


def riwayat_realisasi(hist: pd.DataFrame, judul: str, satuan: str | None = None, *,
                      target_akhir: float | None = None, tahun_akhir: int | None = None
                      ) -> go.Figure:
    """Realisasi of one indicator over the years (bars) with the yearly PK target (line) and,
    when given, the Renstra end target (dashed). `hist`: rows of `riwayat` for one indicator.
    """
    if hist.empty:
        return kosongkan(judul)
    tahun = [str(int(t)) for t in hist["tahun"]]
    real = [None if kosong(v) else float(v) for v in hist["realisasi"]]
    target = [None if kosong(v) else float(v) for v in hist["target"]]
    sumber = ["master (realisasi tahun lalu)" if s == "master" else "laporan unit"
              for s in hist["sumber"]]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        name="Realisasi", x=tahun, y=real, marker={"color": BIRU},
        text=[nilai(v) for v in real], **teks_batang(BIRU, "middle"),
        hovertext=[f"Tahun {t}<br>Realisasi: {nilai(v, satuan)}<br>Sumber: {s}"
                   for t, v, s in zip(tahun, real, sumber)], hoverinfo="text"))
    fig.add_trace(go.Scatter(
        name="Target PK", x=tahun, y=target, mode="lines+markers",
        line={"color": GELAP, "width": 3}, marker={"size": 11, "symbol": "diamond"},
        hovertext=[f"Tahun {t}<br>Target: {nilai(v, satuan)}" for t, v in zip(tahun, target)],
        hoverinfo="text", connectgaps=True))
    if not kosong(target_akhir):
        teks = "Target akhir Renstra" + ("" if kosong(tahun_akhir) else f" {int(tahun_akhir)}")
        fig.add_trace(go.Scatter(
            name=teks, x=[tahun[0], tahun[-1]], y=[target_akhir] * 2, mode="lines",
            line={"color": "#6A1B9A", "width": 2, "dash": "dash"},
            hovertext=[f"{teks}: {nilai(target_akhir, satuan)}"] * 2, hoverinfo="text"))
    sat = f" ({satuan})" if satuan else ""
    fig.update_xaxes(type="category")
    fig.update_yaxes(rangemode="tozero")
    return tata_letak(fig, judul, x="Tahun", y=f"Realisasi{sat}", tinggi=460)


def progres_renstra(df: pd.DataFrame, judul: str | None = None, *, maks: int | None = 40
                    ) -> go.Figure:
    """Progress of each indicator to its Renstra end target (horizontal bars, % of the end
    target, the polarity rule applied). `df`: rows of `tabel_capaian`; indicators without an
    end target are left out; beyond `maks` only the furthest from their target are drawn."""
    judul = judul or "Capaian terhadap target akhir Renstra"
    rows = [r for r in baris(df, KOLOM_RENSTRA) if not kosong(r["capaian_renstra"])]
    if not rows:
        return kosongkan(judul, "Belum ada indikator dengan target akhir Renstra")
    rows, catatan = batasi(rows, "capaian_renstra", maks)
    judul += catatan
    label = [_label_indikator(r) for r in rows]
    akhir = [f" {int(r['tahun_akhir_renstra'])}" if not kosong(r["tahun_akhir_renstra"]) else ""
             for r in rows]
    fig = go.Figure(go.Bar(
        name="Capaian Renstra", y=label, x=[r["capaian_renstra"] for r in rows],
        orientation="h", marker={"color": BIRU}, width=0.6,
        text=[fmt.persen(r["capaian_renstra"]) for r in rows], **teks_batang(BIRU),
        hovertext=[f"{r['uraian_indikator']}<br>Realisasi s.d. {int(r['tahun'])}: "
                   f"{nilai(r['realisasi_sd_kini'], r['satuan'])}<br>Target akhir Renstra{a}: "
                   f"{nilai(r['target_akhir_renstra'], r['satuan'])}"
                   for r, a in zip(rows, akhir)], hoverinfo="text"))
    fig.add_vline(x=100, layer="below", line={"color": GELAP, "width": 2, "dash": "dash"},
                  annotation={"text": "Target akhir", "font": {"size": 14}},
                  annotation_position="top")
    fig.update_xaxes(range=_sumbu_persen(max(r["capaian_renstra"] for r in rows), 115),
                     ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    return tata_letak(fig, judul, x="Realisasi s.d. tahun ini terhadap target akhir (%)",
                      tinggi=_tinggi(len(rows), 60), legenda=False)


def distribusi_predikat(dist: pd.DataFrame, judul: str | None = None, skala: Skala = None, *,
                        donat: bool = False) -> go.Figure:
    """How many indicators fall in each predikat (bars, or a donut with `donat=True`).
    `dist`: columns predikat, jumlah (from `ringkasan.distribusi_predikat`)."""
    judul = judul or "Sebaran predikat capaian indikator"
    if dist.empty or dist["jumlah"].sum() == 0:
        return kosongkan(judul)
    pred = list(dist["predikat"])
    jumlah = [int(v) for v in dist["jumlah"]]
    warna = [warna_predikat(p, skala) for p in pred]
    if donat:
        fig = go.Figure(go.Pie(
            labels=pred, values=jumlah, hole=0.5, sort=False, direction="clockwise",
            marker={"colors": warna}, textinfo="label+value", textfont={"size": 16},
            hovertemplate="%{label}: %{value} indikator (%{percent})<extra></extra>"))
        return tata_letak(fig, judul, tinggi=460)
    fig = go.Figure(go.Bar(
        name="Jumlah indikator", x=[bungkus(p, 8, 2) for p in pred], y=jumlah,
        marker={"color": warna}, text=jumlah,
        textposition="outside", textfont={"size": 18}, cliponaxis=False,
        hovertemplate="%{x}: %{y} indikator<extra></extra>"))
    fig.update_yaxes(rangemode="tozero", range=[0, max(jumlah) * 1.2 + 1], dtick=None)
    fig.update_xaxes(tickangle=0)  # labels are already wrapped; rotated they are hard to read
    return tata_letak(fig, judul, x="Predikat", y="Jumlah indikator", tinggi=440,
                      legenda=False)


def capaian_unit(per_unit: pd.DataFrame, judul: str | None = None, skala: Skala = None, *,
                 maks: int | None = 40) -> go.Figure:
    """Mean capaian per unit (horizontal bars coloured by predikat). `per_unit`: from
    `ringkasan.capaian_per_unit` (nama_unit, capaian, predikat, indikator, tanpa_capaian);
    beyond `maks` units only the lowest are drawn."""
    judul = judul or "Perbandingan capaian antarunit"
    if per_unit.empty:
        return kosongkan(judul)
    rows, catatan = batasi(per_unit.to_dict("records"), "capaian", maks)
    judul += catatan
    label = [bungkus(r["nama_unit"] or r["kode_unit"], 32, 2) for r in rows]
    fig = go.Figure()
    ada = [(lbl, r) for lbl, r in zip(label, rows) if not kosong(r["capaian"])]
    for pred in [*urutan_predikat(skala), *sorted({r["predikat"] for _, r in ada}
                                                 - set(urutan_predikat(skala)))]:
        bagian = [(lbl, r) for lbl, r in ada if r["predikat"] == pred]
        if not bagian:
            continue
        fig.add_trace(go.Bar(
            name=pred, y=[lbl for lbl, _ in bagian], x=[r["capaian"] for _, r in bagian],
            orientation="h", width=0.6, marker={"color": warna_predikat(pred, skala)},
            text=[fmt.persen(r["capaian"]) for _, r in bagian],
            **teks_batang(warna_predikat(pred, skala)),
            hovertext=[f"{r['nama_unit']}<br>Rata-rata capaian: {fmt.persen(r['capaian'])}"
                       f"<br>Indikator: {r['indikator']} (tanpa capaian: {r['tanpa_capaian']})"
                       for _, r in bagian], hoverinfo="text"))
    tanpa = [(lbl, r) for lbl, r in zip(label, rows) if kosong(r["capaian"])]
    if tanpa:
        fig.add_trace(go.Scatter(
            name=TANPA_CAPAIAN, y=[lbl for lbl, _ in tanpa], x=[1.5] * len(tanpa),
            mode="markers+text", marker={"symbol": "square", "size": 14, "color": ABU},
            text=[f"  — belum ada capaian ({r['indikator']} indikator)" for _, r in tanpa],
            textposition="middle right", textfont={"size": 15, "color": GELAP},
            hoverinfo="skip"))
    maks = max((r["capaian"] for r in rows if not kosong(r["capaian"])), default=None)
    fig.add_vline(x=100, layer="below", line={"color": GELAP, "width": 2, "dash": "dash"})
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(range=_sumbu_persen(maks, 115), ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    return tata_letak(fig, judul, x="Rata-rata capaian indikator (%)",
                      tinggi=_tinggi(len(rows), 52))
