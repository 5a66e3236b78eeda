"""Running the demo's import: progress shared out over the steps, and the real import path.

Both scales (`buat_demo` in __init__.py, `kota.buat_kota`) import through here.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

Progress = Callable[[float, str], None]


class Langkah:
    """Maps the progress of each step into its share of the whole run, never going back."""

    def __init__(self, progress: Progress | None):
        self._p = progress
        self.awal, self.akhir, self._kini = 0.0, 0.0, 0.0

    def mulai(self, sampai: float, teks: str) -> None:
        self.awal, self.akhir = self.akhir, sampai
        self(0.0, teks)

    def __call__(self, f: float, teks: str) -> None:
        if self._p is not None:
            f = min(max(f, 0.0), 1.0)
            nilai = self.akhir if f == 1.0 else self.awal + (self.akhir - self.awal) * f
            self._kini = max(self._kini, nilai)
            self._p(self._kini, teks)

    def sub(self) -> Progress:
        return lambda f, teks: self(f, teks)


def impor_semua(con: duckdb.DuckDBPyConnection, berkas: list[tuple[str, bytes]], *, oleh: str,
                progress: Progress | None = None, **opsi) -> list[dict]:
    """Import through the real path; demo data that does not import is a bug: RuntimeError."""
    from lkip_core.masukan.impor import (
        impor,  # imported late: the import path is the heavier module
    )

    hasil = impor(con, berkas, oleh=oleh, progress=progress, **opsi)
    if not hasil.ok:
        daftar = "\n".join(f"- {p.where()}: {p.message}" for p in hasil.errors[:30])
        lagi = len(hasil.errors) - 30
        raise RuntimeError(
            f"Data demo gagal diimpor ({len(hasil.errors)} galat):\n{daftar}"
            + (f"\n… dan {lagi} galat lain" if lagi > 0 else "")
        )
    return list(hasil.submissions)
