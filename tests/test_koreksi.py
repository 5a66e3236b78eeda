"""Correction workbooks (SOP step 4) and the round trip back through the import (step 5)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from contoh import ANGGARAN_BID1, KINERJA_BID1, lpj_xlsx, master_xlsx, realisasi_xlsx

from lkip_core.masukan.impor import impor
from lkip_core.masukan.template import tulis_template
from lkip_core.rekonsiliasi import rekonsiliasi, tinjau
from lkip_core.rekonsiliasi.koreksi import (
    KOLOM_TEMUAN,
    buku_koreksi,
    nama_koreksi,
    semua_koreksi,
)

R07 = "R07|2025|3|IK.02"
R08 = "R08|2025||IK.02"


@pytest.fixture
def data(con):
    """The small test master, LPJ, and BID1's realisation with two planted problems: IK.02
    without TW III (R07) and its target echoed as 210 instead of the PK's 200 (R08)."""
    kin = [r[:] for r in KINERJA_BID1]
    kin[2][3] = 210
    kin[2][6] = None
    hasil = impor(con, [("m.xlsx", master_xlsx()), ("r.xlsx", realisasi_xlsx(kin)),
                        ("l.xlsx", lpj_xlsx())], oleh="uji")
    assert hasil.ok, hasil.errors
    return con


def _lembar(data: bytes, nama: str) -> list[tuple]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [r for r in wb[nama].iter_rows(values_only=True)]


def _tabel_temuan(data: bytes) -> list[dict]:
    rows = _lembar(data, "temuan")
    i = next(n for n, r in enumerate(rows) if r[0] == "No")
    assert list(rows[i]) == KOLOM_TEMUAN
    return [dict(zip(KOLOM_TEMUAN, r)) for r in rows[i + 1:] if r[0] is not None]


def test_workbook_lists_open_findings_then_the_units_data_as_the_template(data):
    laporan = rekonsiliasi(data.cursor(), 2025)
    tinjau(data, "R01|2025|1|5.03.02.2.01.0002", "diterima", "pembulatan sen", "Kasubag")
    buku = buku_koreksi(data, 2025, "BID1", oleh="uji")
    wb = openpyxl.load_workbook(io.BytesIO(buku))
    assert wb.sheetnames == ["temuan", "kinerja", "anggaran", "petunjuk", "_lkip"]
    assert wb.active.title == "temuan"
    assert wb["_lkip"].sheet_state == "hidden"
    assert {r[0]: r[1] for r in wb["_lkip"].iter_rows(values_only=True)}["kode_unit"] == "BID1"

    tabel = _tabel_temuan(buku)
    terbuka = laporan.temuan.loc[(laporan.temuan["kode_unit"] == "BID1")
                                 & (laporan.temuan["kunci"] != "R01|2025|1|5.03.02.2.01.0002")]
    assert len(tabel) == len(terbuka) and [t["No"] for t in tabel] == list(
        range(1, len(tabel) + 1))
    r07 = next(t for t in tabel if t["Aturan"].startswith("R07"))
    assert (r07["Triwulan"], r07["Objek"]) == ("TW III", "Indikator IK.02")
    assert "Realisasi TW III indikator" in r07["Pesan"]
    r08 = next(t for t in tabel if t["Aturan"].startswith("R08"))
    assert (r08["Nilai unit"], r08["Pembanding"], r08["Selisih"]) == (210, 200, 10)
    assert not any("pembulatan" in (t["Pesan"] or "") for t in tabel)
    teks = " ".join(str(r[0]) for r in _lembar(buku, "temuan")[:10] if r[0])
    assert "Petunjuk koreksi" in teks and "sel berwarna kuning" in teks and "jingga" in teks

    # the unit's active figures, in the template's own layout (same rows and columns)
    kosong = openpyxl.load_workbook(io.BytesIO(tulis_template(data, "BID1", 2025)))
    for nama in ("kinerja", "anggaran"):
        a, b = wb[nama], kosong[nama]
        assert [c.value for c in a[4]] == [c.value for c in b[4]]
        assert a.max_row == b.max_row and a.protection.sheet
    kin = {r[0]: r for r in _lembar(buku, "kinerja")[4:]}
    assert kin["IK.01"][4:9] == (2.1, 4.0, 5.5, 6.2032, 57.28)
    assert kin["IK.02"][3] == 200  # the echo comes from the PK, not the unit's 210
    assert kin["IK.02"][6] is None
    ang = {r[0]: r for r in _lembar(buku, "anggaran")[4:]}
    assert ang["5.03.02.2.01.0001"][3:7] == tuple(ANGGARAN_BID1[1][3:7])


def test_round_trip_fixes_a_finding(data):
    awal = rekonsiliasi(data.cursor(), 2025)
    assert {R07, R08} <= set(awal.temuan["kunci"])
    buku = buku_koreksi(data, 2025, "BID1", oleh="uji", laporan=awal)
    wb = openpyxl.load_workbook(io.BytesIO(buku))
    ws = wb["kinerja"]
    kolom = [c.value for c in ws[4]].index("Realisasi TW III")
    baris = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "IK.02")
    baris[kolom].value = 50
    buf = io.BytesIO()
    wb.save(buf)
    # uploaded as it comes back: no options, the hidden sheet says unit and year
    hasil = impor(data, [("koreksi_BID1_2025.xlsx", buf.getvalue())], oleh="Bidang Satu")
    assert hasil.ok, hasil.errors
    assert not hasil.warnings
    assert hasil.submissions[0]["kode_unit"] == "BID1"
    kini = rekonsiliasi(data.cursor(), 2025)
    # TW III filled: R07 gone, and with it the capaian difference it caused (the unit's 110 %
    # assumed TW III); the echoed target now follows the PK: R08 gone
    beres = {R07, R08, "R11|2025||IK.02"}
    assert beres <= set(awal.temuan["kunci"])
    assert set(kini.teratasi["kunci"]) == beres
    assert set(kini.teratasi["status"]) == {"teratasi"}
    # what was not corrected is still there
    assert set(awal.temuan["kunci"]) - beres == set(kini.temuan["kunci"])


