"""Reading a .docx body back in order (the book tests)."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def isi_dokumen(doc):
    """Paragraphs and tables of the body, in reading order."""
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            yield Paragraph(el, doc)
        elif el.tag == qn("w:tbl"):
            yield Table(el, doc)
