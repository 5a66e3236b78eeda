"""A small agency whose Bab III numbers are the published ones (domain.md): the master and
realisation workbooks behind tests/test_analisis.py, test_grafik.py, test_narasi.py and
test_pages_analisis.py, built with tests/contoh.py's `workbook()` writer.

- IK.01: target 10,83, realisasi 6,2032 → capaian 57,28 % (Rendah); 2024: 6,31 of 10 → 63,10 %.
- IK.02: capaian 99,92 % on program 5.04.02 (pagu 6.910.387.000, realisasi 6.495.748.767):
  serapan 94,00 %, IE 1,063.
- Kegiatan 5.03.02.2.01: three sub kegiatan (520/280/200 juta, realised 465,4/249,2/174,6 juta):
  rows 89,5/89,0/87,3 % (mean 88,6 %), from sums 88,92 %.
- IK.03/IK.04: negatif, T=8, R=16 (IK.03 without a method, IK.04 "selisih" in the master).
- IK.05/IK.06: capaian 90,5 (Tinggi) and 91 (Sangat Tinggi).
"""

from __future__ import annotations

from contoh import INDIKATOR, SASARAN, UNIT, master_xlsx, realisasi_xlsx

INDIKATOR_UJI = [
    INDIKATOR[0],
    # 10.83 target, 6.2032 realised: 57.28 % (Rendah); 2024: 6.31 of 10 → 63.10 %
    ["IK.01", "S1", "Persentase ASN kompeten", "persen", "positif", None, "terakhir", "ya",
     "BID1", "5.03.02.2.01", 12.5, 2026],
    # 99.92 % on program 5.04.02 (pagu 6,910,387,000; realised 6,495,748,767): IE 1.063
    ["IK.02", "S1", "Persentase ASN memenuhi standar kompetensi", "persen", "positif", None,
     "terakhir", "ya", "BID1", "5.04.02", 80, 2026],
    # negatif without a method: the setting metode_negatif_bawaan decides (T=8, R=16)
    ["IK.03", "S2", "Jumlah pelanggaran disiplin", "kasus", "negatif", None, "terakhir", "tidak",
     "SEKRE", None, None, None],
    # the same numbers with the method fixed in the master
    ["IK.04", "S2", "Jumlah keberatan pegawai", "kasus", "negatif", "selisih", "terakhir",
     "tidak", "SEKRE", None, None, None],
    # predikat boundaries: 90.5 is Tinggi, 91 is Sangat Tinggi
    ["IK.05", "S2", "Indeks kepuasan layanan", "indeks", "positif", None, "terakhir", "tidak",
     "SEKRE", None, None, None],
    ["IK.06", "S2", "Indeks kualitas perencanaan", "indeks", "positif", None, "terakhir",
     "tidak", "SEKRE", None, None, None],
]
TARGET_UJI = [
    ["Kode Indikator", "Tahun", "Target PK", "Target TW I", "Target TW II", "Target TW III",
     "Target TW IV"],
    ["IK.01", 2024, 10, None, None, None, None],
    ["IK.01", 2025, 10.83, 2.5, 5, 7.5, 10.83],
    ["IK.02", 2025, 75, None, None, None, None],
    ["IK.03", 2025, 8, None, None, None, None],
    ["IK.04", 2025, 8, None, None, None, None],
    ["IK.05", 2025, 100, None, None, None, None],
    ["IK.06", 2025, 100, None, None, None, None],
]
_PROG = ("PROGRAM KEPEGAWAIAN DAERAH", "Pengembangan kompetensi")
_SDM = ("PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA", "Pengembangan SDM")
ANGGARAN_UJI = [
    ["Tahun", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Unit", "Pagu", "Nama Program",
     "Nama Kegiatan", "RAK TW I", "RAK TW II", "RAK TW III", "RAK TW IV"],
    # One kegiatan, three sub kegiatan: rows 89.5 / 89.0 / 87.3 % (mean 88.6), sums 88.92 %.
    [2025, "5.03.02.2.01.0001", "Diklat teknis", "BID1", 520_000_000, *_PROG,
     130_000_000, 130_000_000, 130_000_000, 130_000_000],
    [2025, "5.03.02.2.01.0002", "Uji kompetensi", "BID1", 280_000_000, *_PROG,
     70_000_000, 70_000_000, 70_000_000, 70_000_000],
    [2025, "5.03.02.2.01.0003", "Sertifikasi", "BID1", 200_000_000, *_PROG,
     50_000_000, 50_000_000, 50_000_000, 50_000_000],
    # Program 5.04.02: pagu 6,910,387,000 in two kegiatan.
    [2025, "5.04.02.2.01.0001", "Pelatihan kepemimpinan", "BID1", 4_000_000_000, *_SDM,
     1_000_000_000, 1_000_000_000, 1_000_000_000, 1_000_000_000],
    [2025, "5.04.02.2.02.0001", "Pengembangan karier", "BID1", 2_910_387_000, *_SDM,
     None, None, None, None],
    [2024, "5.03.02.2.01.0001", "Diklat teknis", "BID1", 500_000_000, *_PROG,
     None, None, None, None],
]
REALISASI_LALU_UJI = [["Kode Indikator", "Tahun", "Realisasi"], ["IK.01", 2024, 6.31]]

