"""A big book (city scale: thousands of pages) made into PDF in parts, in parallel.

LibreOffice reads a Word document in time that grows much faster than its size (the whole
city-scale book took minutes to open; its parts, each opened alone, a fraction of that). So a
book whose body exceeds BATAS_UTUH is cut, between chapters and sasaran, into parts of about
UKURAN_BAGIAN; the parts are converted two at a time, by two LibreOffice processes that each
take part after part (`pdf.Konverter`: LibreOffice's start-up paid twice, not per part, and no
index update on parts that have none; each part's text read by pdftotext as soon as it is
done, beside the other LibreOffice); the front matter is converted once beside the parts (its
own headings' roman numbers) and once at the end with its tables of contents written out from
where each heading and caption landed; the PDFs are joined and the page numbers (i, ii … then 1, 2 …) printed on the joined pages. A small book
goes through `pdf.ke_pdf` whole, its tables of contents updated by LibreOffice itself.
"""

from __future__ import annotations

import copy
import io
import os
import re
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from . import pdf_gambar
from .ooxml import esc
from .pdf import Konverter, ke_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BATAS_UTUH = 4_000_000  # bytes of word/document.xml converted whole
UKURAN_BAGIAN = 2_500_000  # about this much per part
DAFTAR = {"TOC": 0, "Tabel": 1, "Gambar": 2}  # the three tables of contents, in order
LEVEL = {"Heading1": 1, "Heading2": 2, "Heading3": 3}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _gaya(el) -> str | None:
    s = el.find(f"{_w('pPr')}/{_w('pStyle')}")
    return None if s is None else s.get(_w("val"))


def _teks(el) -> str:
    return " ".join("".join(t.text or "" for t in el.iter(_w("t"))).split())


def _sect(el):
    return el.find(f"{_w('pPr')}/{_w('sectPr')}") if el.tag == _w("p") else None


def _jenis_daftar(el) -> int | None:
    """Which table of contents a field paragraph holds (0 contents, 1 tables, 2 figures)."""
    instr = "".join(t.text or "" for t in el.iter(_w("instrText")))
    if "TOC" not in instr:
        return None
    return 1 if "Keterangan Tabel" in instr else 2 if "Keterangan Gambar" in instr else 0


