"""The annex workbooks (Lampiran I–V, Bab III tables) and the export archive.

Golden snapshots of every sheet read back with openpyxl live in tests/snapshots/; refresh them
on purpose with `LKIP_SNAPSHOT_UPDATE=1 python -m pytest tests/test_lampiran.py`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from contoh import lpj_xlsx, realisasi_xlsx
from openpyxl.utils import range_boundaries
from perlu import perlu_program

from lkip_core import pengaturan
from lkip_core.analisis.anggaran import hitung_anggaran
from lkip_core.analisis.kinerja import capaian_per_sasaran, tabel_capaian
from lkip_core.errors import InputRefused, NotFound
from lkip_core.lampiran import (
    LAMPIRAN,
    arsip,
    buku_bab3,
    buku_lampiran,
    ekspor,
    nama_berkas,
    pilih_lampiran,
    pratinjau,
)
from lkip_core.lampiran.halaman import Ikatan, baris_teks, patah_halaman
from lkip_core.lampiran.tulis import _rumus_jumlah
from lkip_core.masukan.impor import impor
from lkip_core.perintah import cli

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
TANGGAL = "31 Januari 2026"  # frozen signature date, so snapshots do not change with the day


@pytest.fixture
def con_data(con_master):
    """The small test master with BID1's realisation and the LPJ (SEKRE has not reported)."""
    hasil = impor(con_master, [("r.xlsx", realisasi_xlsx()), ("lpj.xlsx", lpj_xlsx())],
                  oleh="uji")
    assert hasil.ok, hasil.errors
    pengaturan.simpan(con_master, "tanggal_ttd", TANGGAL, oleh="uji")
    return con_master


def _buka(isi: bytes, data_only: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(isi), data_only=data_only)


def _angka(v):
    return round(v, 9) if isinstance(v, float) else v


def _potret(isi: bytes) -> dict:
    """Everything about the sheets that matters on paper, as plain JSON."""
    wb, nilai = _buka(isi), _buka(isi, data_only=True)
    out = {}
    for ws in wb.worksheets:
        ps = ws.page_setup
        sel = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                cached = nilai[ws.title][c.coordinate].value
                sel[c.coordinate] = {"v": _angka(c.value), "f": c.number_format,
                                     "b": bool(c.font.b)}
                if isinstance(c.value, str) and c.value.startswith("="):
                    sel[c.coordinate]["nilai"] = _angka(cached)
        out[ws.title] = {
            "orientation": ps.orientation, "paper": int(ps.paperSize),
            "fit_to_page": bool(ws.sheet_properties.pageSetUpPr.fitToPage),
            "fit_width": ps.fitToWidth, "fit_height": ps.fitToHeight,
            "margins": [round(getattr(ws.page_margins, m), 2)
                        for m in ("left", "right", "top", "bottom")],
            "print_title_rows": ws.print_title_rows, "freeze": ws.freeze_panes,
            "print_area": ws.print_area, "footer": ws.oddFooter.center.text,
            "page_breaks": [b.id for b in ws.row_breaks.brk],
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "widths": {k: round(d.width, 2) for k, d in sorted(ws.column_dimensions.items())},
            "cells": sel,
        }
    return out


def _cocok_potret(nama: str, isi: bytes) -> None:
    path = SNAPSHOTS / f"{nama}.json"
    got = json.loads(json.dumps(_potret(isi), ensure_ascii=False))
    if os.environ.get("LKIP_SNAPSHOT_UPDATE") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert path.exists(), f"{path} belum ada: jalankan dengan LKIP_SNAPSHOT_UPDATE=1"
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got.keys() == want.keys()
    for sheet in want:  # sheet by sheet, key by key: a failure names what changed
        for key in want[sheet]:
            assert got[sheet][key] == want[sheet][key], f"{sheet}: {key} berubah"


def test_lampiran_matches_snapshot(con_data):
    _cocok_potret("lampiran_2025", buku_lampiran(con_data, 2025))


