"""Small python-pptx drawing helpers for the briefing deck (`paparan` and its slide modules
`paparan_capaian`, `paparan_tindak`): a 16:9 deck of blank slides, slide titles, text boxes,
number tiles, tables and data labels in the house colours, and how much one slide holds."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import duckdb
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

# One palette with the charts (grafik/gaya.py); text on a white slide takes its dark tones.
from lkip_core.grafik.gaya import BIRU, GELAP, HIJAU_TUA, MERAH  # noqa: F401 — paparan's too

_KOSONG = 6  # the "Blank" layout of python-pptx's default template
BATAS_BATANG = 15  # bars in one chart; more (city scale) and the slide shows the lowest
BATAS_TABEL = 12  # rows in a side table


def rgb(hex_warna: str) -> RGBColor:
    return RGBColor.from_string(hex_warna.lstrip("#"))


@dataclass
class Dek:
    """A 16:9 presentation (13.333 × 7.5 in) and the cursor its slides read from."""

    prs: object
    cur: duckdb.DuckDBPyConnection
    lebar: Emu = field(default=Inches(13.333))
    tinggi: Emu = field(default=Inches(7.5))

    def __post_init__(self):
        self.prs.slide_width = self.lebar
        self.prs.slide_height = self.tinggi

    def slide(self):
        return self.prs.slides.add_slide(self.prs.slide_layouts[_KOSONG])


def judul_slide(dek: Dek, slide, judul: str, sub: str | None = None) -> None:
    """The slide's title, and under it a line of context."""
    teks(slide, judul, Inches(0.5), Inches(0.3), dek.lebar - Inches(1), Inches(0.8), 28,
         tebal=True, warna=BIRU)
    if sub:
        teks(slide, sub, Inches(0.5), Inches(1.0), dek.lebar - Inches(1), Inches(0.5), 16,
             warna=GELAP)


def bungkus(t, lebar: int) -> str:
    """A long name wrapped onto lines of `lebar` characters (never cut)."""
    return "\n".join(textwrap.wrap(str(t or ""), lebar)) or "—"


def label_titik(chart, teks_label: list[str], ukuran: int = 12) -> None:
    """Write each point's label as Indonesian-formatted text."""
    for titik, label in zip(chart.plots[0].series[0].points, teks_label):
        tf = titik.data_label.text_frame
        tf.text = label
        tf.paragraphs[0].runs[0].font.size = Pt(ukuran)
        titik.data_label.position = XL_LABEL_POSITION.OUTSIDE_END


def teks(slide, isi: str, x, y, cx, cy, ukuran: int, *, tebal: bool = False,
         warna: str = "#000000", rata=PP_ALIGN.LEFT):
    """One text box of one paragraph (wrapped)."""
    box = slide.shapes.add_textbox(x, y, cx, cy)
    tf = box.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    p.alignment = rata
    run = p.add_run()
    run.text = isi
    run.font.size = Pt(ukuran)
    run.font.bold = tebal
    run.font.color.rgb = rgb(warna)
    return box


def baris_teks(slide, baris: list[str], x, y, cx, cy, ukuran: int, *,
               warna_baris: list[str | None] | None = None):
    """A text box with one paragraph per line."""
    box = slide.shapes.add_textbox(x, y, cx, cy)
    tf = box.text_frame
    tf.word_wrap = True
    for i, isi in enumerate(baris):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.space_after = Pt(6)
        run = p.add_run()
        run.text = isi
        run.font.size = Pt(ukuran)
        warna = (warna_baris[i] if warna_baris and i < len(warna_baris) else None) or "#222222"
        run.font.color.rgb = rgb(warna)
    return box


def kotak_angka(slide, x, y, cx, cy, label: str, nilai: str, keterangan: str) -> None:
    """A headline number tile: label, big value, a line of context."""
    kotak = slide.shapes.add_shape(1, x, y, cx, cy)  # 1 = rectangle
    kotak.fill.solid()
    kotak.fill.fore_color.rgb = rgb("#eef3f9")
    kotak.line.color.rgb = rgb("#c9d6e8")
    tf = kotak.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.TOP
    for i, (isi, ukuran, tebal, warna) in enumerate((
            (label, 14, False, GELAP), (nilai, 30, True, BIRU), (keterangan, 12, False, GELAP))):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = PP_ALIGN.LEFT
        run = p.add_run()
        run.text = isi
        run.font.size = Pt(ukuran)
        run.font.bold = tebal
        run.font.color.rgb = rgb(warna)


def tabel(slide, baris: list[list[str]], x, y, cx, lebar_kolom: list[float], ukuran: int):
    """A table with a coloured header row; `lebar_kolom` in inches (scaled to `cx`)."""
    n_baris, n_kolom = len(baris), len(baris[0])
    tinggi = Inches(0.4) * n_baris
    shape = slide.shapes.add_table(n_baris, n_kolom, x, y, cx, tinggi)
    t = shape.table
    total = sum(lebar_kolom)
    for j, w in enumerate(lebar_kolom):
        t.columns[j].width = int(cx * w / total)
    for i, row in enumerate(baris):
        for j, isi in enumerate(row):
            sel = t.cell(i, j)
            sel.text = "" if isi is None else str(isi)
            for p in sel.text_frame.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(ukuran)
                    run.font.bold = i == 0
                    if i == 0:
                        run.font.color.rgb = rgb("#ffffff")
            sel.margin_left = sel.margin_right = Inches(0.05)
            sel.margin_top = sel.margin_bottom = Inches(0.03)
            if i == 0:
                sel.fill.solid()
                sel.fill.fore_color.rgb = rgb(BIRU)
    return shape
