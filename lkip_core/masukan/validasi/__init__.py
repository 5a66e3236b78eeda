"""Checks and loading per kind of file (inputs.md §1–3): one module per kind.

Each `muat_*` reads its sheets, checks them against the spec and the active master, and returns
a `Muatan`: the problems found and, when there are no errors, how to store the rows.
"""

from __future__ import annotations

from lkip_core.masukan.validasi.lpj import muat_lpj
from lkip_core.masukan.validasi.master import muat_master
from lkip_core.masukan.validasi.realisasi import muat_realisasi
from lkip_core.masukan.validasi.umum import Muatan, jenis_dari_isi

MUAT = {"master": muat_master, "realisasi": muat_realisasi, "lpj": muat_lpj}

__all__ = ["MUAT", "Muatan", "jenis_dari_isi"]
