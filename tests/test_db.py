"""The schema: created on open, every migration applied once, versions recorded."""

from __future__ import annotations

import duckdb
import pytest

from lkip_core import db
from lkip_core.errors import LkipError


def test_fresh_database_has_every_migration(db_file):
    con = db.connect(db_file)
    applied = [r[0] for r in con.execute("SELECT versi FROM skema_migrasi ORDER BY 1").fetchall()]
    assert applied == [v for v, _ in db._migrations()]
    assert con.execute("SELECT nilai FROM meta WHERE kunci = 'schema_version'").fetchone()[0] == (
        str(db.schema_version()))
    con.close()
    # Opening again applies nothing twice.
    con = db.connect(db_file)
    assert con.execute("SELECT count(*) FROM skema_migrasi").fetchone()[0] == len(applied)


def test_a_migration_numbered_below_the_newest_is_still_applied(db_file, monkeypatch):
    migrations = db._migrations()
    first, last = migrations[0], migrations[-1]
    monkeypatch.setattr(db, "_migrations", lambda: [first, last])
    db.connect(db_file).close()
    monkeypatch.setattr(db, "_migrations", lambda: migrations)
    con = db.connect(db_file)
    applied = {r[0] for r in con.execute("SELECT versi FROM skema_migrasi").fetchall()}
    assert applied == {v for v, _ in migrations}


def test_newer_database_is_refused(db_file):
    db.connect(db_file).close()
    raw = duckdb.connect(str(db_file))
    raw.execute("UPDATE meta SET nilai = '999' WHERE kunci = 'schema_version'")
    raw.close()
    with pytest.raises(LkipError, match="lebih baru"):
        db.connect(db_file)
