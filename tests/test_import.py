"""The import path end to end: real workbooks in, rows in DuckDB out (inputs.md)."""

from __future__ import annotations

import io
import zipfile

import pytest
from contoh import (
    ANGGARAN_BID1,
    KINERJA_BID1,
    LPJ_ROWS,
    csv_bytes,
    lpj_xlsx,
    master_xlsx,
    realisasi_xlsx,
)

from lkip_core.masukan.impor import impor


def snapshot(con) -> dict:
    """Every table's row count: proves an import that failed changed nothing."""
    tables = ["submission", "submission_berkas", "master_tahun", "unit", "sasaran", "indikator",
              "target", "anggaran", "realisasi_lalu", "realisasi_kinerja", "realisasi_anggaran",
              "lpj"]
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_master_loads_every_sheet(con):
    hasil = impor(con, [("master.xlsx", master_xlsx())], oleh="uji")
    assert hasil.ok, hasil.errors
    assert hasil.submissions[0]["jenis"] == "master"
    assert con.execute("SELECT count(*) FROM v_indikator").fetchone()[0] == 3
    assert con.execute("SELECT list(tahun ORDER BY tahun) FROM v_master_tahun").fetchone()[0] == [
        2024, 2025]
    # Defaults from the spec where the master leaves a cell empty.
    assert con.execute(
        "SELECT metode_negatif, iku FROM v_indikator WHERE kode_indikator = 'IK.01'"
    ).fetchone() == (None, True)
    # Money is exact.
    assert con.execute("SELECT sum(pagu) FROM v_anggaran WHERE tahun = 2025").fetchone()[0] == (
        1_750_000_000)


def test_realisasi_from_template_needs_no_option(con_master):
    hasil = impor(con_master, [("apa_saja.xlsx", realisasi_xlsx())], oleh="Kabid")
    assert hasil.ok, hasil.errors
    s = hasil.submissions[0]
    assert (s["jenis"], s["kode_unit"], s["tahun"], s["baris"]) == ("realisasi", "BID1", 2025, 4)
    row = con_master.execute(
        "SELECT realisasi_tw4, capaian FROM v_realisasi_kinerja WHERE kode_indikator = 'IK.01'"
    ).fetchone()
    assert row == (6.2032, 57.28)
    k2 = con_master.execute(
        "SELECT keuangan_tw2 FROM v_realisasi_anggaran WHERE kode_sub_kegiatan = "
        "'5.03.02.2.01.0001'").fetchone()[0]
    assert str(k2) == "250000000.50"


def test_unit_and_year_detected_from_codes(con_master):
    hasil = impor(con_master, [("bid1.xlsx", realisasi_xlsx(meta=False))], oleh="uji")
    assert hasil.ok, hasil.errors
    assert (hasil.submissions[0]["kode_unit"], hasil.submissions[0]["tahun"]) == ("BID1", 2025)


def test_codes_of_two_units_are_ambiguous_and_refused(con_master):
    kin = KINERJA_BID1 + [["IK.03", "x", "persen", 2, 1, 1, 1, 1, None, None, None]]
    hasil = impor(con_master, [("campur.xlsx", realisasi_xlsx(kin, None, meta=False))],
                  oleh="uji")
    assert not hasil.ok
    assert "tidak dapat ditentukan" in hasil.errors[0].message


def test_identical_bytes_is_a_noop_and_revision_supersedes(con_master):
    data = realisasi_xlsx()
    first = impor(con_master, [("r.xlsx", data)], oleh="a")
    again = impor(con_master, [("r.xlsx", data)], oleh="a")
    assert again.ok and again.submissions == [] and again.sama[0]["id"] == first.submissions[0]["id"]
    changed = [row[:] for row in KINERJA_BID1]
    changed[1][7] = 7.5
    rev = impor(con_master, [("r2.xlsx", realisasi_xlsx(changed))], oleh="a")
    assert rev.ok
    status = dict(con_master.execute("SELECT id, status FROM submission WHERE jenis = "
                                     "'realisasi'").fetchall())
    assert status == {first.submissions[0]["id"]: "diganti", rev.submissions[0]["id"]: "aktif"}
    assert con_master.execute("SELECT realisasi_tw4 FROM v_realisasi_kinerja WHERE "
                              "kode_indikator = 'IK.01'").fetchone()[0] == 7.5


