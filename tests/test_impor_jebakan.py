"""Data traps of issue 9, through the real import: a titled CSV, an absurdly wide sheet, a master
that drops a unit whose realisation is still active."""

from __future__ import annotations

import pytest
from contoh import (
    ANGGARAN,
    INDIKATOR,
    LPJ_ROWS,
    TARGET,
    UNIT,
    csv_bytes,
    lpj_xlsx,
    master_xlsx,
    realisasi_xlsx,
    workbook,
)

from lkip_core import db
from lkip_core.masukan.berkas_batas import MAX_COLUMNS
from lkip_core.masukan.impor import impor

Q_LPJ = ("SELECT tanggal, nomor_bukti, kode_sub_kegiatan, kode_rekening, uraian, jumlah, jenis "
         "FROM v_lpj ORDER BY nomor_bukti")


def _bku_csv(title_lines: list[str]) -> bytes:
    """The LPJ rows as a finance system exports them: a title, a blank line, then `;` columns."""
    bulan = {2: "Februari", 3: "Maret", 5: "Mei", 11: "November"}
    rows: list[list] = [[t] for t in title_lines] + [[None]]
    rows.append(["Tanggal", "No Bukti", "Kode Kegiatan", "Kode Rekening", "Uraian", "Jumlah (Rp)",
                 "Jenis"])
    for r in LPJ_ROWS[1:]:
        d = r[0]
        amount = f"{abs(r[5]):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        rows.append([f"{d.day} {bulan[d.month]} {d.year}", r[1], r[2], r[3], r[4],
                     f"({amount})" if r[5] < 0 else amount, r[6]])
    return csv_bytes(rows, delimiter=";", encoding="cp1252")


@pytest.mark.parametrize("titles", [
    ["BUKU KAS UMUM TAHUN 2025"],
    ["PEMERINTAH KOTA TANGERANG", "BUKU KAS UMUM, TAHUN ANGGARAN 2025"],
])
def test_bku_csv_with_a_title_and_a_blank_line_imports_fully(con_master, tmp_path, titles):
    clean = db.connect(tmp_path / "c.duckdb")
    assert impor(clean, [("master.xlsx", master_xlsx())], oleh="uji").ok
    assert impor(clean, [("lpj.xlsx", lpj_xlsx())], oleh="uji").ok
    data = _bku_csv(titles)
    assert data.startswith(titles[0].encode())
    hasil = impor(con_master, [("BKU 2025.csv", data)], oleh="uji")
    assert hasil.ok, hasil.errors
    assert hasil.submissions[0]["jenis"] == "lpj" and hasil.submissions[0]["baris"] == 4
    assert con_master.execute(Q_LPJ).fetchall() == clean.execute(Q_LPJ).fetchall()
    clean.close()


def _wide_lpj(cols: int) -> list[list]:
    extra = cols - len(LPJ_ROWS[0])
    return [LPJ_ROWS[0] + [f"Kolom {j}" for j in range(extra)],
            *[r + ["x"] * extra for r in LPJ_ROWS[1:]]]


@pytest.mark.parametrize("name, make", [
    ("lpj_lebar.xlsx", lambda rows: workbook({"lpj": rows})),
    ("lpj_lebar.csv", lambda rows: csv_bytes(rows, delimiter=";")),
])
def test_a_sheet_300_columns_wide_is_refused_with_what_to_do(con_master, name, make):
    rows = _wide_lpj(300)
    hasil = impor(con_master, [(name, make(rows))], oleh="uji", jenis="lpj")
    assert not hasil.ok and not hasil.warnings and len(hasil.errors) == 1
    p = hasil.errors[0]
    sheet = "lpj" if name.endswith("xlsx") else "lpj_lebar"
    assert p.file == name and name in p.message and f"sheet {sheet}" in p.message
    assert "300 kolom" in p.message and f"batas {MAX_COLUMNS} kolom" in p.message
    assert "hapus kolom di kanan tabel" in p.message
    assert con_master.execute("SELECT count(*) FROM submission WHERE jenis = 'lpj'").fetchone() == (0,)
    # At the limit it is read as before: the extra columns are only noted.
    hasil = impor(con_master, [(name, make(_wide_lpj(MAX_COLUMNS)))], oleh="uji", jenis="lpj")
    assert hasil.ok, hasil.errors


def _master_without_bid1() -> bytes:
    return master_xlsx(
        unit=[r for r in UNIT if r[0] != "BID1"],
        indikator=[r for r in INDIKATOR if r[8] != "BID1"],
        target=[r for r in TARGET if r[0] not in ("IK.01", "IK.02")],
        anggaran=[r for r in ANGGARAN if r[3] != "BID1"],
        realisasi_lalu=[["Kode Indikator", "Tahun", "Realisasi"]],
    )


def test_master_that_drops_a_unit_with_active_realisasi_warns_and_names_it(con_master):
    assert impor(con_master, [("r.xlsx", realisasi_xlsx())], oleh="bid1").ok
    hasil = impor(con_master, [("master baru.xlsx", _master_without_bid1())], oleh="uji")
    assert hasil.ok, hasil.errors
    [w] = [p for p in hasil.warnings if "realisasi aktif" in p.message]
    assert w.file == "master baru.xlsx" and w.sheet == "unit" and w.level == "warning"
    assert "BID1 – Bidang Satu (tahun 2025)" in w.message
    assert "SEKRE" not in w.message and "tambahkan ke sheet unit" in w.message


def test_no_warning_when_the_dropped_unit_sent_nothing_or_the_unit_stays(con_master):
    # BID1 sent nothing: dropping it is no trap.
    hasil = impor(con_master, [("m1.xlsx", _master_without_bid1())], oleh="uji")
    assert hasil.ok and not [p for p in hasil.warnings if "realisasi aktif" in p.message]
    # BID1 is back and sends; a master that keeps it (a renamed unit) says nothing either.
    assert impor(con_master, [("m2.xlsx", master_xlsx())], oleh="uji").ok
    assert impor(con_master, [("r.xlsx", realisasi_xlsx())], oleh="bid1").ok
    renamed = [r if r[0] != "BID1" else [*r[:1], "Bidang Kesatu", *r[2:]] for r in UNIT]
    hasil = impor(con_master, [("m3.xlsx", master_xlsx(unit=renamed))], oleh="uji")
    assert hasil.ok and not [p for p in hasil.warnings if "realisasi aktif" in p.message]


def test_no_warning_for_a_master_of_other_years(con_master):
    assert impor(con_master, [("r.xlsx", realisasi_xlsx())], oleh="bid1").ok  # 2025
    only_2024 = master_xlsx(
        unit=[r for r in UNIT if r[0] != "BID1"],
        indikator=[r for r in INDIKATOR if r[8] != "BID1"],
        target=[TARGET[0], *[r for r in TARGET[1:] if r[0] == "IK.03" and r[1] == 2024]],
        anggaran=[ANGGARAN[0], *[r for r in ANGGARAN[1:] if r[0] == 2024]],
        realisasi_lalu=[["Kode Indikator", "Tahun", "Realisasi"]],
    )
    hasil = impor(con_master, [("master 2024.xlsx", only_2024)], oleh="uji")
    assert hasil.ok, hasil.errors
    assert not [p for p in hasil.warnings if "realisasi aktif" in p.message]
