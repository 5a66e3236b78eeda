"""The command line as a user runs it: exit codes, JSON on stdout, messages on stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
from conftest import ROOT
from contoh import KINERJA_BID1, lpj_xlsx, master_xlsx, realisasi_xlsx


def run(db, *args):
    p = subprocess.run([sys.executable, "-m", "lkip_core", "--db", str(db), *map(str, args)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_import_json_shape_and_submissions(tmp_path, db_file):
    m = write(tmp_path, "master.xlsx", master_xlsx())
    r = write(tmp_path, "r.xlsx", realisasi_xlsx())
    lpj = write(tmp_path, "lpj.xlsx", lpj_xlsx())
    code, out, err = run(db_file, "import", m, r, lpj, "--oleh", "Staf", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) >= {"ok", "submissions", "errors", "warnings"}
    assert doc["ok"] is True
    assert [s["jenis"] for s in doc["submissions"]] == ["master", "realisasi", "lpj"]
    assert set(doc["submissions"][1]) >= {"id", "jenis", "kode_unit", "tahun", "baris"}
    assert doc["submissions"][1]["kode_unit"] == "BID1"
    assert "dimuat sebagai kiriman" in err

    code, out, _ = run(db_file, "submissions", "--json")
    rows = json.loads(out)
    assert code == 0 and {r["status"] for r in rows} == {"aktif"} and len(rows) == 3
    assert all(len(r["sha256"]) == 64 and r["oleh"] == "Staf" for r in rows)

    # Identical bytes again: a no-op that says so.
    code, out, err = run(db_file, "import", r, "--json")
    assert code == 0 and json.loads(out)["submissions"] == [] and "sama persis" in err


def test_refused_file_exits_2_lists_every_error_and_changes_nothing(tmp_path, db_file):
    m = write(tmp_path, "master.xlsx", master_xlsx())
    assert run(db_file, "import", m)[0] == 0
    kin = [row[:] for row in KINERJA_BID1]
    kin[1][4] = "dua koma satu"
    kin[2][5] = "#VALUE!"
    bad = write(tmp_path, "r.xlsx", realisasi_xlsx(kin))
    code, out, err = run(db_file, "import", bad, "--json")
    assert code == 2
    doc = json.loads(out)
    assert doc["ok"] is False and len(doc["errors"]) == 2
    assert {(e["sheet"], e["row"]) for e in doc["errors"]} == {("kinerja", 2), ("kinerja", 3)}
    assert all(set(e) == {"file", "sheet", "row", "column", "value", "message"}
               for e in doc["errors"])
    assert "tidak ada yang dimuat" in err
    assert len(json.loads(run(db_file, "submissions", "--json")[1])) == 1


def test_not_a_spreadsheet_and_empty_file_exit_2(tmp_path, db_file):
    for name, data in (("kosong.xlsx", b""), ("teks.csv", b"\x00\x01\x02 bukan tabel")):
        code, _, err = run(db_file, "import", write(tmp_path, name, data))
        assert code == 2, err
        assert "Ditolak" in err


def test_template_then_import_without_options_and_rollback(tmp_path, db_file):
    run(db_file, "import", write(tmp_path, "master.xlsx", master_xlsx()))
    out = tmp_path / "tpl.xlsx"
    code, _, err = run(db_file, "template", "--unit", "BID1", "--tahun", 2025, "--out", out)
    assert code == 0, err
    wb = openpyxl.load_workbook(out)
    ws = wb["kinerja"]
    header = [c.value for c in ws[4]]
    ws.cell(row=5, column=header.index("Realisasi TW I") + 1, value=3.5)
    wb.save(out)
    code, outp, err = run(db_file, "import", out, "--json")
    assert code == 0, err
    first = json.loads(outp)["submissions"][0]
    assert (first["kode_unit"], first["tahun"]) == ("BID1", 2025)
    ws.cell(row=5, column=header.index("Realisasi TW I") + 1, value=4.0)
    wb.save(out)
    assert run(db_file, "import", out)[0] == 0
    code, _, err = run(db_file, "rollback", first["id"])
    assert code == 0 and f"#{first['id']} aktif kembali" in err
    code, _, err = run(db_file, "rollback", 999)
    assert code == 2 and "tidak ada" in err


def test_unknown_unit_or_year_exit_2(tmp_path, db_file):
    run(db_file, "import", write(tmp_path, "master.xlsx", master_xlsx()))
    code, _, err = run(db_file, "template", "--unit", "XXX", "--tahun", 2025, "--out",
                       tmp_path / "x.xlsx")
    assert code == 2 and "XXX" in err
    code, _, err = run(db_file, "capaian", "--tahun", 1999, "--json")
    assert code == 2 and "1999" in err
