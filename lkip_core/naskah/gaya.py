"""Paragraph styles for the Word templates: a font that Word and LibreOffice both honour."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor


def atur_font(gaya, nama: str, ukuran: float | None = None, *, tebal: bool | None = None,
              warna: RGBColor | None = None) -> None:
    """Set a style's font everywhere it is looked up: the theme font attributes of the default
    template would otherwise win over the font named here."""
    rpr = gaya.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for a in list(fonts.attrib):
        if a.endswith("Theme"):
            del fonts.attrib[a]
    for a in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{a}"), nama)
    if ukuran is not None:
        gaya.font.size = Pt(ukuran)
    if tebal is not None:
        gaya.font.bold = tebal
    if warna is not None:
        gaya.font.color.rgb = warna


def gaya_paragraf(doc, nama: str, sid: str, *, ukuran: float | None = None, tebal: bool = False,
                  jajar=None, sebelum: float | None = None, sesudah: float | None = None,
                  font: str = "Arial"):
    """A paragraph style `nama` (style id `sid`) based on Normal, created or updated."""
    try:
        g = doc.styles[nama]
    except KeyError:
        g = doc.styles.add_style(nama, WD_STYLE_TYPE.PARAGRAPH)
    g.element.set(qn("w:styleId"), sid)
    g.base_style = doc.styles["Normal"]
    g.quick_style = True
    atur_font(g, font, ukuran, tebal=tebal)
    pf = g.paragraph_format
    if jajar is not None:
        pf.alignment = jajar
    if sebelum is not None:
        pf.space_before = Pt(sebelum)
    if sesudah is not None:
        pf.space_after = Pt(sesudah)
    return g
