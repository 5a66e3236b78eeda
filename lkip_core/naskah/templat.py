"""The default Word template of the LKIP book, written by code (`templates/naskah_lkip.docx`).

An office that wants its own letterhead, logo or fonts starts from `naskah template --out
FILE.docx`, edits it in Word and uploads it: the variables (`VARIABEL`) and the paragraph
styles (`ooxml.GAYA_WAJIB`) must stay, the rest is theirs. `periksa` refuses a template that
uses a variable the book does not provide, leaves out a chapter, or lacks a style.

Layout: A4 portrait (left 30 mm, right 20 mm), Arial; sections for the cover (no page number),
the front matter (i, ii, …), the chapters (1, 2, …), Lampiran I (portrait) and Lampiran II–V
(landscape). Word updates the tables of contents on opening (updateFields); the PDF is
produced with them updated (pdf.py).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from .gaya import atur_font, gaya_paragraf

FONT = "Arial"
HITAM = RGBColor(0, 0, 0)
NAVY = RGBColor(0x1F, 0x38, 0x64)

# Every variable the book provides (the template's `{{ … }}`), documented for custom templates.
VARIABEL: dict[str, str] = {
    "tahun": "tahun laporan (2025)",
    "tahun_terbit": "tahun terbit (tahun laporan + 1)",
    "instansi": "nama instansi dari master (unit berjenis opd)",
    "pemda": "pemerintah daerah, mis. Kota Tangerang",
    "kepala_daerah": "Wali Kota / Bupati / Gubernur",
    "ttd": "blok tanda tangan Kepala: tempat_tanggal, jabatan, nama, nip",
    "kata_pengantar": "teks Kata Pengantar (blok paragraf: {{p kata_pengantar }})",
    "ikhtisar": "Ikhtisar Eksekutif sebelum tabel IKU (blok paragraf)",
    "tabel_iku": "tabel IKU: {{ tabel_iku.judul }} dan {{p tabel_iku }}",
    "ikhtisar_penutup": "Ikhtisar Eksekutif sesudah tabel (blok paragraf)",
    "bab1": "Bab I: latar_belakang, dasar_hukum, tupoksi, struktur, tabel_unit, "
            "isu_strategis, sistematika",
    "bab2": "Bab II: renstra, tabel_renstra, pk, tabel_pk, tabel_program",
    "bab3": "Bab III: pengukuran, tabel_skala, ringkasan, tabel_ringkasan, gambar_ringkasan, "
            "sasaran (daftar; tiap sasaran: judul, sub, analisis, tabel_target, "
            "gambar_capaian, teks_riwayat, tabel_riwayat, gambar_riwayat, tabel_renstra, "
            "standar, sebab, efisiensi, tabel_efisiensi, program), anggaran, tabel_anggaran, "
            "gambar_anggaran, gambar_serapan",
    "bab4": "Bab IV: kesimpulan, langkah",
    "lampiran": "Lampiran: i, ii, iii, iv, v (blok lengkap dengan judul dan tabel)",
}
WAJIB = ("kata_pengantar", "ikhtisar", "tabel_iku", "bab1", "bab2", "bab3", "bab4", "lampiran")


def _gaya(doc) -> None:
    st = doc.styles
    normal = st["Normal"]
    atur_font(normal, FONT, 11)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    g = gaya_paragraf(doc, "Isi Naskah", "IsiNaskah", ukuran=11)
    pf = g.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent, pf.line_spacing, pf.space_after = Mm(12.5), 1.5, Pt(6)
    for nama, sid in (("Daftar Bernomor", "DaftarBernomor"), ("Daftar Butir", "DaftarButir")):
        g = gaya_paragraf(doc, nama, sid, ukuran=11)
        pf = g.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.left_indent, pf.first_line_indent = Mm(10), Mm(-7)
        pf.line_spacing, pf.space_after = 1.5, Pt(3)
        pf.tab_stops.add_tab_stop(Mm(10))
    for i, (ukuran, jajar, sebelum, sesudah) in enumerate(
            ((14, WD_ALIGN_PARAGRAPH.CENTER, 0, 18), (12, None, 12, 6), (11, None, 12, 6),
             (11, None, 8, 4)), start=1):
        g = st[f"Heading {i}"]
        atur_font(g, FONT, ukuran, tebal=True, warna=HITAM)
        g.font.italic = False
        pf = g.paragraph_format
        pf.alignment = jajar
        pf.space_before, pf.space_after = Pt(sebelum), Pt(sesudah)
        pf.keep_with_next, pf.line_spacing = True, 1.15
        pf.page_break_before = i == 1
    gaya_paragraf(doc, "Judul Daftar", "JudulDaftar", ukuran=14, tebal=True,
                  jajar=WD_ALIGN_PARAGRAPH.CENTER, sesudah=18).paragraph_format \
        .page_break_before = True
    for nama, sid, sebelum, sesudah in (("Keterangan Tabel", "KeteranganTabel", 10, 4),
                                        ("Keterangan Gambar", "KeteranganGambar", 3, 12)):
        g = gaya_paragraf(doc, nama, sid, ukuran=10, tebal=True, jajar=WD_ALIGN_PARAGRAPH.CENTER,
                          sebelum=sebelum, sesudah=sesudah)
        g.paragraph_format.keep_with_next = sid == "KeteranganTabel"
    g = gaya_paragraf(doc, "Gambar", "Gambar", jajar=WD_ALIGN_PARAGRAPH.CENTER, sebelum=6)
    g.paragraph_format.keep_with_next = True
    gaya_paragraf(doc, "Isi Tabel", "IsiTabel", ukuran=9)
    gaya_paragraf(doc, "Isi Tabel Kecil", "IsiTabelKecil", ukuran=7.5)
    g = gaya_paragraf(doc, "Catatan Tabel", "CatatanTabel", ukuran=8, sesudah=2)
    g.font.italic = True
    gaya_paragraf(doc, "Judul Lampiran", "JudulLampiran", ukuran=12, tebal=True,
                  jajar=WD_ALIGN_PARAGRAPH.CENTER, sesudah=2)
    gaya_paragraf(doc, "Tanda Tangan", "TandaTangan", ukuran=11, jajar=WD_ALIGN_PARAGRAPH.CENTER)
    for nama, sid, ukuran in (("Sampul Judul", "SampulJudul", 22), ("Sampul Sub", "SampulSub", 16),
                              ("Sampul Instansi", "SampulInstansi", 14)):
        g = gaya_paragraf(doc, nama, sid, ukuran=ukuran, tebal=True,
                          jajar=WD_ALIGN_PARAGRAPH.CENTER, sesudah=4)
        g.font.color.rgb = NAVY
    for n in (1, 2, 3):  # the tables of contents (Word's "toc n", LibreOffice's "Contents n")
        g = gaya_paragraf(doc, f"toc {n}", f"TOC{n}", ukuran=11, sesudah=3)
        g.paragraph_format.left_indent = Mm(5 * (n - 1))
        g.paragraph_format.tab_stops.add_tab_stop(Mm(160), 2, WD_TAB_LEADER.DOTS)  # right
    for nama in ("Header", "Footer"):
        atur_font(st[nama], FONT, 9)


def _p(doc, teks: str = "", gaya: str | None = None, **kw):
    p = doc.add_paragraph(teks, style=gaya)
    for k, v in kw.items():
        setattr(p.paragraph_format, k, v)
    return p


def _field(p, instr: str, tampil: str) -> None:
    """A complex field with a cached result (Word and LibreOffice recompute it)."""
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText>'
                "</w:r>",
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{tampil}</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(parse_xml(xml))


def _penomoran(section, fmt: str | None, mulai: int | None = None) -> None:
    el = OxmlElement("w:pgNumType")
    if fmt:
        el.set(qn("w:fmt"), fmt)
    if mulai is not None:
        el.set(qn("w:start"), str(mulai))
    section._sectPr.insert_element_before(
        el, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
        "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings")


def _bingkai(section) -> None:
    """A double rule around the cover page."""
    garis = "".join(f'<w:{s} w:val="double" w:sz="12" w:space="20" w:color="1F3864"/>'
                    for s in ("top", "left", "bottom", "right"))
    section._sectPr.insert_element_before(
        parse_xml(f'<w:pgBorders {nsdecls("w")} w:offsetFrom="page">{garis}</w:pgBorders>'),
        "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
        "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
        "w:printerSettings")


def _halaman(section, lanskap: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if lanskap else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if lanskap else (Mm(210),
                                                                                   Mm(297))
    section.top_margin, section.bottom_margin = Mm(25) if not lanskap else Mm(20), Mm(20)
    section.left_margin, section.right_margin = (Mm(20), Mm(20)) if lanskap else (Mm(30),
                                                                                 Mm(20))
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _blok(doc, nama: str) -> None:
    """A paragraph holding only `{{p nama }}`: replaced by the block's paragraphs/tables."""
    _p(doc, "{{p " + nama + " }}")


