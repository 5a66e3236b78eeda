"""Large files (issue 12): the size limit is a setting for the page and the command line, the
progress says what is happening with counts, the preview reads only a CSV's head."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from contoh import master_xlsx
from test_berkas_besar import bku_csv

from lkip_core import pengaturan
from lkip_core.masukan.impor import impor


def test_the_upload_limit_is_the_setting_for_import_and_preview(con_master):
    data = bku_csv(15_000)  # about 1,5 MB
    assert 1 << 20 < len(data) < 2 << 20
    pengaturan.simpan(con_master, "batas_unggah_mb", 1, oleh="uji")
    hasil = impor(con_master, [("bku.csv", data)], oleh="uji")
    assert not hasil.ok
    assert "terlalu besar (1.5 MB; batas 1 MB)" in hasil.errors[0].message
    assert "terlalu besar" in submisi_pratinjau(con_master, data)
    pengaturan.simpan(con_master, "batas_unggah_mb", 2, oleh="uji")
    hasil = impor(con_master, [("bku.csv", data)], oleh="uji")
    assert hasil.ok, hasil.errors[:3]
    assert hasil.submissions[0]["baris"] == 15_000


def submisi_pratinjau(con, data: bytes) -> str:
    from lkip_core.masukan.impor import pratinjau

    return pratinjau(con, [("bku.csv", data)])[0]["catatan"]


def test_the_limit_has_a_ceiling_the_page_can_take():
    assert pengaturan.periksa("batas_unggah_mb", 200) == []
    assert pengaturan.periksa("batas_unggah_mb", 0)
    assert "tidak boleh lebih dari 1024" in pengaturan.periksa("batas_unggah_mb", 4096)[0]


def test_the_command_line_uses_the_setting(tmp_path, db_file):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "lkip_core", "--db", str(db_file),
                               *map(str, args)], capture_output=True, text=True)

    (tmp_path / "m.xlsx").write_bytes(master_xlsx())
    (tmp_path / "bku.csv").write_bytes(bku_csv(15_000))
    assert run("import", tmp_path / "m.xlsx").returncode == 0
    from lkip_core import db

    con = db.connect(db_file)
    pengaturan.simpan(con, "batas_unggah_mb", 1, oleh="uji")
    con.close()
    p = run("import", tmp_path / "bku.csv", "--json")
    assert p.returncode == 2 and "batas 1 MB" in json.loads(p.stdout)["errors"][0]["message"]


def test_progress_names_the_step_and_counts_rows(con_master):
    seen: list[tuple[float, str]] = []
    hasil = impor(con_master, [("bku.csv", bku_csv(15_000))], oleh="uji",
                  progress=lambda f, t: seen.append((f, t)))
    assert hasil.ok
    texts = [t for _, t in seen]
    assert any(t.startswith("Membaca bku.csv: 15.003 baris") for t in texts)  # title, blank, header
    assert any("Memeriksa bku.csv" in t and "15.000 baris" in t for t in texts)
    assert any(t.startswith("Memuat 15.000 baris bku.csv") for t in texts)
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_the_preview_reads_only_the_head_of_a_large_csv(con_master, monkeypatch):
    from lkip_core.masukan import berkas_csv
    from lkip_core.masukan.impor import pratinjau

    monkeypatch.setattr(berkas_csv, "baca", lambda *a, **k: pytest.fail("the whole file was read"))
    row = pratinjau(con_master, [("bku.csv", bku_csv(15_000))])[0]
    assert row["jenis"] == "lpj" and row["catatan"] == ""
