"""Accounts: create, list, read, deactivate, reset and change passwords (issue 10 items 1, 7).

Every change is made by an acting account (`oleh`) that must hold the permission
`kelola_akun`, and is written to the audit log in the same transaction. A string `oleh` names a
person at the server's shell (the command line, the demo builder): `akun_cli` turns it into an
admin-equivalent identity, because whoever can run commands there already holds the database.
"""

from __future__ import annotations

import getpass
import re
from datetime import datetime

import duckdb
import pandas as pd

from ..db import transaksi
from ..errors import InputRefused, NotFound
from . import audit
from . import sandi as _sandi
from .model import Akun
from .peran import PERAN

POLA_NAMA = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
KOLOM = ["nama_pengguna", "nama_lengkap", "nip", "jabatan", "peran", "kode_unit", "aktif",
         "dibuat_oleh", "dibuat_waktu", "diubah_oleh", "diubah_waktu"]
_SQL_AKUN = ("SELECT nama_pengguna, nama_lengkap, nip, jabatan, peran, kode_unit, aktif "
             "FROM akun WHERE nama_pengguna = ?")


def normalkan_nama(nama: str) -> str:
    """User names are compared in lower case without surrounding spaces."""
    return (nama or "").strip().lower()


def akun_cli(con: duckdb.DuckDBPyConnection | None = None, oleh: str | None = None) -> Akun:
    """The person at the server's shell: named by `--oleh`, else the operating-system user.

    Admin-equivalent: the shell already holds the database file. When an account of that name
    exists its full name, NIP and jabatan are used, so the audit log reads the same."""
    oleh = nama_shell(oleh)
    ada = ambil(con, oleh) if con is not None else None
    return Akun(nama_pengguna=ada.nama_pengguna if ada else oleh,
                nama_lengkap=ada.nama_lengkap if ada else None,
                nip=ada.nip if ada else None, jabatan=ada.jabatan if ada else None,
                peran="admin", kode_unit=None, aktif=True)


def nama_shell(oleh: str | None = None) -> str:
    """The name the command line acts under: `--oleh` when given, else the operating-system
    user ("shell" when the environment has none, as in some containers)."""
    if oleh and oleh.strip():
        return oleh.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "shell"


PESAN_TANPA_NAMA = ("Nama yang melakukan perubahan wajib diisi: setiap perubahan dicatat "
                    "beserta pelakunya.")


def pelaku(con: duckdb.DuckDBPyConnection, oleh: Akun | str | None, *,
           kosong: str = PESAN_TANPA_NAMA) -> Akun:
    """The acting account of a writing function's `oleh`: an Akun (the signed-in person) as it
    is; a name is the person at the server's shell (`akun_cli`, admin-equivalent); an empty name
    is refused (InputRefused with the message `kosong`)."""
    if isinstance(oleh, Akun):
        return oleh
    if not isinstance(oleh, str) or not oleh.strip():
        raise InputRefused(kosong)
    return akun_cli(con, oleh.strip())


def _pelaku(con: duckdb.DuckDBPyConnection, oleh: Akun | str) -> Akun:
    return pelaku(con, oleh)  # for functions whose local name `pelaku` hides this module's


def _baris_akun(row) -> Akun | None:
    return None if row is None else Akun(*row[:6], aktif=bool(row[6]))


def ambil(con: duckdb.DuckDBPyConnection, nama: str) -> Akun | None:
    """The account named `nama` (case-insensitive), or None."""
    # a cursor of its own: pages share one connection between threads
    return _baris_akun(con.cursor().execute(_SQL_AKUN, [normalkan_nama(nama)]).fetchone())


def _wajib_ada(cur: duckdb.DuckDBPyConnection, nama: str) -> Akun:
    akun = ambil(cur, nama)
    if akun is None:
        raise NotFound(f"Akun '{nama}' tidak ada.")
    return akun


