"""Small pieces of WordprocessingML, written as text: paragraphs, runs, page breaks.

The book's tables and prose run to tens of thousands of paragraphs at city scale; building them
as strings is an order of magnitude faster than python-docx objects. `Xml` carries a block to
the template, where `{{p nama }}` puts it in place of the paragraph that holds the tag. Styles
are named by their id in the template (templat.py creates them; a custom template must keep
them, `templat.periksa` says which are missing).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

# Paragraph styles every block refers to (ids as in the template's styles.xml).
GAYA_ISI = "IsiNaskah"
GAYA_BERNOMOR = "DaftarBernomor"
GAYA_BUTIR = "DaftarButir"
GAYA_TABEL = "IsiTabel"
GAYA_TABEL_KECIL = "IsiTabelKecil"
GAYA_CATATAN = "CatatanTabel"
GAYA_JUDUL_LAMPIRAN = "JudulLampiran"
GAYA_TTD = "TandaTangan"
GAYA_WAJIB = (GAYA_ISI, GAYA_BERNOMOR, GAYA_BUTIR, GAYA_TABEL, GAYA_TABEL_KECIL, GAYA_CATATAN,
              GAYA_JUDUL_LAMPIRAN, GAYA_TTD, "Heading1", "Heading2", "Heading3", "Heading4",
              "KeteranganTabel", "KeteranganGambar", "Gambar")

# XML 1.0 does not allow most control characters; a pasted text may carry them.
_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOMOR = re.compile(r"^\s*((?:\d{1,2}|[a-zA-Z])[.)])\s+(.*)$")
_BUTIR = re.compile(r"^\s*[-•*]\s+(.*)$")


class Xml:
    """A block of raw WordprocessingML for `{{p nama }}`; `judul` is its caption, if any."""

    def __init__(self, xml: str, judul: str | None = None):
        self.xml = xml
        self.judul = judul

    def __html__(self) -> str:  # Jinja's autoescape leaves it as it is
        return self.xml

    def __str__(self) -> str:
        return self.xml

    def __bool__(self) -> bool:
        return bool(self.xml)


class JudulBersambung(str):
    """A figure's caption (the string itself) that, written into the template's caption
    paragraph, also writes the figure's further pieces after it (a chart too tall for a page,
    `grafik.potongan`): each piece in a "Gambar" paragraph under the first, followed by the line
    "Gambar 3.x (lanjutan)" — set like a caption but in no caption style, so the Daftar Gambar
    lists the figure once, at its first page. `potongan`: objects whose `__html__` is a picture
    run's XML (docxtpl's InlineImage)."""

    def __new__(cls, judul: str, potongan: list):
        obj = super().__new__(cls, judul)
        obj.potongan = potongan
        return obj

    def __html__(self) -> str:
        lanjutan = esc(" ".join(self.split(" ")[:2]) + " (lanjutan)")
        xml = [esc(self)]
        for g in self.potongan:
            xml.append('</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Gambar"/></w:pPr><w:r>'
                       f'<w:t>{g.__html__()}</w:t></w:r></w:p><w:p><w:pPr><w:spacing '
                       'w:before="60" w:after="240"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
                       f'<w:b/><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve">{lanjutan}')
        return "".join(xml)  # the template closes the last line's run and paragraph


def esc(teks: object) -> str:
    return escape(_KENDALI.sub("", str(teks)))


def run(teks: str, *, tebal: bool = False, miring: bool = False, garis_bawah: bool = False,
        ukuran: float | None = None, font: str | None = None) -> str:
    rpr = ""
    if font:
        rpr += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
    if tebal:
        rpr += "<w:b/><w:bCs/>"
    if miring:
        rpr += "<w:i/>"
    if garis_bawah:
        rpr += '<w:u w:val="single"/>'
    if ukuran:
        rpr += f'<w:sz w:val="{round(ukuran * 2)}"/><w:szCs w:val="{round(ukuran * 2)}"/>'
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    isi = "<w:br/>".join("<w:tab/>".join(f'<w:t xml:space="preserve">{esc(t)}</w:t>'
                                         for t in b.split("\t"))
                         for b in str(teks).split("\n"))
    return f"<w:r>{rpr}{isi}</w:r>"


def paragraf(isi: str | list[str] = "", gaya: str | None = None, *, jajar: str | None = None,
             tebal: bool = False, ukuran: float | None = None, kiri: int | None = None,
             gantung: int | None = None, sebelum: int | None = None, sesudah: int | None = None,
             bersama: bool = False, halaman_baru: bool = False, mentah: bool = False) -> str:
    """One `w:p`. `isi`: text (escaped here), or with `mentah` runs already written.
    Indents and spacing in twips (1 mm ≈ 57)."""
    ppr = f'<w:pStyle w:val="{gaya}"/>' if gaya else ""
    if bersama:
        ppr += "<w:keepNext/>"
    if halaman_baru:
        ppr += "<w:pageBreakBefore/>"
    if sebelum is not None or sesudah is not None:
        ppr += "<w:spacing" + (f' w:before="{sebelum}"' if sebelum is not None else "") + \
               (f' w:after="{sesudah}"' if sesudah is not None else "") + "/>"
    if kiri is not None or gantung is not None:
        ppr += f'<w:ind w:left="{kiri or 0}"' + (f' w:hanging="{gantung}"' if gantung else "") \
               + "/>"
    if jajar:
        ppr += f'<w:jc w:val="{jajar}"/>'
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    if mentah:
        runs = "".join(isi) if isinstance(isi, list) else isi
    else:
        runs = run(isi, tebal=tebal, ukuran=ukuran) if isi != "" else ""
    return f"<w:p>{ppr}{runs}</w:p>"


def prosa(teks: str, *, daftar: bool = False) -> Xml:
    """A section's text as paragraphs: one per line. A line starting "1." or "a." is a numbered
    item, "- " a bullet; with `daftar` every line is an item, numbered here."""
    out = []
    baris = [b.strip() for b in (teks or "").split("\n") if b.strip()]
    for i, b in enumerate(baris, start=1):
        if daftar:
            b = _NOMOR.sub(r"\2", b)
            out.append(paragraf([run(f"{i}.\t"), run(b)], GAYA_BERNOMOR, mentah=True))
        elif (m := _NOMOR.match(b)) is not None:
            out.append(paragraf([run(f"{m.group(1)}\t"), run(m.group(2))], GAYA_BERNOMOR,
                                mentah=True))
        elif (m := _BUTIR.match(b)) is not None:
            out.append(paragraf([run("•\t"), run(m.group(1))], GAYA_BUTIR, mentah=True))
        else:
            out.append(paragraf(b, GAYA_ISI))
    return Xml("".join(out))


def tanda_tangan(tempat_tanggal: str, jabatan: str, nama: str | None, nip: str | None, *,
                 lebar_kiri: int = 4800) -> str:
    """The signature block at the right: place and date, position, space, name, NIP."""
    def p(isi: str | list[str], **kw) -> str:
        return paragraf(isi, GAYA_TTD, kiri=lebar_kiri, bersama=True, **kw)
    return "".join([
        p(tempat_tanggal), p(jabatan.upper(), tebal=True),
        p(""), p(""), p(""),
        p([run(nama or "…………………………", tebal=True, garis_bawah=True)], mentah=True),
        paragraf(f"NIP. {nip or '…'}", GAYA_TTD, kiri=lebar_kiri),
    ])