def test_rollback_restores_the_older_revision(con_master):
    from lkip_core.masukan import submisi

    a = impor(con_master, [("a.xlsx", realisasi_xlsx())], oleh="a").submissions[0]["id"]
    changed = [row[:] for row in KINERJA_BID1]
    changed[1][7] = 9.9
    impor(con_master, [("b.xlsx", realisasi_xlsx(changed))], oleh="a")
    submisi.rollback(con_master, a, oleh="uji")
    assert con_master.execute("SELECT realisasi_tw4 FROM v_realisasi_kinerja WHERE "
                              "kode_indikator = 'IK.01'").fetchone()[0] == 6.2032
    # Nothing was deleted: both revisions and their bytes are kept.
    assert con_master.execute("SELECT count(*) FROM submission_berkas").fetchone()[0] == 3


def test_lpj_year_and_refunds(con_master):
    hasil = impor(con_master, [("lpj.xlsx", lpj_xlsx())], oleh="keuangan")
    assert hasil.ok, hasil.errors
    assert hasil.submissions[0]["tahun"] == 2025
    total = con_master.execute("SELECT sum(jumlah) FROM v_lpj WHERE tahun = 2025").fetchone()[0]
    assert str(total) == "488500000.25"


def test_master_replaced_for_its_years_only(con_master):
    only_2025 = [r for r in __import__("contoh").TARGET if r[1] != 2024]
    anggaran = [r for r in __import__("contoh").ANGGARAN if r[0] != 2024]
    hasil = impor(con_master, [("m2.xlsx", master_xlsx(target=only_2025, anggaran=anggaran))],
                  oleh="uji")
    assert hasil.ok, hasil.errors
    # The first master still governs 2024, so it stays active.
    assert con_master.execute("SELECT count(*) FROM submission WHERE jenis='master' AND "
                              "status='aktif'").fetchone()[0] == 2
    gov = dict(con_master.execute("SELECT tahun, submission_id FROM v_master_tahun").fetchall())
    assert gov[2025] == hasil.submissions[0]["id"] and gov[2024] != gov[2025]


# --- Refusals: exit 2 in the command line, every problem listed, the database unchanged -------

def refused(con, name, data, **kw):
    before = snapshot(con)
    hasil = impor(con, [(name, data)], oleh="uji", **kw)
    assert not hasil.ok
    assert hasil.errors
    assert snapshot(con) == before
    return hasil.errors


def test_text_in_numeric_cell_names_sheet_row_column(con_master):
    kin = [r[:] for r in KINERJA_BID1]
    kin[2][5] = "enam puluh"
    errs = refused(con_master, "r.xlsx", realisasi_xlsx(kin))
    e = errs[0]
    assert (e.sheet, e.row, e.column, e.value) == ("kinerja", 3, "F (Realisasi TW II)",
                                                   "enam puluh")


def test_div0_cell_is_an_error(con_master):
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("kinerja")
    for i, row in enumerate(KINERJA_BID1):
        for j, v in enumerate(row):
            if v is not None:
                ws.write(i, j, v)
    ws.write_formula("I2", "=1/0", None, "#DIV/0!")
    meta = wb.add_worksheet("_lkip")
    meta.write_row(0, 0, ["jenis", "realisasi"])
    meta.write_row(1, 0, ["kode_unit", "BID1"])
    meta.write_row(2, 0, ["tahun", 2025])
    meta.hide()
    wb.close()
    errs = refused(con_master, "r.xlsx", buf.getvalue())
    assert any(e.row == 2 and e.column.startswith("I") and "#DIV/0!" in e.message for e in errs)


