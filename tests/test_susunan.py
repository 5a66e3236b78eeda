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
