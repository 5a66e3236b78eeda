"""Snapshots of the database and restoring one (issue 9): nothing the office typed in is lost.

A snapshot is the database file itself, copied while no write of this process runs and right
after a CHECKPOINT, so nothing still sits in the `.wal` (the command line and the app never hold
the file at the same time: `basis.Basis`). Automatic snapshots go to `db.folder_cadangan(path)`
(`data/cadangan/` for the app) named `lkip-YYYYmmdd-HHMMSS-<sebab>.duckdb`; the newest
`cadangan_simpan` of them are kept. They are taken before every destructive step (a master
replaced, a rollback, a restore, `demo --force`) and once a day. A database in memory (tests)
has no file and is skipped silently.

Restoring one is `pemulihan`; checking a database for damage is `periksa`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from lkip_core import db, pengaturan
from lkip_core.errors import InputRefused, LkipError, SedangSibuk

log = logging.getLogger("lkip")

# lkip-YYYYmmdd-HHMMSS-<sebab>[-n].duckdb; n tells apart two of the same second
_NAMA = re.compile(r"^lkip-(\d{8})-(\d{6})-([a-z-]+?)(?:-\d+)?\.duckdb$")
_RIWAYAT = "riwayat.jsonl"  # who made or restored which snapshot (outside the database: a
#                             restore replaces the database, the record of it must survive)
SEBAB = {
    "harian": "cadangan harian",
    "manual": "dibuat manual",
    "sebelum-ganti-master": "sebelum master diganti",
    "sebelum-rollback": "sebelum kiriman lama diaktifkan kembali",
    "sebelum-pulihkan": "sebelum pemulihan",
    "sebelum-demo": "sebelum data contoh dibangun ulang",
}
DEMO_OLEH = "demo"  # the uploader name the demo data set is imported under (demo.buat_demo)


@dataclass(frozen=True)
class Cadangan:
    """One snapshot file in the snapshot folder."""

    berkas: Path
    waktu: datetime
    sebab: str
    ukuran: int
    oleh: str | None = None

    @property
    def nama(self) -> str:
        return self.berkas.name


def berkas_db(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file behind a connection; None for a database in memory."""
    row = con.cursor().execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return Path(row[0]).resolve() if row and row[0] else None


def berkas_wal(path: Path) -> Path:
    """The write-ahead log DuckDB keeps next to a database file."""
    return path.with_name(path.name + ".wal")


# Taking a snapshot -------------------------------------------------------------------------------

def salin(con: duckdb.DuckDBPyConnection, tujuan: str | Path, *,
          tunggu: float = db.TUNGGU_TULIS) -> Path:
    """Write a consistent snapshot of the database of `con` to `tujuan`; returns its path.

    Call inside a session of the database (`Basis.sesi`). The copy is written under a temporary
    name, opened once to prove it is a readable LKIP database, then renamed into place. Waits
    at most `tunggu` seconds for a running write of this process (then `SedangSibuk`).
    """
    asal = berkas_db(con)
    if asal is None:
        raise InputRefused("Basis data di memori tidak mempunyai berkas untuk dicadangkan.")
    tujuan = Path(tujuan).resolve()
    if tujuan in (asal, berkas_wal(asal)):
        raise InputRefused("Cadangan tidak boleh menimpa basis data yang sedang dipakai.")
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sementara = tujuan.with_name(f".{tujuan.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with db.tanpa_penulis(tunggu):
            cur = con.cursor()
            ambang = cur.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0]
            # No automatic checkpoint may rewrite the file while it is copied (a write outside
            # `transaksi` only reaches the .wal then).
            cur.execute("SET checkpoint_threshold = '1TB'")
            try:
                if _checkpoint(cur, asal):
                    shutil.copyfile(asal, sementara)
                else:
                    _salin_logis(cur, sementara)
            finally:
                cur.execute(f"SET checkpoint_threshold = '{_aman(ambang)}'")
        with open(sementara, "rb+") as f:
            os.fsync(f.fileno())
        db.connect(sementara, read_only=True).close()  # a readable LKIP database, or refused
        os.replace(sementara, tujuan)
    finally:
        sementara.unlink(missing_ok=True)
    return tujuan


def _aman(nilai: str) -> str:
    """A memory size as DuckDB printed it ('16.0 MiB'), safe to put back into SET."""
    return nilai if re.fullmatch(r"[0-9.]+ ?[A-Za-z]*", nilai) else "16MiB"