def _tabel(doc, nama: str) -> None:
    _p(doc, "{{ " + nama + ".judul }}", "Keterangan Tabel")
    _blok(doc, nama)


def _gambar(doc, nama: str, jika: bool = True) -> None:
    if jika:
        _p(doc, "{%p if " + nama + " %}")
    _p(doc, "{{ " + nama + ".gambar }}", "Gambar")
    _p(doc, "{{ " + nama + ".judul }}", "Keterangan Gambar")
    if jika:
        _p(doc, "{%p endif %}")


def _sampul(doc) -> None:
    _p(doc, "LAPORAN KINERJA", "Sampul Judul", space_before=Pt(90))
    _p(doc, "INSTANSI PEMERINTAH", "Sampul Judul")
    _p(doc, "(LKIP)", "Sampul Sub", space_before=Pt(6))
    _p(doc, "TAHUN {{ tahun }}", "Sampul Sub", space_before=Pt(18))
    _p(doc, "{{ instansi|upper }}", "Sampul Instansi", space_before=Pt(250))
    _p(doc, "PEMERINTAH {{ pemda|upper }}", "Sampul Instansi")
    _p(doc, "{{ tahun_terbit }}", "Sampul Instansi", space_before=Pt(12))


def _depan(doc) -> None:
    _p(doc, "KATA PENGANTAR", "Heading 1")
    _blok(doc, "kata_pengantar")
    for i, teks in enumerate(("{{ ttd.tempat_tanggal }}", "{{ ttd.jabatan|upper }}", "", "",
                              "", "{{ ttd.nama }}", "NIP. {{ ttd.nip }}")):
        p = _p(doc, "", "Tanda Tangan", left_indent=Mm(75), keep_with_next=i < 6)
        if i == 0:
            p.paragraph_format.space_before = Pt(18)
        r = p.add_run(teks)
        r.bold = i in (1, 5)
        r.underline = i == 5
    _p(doc, "IKHTISAR EKSEKUTIF", "Heading 1")
    _blok(doc, "ikhtisar")
    _tabel(doc, "tabel_iku")
    _blok(doc, "ikhtisar_penutup")
    for judul, instr in (("DAFTAR ISI", 'TOC \\o "1-3" \\h \\z \\u'),
                         ("DAFTAR TABEL", 'TOC \\h \\z \\t "Keterangan Tabel,1"'),
                         ("DAFTAR GAMBAR", 'TOC \\h \\z \\t "Keterangan Gambar,1"')):
        _p(doc, judul, "Judul Daftar")
        _field(_p(doc), instr, "Perbarui field (F9) untuk menampilkan " + judul.lower() + ".")


