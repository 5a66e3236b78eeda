"""The reconciliation rules R01–R14 of shared/spec/reconciliation.md, one registry.

Each rule lives in the module of its domain and registers itself with `@aturan(...)`; importing
the modules below fills `DAFTAR` (code → Aturan). A new rule is a new decorated function (and,
for a new module, one name on the import line); no other rule changes.
"""

from . import fisik, kelengkapan, keuangan, kinerja, lpj  # noqa: F401  (registers the rules)
from ._dasar import DAFTAR, TINGKAT, Aturan, Konteks, kunci

KODE = tuple(sorted(DAFTAR))

__all__ = ["DAFTAR", "KODE", "TINGKAT", "Aturan", "Konteks", "kunci"]
