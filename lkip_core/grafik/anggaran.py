"""Charts of Bab III B (realisasi anggaran) and of efficiency: frames in, a Figure out.

The frames come from `lkip_core.analisis.anggaran.HasilAnggaran` (program, kegiatan,
sub_kegiatan, per_tw(), per_unit()) and `tabel_capaian`; nothing is computed here.
"""

from __future__ import annotations

import statistics

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from ..fmt import ROMAWI
from .gaya import (
    ABU,
    BIRU,
    BIRU_MUDA,
    GELAP,
    HIJAU,
    MERAH,
    baris,
    batasi,
    bungkus,
    kosong,
    kosongkan,
    pencilan,
    pendek,
    skala_rupiah,
    sumbu_pencilan,
    tata_letak,
    teks_batang,
)

LABEL_MAKS = 8  # labelled dots in the efficiency chart at most: the rest on hover
LEBAR_PLOT, TINGGI_PLOT = 640.0, 440.0  # the plot area in pixels, roughly, for label spacing


def _tinggi(n: int, per: int = 70, dasar: int = 200) -> int:
    return dasar + per * max(n, 1)


def pagu_realisasi(df: pd.DataFrame, tingkat: str = "program", judul: str | None = None, *,
                   maks: int | None = 30) -> go.Figure:
    """Pagu against realisasi of each program, kegiatan or sub kegiatan (grouped horizontal
    bars), the serapan written on the realisasi bar. `df`: a level frame of HasilAnggaran
    (kode, nama, pagu, realisasi, serapan); `tingkat` names the level in the title; beyond
    `maks` rows only the largest pagu are drawn."""
    judul = judul or f"Pagu dan realisasi per {tingkat}"
    if df.empty:
        return kosongkan(judul)
    rows, catatan = batasi(baris(df, ("kode", "nama", "pagu", "realisasi", "serapan", "sisa")),
                           "pagu", maks, terbesar=True)
    judul += catatan
    bagi, kata = skala_rupiah(max(float(r["pagu"] or 0) for r in rows))
    # The code on its own line (a sub kegiatan code is 17 characters: beside the name it
    # pushed the label past the chart's left edge and was cut, "5.03.02.2")
    label = [f"<b>{r['kode']}</b><br>{bungkus(r['nama'] or '', 32, 3)}" for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        name="Pagu", y=label, x=[float(r["pagu"]) / bagi for r in rows], orientation="h",
        marker={"color": BIRU_MUDA},
        hovertext=[f"{r['nama']}<br>Pagu: {fmt.rupiah(r['pagu'])}" for r in rows],
        hoverinfo="text"))
    fig.add_trace(go.Bar(
        name="Realisasi", y=label, x=[float(r["realisasi"]) / bagi for r in rows],
        orientation="h", marker={"color": BIRU},
        text=[f"serapan {fmt.persen(r['serapan'])}" for r in rows], textposition="outside",
        textfont={"size": 15}, cliponaxis=False, constraintext="none",
        hovertext=[f"{r['nama']}<br>Realisasi: {fmt.rupiah(r['realisasi'])}<br>Serapan: "
                   f"{fmt.persen(r['serapan'])}<br>Sisa: {fmt.rupiah(r['sisa'])}"
                   for r in rows], hoverinfo="text"))
    maks = max(float(r["pagu"] or 0) for r in rows) / bagi
    fig.update_layout(barmode="group", bargap=0.3, bargroupgap=0.05)
    # room at the right for "serapan 100,00 %" written after the longest realisasi bar
    fig.update_xaxes(range=[0, maks * 1.45], tickformat=",.1f" if maks < 100 else ",.0f")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    return tata_letak(fig, judul, x=f"Rupiah ({kata})" if kata else "Rupiah",
                      tinggi=_tinggi(len(rows), 92))


