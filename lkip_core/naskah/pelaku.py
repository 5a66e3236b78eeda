"""Who acts on the book: the signed-in account, or a name given at the server's shell.

A writer (prose) given a name acts admin-equivalent, like every command of the shell
(`akun.akun_cli`). A signer is different: a signature must be the signer's own, so a name that
belongs to an account signs as that account, with its own role and jabatan; a name that belongs
to no account is the admin-equivalent shell, which may verify, reject and reopen, not approve.
"""

from __future__ import annotations

import duckdb

from .. import akun
from ..akun.model import Akun
from ..errors import InputRefused

PESAN_TANPA_NAMA = "Isi nama Anda dulu: setiap perubahan naskah dicatat beserta pembuatnya."


def _nama(oleh: str | None) -> str:
    nama = (oleh or "").strip()
    if not nama:
        raise InputRefused(PESAN_TANPA_NAMA)
    return nama


def pelaku(con: duckdb.DuckDBPyConnection, oleh: Akun | str) -> Akun:
    """The acting account of a writer (see the module docstring)."""
    if isinstance(oleh, Akun):
        return oleh
    return akun.akun_cli(con, _nama(oleh))


def penanda(con: duckdb.DuckDBPyConnection, oleh: Akun | str) -> Akun:
    """The acting account of a signer (see the module docstring)."""
    if isinstance(oleh, Akun):
        return oleh
    ada = akun.ambil(con, _nama(oleh))
    return ada if ada is not None else akun.akun_cli(con, _nama(oleh))


def wajib(con: duckdb.DuckDBPyConnection, a: Akun, aksi: str, *, objek: str | None = None,
          tahun: int | None = None) -> Akun:
    """`a`, once it may do `aksi`; a refusal is logged and raised (TidakDiizinkan)."""
    akun.audit.wajib_izin(con, a, aksi, objek=objek, tahun=tahun)
    return a
