"""Run by Debian's python3 (which has the `uno` module), never imported by the project:

    python3 _uno_pdf.py SOFFICE IN.docx OUT.pdf PROFILE_DIR

Starts LibreOffice headless with a private profile, opens the document, updates every index
(tables of contents, tables, figures) and field twice — the second pass puts the page numbers
right once the tables of contents have taken their own pages — and exports a PDF.
Exit status 0 when the PDF was written; otherwise the reason on stderr.
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
        doc = desktop.loadComponentFromURL(_url(masuk), "_blank", 0, (_prop("Hidden", True),))
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