def _bab(doc) -> None:
    h = lambda teks, n=2: _p(doc, teks, f"Heading {n}")  # noqa: E731
    h("BAB I PENDAHULUAN", 1)
    for judul, nama in (("A. Latar Belakang", "latar_belakang"), ("B. Dasar Hukum", "dasar_hukum"),
                        ("C. Tugas Pokok dan Fungsi", "tupoksi"),
                        ("D. Struktur Organisasi", "struktur")):
        h(judul)
        _blok(doc, f"bab1.{nama}")
    _tabel(doc, "bab1.tabel_unit")
    h("E. Isu Strategis")
    _blok(doc, "bab1.isu_strategis")
    h("F. Sistematika Penyajian")
    _blok(doc, "bab1.sistematika")
    h("BAB II PERENCANAAN KINERJA", 1)
    h("A. Rencana Strategis")
    _blok(doc, "bab2.renstra")
    _tabel(doc, "bab2.tabel_renstra")
    h("B. Perjanjian Kinerja Tahun {{ tahun }}")
    _blok(doc, "bab2.pk")
    _tabel(doc, "bab2.tabel_pk")
    _tabel(doc, "bab2.tabel_program")
    h("BAB III AKUNTABILITAS KINERJA", 1)
    h("A. Capaian Kinerja Organisasi")
    _blok(doc, "bab3.pengukuran")
    _tabel(doc, "bab3.tabel_skala")
    _blok(doc, "bab3.ringkasan")
    _tabel(doc, "bab3.tabel_ringkasan")
    _gambar(doc, "bab3.gambar_ringkasan")
    _p(doc, "{%p for s in bab3.sasaran %}")
    h("{{ s.judul }}", 3)
    h("{{ s.sub.target }}", 4)
    _tabel(doc, "s.tabel_target")
    _gambar(doc, "s.gambar_capaian")
    _blok(doc, "s.analisis")
    h("{{ s.sub.riwayat }}", 4)
    _p(doc, "{{ s.teks_riwayat }}", "Isi Naskah")
    _tabel(doc, "s.tabel_riwayat")
    _gambar(doc, "s.gambar_riwayat")
    h("{{ s.sub.renstra }}", 4)
    _tabel(doc, "s.tabel_renstra")
    _p(doc, "{%p if s.standar %}")
    h("{{ s.sub.standar }}", 4)
    _blok(doc, "s.standar")
    _p(doc, "{%p endif %}")
    h("{{ s.sub.sebab }}", 4)
    _blok(doc, "s.sebab")
    h("{{ s.sub.efisiensi }}", 4)
    _blok(doc, "s.efisiensi")
    _tabel(doc, "s.tabel_efisiensi")
    h("{{ s.sub.program }}", 4)
    _blok(doc, "s.program")
    _p(doc, "{%p endfor %}")
    h("B. Realisasi Anggaran")
    _blok(doc, "bab3.anggaran")
    _tabel(doc, "bab3.tabel_anggaran")
    _gambar(doc, "bab3.gambar_anggaran")
    _gambar(doc, "bab3.gambar_serapan")
    h("BAB IV PENUTUP", 1)
    h("A. Kesimpulan")
    _blok(doc, "bab4.kesimpulan")
    h("B. Langkah ke Depan")
    _blok(doc, "bab4.langkah")


