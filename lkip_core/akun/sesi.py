"""Session tokens: signed (HMAC-SHA256), expiring, and worthless after sign-out.

A token is `<payload>.<signature>`, both base64url; the payload holds the user name, the
account's `versi_sesi` and the expiry (Unix seconds). The secret is made once per database
and kept in `meta` ('rahasia_sesi'), never in the repository. Signing out, a password change
or deactivation raises `versi_sesi`, so every earlier token of that account stops working.
Idle expiry: the app issues a fresh token (`buat_token`) on each run where `baca_token`
accepted the old one, so a session ends `sesi_menit` minutes after the last use.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from datetime import datetime

import duckdb

from .. import db, pengaturan
from ..errors import InputRefused
from . import audit
from .model import Akun

KUNCI_RAHASIA = "rahasia_sesi"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _rahasia(con: duckdb.DuckDBPyConnection) -> bytes:
    """The database's session secret, made on first use (32 random bytes)."""
    cur = con.cursor()  # pages share one connection between threads: a cursor per call
    row = cur.execute("SELECT nilai FROM meta WHERE kunci = ?", [KUNCI_RAHASIA]).fetchone()
    if row is None:
        with db.transaksi(con) as tx:
            tx.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (kunci) DO NOTHING",
                       [KUNCI_RAHASIA, secrets.token_hex(32)])
        row = cur.execute("SELECT nilai FROM meta WHERE kunci = ?", [KUNCI_RAHASIA]).fetchone()
    return bytes.fromhex(row[0])


def _tanda(con: duckdb.DuckDBPyConnection, payload: str) -> str:
    return _b64(hmac.new(_rahasia(con), payload.encode("ascii"), hashlib.sha256).digest())


def _detik(sekarang: datetime | None) -> int:
    return int(sekarang.timestamp() if sekarang else time.time())


def buat_token(con: duckdb.DuckDBPyConnection, akun: Akun, berlaku_menit: float | None = None,
               *, sekarang: datetime | None = None) -> str:
    """A token for `akun`, valid `berlaku_menit` minutes (default: the setting sesi_menit)."""
    if berlaku_menit is None:
        berlaku_menit = pengaturan.baca(con.cursor(), "sesi_menit")
    row = con.cursor().execute(
        "SELECT versi_sesi FROM akun WHERE nama_pengguna = ? AND aktif",
        [akun.nama_pengguna]).fetchone()
    if row is None:
        raise InputRefused(f"Akun {akun.nama_pengguna} tidak ada atau tidak aktif.")
    isi = {"n": akun.nama_pengguna, "v": row[0],
           "e": _detik(sekarang) + int(round(float(berlaku_menit) * 60))}
    payload = _b64(json.dumps(isi, separators=(",", ":")).encode("utf-8"))
    return f"{payload}.{_tanda(con, payload)}"


def _isi(con: duckdb.DuckDBPyConnection, token: str | None,
         sekarang: datetime | None) -> dict | None:
    """The payload of a well-signed, unexpired token, else None."""
    if not token or not isinstance(token, str) or token.count(".") != 1 or len(token) > 1024:
        return None
    payload, tanda = token.split(".")
    try:
        if not hmac.compare_digest(_tanda(con, payload), tanda):
            return None
        isi = json.loads(_unb64(payload))
    except (ValueError, UnicodeError, binascii.Error):
        return None
    if not isinstance(isi, dict) or not isinstance(isi.get("e"), int):
        return None
    return isi if isi["e"] > _detik(sekarang) else None


def baca_token(con: duckdb.DuckDBPyConnection, token: str | None, *,
               sekarang: datetime | None = None) -> Akun | None:
    """The account of a valid token, or None (missing, tampered, expired, signed out, account
    disabled or its password changed since)."""
    isi = _isi(con, token, sekarang)
    if isi is None:
        return None
    row = con.cursor().execute(
        "SELECT nama_pengguna, nama_lengkap, nip, jabatan, peran, kode_unit, aktif, versi_sesi "
        "FROM akun WHERE nama_pengguna = ?", [str(isi.get("n"))]).fetchone()
    if row is None or not row[6] or row[7] != isi.get("v"):
        return None
    return Akun(*row[:6], aktif=True)


def keluar(con: duckdb.DuckDBPyConnection, token: str | None) -> bool:
    """Sign out: every session of the token's account ends. False when the token was already
    worthless (nothing to do)."""
    akun = baca_token(con, token)
    if akun is None:
        return False
    with db.transaksi(con) as cur:
        cur.execute("UPDATE akun SET versi_sesi = versi_sesi + 1 WHERE nama_pengguna = ?",
                    [akun.nama_pengguna])
        audit.catat(cur, akun, "keluar", akun.nama_pengguna)
    return True
