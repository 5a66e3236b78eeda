"""`pengguna …` and `audit` on the command line (issue 10 item 7; cli.md exit codes), run
through `lkip_core.perintah.cli.main` on real DuckDB files, passwords on stdin."""

from __future__ import annotations

import io
import json
import sys

import pytest
from akun_cepat import sandi_cepat  # noqa: F401

from lkip_core import akun, db
from lkip_core.perintah.cli import main

pytestmark = pytest.mark.usefixtures("sandi_cepat")

SANDI = "merpati-putih-terbang"


@pytest.fixture
def jalankan(db_file, monkeypatch, capsys):
    """Run one command; returns (exit status, stdout, stderr). `stdin`: what is piped in."""
    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        rc = main(["--db", str(db_file), *argv])
        out, err = capsys.readouterr()
        return rc, out, err
    return run


@pytest.fixture
def dengan_master(jalankan, tmp_path, master_bytes):
    f = tmp_path / "master.xlsx"
    f.write_bytes(master_bytes)
    assert jalankan("import", str(f))[0] == 0
    return jalankan


def _json(out: str):
    return json.loads(out)


def test_tambah_daftar_and_the_password_never_reaches_the_file(dengan_master, db_file):
    run = dengan_master
    rc, out, err = run("pengguna", "tambah", "Admin", "--peran", "admin", "--nama-lengkap",
                       "Kasubag Contoh", "--nip", "19800101 200501 1 001", "--jabatan",
                       "Kasubag Perencanaan", "--sandi-stdin", "--oleh", "rina",
                       stdin=SANDI + "\n")
    assert rc == 0, err
    assert "Akun admin (admin) dibuat" in err and SANDI not in out + err
    rc, out, _ = run("pengguna", "tambah", "budi", "--peran", "operator", "--unit", "BID1",
                     "--sandi-stdin", stdin=SANDI)
    assert rc == 0
    rc, out, _ = run("pengguna", "daftar", "--json")
    assert rc == 0
    rows = _json(out)
    assert [{k: r[k] for k in ("nama", "peran", "unit", "aktif")} for r in rows] == [
        {"nama": "admin", "peran": "admin", "unit": None, "aktif": True},
        {"nama": "budi", "peran": "operator", "unit": "BID1", "aktif": True},
    ]
    assert rows[0]["nama_lengkap"] == "Kasubag Contoh"
    rc, out, _ = run("pengguna", "daftar")
    assert rc == 0 and "budi" in out and "BID1" in out
    # The one line read from stdin is the password (no trailing newline): it signs in.
    con = db.connect(db_file)
    try:
        assert akun.masuk(con, "admin", SANDI).nama_lengkap == "Kasubag Contoh"
    finally:
        con.close()
    data = db_file.read_bytes()
    assert SANDI.encode() not in data and SANDI.encode("utf-16-le") not in data


@pytest.mark.parametrize("argv, stdin, pesan", [
    (["tambah", "ani", "--peran", "admin", "--sandi-stdin"], "pendek", "minimal 10 karakter"),
    (["tambah", "ani", "--peran", "raja", "--sandi-stdin"], SANDI, "Peran 'raja' tidak dikenal"),
    (["tambah", "ani", "--peran", "operator", "--sandi-stdin"], SANDI, "wajib punya unit"),
    (["tambah", "ani", "--peran", "operator", "--unit", "BID9", "--sandi-stdin"], SANDI,
     "Unit 'BID9' tidak ada"),
    (["tambah", "ani", "--peran", "admin"], SANDI, "--sandi-stdin"),
    (["tambah", "--peran", "admin", "--sandi-stdin"], SANDI, "membutuhkan NAMA"),
    (["tambah", "ani", "--sandi-stdin"], SANDI, "membutuhkan --peran"),
    (["hapus", "ani"], "", "Aksi 'hapus' tidak dikenal"),
    (["daftar", "ani"], "", "tidak menerima NAMA"),
    (["nonaktifkan", "ani", "--peran", "admin"], "", "--peran hanya untuk"),
    (["sandi", "ani", "--json", "--sandi-stdin"], SANDI, "--json hanya untuk"),
    (["nonaktifkan", "tidak-ada"], "", "Akun 'tidak-ada' tidak ada"),
    (["sandi", "tidak-ada", "--sandi-stdin"], SANDI, "Akun 'tidak-ada' tidak ada"),
])
def test_refused_input_exits_2_with_the_reason(dengan_master, argv, stdin, pesan):
    rc, out, err = dengan_master("pengguna", *argv, stdin=stdin)
    assert rc == 2, err
    assert pesan in err and out == ""
    rc, out, _ = dengan_master("pengguna", "daftar", "--json")
    assert _json(out) == []


