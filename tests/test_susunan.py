"""The layout's promises (shared/style.md): the core knows no screen; pages hold no SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_core_never_imports_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "lkip_core").rglob("*.py")
                 if "streamlit" in _imports(p)]
    assert offenders == []


def test_pages_call_the_core_instead_of_the_database():
    sql = re.compile(r"(^|[^a-z_])(import duckdb|\.execute\(|SELECT\s|INSERT\s+INTO)")
    offenders = [p.name for p in (ROOT / "pages").glob("*.py")
                 if sql.search(p.read_text(encoding="utf-8")) or "duckdb" in _imports(p)]
    assert offenders == []


def test_every_page_in_the_navigation_exists_and_every_page_file_is_in_it():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    listed = set(re.findall(r'st\.Page\("(pages/[^"]+\.py)"', app))
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")
               if not p.name.startswith("_")}
    assert listed == on_disk


# --- The core's own shape (issue 11): no import cycle, few top-level entries, small modules ---

CORE = ROOT / "lkip_core"
BATAS_BARIS = 400
BATAS_ENTRI = 15


def _nama_modul(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modul_inti() -> dict[str, Path]:
    return {_nama_modul(p): p for p in CORE.rglob("*.py")}


def _impor_inti(nama: str, path: Path, modul: dict[str, Path]) -> set[str]:
    """The core modules `nama` imports, at any level (a function-level import counts too).

    `from a.b import c` is an edge to a.b.c when that is a module, else to a.b (the package's
    __init__, which defines c)."""
    paket = nama if path.name == "__init__.py" else nama.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in modul}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                dasar = paket.split(".")[: len(paket.split(".")) - (node.level - 1)]
                asal = ".".join(dasar + ([node.module] if node.module else []))
            else:
                asal = node.module or ""
            for a in node.names:
                if f"{asal}.{a.name}" in modul:
                    out.add(f"{asal}.{a.name}")
                elif asal in modul:
                    out.add(asal)
    out.discard(nama)
    return out


def _siklus(graf: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    indeks: dict[str, int] = {}
    rendah: dict[str, int] = {}
    tumpuk: list[str] = []
    di_tumpuk: set[str] = set()
    hasil: list[list[str]] = []
    for awal in graf:
        if awal in indeks:
            continue
        kerja = [(awal, iter(sorted(graf[awal])))]
        indeks[awal] = rendah[awal] = len(indeks)
        tumpuk.append(awal)
        di_tumpuk.add(awal)
        while kerja:
            v, anak = kerja[-1]
            w = next(anak, None)
            if w is not None:
                if w not in indeks:
                    indeks[w] = rendah[w] = len(indeks)
                    tumpuk.append(w)
                    di_tumpuk.add(w)
                    kerja.append((w, iter(sorted(graf[w]))))
                elif w in di_tumpuk:
                    rendah[v] = min(rendah[v], indeks[w])
                continue
            kerja.pop()
            if kerja:
                rendah[kerja[-1][0]] = min(rendah[kerja[-1][0]], rendah[v])
            if rendah[v] == indeks[v]:
                komponen = []
                while True:
                    w = tumpuk.pop()
                    di_tumpuk.discard(w)
                    komponen.append(w)
                    if w == v:
                        break
                if len(komponen) > 1:
                    hasil.append(sorted(komponen))
    return hasil


def test_the_cycle_finder_finds_a_cycle():
    # a → b → c → a is one cycle; d only points into it.
    graf = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _siklus(graf) == [["a", "b", "c"]]
    assert _siklus({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_inside_the_core():
    modul = _modul_inti()
    graf = {n: _impor_inti(n, p, modul) for n, p in modul.items()}
    # the graph is real: the core's package imports its settings, the CLI its registry
    assert "lkip_core.perintah.daftar" in graf["lkip_core.perintah.analisis"]
    assert "lkip_core.pengaturan" in graf["lkip_core.analisis.kinerja"]
    siklus = _siklus(graf)
    rincian = ["; ".join(f"{m} → {sorted(graf[m] & set(s))}" for m in s) for s in siklus]
    assert siklus == [], rincian


def test_the_core_never_imports_pages_or_the_app():
    offenders = [str(p.relative_to(ROOT)) for p in CORE.rglob("*.py")
                 if _imports(p) & {"streamlit", "pages", "app"}]
    assert offenders == []


def test_the_core_has_few_top_level_entries():
    entri = sorted(p.name for p in CORE.iterdir()
                   if p.name not in ("__init__.py", "__main__.py", "__pycache__")
                   and (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())))
    assert len(entri) <= BATAS_ENTRI, entri


def test_every_core_module_is_small():
    besar = {str(p.relative_to(ROOT)): n for p in CORE.rglob("*.py")
             if (n := len(p.read_text(encoding="utf-8").splitlines())) >= BATAS_BARIS}
    assert besar == {}
