"""The default Word template of the surat pengantar (`templates/surat_pengantar.docx`) and the
variables a surat template may use. Kept apart from `surat.py`, which renders the letter through
`dokumen`, so that `dokumen` can check and write templates without importing the renderer."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from .gaya import atur_font, gaya_paragraf

VARIABEL_SURAT = {
    "tahun": "tahun laporan", "instansi": "nama instansi", "pemda": "pemerintah daerah",
    "ttd": "tempat_tanggal, jabatan, nama, nip",
    "surat": "nomor, tanggal, sifat, perihal, tujuan (daftar baris), isi (blok paragraf), "
             "tembusan (daftar)",
}
WAJIB_SURAT = ("surat", "ttd")


def buat_templat_surat() -> bytes:
    doc = Document()
    atur_font(doc.styles["Normal"], "Arial", 11)
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)
    g = gaya_paragraf(doc, "Isi Naskah", "IsiNaskah", ukuran=11)
    g.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    g.paragraph_format.first_line_indent = Mm(12.5)
    g.paragraph_format.line_spacing, g.paragraph_format.space_after = 1.5, Pt(6)
    for nama, sid in (("Daftar Bernomor", "DaftarBernomor"), ("Daftar Butir", "DaftarButir")):
        g = gaya_paragraf(doc, nama, sid, ukuran=11)
        g.paragraph_format.left_indent, g.paragraph_format.first_line_indent = Mm(10), Mm(-7)
    gaya_paragraf(doc, "Kop", "Kop", ukuran=14, tebal=True, jajar=WD_ALIGN_PARAGRAPH.CENTER)
    gaya_paragraf(doc, "Tanda Tangan", "TandaTangan", ukuran=11, jajar=WD_ALIGN_PARAGRAPH.CENTER)
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.left_margin, s.right_margin, s.top_margin, s.bottom_margin = Mm(30), Mm(20), Mm(20), Mm(20)

    def p(teks="", gaya=None, **kw):
        par = doc.add_paragraph(teks, style=gaya)
        for k, v in kw.items():
            setattr(par.paragraph_format, k, v)
        return par

    p("PEMERINTAH {{ pemda|upper }}", "Kop")
    kop = p("{{ instansi|upper }}", "Kop")
    kop._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="thickThinSmallGap" w:sz="18" w:space="4" '
        'w:color="000000"/></w:pBdr>'))
    p("{{ surat.tempat_tanggal }}", alignment=WD_ALIGN_PARAGRAPH.RIGHT, space_before=Pt(12))
    for label, nilai in (("Nomor", "{{ surat.nomor }}"), ("Sifat", "{{ surat.sifat }}"),
                         ("Lampiran", "1 (satu) berkas"), ("Perihal", "{{ surat.perihal }}")):
        par = p(f"{label}\t: {nilai}")
        par.paragraph_format.tab_stops.add_tab_stop(Mm(25))
    p("Kepada", space_before=Pt(12))
    p("{%p for b in surat.tujuan %}")
    p("{{ b }}")
    p("{%p endfor %}")
    p("")
    p("{{p surat.isi }}")
    for i, teks in enumerate(("{{ ttd.jabatan|upper }}", "", "", "", "{{ ttd.nama }}",
                              "NIP. {{ ttd.nip }}")):
        par = p("", "Tanda Tangan", left_indent=Mm(75), keep_with_next=True)
        if i == 0:
            par.paragraph_format.space_before = Pt(18)
        r = par.add_run(teks)
        r.bold = i in (0, 4)
        r.underline = i == 4
    p("{%p if surat.tembusan %}")
    p("Tembusan:", space_before=Pt(18))
    p("{%p for t in surat.tembusan %}")
    p("{{ loop.index }}. {{ t }}")
    p("{%p endfor %}")
    p("{%p endif %}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
