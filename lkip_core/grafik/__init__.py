"""Charts as pure functions: analysis frames in, a plotly Figure out.

The pages, the briefing deck (PowerPoint) and the PDF use the same functions, so a chart looks
the same everywhere: Indonesian labels and number separators (``separators=",."``), type large
enough for a projector, and one colour per predikat (`gaya.WARNA_PREDIKAT`).
"""

from .anggaran import fisik_keuangan, kuadran_efisiensi, pagu_realisasi, serapan_tw, serapan_unit
from .gaya import TANPA_CAPAIAN, WARNA_PREDIKAT, warna_predikat
from .kinerja import (
    capaian_sasaran,
    capaian_unit,
    distribusi_predikat,
    progres_renstra,
    riwayat_realisasi,
)

__all__ = [
    "TANPA_CAPAIAN", "WARNA_PREDIKAT", "capaian_sasaran", "capaian_unit", "distribusi_predikat",
    "fisik_keuangan", "kuadran_efisiensi", "pagu_realisasi", "progres_renstra",
    "riwayat_realisasi", "serapan_tw", "serapan_unit", "warna_predikat",
]
