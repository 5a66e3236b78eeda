"""Waiting in tests for an explicit signal, never for a fixed time.

`sampai` polls a condition (a file appeared, a thread reached a point, another process
announced itself) until it holds, and fails with what it waited for when the deadline passes.
Processes that must hold something while a test acts are told when to stop through their
standard input (`pemegang`), not given a time to sleep.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_JEDA = threading.Event()  # never set: .wait(t) is an interruptible pause between two polls


def sampai(kondisi: Callable[[], object], pesan: str, batas: float = 90.0) -> None:
    """Return as soon as `kondisi()` is true; fail with `pesan` after `batas` seconds."""
    akhir = time.monotonic() + batas
    while not kondisi():
        if time.monotonic() > akhir:
            pytest.fail(f"Menunggu {batas:.0f} detik tanpa hasil: {pesan}")
        _JEDA.wait(0.01)


_KODE_PEMEGANG = (
    "import sys; from lkip_core.db.basis import Basis; b = Basis(sys.argv[1], lepas=0)\n"
    "with b.sesi():\n    print('pegang', flush=True); sys.stdin.read()\n")


class pemegang:
    """Another process that holds the database file until the `with` block ends."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> subprocess.Popen:
        self.proses = subprocess.Popen([sys.executable, "-c", _KODE_PEMEGANG, str(self.path)],
                                       cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       text=True)
        assert self.proses.stdout.readline().strip() == "pegang"
        return self.proses

    def __exit__(self, *exc) -> None:
        self.proses.stdin.close()  # end of input: the holder leaves its session and exits
        self.proses.wait(timeout=60)
