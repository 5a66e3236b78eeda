"""A damaged database (issue 9): `periksa` reads everything; a truncated, garbage or bit-flipped
file is "rusak" with the latest snapshot and the `pulihkan` command named, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from contoh import lpj_xlsx, master_xlsx, realisasi_xlsx

from lkip_core import db
from lkip_core.db import cadangan
from lkip_core.db.periksa import periksa
from lkip_core.errors import BasisDataRusak
from lkip_core.lampiran import arsip
from lkip_core.masukan.impor import impor

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
REALISASI = realisasi_xlsx()


def _cli(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "lkip_core", "--db", str(db_path), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def berkas(tmp_path) -> Path:
    """A closed database file with three uploads and one archived export, plus a snapshot."""
    path = tmp_path / "lkip.duckdb"
    con = db.connect(path)
    assert impor(con, [("master.xlsx", master_xlsx()), ("r.xlsx", REALISASI),
                       ("lpj.xlsx", lpj_xlsx())], oleh="uji").ok
    arsip.arsipkan(con, jenis="lampiran", tahun=2025, nama_berkas="lampiran.xlsx",
                   isi=os.urandom(50_000), oleh="uji")
    assert cadangan.otomatis(con, "manual") is not None
    con.close()
    return path


def _jalan_keluar(teks: str, path: Path) -> None:
    """The message names the latest snapshot and the command that restores it."""
    (terakhir,) = cadangan.daftar(path)
    assert "rusak" in teks
    assert str(terakhir.berkas) in teks and "pulihkan" in teks
    assert "Traceback" not in teks


def test_a_whole_database_is_clean(berkas):
    r = _cli(berkas, "periksa", "--json")
    assert r.returncode == 0, r.stderr
    hasil = json.loads(r.stdout)
    assert hasil["ok"] is True and hasil["masalah"] == []
    assert hasil["berkas"] == 4 and hasil["tabel"] >= 20  # 3 uploads + 1 export re-hashed
    assert "tidak ada kerusakan" in r.stderr


def test_a_flipped_byte_in_a_stored_file_is_found(berkas):
    data = bytearray(berkas.read_bytes())
    off = data.find(REALISASI[300:340])  # the uploaded workbook is stored as it came
    assert off > 0
    data[off + 7] ^= 0x40
    berkas.write_bytes(bytes(data))
    r = _cli(berkas, "periksa", "--json")
    assert r.returncode == 2
    hasil = json.loads(r.stdout)
    assert hasil["ok"] is False
    objek = [m["objek"] for m in hasil["masalah"]]
    assert "tabel submission_berkas" in objek and "kiriman #2 (r.xlsx)" in objek
    assert any("checksum tidak cocok" in m["pesan"] for m in hasil["masalah"])
    _jalan_keluar(r.stderr, berkas)


def test_bytes_that_no_longer_match_their_sha256_are_reported(berkas):
    con = db.connect(berkas)
    con.execute("UPDATE submission_berkas SET isi = ?::BLOB WHERE submission_id = 3", [b"lain"])
    con.execute("UPDATE ekspor_berkas SET isi = ?::BLOB", [b"arsip lain"])
    hasil = periksa(con)
    con.close()
    assert not hasil.ok
    assert [(m.objek, "SHA-256" in m.pesan) for m in hasil.masalah] == [
        ("kiriman #3 (lpj.xlsx)", True), ("ekspor #1 (lampiran.xlsx)", True)]
    assert hasil.to_dict()["masalah"][0] == {"objek": "kiriman #3 (lpj.xlsx)",
                                             "pesan": hasil.masalah[0].pesan}


@pytest.mark.parametrize("rusakkan", ["terpotong_separuh", "terpotong_di_batas_blok", "sampah",
                                      "kosong", "kepala_rusak"])
def test_a_damaged_file_is_rusak_with_the_way_out(berkas, rusakkan):
    data = berkas.read_bytes()
    if rusakkan == "terpotong_separuh":
        data = data[: len(data) // 2]
    elif rusakkan == "terpotong_di_batas_blok":
        data = data[: 3 * 4096 + 256 * 1024]  # the headers and the first block only
    elif rusakkan == "sampah":
        data = os.urandom(len(data))
    elif rusakkan == "kosong":
        data = b""
    else:  # the database header (its checksum no longer matches)
        data = data[:4096] + bytes(4096 * 2) + data[3 * 4096:]
    berkas.write_bytes(data)
    for perintah in (["periksa"], ["submissions"]):
        r = _cli(berkas, *perintah)
        assert r.returncode == 2, (perintah, r.stderr)
        _jalan_keluar(r.stderr, berkas)
    with pytest.raises(BasisDataRusak):
        db.connect(berkas).close()
    r = _cli(berkas, "periksa", "--json")
    assert r.returncode == 2 and json.loads(r.stdout)["ok"] is False


def test_pulihkan_repairs_a_database_that_cannot_be_opened(berkas):
    data = berkas.read_bytes()
    berkas.write_bytes(data[: len(data) // 2])
    (snap,) = cadangan.daftar(berkas)
    r = _cli(berkas, "pulihkan", str(snap.berkas))
    assert r.returncode == 0, r.stderr
    assert "Berkas yang rusak disimpan sebagai" in r.stderr
    assert len(list(db.folder_cadangan(berkas).glob("rusak-*.duckdb.rusak"))) == 1
    assert _cli(berkas, "periksa").returncode == 0
    con = db.connect(berkas)
    assert con.execute("SELECT count(*) FROM submission").fetchone()[0] == 3
    con.close()
    # the damaged file kept aside is never offered as the latest snapshot
    assert [c.berkas for c in cadangan.daftar(berkas)] == [snap.berkas]


def test_the_app_shows_a_damaged_database_as_a_message(berkas, monkeypatch):
    from aplikasi import AppTest

    berkas.write_bytes(os.urandom(1000))
    monkeypatch.setenv("LKIP_DB", str(berkas))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    (pesan,) = at.error
    assert "Berkas basis data rusak" in pesan.value and "pulihkan" in pesan.value