def serapan_tw(per_tw: pd.DataFrame, judul: str | None = None) -> go.Figure:
    """Cumulative serapan per TW against the RAK plan (both % of pagu, lines) with the deviasi
    in percentage points (bars: green ahead of plan, red behind). `per_tw`: HasilAnggaran.per_tw().
    """
    judul = judul or "Serapan kumulatif per triwulan terhadap rencana (RAK)"
    if per_tw.empty:
        return kosongkan(judul)
    rows = per_tw.to_dict("records")
    tw = [f"TW {ROMAWI[int(r['tw']) - 1]}" for r in rows]
    dev = [None if kosong(r["deviasi_poin"]) else r["deviasi_poin"] for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        name="Deviasi (poin persen)", x=tw, y=dev, width=0.35,
        marker={"color": [ABU if d is None else (HIJAU if d >= 0 else MERAH) for d in dev]},
        text=[None if d is None else f"{fmt.angka(d)} poin" for d in dev],
        textposition="outside", textfont={"size": 15}, cliponaxis=False,
        hovertext=[None if d is None else
                   f"{t}: deviasi {fmt.angka(d)} poin<br>({fmt.rupiah(r['deviasi'])})"
                   for t, d, r in zip(tw, dev, rows)], hoverinfo="text"))
    fig.add_trace(go.Scatter(
        name="Rencana RAK (kumulatif)", x=tw, y=[r["rencana"] for r in rows],
        mode="lines+markers", line={"color": GELAP, "width": 3, "dash": "dash"},
        marker={"size": 10},
        hovertext=[f"{t}: rencana {fmt.persen(r['rencana'])}<br>{fmt.rupiah(r['rak_kumulatif'])}"
                   for t, r in zip(tw, rows)], hoverinfo="text"))
    fig.add_trace(go.Scatter(
        name="Realisasi (kumulatif)", x=tw, y=[r["serapan"] for r in rows],
        mode="lines+markers+text", line={"color": BIRU, "width": 4}, marker={"size": 12},
        text=[fmt.persen(r["serapan"]) if not kosong(r["serapan"]) else None for r in rows],
        # below the line when behind plan (the plan line runs above), above when ahead
        textposition=["bottom right" if not kosong(r["deviasi_poin"]) and r["deviasi_poin"] < 0
                      else "top left" for r in rows],
        textfont={"size": 15, "color": BIRU},
        hovertext=[f"{t}: serapan {fmt.persen(r['serapan'])}<br>"
                   f"{fmt.rupiah(r['realisasi_kumulatif'])}" for t, r in zip(tw, rows)],
        hoverinfo="text"))
    rendah = min([0.0, *[d for d in dev if d is not None]])
    fig.update_yaxes(range=[rendah * 1.4 - 5, 112], ticksuffix=" %")
    fig.add_hline(y=0, line={"color": "#B0BEC5", "width": 1})
    return tata_letak(fig, judul, x="Triwulan", y="Persen dari pagu (%)", tinggi=480)


def serapan_unit(per_unit: pd.DataFrame, judul: str | None = None, *,
                 maks: int | None = 40) -> go.Figure:
    """Serapan of each unit (horizontal bars); a unit that reported nothing is grey and says
    so. `per_unit`: HasilAnggaran.per_unit(); beyond `maks` units only the lowest are drawn."""
    judul = judul or "Serapan anggaran per unit"
    if per_unit.empty:
        return kosongkan(judul)
    rows, catatan = batasi(per_unit.to_dict("records"), "serapan", maks)
    judul += catatan
    label = [bungkus(r["nama_unit"] or r["kode_unit"], 30, 3) for r in rows]
    lapor = [r["dilaporkan"] > 0 for r in rows]
    fig = go.Figure(go.Bar(
        name="Serapan", y=label, x=[r["serapan"] or 0 for r in rows], orientation="h",
        width=0.6, marker={"color": [BIRU if ok else ABU for ok in lapor]},
        text=[fmt.persen(r["serapan"]) if ok else "belum melapor" for r, ok in zip(rows, lapor)],
        **teks_batang(BIRU),
        hovertext=[f"{r['nama_unit']}<br>Pagu: {fmt.rupiah(r['pagu'])}<br>Realisasi: "
                   f"{fmt.rupiah(r['realisasi'])}<br>Serapan: {fmt.persen(r['serapan'])}"
                   for r in rows], hoverinfo="text"))
    fig.update_xaxes(range=[0, 118], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=label)
    return tata_letak(fig, judul, x="Serapan (%)", tinggi=_tinggi(len(rows), 62),
                      legenda=False)