def test_bab3_matches_snapshot(con_data):
    _cocok_potret("bab3_2025", buku_bab3(con_data, 2025))


def test_every_sheet_is_print_ready(con_data):
    for isi in (buku_lampiran(con_data, 2025), buku_bab3(con_data, 2025)):
        wb = _buka(isi)
        for ws in wb.worksheets:
            ps = ws.page_setup
            assert (ps.orientation, ps.paperSize) == ("landscape", 9), ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            # fitToWidth left out means 1 (the OOXML default), as Excel itself writes it
            assert (ps.fitToWidth or 1, ps.fitToHeight) == (1, 0), ws.title
            assert ws.page_margins.left == pytest.approx(0.59), ws.title
            assert ws.print_title_rows, ws.title
            first_repeated = int(ws.print_title_rows.split(":")[0].lstrip("$"))
            last_repeated = int(ws.print_title_rows.split(":")[1].lstrip("$"))
            assert ws.freeze_panes == f"A{last_repeated + 1}", ws.title
            assert first_repeated >= 1
            assert ws.oddFooter.center.text == "Halaman &P dari &N", ws.title
    wb = _buka(buku_lampiran(con_data, 2025))
    assert wb.sheetnames == ["Lampiran I", "Lampiran II", "Lampiran III", "Lampiran IV",
                             "Lampiran V"]
    ws = wb["Lampiran II"]
    assert [ws[f"A{r}"].value for r in range(1, 5)] == [
        "LAMPIRAN II", "PENGUKURAN KINERJA", "BADAN CONTOH", "TAHUN 2025"]
    # The repeated rows are the table header: "No" and "Capaian thd Renstra (%)" in them.
    rows = ws.print_title_rows.replace("$", "").split(":")
    header = [c.value for r in range(int(rows[0]), int(rows[1]) + 1) for c in ws[r]]
    assert "No" in header and "Capaian thd Renstra (%)" in header


def _baris_dengan(ws, kolom: str, teks: str) -> int:
    for c in ws[kolom]:
        if c.value == teks:
            return c.row
    raise AssertionError(f"{teks!r} tidak ada di kolom {kolom} lembar {ws.title}")


def test_lampiran_ii_values_are_tabel_capaian(con_data):
    cur = con_data.cursor()
    df = tabel_capaian(cur, 2025)
    ws = _buka(buku_lampiran(con_data, 2025), data_only=True)["Lampiran II"]
    kolom = {"target": "E", "realisasi": "F", "capaian": "G", "predikat": "H",
             "realisasi_t1": "I", "realisasi_t2": "J", "target_akhir_renstra": "K",
             "capaian_renstra": "L"}
    for r in df.to_dict("records"):
        teks = r["uraian_indikator"] + (" *" if r["polaritas"] == "negatif" else "")
        row = _baris_dengan(ws, "C", teks)
        for key, col in kolom.items():
            v = ws[f"{col}{row}"].value
            if r[key] is None or r[key] != r[key]:
                assert v == "—", (key, r["kode_indikator"])
            else:
                assert v == pytest.approx(r[key]), (key, r["kode_indikator"])
    # IK.03 (SEKRE has not reported): no capaian, shown as "—" with its reason in the notes.
    assert df.set_index("kode_indikator").loc["IK.03", "capaian"] != df.set_index(
        "kode_indikator").loc["IK.03", "capaian"]
    notes = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert any("rumus selisih: (2 × Target − Realisasi) / Target × 100 %" in n for n in notes)
    assert any("Persentase ASN dijatuhi hukuman disiplin: Realisasi belum diisi" in n
               for n in notes)
    sasaran = capaian_per_sasaran(df, pengaturan.skala_predikat(cur))
    for n, s in enumerate(sasaran.to_dict("records"), start=1):
        row = next(c.row for c in ws["A"] if str(c.value).startswith(
            f"Capaian Sasaran Strategis {n} "))
        if s["capaian"] is None or s["capaian"] != s["capaian"]:
            assert ws[f"G{row}"].value == "—"
        else:
            assert ws[f"G{row}"].value == pytest.approx(s["capaian"])
            assert ws[f"H{row}"].value == s["predikat"]


