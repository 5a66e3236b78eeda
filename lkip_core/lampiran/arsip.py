"""SOP step 12, "arsip": every export kept with who made it, when, from what, and its bytes.

An archived export is never changed or deleted; downloading it again gives the same bytes (the
sha256 proves it). `submission_ids` records the active submissions the figures were read from,
so a later revision or rollback does not make an old annex unexplainable. Exporting needs the
permission `ekspor` (admin, pimpinan); each archived export is audited with it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

import duckdb
import pandas as pd

from lkip_core import akun, db
from lkip_core.errors import InputRefused, NotFound

KOLOM = ["id", "jenis", "tahun", "lampiran", "nama_berkas", "oleh", "waktu", "submission_ids",
         "sha256", "ukuran"]


def sumber_aktif(cur: duckdb.DuckDBPyConnection, tahun: int) -> list[int]:
    """Active submissions a year's capaian and anggaran read: every active master (units,
    indicators, targets, DPA, historic realisasi) and the active realisasi of that year and the
    years before it (previous-year comparisons and Renstra progress). LPJ is not read."""
    rows = cur.execute(
        "SELECT id FROM submission WHERE status = 'aktif' AND (jenis = 'master' "
        "OR (jenis = 'realisasi' AND tahun <= ?)) ORDER BY id", [tahun]).fetchall()
    return [r[0] for r in rows]


PESAN_TANPA_NAMA = "Isi nama Anda dulu: setiap ekspor dicatat di arsip beserta pembuatnya."


def arsipkan(con: duckdb.DuckDBPyConnection, *, jenis: str, tahun: int | None, nama_berkas: str,
             isi: bytes, oleh: akun.Akun | str, lampiran: Iterable[str] | None = None,
             submission_ids: Iterable[int] | None = None) -> int:
    """Record an export and its bytes, and audit it (aksi `ekspor`), in one transaction;
    returns its id. `submission_ids` defaults to `sumber_aktif(tahun)` (what the annexes are
    built from)."""
    pelaku = akun.wajib(con, oleh, "ekspor", objek=nama_berkas, tahun=tahun,
                        kosong=PESAN_TANPA_NAMA)
    if not isi:
        raise InputRefused("Berkas ekspor kosong; tidak ada yang diarsipkan.")
    lampiran = ",".join(lampiran) if lampiran else None
    sha = hashlib.sha256(isi).hexdigest()
    with db.transaksi(con) as cur:
        if submission_ids is None:
            submission_ids = sumber_aktif(cur, tahun) if tahun is not None else []
        ids = [int(i) for i in submission_ids]
        eid = cur.execute(
            "INSERT INTO ekspor (jenis, tahun, lampiran, nama_berkas, oleh, waktu, submission_ids, "
            "sha256, ukuran) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [jenis, tahun, lampiran, nama_berkas, pelaku.nama_pengguna,
             datetime.now().replace(microsecond=0), ids, sha, len(isi)],
        ).fetchone()[0]
        cur.execute("INSERT INTO ekspor_berkas VALUES (?, ?)", [eid, isi])
        akun.audit.catat(cur, pelaku, "ekspor", nama_berkas, tahun=tahun, rincian={
            "jenis": jenis, "lampiran": lampiran, "ekspor_id": eid, "submission_ids": ids,
            "sha256": sha, "ukuran": len(isi)})
    return eid


def daftar_ekspor(cur: duckdb.DuckDBPyConnection, tahun: int | None = None) -> pd.DataFrame:
    """Archived exports, newest first. Columns: KOLOM (submission_ids a list of ints), and
    `sumber`: the same ids as text ("#3, #5, #9") for display."""
    df = cur.execute(
        f"SELECT {', '.join(KOLOM)} FROM ekspor WHERE $tahun IS NULL OR tahun = $tahun "
        "ORDER BY id DESC", {"tahun": tahun}).df()
    df = df[KOLOM]
    df["submission_ids"] = [[int(i) for i in ids] for ids in df["submission_ids"]]
    df["sumber"] = [", ".join(f"#{i}" for i in ids) for ids in df["submission_ids"]]
    return df


def isi_ekspor(cur: duckdb.DuckDBPyConnection, id: int) -> bytes:
    """The exact bytes of archived export `id`."""
    row = cur.execute("SELECT isi FROM ekspor_berkas WHERE ekspor_id = ?", [int(id)]).fetchone()
    if row is None:
        raise NotFound(f"Ekspor #{id} tidak ada di arsip.")
    return bytes(row[0])