def fisik_keuangan(sub: pd.DataFrame, judul: str | None = None) -> go.Figure:
    """Physical progress against financial serapan per sub kegiatan (scatter, the size of a
    dot grows with its pagu) with the diagonal where both are equal. `sub`: the sub_kegiatan
    frame of HasilAnggaran; rows missing either value are left out."""
    judul = judul or "Realisasi fisik terhadap keuangan per sub kegiatan"
    rows = [r for r in baris(sub, ("kode", "nama", "pagu", "fisik", "serapan"))
            if not kosong(r["fisik"]) and not kosong(r["serapan"])]
    if not rows:
        return kosongkan(judul, "Belum ada sub kegiatan dengan realisasi fisik dan keuangan")
    pagu_maks = max(float(r["pagu"]) for r in rows) or 1.0
    atas = max(105.0, *(r["fisik"] + 5 for r in rows), *(r["serapan"] + 5 for r in rows))
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        name="Fisik = keuangan", x=[0, atas], y=[0, atas], mode="lines",
        line={"color": GELAP, "width": 2, "dash": "dash"}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        name="Sub kegiatan", x=[r["serapan"] for r in rows], y=[r["fisik"] for r in rows],
        mode="markers",
        marker={"size": [10 + 26 * (float(r["pagu"]) / pagu_maks) ** 0.5 for r in rows],
                "color": BIRU, "opacity": 0.7, "line": {"color": "white", "width": 1}},
        hovertext=[f"{r['kode']} · {pendek(r['nama'])}<br>Fisik: "
                   f"{fmt.persen(r['fisik'])}<br>Keuangan: {fmt.persen(r['serapan'])}"
                   f"<br>Pagu: {fmt.rupiah(r['pagu'])}" for r in rows], hoverinfo="text"))
    bawah = max(0.0, min(min(r["fisik"] for r in rows), min(r["serapan"] for r in rows)) - 10)
    fig.update_xaxes(range=[bawah, atas], ticksuffix=" %")
    fig.update_yaxes(range=[bawah, atas], ticksuffix=" %")
    fig.add_annotation(x=bawah + (atas - bawah) * 0.05, y=atas - (atas - bawah) * 0.05,
                       text="Fisik mendahului keuangan", showarrow=False, xanchor="left",
                       font={"size": 15, "color": GELAP})
    fig.add_annotation(x=atas - (atas - bawah) * 0.05, y=bawah + (atas - bawah) * 0.05,
                       text="Keuangan mendahului fisik", showarrow=False, xanchor="right",
                       font={"size": 15, "color": GELAP})
    return tata_letak(fig, judul, x="Realisasi keuangan / serapan (%)",
                      y="Realisasi fisik (%)", tinggi=560)