def test_untouched_workbook_imports_unchanged(data):
    awal = rekonsiliasi(data.cursor(), 2025)
    buku = buku_koreksi(data, 2025, "BID1", oleh="uji", laporan=awal)
    hasil = impor(data, [("koreksi.xlsx", buku)], oleh="uji")
    assert hasil.ok and not hasil.warnings, (hasil.errors, hasil.warnings)
    kini = rekonsiliasi(data.cursor(), 2025)
    # same data, except the echoed target that now follows the PK
    assert set(kini.temuan["kunci"]) == set(awal.temuan["kunci"]) - {R08}


def test_zip_of_every_unit(data):
    arsip = zipfile.ZipFile(io.BytesIO(semua_koreksi(data, 2025, oleh="uji")))
    assert sorted(arsip.namelist()) == [nama_koreksi("BID1", 2025), nama_koreksi("SEKRE", 2025)]
    sekre = arsip.read(nama_koreksi("SEKRE", 2025))
    tabel = _tabel_temuan(sekre)
    assert [t["Aturan"] for t in tabel] == ["R14 · data belum masuk"]
    kin = _lembar(sekre, "kinerja")[4:]
    assert kin[0][0] == "IK.03" and kin[0][4:8] == (None, None, None, None)


def test_unit_without_open_findings_gets_the_note(data):
    laporan = rekonsiliasi(data.cursor(), 2025)
    for k in laporan.temuan.loc[laporan.temuan["kode_unit"] == "BID1", "kunci"]:
        tinjau(data, k, "selesai", None, "uji")
    teks = [r[0] for r in _lembar(buku_koreksi(data, 2025, "BID1", oleh="uji"), "temuan") if r[0]]
    assert any(str(t).startswith("Tidak ada temuan terbuka") for t in teks)


def test_each_finding_points_to_its_cells_and_they_are_marked(data):
    """R07 (IK.02 has no TW III) names "Sheet kinerja, sel <Realisasi TW III of IK.02>" and
    that cell carries the orange mark and a comment quoting the finding; R08 the Target cell."""
    buku = buku_koreksi(data, 2025, "BID1", oleh="uji")
    wb = openpyxl.load_workbook(io.BytesIO(buku))
    ws = wb["kinerja"]
    judul = [c.value for c in ws[4]]
    baris = next(r[0].row for r in ws.iter_rows(min_row=5) if r[0].value == "IK.02")
    tw3 = ws.cell(baris, judul.index("Realisasi TW III") + 1).coordinate
    target = ws.cell(baris, judul.index("Target") + 1).coordinate
    tabel = _tabel_temuan(buku)
    r07 = next(t for t in tabel if t["Aturan"].startswith("R07"))
    r08 = next(t for t in tabel if t["Aturan"].startswith("R08"))
    assert r07["Sel yang diperiksa"] == f"Sheet kinerja, sel {tw3}"
    assert r08["Sel yang diperiksa"] == f"Sheet kinerja, sel {target}"
    ditandai = {str(rng): cf for rng, cfs in
                ((r.sqref, r.rules) for r in ws.conditional_formatting) for cf in cfs}
    for sel, temuan in ((tw3, r07), (target, r08)):
        assert ditandai[sel].dxf.fill.fgColor.rgb.endswith("F8CBAD") or \
            ditandai[sel].dxf.fill.bgColor.rgb.endswith("F8CBAD")
        assert temuan["Pesan"] in ws[sel].comment.text
    # Every address in the list is a marked cell with a comment, on the sheet it names.
    for t in tabel:
        if t["Sel yang diperiksa"].startswith("Sheet "):
            nama, sel = t["Sel yang diperiksa"][6:].split(", sel ")
            for s in sel.split(", "):
                assert wb[nama][s].comment is not None, (t, s)
        else:
            assert t["Aturan"][:3] in ("R09", "R10", "R14"), t


def test_correction_workbook_prints_on_a4_with_indonesian_numbers(data, tmp_path):
    """LibreOffice, LC_ALL=en_US: rupiah as 1.234.567 (no ".00"), decimals with a comma,
    the status line whole ("Keadaan data", not cut), every page A4 landscape."""
    import os
    import re
    import subprocess

    from perlu import perlu_program

    perlu_program("soffice", "pdftotext")
    src = tmp_path / "koreksi.xlsx"
    src.write_bytes(buku_koreksi(data, 2025, "BID1", oleh="uji"))
    env = {**os.environ, "LC_ALL": "en_US.UTF-8", "LANG": "en_US.UTF-8"}
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180, env=env)
    pdf = tmp_path / "koreksi.pdf"
    teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+", info)
    assert "Keadaan data per" in teks
    assert re.search(r"\b\d{1,3}(?:\.\d{3})+\b", teks)  # 1.500.000
    assert not re.search(r"\b\d{1,3}(?:,\d{3}){2,}\b", teks)  # 1,500,000
    assert not re.search(r"\b\d+\.00\b", teks)  # Rupiah with ".00"
    assert "57,28" in teks and "57.28" not in teks  # IK.01's capaian in the kinerja sheet
    assert "Sheet kinerja, sel" in teks
