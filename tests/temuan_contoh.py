"""Real reconciliation findings of known content, for the leadership tests (no fakes).

On the test master with BID1's 2025 realisation (`contoh.realisasi_xlsx`) and no LPJ, the real
rules find: R01 and R02 galat for BID1's 2 sub kegiatan in each of the 4 TW (8 + 8), R14 galat
for SEKRE (nothing sent), and — with `capaian_ekstrem_atas` at 100 — R12 peringatan for IK.02
(capaian 110 %). `tanam` then reviews some of them through the real review action, leaving
open: R01 6 galat (5 baru, 1 diperiksa), R12 1 peringatan, R14 1 galat; 18 findings in all.
"""

from __future__ import annotations

from lkip_core import pengaturan
from lkip_core.rekonsiliasi import rekonsiliasi, tinjau

TOTAL, TERBUKA, GALAT_TERBUKA = 18, 8, 7
GALAT_PER_UNIT = [("BID1", "Bidang Satu", 6), ("SEKRE", "Sekretariat", 1)]


def tanam(con) -> None:
    """Record the findings above and their reviews in `con` (BID1's realisation imported)."""
    pengaturan.simpan(con, "capaian_ekstrem_atas", 100, oleh="uji")
    rekonsiliasi(con.cursor(), 2025)  # recorded, so that they can be reviewed
    r01 = "R01|2025|{}|5.03.02.2.01.000{}"
    tinjau(con, r01.format(1, 1), "diperiksa", None, oleh="uji")
    tinjau(con, r01.format(1, 2), "selesai", None, oleh="uji")
    tinjau(con, r01.format(2, 1), "diterima", "sudah dijelaskan", oleh="uji")
    for tw in range(1, 5):
        for sub in (1, 2):
            tinjau(con, f"R02|2025|{tw}|5.03.02.2.01.000{sub}", "selesai", None, oleh="uji")