def kuadran_efisiensi(df: pd.DataFrame, judul: str | None = None, *, batas: str = "median"
                      ) -> go.Figure:
    """The efficiency chart: x = serapan of the linked budget, y = capaian, one dot per
    indicator with a linked budget, coloured by the verdict (IE = capaian / serapan).

    The diagonal y = x is IE = 1: above it "Efisien", below "Tidak efisien". The quadrant
    lines sit at the medians of the dots (`batas="median"`, the default: serapan rarely passes
    100 %, so lines at 100/100 would leave two quadrants empty) or at 100 % / 100 %
    (`batas="100"`); each quadrant is named. `df`: rows of `tabel_capaian` (kode_indikator,
    uraian_indikator, capaian, serapan_program, ie, efisiensi).
    """
    judul = judul or "Efisiensi: capaian kinerja terhadap serapan anggaran"
    rows = [r for r in baris(df, ("kode_indikator", "uraian_indikator", "capaian",
                                  "serapan_program", "ie", "efisiensi"))
            if not kosong(r["capaian"]) and not kosong(r["serapan_program"])]
    if not rows:
        return kosongkan(judul, "Belum ada indikator yang terhubung dengan anggaran")
    xs = [r["serapan_program"] for r in rows]
    ys = [r["capaian"] for r in rows]
    if batas == "median":
        gx, gy = statistics.median(xs), statistics.median(ys)
        nama_x, nama_y = f"median serapan {fmt.persen(gx)}", f"median capaian {fmt.persen(gy)}"
    elif batas == "100":
        gx = gy = 100.0
        nama_x, nama_y = "serapan 100 %", "capaian 100 %"
    else:
        raise ValueError("batas harus 'median' atau '100'")
    # An outlier (capaian 220 %) is drawn at the axis edge as a triangle, its value in its
    # label, instead of stretching the axis until the other dots pile up.
    bx, by = sumbu_pencilan(xs, 0)[1], sumbu_pencilan(ys, 0)[1]
    biasa_x = [x for x in xs if not pencilan(x, bx)] or [gx]
    biasa_y = [y for y in ys if not pencilan(y, by)] or [gy]
    x0 = max(0.0, min(min(biasa_x), gx) - 5)
    x1 = max(max(biasa_x), gx) + 5
    y0 = max(0.0, min(min(biasa_y), gy, x0) - 8)
    y1 = max(max(biasa_y), gy, x1) + 10
    # below the band of the quadrant names along the top edge
    tepi_x, tepi_y = x1 - (x1 - x0) * 0.02, y1 - (y1 - y0) * 0.1
    px = [tepi_x if pencilan(x, bx) else x for x in xs]
    py = [tepi_y if pencilan(y, by) else y for y in ys]
    luar = [pencilan(x, bx) or pencilan(y, by) for x, y in zip(xs, ys)]
    teks = [r["kode_indikator"] + (f" ({fmt.persen(r['capaian'])})" if pencilan(y, by) else "")
            for r, y in zip(rows, ys)]
    kiri, kanan = max(x0, y0), min(x1, y1)  # the ends of the diagonal inside the plot
    posisi = label_tanpa_tumpang(px, py, teks, (x0, x1), (y0, y1), luar=luar,
                                 skor=[0.0 if kosong(r["ie"]) else abs(r["ie"] - 1) for r in rows],
                                 terisi=_kotak_tetap((x0, x1), (y0, y1), kiri, kanan))
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        name="IE = 1 (capaian = serapan)", x=[min(x0, y0), max(x1, y1)],
        y=[min(x0, y0), max(x1, y1)], mode="lines",
        line={"color": GELAP, "width": 2}, hoverinfo="skip"))
    for ket, warna in (("Efisien", HIJAU), ("Tidak Efisien", MERAH)):
        idx = [i for i, r in enumerate(rows) if r["efisiensi"] == ket]
        if not idx:
            continue
        fig.add_trace(go.Scatter(
            name=ket, x=[px[i] for i in idx], y=[py[i] for i in idx], mode="markers+text",
            text=[teks[i] if i in posisi else "" for i in idx],
            textposition=[posisi.get(i, "middle right") for i in idx],
            textfont={"size": 14, "color": GELAP}, cliponaxis=False,
            marker={"size": 14, "color": warna, "line": {"color": "white", "width": 1},
                    "symbol": ["triangle-up" if luar[i] else "circle" for i in idx]},
            hovertext=[f"{rows[i]['kode_indikator']} · {pendek(rows[i]['uraian_indikator'])}"
                       f"<br>Capaian: {fmt.persen(rows[i]['capaian'])}<br>Serapan: "
                       f"{fmt.persen(rows[i]['serapan_program'])}<br>IE: "
                       f"{fmt.angka(rows[i]['ie'], 3)}"
                       + ("<br>di luar skala: digambar di tepi grafik" if luar[i] else "")
                       for i in idx], hoverinfo="text"))
    # The quadrant lines are named in the axis titles: written on the lines, the names fell
    # over the quadrant names and the dots' codes.
    garis = {"color": "#78909C", "width": 1.5, "dash": "dot"}
    fig.add_vline(x=gx, line=garis)
    fig.add_hline(y=gy, line=garis)
    sudut = {"size": 14, "color": "#546E7A"}
    for x, y, ax, ay, teks in (
            (x0, y1, "left", "top", "Capaian tinggi, serapan rendah"),
            (x1, y1, "right", "top", "Capaian tinggi, serapan tinggi"),
            (x0, y0, "left", "bottom", "Capaian rendah, serapan rendah"),
            (x1, y0, "right", "bottom", "Capaian rendah, serapan tinggi")):
        fig.add_annotation(x=x, y=y, xanchor=ax, yanchor=ay, text=f"<i>{teks}</i>",
                           showarrow=False, font=sudut)
    # Name the two sides of the diagonal at its ends, where the dots rarely are: the left end
    # (low serapan) above the line, the right end (serapan near 100 %) below it.
    fig.add_annotation(x=kiri, y=kiri, text="<b>Efisien (IE ≥ 1)</b> ↑", showarrow=False,
                       xanchor="left", yanchor="bottom", xshift=8, yshift=10,
                       font={"size": 15, "color": HIJAU})
    fig.add_annotation(x=kanan, y=kanan, text="↓ <b>Tidak efisien (IE < 1)</b>",
                       showarrow=False, xanchor="right", yanchor="top", xshift=-8, yshift=-12,
                       font={"size": 15, "color": MERAH})
    fig.update_xaxes(range=[x0, x1], ticksuffix=" %")
    fig.update_yaxes(range=[y0, y1], ticksuffix=" %")
    return tata_letak(fig, judul, x=f"Serapan anggaran terkait (%) · garis titik: {nama_x}",
                      y=f"Capaian kinerja (%) · garis titik: {nama_y}", tinggi=600)