def _kepala_kaki(section) -> None:
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    p = section.header.paragraphs[0]
    p.text = "Laporan Kinerja Instansi Pemerintah {{ instansi }} Tahun {{ tahun }}"
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.runs[0].italic = True
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" '
        'w:color="808080"/></w:pBdr>'))
    f = section.footer.paragraphs[0]
    f.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(f, "PAGE", "1")


def buat_templat() -> bytes:
    """The default template of the book, as .docx bytes."""
    doc = Document()
    _gaya(doc)
    _halaman(doc.sections[0])
    _bingkai(doc.sections[0])
    _sampul(doc)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _depan(doc)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _bab(doc)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _blok(doc, "lampiran.i")
    doc.add_section(WD_SECTION.NEW_PAGE)
    for k in ("ii", "iii", "iv", "v"):
        _blok(doc, f"lampiran.{k}")
    s = doc.sections
    for i, sec in enumerate(s):
        _halaman(sec, lanskap=i == 4)
        if i > 0:  # sections are cloned from the cover: only the cover keeps its border
            for el in sec._sectPr.findall(qn("w:pgBorders")):
                sec._sectPr.remove(el)
    _kepala_kaki(s[1])
    _penomoran(s[1], "lowerRoman", 1)
    _penomoran(s[2], "decimal", 1)
    settings = doc.settings.element
    settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
    doc.core_properties.title = "Laporan Kinerja Instansi Pemerintah"
    doc.core_properties.author = "LKIP Dashboard"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
