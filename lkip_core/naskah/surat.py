"""SOP step 8: the surat pengantar that goes with the book, from its own template
(`templates/surat_pengantar.docx`). Nomor, tanggal, addressee, sifat, body and tembusan are
sections of the book's prose (bagian.SURAT), edited on the Naskah LKIP page."""

from __future__ import annotations

import io

import duckdb
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate

from .gaya import atur_font, gaya_paragraf
from .medan import Medan
from .ooxml import prosa

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


def _baris(teks: str) -> list[str]:
    return [b.strip() for b in (teks or "").split("\n") if b.strip()]


def buat_surat(con: duckdb.DuckDBPyConnection, tahun: int, *,
               templat: bytes | None = None) -> bytes:
    """The surat pengantar of `tahun` as .docx."""
    from .dokumen import _render, bahan_dan_isi, periksa_templat, templat_aktif

    cur = con.cursor()
    tpl: DocxTemplate = periksa_templat(templat if templat is not None
                                        else templat_aktif(cur, "surat")[0], "surat")
    bahan, isi = bahan_dan_isi(cur, tahun)
    m = Medan(bahan)
    d = bahan.data

    def teks(k: str) -> str:
        return m.isi(isi[k].teks) if k in isi else ""

    tanggal = teks("surat_tanggal").strip() or d.tanggal
    ctx = {
        "tahun": tahun, "instansi": bahan.instansi, "pemda": bahan.pemda,
        "ttd": {"tempat_tanggal": f"{d.tempat}, {tanggal}", "jabatan": bahan.jabatan_kepala,
                "nama": d.pejabat or "…………………………", "nip": d.nip or "…"},
        "surat": {"tempat_tanggal": f"{d.tempat}, {tanggal}" if d.tempat else tanggal,
                  "tanggal": tanggal,
                  "nomor": teks("surat_nomor").strip() or "……/……/……",
                  "sifat": teks("surat_sifat").strip() or "Biasa",
                  "perihal": f"Penyampaian LKIP Tahun {tahun}",
                  "tujuan": _baris(teks("surat_tujuan")), "isi": prosa(teks("surat_isi")),
                  "tembusan": _baris(teks("surat_tembusan"))},
    }
    return _render(tpl, ctx)
