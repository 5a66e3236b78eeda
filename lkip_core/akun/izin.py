"""The one check every writing function of the core starts with (issue 10 items 2 and 5).

    pelaku = akun.wajib(con, oleh, "unggah_realisasi", kode_unit="BID1", objek="r.xlsx")

resolves `oleh` (the signed-in Akun, or a name: the person at the server's shell), checks the
permission table, and on refusal logs it and raises TidakDiizinkan. The caller then makes its
change and writes its audit row (`audit.catat`) in the same `db.transaksi`.
"""

from __future__ import annotations

import duckdb

from . import audit
from .model import Akun
from .pengguna import PESAN_TANPA_NAMA, pelaku


def wajib(con: duckdb.DuckDBPyConnection, oleh: Akun | str | None, aksi: str, *,
          kode_unit: str | None = None, objek: str | None = None, tahun: int | None = None,
          kosong: str = PESAN_TANPA_NAMA) -> Akun:
    """The acting account, once it may do `aksi` (for `kode_unit`); see the module docstring.

    Raises InputRefused(`kosong`) for an empty name, TidakDiizinkan (logged) for a refusal."""
    akun = pelaku(con, oleh, kosong=kosong)
    audit.wajib_izin(con, akun, aksi, kode_unit=kode_unit, objek=objek, tahun=tahun)
    return akun
