"""DOCX → PDF through LibreOffice headless, so the book prints the same everywhere.

Each conversion gets a private LibreOffice profile (a temporary folder, removed afterwards) so
two conversions never share one, and a timeout. Debian's `python3-uno` lets us update the
tables of contents before exporting (`_uno_pdf.py`); without it the plain `--convert-to pdf`
is used and the tables of contents keep their placeholder text. A missing LibreOffice is a
clear error naming the package to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
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


class _Pekerja:
    """One LibreOffice (through `_uno_pdf.py`, many-documents mode) converting the documents
    it is given one after another, in its own private profile."""

    def __init__(self, exe: str, folder: Path, waktu_maks: float):
        self.folder = folder
        self.waktu_maks = waktu_maks
        self.lewat_waktu = False
        self.n = 0
        self.galat = folder / "galat.txt"  # a file, not a pipe: nobody reads it until the end
        with open(self.galat, "w") as galat:
            self.proc = subprocess.Popen(
                [PYTHON_SISTEM, str(SKRIP), exe, "-", "-", str(folder / "profil")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=galat, text=True,
                cwd=folder, start_new_session=True)  # its LibreOffice in its process group

    def _kedaluwarsa(self) -> None:
        self.lewat_waktu = True
        self._bunuh()

    def _bunuh(self) -> None:
        """The driver and the LibreOffice it started (its process group)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.proc.kill()

    def ubah(self, docx: bytes) -> bytes:
        self.n += 1
        masuk, keluar = self.folder / f"bagian{self.n}.docx", self.folder / f"bagian{self.n}.pdf"
        masuk.write_bytes(docx)
        habis = threading.Timer(self.waktu_maks, self._kedaluwarsa)  # per document, as ke_pdf
        habis.daemon = True
        habis.start()
        try:
            self.proc.stdin.write(f"{masuk}\t{keluar}\n")
            self.proc.stdin.flush()
            jawab = self.proc.stdout.readline().strip()
        except (BrokenPipeError, ValueError):
            jawab = ""
        finally:
            habis.cancel()
        masuk.unlink(missing_ok=True)
        if self.lewat_waktu:
            raise KonversiGagal(f"LibreOffice tidak selesai membuat PDF dalam "
                                f"{int(self.waktu_maks)} detik.")
        if jawab != "OK" or not keluar.exists() or keluar.stat().st_size == 0:
            if not jawab:
                pesan = self.galat.read_text(errors="replace").strip().splitlines()
                jawab = pesan[-1][:200] if pesan else "LibreOffice berhenti"
            raise KonversiGagal(f"LibreOffice gagal membuat PDF: {jawab.removeprefix('GAGAL ')}")
        isi = keluar.read_bytes()
        keluar.unlink()
        return isi

    def tutup(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(30)
        except (subprocess.TimeoutExpired, BrokenPipeError, OSError):
            self._bunuh()
            self.proc.wait()


class Konverter:
    """Documents to PDF through `pekerja` LibreOffice processes that each convert many, so a
    big book's twenty-odd parts pay LibreOffice's start-up (seconds of CPU) twice, not twenty
    times. `ubah` may be called from several threads; it waits for a free process. Without
    python3-uno each document goes through `ke_pdf`. Each document has `waktu_maks` seconds,
    as in `ke_pdf`: past it its LibreOffice is ended and the conversion fails (KonversiGagal)."""

    def __init__(self, pekerja: int = 2, *, waktu_maks: float = WAKTU_MAKS):
        import queue

        self.exe = soffice()
        self.waktu_maks = waktu_maks
        self.uno = _ada_uno()
        self._tmp = tempfile.TemporaryDirectory(prefix="lkip_pdf_")
        self._semua: list[_Pekerja] = []
        self._bebas: queue.Queue[_Pekerja] = queue.Queue()
        self._kunci = threading.Lock()
        self._pekerja = max(1, pekerja)

    def _tambah(self) -> None:
        folder = Path(self._tmp.name) / f"p{len(self._semua)}"
        folder.mkdir()
        p = _Pekerja(self.exe, folder, self.waktu_maks)
        self._semua.append(p)
        self._bebas.put(p)

    def mulai(self) -> None:
        """Start every LibreOffice now (their start-up beside the caller's own work)."""
        if self.uno:
            with self._kunci:
                while len(self._semua) < self._pekerja:
                    self._tambah()

    def ubah(self, docx: bytes) -> bytes:
        if not self.uno:
            return ke_pdf(docx)
        with self._kunci:
            if self._bebas.empty() and len(self._semua) < self._pekerja:
                self._tambah()
        p = self._bebas.get()
        try:
            return p.ubah(docx)
        finally:
            self._bebas.put(p)

    def __enter__(self) -> Konverter:
        return self

    def __exit__(self, *exc) -> None:
        for p in self._semua:
            p.tutup()
        self._tmp.cleanup()
