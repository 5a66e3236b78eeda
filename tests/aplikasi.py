"""AppTest helpers shared by the page tests: a database for the app, signing in, opening a page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest  # a dependency: a broken import fails, never skips

from lkip_core import akun, db
from lkip_core.db.basis import basis
from lkip_core.errors import LkipError
from lkip_core.masukan.impor import impor

ROOT = Path(__file__).resolve().parent.parent
SANDI_UJI = "sandi-uji-yang-panjang"
K_TOKEN = "_lkip_token"  # pages/_akun.py: the session's token


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


def peran_dari_nama(nama: str) -> tuple[str, str | None]:
    """Test accounts are named for their role: admin, pimpinan, bendahara, op.<unit>."""
    if nama.startswith("op."):
        return "operator", nama[3:].upper()
    return nama, None


def token_uji(nama: str = "admin") -> str:
    """A session token for the test account `nama` in the app's database, made on first use
    (password SANDI_UJI)."""
    with basis(db.default_path()).sesi(tunggu=5) as c:  # a held database: fail soon
        a = akun.ambil(c, nama)
        if a is None:
            peran, unit = peran_dari_nama(nama)
            a = akun.tambah(c, nama, peran, SANDI_UJI, unit=unit, oleh="uji")
        return akun.buat_token(c, a)


def masuk(at: AppTest, nama: str = "admin") -> AppTest:
    """Sign the AppTest session in as `nama`: AppTest has no cookies, so the token goes where
    a signed-in session keeps it, the session state."""
    try:
        at.session_state[K_TOKEN] = token_uji(nama)
    except LkipError:
        pass  # a database the app cannot open either: the test is about that message
    return at


def buka(page: str | None = None, timeout: float = 60, akun: str | None = "admin") -> AppTest:
    """Run the app (the router) signed in as `akun` (None: nobody), then switch to `page`;
    fail on any exception."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if akun:
        masuk(at, akun)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at
