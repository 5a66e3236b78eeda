"""Submissions: every accepted file, its bytes and its status (SOP steps 1, 5 and 12).

A submission is never deleted. A new revision for the same slot (a unit's year, a year's LPJ,
the master's years) marks the older one `diganti`; a rollback makes an older one `aktif` again.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import duckdb
import pandas as pd

from .errors import InputRefused, NotFound

STATUS_AKTIF = "aktif"
STATUS_DIGANTI = "diganti"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def aktif_dengan_sha(cur: duckdb.DuckDBPyConnection, digest: str) -> dict | None:
    """The active submission with exactly these bytes, if any (an upload of it is a no-op)."""
    row = cur.execute(
        "SELECT id, jenis, kode_unit, tahun, nama_berkas FROM submission "
        "WHERE sha256 = ? AND status = 'aktif' ORDER BY id DESC LIMIT 1",
        [digest],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("id", "jenis", "kode_unit", "tahun", "nama_berkas"), row))


def catat(cur: duckdb.DuckDBPyConnection, *, jenis: str, kode_unit: str | None,
          tahun: int | None, nama_berkas: str, isi: bytes, oleh: str, baris: int,
          baris_dilewati: int, peringatan: int) -> int:
    """Record a new active submission with its bytes; returns its id."""
    sid = cur.execute(
        "INSERT INTO submission (jenis, kode_unit, tahun, nama_berkas, sha256, ukuran, oleh, "
        "waktu, baris, baris_dilewati, status, urutan, peringatan) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'aktif', nextval('aktivasi_seq'), ?) RETURNING id",
        [jenis, kode_unit, tahun, nama_berkas, sha256(isi), len(isi), oleh,
         datetime.now().replace(microsecond=0), baris, baris_dilewati, peringatan],
    ).fetchone()[0]
    cur.execute("INSERT INTO submission_berkas VALUES (?, ?)", [sid, isi])
    return sid


def gantikan_lainnya(cur: duckdb.DuckDBPyConnection, sid: int) -> list[int]:
    """Mark every other active submission of the same slot as `diganti`; returns their ids.

    Slots: a realisasi per (unit, year), an LPJ per year; a master replaces every active master
    whose years it covers entirely (a master that keeps some year of its own stays active for it).
    """
    jenis, kode_unit, tahun = cur.execute(
        "SELECT jenis, kode_unit, tahun FROM submission WHERE id = ?", [sid]
    ).fetchone()
    if jenis == "master":
        ids = [r[0] for r in cur.execute(
            """
            SELECT s.id FROM submission s
            WHERE s.jenis = 'master' AND s.status = 'aktif' AND s.id <> $sid
              AND NOT EXISTS (
                  SELECT 1 FROM master_tahun o WHERE o.submission_id = s.id
                  AND o.tahun NOT IN (SELECT tahun FROM master_tahun WHERE submission_id = $sid))
            """,
            {"sid": sid},
        ).fetchall()]
    else:
        ids = [r[0] for r in cur.execute(
            "SELECT id FROM submission WHERE jenis = ? AND status = 'aktif' AND id <> ? "
            "AND tahun = ? AND kode_unit IS NOT DISTINCT FROM ?",
            [jenis, sid, tahun, kode_unit],
        ).fetchall()]
    if ids:
        cur.execute(
            "UPDATE submission SET status = 'diganti' WHERE list_contains(?, id)", [ids]
        )
    return ids


def daftar(cur: duckdb.DuckDBPyConnection, *, jenis: str | None = None,
           tahun: int | None = None, kode_unit: str | None = None) -> pd.DataFrame:
    """Submissions, newest first, without their bytes."""
    return cur.execute(
        """
        SELECT s.id, s.jenis, s.kode_unit, u.nama_unit, s.tahun, s.nama_berkas, s.sha256,
               s.ukuran, s.oleh, s.waktu, s.baris, s.baris_dilewati, s.peringatan, s.status,
               (SELECT list(tahun ORDER BY tahun) FROM master_tahun m WHERE m.submission_id = s.id)
                   AS tahun_master
        FROM submission s LEFT JOIN v_unit u USING (kode_unit)
        WHERE ($jenis IS NULL OR s.jenis = $jenis)
          AND ($tahun IS NULL OR s.tahun = $tahun
               OR EXISTS (SELECT 1 FROM master_tahun m WHERE m.submission_id = s.id
                          AND m.tahun = $tahun))
          AND ($unit IS NULL OR s.kode_unit = $unit)
        ORDER BY s.id DESC
        """,
        {"jenis": jenis, "tahun": tahun, "unit": kode_unit},
    ).df()


def isi_berkas(cur: duckdb.DuckDBPyConnection, sid: int) -> tuple[str, bytes]:
    """The file name and the exact bytes of a submission (to download or rebuild from)."""
    row = cur.execute(
        "SELECT s.nama_berkas, b.isi FROM submission s JOIN submission_berkas b "
        "ON b.submission_id = s.id WHERE s.id = ?", [sid]
    ).fetchone()
    if row is None:
        raise NotFound(f"Kiriman #{sid} tidak ada.")
    return row[0], bytes(row[1])


def rollback(con: duckdb.DuckDBPyConnection, sid: int) -> dict:
    """Make submission `sid` active again; the one it replaces becomes `diganti`."""
    cur = con.cursor()
    row = cur.execute("SELECT status, jenis FROM submission WHERE id = ?", [sid]).fetchone()
    if row is None:
        raise NotFound(f"Kiriman #{sid} tidak ada. Lihat daftar kiriman untuk nomor yang benar.")
    if row[0] == STATUS_AKTIF:
        raise InputRefused(f"Kiriman #{sid} sudah aktif; tidak ada yang diubah.")
    cur.execute("BEGIN TRANSACTION")
    try:
        cur.execute(
            "UPDATE submission SET status = 'aktif', urutan = nextval('aktivasi_seq') WHERE id = ?",
            [sid],
        )
        diganti = gantikan_lainnya(cur, sid)
        cur.execute("COMMIT")
    except Exception:
        cur.execute("ROLLBACK")
        raise
    return {"id": sid, "jenis": row[1], "diganti": diganti}
