"""The audit log (issue 10 item 5): append-only rows of who, role, when, what, which object."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from akun_cepat import sandi_cepat  # noqa: F401

from lkip_core import akun
from lkip_core.akun import audit
from lkip_core.unduhan import tabel_xlsx

pytestmark = pytest.mark.usefixtures("sandi_cepat")

OP = akun.Akun("budi", "Budi Contoh", None, None, "operator", "BID1")
ADMIN = akun.Akun("admin", None, None, None, "admin", None)


def test_catat_and_daftar_with_filters(con):
    audit.catat(con, ADMIN, "impor", "master.xlsx", tahun=2025, rincian={"baris": 12})
    audit.catat(con, OP, "impor", "r.xlsx", tahun=2025, rincian={"kode_unit": "BID1"})
    audit.catat(con, "shell-user", "rollback", "kiriman #3", tahun=2024)
    df = audit.daftar(con)
    assert list(df.columns) == audit.KOLOM
    assert list(df["aksi"]) == ["rollback", "impor", "impor"]  # newest first
    assert df.iloc[0]["peran"] is None and df.iloc[0]["oleh"] == "shell-user"
    assert df.iloc[1]["rincian"] == {"kode_unit": "BID1"} and df.iloc[1]["peran"] == "operator"
    assert list(audit.daftar(con, tahun=2025)["objek"]) == ["r.xlsx", "master.xlsx"]
    assert list(audit.daftar(con, aksi="impor", oleh="budi")["objek"]) == ["r.xlsx"]
    assert len(audit.daftar(con, sejak=date.today(), sampai=date.today())) == 3
    assert audit.daftar(con, sejak=date(2000, 1, 1), sampai=date(2000, 1, 2)).empty
    assert len(audit.daftar(con, batas=2)) == 2
    assert list(audit.daftar(con, aksi="tidak-ada").columns) == audit.KOLOM


def test_a_refusal_is_logged_even_when_the_callers_transaction_rolls_back(con):
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    with pytest.raises(akun.TidakDiizinkan, match="tidak boleh mengunggah data unit BID2"):
        audit.wajib_izin(cur, OP, "unggah_realisasi", kode_unit="BID2", objek="r.xlsx",
                         tahun=2025)
    cur.execute("ROLLBACK")
    df = audit.daftar(con)
    assert len(df) == 1
    r = df.iloc[0]
    assert (r["oleh"], r["peran"], r["aksi"], r["objek"], r["tahun"], r["berhasil"]) == (
        "budi", "operator", "unggah_realisasi", "r.xlsx", 2025, False)
    assert "BID2" in r["rincian"]["pesan"]
    audit.wajib_izin(con, OP, "unggah_realisasi", kode_unit="BID1")  # allowed: nothing logged
    assert len(audit.daftar(con)) == 1


def test_the_log_is_append_only_in_the_core():
    """No code of the core changes or deletes an audit row (the schema has no triggers)."""
    import re

    import lkip_core

    root = Path(lkip_core.__file__).parent
    pola = re.compile(r"(UPDATE|DELETE\s+FROM|TRUNCATE|DROP\s+TABLE)\s+audit\b", re.I)
    for f in root.rglob("*.py"):
        assert not pola.search(f.read_text(encoding="utf-8")), f


def test_sign_ins_and_account_changes_are_logged_with_who(con_master):
    akun.tambah(con_master, "budi", "operator", "sandi-budi-2026", unit="BID1", oleh="root")
    with pytest.raises(akun.MasukGagal):
        akun.masuk(con_master, "budi", "salah-sandi-x")
    akun.masuk(con_master, "budi", "sandi-budi-2026")
    df = audit.daftar(con_master).iloc[::-1]
    assert [(r.oleh, r.peran, r.aksi, r.objek, r.berhasil) for r in df.itertuples()] == [
        ("uji", "admin", "impor", "master.xlsx", True),  # the fixture's master, from the shell
        ("root", "admin", "akun_tambah", "budi", True),
        ("budi", "operator", "masuk", "budi", False),
        ("budi", "operator", "masuk", "budi", True),
    ]
    assert df.iloc[2]["rincian"]["alasan"] == "sandi_salah"


def test_a_hostile_name_typed_at_sign_in_is_stored_cut_and_downloads_as_text(con):
    nama = '=HYPERLINK("http://x","y")' + "x" * 100
    with pytest.raises(akun.MasukGagal):
        akun.masuk(con, nama, "apa-saja-123")
    df = audit.daftar(con)
    assert df.iloc[0]["oleh"] == nama.lower()[:audit.PANJANG_NAMA]
    assert df.iloc[0]["peran"] is None
    wb = openpyxl.load_workbook(io.BytesIO(tabel_xlsx({"Audit": audit.ke_tabel(df)})))
    ws = wb["Audit"]
    nilai = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" and c.hyperlink is None for c in nilai)
    assert df.iloc[0]["oleh"] in [c.value for c in nilai]


def test_akun_cli_acts_as_the_named_or_operating_system_user(con, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "operator-server")
    a = akun.akun_cli(con)
    assert (a.nama_pengguna, a.peran, a.kode_unit, a.aktif) == ("operator-server", "admin",
                                                                None, True)
    assert akun.akun_cli(con, "rina").nama_pengguna == "rina"
    assert akun.boleh(a, "kelola_akun") and akun.boleh(a, "unggah_realisasi", "BID9")
