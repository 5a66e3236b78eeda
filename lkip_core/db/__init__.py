"""The DuckDB database: opening it, and creating or migrating its schema.

The schema lives in numbered SQL files in `skema/` (`001_dasar.sql`, `002_…`); each is applied
once, in order, and the version reached is recorded in `meta`. A database file is therefore
never read by code that does not know its layout: an older file is migrated on open, a newer
one is refused.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TypeVar

import duckdb

from ..errors import BasisDataRusak, BasisDataTerkunci, LkipError, SedangSibuk

T = TypeVar("T")

# A DuckDB file: a 4 KiB file header, two 4 KiB database headers, then 256 KiB blocks.
_KEPALA = 3 * 4096
_BLOK = 256 * 1024
_TANDA = b"DUCK"

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "lkip.duckdb"


def default_path() -> Path:
    """The app's database: `LKIP_DB` when set, else `data/lkip.duckdb` (cli.md)."""
    return Path(os.environ.get("LKIP_DB") or DEFAULT_DB)


def _migrations() -> list[tuple[int, str]]:
    files = resources.files(__package__) / "skema"
    found = []
    for f in files.iterdir():
        m = re.match(r"(\d{3})_.*\.sql$", f.name)
        if m:
            found.append((int(m.group(1)), f.read_text(encoding="utf-8")))
    return sorted(found)


