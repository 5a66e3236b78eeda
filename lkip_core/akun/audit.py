"""The audit log: who did what, as which role, when, to which object, and whether it went through.

Append-only: rows are only ever inserted (issue 10 item 5). `catat` writes through the cursor it
is given, so a change and its audit row commit together; a refusal is written on its own cursor
(`wajib_izin`), so it stays logged when the caller rolls its transaction back.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from .. import db
from . import peran
from .galat import TidakDiizinkan
from .model import Akun

KOLOM = ["id", "waktu", "oleh", "peran", "aksi", "objek", "tahun", "rincian", "berhasil"]
PANJANG_NAMA = 64  # a name typed at a failed sign-in is stored cut to this length


def _pelaku(oleh: Akun | str) -> tuple[str, str | None]:
    if isinstance(oleh, Akun):
        return oleh.nama_pengguna, oleh.peran
    return str(oleh)[:PANJANG_NAMA], None


def catat(cur: duckdb.DuckDBPyConnection, oleh: Akun | str, aksi: str, objek: str | None = None,
          *, tahun: int | None = None, rincian: dict | None = None,
          berhasil: bool = True) -> None:
    """Append one row. `rincian`: anything JSON can hold (old → new value, counts, reasons)."""
    nama, peran_ = _pelaku(oleh)
    cur.execute(
        "INSERT INTO audit (waktu, oleh, peran, aksi, objek, tahun, rincian, berhasil) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [datetime.now(), nama, peran_, aksi, objek, tahun,
         None if rincian is None else json.dumps(rincian, ensure_ascii=False, default=str),
         berhasil])


def wajib_izin(cur: duckdb.DuckDBPyConnection, akun: Akun, aksi: str, *,
               kode_unit: str | None = None, objek: str | None = None,
               tahun: int | None = None) -> None:
    """Check that `akun` may do `aksi`; on refusal log it (committed at once) and raise
    TidakDiizinkan with the specific message."""
    alasan = peran.alasan_tolak(akun, aksi, kode_unit)
    if alasan is None:
        return
    catat_tolak(cur, akun, aksi, objek, kode_unit=kode_unit, tahun=tahun, pesan=alasan)
    raise TidakDiizinkan(alasan)


def catat_tolak(cur: duckdb.DuckDBPyConnection, akun: Akun, aksi: str, objek: str | None, *,
                kode_unit: str | None, tahun: int | None, pesan: str) -> None:
    """Log a refusal of `aksi` in a transaction of its own, committed at once: the caller's
    transaction may be rolled back, the refusal must stay."""
    with db.transaksi(cur) as tx:
        catat(tx, akun, aksi, objek if objek is not None else kode_unit, tahun=tahun,
              rincian={"pesan": pesan, "kode_unit": kode_unit}, berhasil=False)


def daftar(cur: duckdb.DuckDBPyConnection, tahun: int | None = None, aksi: str | None = None,
           oleh: str | None = None, *, sejak: date | None = None, sampai: date | None = None,
           batas: int | None = None) -> pd.DataFrame:
    """Rows of the log, newest first, with KOLOM's columns (`rincian` as parsed JSON).

    Filters combine: `tahun` (rows of that year), `aksi`, `oleh` (account name), `sejak` /
    `sampai` (dates, both inclusive), `batas` (at most that many rows)."""
    where, params = [], []
    for kolom, nilai in (("tahun", tahun), ("aksi", aksi), ("oleh", oleh)):
        if nilai is not None:
            where.append(f"{kolom} = ?")  # column names from this fixed tuple only
            params.append(nilai)
    if sejak is not None:
        where.append("waktu >= ?")
        params.append(datetime.combine(sejak, datetime.min.time()))
    if sampai is not None:
        where.append("waktu < ?")
        params.append(datetime.combine(sampai + timedelta(days=1), datetime.min.time()))
    sql = f"SELECT {', '.join(KOLOM)} FROM audit"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC"
    if batas is not None:
        sql += " LIMIT ?"
        params.append(int(batas))
    df = cur.execute(sql, params).df()
    if df.empty:
        return pd.DataFrame({k: pd.Series(dtype=object) for k in KOLOM})
    for k in ("oleh", "peran", "aksi", "objek"):  # text with None for NULL, never NaN
        df[k] = df[k].astype(object).where(df[k].notna(), None)
    df["rincian"] = [None if r is None or r != r else json.loads(r) for r in df["rincian"]]
    df["tahun"] = df["tahun"].astype("Int64")
    return df


def ke_tabel(df: pd.DataFrame) -> pd.DataFrame:
    """The log as a table for people (page and xlsx): rincian as text, labelled columns."""
    out = df.drop(columns=["id"]).copy()
    out["rincian"] = [None if r is None else json.dumps(r, ensure_ascii=False)
                      for r in out["rincian"]]
    out["berhasil"] = out["berhasil"].map({True: "ya", False: "tidak"})
    return out.rename(columns={"waktu": "Waktu", "oleh": "Oleh", "peran": "Peran",
                               "aksi": "Aksi", "objek": "Objek", "tahun": "Tahun",
                               "rincian": "Rincian", "berhasil": "Berhasil"})
