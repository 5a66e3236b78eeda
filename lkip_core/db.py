"""The DuckDB database: opening it, and creating or migrating its schema.

The schema lives in numbered SQL files in `skema/` (`001_dasar.sql`, `002_…`); each is applied
once, in order, and the version reached is recorded in `meta`. A database file is therefore
never read by code that does not know its layout: an older file is migrated on open, a newer
one is refused.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import duckdb

from .errors import LkipError

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "lkip.duckdb"


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
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO skema_migrasi (versi) VALUES (?)", [version])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                        [str(max(version, recorded))])
            recorded = max(version, recorded)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return target


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating when missing) the database at `path` with the current schema.

    `":memory:"` gives a fresh in-memory database, for tests.
    """
    target = str(path) if path is not None else str(default_path())
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        raise LkipError(
            f"Basis data {target} tidak dapat dibuka ({exc}). Bila aplikasi sedang berjalan dan "
            "memakai berkas ini, tutup dulu aplikasinya atau pakai --db lain."
        ) from exc
    if not read_only:
        migrate(con)
    return con
