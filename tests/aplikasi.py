"""AppTest helpers shared by the page tests: a database for the app, and opening a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkip_core import db
from lkip_core.pengumpulan import impor

ROOT = Path(__file__).resolve().parent.parent
AppTest = pytest.importorskip("streamlit.testing.v1").AppTest


def db_untuk_app(tmp_path: Path, monkeypatch, berkas: list[tuple[str, bytes]],
                 name: str = "app.duckdb") -> Path:
    """A database file holding `berkas` (imported through impor), which the app will open."""
    path = tmp_path / name
    c = db.connect(path)
    hasil = impor(c, berkas, oleh="uji")
    assert hasil.ok, hasil.errors
    c.close()
    monkeypatch.setenv("LKIP_DB", str(path))
    return path


def buka(page: str | None = None, timeout: float = 60) -> AppTest:
    """Run the app (the router), then switch to `page`; fail on any exception."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at
