"""Shared fixtures: a fresh database with the real schema, and small real workbooks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lkip_core import db  # noqa: E402


@pytest.fixture
def con():
    """A fresh in-memory DuckDB with the current schema."""
    c = db.connect(":memory:")
    yield c
    c.close()


@pytest.fixture
def db_file(tmp_path):
    """A fresh DuckDB file (for the command line and the app)."""
    return tmp_path / "lkip.duckdb"


@pytest.fixture
def master_bytes():
    from contoh import master_xlsx

    return master_xlsx()


@pytest.fixture
def con_master(con, master_bytes):
    """A database holding the small test master (2024 and 2025)."""
    from lkip_core.masukan.impor import impor

    hasil = impor(con, [("master.xlsx", master_bytes)], oleh="uji")
    assert hasil.ok, hasil.errors
    return con


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """AppTest keeps st.cache_* across tests in one process: start each test clean."""
    yield
    if "streamlit" in sys.modules:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()


def pytest_configure(config):
    os.environ.setdefault("LKIP_TEST", "1")


# Browser fixtures (app_url, browser, page, demo_db) live in tests/browser.py.
from browser import app_url, browser, demo_db, page  # noqa: E402,F401


@pytest.fixture
def con_demo(demo_db, tmp_path):  # noqa: F811 — demo_db is the fixture imported above
    """A connection to a copy of the demo database (the book tests)."""
    import shutil

    path = tmp_path / "lkip.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    yield con
    con.close()


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """The small test data set (master, BID1's realisation, LPJ) in a file the app opens."""
    from aplikasi import db_untuk_app
    from contoh import lpj_xlsx, master_xlsx, realisasi_xlsx

    return db_untuk_app(tmp_path, monkeypatch, [
        ("master.xlsx", master_xlsx()), ("r.xlsx", realisasi_xlsx()), ("lpj.xlsx", lpj_xlsx())])