KINERJA_HDR = ["Kode Indikator", "Indikator Kinerja", "Satuan", "Target", "Realisasi TW I",
               "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV", "Capaian (%)",
               "Permasalahan", "Upaya"]
KINERJA_BID1_UJI = [
    KINERJA_HDR,
    ["IK.01", "Persentase ASN kompeten", "persen", 10.83, 2.1, 4.0, 5.5, 6.2032, 57.28,
     "Anggaran diklat dipotong", "Kerja sama dengan BPSDM provinsi"],
    ["IK.02", "Persentase ASN memenuhi standar kompetensi", "persen", 75, 70, 72, 74, 74.94,
     99.92, None, None],
]
KINERJA_SEKRE_UJI = [
    KINERJA_HDR,
    ["IK.03", "Jumlah pelanggaran disiplin", "kasus", 8, None, None, None, 16, None, None, None],
    ["IK.04", "Jumlah keberatan pegawai", "kasus", 8, None, None, None, 16, None, None, None],
    ["IK.05", "Indeks kepuasan layanan", "indeks", 100, None, None, None, 90.5, None, None, None],
    ["IK.06", "Indeks kualitas perencanaan", "indeks", 100, None, None, None, 91, None, None,
     None],
]
ANGGARAN_HDR = ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu", "Keuangan TW I",
                "Keuangan TW II", "Keuangan TW III", "Keuangan TW IV", "Fisik TW I",
                "Fisik TW II", "Fisik TW III", "Fisik TW IV", "Keterangan"]
ANGGARAN_BID1_UJI = [
    ANGGARAN_HDR,
    ["5.03.02.2.01.0001", "Diklat teknis", 520_000_000, 100_000_000, 120_000_000, 110_000_000,
     135_400_000, 20, 45, 70, 95, None],
    ["5.03.02.2.01.0002", "Uji kompetensi", 280_000_000, 60_000_000, 60_000_000, 60_000_000,
     69_200_000, 20, 45, 70, 90, None],
    ["5.03.02.2.01.0003", "Sertifikasi", 200_000_000, 40_000_000, 40_000_000, 40_000_000,
     54_600_000, 20, 45, 70, 88, None],
    ["5.04.02.2.01.0001", "Pelatihan kepemimpinan", 4_000_000_000, 900_000_000,
     1_000_000_000, 900_000_000, 1_000_000_000, 25, 50, 75, 100, None],
    ["5.04.02.2.02.0001", "Pengembangan karier", 2_910_387_000, 600_000_000, 700_000_000,
     695_748_767, 700_000_000, 25, 50, 75, 98, None],
]


def master_uji() -> bytes:
    return master_xlsx(unit=UNIT, sasaran=SASARAN, indikator=INDIKATOR_UJI, target=TARGET_UJI,
                       anggaran=ANGGARAN_UJI, realisasi_lalu=REALISASI_LALU_UJI)


def berkas_uji() -> list[tuple[str, bytes]]:
    return [("master.xlsx", master_uji()),
            ("bid1.xlsx", realisasi_xlsx(KINERJA_BID1_UJI, ANGGARAN_BID1_UJI, unit="BID1")),
            ("sekre.xlsx", realisasi_xlsx(KINERJA_SEKRE_UJI, None, unit="SEKRE"))]