def test_lampiran_iv_values_are_hitung_anggaran(con_data):
    h = hitung_anggaran(con_data.cursor(), 2025)
    isi = buku_lampiran(con_data, 2025)
    ws, gaya = _buka(isi, data_only=True)["Lampiran IV"], _buka(isi)["Lampiran IV"]
    for df in (h.program, h.kegiatan, h.sub_kegiatan):
        for r in df.to_dict("records"):
            row = _baris_dengan(ws, "A", r["kode"])
            assert ws[f"C{row}"].value == pytest.approx(r["pagu"])
            assert ws[f"D{row}"].value == pytest.approx(r["realisasi"])
            assert ws[f"E{row}"].value == pytest.approx(r["serapan"])
            assert ws[f"G{row}"].value == pytest.approx(r["sisa"])
            if r["fisik"] is None or r["fisik"] != r["fisik"]:
                assert ws[f"F{row}"].value == "—"
            else:
                # pagu-weighted for programs and kegiatan (HasilAnggaran), as reported for subs
                assert ws[f"F{row}"].value == pytest.approx(r["fisik"])
            # program and kegiatan rows are bold, sub kegiatan rows are not
            assert bool(gaya[f"B{row}"].font.b) == (df is not h.sub_kegiatan)
    total = _baris_dengan(ws, "A", "JUMLAH")
    assert ws[f"C{total}"].value == pytest.approx(h.total["pagu"])
    assert ws[f"D{total}"].value == pytest.approx(h.total["realisasi"])
    assert ws[f"E{total}"].value == pytest.approx(h.total["serapan"])


def _referensi(rumus: str) -> list[str]:
    return re.findall(r"[A-Z]+\d+(?::[A-Z]+\d+)?", rumus)


def _jumlah_sel(ws, ref: str) -> float:
    c1, r1, c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    return sum(ws.cell(r, c).value or 0 for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))


@pytest.mark.parametrize("buku", ["lampiran", "bab3"])
def test_every_total_equals_the_sum_of_its_rows(con_data, buku):
    isi = buku_lampiran(con_data, 2025) if buku == "lampiran" else buku_bab3(con_data, 2025)
    rumus, nilai = _buka(isi), _buka(isi, data_only=True)
    n = 0
    for ws in rumus.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("=SUM("):
                    n += 1
                    want = sum(_jumlah_sel(nilai[ws.title], r) for r in _referensi(c.value))
                    got = nilai[ws.title][c.coordinate].value
                    assert got == pytest.approx(want, abs=0.01), (ws.title, c.coordinate)
    assert n >= (14 if buku == "lampiran" else 3)


def test_lampiran_subset_and_names(con_data):
    wb = _buka(buku_lampiran(con_data, 2025, ("IV", "II")))
    assert wb.sheetnames == ["Lampiran II", "Lampiran IV"]
    assert pilih_lampiran("iii, I") == ("I", "III")
    with pytest.raises(InputRefused, match="VI"):
        pilih_lampiran("I,VI")
    assert nama_berkas(2025) == "lampiran_lkip_2025.xlsx"
    assert nama_berkas(2025, ("II",)) == "lampiran_II_lkip_2025.xlsx"
    assert nama_berkas(2025, "bab3") == "tabel_bab3_lkip_2025.xlsx"
    with pytest.raises(NotFound, match="2019"):
        buku_lampiran(con_data, 2019)