def _kotak_tetap(rx: tuple[float, float], ry: tuple[float, float], kiri: float, kanan: float
                 ) -> list[tuple[float, float, float, float]]:
    """The pixel boxes of the fixed texts of the efficiency chart (quadrant names in the
    corners, the two sides of the diagonal), which the dots' codes must not cover."""
    sx = LEBAR_PLOT / ((rx[1] - rx[0]) or 1.0)
    sy = TINGGI_PLOT / ((ry[1] - ry[0]) or 1.0)
    lebar, tinggi = 235.0, 22.0  # "Capaian tinggi, serapan rendah" at 14 px
    kotak = [(0.0, TINGGI_PLOT - tinggi, lebar, TINGGI_PLOT),
             (LEBAR_PLOT - lebar, TINGGI_PLOT - tinggi, LEBAR_PLOT, TINGGI_PLOT),
             (0.0, 0.0, lebar, tinggi), (LEBAR_PLOT - lebar, 0.0, LEBAR_PLOT, tinggi)]
    ex, ey = (kiri - rx[0]) * sx, (kiri - ry[0]) * sy
    kotak.append((ex + 8, ey + 10, ex + 8 + 160, ey + 10 + tinggi))  # Efisien (IE ≥ 1) ↑
    tx, ty = (kanan - rx[0]) * sx, (kanan - ry[0]) * sy
    kotak.append((tx - 8 - 200, ty - 12 - tinggi, tx - 8, ty - 12))  # ↓ Tidak efisien (IE < 1)
    return kotak


def label_tanpa_tumpang(xs: list[float], ys: list[float], teks: list[str],
                        rx: tuple[float, float], ry: tuple[float, float], *,
                        luar: list[bool] | None = None, skor: list[float] | None = None,
                        maks: int = LABEL_MAKS,
                        terisi: list[tuple[float, float, float, float]] | None = None
                        ) -> dict[int, str]:
    """Which dots of a scatter get a printed label, and where (plotly textposition), so that
    no two labels overlap: dots outside the scale first, then the highest `skor` (the
    extremes), each put right of its dot, else left, else left out (its label stays on
    hover). Boxes are estimated in pixels of a plot of about LEBAR_PLOT × TINGGI_PLOT."""
    n = len(xs)
    luar = luar or [False] * n
    skor = skor or [0.0] * n
    sx = LEBAR_PLOT / ((rx[1] - rx[0]) or 1.0)
    sy = TINGGI_PLOT / ((ry[1] - ry[0]) or 1.0)
    kotak: list[tuple[float, float, float, float]] = list(terisi or [])
    titik = [((x - rx[0]) * sx, (y - ry[0]) * sy) for x, y in zip(xs, ys)]
    pilih: dict[int, str] = {}
    for i in sorted(range(n), key=lambda i: (not luar[i], -skor[i], i)):
        if len(pilih) >= maks:
            break
        cx, cy = titik[i]
        lebar, tinggi = 8.5 * len(teks[i]) + 4, 20.0
        for pos, kiri in (("middle right", cx + 10), ("middle left", cx - 10 - lebar)):
            k = (kiri, cy - tinggi / 2, kiri + lebar, cy + tinggi / 2)
            if k[0] < 0 or k[2] > LEBAR_PLOT:  # past the plot's side: cut or over the axis
                continue
            bentrok = any(k[0] < b[2] and b[0] < k[2] and k[1] < b[3] and b[1] < k[3]
                          for b in kotak)
            # nor over another dot (radius ~7 px)
            bentrok = bentrok or any(
                j != i and k[0] - 7 < titik[j][0] < k[2] + 7 and k[1] - 7 < titik[j][1] < k[3] + 7
                for j in range(n))
            if not bentrok:
                kotak.append(k)
                pilih[i] = pos
                break
    return pilih
