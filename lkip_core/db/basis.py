"""One database file shared by the app and the command line.

DuckDB lets one process hold a file at a time; inside that process every connection shares one
instance. So a process holds the file only while it works: `Basis.sesi()` opens it on the first
entry (threads of the app share it), and the last one out releases it — at once when another
process is waiting, otherwise after a short grace so the app's next page rerun does not reopen.

Processes take turns through an advisory lock on `<db>.kunci`. A process that has to wait
announces itself in `<db>.antre`; the holder then lets go as soon as its running work ends, and
takes no new work in until the waiter has had its turn. Each side waits at most `tunggu`
seconds, then gives up with `BasisDataTerkunci` (exit 2 on the command line).
"""

from __future__ import annotations

import atexit
import fcntl
import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from lkip_core import db
from lkip_core.errors import BasisDataTerkunci

# seconds to wait for the other process (LKIP_TUNGGU overrides, e.g. for a scheduled job)
TUNGGU = float(os.environ.get("LKIP_TUNGGU") or 30)
LEPAS = 1.5  # seconds the app keeps the file open after its last session, when nobody waits
_POLL = 0.05
_ANTRE_BASI = 120.0  # an announcement older than this is left over from a killed process


class Basis:
    """The database at `path`, opened while in use and shared by this process's threads."""

    def __init__(self, path: str | Path, *, tunggu: float = TUNGGU, lepas: float = LEPAS):
        self.path = Path(path).resolve()
        self.tunggu = tunggu
        self.lepas = lepas
        self._kondisi = threading.Condition()
        self._pakai = 0
        self._con: duckdb.DuckDBPyConnection | None = None
        self._kunci_fd: int | None = None
        self._timer: threading.Timer | None = None
        self._antre_saya = False
        self._eksklusif: int | None = None  # the thread replacing the file, if any
        _HIDUP.add(self)

    # The lock files ---------------------------------------------------------------------------
    @property
    def _berkas_kunci(self) -> Path:
        return self.path.with_name(self.path.name + ".kunci")

    @property
    def _berkas_antre(self) -> Path:
        return self.path.with_name(self.path.name + ".antre")

    def _ada_antrean(self) -> bool:
        """Another process announced that it waits for the file (and is still alive)."""
        try:
            isi = self._berkas_antre.read_text().split()
            umur = time.time() - self._berkas_antre.stat().st_mtime
        except (OSError, ValueError):
            return False
        if self._antre_saya or umur > _ANTRE_BASI or not isi:
            return False
        try:
            pid = int(isi[0])
            if pid == os.getpid():
                return False
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError):
            return False
        except PermissionError:
            pass
        return True

    def _ambil_kunci(self, batas: float) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._berkas_kunci, os.O_RDWR | os.O_CREAT, 0o644)
        umumkan = False
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not umumkan:
                        self._berkas_antre.write_text(f"{os.getpid()}\n")
                        self._antre_saya = umumkan = True
                    if time.monotonic() > batas:
                        raise BasisDataTerkunci(
                            f"Basis data {self.path} sedang dipakai proses lain (aplikasi atau "
                            f"perintah lain) lebih dari {self.tunggu:.0f} detik. Coba lagi "
                            "sebentar lagi.") from None
                    time.sleep(_POLL)
        except BaseException:
            os.close(fd)
            raise
        finally:
            if umumkan:
                self._antre_saya = False
                try:
                    self._berkas_antre.unlink()
                except OSError:
                    pass
        self._kunci_fd = fd

    def _lepas_kunci(self) -> None:
        if self._kunci_fd is not None:
            fcntl.flock(self._kunci_fd, fcntl.LOCK_UN)
            os.close(self._kunci_fd)
            self._kunci_fd = None

    # Opening and closing ----------------------------------------------------------------------
    def _buka(self, batas: float) -> None:
        self._ambil_kunci(batas)
        try:
            while True:
                try:
                    self._con = db.connect(self.path)
                    return
                except BasisDataTerkunci:
                    # held by a program that does not take our lock (e.g. the duckdb shell)
                    if time.monotonic() > batas:
                        raise
                    time.sleep(_POLL * 4)
        except BaseException:
            self._lepas_kunci()
            raise

    def _tutup(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._con is not None:
            try:
                self._con.close()
            finally:
                self._con = None
                self._lepas_kunci()

    def _tutup_bila_sepi(self) -> None:
        with self._kondisi:
            if self._pakai == 0:
                self._tutup()

    def _masuk(self, tunggu: float | None) -> duckdb.DuckDBPyConnection:
        batas = time.monotonic() + (self.tunggu if tunggu is None else tunggu)
        with self._kondisi:
            while self._eksklusif not in (None, threading.get_ident()):
                if not self._kondisi.wait(timeout=max(batas - time.monotonic(), 0)):
                    raise BasisDataTerkunci(
                        f"Basis data {self.path} sedang dipulihkan; coba lagi sebentar lagi.")
            # Let a waiting process have its turn before taking new work in.
            while self._con is not None and self._pakai > 0 and self._ada_antrean():
                if not self._kondisi.wait(timeout=max(batas - time.monotonic(), 0)):
                    raise BasisDataTerkunci(
                        f"Basis data {self.path} sedang dipakai; coba lagi sebentar lagi.")
            if self._con is not None and self._pakai == 0 and self._ada_antrean():
                self._tutup()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._con is None:
                self._buka(batas)
            self._pakai += 1
            return self._con

    def _keluar(self) -> None:
        with self._kondisi:
            self._pakai -= 1
            if self._pakai > 0:
                self._kondisi.notify_all()  # ganti_berkas waits until only its caller is left
                return
            if self.lepas <= 0 or self._ada_antrean():
                self._tutup()
            else:
                self._timer = threading.Timer(self.lepas, self._tutup_bila_sepi)
                self._timer.daemon = True
                self._timer.start()
            self._kondisi.notify_all()

    # Public -----------------------------------------------------------------------------------
    @contextmanager
    def sesi(self, tunggu: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open database for one unit of work (a page run, a command)."""
        con = self._masuk(tunggu)
        try:
            yield con
        finally:
            self._keluar()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection of the running session (only valid inside `sesi`)."""
        if self._con is None or self._pakai == 0:
            raise RuntimeError("basis data dipakai di luar Basis.sesi()")
        return self._con

    def ganti_berkas(self, ubah: Callable[[Path], None], *, tunggu: float | None = None) -> None:
        """Close the file, let `ubah(path)` replace or delete it, open it again.

        Called inside the caller's own session: waits until no other session of this process
        uses the database, keeps the lock across the change so no other process slips in.
        """
        batas = time.monotonic() + (self.tunggu if tunggu is None else tunggu)
        with self._kondisi:
            self._eksklusif = threading.get_ident()
            try:
                while self._pakai > 1:
                    if not self._kondisi.wait(timeout=max(batas - time.monotonic(), 0)):
                        raise BasisDataTerkunci(
                            "Basis data sedang dipakai pengguna lain; coba lagi sebentar lagi.")
                if self._con is not None:
                    self._con.close()
                    self._con = None
                try:
                    ubah(self.path)
                finally:
                    self._con = db.connect(self.path)
            finally:
                self._eksklusif = None
                self._kondisi.notify_all()

    def tutup(self) -> None:
        """Release the file now (at the end of a command, in tests)."""
        with self._kondisi:
            if self._pakai == 0:
                self._tutup()


_HIDUP: weakref.WeakSet[Basis] = weakref.WeakSet()


@atexit.register
def _tutup_semua() -> None:
    """At exit, close what a grace timer would have closed later: a DuckDB instance still
    open while the interpreter tears down its threads can abort the process."""
    for b in list(_HIDUP):
        with b._kondisi:
            b._tutup()


_SEMUA: dict[Path, Basis] = {}
_SEMUA_KUNCI = threading.Lock()


def basis(path: str | Path | None = None) -> Basis:
    """The process-wide `Basis` of a database file (the app's by default)."""
    p = Path(path if path is not None else db.default_path()).resolve()
    with _SEMUA_KUNCI:
        if p not in _SEMUA:
            _SEMUA[p] = Basis(p)
        return _SEMUA[p]
