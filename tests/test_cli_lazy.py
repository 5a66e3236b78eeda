"""The command line starts light (issue 12, issue 11 item 3): building the parser loads no
pandas, DuckDB or writer; the registry lives apart from cli.py, so the command modules and
cli.py do not import each other."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from conftest import ROOT

PERINTAH = ROOT / "lkip_core" / "perintah"
BERAT = ("pandas", "numpy", "duckdb", "pyarrow", "matplotlib", "openpyxl", "xlsxwriter", "pptx",
         "docx", "python_calamine", "streamlit")

_HELP = """
import json, runpy, sys
sys.argv = ["lkip_core", *{argv!r}]
try:
    runpy.run_module("lkip_core", run_name="__main__")
except SystemExit as exc:
    kode = exc.code
print(json.dumps({{"kode": kode, "modul": sorted(sys.modules)}}), file=sys.stderr)
"""


def _jalankan(*argv: str) -> tuple[dict, str]:
    p = subprocess.run([sys.executable, "-c", _HELP.format(argv=list(argv))], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    return json.loads(p.stderr.strip().splitlines()[-1]), p.stdout


def _berat(modul: list[str]) -> list[str]:
    return sorted(m for m in modul if m.split(".")[0] in BERAT)


def test_help_loads_no_heavy_module():
    hasil, out = _jalankan("--help")
    assert hasil["kode"] == 0 and "import" in out and "export" in out
    assert _berat(hasil["modul"]) == []


def test_a_command_help_loads_no_heavy_module_but_running_one_does(tmp_path):
    hasil, out = _jalankan("import", "--help")
    assert hasil["kode"] == 0 and "--jenis" in out
    assert _berat(hasil["modul"]) == []
    # The lazy imports are really there: running the command loads what it needs.
    hasil, _ = _jalankan("--db", str(tmp_path / "a.duckdb"), "submissions", "--json")
    assert hasil["kode"] == 0 and "duckdb" in hasil["modul"] and "pandas" in hasil["modul"]


def _impor_modul(path) -> set[str]:
    """The modules a file imports at its top level (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nama = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            nama.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            basis = node.module or ""
            if node.level:  # relative: from .. / from .x
                paket = ["lkip_core", "perintah"][: 3 - node.level] if node.level < 3 else []
                basis = ".".join([*paket, *([basis] if basis else [])])
            nama.add(basis)
            nama.update(f"{basis}.{a.name}" for a in node.names)
    return nama


def test_command_modules_and_cli_do_not_import_each_other():
    cli = _impor_modul(PERINTAH / "cli.py")
    assert not any(m.startswith("lkip_core.perintah.") and m not in (
        "lkip_core.perintah.daftar", *(f"lkip_core.perintah.daftar.{n}" for n in (
            "COMMANDS", "say"))) for m in cli), cli
    for path in sorted(PERINTAH.glob("*.py")):
        if path.name in ("cli.py", "__init__.py"):
            continue
        modul = _impor_modul(path)
        assert not any(m.startswith("lkip_core.perintah.cli") for m in modul), path.name
        # every heavy import waits inside the command function
        assert not [m for m in modul if m.split(".")[0] in BERAT], path.name
        # of the core, only modules of the standard library alone (the --help test above
        # checks that they stay so)
        ringan = ("lkip_core.errors", "lkip_core.fmt", "lkip_core.perintah.daftar")
        lkip = {m for m in modul if m.startswith("lkip_core")}
        assert all(m in ringan or m.startswith(tuple(f"{r}." for r in ringan))
                   for m in lkip), (path.name, lkip)


def test_choices_written_out_match_the_core():
    from lkip_core import lampiran, naskah
    from lkip_core.masukan import impor
    from lkip_core.perintah import data
    from lkip_core.perintah import lampiran as perintah_lampiran
    from lkip_core.perintah import naskah as perintah_naskah

    assert data.JENIS == impor.JENIS
    assert perintah_lampiran.LAMPIRAN == lampiran.LAMPIRAN
    assert perintah_naskah.AKSI == tuple(naskah.AKSI)