def test_every_problem_is_listed_not_only_the_first(con_master):
    kin = [r[:] for r in KINERJA_BID1]
    kin[1][4] = "abc"
    kin[2][6] = "x"
    ang = [r[:] for r in ANGGARAN_BID1]
    ang[1][10] = 120  # fisik above 100
    errs = refused(con_master, "r.xlsx", realisasi_xlsx(kin, ang))
    assert {(e.sheet, e.row) for e in errs} >= {("kinerja", 2), ("kinerja", 3), ("anggaran", 2)}
    assert any("antara 0 dan 100" in e.message for e in errs)


def test_duplicate_codes_refused(con_master):
    kin = KINERJA_BID1 + [KINERJA_BID1[1]]
    errs = refused(con_master, "r.xlsx", realisasi_xlsx(kin))
    assert any("lebih dari sekali" in e.message and e.row == 4 for e in errs)


def test_unknown_unit_reference_in_master(con):
    ind = [r[:] for r in __import__("contoh").INDIKATOR]
    ind[1][8] = "TIDAKADA"
    errs = refused(con, "m.xlsx", master_xlsx(indikator=ind))
    assert any(e.value == "TIDAKADA" and e.sheet == "indikator" for e in errs)


def test_malformed_year_and_unknown_enum(con):
    tgt = [r[:] for r in __import__("contoh").TARGET]
    tgt[1][1] = "25"
    ind = [r[:] for r in __import__("contoh").INDIKATOR]
    ind[2][4] = "tengah"
    errs = refused(con, "m.xlsx", master_xlsx(target=tgt, indikator=ind))
    assert any(e.sheet == "target" and e.row == 2 for e in errs)
    assert any(e.sheet == "indikator" and e.value == "tengah" for e in errs)


def test_missing_required_column(con):
    ind = [[c for j, c in enumerate(r) if j != 3] for r in __import__("contoh").INDIKATOR]
    errs = refused(con, "m.xlsx", master_xlsx(indikator=ind))
    assert any(e.sheet == "indikator" and "Satuan" in e.message for e in errs)


def test_lpj_date_outside_year(con_master):
    rows = [r[:] for r in LPJ_ROWS]
    rows[2][0] = __import__("datetime").date(2024, 12, 31)
    errs = refused(con_master, "lpj.xlsx", lpj_xlsx(rows))
    assert any(e.row == 3 and "di luar tahun 2025" in e.message for e in errs)


