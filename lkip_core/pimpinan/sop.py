"""The 12 steps of SOP 065/767-1.01/BKPSDM "Penyusunan LKIP" with their "mutu baku".

The steps, inputs (kelengkapan), times and outputs are the SOP's "mutu baku" table, copied from
the seed document. The seed lost the tick marks of its "Pelaksana" columns (which of Pelaksana,
Kasubag Perencanaan, Kabid, Sekretaris and Ka. Badan does each step), so the actors below are
assigned the way such an SOP is usually run: the Pelaksana (staff of the Sub Bagian
Perencanaan) does the work under the Kasubag Perencanaan; the Kabid supply and correct their
bidang's data (steps 1, 4, 5); the Sekretaris reviews and signs the covering letters (8, 9); the
Ka. Badan ratifies the book (9). Change `LANGKAH` if the signed SOP says otherwise. The whole
SOP takes 15 working days; the plan against the actual dates is `tahapan.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

AKTOR = ("Pelaksana", "Kasubag Perencanaan", "Kabid", "Sekretaris", "Ka. Badan")


@dataclass(frozen=True)
class Langkah:
    """One step of the SOP with its mutu baku (which page serves it is the pages' business)."""

    nomor: int
    aktivitas: str
    singkat: str
    kelengkapan: str
    waktu: float  # working days, in halves
    output: str
    pelaksana: tuple[str, ...]

    @property
    def setengah_hari(self) -> int:
        return round(self.waktu * 2)


LANGKAH: tuple[Langkah, ...] = (
    Langkah(1, "Pengumpulan data realisasi kinerja fisik dan keuangan dari setiap bidang dan "
            "sekretariat", "Pengumpulan data", "Data Laporan PPTK dan LPJ kegiatan 1 tahun", 1,
            "Berkas", ("Pelaksana", "Kasubag Perencanaan", "Kabid")),
    Langkah(2, "Rekapitulasi data dari bidang", "Rekapitulasi data", "Data Kinerja", 1, "Data",
            ("Pelaksana", "Kasubag Perencanaan")),
    Langkah(3, "Rechecking dan rekonsiliasi data kinerja", "Rekonsiliasi data",
            "LPJ dan Data Kinerja", 1, "Data", ("Pelaksana", "Kasubag Perencanaan")),
    Langkah(4, "Rekap data LKIP disebarkan ke bidang/sekretariat untuk dikoreksi",
            "Koreksi oleh bidang", "Data LKIP", 1, "Data", ("Kasubag Perencanaan", "Kabid")),
    Langkah(5, "Revisi data LKIP", "Revisi data", "Data LKIP", 2, "Data",
            ("Pelaksana", "Kasubag Perencanaan", "Kabid")),
    Langkah(6, "Penyusunan materi/substansi LKIP Bab Pendahuluan s.d. Penutup",
            "Penyusunan Bab I–IV", "Data LKIP", 3, "Data", ("Pelaksana", "Kasubag Perencanaan")),
    Langkah(7, "Penyusunan lampiran I-V LKIP", "Lampiran I–V", "Data LKIP", 2, "Data",
            ("Pelaksana", "Kasubag Perencanaan")),
    Langkah(8, "Pembuatan kata pengantar dan surat-surat administrasi LKIP",
            "Kata pengantar & surat", "Kata Pengantar dan surat pengantar", 0.5, "Berkas",
            ("Kasubag Perencanaan", "Sekretaris")),
    Langkah(9, "Pengesahan buku LKIP", "Pengesahan", "Buku LKIP", 1, "Buku",
            ("Kasubag Perencanaan", "Sekretaris", "Ka. Badan")),
    Langkah(10, "Penyiapan dokumen LKIP untuk dicetak", "Persiapan cetak", "Buku LKIP", 1,
            "Buku", ("Pelaksana",)),
    Langkah(11, "Publikasi dokumen LKIP", "Publikasi", "Buku LKIP", 1, "Buku",
            ("Pelaksana", "Kasubag Perencanaan")),
    Langkah(12, "Pengarsipan dokumen LKIP", "Pengarsipan", "Buku LKIP", 0.5, "Buku",
            ("Pelaksana",)),
)
TOTAL_HARI = sum(s.waktu for s in LANGKAH)  # 15 working days (the SOP's total)
