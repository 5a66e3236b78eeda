"""Restoring a snapshot (issue 9): the current database is kept as a snapshot first.

A file is refused when it is not an LKIP database (not DuckDB, or without the `meta` and
`submission` tables), comes from a newer schema, or is damaged itself (`periksa`). It is copied
next to the database and proven there first; then the file is swapped in through
`Basis.ganti_berkas` (the other sessions of the app finish first and wait meanwhile) and
migrated when it is opened again. A database that cannot be opened at all (damaged) is moved
aside as `cadangan/rusak-<waktu>.duckdb.rusak` instead of snapshotted.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from lkip_core import akun, db
from lkip_core.akun import Akun
from lkip_core.db.basis import basis
from lkip_core.db.cadangan import berkas_db, berkas_wal, catat_riwayat, otomatis
from lkip_core.db.periksa import periksa
from lkip_core.errors import InputRefused


def _tolak(sumber: Path, alasan: str) -> InputRefused:
    return InputRefused(f"{sumber} tidak dapat dipulihkan: {alasan}")


def _siapkan(sumber: Path, tujuan: Path) -> tuple[Path, int]:
    """Copy `sumber` next to `tujuan` and prove the copy is a whole LKIP database of a schema
    this code knows. Returns the staged copy and its schema version."""
    if not sumber.is_file():
        raise InputRefused(f"Berkas {sumber} tidak ada.")
    if sumber.resolve() in (tujuan, berkas_wal(tujuan)):
        raise _tolak(sumber, "itu basis data yang sedang dipakai sendiri.")
    with open(sumber, "rb") as f:
        kepala = f.read(16)
    if len(kepala) < 12 or kepala[8:12] != b"DUCK":
        raise _tolak(sumber, "bukan basis data LKIP (bukan berkas basis data DuckDB).")
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    tahap = tujuan.with_name(f".{tujuan.name}.pulihkan.{os.getpid()}.tmp")
    shutil.copyfile(sumber, tahap)
    if berkas_wal(sumber).exists():  # a copy of a database that was never closed: keep its last writes
        shutil.copyfile(berkas_wal(sumber), berkas_wal(tahap))
    try:
        try:
            raw = duckdb.connect(str(tahap))
        except duckdb.Error as exc:
            raise _tolak(sumber, f"berkas rusak atau tidak terbaca ({_baris1(exc)}).") from None
        try:
            tabel_ada = {r[0] for r in raw.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
            if not {"meta", "submission"} <= tabel_ada:
                raise _tolak(sumber, "bukan basis data LKIP (tidak ada tabel meta dan "
                                     "submission).")
            row = raw.execute("SELECT nilai FROM meta WHERE kunci = 'schema_version'").fetchone()
            versi = int(row[0]) if row else 0
            if versi > db.schema_version():
                raise _tolak(sumber, f"dibuat oleh versi aplikasi yang lebih baru (skema {versi}; "
                                     f"aplikasi ini mengenal sampai skema {db.schema_version()}). "
                                     "Perbarui aplikasi dulu.")
            hasil = periksa(raw)
            if not hasil.ok:
                raise _tolak(sumber, "cadangan ini sendiri rusak: " + "; ".join(
                    f"{m.objek}: {m.pesan}" for m in hasil.masalah[:5]))
            raw.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise _tolak(sumber, f"berkas rusak atau tidak terbaca ({_baris1(exc)}).") from None
        finally:
            raw.close()
        berkas_wal(tahap).unlink(missing_ok=True)
    except BaseException:
        tahap.unlink(missing_ok=True)
        berkas_wal(tahap).unlink(missing_ok=True)
        raise
    return tahap, versi


def _baris1(exc: Exception) -> str:
    return str(exc).split("\n")[0][:200]


def _pasang(tahap: Path):
    def ubah(path: Path) -> None:
        os.replace(tahap, path)
        berkas_wal(path).unlink(missing_ok=True)
    return ubah


@dataclass(frozen=True)
class HasilPulihkan:
    dipulihkan: Path  # the file restored from
    cadangan_lama: Path | None  # the snapshot of the database as it was (None: there was none)
    skema_asal: int  # the schema version of the restored file, before migrating
    rusak: Path | None = None  # where a damaged database that was replaced was kept

    def to_dict(self) -> dict:
        return {k: str(v) if isinstance(v, Path) else v for k, v in (
            ("dipulihkan", self.dipulihkan), ("cadangan_lama", self.cadangan_lama),
            ("skema_asal", self.skema_asal), ("rusak", self.rusak))}


def pulihkan(con: duckdb.DuckDBPyConnection, sumber: str | Path, *,
             oleh: Akun | str) -> HasilPulihkan:
    """Restore snapshot `sumber` over the database of `con`, keeping the current one first.

    Call inside the caller's one session of `basis(path)` (a page run, a command); the other
    sessions of this process finish first and wait meanwhile. `con` is reopened afterwards: take
    a fresh connection from the session (`Basis.con`).
    """
    path = berkas_db(con)
    if path is None:
        raise InputRefused("Basis data di memori tidak dapat dipulihkan dari berkas.")
    pelaku = akun.wajib(con, oleh, "cadangan", objek=Path(sumber).name)
    sumber = Path(sumber).resolve()
    tahap, versi = _siapkan(sumber, path)
    try:
        lama = otomatis(con, "sebelum-pulihkan", oleh=pelaku.nama_pengguna)
        basis(path).ganti_berkas(_pasang(tahap))
    finally:
        tahap.unlink(missing_ok=True)
    catat_riwayat(db.folder_cadangan(path), "pulihkan", sumber.name, pelaku.nama_pengguna)
    # the restored database gets the record too: who brought it back, from which snapshot
    with db.transaksi(basis(path).con) as cur:
        akun.audit.catat(cur, pelaku, "pulihkan", sumber.name,
                         rincian={"cadangan_lama": lama.name if lama else None})
    return HasilPulihkan(sumber, lama, versi)


def pulihkan_tanpa_sesi(path: str | Path, sumber: str | Path, *,
                        oleh: str | None = None) -> HasilPulihkan:
    """Restore `sumber` to `path` when the database there cannot be opened (damaged) or does
    not exist yet. A damaged file is kept next to the snapshots as `rusak-<waktu>.duckdb.rusak`
    (not a snapshot: never offered back). Then open the database as usual (that migrates it)."""
    path = Path(path).resolve()
    sumber = Path(sumber).resolve()
    tahap, versi = _siapkan(sumber, path)
    simpan = None
    try:
        if path.exists():
            folder = db.folder_cadangan(path)
            folder.mkdir(parents=True, exist_ok=True)
            simpan = folder / f"rusak-{datetime.now():%Y%m%d-%H%M%S}.duckdb.rusak"
            os.replace(path, simpan)
            if berkas_wal(path).exists():
                os.replace(berkas_wal(path), berkas_wal(simpan))
        _pasang(tahap)(path)
    finally:
        tahap.unlink(missing_ok=True)
    catat_riwayat(db.folder_cadangan(path), "pulihkan", sumber.name, oleh)
    return HasilPulihkan(sumber, None, versi, simpan)
