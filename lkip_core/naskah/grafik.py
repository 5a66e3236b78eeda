"""The book's charts as print-resolution PNG: the same figures the pages draw with plotly, in
the same colours per predikat (`grafik.gaya`), laid out for A4 paper. The two drawn once per
sasaran (capaian per indicator, capaian over the years: 454 in a city's book) are drawn with
Pillow in this look (`kanvas`: matplotlib spent a quarter second of CPU on each); the few
others (per sasaran overall, budget) with matplotlib (Agg).

Pure functions: rows in, PNG bytes out. Nothing is computed here beyond placing the engine's
values (a past year's capaian comes from `rumus.hitung_capaian`, the engine's formula).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .. import fmt
from ..analisis import rumus
from ..grafik.gaya import ABU, BIRU, BIRU_MUDA, GELAP, warna_predikat
from ..lampiran.halaman import _lebar_kata
from ..lampiran.model import kosong
from . import kanvas

DPI = 200  # sharp on paper at the printed size
LEBAR_IN = 6.3  # 16 cm: the text width of an A4 portrait page
MAKS_GARIS = 8  # indicators drawn in one trend chart (IKU first); the table has them all
# Bars in one piece of a bar chart: a chart of more (a city's 227 sasaran, a sasaran's 32
# indicators, 176 programs) is drawn in pieces of at most this many bars, on the same scale,
# each fitting an A4 page with its caption (0,95 + 0,42 × 18 in, 150 mm wide: 20 cm tall).
BARIS_PER_GAMBAR = 18
PROGRAM_PER_GAMBAR = 14  # 1,05 + 0,55 × 14 in: 19 cm


GAYA = {
    "font.family": kanvas.keluarga_font(), "font.size": 8.5,
    "axes.edgecolor": "#B0BEC5", "axes.linewidth": 0.6, "axes.spines.top": False,
    "axes.spines.right": False, "axes.titlesize": 9.5, "axes.titleweight": "bold",
    "xtick.color": GELAP, "ytick.color": GELAP, "legend.frameon": False,
    "figure.facecolor": "white",
}
_PERSEN = FuncFormatter(lambda v, _: f"{fmt.angka(v, 0)} %")


def _png(fig: Figure) -> bytes:
    # No bbox_inches="tight": it draws the figure twice; margins are set from the labels
    # instead (`_tepi`). A light compression: the PNG is encoded once and stored in a zip.
    buf = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    return buf.getvalue()


def _lebar_in(teks: str, pt: float) -> float:
    """Width of the longest line of `teks` in inches (Arial's character widths)."""
    return max((_lebar_kata(b, False) for b in str(teks).split("\n")), default=0) * pt / 72000


def _tepi(fig: Figure, *, kiri_in: float, bawah_in: float = 0.45, atas_in: float = 0.32,
          kanan_in: float = 0.15) -> None:
    w, h = fig.get_size_inches()
    fig.subplots_adjust(left=min(kiri_in / w, 0.6), right=1 - kanan_in / w,
                        bottom=bawah_in / h, top=1 - atas_in / h)


def _bungkus(teks: str, lebar: int = 48, baris: int = 2) -> str:
    out = textwrap.wrap(str(teks), lebar)
    if len(out) > baris:
        out = out[:baris]
        out[-1] = out[-1][: lebar - 1].rstrip() + "…"
    return "\n".join(out)


def potongan(n: int, per: int) -> list[tuple[int, int]]:
    """Row ranges [a, z) of a chart of `n` bars in pieces of at most `per`, as even as can be."""
    k = max(1, -(-n // per))
    ukuran = max(1, -(-n // k))
    return [(a, min(a + ukuran, n)) for a in range(0, n, ukuran)] or [(0, 0)]


def judul_potongan(judul: str, i: int) -> str:
    return judul if i == 0 else f"{judul} (lanjutan)"


def maks_capaian(rows: list[dict]) -> float:
    """The right end of a capaian chart's scale (the same on every piece)."""
    return max([float(r["capaian"]) for r in rows if not kosong(r["capaian"])] + [100.0])


def _batang_capaian(label: list[str], nilai: list[float | None], predikat: list[str | None],
                    skala, judul: str, keterangan: list[str], maks: float | None = None
                    ) -> bytes:
    """Horizontal bars (drawn with Pillow, `kanvas`): a grey target bar of 100 % behind each
    row, the capaian bar over it in its predikat's colour, the value at its end."""
    n = max(len(label), 1)
    f_label = kanvas.font(7.5)
    kiri = max((kanvas.lebar(t, f_label) for t in label), default=0) / kanvas.DPI + 0.3
    k = kanvas.Kanvas(LEBAR_IN, 0.95 + 0.42 * n, kiri_in=kiri, kanan_in=0.2, bawah_in=0.45,
                      atas_in=0.32)
    ada = [v for v in nilai if v is not None]
    maks = maks or max(ada + [100])
    k.xlim = (0.0, maks * 1.16)
    tepi = 0.05 * (n - 1 + 0.78)  # matplotlib's 5 % margin around the bars
    k.ylim = (n - 1 + 0.39 + tepi, -0.39 - tepi)  # row 0 at the top
    for i in range(len(label)):
        k.d.rectangle([k.sx(0), k.sy(i - 0.39), k.sx(100), k.sy(i + 0.39)], fill="#ECEFF1",
                      outline="#B0BEC5", width=k.pt(0.5))
        v = nilai[i]
        if v is None:
            k.teks((k.sx(1.5), k.sy(i)), f"— {keterangan[i]}", 7.5, jangkar="lm")
            continue
        if v > 0:
            k.d.rectangle([k.sx(0), k.sy(i - 0.21), k.sx(v), k.sy(i + 0.21)],
                          fill=warna_predikat(predikat[i], skala))
        k.teks((k.sx(v + maks * 0.01), k.sy(i)), fmt.persen(v), 7.5, tebal=True, jangkar="lm")
    k.garis_putus([(k.sx(100), k.y0), (k.sx(100), k.y1)], GELAP, 0.9)
    k.sumbu()
    tick = kanvas.tick_rapi(0, maks * 1.16, 7)
    k.tick_x(tick, [kanvas.persen_sumbu(v) for v in tick])
    for i, t in enumerate(label):
        y = k.sy(i)
        k.d.line([(k.x0 - k.pt(3.5), y), (k.x0, y)], fill=GELAP, width=k.pt(0.8))
        k.teks((k.x0 - k.pt(7), y), t, 7.5, jangkar="rm", rata="right")
    k.label_x("Capaian terhadap target (%)", k.y1 + k.pt(7 + 8.5 + 3))
    k.judul(judul)
    return k.png()


def capaian_indikator(rows: list[dict], skala, judul: str, maks: float | None = None
                      ) -> bytes:
    """Each indicator of a sasaran: its capaian (coloured by predikat) against the target
    (`maks`: the scale's end when the chart is a piece of a larger one)."""
    label = [f"{r['kode_indikator']} · {_bungkus(r['uraian_indikator'])}" for r in rows]
    nilai = [None if kosong(r["capaian"]) else float(r["capaian"]) for r in rows]
    ket = [str(r["alasan"]) if not kosong(r["alasan"]) else "capaian belum ada" for r in rows]
    return _batang_capaian(label, nilai, [r["predikat"] for r in rows], skala, judul, ket, maks)


def capaian_sasaran(sasaran: list[dict], skala, judul: str, mulai: int = 1,
                    maks: float | None = None) -> bytes:
    """Each sasaran's capaian (the mean of its indicators), coloured by predikat (`mulai`: the
    first one's number when the chart is a piece of a larger one)."""
    label = [f"Sasaran {n} · {_bungkus(s['uraian_sasaran'], 52)}"
             for n, s in enumerate(sasaran, start=mulai)]
    nilai = [None if kosong(s["capaian"]) else float(s["capaian"]) for s in sasaran]
    ket = ["belum ada indikator yang terukur"] * len(sasaran)
    return _batang_capaian(label, nilai, [s["predikat"] for s in sasaran], skala, judul, ket,
                           maks)


def capaian_tahunan(r: dict, riwayat: Sequence[tuple[int, float | None, float | None]]
                    ) -> list[tuple[int, float]]:
    """(tahun, capaian) of an indicator in the years it has a target and a realisasi."""
    out = []
    for th, target, real in riwayat:
        c = rumus.hitung_capaian(target, real, r["polaritas"], r["metode_negatif"] or "selisih")
        if c.nilai is not None:
            out.append((th, c.nilai))
    return out


def tren_capaian(rows: list[dict], riwayat: dict[str, list], tahun: int, judul: str
                 ) -> bytes | None:
    """Capaian of the sasaran's indicators over the years (None when no indicator has two
    years to compare). IKU first, at most MAKS_GARIS lines. Drawn with Pillow (`kanvas`)."""
    urut = sorted(rows, key=lambda r: (not r["iku"], r["kode_indikator"]))
    seri = [(r, capaian_tahunan(r, riwayat.get(r["kode_indikator"], []))) for r in urut]
    seri = [(r, s) for r, s in seri if len(s) >= 2][:MAKS_GARIS]
    if not seri:
        return None
    tahun_semua = sorted({th for _, s in seri for th, _ in s})
    baris_legenda = (len(seri) + 1) // 2
    k = kanvas.Kanvas(LEBAR_IN, 3.2 + 0.2 * baris_legenda, kiri_in=0.75, kanan_in=0.15,
                      bawah_in=0.5 + 0.2 * baris_legenda, atas_in=0.32,
                      skala=kanvas.SUPER)
    k.xlim = (tahun_semua[0] - 0.3, tahun_semua[-1] + 0.3)
    semua = [v for _, s in seri for _, v in s] + [100.0]
    lo, hi = min(semua), max(semua)
    tepi = 0.05 * (hi - lo or 1.0)
    k.ylim = (lo - tepi, hi + tepi)
    tick = [v for v in kanvas.tick_rapi(lo - tepi, hi + tepi, 7)]
    k.garis_putus([(k.x0, k.sy(100)), (k.x1, k.sy(100))], GELAP, 0.8)
    r_titik = k.pt(3.5) / 2
    for i, (_, s) in enumerate(seri):
        warna = kanvas.TAB10[i % 10]
        xy = [(k.sx(th), k.sy(v)) for th, v in s]
        k.d.line(xy, fill=warna, width=k.pt(1.6), joint="curve")
        for x, y in xy:
            k.d.ellipse([x - r_titik, y - r_titik, x + r_titik, y + r_titik], fill=warna)
    k.sumbu()
    k.tick_x(tahun_semua, [str(t) for t in tahun_semua])
    k.tick_y(tick, [kanvas.persen_sumbu(v) for v in tick])
    f_tick = k.font(8.5)
    lebar_tick = max(kanvas.lebar(kanvas.persen_sumbu(v), f_tick) for v in tick)
    k.label_y("Capaian (%)", k.x0 - k.pt(7) - lebar_tick - k.pt(4)
              - kanvas.tinggi_baris(f_tick))
    # the legend: two columns, centred under the axes (matplotlib's bbox (0.5, -0.12))
    f = k.font(6.8)
    label = [f"{r['kode_indikator']} · {_bungkus(r['uraian_indikator'], 40, 1)}"
             for r, _ in seri]
    garis, sela, jarak = k.pt(6.8 * 2), k.pt(6.8 * 0.8), k.pt(6.8 * 2)
    per_kolom = (len(label) + 1) // 2  # matplotlib fills the first column first
    kolom = [max(kanvas.lebar(t, f) for t in label[a:a + per_kolom])
             for a in range(0, len(label), per_kolom)]
    total = sum(garis + sela + w for w in kolom) + jarak * (len(kolom) - 1)
    x_awal = (k.x0 + k.x1) / 2 - total / 2
    y_awal = k.y1 + 0.12 * (k.y1 - k.y0) + k.pt(3)
    tinggi = kanvas.tinggi_baris(f)
    for i, t in enumerate(label):
        c, b = divmod(i, per_kolom)
        x = x_awal + (0 if c == 0 else garis + sela + kolom[0] + jarak)
        y = y_awal + b * tinggi + tinggi / 2
        warna = kanvas.TAB10[i % 10]
        k.d.line([(x, y), (x + garis, y)], fill=warna, width=k.pt(1.6))
        k.d.ellipse([x + garis / 2 - r_titik, y - r_titik, x + garis / 2 + r_titik,
                     y + r_titik], fill=warna)
        k.teks((x + garis + sela, y), t, 6.8, jangkar="lm", warna=kanvas.HITAM)
    k.judul(judul)
    return k.png()


def _rupiah_sumbu(maks: float) -> tuple[float, str]:
    if maks >= 1e12:
        return 1e12, "triliun"
    if maks >= 1e9:
        return 1e9, "miliar"
    return 1e6, "juta"


def maks_pagu(program: list[dict]) -> float:
    return max([float(p["pagu"] or 0) for p in program] + [1.0])


def anggaran_program(program: list[dict], judul: str, maks: float | None = None) -> bytes:
    """Pagu and realisasi of each program, with its serapan (`maks`: the scale's end when the
    chart is a piece of a larger one)."""
    n = len(program)
    maks = maks or maks_pagu(program)
    bagi, satuan = _rupiah_sumbu(maks)
    with matplotlib.rc_context(GAYA):
        fig = Figure(figsize=(LEBAR_IN, 1.05 + 0.55 * max(n, 1)))
        label = [f"{p['kode']} · {_bungkus((p['nama'] or p['kode']).title(), 44)}"
                 for p in program]
        _tepi(fig, kiri_in=max((_lebar_in(t, 7.5) for t in label), default=0) + 0.3,
              kanan_in=0.2)
        ax = fig.add_subplot()
        y = list(range(n))
        pagu = [float(p["pagu"] or 0) / bagi for p in program]
        real = [float(p["realisasi"] or 0) / bagi for p in program]
        ax.barh([i - 0.2 for i in y], pagu, height=0.38, color=BIRU_MUDA, label="Pagu")
        ax.barh([i + 0.2 for i in y], real, height=0.38, color=BIRU, label="Realisasi")
        for i, p in enumerate(program):
            ax.text(real[i] + maks / bagi * 0.01, i + 0.2, fmt.persen(p["serapan"]),
                    va="center", fontsize=7.5, color=GELAP, fontweight="bold")
        ax.set_yticks(y, label, fontsize=7.5)
        ax.invert_yaxis()
        ax.set_xlim(0, maks / bagi * 1.15)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.angka(v, 1)))
        ax.set_xlabel(f"Rupiah ({satuan}); angka di ujung batang: serapan")
        ax.set_title(judul, loc="left")
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize=7.5)
        return _png(fig)


def serapan_tw(per_tw: list[dict], judul: str) -> bytes:
    """Cumulative serapan per TW against the cash plan (RAK), in percent of pagu."""
    tw = [f"TW {('I', 'II', 'III', 'IV')[int(r['tw']) - 1]}" for r in per_tw]
    rencana = [None if kosong(r["rencana"]) else float(r["rencana"]) for r in per_tw]
    serapan = [None if kosong(r["serapan"]) else float(r["serapan"]) for r in per_tw]
    with matplotlib.rc_context(GAYA):
        fig = Figure(figsize=(LEBAR_IN, 2.8))
        _tepi(fig, kiri_in=0.75)
        ax = fig.add_subplot()
        x = list(range(len(tw)))
        ax.bar([i - 0.2 for i in x], [v or 0 for v in rencana], width=0.38, color=ABU,
               label="Rencana (RAK)")
        ax.bar([i + 0.2 for i in x], [v or 0 for v in serapan], width=0.38, color=BIRU,
               label="Realisasi")
        for i, v in enumerate(serapan):
            if v is not None:
                ax.text(i + 0.2, v + 1.5, fmt.persen(v), ha="center", fontsize=7.5, color=GELAP)
        ax.set_xticks(x, tw)
        ax.set_ylim(0, 112)
        ax.yaxis.set_major_formatter(_PERSEN)
        ax.set_ylabel("Kumulatif (% pagu)")
        ax.set_title(judul, loc="left")
        ax.legend(loc="upper left", fontsize=7.5)
        return _png(fig)
