"""No injection from uploaded text (issue 10 item 8): every workbook the app writes keeps text a
unit typed as text — never a live formula or link — and only our own SUM totals are formulas.

The hostile strings travel the real way: in the master's names, a unit's permasalahan / upaya /
keterangan, LPJ numbers, the uploader's name, a review note, and as rejected values in the
import report. Each workbook is read back twice: with openpyxl (cell types, hyperlinks) and as
raw XML (no <f> element and no hyperlink relationship carries them).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
import xlsxwriter
from contoh import (
    ANGGARAN,
    ANGGARAN_BID1,
    INDIKATOR,
    KINERJA_BID1,
    LPJ_ROWS,
    SASARAN,
    UNIT,
    lpj_xlsx,
    master_xlsx,
    realisasi_xlsx,
)

from lkip_core import db, fmt, pengaturan
from lkip_core.analisis import kinerja, narasi, ringkasan
from lkip_core.analisis.anggaran import hitung_anggaran
from lkip_core.demo.tulis import xlsx as demo_xlsx
from lkip_core.lampiran import buku_bab3, buku_lampiran
from lkip_core.masukan import rekap
from lkip_core.masukan.aman import kode_unit_aman
from lkip_core.masukan.impor import impor
from lkip_core.masukan.kolom import KINERJA
from lkip_core.masukan.template import tulis_template
from lkip_core.rekonsiliasi import rekonsiliasi, segarkan
from lkip_core.rekonsiliasi.koreksi import buku_koreksi
from lkip_core.rekonsiliasi.status import tinjau
from lkip_core.unduhan import buku_kerja, tabel_xlsx

LINK = '=HYPERLINK("http://x","y")'
RACUN = [LINK, "=1+1", "+SUM(A1)", "@cmd", "http://evil.example"]
# Our own totals in the annex workbooks: =SUM over cell references, nothing else.
_REF = r"\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?"
RUMUS_KITA = re.compile(rf"=SUM\({_REF}(?:,{_REF})*\)")


def periksa(data: bytes, harus_ada: list[str], *, rumus_boleh: bool = False) -> None:
    """Every payload in `harus_ada` is a text cell; no formula but our own; no hyperlink."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    teks: list[str] = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.hyperlink is None, (ws.title, c.coordinate, c.hyperlink)
                if c.data_type == "f":
                    assert rumus_boleh and RUMUS_KITA.fullmatch(str(c.value)), (
                        ws.title, c.coordinate, c.value)
                elif isinstance(c.value, str):
                    teks.append(c.value)
    for p in harus_ada:
        assert any(p in t for t in teks), f"{p!r} tidak ada sebagai teks"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            xml = z.read(name).decode("utf-8", "replace")
            assert "relationships/hyperlink" not in xml, name
            for f in re.findall(r"<f>(.*?)</f>", xml):
                assert RUMUS_KITA.fullmatch("=" + f), (name, f)