def test_nonaktifkan_and_sandi(dengan_master, db_file):
    run = dengan_master
    for nama, peran in (("admin", "admin"), ("kaban", "pimpinan")):
        assert run("pengguna", "tambah", nama, "--peran", peran, "--sandi-stdin",
                   stdin=SANDI)[0] == 0
    rc, _, err = run("pengguna", "nonaktifkan", "admin")
    assert rc == 2 and "admin aktif terakhir" in err
    rc, _, err = run("pengguna", "nonaktifkan", "KABAN")
    assert rc == 0 and "dinonaktifkan" in err
    rc, _, err = run("pengguna", "sandi", "admin", "--sandi-stdin", stdin="pendek\n")
    assert rc == 2 and "minimal 10" in err
    rc, _, err = run("pengguna", "sandi", "admin", "--sandi-stdin", stdin="sandi-baru-admin\r\n")
    assert rc == 0
    rows = _json(run("pengguna", "daftar", "--json")[1])
    assert {r["nama"]: r["aktif"] for r in rows} == {"admin": True, "kaban": False}
    con = db.connect(db_file)
    try:
        assert akun.masuk(con, "admin", "sandi-baru-admin")
        with pytest.raises(akun.MasukGagal):
            akun.masuk(con, "admin", SANDI)
    finally:
        con.close()


def test_audit_lists_who_did_what(dengan_master, db_file, monkeypatch):
    run = dengan_master
    monkeypatch.setattr("getpass.getuser", lambda: "operator-server")
    assert run("pengguna", "tambah", "admin", "--peran", "admin", "--sandi-stdin",
               stdin=SANDI)[0] == 0
    assert run("pengguna", "tambah", "siti", "--peran", "bendahara", "--sandi-stdin",
               "--oleh", "rina", stdin=SANDI)[0] == 0
    con = db.connect(db_file)
    try:
        with pytest.raises(akun.MasukGagal):
            akun.masuk(con, "siti", "bukan-sandinya")
        akun.audit.catat(con, akun.ambil(con, "siti"), "impor", "lpj.xlsx", tahun=2025)
    finally:
        con.close()
    rc, out, err = run("audit", "--json")
    assert rc == 0, err
    rows = _json(out)
    kunci = {"waktu", "oleh", "peran", "aksi", "objek"}
    assert all(kunci <= set(r) for r in rows)
    *rows, master = rows  # the fixture's import, as the operating-system user of this machine
    assert (master["peran"], master["aksi"], master["objek"]) == ("admin", "impor", "master.xlsx")
    assert [(r["oleh"], r["peran"], r["aksi"], r["objek"]) for r in rows] == [
        ("siti", "bendahara", "impor", "lpj.xlsx"),
        ("siti", "bendahara", "masuk", "siti"),
        ("rina", "admin", "akun_tambah", "siti"),
        ("operator-server", "admin", "akun_tambah", "admin"),
    ]
    assert rows[1]["berhasil"] is False and rows[0]["tahun"] == 2025
    assert rows[0]["waktu"][:4].isdigit() and "T" in rows[0]["waktu"]
    rc, out, _ = run("audit", "--tahun", "2025", "--json")
    assert [r["aksi"] for r in _json(out)] == ["impor"]
    rc, out, _ = run("audit")
    assert rc == 0 and "DITOLAK" in out and "akun_tambah" in out
    rc, out, err = run("audit", "--tahun", "1990", "--json")
    assert rc == 0 and _json(out) == []
