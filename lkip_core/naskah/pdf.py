"""DOCX → PDF through LibreOffice headless, so the book prints the same everywhere.

Each conversion gets a private LibreOffice profile (a temporary folder, removed afterwards) so
two conversions never share one, and a timeout. Debian's `python3-uno` lets us update the
tables of contents before exporting (`_uno_pdf.py`); without it the plain `--convert-to pdf`
is used and the tables of contents keep their placeholder text. A missing LibreOffice is a
clear error naming the package to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import LkipError

SKRIP = Path(__file__).with_name("_uno_pdf.py")
PYTHON_SISTEM = "/usr/bin/python3"
WAKTU_MAKS = 600  # seconds; the city-scale book takes about a minute


class LibreOfficeTidakAda(LkipError):
    """LibreOffice (Writer) is not installed where the PDF must be made."""


class KonversiGagal(LkipError):
    """LibreOffice ran but did not produce the PDF."""


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise LibreOfficeTidakAda(
            "LibreOffice tidak terpasang, sehingga PDF tidak dapat dibuat (DOCX tetap dapat "
            "diunduh). Pasang dengan `make libreoffice` atau `apt-get install libreoffice-writer "
            "python3-uno`.")
    return exe


def _ada_uno() -> bool:
    if not Path(PYTHON_SISTEM).exists():
        return False
    return subprocess.run([PYTHON_SISTEM, "-c", "import uno"], capture_output=True,
                          timeout=30).returncode == 0


def ke_pdf(docx: bytes, *, waktu_maks: float = WAKTU_MAKS) -> bytes:
    """The PDF of a .docx (its tables of contents updated when python3-uno is there)."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="lkip_pdf_") as tmp:
        folder = Path(tmp)
        masuk, keluar = folder / "naskah.docx", folder / "naskah.pdf"
        masuk.write_bytes(docx)
        profil = folder / "profil"
        if _ada_uno():
            cmd = [PYTHON_SISTEM, str(SKRIP), exe, str(masuk), str(keluar), str(profil)]
        else:
            cmd = [exe, "--headless", f"-env:UserInstallation={profil.as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(folder), str(masuk)]
        try:
            hasil = subprocess.run(cmd, capture_output=True, timeout=waktu_maks, cwd=folder)
        except subprocess.TimeoutExpired as exc:
            raise KonversiGagal(f"LibreOffice tidak selesai membuat PDF dalam "
                                f"{int(waktu_maks)} detik.") from exc
        if hasil.returncode != 0 or not keluar.exists() or keluar.stat().st_size == 0:
            pesan = (hasil.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            raise KonversiGagal("LibreOffice gagal membuat PDF"
                                + (f": {pesan[-1][:200]}" if pesan else "."))
        return keluar.read_bytes()