def test_the_check_catches_a_workbook_written_with_xlsxwriter_defaults():
    """The checker itself: what the downloads did before (write() with the defaults) fails."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    for i, v in enumerate(RACUN):
        ws.write(i, 0, v)
    wb.close()
    with pytest.raises(AssertionError):
        periksa(buf.getvalue(), RACUN)


def test_buku_kerja_cannot_turn_the_guessing_back_on():
    for opsi in ("strings_to_formulas", "strings_to_urls", "strings_to_numbers"):
        with pytest.raises(ValueError):
            buku_kerja(io.BytesIO(), **{opsi: True})
    buf = io.BytesIO()
    wb = buku_kerja(buf)
    ws = wb.add_worksheet()
    for i, v in enumerate([*RACUN, "1e5"]):
        ws.write(i, 0, v)  # even write() keeps text as text
    wb.close()
    periksa(buf.getvalue(), [*RACUN, "1e5"])


# --- the data: hostile text in every kind of upload --------------------------------------------

def _master() -> bytes:
    unit = copy.deepcopy(UNIT)
    unit[1][4] = "http://evil.example"  # the OPD head's name (signature blocks)
    sasaran = copy.deepcopy(SASARAN)
    sasaran[1][1] = LINK
    indikator = copy.deepcopy(INDIKATOR)
    indikator[1][2] = "=1+1"
    anggaran = copy.deepcopy(ANGGARAN)
    anggaran[1][2] = "+SUM(A1)"
    for r in anggaran[1:3]:
        r[5], r[6] = "@cmd", "http://evil.example"  # program, kegiatan
    return master_xlsx(unit=unit, sasaran=sasaran, indikator=indikator, anggaran=anggaran)


def _realisasi() -> bytes:
    k = copy.deepcopy(KINERJA_BID1)
    k[1][9], k[1][10] = LINK, "=1+1"  # permasalahan, upaya
    k[2][9], k[2][10] = "+SUM(A1)", "@cmd"
    a = copy.deepcopy(ANGGARAN_BID1)
    a[1][11] = "http://evil.example"  # keterangan
    return realisasi_xlsx(k, a)


def _lpj() -> bytes:
    rows = copy.deepcopy(LPJ_ROWS)
    rows.append([dt.date(2025, 6, 1), LINK, "9.99.99.9.99.9999", "5.1.02.01.01.0024", "=1+1",
                 1000, "LS"])
    return lpj_xlsx(rows)


@pytest.fixture(scope="module")
def con_racun():
    con = db.connect(":memory:")
    for nama, data in (("master.xlsx", _master()), ("r.xlsx", _realisasi()),
                       ("lpj.xlsx", _lpj())):
        hasil = impor(con, [(nama, data)], oleh=LINK)
        assert hasil.ok, hasil.errors
    yield con
    con.close()


# --- one test per download ---------------------------------------------------------------------

def test_hasil_pemeriksaan(con_racun):
    k = copy.deepcopy(KINERJA_BID1)
    k[1][4:8] = [LINK, "=1+1", "+SUM(A1)", "@cmd"]  # text in number columns: rejected values
    k[2][4] = "http://evil.example"
    hasil = impor(con_racun, [("=1+1.xlsx", realisasi_xlsx(k))], oleh="uji")
    assert not hasil.ok
    masalah = hasil.problems_frame()
    assert set(RACUN) <= set(masalah["Nilai"])
    periksa(tabel_xlsx({"Masalah": masalah}), RACUN)


def test_rekap(con_racun):
    cur = con_racun.cursor()
    data = tabel_xlsx({"Kelengkapan": rekap.kelengkapan(cur, 2025),
                       "Kinerja": rekap.rekap_kinerja(cur, 2025),
                       "Anggaran": rekap.rekap_anggaran(cur, 2025)}, judul="Rekap 2025")
    periksa(data, RACUN)


def test_capaian_table(con_racun):
    cur = con_racun.cursor()
    df = kinerja.tabel_capaian(cur, 2025, anggaran=hitung_anggaran(cur, 2025))
    skala = pengaturan.skala_predikat(cur)
    data = tabel_xlsx({"Capaian": ringkasan.lembar_capaian(df),
                       "Per sasaran": kinerja.capaian_per_sasaran(df, skala),
                       "Narasi": narasi.lembar_narasi(df)}, judul="Capaian")
    periksa(data, [LINK, "=1+1", "+SUM(A1)", "@cmd"])


def test_anggaran_table(con_racun):
    cur = con_racun.cursor()
    df = kinerja.tabel_capaian(cur, 2025, anggaran=hitung_anggaran(cur, 2025))
    data = tabel_xlsx(ringkasan.lembar_anggaran(hitung_anggaran(cur, 2025),
                                                ringkasan.tabel_efisiensi(df)))
    periksa(data, ["=1+1", "+SUM(A1)", "@cmd", "http://evil.example"])


def test_findings_table_with_a_review_note(con_racun):
    cur = con_racun.cursor()
    laporan = rekonsiliasi(cur, 2025)
    kunci = laporan.temuan["kunci"].iloc[0]
    tinjau(con_racun, kunci, "diperiksa", LINK, "=1+1")
    periksa(segarkan(cur, laporan).to_xlsx(), [LINK, "=1+1", "+SUM(A1)"])


def test_correction_workbook(con_racun):
    periksa(buku_koreksi(con_racun, 2025, "BID1", oleh="uji"), RACUN)


def test_lampiran_and_bab3_keep_only_our_sum_totals(con_racun):
    data = buku_lampiran(con_racun, 2025)
    periksa(data, RACUN, rumus_boleh=True)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert any(c.data_type == "f" for ws in wb.worksheets for row in ws.iter_rows()
               for c in row), "Lampiran IV menulis jumlahnya sebagai rumus SUM"
    periksa(buku_bab3(con_racun, 2025), [LINK, "=1+1", "@cmd"], rumus_boleh=True)


def test_template(con_racun):
    periksa(tulis_template(con_racun, "BID1", 2025), ["=1+1", "+SUM(A1)"])


def test_demo_writer():
    baris = [{"kode_indikator": "IK.01", "uraian_indikator": p, "permasalahan": p}
             for p in RACUN]
    periksa(demo_xlsx([(KINERJA, baris)]), RACUN)


# --- unit codes and Markdown -------------------------------------------------------------------

@pytest.mark.parametrize("kode, aman", [
    ("BID1", True), ("OPD01.SEK", True), ("UPT-2_a", True), ("A" * 20, True),
    ("A" * 21, False), ("../x", False), ("a/b", False), (".hidden", False), ("-rf", False),
    ("BID 1", False), ("BÍD", False), ("=1+1", False), ("", False),
])
def test_unit_code_pattern(kode, aman):
    assert kode_unit_aman(kode) is aman


def test_a_master_with_an_unsafe_unit_code_is_refused(con):
    unit = copy.deepcopy(UNIT)
    unit.append(["../../etc", "Unit Jahat", "bidang", "OPD", None, None])
    unit.append(["B" * 21, "Unit Panjang", "bidang", "OPD", None, None])
    hasil = impor(con, [("master.xlsx", master_xlsx(unit=unit))], oleh="uji")
    assert not hasil.ok and not hasil.submissions
    pesan = [(p.value, p.row) for p in hasil.errors if "tidak dapat dipakai" in p.message]
    assert pesan == [("../../etc", 5), ("B" * 21, 6)]
    assert con.execute("SELECT count(*) FROM submission").fetchone()[0] == 0


@pytest.mark.parametrize("teks", [
    "![x](http://evil.example/a.png)", "[klik](http://evil.example)", "**tebal** _miring_",
    "# judul", "1. satu", "<img src=x onerror=alert(1)>", ":red[merah]", "$x^2$", "a\\b",
    "`kode`", "~~coret~~", "| a | b |",
])
def test_aman_md_escapes_every_markdown_mark(teks):
    hasil = fmt.aman_md(teks)
    # every punctuation mark Markdown reads is preceded by a backslash …
    assert not re.search(r"(?<!\\)[!\[\]()*_#<>:$`~|]", re.sub(r"\\\\", "", hasil))
    # … and removing the escapes gives back exactly what was typed
    assert re.sub(r"\\(.)", r"\1", hasil) == teks


def test_aman_md_keeps_plain_text_and_none():
    assert fmt.aman_md("Anggaran diklat dipotong") == "Anggaran diklat dipotong"
    assert fmt.aman_md(None) == ""
    assert fmt.aman_md(12) == "12"
