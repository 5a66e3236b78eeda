"""An account as the rest of the core sees it: who acts, in which role, for which unit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Akun:
    nama_pengguna: str
    nama_lengkap: str | None
    nip: str | None
    jabatan: str | None
    peran: str  # admin | operator | bendahara | pimpinan (peran.PERAN)
    kode_unit: str | None  # required for an operator: the one unit it works for
    aktif: bool = True

    @property
    def nama_tampil(self) -> str:
        """The full name when known, else the user name (for "oleh" columns and greetings)."""
        return self.nama_lengkap or self.nama_pengguna
