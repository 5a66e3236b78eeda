"""The realisation template (SOP step 1), read back with openpyxl."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from lkip_core.db import connect
from lkip_core.errors import NotFound
from lkip_core.masukan import kolom
from lkip_core.masukan.template import nama_template, tulis_template

INDIKATOR = [
    # kode, sasaran, uraian, satuan, unit, target_pk 2025
    ("IK.02", "S.01", "Persentase ASN yang mengikuti uji kompetensi", "persen", "PKA", 10.83),
    ("IK.01", "S.01", "Jumlah ASN yang mengikuti pelatihan teknis", "orang", "PKA", 400.0),
    ("IK.03", "S.02", "Indeks kepuasan layanan", "indeks", "SEKRE", 80.0),
]
ANGGARAN = [
    ("5.04.02.2.01.0002", "Penyelenggaraan Pelatihan Teknis", "PKA", Decimal("950000000")),
    ("5.04.02.2.01.0001", "Pelaksanaan Diklat Kepemimpinan", "PKA", Decimal("1250500000.00")),
    ("5.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan", "SEKRE", Decimal("120000000")),
]


@pytest.fixture
def con():
    """An in-memory database with a small active master for 2025, built with plain INSERTs."""
    c = connect(":memory:")
    c.execute(
        "INSERT INTO submission (id, jenis, nama_berkas, sha256, ukuran, oleh, waktu, baris, "
        "baris_dilewati, status, urutan) VALUES (1, 'master', 'master.xlsx', 'x', 1, 'uji', "
        "now(), 10, 0, 'aktif', 1)"
    )
    c.execute("INSERT INTO master_tahun VALUES (1, 2025)")
    c.executemany(
        "INSERT INTO unit VALUES (1, NULL, ?, ?, ?, ?, ?, NULL)",
        [
            ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM Kota Contoh", "opd", None, "A"),
            ("SEKRE", "Sekretariat", "sekretariat", "BKPSDM", "B"),
            ("PKA", "Bidang Pengembangan Kompetensi Aparatur", "bidang", "BKPSDM", "C"),
        ],
    )
    c.executemany(
        "INSERT INTO sasaran VALUES (1, NULL, ?, ?, 'sasaran_strategis', NULL)",
        [("S.01", "Meningkatnya kompetensi ASN"), ("S.02", "Meningkatnya pelayanan")],
    )
    for kode, sas, uraian, satuan, unit, target in INDIKATOR:
        c.execute(
            "INSERT INTO indikator VALUES (1, NULL, ?, ?, ?, ?, 'positif', 'selisih', "
            "'terakhir', true, NULL, NULL, ?, '5.04.02', NULL, NULL, NULL)",
            [kode, sas, uraian, satuan, unit],
        )
        c.execute(
            "INSERT INTO target VALUES (1, NULL, ?, 2025, ?, NULL, NULL, NULL, NULL, NULL)",
            [kode, target],
        )
    for kode, nama, unit, pagu in ANGGARAN:
        c.execute(
            "INSERT INTO anggaran VALUES (1, NULL, 2025, ?, ?, ?, ?, NULL, NULL, "
            "NULL, NULL, NULL, NULL)",
            [kode, nama, unit, pagu],
        )
    yield c
    c.close()


def _buka(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _kolom(ws, nama: str, lembar: kolom.Lembar) -> int:
    return [k.nama for k in lembar.kolom].index(nama) + 1


def test_nama_template():
    assert nama_template("SEKRE", 2025) == "realisasi_SEKRE_2025.xlsx"


def test_sheets_header_title_and_meta(con):
    wb = _buka(tulis_template(con, "PKA", 2025))
    assert wb.sheetnames == ["kinerja", "anggaran", "petunjuk", kolom.META_SHEET]
    for nama, lembar, judul in (
        ("kinerja", kolom.KINERJA, "REALISASI KINERJA"),
        ("anggaran", kolom.ANGGARAN_REALISASI, "REALISASI ANGGARAN"),
    ):
        ws = wb[nama]
        assert ws["A1"].value == (
            f"{judul} BIDANG PENGEMBANGAN KOMPETENSI APARATUR TAHUN 2025"
        )
        assert ws["A2"].value == "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM KOTA CONTOH"
        assert ws["A3"].value is None
        assert [c.value for c in ws[4]] == [k.header for k in lembar.kolom]
        assert ws.freeze_panes == "B5"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9
    meta = wb[kolom.META_SHEET]
    assert meta.sheet_state == "hidden"
    assert [[c.value for c in r] for r in meta.iter_rows(max_col=2)] == [
        ["jenis", "realisasi"], ["kode_unit", "PKA"], ["tahun", 2025], ["versi_template", 1]
    ]
    assert meta["B2"].data_type == "s"


def test_rows_codes_echoes_and_order(con):
    wb = _buka(tulis_template(con, "PKA", 2025))
    ws = wb["kinerja"]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in rows] == ["IK.01", "IK.02"]  # by sasaran, then code; SEKRE's left out
    assert rows[1][1:4] == ("Persentase ASN yang mengikuti uji kompetensi", "persen", 10.83)
    assert ws["A5"].data_type == "s"
    assert ws["D5"].number_format == "0.00"
    wa = wb["anggaran"]
    rows = list(wa.iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in rows] == ["5.04.02.2.01.0001", "5.04.02.2.01.0002"]
    assert rows[0][2] == 1250500000 and isinstance(rows[0][2], int | float)
    assert wa["A5"].data_type == "s"
    assert wa["C5"].number_format == "#,##0"
    assert wa["D5"].number_format == "#,##0"  # keuangan
    assert wa[f"{openpyxl.utils.get_column_letter(8)}5"].number_format == "0.00"  # fisik TW I


def test_locked_inputs_protection_and_validation(con):
    wb = _buka(tulis_template(con, "PKA", 2025))
    for nama, lembar in (("kinerja", kolom.KINERJA), ("anggaran", kolom.ANGGARAN_REALISASI)):
        ws = wb[nama]
        assert ws.protection.sheet is True
        masukan = {
            "kinerja": {"realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4",
                        "capaian", "permasalahan", "upaya", "bukti"},
            "anggaran": {"keuangan_tw1", "keuangan_tw2", "keuangan_tw3", "keuangan_tw4",
                         "fisik_tw1", "fisik_tw2", "fisik_tw3", "fisik_tw4", "keterangan"},
        }[nama]
        for c, k in enumerate(lembar.kolom, start=1):
            for r in (5, 6):
                assert ws.cell(r, c).protection.locked is (k.nama not in masukan), (nama, k.nama)
        dv = {str(d.sqref): d for d in ws.data_validations.dataValidation}
        assert dv, nama
        assert all(d.showErrorMessage and d.error for d in dv.values())
    ws = wb["anggaran"]
    dv = {str(d.sqref): d for d in ws.data_validations.dataValidation}
    fisik = dv["H5:H6"]
    assert (fisik.type, fisik.formula1, fisik.formula2) == ("decimal", "0", "100")
    keu = dv["D5:D6"]
    assert keu.type == "decimal" and float(keu.formula1) < 0 and "Keterangan" in keu.prompt
    real = {str(d.sqref): d for d in wb["kinerja"].data_validations.dataValidation}["E5:E6"]
    assert (real.type, real.operator, real.formula1) == ("decimal", "greaterThanOrEqual", "0")


def test_isi_fills_inputs_and_overrides_echoes(con):
    isi = {
        "kinerja": {
            "IK.02": {"realisasi_tw1": 2.5, "realisasi_tw4": 6.2032, "capaian": 57.28,
                      "permasalahan": "Anggaran uji kompetensi terbatas", "target": 12},
        },
        "anggaran": {
            "5.04.02.2.01.0001": {"keuangan_tw1": Decimal("125000000.00"), "fisik_tw1": 12.5,
                                  "keterangan": "Sesuai SP2D", "pagu": Decimal("1300000000")},
        },
    }
    wb = _buka(tulis_template(con, "PKA", 2025, isi=isi))
    row = next(wb["kinerja"].iter_rows(min_row=6, max_row=6, values_only=True))
    assert row[0] == "IK.02"
    assert row[3] == 12  # overridden echo
    assert row[4] == 2.5 and row[5] is None and row[7] == 6.2032
    assert row[8] == 57.28 and row[9] == "Anggaran uji kompetensi terbatas"
    row = next(wb["anggaran"].iter_rows(min_row=5, max_row=5, values_only=True))
    assert row[2] == 1300000000 and row[3] == 125000000 and row[7] == 12.5
    assert row[-1] == "Sesuai SP2D"
    assert wb["kinerja"]["E6"].protection.locked is False  # filled input stays unlocked


def test_deterministic_bytes(con):
    assert tulis_template(con, "PKA", 2025) == tulis_template(con, "PKA", 2025)


def test_unknown_unit_or_year(con):
    with pytest.raises(NotFound, match="XYZ"):
        tulis_template(con, "XYZ", 2025)
    with pytest.raises(NotFound, match="2019"):
        tulis_template(con, "PKA", 2019)



def test_unit_with_nothing_to_report_gets_empty_layout(con):
    wb = _buka(tulis_template(con, "BKPSDM", 2025))
    assert wb["kinerja"].max_row == 4 and wb["anggaran"].max_row == 4
    assert [c.value for c in wb["kinerja"][4]] == [k.header for k in kolom.KINERJA.kolom]