@pytest.mark.parametrize("name,data,words", [
    ("kosong.xlsx", b"", "kosong"),
    ("gambar.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "bukan berkas spreadsheet"),
    ("terpotong.xlsx", None, "rusak"),
])
def test_unreadable_files_refused(con_master, name, data, words):
    if data is None:
        full = realisasi_xlsx()
        data = full[: len(full) // 2]
    errs = refused(con_master, name, data)
    assert words in errs[0].message


def test_zip_bomb_refused_quickly(con_master):
    import time

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(400):
                f.write(chunk)
    t0 = time.perf_counter()
    errs = refused(con_master, "bom.xlsx", buf.getvalue())
    assert time.perf_counter() - t0 < 5
    assert errs


def test_nothing_loaded_when_one_of_several_files_fails(con_master):
    before = snapshot(con_master)
    kin = [r[:] for r in KINERJA_BID1]
    kin[1][4] = "abc"
    hasil = impor(con_master, [("lpj.xlsx", lpj_xlsx()), ("r.xlsx", realisasi_xlsx(kin))],
                  oleh="uji")
    assert not hasil.ok and hasil.submissions == []
    assert snapshot(con_master) == before


# --- The hand-made spreadsheet and the Indonesian CSV read as the clean files do ------------

def hand_made_realisasi() -> bytes:
    """Title rows, merged two-row headers, Rp text, '57,28 %', a JUMLAH row, synonyms."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    merge = wb.add_format({"align": "center", "bold": True})
    ws = wb.add_worksheet("Capaian Kinerja")
    ws.write(0, 0, "PEMERINTAH KOTA TANGERANG")
    ws.write(1, 0, "LAPORAN REALISASI KINERJA BIDANG SATU TAHUN 2025")
    ws.merge_range(3, 0, 4, 0, "No", merge)
    ws.merge_range(3, 1, 4, 1, "Kode", merge)
    ws.merge_range(3, 2, 4, 2, "Indikator", merge)
    ws.merge_range(3, 3, 4, 3, "Target PK", merge)
    ws.merge_range(3, 4, 3, 7, "Realisasi", merge)
    for j, tw in enumerate(["TW I", "TW II", "TW III", "TW IV"]):
        ws.write(4, 4 + j, tw)
    ws.merge_range(3, 8, 4, 8, "Capaian (%)", merge)
    ws.merge_range(3, 9, 4, 9, "Kendala", merge)
    ws.merge_range(3, 10, 4, 10, "Solusi", merge)
    ws.write_row(5, 0, [1, "IK.01", "Persentase ASN kompeten", "10,83", "2,1", "4", "5,5",
                        "6,2032", "57,28 %", "Anggaran diklat dipotong",
                        "Kerja sama dengan BPSDM provinsi"])
    ws.write_row(6, 0, [2, "IK.02 ", "Jumlah ASN mengikuti diklat", "200", "40", "60", "50",
                        "70", "110%"])
    ws2 = wb.add_worksheet("RFK")
    ws2.write(0, 0, "REALISASI FISIK DAN KEUANGAN")
    ws2.merge_range(2, 0, 3, 0, "Kode Rekening", merge)
    ws2.merge_range(2, 1, 3, 1, "Sub Kegiatan", merge)
    ws2.merge_range(2, 2, 3, 2, "Pagu Anggaran (Rp)", merge)
    ws2.merge_range(2, 3, 2, 6, "Realisasi Keuangan", merge)
    ws2.merge_range(2, 7, 2, 10, "Realisasi Fisik", merge)
    for j, tw in enumerate(["TW I", "TW II", "TW III", "TW IV"] * 2):
        ws2.write(3, 3 + j, tw)
    ws2.write_row(4, 0, ["5.03.02.2.01.0001", "Pelaksanaan diklat", "Rp 1.000.000.000",
                         "Rp 150.000.000", "Rp. 250.000.000,50", "300.000.000",
                         "Rp 180.000.000,-", "20%", "45 %", "75", "100"])
    ws2.write_row(5, 0, ["5.03.02.2.01.0002.", "Uji kompetensi", "Rp 500.000.000",
                         "Rp 90.000.000", "Rp 100.000.000", "Rp 140.000.000", "Rp 120.000.000",
                         "15", "40", "70", "95"])
    ws2.write_row(6, 0, ["JUMLAH", None, "Rp 1.500.000.000", "Rp 240.000.000"])
    wb.close()
    return buf.getvalue()


def test_hand_made_spreadsheet_equals_clean_template(con_master, tmp_path):
    from lkip_core import db

    clean = db.connect(tmp_path / "b.duckdb")
    impor(clean, [("master.xlsx", master_xlsx())], oleh="uji")
    assert impor(clean, [("r.xlsx", realisasi_xlsx())], oleh="uji").ok
    hasil = impor(con_master, [("realisasi bidang satu 2025.xlsx", hand_made_realisasi())],
                  oleh="uji")
    assert hasil.ok, hasil.errors
    assert hasil.submissions[0]["kode_unit"] == "BID1"
    assert hasil.dilewati >= 1  # the JUMLAH row
    q_kin = ("SELECT kode_indikator, target, realisasi_tw1, realisasi_tw2, realisasi_tw3, "
             "realisasi_tw4, capaian, permasalahan, upaya FROM v_realisasi_kinerja ORDER BY 1")
    q_ang = ("SELECT kode_sub_kegiatan, pagu, keuangan_tw1, keuangan_tw2, keuangan_tw3, "
             "keuangan_tw4, fisik_tw1, fisik_tw2, fisik_tw3, fisik_tw4 FROM v_realisasi_anggaran "
             "ORDER BY 1")
    assert con_master.execute(q_kin).fetchall() == clean.execute(q_kin).fetchall()
    assert con_master.execute(q_ang).fetchall() == clean.execute(q_ang).fetchall()


def test_semicolon_cp1252_csv_equals_clean_lpj(con_master, tmp_path):
    from lkip_core import db

    clean = db.connect(tmp_path / "c.duckdb")
    impor(clean, [("master.xlsx", master_xlsx())], oleh="uji")
    assert impor(clean, [("lpj.xlsx", lpj_xlsx())], oleh="uji").ok
    bulan = {2: "Februari", 3: "Maret", 5: "Mei", 11: "November"}
    rows = [["Tgl SP2D", "No SP2D", "Kode Kegiatan", "Kode Akun", "Uraian", "Nilai (Rp)",
             "Jenis SP2D"]]
    for r in LPJ_ROWS[1:]:
        d = r[0]
        amount = f"{abs(r[5]):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        amount = f"({amount})" if r[5] < 0 else amount
        rows.append([f"{d.day} {bulan[d.month]} {d.year}", r[1], r[2], r[3],
                     r[4] + " – biaya", amount, r[6]])
    data = csv_bytes(rows, delimiter=";", encoding="cp1252")
    hasil = impor(con_master, [("lpj_2025.csv", data)], oleh="uji")
    assert hasil.ok, hasil.errors
    q = ("SELECT tanggal, nomor_bukti, kode_sub_kegiatan, kode_rekening, jumlah, jenis "
         "FROM v_lpj ORDER BY nomor_bukti")
    assert con_master.execute(q).fetchall() == clean.execute(q).fetchall()
    assert con_master.execute("SELECT uraian FROM v_lpj LIMIT 1").fetchone()[0].endswith(
        "– biaya")


def test_preview_names_kind_unit_and_year_before_loading(con_master):
    from lkip_core.masukan.impor import pratinjau

    rows = pratinjau(con_master, [("r.xlsx", realisasi_xlsx()), ("lpj.xlsx", lpj_xlsx()),
                                  ("x.xlsx", b"")])
    assert [(r["jenis"], r["kode_unit"], r["tahun"]) for r in rows] == [
        ("realisasi", "BID1", 2025), ("lpj", None, None), (None, None, None)]
    assert "kosong" in rows[2]["catatan"]
    assert con_master.execute("SELECT count(*) FROM submission").fetchone()[0] == 1  # nothing loaded


def test_percent_formatted_fisik_column_is_a_warning_not_an_error(con_master):
    ang = [r[:] for r in ANGGARAN_BID1]
    for row in ang[1:]:
        for j in range(7, 11):
            row[j] = row[j] / 100  # what a cell formatted as "45 %" holds
    hasil = impor(con_master, [("r.xlsx", realisasi_xlsx(anggaran=ang))], oleh="uji")
    assert hasil.ok
    w = [p for p in hasil.warnings if "format persen" in p.message]
    assert {p.column.split(" ")[0] for p in w} == {"H", "I", "J", "K"}  # fisik TW I–IV


def test_an_unreadable_sheet_does_not_bury_its_own_error_under_reference_errors(con):
    ind = [[c for j, c in enumerate(r) if j != 3] for r in __import__("contoh").INDIKATOR]
    errs = refused(con, "m.xlsx", master_xlsx(indikator=ind))
    assert len(errs) == 1 and "Satuan" in errs[0].message


def test_problems_come_in_reading_order_with_values_as_typed(con_master):
    rows = [r[:] for r in LPJ_ROWS]
    rows[2][5] = 0
    rows[3][0] = "31/02/2025"
    errs = refused(con_master, "lpj.xlsx", lpj_xlsx(rows))
    assert [(e.row, e.value) for e in errs] == [(3, "0"), (4, "31/02/2025")]