def schema_version() -> int:
    """The schema version this code writes."""
    return _migrations()[-1][0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema of `con` up to date; returns the version reached.

    Each migration is recorded by number when applied, so one added with a lower number than
    the newest already applied (work that landed out of order) is still applied.
    """
    con.execute("CREATE TABLE IF NOT EXISTS meta (kunci VARCHAR PRIMARY KEY, nilai VARCHAR)")
    con.execute("CREATE TABLE IF NOT EXISTS skema_migrasi (versi INTEGER PRIMARY KEY, "
                "waktu TIMESTAMP DEFAULT current_timestamp)")
    done = {r[0] for r in con.execute("SELECT versi FROM skema_migrasi").fetchall()}
    row = con.execute("SELECT nilai FROM meta WHERE kunci = 'schema_version'").fetchone()
    recorded = int(row[0]) if row else 0
    target = schema_version()
    if recorded > target:
        raise LkipError(
            f"Basis data ini dibuat oleh versi aplikasi yang lebih baru (skema {recorded}, "
            f"aplikasi ini mengenal sampai {target}). Perbarui aplikasi."
        )
    for version, sql in _migrations():
        if version in done:
            continue
        with transaksi(con) as cur:
            cur.execute(sql)
            cur.execute("INSERT INTO skema_migrasi (versi) VALUES (?)", [version])
            cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                        [str(max(version, recorded))])
        recorded = max(version, recorded)
    return target


def folder_cadangan(path: str | Path) -> Path:
    """Where the snapshots of the database at `path` are kept (`data/cadangan/` for the app)."""
    return Path(path).resolve().parent / "cadangan"


def _saran_pulihkan(path: Path) -> str:
    folder = folder_cadangan(path)
    snaps = sorted(folder.glob("*.duckdb"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    if snaps:
        return (f"Cadangan terakhir: {snaps[-1]}. Pulihkan dengan perintah "
                f"`python -m lkip_core --db {path} pulihkan {snaps[-1]}`.")
    return ("Belum ada cadangan otomatis di " f"{folder}; pulihkan dari cadangan Anda sendiri "
            f"dengan `python -m lkip_core --db {path} pulihkan BERKAS`.")


def rusak(path: str | Path, sebab: str) -> BasisDataRusak:
    """The error for a damaged database file, naming the latest snapshot and the way out."""
    path = Path(path)
    return BasisDataRusak(f"Berkas basis data rusak: {path} ({sebab}). {_saran_pulihkan(path)}")


def periksa_berkas(path: str | Path) -> None:
    """Refuse, before DuckDB reads it, a file that is not a DuckDB database or is truncated."""
    path = Path(path)
    if not path.exists():
        return
    size = path.stat().st_size
    if size == 0:
        raise rusak(path, "berkas kosong, 0 bita")
    with open(path, "rb") as f:
        head = f.read(16)
    if len(head) < 12 or head[8:12] != _TANDA:
        raise rusak(path, "bukan berkas basis data DuckDB")
    if size < _KEPALA or (size - _KEPALA) % _BLOK:
        raise rusak(path, f"berkas terpotong: {size:,} bita bukan ukuran yang utuh".replace(",", "."))


def _galat_buka(exc: Exception, target: str) -> LkipError:
    teks = str(exc)
    # "Conflicting lock", but not the "block" of a checksum error
    if re.search(r"\block", teks, re.IGNORECASE):
        return BasisDataTerkunci(
            f"Basis data {target} sedang dipakai program lain dan tidak dilepas. Coba lagi "
            "sebentar lagi; bila terus terjadi, periksa program lain yang membuka berkas ini.")
    return rusak(target, teks.split("\n")[0][:200])


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating when missing) the database at `path` with the current schema.

    `":memory:"` gives a fresh in-memory database, for tests. A damaged file is refused with
    `BasisDataRusak`, one held by another process with `BasisDataTerkunci`; the app and the
    command line open files through `basis.Basis`, which waits for the other side.
    """
    target = str(path) if path is not None else str(default_path())
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        periksa_berkas(target)
    try:
        con = duckdb.connect(target, read_only=read_only)
    except duckdb.Error as exc:
        raise _galat_buka(exc, target) from exc
    try:
        # What DuckDB frees goes back to the system at once instead of staying cached in its
        # allocator (importing a 400,000-line LPJ kept ~40 MB of an insert's memory that nothing
        # used again: issue 12). A SET, not a connect config: a config must then match on every
        # other connection to the same file in this process.
        con.execute("SET allocator_bulk_deallocation_flush_threshold = '0MB'")
        if not read_only:
            migrate(con)
        # fetchall, not fetchone: a result left unread keeps its transaction open, and an open
        # transaction blocks every CHECKPOINT after an UPDATE or DELETE (snapshots, the WAL)
        con.execute("SELECT count(*) FROM submission").fetchall()
    except LkipError:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise rusak(target, str(exc).split("\n")[0][:200]) from exc
    return con


# Transactions ---------------------------------------------------------------------------------
# Every write of the core goes through `transaksi`: one writer at a time in this process (the
# app's sessions are threads), so two uploads for the same slot are applied one after the other;
# other processes are kept out by `basis.Basis`. `ulangi` retries a transaction that DuckDB
# still refuses with a write conflict.

_TULIS = threading.RLock()
TUNGGU_TULIS = 60.0  # seconds a writer waits for another write of this process
_PESAN_SIBUK = ("Sedang ada unggahan atau perubahan lain yang berjalan; coba lagi sebentar lagi. "
                "Tidak ada data yang hilang.")


@contextmanager
def transaksi(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT on a fresh cursor, ROLLBACK on any failure, one writer at a time."""
    if not _TULIS.acquire(timeout=TUNGGU_TULIS):
        raise SedangSibuk(_PESAN_SIBUK)
    try:
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
            cur.execute("COMMIT")
        except BaseException:
            try:
                cur.execute("ROLLBACK")
            except duckdb.Error:
                pass  # the failed statement already ended the transaction
            raise
    finally:
        _TULIS.release()


@contextmanager
def tanpa_penulis(tunggu: float = TUNGGU_TULIS) -> Iterator[None]:
    """Hold the write lock of this process: no `transaksi` runs meanwhile (for a snapshot)."""
    if not _TULIS.acquire(timeout=tunggu):
        raise SedangSibuk(_PESAN_SIBUK)
    try:
        yield
    finally:
        _TULIS.release()


def ulangi(fn: Callable[[], T], *, kali: int = 4) -> T:
    """Run a transaction function again when DuckDB reports a write conflict."""
    for i in range(kali):
        try:
            return fn()
        except duckdb.TransactionException:
            if i == kali - 1:
                raise SedangSibuk(_PESAN_SIBUK) from None
            time.sleep(0.05 * (i + 1))
    raise AssertionError("unreachable")