def _checkpoint(cur: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """CHECKPOINT until the .wal is empty; False when it cannot be done now. DuckDB refuses (or
    skips) it while another transaction of this process is open that may still need rows
    changed since (e.g. a query result left half read)."""
    for i in range(20):
        try:
            cur.execute("CHECKPOINT")
        except duckdb.TransactionException:
            pass
        else:
            wal = berkas_wal(path)
            if not wal.exists() or wal.stat().st_size == 0:
                return True
        time.sleep(0.01 * (i + 1))
    return False


def _salin_logis(cur: duckdb.DuckDBPyConnection, tujuan: Path) -> None:
    """A snapshot without a checkpoint: every table, view, sequence (with its current value)
    and index copied into a new file, inside one transaction (so consistent)."""
    nama = cur.execute("SELECT current_database()").fetchone()[0]
    alias = f"lkip_cadangan_{os.getpid()}_{threading.get_ident()}"
    cur.execute(f"ATTACH '{str(tujuan).replace(chr(39), chr(39) * 2)}' AS {alias}")
    try:
        cur.execute(f'COPY FROM DATABASE "{nama.replace(chr(34), chr(34) * 2)}" TO {alias}')
    finally:
        cur.execute(f"DETACH {alias}")


def _nama_baru(folder: Path, sebab: str) -> Path:
    sebab = re.sub(r"[^a-z-]+", "-", sebab.lower()).strip("-") or "manual"
    dasar = f"lkip-{datetime.now():%Y%m%d-%H%M%S}-{sebab}"
    path, n = folder / f"{dasar}.duckdb", 2
    while path.exists():
        path, n = folder / f"{dasar}-{n}.duckdb", n + 1
    return path


def otomatis(con: duckdb.DuckDBPyConnection, sebab: str, *, oleh: str | None = None,
             tunggu: float = db.TUNGGU_TULIS) -> Path | None:
    """A snapshot into the snapshot folder, then keep only the newest `cadangan_simpan`.

    Returns its path; None for a database in memory.
    """
    asal = berkas_db(con)
    if asal is None:
        return None
    folder = db.folder_cadangan(asal)
    tujuan = salin(con, _nama_baru(folder, sebab), tunggu=tunggu)
    catat_riwayat(folder, "cadangan", tujuan.name, oleh)
    pangkas(folder, int(pengaturan.baca(con.cursor(), "cadangan_simpan")))
    return tujuan


def manual(con: duckdb.DuckDBPyConnection, *, oleh) -> Path | None:
    """A snapshot asked for by a person (the Cadangan page): admins only, audited."""
    from lkip_core import (
        akun,  # the accounts package reads settings, which import this module's peers
    )

    pelaku = akun.wajib(con, oleh, "cadangan", objek="cadangan manual")
    tujuan = otomatis(con, "manual", oleh=pelaku.nama_pengguna)
    with db.transaksi(con) as cur:
        akun.audit.catat(cur, pelaku, "cadangan", tujuan.name if tujuan else None)
    return tujuan


def sebelum_ganti_master(con: duckdb.DuckDBPyConnection, jenis: list[str]) -> Path | None:
    """Before an import that holds a master: a snapshot, when there is a master to replace."""
    if "master" not in jenis:
        return None
    if not con.cursor().execute("SELECT count(*) FROM submission WHERE jenis = 'master'"
                                ).fetchone()[0]:
        return None  # the first master replaces nothing
    return otomatis(con, "sebelum-ganti-master")


_HARIAN: dict[Path, date] = {}
_HARIAN_KUNCI = threading.Lock()


def harian(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The day's snapshot, on the first session of the day (called on every page run: after
    the first it costs a dictionary look-up). A failure is logged, never raised: a page must
    not break because a snapshot could not be written."""
    asal = berkas_db(con)
    hari = date.today()
    if asal is None or _HARIAN.get(asal) == hari:
        return None
    if not _HARIAN_KUNCI.acquire(blocking=False):
        return None  # another page run is taking it right now
    try:
        if _HARIAN.get(asal) == hari:
            return None
        folder = db.folder_cadangan(asal)
        sudah = folder.is_dir() and any(folder.glob(f"lkip-{hari:%Y%m%d}-*-harian*.duckdb"))
        hasil = None if sudah else otomatis(con, "harian", tunggu=0.5)
        _HARIAN[asal] = hari
        return hasil
    except SedangSibuk:
        return None  # an upload is being written: the next page run tries again
    except (LkipError, OSError, duckdb.Error):
        _HARIAN[asal] = hari  # not again on every page run today; the log says why
        log.exception("cadangan harian gagal dibuat untuk %s", asal)
        return None
    finally:
        _HARIAN_KUNCI.release()


# The snapshot folder -----------------------------------------------------------------------------

def catat_riwayat(folder: Path, aksi: str, berkas: str, oleh: str | None) -> None:
    """Append who made ('cadangan') or restored ('pulihkan') which snapshot to the folder's log."""
    baris = {"waktu": datetime.now().isoformat(timespec="seconds"), "aksi": aksi,
             "berkas": berkas, "oleh": (oleh or "").strip() or None}
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / _RIWAYAT, "a", encoding="utf-8") as f:
        f.write(json.dumps(baris, ensure_ascii=False) + "\n")


