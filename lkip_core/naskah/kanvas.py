"""The two charts drawn once per sasaran (capaian per indicator, capaian over the years), drawn
straight with Pillow in the look of the matplotlib charts (`grafik.GAYA`): same sizes in
inches, fonts in points, colours and layout.

Why not matplotlib: a city-scale book has two of these per sasaran (454 at 227 sasaran), and
matplotlib spends about a quarter of a second of CPU on each (artists, ticks, text layout),
over a minute on two cores. Drawing the same bars, lines and labels here costs a few
hundredths of a second. The whole picture is drawn at SUPER times the print resolution and
reduced, so lines, markers and glyphs are smooth, and saved as a palette PNG (a chart has few
colours; the file is a fraction of an RGB one, which the DOCX and LibreOffice also feel).
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from .. import fmt
from ..grafik.gaya import GELAP

DPI = 200
SUPER = 2  # drawn at this multiple, then reduced: smooth slanted lines and round markers
TEPI = "#B0BEC5"  # axes.edgecolor
HITAM = "#000000"  # titles, axis labels and the legend (matplotlib's text.color)
TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
         "#7f7f7f", "#bcbd22", "#17becf")


def pt(n: float, skala: int = 1) -> int:
    """Points → drawing pixels (at `skala` times the print resolution)."""
    return max(1, round(n * DPI * skala / 72))


@lru_cache(maxsize=1)
def keluarga_font() -> str:
    """Arial where installed, else its metric twin Liberation Sans (Debian), else DejaVu Sans;
    asking matplotlib for a missing family costs a lookup and a warning per text."""
    from matplotlib import font_manager

    ada = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in ("Arial", "Liberation Sans") if f in ada), "DejaVu Sans")


@lru_cache(maxsize=4)
def _berkas_font(tebal: bool) -> str:
    from matplotlib import font_manager

    return font_manager.findfont(font_manager.FontProperties(
        family=keluarga_font(), weight="bold" if tebal else "normal"))


@lru_cache(maxsize=32)
def font(ukuran_pt: float, tebal: bool = False, skala: int = 1) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_berkas_font(tebal), pt(ukuran_pt, skala))


def lebar(teks: str, f: ImageFont.FreeTypeFont) -> int:
    return max((round(f.getlength(b)) for b in str(teks).split("\n")), default=0)


def tinggi_baris(f: ImageFont.FreeTypeFont) -> int:
    a, d = f.getmetrics()
    return round((a + d) * 1.2)


class Kanvas:
    """A figure of `lebar_in` × `tinggi_in` inches with one axes placed by margins in inches
    (as `grafik._tepi`); data → pixel mapping through `sx` / `sy`. `skala`: drawn at that
    multiple of the print resolution and reduced (SUPER for slanted lines; 1 for charts of
    horizontal and vertical edges only, whose glyphs FreeType smooths itself)."""

    def __init__(self, lebar_in: float, tinggi_in: float, *, kiri_in: float, kanan_in: float,
                 bawah_in: float, atas_in: float, skala: int = 1):
        self.skala = skala
        self.px = DPI * skala  # pixels per inch while drawing
        PX = self.px
        self.w, self.h = round(lebar_in * PX), round(tinggi_in * PX)
        self.img = Image.new("RGB", (self.w, self.h), "white")
        self.d = ImageDraw.Draw(self.img)
        kiri = min(kiri_in / lebar_in, 0.6) * self.w
        self.x0, self.x1 = round(kiri), round(self.w - kanan_in * PX)
        self.y0, self.y1 = round(atas_in * PX), round(self.h - bawah_in * PX)  # top, bottom
        self.xlim = (0.0, 1.0)
        self.ylim = (0.0, 1.0)  # (bottom value, top value)

    def sx(self, v: float) -> float:
        a, b = self.xlim
        return self.x0 + (v - a) / (b - a) * (self.x1 - self.x0)

    def sy(self, v: float) -> float:
        a, b = self.ylim
        return self.y1 - (v - a) / (b - a) * (self.y1 - self.y0)

    # --- pieces -------------------------------------------------------------------------
    def pt(self, n: float) -> int:
        return pt(n, self.skala)

    def font(self, ukuran: float, tebal: bool = False) -> ImageFont.FreeTypeFont:
        return font(ukuran, tebal, self.skala)

    def teks(self, xy: tuple[float, float], teks: str, ukuran: float, *, tebal: bool = False,
             warna: str = GELAP, jangkar: str = "la", rata: str = "left") -> None:
        self.d.multiline_text(xy, teks, font=self.font(ukuran, tebal), fill=warna,
                              anchor=jangkar, align=rata, spacing=self.pt(ukuran) * 0.2)

    def garis_putus(self, xy: list[tuple[float, float]], warna: str, tebal_pt: float) -> None:
        """A dashed straight line (matplotlib's "--": 3.7 on, 1.6 off, in line widths)."""
        (xa, ya), (xb, yb) = xy
        panjang = math.hypot(xb - xa, yb - ya)
        if not panjang:
            return
        lw = tebal_pt * self.px / 72
        on, off = 3.7 * lw, 1.6 * lw
        s = 0.0
        while s < panjang:
            e = min(s + on, panjang)
            self.d.line([(xa + (xb - xa) * s / panjang, ya + (yb - ya) * s / panjang),
                         (xa + (xb - xa) * e / panjang, ya + (yb - ya) * e / panjang)],
                        fill=warna, width=self.pt(tebal_pt))
            s = e + off

    def sumbu(self) -> None:
        """The left and bottom spines (top and right are off, as in grafik.GAYA)."""
        w = self.pt(0.6)
        self.d.line([(self.x0, self.y0), (self.x0, self.y1)], fill=TEPI, width=w)
        self.d.line([(self.x0, self.y1), (self.x1, self.y1)], fill=TEPI, width=w)

    def tick_x(self, nilai: list[float], label: list[str], ukuran: float = 8.5) -> None:
        for v, t in zip(nilai, label):
            x = self.sx(v)
            self.d.line([(x, self.y1), (x, self.y1 + self.pt(3.5))], fill=GELAP,
                        width=self.pt(0.8))
            self.teks((x, self.y1 + self.pt(7)), t, ukuran, jangkar="ma", rata="center")

    def tick_y(self, nilai: list[float], label: list[str], ukuran: float = 8.5) -> None:
        for v, t in zip(nilai, label):
            y = self.sy(v)
            self.d.line([(self.x0 - self.pt(3.5), y), (self.x0, y)], fill=GELAP,
                        width=self.pt(0.8))
            self.teks((self.x0 - self.pt(7), y), t, ukuran, jangkar="rm", rata="right")

    def judul(self, teks: str) -> None:
        """The title, bold 9.5 pt, at the axes' left edge above it (loc="left")."""
        self.teks((self.x0, self.y0 - self.pt(6)), teks, 9.5, tebal=True, jangkar="ld", warna=HITAM)

    def label_x(self, teks: str, y: float) -> None:
        self.teks(((self.x0 + self.x1) / 2, y), teks, 8.5, jangkar="ma", rata="center",
                  warna=HITAM)

    def label_y(self, teks: str, x: float) -> None:
        """A vertical axis label, centred on the axes, read from the bottom up."""
        f = self.font(8.5)
        w, tinggi = lebar(teks, f) + 4, tinggi_baris(f)
        lapis = Image.new("L", (w, tinggi), 0)
        ImageDraw.Draw(lapis).text((2, tinggi // 2), teks, font=f, fill=255, anchor="lm")
        lapis = lapis.rotate(90, expand=True)
        y = round((self.y0 + self.y1) / 2 - lapis.height / 2)
        self.img.paste(Image.new("RGB", lapis.size, HITAM), (round(x), y), lapis)

    def png(self) -> bytes:
        img = self.img.reduce(self.skala) if self.skala > 1 else self.img
        # a palette of the colours actually drawn (antialiased edges included): the file is
        # a fraction of an RGB PNG, and no colour the eye can tell apart is lost
        img = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        palet = img.getpalette()
        putih = img.getpixel((0, 0))  # the background: white exactly, not the octree's mean
        palet[putih * 3:putih * 3 + 3] = [255, 255, 255]
        img.putpalette(palet)
        buf = io.BytesIO()
        img.save(buf, format="PNG", compress_level=4, dpi=(DPI, DPI))
        return buf.getvalue()


def langkah_rapi(rentang: float, paling_banyak: int = 8) -> float:
    """A step of 1, 2, 2.5 or 5 × 10^k giving at most `paling_banyak` intervals (matplotlib's
    MaxNLocator with its default steps)."""
    if rentang <= 0:
        return 1.0
    kasar = rentang / paling_banyak
    pangkat = 10 ** math.floor(math.log10(kasar))
    for m in (1, 2, 2.5, 5, 10):
        if m * pangkat >= kasar:
            return m * pangkat
    return 10 * pangkat


def tick_rapi(lo: float, hi: float, paling_banyak: int = 8) -> list[float]:
    """The round values between `lo` and `hi` (both included when round)."""
    s = langkah_rapi(hi - lo, paling_banyak)
    a = math.ceil(lo / s - 1e-9)
    out = []
    while a * s <= hi + 1e-9 * s:
        out.append(round(a * s, 10))
        a += 1
    return out


def persen_sumbu(v: float) -> str:
    return f"{fmt.angka(v, 0 if float(v).is_integer() else 1)} %"
