"""Accounts, roles, sign-in, session tokens and the audit log (issue 10). Plain Python.

    from lkip_core import akun
    a = akun.masuk(con, "budi", "kata sandi")        # MasukGagal / Terkunci
    token = akun.buat_token(con, a)                  # for the cookie
    akun.periksa_izin(a, "unggah_realisasi", kode_unit="BID1")   # TidakDiizinkan
    akun.audit.catat(cur, a, "impor", "r.xlsx", tahun=2025)

Every writing function of the core takes `oleh: Akun | str` and starts with
`akun.wajib(con, oleh, aksi, …)`: a string names the person at the server's shell (`akun_cli`,
admin-equivalent), an empty one is refused.
"""

from . import audit, peran, sandi
from .galat import MasukGagal, Terkunci, TidakDiizinkan
from .izin import wajib
from .masuk import BATAS_GAGAL, LAMA_KUNCI, masuk
from .model import Akun
from .pengguna import (
    aktifkan,
    akun_cli,
    ambil,
    daftar,
    ganti_sandi_sendiri,
    nama_shell,
    nonaktifkan,
    pelaku,
    setel_sandi,
    tambah,
)
from .peran import HALAMAN, IZIN, PERAN, boleh, boleh_buka, cakupan, halaman_untuk, periksa_izin
from .sesi import baca_token, buat_token, keluar

__all__ = [
    "Akun", "BATAS_GAGAL", "HALAMAN", "IZIN", "LAMA_KUNCI", "MasukGagal", "PERAN", "Terkunci",
    "TidakDiizinkan", "aktifkan", "akun_cli", "ambil", "audit", "baca_token", "boleh",
    "boleh_buka", "buat_token", "cakupan", "daftar", "ganti_sandi_sendiri", "halaman_untuk",
    "keluar", "masuk", "nama_shell", "nonaktifkan", "pelaku", "peran", "periksa_izin", "sandi",
    "setel_sandi", "tambah", "wajib",
]