def daftar(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account (never the hash), by role then name, with KOLOM's columns."""
    df = con.cursor().execute(
        f"SELECT {', '.join(KOLOM)} FROM akun ORDER BY "
        "list_position(['admin', 'operator', 'bendahara', 'pimpinan'], peran), nama_pengguna"
    ).df()
    for k in ("nama_lengkap", "nip", "jabatan", "kode_unit", "diubah_oleh"):
        df[k] = df[k].astype(object).where(df[k].notna(), None)  # None for NULL, never NaN
    return df[KOLOM]


def _periksa_unit(cur: duckdb.DuckDBPyConnection, peran: str, unit: str | None) -> str | None:
    unit = (unit or "").strip() or None
    if peran == "operator" and unit is None:
        raise InputRefused("Akun operator wajib punya unit (--unit KODE): operator hanya "
                           "mengunggah dan melihat data unitnya sendiri.")
    if unit is not None and not cur.execute(
            "SELECT count(*) FROM v_unit WHERE kode_unit = ?", [unit]).fetchone()[0]:
        raise InputRefused(f"Unit '{unit}' tidak ada di master yang aktif. Unggah master "
                           "yang memuat unit itu dulu, atau periksa kodenya.")
    return unit


def tambah(con: duckdb.DuckDBPyConnection, nama: str, peran: str, sandi: str, *,
           unit: str | None = None, nama_lengkap: str | None = None, nip: str | None = None,
           jabatan: str | None = None, oleh: Akun | str) -> Akun:
    """Create an account; refused (InputRefused) for a bad name, role, unit or password."""
    pelaku = _pelaku(con, oleh)
    nama = normalkan_nama(nama)
    audit.wajib_izin(con, pelaku, "kelola_akun", objek=nama)
    if not POLA_NAMA.fullmatch(nama):
        raise InputRefused(
            f"Nama pengguna '{nama}' tidak dapat dipakai: 3–32 karakter, huruf kecil, angka, "
            "titik, garis bawah atau tanda hubung, diawali huruf atau angka (mis. budi.santoso).")
    if peran not in PERAN:
        raise InputRefused(f"Peran '{peran}' tidak dikenal; pilih salah satu dari "
                           f"{', '.join(PERAN)}.")
    hash_ = _sandi.buat_hash(sandi)
    with transaksi(con) as cur:
        unit = _periksa_unit(cur, peran, unit)
        if ambil(cur, nama) is not None:
            raise InputRefused(f"Nama pengguna '{nama}' sudah dipakai.")
        cur.execute(
            "INSERT INTO akun (nama_pengguna, nama_lengkap, nip, jabatan, peran, kode_unit, "
            "sandi_hash, aktif, dibuat_oleh, dibuat_waktu) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)",
            [nama, nama_lengkap, nip, jabatan, peran, unit, hash_, pelaku.nama_pengguna,
             datetime.now()])
        audit.catat(cur, pelaku, "akun_tambah", nama,
                    rincian={"peran": peran, "kode_unit": unit})
    return _wajib_ada(con, nama)


def _ubah(con: duckdb.DuckDBPyConnection, nama: str, oleh: Akun | str, aksi: str, set_sql: str,
          params: list, rincian: dict | None = None, sebelum=None) -> Akun:
    """One change to one account: permission, existence, the UPDATE, its audit row."""
    pelaku = _pelaku(con, oleh)
    nama = normalkan_nama(nama)
    audit.wajib_izin(con, pelaku, "kelola_akun", objek=nama)
    with transaksi(con) as cur:
        akun = _wajib_ada(cur, nama)
        if sebelum:  # a check that may refuse, or a companion change, in the same transaction
            sebelum(cur, akun)
        cur.execute(f"UPDATE akun SET {set_sql}, diubah_oleh = ?, diubah_waktu = ? "
                    "WHERE nama_pengguna = ?",  # set_sql: fixed text from this module
                    [*params, pelaku.nama_pengguna, datetime.now(), nama])
        audit.catat(cur, pelaku, aksi, nama, rincian=rincian)
    return _wajib_ada(con, nama)


def _bukan_admin_terakhir(cur: duckdb.DuckDBPyConnection, akun: Akun) -> None:
    if akun.peran == "admin" and akun.aktif and cur.execute(
            "SELECT count(*) FROM akun WHERE peran = 'admin' AND aktif").fetchone()[0] <= 1:
        raise InputRefused(f"Akun {akun.nama_pengguna} adalah admin aktif terakhir; buat atau "
                           "aktifkan admin lain dulu.")


def nonaktifkan(con: duckdb.DuckDBPyConnection, nama: str, oleh: Akun | str) -> Akun:
    """Disable an account (its sessions end at once); the last active admin cannot be."""
    return _ubah(con, nama, oleh, "akun_nonaktifkan",
                 "aktif = FALSE, versi_sesi = versi_sesi + 1", [], sebelum=_bukan_admin_terakhir)


def aktifkan(con: duckdb.DuckDBPyConnection, nama: str, oleh: Akun | str) -> Akun:
    """Enable a disabled account again."""
    return _ubah(con, nama, oleh, "akun_aktifkan", "aktif = TRUE", [])


def _hapus_kunci(cur: duckdb.DuckDBPyConnection, nama: str) -> None:
    cur.execute("DELETE FROM masuk_gagal WHERE nama = ?", [normalkan_nama(nama)])


def setel_sandi(con: duckdb.DuckDBPyConnection, nama: str, sandi_baru: str,
                oleh: Akun | str) -> Akun:
    """An admin sets a new password (forgotten, or first handed over); ends the account's
    sessions and lifts a lockout of its name."""
    hash_ = _sandi.buat_hash(sandi_baru)
    return _ubah(con, nama, oleh, "akun_setel_sandi",
                 "sandi_hash = ?, versi_sesi = versi_sesi + 1", [hash_],
                 sebelum=lambda cur, akun: _hapus_kunci(cur, akun.nama_pengguna))


def ganti_sandi_sendiri(con: duckdb.DuckDBPyConnection, akun: Akun, lama: str,
                        baru: str) -> None:
    """The signed-in person changes their own password; their other sessions end (issue a
    new token afterwards for this one)."""
    row = con.cursor().execute(
        "SELECT sandi_hash FROM akun WHERE nama_pengguna = ? AND aktif",
        [akun.nama_pengguna]).fetchone()
    if row is None or not _sandi.cocok(row[0], lama):
        with transaksi(con) as tx:
            audit.catat(tx, akun, "ganti_sandi", akun.nama_pengguna,
                        rincian={"alasan": "sandi_lama_salah"}, berhasil=False)
        raise InputRefused("Kata sandi lama salah.")
    if baru == lama:
        raise InputRefused("Kata sandi baru harus berbeda dari yang lama.")
    hash_ = _sandi.buat_hash(baru)
    with transaksi(con) as cur:
        cur.execute("UPDATE akun SET sandi_hash = ?, versi_sesi = versi_sesi + 1, "
                    "diubah_oleh = ?, diubah_waktu = ? WHERE nama_pengguna = ?",
                    [hash_, akun.nama_pengguna, datetime.now(), akun.nama_pengguna])
        audit.catat(cur, akun, "ganti_sandi", akun.nama_pengguna)
