"""Charts of Bab III A (capaian kinerja): pure functions, frames in, a plotly Figure out.

The frames are those of `lkip_core.analisis` (tabel_capaian, riwayat, capaian_per_unit,
distribusi_predikat); nothing is computed here beyond placing values on the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from ..analisis.ringkasan import RUMUS_NEGATIF  # the written formulas (rumus.URAIAN_RUMUS)
from ..fmt import ROMAWI
from .gaya import (
    ABU,
    BIRU,
    GELAP,
    TANPA_CAPAIAN,
    baris,
    batasi,
    bungkus,
    jepit,
    kosong,
    kosongkan,
    nilai,
    pencilan,
    persen_tanda,
    sumbu_pencilan,
    tata_letak,
    teks_batang,
    urutan_predikat,
    warna_predikat,
)

Skala = Sequence[tuple[float, str]] | None
KOLOM_INDIKATOR = ("kode_indikator", "uraian_indikator", "satuan", "target", "realisasi",
                   "capaian", "predikat", "alasan")
KOLOM_RENSTRA = ("kode_indikator", "uraian_indikator", "satuan", "tahun", "capaian_renstra",
                 "realisasi_sd_kini", "target_akhir_renstra", "tahun_akhir_renstra",
                 "polaritas", "metode_negatif")
BARIS_LABEL = 4  # lines of an indicator's name on an axis: wrapped, not cut, in a half column


def _label_indikator(r: dict) -> str:
    # The code on its own line and the name wrapped narrow: the label fits the half-width
    # columns of the leadership page at 1280 px, where one long line was cut at the left.
    return f"<b>{r['kode_indikator']}</b><br>{bungkus(r['uraian_indikator'], 34, BARIS_LABEL)}"


def _tinggi(n: int, per: int = 92, dasar: int = 190) -> int:
    return dasar + per * max(n, 1)


def _penanda_pencilan(fig: go.Figure, label: list[str], atas: float) -> None:
    """A marker at the axis end for the bars cut there, named in the legend."""
    if label:
        fig.add_trace(go.Scatter(
            name="Di luar skala (nilai pada label)", y=label, x=[atas] * len(label),
            mode="markers", marker={"symbol": "triangle-right", "size": 16, "color": GELAP},
            cliponaxis=False, hoverinfo="skip"))


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
    atas, batas = sumbu_pencilan([r["capaian"] for r in ada], 120)
    for pred in [*urutan_predikat(skala), *sorted({r["predikat"] for r in ada}
                                                 - set(urutan_predikat(skala)))]:
        bagian = [r for r in ada if r["predikat"] == pred]
        if not bagian:
            continue
        fig.add_trace(go.Bar(
            name=pred, y=[_label_indikator(r) for r in bagian],
            x=[jepit(r["capaian"], atas, batas) for r in bagian], orientation="h", width=0.45,
            marker={"color": warna_predikat(pred, skala)},
            text=[persen_tanda(r["capaian"], batas) for r in bagian],
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
            # wrapped: the reason stays inside a half-width chart
            text=[" " + bungkus(f"— {r['alasan'] or 'capaian belum ada'}", 24, 3)
                  for r in tanpa],
            textposition="middle right", textfont={"size": 15, "color": GELAP},
            hoverinfo="skip"))
    _penanda_pencilan(fig, [_label_indikator(r) for r in ada if pencilan(r["capaian"], batas)],
                      atas)
    fig.add_vline(x=100, layer="below", line={"color": GELAP, "width": 2, "dash": "dash"})
    fig.update_layout(barmode="overlay", bargap=0.25)
    fig.update_xaxes(range=[0, atas], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    return tata_letak(fig, judul, x="Capaian terhadap target (%)", tinggi=_tinggi(len(rows)))


def riwayat_realisasi(hist: pd.DataFrame, judul: str, satuan: str | None = None, *,
                      target_akhir: float | None = None, tahun_akhir: int | None = None,
                      sampai_tw: int | None = None, realisasi_kini: float | None = None
                      ) -> go.Figure:
    """Realisasi of one indicator over the years (bars) with the yearly PK target (line) and,
    when given, the Renstra end target (dashed). `hist`: rows of `riwayat` for one indicator.

    With `sampai_tw` below 4, the last year is the page's period: its bar is `realisasi_kini`
    (the realisasi "s.d. TW n" of `tabel_capaian`) and its label says so, not the full year.
    """
    if hist.empty:
        return kosongkan(judul)
    tahun = [str(int(t)) for t in hist["tahun"]]
    real = [None if kosong(v) else float(v) for v in hist["realisasi"]]
    if sampai_tw is not None and sampai_tw < 4:
        real[-1] = None if kosong(realisasi_kini) else float(realisasi_kini)
        tahun[-1] = f"{tahun[-1]} s.d. TW {ROMAWI[int(sampai_tw) - 1]}"
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
    end target are left out; beyond `maks` only the furthest from their target are drawn.

    A negatif indicator (fewer is better) is computed with its negatif formula (domain.md:
    `(2T − R) / T × 100` or `T / R × 100`, in `tabel_capaian`), drawn hatched, labelled
    "negatif" and its formula named in the legend and the hover: 130 % there means the count
    is well under its ceiling, not that more was done."""
    judul = judul or "Capaian terhadap target akhir Renstra"
    rows = [r for r in baris(df, KOLOM_RENSTRA) if not kosong(r["capaian_renstra"])]
    if not rows:
        return kosongkan(judul, "Belum ada indikator dengan target akhir Renstra")
    rows, catatan = batasi(rows, "capaian_renstra", maks)
    judul += catatan
    label = [_label_indikator(r) for r in rows]
    atas, batas = sumbu_pencilan([r["capaian_renstra"] for r in rows], 115)
    fig = go.Figure()
    for negatif in (False, True):
        bagian = [(lbl, r) for lbl, r in zip(label, rows)
                  if (r.get("polaritas") == "negatif") == negatif]
        if not bagian:
            continue
        if negatif:
            rumus = sorted({RUMUS_NEGATIF.get(r.get("metode_negatif"), RUMUS_NEGATIF["selisih"])
                            for _, r in bagian})
            # one line per formula: the legend sits under the plot, each line within its width
            nama = "Indikator negatif (makin kecil makin baik), rumus:<br>" + "<br>".join(rumus)
        else:
            nama = "Indikator positif: realisasi / target akhir × 100"
        teks = [persen_tanda(r["capaian_renstra"], batas) + (" · negatif" if negatif else "")
                for _, r in bagian]
        hover = []
        for _, r in bagian:
            akhir = ("" if kosong(r["tahun_akhir_renstra"])
                     else f" {int(r['tahun_akhir_renstra'])}")
            h = (f"{r['uraian_indikator']}<br>Realisasi s.d. {int(r['tahun'])}: "
                 f"{nilai(r['realisasi_sd_kini'], r['satuan'])}<br>Target akhir Renstra{akhir}: "
                 f"{nilai(r['target_akhir_renstra'], r['satuan'])}<br>Capaian: "
                 f"{fmt.persen(r['capaian_renstra'])}")
            if negatif:
                h += (" (indikator negatif, rumus "
                      f"{RUMUS_NEGATIF.get(r.get('metode_negatif'), RUMUS_NEGATIF['selisih'])})")
            hover.append(h)
        fig.add_trace(go.Bar(
            name=nama, y=[lbl for lbl, _ in bagian],
            x=[jepit(r["capaian_renstra"], atas, batas) for _, r in bagian],
            orientation="h", width=0.6, text=teks,
            marker={"color": BIRU, "pattern": {"shape": "/" if negatif else "",
                                               "fgcolor": "white", "solidity": 0.3}},
            **teks_batang(BIRU), hovertext=hover, hoverinfo="text"))
    _penanda_pencilan(fig, [lbl for lbl, r in zip(label, rows)
                            if pencilan(r["capaian_renstra"], batas)], atas)
    fig.add_vline(x=100, layer="below", line={"color": GELAP, "width": 2, "dash": "dash"},
                  annotation={"text": "Target akhir", "font": {"size": 14}},
                  annotation_position="top")
    fig.update_layout(barmode="overlay", legend={"traceorder": "normal"})
    fig.update_xaxes(range=[0, atas], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    baris_legenda = sum(1 + (t.name or "").count("<br>") for t in fig.data if t.type == "bar")
    tata_letak(fig, judul, x="Capaian terhadap target akhir Renstra (%)",
               tinggi=_tinggi(len(rows), 80) + 22 * baris_legenda)
    # The legend (with the formulas) under the axis title: above the plot its lines climbed
    # into the chart's title.
    fig.update_layout(legend={"orientation": "v", "yanchor": "bottom", "y": 0.005, "yref": "container",
                              "x": 0, "xanchor": "left"},
                      margin={"t": 80 + 28 * fig.layout.title.text.count("<br>"),
                              "b": 40 + 22 * baris_legenda})
    return fig


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
    # Horizontal: the predikat names stand on their own lines on the left, whatever the width
    # of the column (side by side under the x axis they ran together: "SedangRendah").
    fig = go.Figure(go.Bar(
        name="Jumlah indikator", y=pred, x=jumlah, orientation="h", width=0.65,
        marker={"color": warna}, text=jumlah,
        textposition="outside", textfont={"size": 18}, cliponaxis=False,
        hovertemplate="%{y}: %{x} indikator<extra></extra>"))
    fig.update_xaxes(rangemode="tozero", range=[0, max(jumlah) * 1.25 + 1], tickformat=",d")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=pred)
    return tata_letak(fig, judul, x="Jumlah indikator", tinggi=150 + 52 * len(pred),
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
    label = [bungkus(r["nama_unit"] or r["kode_unit"], 30, 3) for r in rows]
    atas, batas = sumbu_pencilan([r["capaian"] for r in rows], 115)
    fig = go.Figure()
    ada = [(lbl, r) for lbl, r in zip(label, rows) if not kosong(r["capaian"])]
    for pred in [*urutan_predikat(skala), *sorted({r["predikat"] for _, r in ada}
                                                 - set(urutan_predikat(skala)))]:
        bagian = [(lbl, r) for lbl, r in ada if r["predikat"] == pred]
        if not bagian:
            continue
        fig.add_trace(go.Bar(
            name=pred, y=[lbl for lbl, _ in bagian],
            x=[jepit(r["capaian"], atas, batas) for _, r in bagian],
            orientation="h", width=0.6, marker={"color": warna_predikat(pred, skala)},
            text=[persen_tanda(r["capaian"], batas) for _, r in bagian],
            **teks_batang(warna_predikat(pred, skala)),
            hovertext=[f"{r['nama_unit']}<br>Rata-rata capaian: {fmt.persen(r['capaian'])}"
                       f"<br>Indikator: {r['indikator']} (tanpa capaian: {r['tanpa_capaian']})"
                       for _, r in bagian], hoverinfo="text"))
    tanpa = [(lbl, r) for lbl, r in zip(label, rows) if kosong(r["capaian"])]
    if tanpa:
        fig.add_trace(go.Scatter(
            name=TANPA_CAPAIAN, y=[lbl for lbl, _ in tanpa], x=[1.5] * len(tanpa),
            mode="markers+text", marker={"symbol": "square", "size": 14, "color": ABU},
            text=[f" — belum ada capaian<br>   ({r['indikator']} indikator)" for _, r in tanpa],
            textposition="middle right", textfont={"size": 15, "color": GELAP},
            hoverinfo="skip"))
    _penanda_pencilan(fig, [lbl for lbl, r in zip(label, rows) if pencilan(r["capaian"], batas)],
                      atas)
    fig.add_vline(x=100, layer="below", line={"color": GELAP, "width": 2, "dash": "dash"})
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(range=[0, atas], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    return tata_letak(fig, judul, x="Rata-rata capaian indikator (%)",
                      tinggi=_tinggi(len(rows), 62))