def _pembuat(folder: Path) -> dict[str, str]:
    try:
        baris = (folder / _RIWAYAT).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    out = {}
    for b in baris:
        try:
            r = json.loads(b)
        except ValueError:
            continue
        if r.get("aksi") == "cadangan" and r.get("oleh"):
            out[r["berkas"]] = r["oleh"]
    return out


def daftar(path: str | Path) -> list[Cadangan]:
    """Snapshots of the database at `path`, newest first."""
    return _di_folder(db.folder_cadangan(path))


def _di_folder(folder: Path) -> list[Cadangan]:
    if not folder.is_dir():
        return []
    oleh = _pembuat(folder)
    out = []
    for p in folder.iterdir():
        m = _NAMA.match(p.name)
        if not m:
            continue
        try:
            st = p.stat()
        except OSError:
            continue  # pruned meanwhile
        out.append((Cadangan(p, datetime.strptime(m[1] + m[2], "%Y%m%d%H%M%S"), m[3],
                             st.st_size, oleh.get(p.name)), st.st_mtime_ns))
    # within one second the file written last is the newer one
    return [c for c, _ in sorted(out, key=lambda x: (x[0].waktu, x[1], x[0].nama), reverse=True)]


def label_sebab(sebab: str) -> str:
    """An automatic snapshot's reason for people ('sebelum-rollback' → "sebelum kiriman …")."""
    return SEBAB.get(sebab) or sebab.replace("-", " ")


def tabel(path: str | Path) -> pd.DataFrame:
    """The snapshots as a table for the page: berkas, waktu, sebab, ukuran_mb, oleh."""
    rows = [{"berkas": c.nama, "waktu": c.waktu, "sebab": label_sebab(c.sebab),
             "ukuran_mb": c.ukuran / 1024 / 1024, "oleh": c.oleh} for c in daftar(path)]
    return pd.DataFrame(rows, columns=["berkas", "waktu", "sebab", "ukuran_mb", "oleh"])


def cari(path: str | Path, nama: str) -> Path:
    """A snapshot of the database at `path` by its file name (as the page lists it)."""
    for c in daftar(path):
        if c.nama == nama:
            return c.berkas
    raise InputRefused(f"Cadangan {nama} tidak ada (lagi) di {db.folder_cadangan(path)}.")


def pangkas(folder: Path, simpan: int) -> list[Path]:
    """Delete all but the newest `simpan` snapshots in `folder`; returns the deleted ones."""
    buang = [c.berkas for c in _di_folder(folder)[max(int(simpan), 1):]]
    for p in buang:
        p.unlink(missing_ok=True)
    return buang


# demo --force ------------------------------------------------------------------------------------

def sebelum_demo(con: duckdb.DuckDBPyConnection, *, ya: bool) -> Path | None:
    """Before `demo --force` replaces the database: refuse when it holds uploads that are not
    the demo's own (unless `ya`), and always keep a snapshot first."""
    n, siapa, terakhir = con.cursor().execute(
        "SELECT count(*), string_agg(DISTINCT oleh, ', ' ORDER BY oleh), max(waktu) "
        "FROM submission WHERE oleh <> ?", [DEMO_OLEH]).fetchone()
    if n and not ya:
        raise InputRefused(
            f"Basis data ini berisi {n} kiriman yang bukan data contoh (diunggah oleh {siapa}; "
            f"terakhir {terakhir:%d-%m-%Y %H:%M}). `demo --force` akan menghapus semuanya, "
            "beserta tinjauan temuan, pengaturan, jadwal dan arsip ekspor. Untuk menyimpannya, "
            "buat cadangan dulu (`python -m lkip_core cadangan --out BERKAS`) atau pakai --db "
            "lain untuk data contoh. Bila memang ingin menggantinya, ulangi dengan --force --ya "
            "(cadangan otomatis tetap dibuat lebih dulu).")
    return otomatis(con, "sebelum-demo")
