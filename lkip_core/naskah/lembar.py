"""The Lembar Pengesahan: one page listing the chain — who verified, approved and ratified the
book, when, with their notes and the SHA-256 of the PDF they approved — inserted after the
cover of the verified PDF to make the signed book. The pages of the verified PDF are kept as
they are: what the signers approved is what is published."""

from __future__ import annotations

import io
from datetime import datetime

import duckdb
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from pypdf import PdfReader, PdfWriter

from lkip_core import fmt
from lkip_core.masukan import rekap

from ..akun.model import Akun
from ..lampiran.data import _nip
from .gaya import atur_font
from .pdf import ke_pdf

PERAN_LANGKAH = (("verifikasi", "Diverifikasi oleh"), ("setujui", "Disetujui oleh"),
                 ("sahkan", "Disahkan oleh"))


def _waktu(w) -> str:
    return f"{fmt.tanggal(w)}, pukul {w:%H.%M}"


def lembar_docx(tahun: int, instansi: str, langkah: list[dict], sha256: str) -> bytes:
    """The page as .docx. `langkah`: (judul, nama, jabatan, nip, waktu, catatan) dicts in order."""
    doc = Document()
    atur_font(doc.styles["Normal"], "Arial", 10.5)
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.left_margin, s.right_margin, s.top_margin, s.bottom_margin = Mm(30), Mm(20), Mm(30), Mm(20)

    def p(teks: str, ukuran: float = 10.5, tebal: bool = False, jajar=WD_ALIGN_PARAGRAPH.CENTER,
          sesudah: float = 4):
        par = doc.add_paragraph()
        par.alignment = jajar
        par.paragraph_format.space_after = Pt(sesudah)
        r = par.add_run(teks)
        r.bold, r.font.size = tebal, Pt(ukuran)
        return par

    p("LEMBAR PENGESAHAN", 16, True, sesudah=6)
    p("LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP)", 12, True, sesudah=2)
    p(f"{instansi.upper()}", 12, True, sesudah=2)
    p(f"TAHUN {tahun}", 12, True, sesudah=24)
    p(f"Naskah LKIP Tahun {tahun} telah melalui verifikasi, persetujuan, dan pengesahan "
      "sebagai berikut:", jajar=WD_ALIGN_PARAGRAPH.JUSTIFY, sesudah=12)
    # One row per line of the signature blocks, so that names and NIPs line up across them.
    baris = [("judul", True, False), ("jabatan", False, False), (None, False, False),
             ("nama", True, True), ("nip", False, False), ("waktu", False, False)]
    if any(lk["catatan"] for lk in langkah):
        baris.append(("catatan", False, False))
    t = doc.add_table(rows=len(baris), cols=len(langkah))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, (kunci, tebal, garis) in enumerate(baris):
        for c, lk in enumerate(langkah):
            sel = t.cell(r, c)
            sel.width = Mm(160 / len(langkah))
            if kunci is None:
                teks = "\n\n"
            elif kunci == "nip":
                teks = f"NIP. {lk['nip'] or '-'}"
            elif kunci == "waktu":
                teks = f"Secara elektronik pada {lk['waktu']}"
            elif kunci == "catatan":
                teks = f"Catatan: {lk['catatan']}" if lk["catatan"] else ""
            else:
                teks = lk[kunci] or ""
            par = sel.paragraphs[0]
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = par.add_run(teks)
            run.bold, run.underline, run.font.size = tebal, garis, Pt(9.5)
    _tanpa_garis_dalam(t)
    p("", sesudah=18)
    p("Sidik jari (SHA-256) berkas PDF naskah yang diverifikasi, disetujui, dan disahkan:",
      9, jajar=WD_ALIGN_PARAGRAPH.LEFT, sesudah=2)
    par = p(sha256, 8.5, jajar=WD_ALIGN_PARAGRAPH.LEFT, sesudah=12)
    par.runs[0].font.name = "Liberation Mono"
    p("Halaman-halaman naskah sesudah lembar ini adalah berkas PDF tersebut tanpa perubahan; "
      "kecocokannya dapat diperiksa pada arsip aplikasi LKIP Dashboard.", 9,
      jajar=WD_ALIGN_PARAGRAPH.JUSTIFY)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _tanpa_garis_dalam(t) -> None:
    """Only the outer and vertical rules: the rows are lines of one block per signer."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    garis = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                    for s in ("top", "left", "bottom", "right", "insideV"))
    tblpr = t._tbl.tblPr
    for el in tblpr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
                            "tblBorders"):
        tblpr.remove(el)
    tblpr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{garis}'
                           '<w:insideH w:val="nil"/></w:tblBorders>'))


def sisipkan(buku: bytes, lembar: bytes, setelah: int = 1) -> bytes:
    """`buku` with the pages of `lembar` inserted after its first `setelah` pages."""
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(buku)))
    for i, hal in enumerate(PdfReader(io.BytesIO(lembar)).pages):
        w.insert_page(hal, setelah + i)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def pdf_sah(con: duckdb.DuckDBPyConnection, r, kepala: Akun, buku: bytes,
            catatan: str | None) -> bytes:
    """The signed book: the verified PDF with the Lembar Pengesahan after its cover; the
    Kepala's step (not yet recorded) is `kepala`, now."""
    unit = rekap.daftar_unit(con.cursor())
    instansi = str(unit["nama_unit"].iloc[0]) if len(unit) else ""
    langkah = []
    for aksi, judul in PERAN_LANGKAH:
        s = r.step(aksi)
        if s is not None:
            langkah.append({"judul": judul, "nama": s.nama, "jabatan": s.jabatan,
                            "nip": _nip(s.nip), "waktu": _waktu(s.waktu), "catatan": s.catatan})
    langkah.append({"judul": "Disahkan oleh", "nama": kepala.nama_tampil,
                    "jabatan": kepala.jabatan, "nip": _nip(kepala.nip),
                    "waktu": _waktu(datetime.now()), "catatan": catatan})
    return sisipkan(buku, ke_pdf(lembar_docx(r.tahun, instansi, langkah, r.pdf[1])))