def test_titles_and_signature_come_from_settings(con_data):
    pengaturan.simpan(con_data, "judul_lampiran_i", "Perjanjian Kinerja Tahun 2025", oleh="uji")
    pengaturan.simpan(con_data, "tempat_ttd", "Kota Tangerang", oleh="uji")
    ws = _buka(buku_lampiran(con_data, 2025, ("I",)))["Lampiran I"]
    teks = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert teks[1] == "PERJANJIAN KINERJA TAHUN 2025"
    assert f"Kota Tangerang, {TANGGAL}" in teks
    assert "Kepala Badan Contoh" in teks  # the position: "Kepala" + the opd unit's name
    assert "Kepala Contoh" in teks and "NIP. 19700101 199001 1 001" in teks


def test_empty_signature_date_is_today_in_indonesian(con_data):
    from lkip_core import fmt

    pengaturan.simpan(con_data, "tanggal_ttd", "", oleh="uji")
    ws = _buka(buku_lampiran(con_data, 2025, ("III",)))["Lampiran III"]
    teks = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    hari_ini = fmt.tanggal(__import__("datetime").date.today())
    assert f"Tangerang, {hari_ini}" in teks


def test_preview_is_the_workbook_data(con_data):
    p = pratinjau(con_data, 2025)
    assert list(p) == [f"Lampiran {k}" for k in LAMPIRAN]
    frame = p["Lampiran II"][0].frame
    ws = _buka(buku_lampiran(con_data, 2025), data_only=True)["Lampiran II"]
    n = 0
    for r in frame.to_dict("records"):
        if pd.isna(r["Indikator Kinerja"]):
            continue  # a sasaran capaian row
        row = _baris_dengan(ws, "C", r["Indikator Kinerja"])
        cell = ws[f"G{row}"].value
        n += 1
        assert (cell == "—") if pd.isna(r["Capaian (%)"]) else cell == pytest.approx(
            r["Capaian (%)"])
    assert n == 3
    assert "Capaian (%)" in p["Lampiran II"][0].persen
    assert "Anggaran (Rp)" in p["Lampiran I"][1].rupiah
    # the budget total row of Lampiran I is in the preview too
    assert p["Lampiran I"][1].frame.iloc[-1]["Program"] == "Jumlah"


def test_export_is_archived_with_its_sources(con_data):
    hasil = ekspor(con_data, 2025, oleh="Kasubag", lampiran=("I", "II"))
    cur = con_data.cursor()
    daftar = arsip.daftar_ekspor(cur, 2025)
    row = daftar.iloc[0]
    assert (row["id"], row["jenis"], row["lampiran"], row["oleh"]) == (
        hasil.id, "lampiran", "I,II", "Kasubag")
    assert row["nama_berkas"] == "lampiran_I-II_lkip_2025.xlsx"
    aktif = [r[0] for r in cur.execute(
        "SELECT id FROM submission WHERE status = 'aktif' AND jenis IN ('master', 'realisasi') "
        "ORDER BY id").fetchall()]
    assert row["submission_ids"] == aktif and len(aktif) == 2  # master + BID1, not the LPJ
    assert arsip.isi_ekspor(cur, hasil.id) == hasil.isi
    assert row["sha256"] == hashlib.sha256(hasil.isi).hexdigest()
    assert row["ukuran"] == len(hasil.isi)
    bab3 = ekspor(con_data, 2025, oleh="Kasubag", lampiran="bab3")
    assert arsip.daftar_ekspor(cur).iloc[0]["jenis"] == "bab3"
    assert _buka(arsip.isi_ekspor(cur, bab3.id)).sheetnames[0] == "Ringkasan"
    assert arsip.daftar_ekspor(cur, 2024).empty
    with pytest.raises(InputRefused, match="nama"):
        ekspor(con_data, 2025, oleh="  ")
    with pytest.raises(NotFound):
        arsip.isi_ekspor(cur, 999)


