"""Signing in with a user name and password, with a lockout that reveals nothing.

Failures are counted per name typed, in `masuk_gagal`, whether or not an account of that name
exists: five in a row (each within LAMA_KUNCI of the previous) lock the name for LAMA_KUNCI,
with the same message for an existing and an unknown name. An unknown name also costs a full
argon2 verification, so the time taken does not tell either. Every attempt is audited.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import duckdb

from .. import db
from . import audit, sandi
from .galat import MasukGagal, Terkunci
from .model import Akun
from .pengguna import normalkan_nama

BATAS_GAGAL = 5
LAMA_KUNCI = timedelta(minutes=15)
PESAN_SALAH = "Nama pengguna atau kata sandi salah."
PESAN_NONAKTIF = "Akun ini tidak aktif; hubungi admin (Subbag Perencanaan)."
_SIMPAN_LAMA = timedelta(days=1)  # rows of old failures are dropped after this


def pesan_terkunci(menit: int) -> str:
    return f"Terlalu banyak percobaan gagal; coba lagi dalam {menit} menit."


def _menit_tersisa(sampai: datetime, sekarang: datetime) -> int:
    return max(1, math.ceil((sampai - sekarang).total_seconds() / 60))


def masuk(con: duckdb.DuckDBPyConnection, nama: str, sandi_: str, *,
          sekarang: datetime | None = None) -> Akun:
    """The account for this name and password; raises MasukGagal (wrong name or password,
    inactive account) or Terkunci (too many failures; `menit` to wait)."""
    sekarang = sekarang or datetime.now()
    kunci = normalkan_nama(nama)[:audit.PANJANG_NAMA]
    cur = con.cursor()
    gagal = cur.execute("SELECT gagal, terakhir, kunci_sampai FROM masuk_gagal WHERE nama = ?",
                        [kunci]).fetchone()
    row = cur.execute(
        "SELECT nama_pengguna, nama_lengkap, nip, jabatan, peran, kode_unit, aktif, sandi_hash "
        "FROM akun WHERE nama_pengguna = ?", [kunci]).fetchone()
    akun = None if row is None else Akun(*row[:6], aktif=bool(row[6]))
    pelaku = akun or kunci or "(kosong)"
    if gagal and gagal[2] and gagal[2] > sekarang:
        menit = _menit_tersisa(gagal[2], sekarang)
        with db.transaksi(con) as tx:
            audit.catat(tx, pelaku, "masuk", kunci, rincian={"alasan": "terkunci"},
                        berhasil=False)
        raise Terkunci(pesan_terkunci(menit), menit)

    if sandi.cocok(row[7] if row else None, sandi_ or ""):
        if not akun.aktif:
            with db.transaksi(con) as tx:
                audit.catat(tx, akun, "masuk", kunci, rincian={"alasan": "nonaktif"},
                            berhasil=False)
            raise MasukGagal(PESAN_NONAKTIF)
        hash_baru = (sandi.buat_hash(sandi_, aturan=False) if sandi.perlu_hash_ulang(row[7])
                     else None)
        with db.transaksi(con) as tx:
            tx.execute("DELETE FROM masuk_gagal WHERE nama = ?", [kunci])
            if hash_baru is not None:
                tx.execute("UPDATE akun SET sandi_hash = ? WHERE nama_pengguna = ?",
                           [hash_baru, kunci])
            audit.catat(tx, akun, "masuk", kunci)
        return akun

    # A lock that has run out, or failures spread wider apart than LAMA_KUNCI, start afresh.
    baru = gagal is None or gagal[2] is not None or sekarang - gagal[1] > LAMA_KUNCI
    jumlah = 1 if baru else gagal[0] + 1
    sampai = sekarang + LAMA_KUNCI if jumlah >= BATAS_GAGAL else None
    with db.transaksi(con) as tx:
        tx.execute("INSERT OR REPLACE INTO masuk_gagal VALUES (?, ?, ?, ?)",
                   [kunci, jumlah, sekarang, sampai])
        tx.execute("DELETE FROM masuk_gagal WHERE terakhir < ? AND "
                   "(kunci_sampai IS NULL OR kunci_sampai < ?)",
                   [sekarang - _SIMPAN_LAMA, sekarang])
        audit.catat(tx, pelaku, "masuk", kunci, berhasil=False, rincian={
            "alasan": "sandi_salah" if akun else "nama_tidak_dikenal", "percobaan": jumlah,
            "dikunci": sampai is not None})
    if sampai is not None:
        menit = _menit_tersisa(sampai, sekarang)
        raise Terkunci(pesan_terkunci(menit), menit)
    raise MasukGagal(PESAN_SALAH)