def perlu_dipotong(docx: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.getinfo("word/document.xml").file_size > BATAS_UTUH


class _Buku:
    """The book's body as elements, with the section each belongs to."""

    def __init__(self, docx: bytes):
        self.docx = docx
        self.asli: dict[int, bytes] = {}  # the charts the parts carry as placeholders
        self.diganti: dict[int, int] = {}  # a part's first element → its placeholders
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            self.root = etree.fromstring(z.read("word/document.xml"))
            rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        self.rels = {r.get("Id"): r.get("Target") for r in rels}
        body = self.root.find(_w("body"))
        self.els = list(body)
        self.sect_akhir = self.els.pop()  # the body's own sectPr: the last section
        self.sect_el: list = [None] * len(self.els)
        cur = self.sect_akhir
        for i in range(len(self.els) - 1, -1, -1):
            s = _sect(self.els[i])
            if s is not None:
                cur = s
            self.sect_el[i] = cur
        daftar = [i for i, el in enumerate(self.els) if _jenis_daftar(el) is not None]
        if not daftar:
            raise ValueError("tanpa daftar isi")
        # the front matter: every element up to the end of the section holding the contents
        self.akhir_depan = next(i for i in range(daftar[-1], len(self.els))
                                if _sect(self.els[i]) is not None)
        kepala = [s.find(_w("headerReference")) for s in
                  (self.sect_el[j] for j in range(self.akhir_depan + 1))]
        self.kepala = next((h for h in kepala if h is not None), None)

    def potong(self) -> list[list[int]]:
        """The body after the front matter as runs of element indices: cut before every
        chapter and annex (each starts a page anyway), and inside a long chapter before a
        sasaran once the part has grown to UKURAN_BAGIAN (that sasaran starts a page)."""
        bagian, kini, ukuran = [], [], 0
        self.ukuran: list[int] = []  # bytes of XML per part
        for i in range(self.akhir_depan + 1, len(self.els)):
            el = self.els[i]
            gaya = _gaya(el)
            if kini and (gaya == "Heading1" or (gaya == "Heading3" and ukuran > UKURAN_BAGIAN)):
                bagian.append(kini)
                self.ukuran.append(ukuran)
                kini, ukuran = [], 0
            kini.append(i)
            ukuran += len(etree.tostring(el))
        if kini:
            bagian.append(kini)
            self.ukuran.append(ukuran)
        return bagian

    def _sect_bagian(self, sect, dengan_kepala: bool):
        """A copy of a section's properties for a part: its header kept (linked sections get
        the book's), no footer (the page numbers are printed on the joined PDF), no restart."""
        s = copy.deepcopy(sect)
        for tag in ("footerReference", "pgNumType", "titlePg"):
            for x in s.findall(_w(tag)):
                s.remove(x)
        if dengan_kepala and self.kepala is not None and s.find(_w("headerReference")) is None:
            s.insert(0, copy.deepcopy(self.kepala))
        return s

    def docx_bagian(self, indeks: list[int], ganti: dict[int, list] | None = None, *,
                    pengganti: bool = True) -> bytes:
        """A .docx of the elements `indeks` (`ganti`: element index → elements instead); its
        charts as placeholders (`pdf_gambar`; their number in `diganti`) unless `pengganti` is
        False."""
        # a new root with the document's namespaces, not a copy of the whole book
        root = etree.Element(self.root.tag, attrib=dict(self.root.attrib), nsmap=self.root.nsmap)
        body = etree.SubElement(root, _w("body"))
        depan = indeks[-1] <= self.akhir_depan
        for i in indeks:
            for el in (ganti or {}).get(i, [self.els[i]]):
                el = copy.deepcopy(el)
                s = _sect(el)
                if s is not None and not depan:
                    el.find(_w("pPr")).replace(s, self._sect_bagian(s, True))
                body.append(el)
        # The part's last section: the one its last element is in. When that element ends the
        # section (it holds its sectPr), the sectPr moves to the body's end: left in place it
        # would leave an empty last section, an empty page.
        terakhir = body[-1]
        s = _sect(terakhir)
        if s is not None:
            terakhir.find(_w("pPr")).remove(s)
            body.append(s)
        else:
            akhir = self.sect_el[indeks[-1]]
            body.append(copy.deepcopy(akhir) if depan else self._sect_bagian(akhir, True))
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        # only the media this part shows: every part would otherwise carry every chart
        dipakai = set(re.findall(rb'r:embed="([^"]+)"', xml))
        media = {t.rsplit("/", 1)[-1] for r, t in self.rels.items() if r.encode() in dipakai}
        masuk, keluar = zipfile.ZipFile(io.BytesIO(self.docx)), io.BytesIO()
        with masuk, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
            for info in masuk.infolist():
                data = xml if info.filename == "word/document.xml" else masuk.read(info.filename)
                if depan and info.filename.startswith("word/footer"):
                    data = _tanpa_halaman(data)
                if info.filename.startswith("word/media/"):
                    if not any(m in info.filename for m in media):
                        continue  # another part's chart
                    n = pdf_gambar.nomor_media(info.filename)
                    if pengganti and not depan and n is not None and pdf_gambar.gambar_pdf(data):
                        self.asli[n] = data  # put in the PDF by `_gabung` (pdf_gambar)
                        self.diganti[indeks[0]] = self.diganti.get(indeks[0], 0) + 1
                        data = pdf_gambar.pengganti(n)
                    z.writestr(info, data, compress_type=zipfile.ZIP_STORED)  # PNG: packed
                else:
                    z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
        return keluar.getvalue()


def _tanpa_halaman(xml: bytes) -> bytes:
    """A footer without its PAGE field: the numbers are printed on the joined PDF."""
    return re.sub(rb"<w:fldSimple[^>]*PAGE.*?</w:fldSimple>|<w:instrText[^>]*>\s*PAGE\s*"
                  rb"</w:instrText>", b"", xml, flags=re.S).replace(b">1</w:t>", b"></w:t>")


def _halaman_teks(pdf: bytes) -> list[str]:
    """The text of each page (poppler's pdftotext: fast on thousands of pages)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True,
                             check=True).stdout.decode("utf-8", "replace")
    return [" ".join(h.split()) for h in out.split("\f")]


def _cari(entri: list[tuple[int, str, int]], halaman: list[str], awal: int) -> dict[int, int]:
    """element index → page (0-based within `halaman`) for each (index, text, _) in order:
    the first page, from the previous find on, that holds the text's beginning."""
    out, p = {}, 0
    for i, teks, _ in entri:
        kunci = teks[:60]
        q = p
        while q < len(halaman) and kunci not in halaman[q]:
            q += 1
        if q < len(halaman):
            out[i], p = q + awal, q
    return out


def _baris_daftar(teks: str, nomor: str, level: int) -> str:
    return (f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="TOC{level}"/><w:tabs>'
            '<w:tab w:val="right" w:leader="dot" w:pos="9070"/></w:tabs></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{esc(teks)}</w:t></w:r><w:r><w:tab/></w:r>'
            f"<w:r><w:t>{nomor}</w:t></w:r></w:p>")


def _romawi(n: int) -> str:
    out = ""
    for nilai, huruf in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                         (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                         (4, "iv"), (1, "i")):
        while n >= nilai:
            out, n = out + huruf, n - nilai
    return out


def _cetak_nomor(w: PdfWriter, label: dict[int, str]) -> None:
    """Print each page's number, centred 10 mm above the bottom edge (Helvetica 9 pt: the
    metric twin of the book's Arial)."""
    font = w._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    for i, teks in label.items():
        hal = w.pages[i]
        lebar = float(hal.mediabox.width)
        x = lebar / 2 - len(teks) * 9 * 0.556 / 2
        awal, akhir = DecodedStreamObject(), DecodedStreamObject()
        awal.set_data(b"q\n")
        akhir.set_data(f"Q\nq BT /FLkip 9 Tf {x:.2f} 28.35 Td ({teks}) Tj ET Q\n".encode())
        isi = hal.get("/Contents")
        isi = isi.get_object() if isi is not None else None
        lama = list(isi) if isinstance(isi, ArrayObject) else ([hal["/Contents"]] if isi else [])
        hal[NameObject("/Contents")] = ArrayObject([w._add_object(awal), *lama,
                                                    w._add_object(akhir)])
        res = hal.get("/Resources")
        res = res.get_object() if res is not None else DictionaryObject()
        res = DictionaryObject(dict(res))
        fonts = res.get("/Font")
        fonts = DictionaryObject(dict(fonts.get_object())) if fonts is not None else \
            DictionaryObject()
        fonts[NameObject("/FLkip")] = font
        res[NameObject("/Font")] = fonts
        hal[NameObject("/Resources")] = res


def ke_pdf_bagian(docx: bytes, *, pekerja: int | None = None) -> bytes:
    """The PDF of a big book, made in parts (see the module docstring)."""
    pekerja = pekerja or max(1, min(os.cpu_count() or 1, 4))
    with Konverter(pekerja) as konv:
        konv.mulai()  # LibreOffice starts (seconds) while the book is read and cut
        b = _Buku(docx)
        bagian = b.potong()
        return _gabung(b, bagian, konv, pekerja)


def _gabung(b: _Buku, bagian: list[list[int]], konv: Konverter, pekerja: int) -> bytes:
    # the biggest parts first (an annex of thousands of rows takes minutes): the last part to
    # finish is then a small one, not a big one started while the other LibreOffice idles
    ukuran = getattr(b, "ukuran", None) or [len(ix) for ix in bagian]
    urut = sorted(range(len(bagian)), key=lambda k: -ukuran[k])
    # the headings and captions of each part, listed in the tables of contents
    mau = [[(i, _teks(b.els[i]), LEVEL.get(_gaya(b.els[i]), 0)) for i in ix
            if _gaya(b.els[i]) in (*LEVEL, "KeteranganTabel", "KeteranganGambar")]
           for ix in bagian]
    depan_ix = list(range(b.akhir_depan + 1))
    # the front matter's own headings (Kata Pengantar, Ikhtisar): roman numbers, found by
    # converting it (they come before the contents, so the contents' page numbers move nothing)
    judul_depan = [(i, _teks(b.els[i]), LEVEL[_gaya(b.els[i])]) for i in depan_ix
                   if _gaya(b.els[i]) in LEVEL]

    def depan_pdf(entri: dict, nomor_depan: dict) -> tuple[bytes, dict]:
        ganti = {}
        for i in depan_ix:
            d = _jenis_daftar(b.els[i])
            if d is None:
                continue
            baris = ([(t, nomor_depan[j], lv) for j, t, lv in judul_depan] if d == 0 else []) \
                + entri[d]
            ganti[i] = [etree.fromstring(_baris_daftar(t, n, lv)) for t, n, lv in baris]
        isi = konv.ubah(b.docx_bagian(depan_ix, ganti))
        halaman = _halaman_teks(isi)
        while halaman and not halaman[-1].strip():
            halaman.pop()
        ketemu = _cari(judul_depan, halaman[1:], 1)  # page 1 is the cover
        return isi, {i: _romawi(ketemu[i]) for i, _, _ in judul_depan if i in ketemu}

    def ubah(k: int) -> tuple[bytes, list[str]]:
        isi = konv.ubah(b.docx_bagian(bagian[k]))
        return isi, _halaman_teks(isi)  # pdftotext here: beside the other LibreOffice

    calon = {0: [], 1: [], 2: []}  # every entry, its page not known yet: the same lines
    for i, teks, level in (m for ms in mau for m in ms):
        calon[_daftar_entri(b, i, level)].append((teks, "?", max(level, 1)))
    with ThreadPoolExecutor(pekerja) as pool:
        # a first front matter (small) beside the parts, for its own headings' numbers
        pra = pool.submit(depan_pdf, calon, {i: "?" for i, _, _ in judul_depan})
        hasil = dict(zip(urut, pool.map(ubah, urut)))
        nomor_depan = pra.result()[1]
    pdf_isi = [hasil[k][0] for k in range(len(bagian))]
    # where each heading and caption landed, numbered 1, 2 … across the parts
    entri = {0: [], 1: [], 2: []}
    awal = 0
    for k in range(len(bagian)):
        halaman = hasil[k][1]
        while halaman and not halaman[-1].strip():
            halaman.pop()
        ketemu = _cari(mau[k], halaman, awal)
        for i, teks, level in mau[k]:
            if i in ketemu:
                entri[_daftar_entri(b, i, level)].append((teks, str(ketemu[i] + 1),
                                                          max(level, 1)))
        awal += len(halaman)
    for _ in range(3):  # once, unless the real numbers moved the front matter's headings
        depan, baru = depan_pdf(entri, {i: nomor_depan.get(i, "?") for i, _, _ in judul_depan})
        if all(nomor_depan.get(i) == baru.get(i) for i, _, _ in judul_depan):
            break
        nomor_depan = baru
    w = PdfWriter()
    for k, isi in enumerate((depan, *pdf_isi)):
        r = PdfReader(io.BytesIO(isi))
        if k and pdf_gambar.tukar(r, b.asli) < b.diganti.get(bagian[k - 1][0], 0):
            # a placeholder LibreOffice did not print as given: the part with its charts
            r = PdfReader(io.BytesIO(konv.ubah(b.docx_bagian(bagian[k - 1], pengganti=False))))
        n = len(r.pages)
        w.append(r, pages=list(range(n)))
    n_depan = len(PdfReader(io.BytesIO(depan)).pages)
    label = {i: _romawi(i) for i in range(1, n_depan)}  # the cover (page 0) has none
    for i in range(n_depan, len(w.pages)):
        label[i] = str(i - n_depan + 1)
    _cetak_nomor(w, label)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _daftar_entri(b: _Buku, i: int, level: int) -> int:
    """Which table of contents lists element `i` (0 contents, 1 tables, 2 figures)."""
    return 0 if level else 1 if _gaya(b.els[i]) == "KeteranganTabel" else 2


def ke_pdf_buku(docx: bytes) -> bytes:
    """The book's PDF: whole through LibreOffice when small, in parts when big."""
    if perlu_dipotong(docx):
        try:
            return ke_pdf_bagian(docx)
        except ValueError:  # a template without tables of contents: whole, as it is
            pass
    return ke_pdf(docx)


__all__ = ["BATAS_UTUH", "ke_pdf_bagian", "ke_pdf_buku", "perlu_dipotong"]