def test_command_line_export(db_file, capsys, monkeypatch):
    from contoh import master_xlsx

    monkeypatch.setattr("getpass.getuser", lambda: "operator-server")  # no --oleh: the OS user

    con = __import__("lkip_core.db", fromlist=["connect"]).connect(db_file)
    assert impor(con, [("m.xlsx", master_xlsx()), ("r.xlsx", realisasi_xlsx())], oleh="uji").ok
    con.close()
    out = db_file.parent / "keluar" / "lampiran.xlsx"
    rc = cli.main(["--db", str(db_file), "export", "--tahun", "2025", "--out", str(out),
                   "--lampiran", "II,IV", "--json"])
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["lampiran"] == ["II", "IV"] and doc["bytes"] == out.stat().st_size
    assert openpyxl.load_workbook(out).sheetnames == ["Lampiran II", "Lampiran IV"]
    assert cli.main(["--db", str(db_file), "export", "--tahun", "2025", "--out", str(out),
                     "--lampiran", "VI"]) == 2
    assert cli.main(["--db", str(db_file), "export", "--tahun", "2030", "--out", str(out)]) == 2
    con = __import__("lkip_core.db", fromlist=["connect"]).connect(db_file)
    daftar = arsip.daftar_ekspor(con.cursor())
    assert list(daftar["oleh"]) == ["operator-server"] and daftar.iloc[0]["id"] == doc["id"]
    con.close()


def test_sum_formula_ranges_and_limits():
    assert _rumus_jumlah([4, 5, 6, 9], 2) == "=SUM(C5:C7,C10)"
    assert _rumus_jumlah([], 2) is None
    many = _rumus_jumlah(list(range(0, 1200, 2)), 0)  # 600 separate cells
    assert many.startswith("=SUM(SUM(") and many.count("SUM(") == 4
    assert _rumus_jumlah(list(range(0, 20000, 2)), 0) is None  # longer than Excel allows


def test_page_breaks_keep_blocks_together():
    tinggi = [16.0] * 60
    # without constraints: breaks only where the page is full
    bebas = patah_halaman(tinggi, [100.0], (0, 1), [])
    assert bebas and all(b > 1 for b in bebas)
    # rows 28..35 must stay on one page: the break moves before row 28
    ik = Ikatan(28, 35, (28,))
    brk = patah_halaman(tinggi, [100.0], (0, 1), [ik])
    page_of = [sum(1 for b in brk if b <= r) for r in range(60)]
    assert page_of[28] == page_of[35]
    assert baris_teks("kata " * 40, 20) > baris_teks("kata " * 40, 60) >= 2
    assert baris_teks("Indeks", 30) == 1


def _pdf(isi: bytes, tmp_path: Path, nama: str) -> Path:
    perlu_program("soffice", "pdfinfo")
    src = tmp_path / f"{nama}.xlsx"
    src.write_bytes(isi)
    # An English machine: the numbers must still print the Indonesian way (issue 14 item 5).
    env = {**os.environ, "LC_ALL": "en_US.UTF-8", "LANG": "en_US.UTF-8"}
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180, env=env)
    return tmp_path / f"{nama}.pdf"


def _halaman_pdf(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x "
                                                          r"([\d.]+)", info)]


