"""Small input workbooks built in code for tests: a master, realisation files, LPJ files.

Written with xlsxwriter exactly as a user's spreadsheet would be, so tests read real files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import xlsxwriter

UNIT = [
    ["Kode Unit", "Nama Unit", "Jenis Unit", "Kode Induk", "Nama Pejabat", "NIP Pejabat"],
    ["OPD", "Badan Contoh", "opd", None, "Kepala Contoh", "19700101 199001 1 001"],
    ["SEKRE", "Sekretariat", "sekretariat", "OPD", "Sekretaris Contoh", "19710101 199101 1 001"],
    ["BID1", "Bidang Satu", "bidang", "OPD", "Kabid Satu", "19720101 199201 1 001"],
]
SASARAN = [
    ["Kode Sasaran", "Uraian Sasaran", "Tingkat", "Kode Induk"],
    ["S1", "Meningkatnya kompetensi ASN", "sasaran_strategis", None],
    ["S2", "Meningkatnya akuntabilitas", "sasaran_strategis", None],
]
INDIKATOR = [
    ["Kode Indikator", "Kode Sasaran", "Uraian Indikator", "Satuan", "Polaritas",
     "Metode Negatif", "Agregasi", "IKU", "Kode Unit", "Kode Program", "Target Akhir Renstra",
     "Tahun Akhir Renstra"],
    ["IK.01", "S1", "Persentase ASN kompeten", "persen", "positif", None, "terakhir", "ya",
     "BID1", "5.03.02", 80, 2026],
    ["IK.02", "S1", "Jumlah ASN mengikuti diklat", "orang", "positif", None, "jumlah", "tidak",
     "BID1", "5.03.02.2.01", 1000, 2026],
    ["IK.03", "S2", "Persentase ASN dijatuhi hukuman disiplin", "persen", "negatif", "selisih",
     "terakhir", "ya", "SEKRE", "5.03.01", 1, 2026],
]
TARGET = [
    ["Kode Indikator", "Tahun", "Target PK", "Target TW I", "Target TW II", "Target TW III",
     "Target TW IV"],
    ["IK.01", 2024, 10, None, None, None, None],
    ["IK.01", 2025, 10.83, 2.5, 5, 7.5, 10.83],
    ["IK.02", 2024, 180, None, None, None, None],
    ["IK.02", 2025, 200, 50, 50, 50, 50],  # jumlah: each TW's own target, like its realisasi
    ["IK.03", 2024, 2, None, None, None, None],
    ["IK.03", 2025, 2, None, None, None, None],
]
ANGGARAN = [
    ["Tahun", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Unit", "Pagu", "Nama Program",
     "Nama Kegiatan", "RAK TW I", "RAK TW II", "RAK TW III", "RAK TW IV"],
    [2025, "5.03.02.2.01.0001", "Pelaksanaan diklat", "BID1", 1_000_000_000,
     "PROGRAM KEPEGAWAIAN DAERAH", "Pengembangan kompetensi", 200_000_000, 300_000_000,
     300_000_000, 200_000_000],
    [2025, "5.03.02.2.01.0002", "Uji kompetensi", "BID1", 500_000_000,
     "PROGRAM KEPEGAWAIAN DAERAH", "Pengembangan kompetensi", 100_000_000, 100_000_000,
     150_000_000, 150_000_000],
    [2025, "5.03.01.1.01.0001", "Penyusunan dokumen perencanaan", "SEKRE", 250_000_000,
     "PROGRAM PENUNJANG", "Perencanaan", 50_000_000, 50_000_000, 75_000_000, 75_000_000],
    [2024, "5.03.01.1.01.0001", "Penyusunan dokumen perencanaan", "SEKRE", 240_000_000,
     "PROGRAM PENUNJANG", "Perencanaan", None, None, None, None],
]
REALISASI_LALU = [
    ["Kode Indikator", "Tahun", "Realisasi"],
    ["IK.01", 2023, 9.1],
    ["IK.02", 2023, 150],
]


def _write_sheet(wb, name, rows, header_row: int = 0):
    ws = wb.add_worksheet(name)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(header_row + i, j, v)
            elif isinstance(v, dt.date):
                ws.write_datetime(header_row + i, j, dt.datetime.combine(v, dt.time()),
                                  wb.add_format({"num_format": "dd/mm/yyyy"}))
            else:
                ws.write_number(header_row + i, j, v)
    return ws


def workbook(sheets: dict[str, list[list]], hidden: dict[str, list[list]] | None = None) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    # A fixed creation time: the same content gives the same bytes in any second (tests of
    # "identical bytes are a no-op" would otherwise fail across a second boundary).
    wb.set_properties({"created": dt.datetime(2025, 1, 1)})
    for name, rows in sheets.items():
        _write_sheet(wb, name, rows)
    for name, rows in (hidden or {}).items():
        _write_sheet(wb, name, rows).hide()
    wb.close()
    return buf.getvalue()


def master_xlsx(**replace: list[list]) -> bytes:
    sheets = {"unit": UNIT, "sasaran": SASARAN, "indikator": INDIKATOR, "target": TARGET,
              "anggaran": ANGGARAN, "realisasi_lalu": REALISASI_LALU}
    sheets.update(replace)
    return workbook(sheets)


# The clean realisation of BID1 for 2025, as canonical rows.
KINERJA_BID1 = [
    ["Kode Indikator", "Indikator Kinerja", "Satuan", "Target", "Realisasi TW I",
     "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV", "Capaian (%)", "Permasalahan",
     "Upaya"],
    ["IK.01", "Persentase ASN kompeten", "persen", 10.83, 2.1, 4.0, 5.5, 6.2032, 57.28,
     "Anggaran diklat dipotong", "Kerja sama dengan BPSDM provinsi"],
    ["IK.02", "Jumlah ASN mengikuti diklat", "orang", 200, 40, 60, 50, 70, 110, None, None],
]
ANGGARAN_BID1 = [
    ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu", "Keuangan TW I", "Keuangan TW II",
     "Keuangan TW III", "Keuangan TW IV", "Fisik TW I", "Fisik TW II", "Fisik TW III",
     "Fisik TW IV", "Keterangan"],
    ["5.03.02.2.01.0001", "Pelaksanaan diklat", 1_000_000_000, 150_000_000, 250_000_000.5,
     300_000_000, 180_000_000, 20, 45, 75, 100, None],
    ["5.03.02.2.01.0002", "Uji kompetensi", 500_000_000, 90_000_000, 100_000_000, 140_000_000,
     120_000_000, 15, 40, 70, 95, None],
]


def realisasi_xlsx(kinerja=KINERJA_BID1, anggaran=ANGGARAN_BID1, *, unit="BID1", tahun=2025,
                   meta: bool = True) -> bytes:
    hidden = {"_lkip": [["jenis", "realisasi"], ["kode_unit", unit], ["tahun", tahun]]}
    sheets = {}
    if kinerja is not None:
        sheets["kinerja"] = kinerja
    if anggaran is not None:
        sheets["anggaran"] = anggaran
    return workbook(sheets, hidden if meta else None)


LPJ_ROWS = [
    ["Tanggal", "Nomor Bukti", "Kode Sub Kegiatan", "Kode Rekening", "Uraian", "Jumlah", "Jenis"],
    [dt.date(2025, 2, 10), "0001/SP2D/LS/2025", "5.03.02.2.01.0001", "5.1.02.01.01.0024",
     "Honorarium narasumber", 150_000_000, "LS"],
    [dt.date(2025, 3, 31), "0002/SP2D/GU/2025", "5.03.02.2.01.0002", "5.1.02.01.01.0026",
     "Belanja ATK", 90_000_000.25, "GU"],
    [dt.date(2025, 5, 2), "0003/SP2D/LS/2025", "5.03.02.2.01.0001", "5.1.02.02.01.0003",
     "Sewa gedung", 250_000_000, "LS"],
    [dt.date(2025, 11, 20), "0004/SP2D/LS/2025", "5.03.01.1.01.0001", "5.1.02.01.01.0001",
     "Pengembalian", -1_500_000, "LS"],
]


def lpj_xlsx(rows=LPJ_ROWS) -> bytes:
    return workbook({"lpj": rows})


def csv_bytes(rows: list[list], *, delimiter: str = ";", encoding: str = "cp1252") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue().encode(encoding)
