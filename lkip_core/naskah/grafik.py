"""The book's charts as print-resolution PNG (matplotlib, Agg): the same figures the pages draw
with plotly, in the same colours per predikat (`grafik.gaya`), laid out for A4 paper.

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

DPI = 200  # sharp on paper at the printed size
LEBAR_IN = 6.3  # 16 cm: the text width of an A4 portrait page
MAKS_GARIS = 8  # indicators drawn in one trend chart (IKU first); the table has them all


def _font() -> str:
    """Arial where installed, else its metric twin Liberation Sans (Debian), else DejaVu Sans;
    asking matplotlib for a missing family costs a lookup and a warning per text."""
    from matplotlib import font_manager

    ada = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in ("Arial", "Liberation Sans") if f in ada), "DejaVu Sans")


GAYA = {
    "font.family": _font(), "font.size": 8.5,
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


def _batang_capaian(label: list[str], nilai: list[float | None], predikat: list[str | None],
                    skala, judul: str, keterangan: list[str]) -> bytes:
    n = len(label)
    with matplotlib.rc_context(GAYA):
        fig = Figure(figsize=(LEBAR_IN, 0.95 + 0.42 * max(n, 1)))
        _tepi(fig, kiri_in=max((_lebar_in(t, 7.5) for t in label), default=0) + 0.3,
              kanan_in=0.2)
        ax = fig.add_subplot()
        y = list(range(n))
        ax.barh(y, [100] * n, height=0.78, color="#ECEFF1", edgecolor="#B0BEC5", linewidth=0.5,
                label="Target (100 %)")
        ada = [(i, v) for i, v in enumerate(nilai) if v is not None]
        ax.barh([i for i, _ in ada], [v for _, v in ada], height=0.42,
                color=[warna_predikat(predikat[i], skala) for i, _ in ada])
        maks = max([v for _, v in ada] + [100])
        for i, v in enumerate(nilai):
            if v is None:
                ax.text(1.5, i, f"— {keterangan[i]}", va="center", fontsize=7.5, color=GELAP)
            else:
                ax.text(v + maks * 0.01, i, fmt.persen(v), va="center", fontsize=7.5,
                        color=GELAP, fontweight="bold")
        ax.axvline(100, color=GELAP, linewidth=0.9, linestyle="--")
        ax.set_yticks(y, label, fontsize=7.5)
        ax.invert_yaxis()
        ax.set_xlim(0, maks * 1.16)
        ax.xaxis.set_major_formatter(_PERSEN)
        ax.set_xlabel("Capaian terhadap target (%)")
        ax.set_title(judul, loc="left")
        return _png(fig)


def capaian_indikator(rows: list[dict], skala, judul: str) -> bytes:
    """Each indicator of a sasaran: its capaian (coloured by predikat) against the target."""
    label = [f"{r['kode_indikator']} · {_bungkus(r['uraian_indikator'])}" for r in rows]
    nilai = [None if kosong(r["capaian"]) else float(r["capaian"]) for r in rows]
    ket = [str(r["alasan"]) if not kosong(r["alasan"]) else "capaian belum ada" for r in rows]
    return _batang_capaian(label, nilai, [r["predikat"] for r in rows], skala, judul, ket)


def capaian_sasaran(sasaran: list[dict], skala, judul: str) -> bytes:
    """Each sasaran's capaian (the mean of its indicators), coloured by predikat."""
    label = [f"Sasaran {n} · {_bungkus(s['uraian_sasaran'], 52)}"
             for n, s in enumerate(sasaran, start=1)]
    nilai = [None if kosong(s["capaian"]) else float(s["capaian"]) for s in sasaran]
    ket = ["belum ada indikator yang terukur"] * len(sasaran)
    return _batang_capaian(label, nilai, [s["predikat"] for s in sasaran], skala, judul, ket)


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
    years to compare). IKU first, at most MAKS_GARIS lines."""
    urut = sorted(rows, key=lambda r: (not r["iku"], r["kode_indikator"]))
    seri = [(r, capaian_tahunan(r, riwayat.get(r["kode_indikator"], []))) for r in urut]
    seri = [(r, s) for r, s in seri if len(s) >= 2][:MAKS_GARIS]
    if not seri:
        return None
    tahun_semua = sorted({th for _, s in seri for th, _ in s})
    with matplotlib.rc_context(GAYA):
        fig = Figure(figsize=(LEBAR_IN, 3.2 + 0.2 * ((len(seri) + 1) // 2)))
        _tepi(fig, kiri_in=0.75, bawah_in=0.5 + 0.2 * ((len(seri) + 1) // 2))
        ax = fig.add_subplot()
        warna = matplotlib.colormaps["tab10"]
        for i, (r, s) in enumerate(seri):
            xs, ys = [th for th, _ in s], [v for _, v in s]
            ax.plot(xs, ys, marker="o", markersize=3.5, linewidth=1.6, color=warna(i % 10),
                    label=f"{r['kode_indikator']} · {_bungkus(r['uraian_indikator'], 40, 1)}")
        ax.axhline(100, color=GELAP, linewidth=0.8, linestyle="--")
        ax.set_xticks(tahun_semua, [str(t) for t in tahun_semua])
        ax.set_xlim(tahun_semua[0] - 0.3, tahun_semua[-1] + 0.3)
        ax.yaxis.set_major_formatter(_PERSEN)
        ax.set_ylabel("Capaian (%)")
        ax.set_title(judul, loc="left")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=6.8)
        return _png(fig)


def _rupiah_sumbu(maks: float) -> tuple[float, str]:
    if maks >= 1e12:
        return 1e12, "triliun"
    if maks >= 1e9:
        return 1e9, "miliar"
    return 1e6, "juta"


def anggaran_program(program: list[dict], judul: str) -> bytes:
    """Pagu and realisasi of each program, with its serapan."""
    n = len(program)
    maks = max([float(p["pagu"] or 0) for p in program] + [1.0])
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