def _teks_halaman(pdf: Path, n: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def test_pdf_has_one_landscape_a4_page_per_small_lampiran(con_data, tmp_path):
    pdf = _pdf(buku_lampiran(con_data, 2025), tmp_path, "lampiran")
    pages = _halaman_pdf(pdf)
    assert len(pages) == 5  # the small data: every lampiran fits one page
    for w, h in pages:
        assert (round(w), round(h)) == (842, 595)  # A4 landscape, in points
    for n, kode in enumerate(LAMPIRAN, start=1):
        teks = _teks_halaman(pdf, n)
        assert f"LAMPIRAN {kode}" in teks and f"Halaman {n} dari 5" in teks


def test_pdf_of_demo_repeats_the_header_on_every_page(demo_db, tmp_path):
    """The demo year: Lampiran II runs over several pages, each starting with its header."""
    from lkip_core import db

    con = db.connect(demo_db, read_only=True)
    tahun = con.execute("SELECT max(tahun) FROM v_master_tahun").fetchone()[0]
    isi = buku_lampiran(con, tahun, ("II",))
    con.close()
    pdf = _pdf(isi, tmp_path, "lampiran_ii")
    pages = _halaman_pdf(pdf)
    assert len(pages) >= 2
    for n in range(1, len(pages) + 1):
        teks = _teks_halaman(pdf, n)
        assert "Capaian thd" in teks and "Sasaran Strategis" in teks, f"halaman {n}"
        assert pages[n - 1][0] > pages[n - 1][1]
    assert "NIP." in _teks_halaman(pdf, len(pages))  # the signature closes the last page


RIBUAN_ID = re.compile(r"\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b")  # 8.176.559.000, 1.234,50
# Millions and up, so an index written 1,370 (Indonesian for 1.37) is not taken for English.
RIBUAN_EN = re.compile(r"\b\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?\b")  # 8,176,559,000
DESIMAL_EN = re.compile(r"(?<![\d.,])\d+\.\d{2}(?![\d.,])")  # 76.42


def test_pdf_in_an_english_locale_prints_indonesian_numbers_and_keeps_the_signature(
        demo_db, tmp_path):
    """LibreOffice under LC_ALL=en_US: 8.176.559.000 and 76,42, counts in `orang` without
    decimals, and every signature on a page that also holds the last rows of its table."""
    from lkip_core import db

    con = db.connect(demo_db, read_only=True)
    tahun = con.execute("SELECT max(tahun) FROM v_master_tahun").fetchone()[0]
    isi = buku_lampiran(con, tahun)
    bab3 = buku_bab3(con, tahun)
    con.close()
    teks_bab3 = "\n".join(_teks_halaman(_pdf(bab3, tmp_path, "bab3"), n) for n in (1, 2, 3))
    assert RIBUAN_ID.search(teks_bab3) and not RIBUAN_EN.search(teks_bab3)
    assert not DESIMAL_EN.search(teks_bab3)
    pdf = _pdf(isi, tmp_path, "lampiran")
    halaman = [_teks_halaman(pdf, n) for n in range(1, len(_halaman_pdf(pdf)) + 1)]
    semua = "\n".join(halaman)
    assert len(RIBUAN_ID.findall(semua)) > 50
    assert RIBUAN_EN.findall(semua) == []
    assert DESIMAL_EN.findall(semua) == []
    assert re.search(r"\b\d+,\d{2}\b", semua)  # decimals with a comma
    orang = [ln for ln in semua.splitlines() if re.search(r"\sorang\s", ln)]
    assert orang and not any(re.search(r"orang\s+[\d.]+,\d", ln) for ln in orang), orang
    ttd = [h for h in halaman if "NIP." in h]
    assert len(ttd) == len(LAMPIRAN)
    for h in ttd:
        # Table rows on the signature's page: lines carrying at least two numbers (not the
        # date, the NIP or the footer). Without the quarter-page rule Lampiran IV's
        # signature page held 2 (a sub kegiatan and the total).
        baris = [ln for ln in h.splitlines()
                 if len(re.findall(r"\d[\d.]*(?:,\d+)?", ln)) >= 2 and "NIP" not in ln
                 and "Halaman" not in ln and not re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", ln)]
        assert len(baris) >= 5, h


def test_every_sheet_prints_with_a_readable_font(con_data):
    """Fit to one page wide shrinks a wide sheet: the 10 pt body must stay at 8 pt or more."""
    from lkip_core.lampiran import lembar_lampiran
    from lkip_core.lampiran.bab3 import lembar_bab3
    from lkip_core.lampiran.data import muat
    from lkip_core.lampiran.halaman import skala

    data = muat(con_data.cursor(), 2025)
    for lb in lembar_lampiran(data) + lembar_bab3(data):
        assert 10 * skala(lb.lebar) >= 8, lb.nama
