"""Run by Debian's python3 (which has the `uno` module), never imported by the project:

    python3 _uno_pdf.py SOFFICE IN.docx OUT.pdf PROFILE_DIR

Starts LibreOffice headless with a private profile, opens the document, updates every index
(tables of contents, tables, figures) and field twice — the second pass puts the page numbers
right once the tables of contents have taken their own pages — and exports a PDF.
Exit status 0 when the PDF was written; otherwise the reason on stderr.

    python3 _uno_pdf.py SOFFICE - - PROFILE_DIR

Many documents through one LibreOffice (a big book's parts: starting LibreOffice costs seconds
of CPU each time): lines `IN.docx<TAB>OUT.pdf` on stdin, each answered on stdout by `OK` or
`GAGAL <reason>` once done; the end of stdin ends LibreOffice. The parts have no tables of
contents, so nothing is updated: they are opened, exported and closed.
"""

import os
import subprocess
import sys
import time

import uno  # noqa: I001 — Debian's python3-uno, present when LibreOffice is
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

TUNGGU_MULAI = 60.0


def _prop(nama, nilai):
    p = PropertyValue()
    p.Name, p.Value = nama, nilai
    return p


def _url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def _waktu(teks, mulai=[time.monotonic()]):  # noqa: B006 — the start, kept across calls
    if os.environ.get("LKIP_UNO_WAKTU"):
        sys.stderr.write(f"{time.monotonic() - mulai[0]:7.2f} s  {teks}\n")


def _banyak(desktop):
    """The documents named on stdin, one line each, answered on stdout (module docstring)."""
    for baris in sys.stdin:
        baris = baris.rstrip("\n")
        if not baris:
            continue
        masuk, keluar = baris.split("\t")
        try:
            doc = desktop.loadComponentFromURL(_url(masuk), "_blank", 0,
                                               (_prop("Hidden", True),))
            if doc is None:
                jawab = "GAGAL dokumen tidak dapat dibuka oleh LibreOffice"
            else:
                doc.storeToURL(_url(keluar), (_prop("FilterName", "writer_pdf_Export"),))
                doc.close(True)
                jawab = "OK"
        except Exception as exc:  # noqa: BLE001 — reported to the caller, who raises
            jawab = "GAGAL " + " ".join(str(exc).split())[:200]
        _waktu(f"{jawab[:40]} {os.path.basename(keluar)}")
        sys.stdout.write(jawab + "\n")
        sys.stdout.flush()


def main(soffice, masuk, keluar, profil):
    pipa = f"lkip_naskah_{os.getpid()}"
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--nolockcheck", "--nofirststartwizard", "-env:UserInstallation=" + _url(profil),
         f"--accept=pipe,name={pipa};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        lokal = uno.getComponentContext()
        resolver = lokal.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", lokal)
        batas = time.monotonic() + TUNGGU_MULAI
        while True:
            try:
                ctx = resolver.resolve(
                    f"uno:pipe,name={pipa};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if proc.poll() is not None or time.monotonic() > batas:
                    sys.stderr.write("LibreOffice tidak dapat dijalankan\n")
                    return 3
                time.sleep(0.1)
        _waktu("LibreOffice siap")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        if masuk == "-":
            _banyak(desktop)
        else:
            doc = desktop.loadComponentFromURL(_url(masuk), "_blank", 0,
                                               (_prop("Hidden", True),))
            if doc is None:
                sys.stderr.write("dokumen tidak dapat dibuka oleh LibreOffice\n")
                return 4
            _waktu("dokumen dibuka")
            indeks = doc.getDocumentIndexes()
            for _ in range(2):
                for i in range(indeks.getCount()):
                    indeks.getByIndex(i).update()
                doc.getTextFields().refresh()
                _waktu("indeks diperbarui")
            doc.storeToURL(_url(keluar), (_prop("FilterName", "writer_pdf_Export"),))
            _waktu("PDF ditulis")
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 — the bridge goes away as LibreOffice ends
            pass
        return 0
    finally:
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
