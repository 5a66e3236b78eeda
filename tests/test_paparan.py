"""The briefing deck, read back with python-pptx: native editable charts carrying the core's
own figures."""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pandas as pd
import pytest
import temuan_contoh
from contoh import realisasi_xlsx
from perlu import perlu_program
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from lkip_core.analisis.anggaran import hitung_anggaran
from lkip_core.analisis.kinerja import tabel_capaian
from lkip_core.masukan.impor import impor
from lkip_core.perintah.cli import main
from lkip_core.pimpinan import paparan, tahapan
from lkip_core.pimpinan.paparan import buat_paparan
from lkip_core.pimpinan.ringkasan import ringkasan

HARI_INI = dt.date(2026, 2, 20)


@pytest.fixture
def con_bid1(con_master):
    assert impor(con_master, [("r.xlsx", realisasi_xlsx())], oleh="uji").ok
    return con_master


@pytest.fixture
def temuan(con_bid1):
    """Real findings of known content, some reviewed (temuan_contoh.py)."""
    temuan_contoh.tanam(con_bid1)


def _baca(data: bytes):
    return Presentation(io.BytesIO(data))


def _teks(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _charts(slide) -> list:
    return [s.chart for s in slide.shapes if s.has_chart]


def test_deck_layout_and_slides(con_bid1, temuan):
    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9
    slides = list(prs.slides)
    # title, headline, sasaran overview, S1, S2, budget, reconciliation, next steps, conclusion
    assert len(slides) == 9
    judul = _teks(slides[0])
    assert "Badan Contoh" in judul and "Paparan Kinerja Tahun 2025" in judul
    assert "20 Februari 2026" in judul
    assert "Sasaran S1" in _teks(slides[3]) and "Sasaran S2" in _teks(slides[4])
    # Every chart is a native chart; there is no picture anywhere.
    for s in slides:
        assert not [x for x in s.shapes if x.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert sum(len(_charts(s)) for s in slides) >= 7


def test_sasaran_charts_equal_tabel_capaian(con_bid1, temuan):
    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    df = tabel_capaian(con_bid1.cursor(), 2025)
    for slide, kode in ((prs.slides[3], "S1"), (prs.slides[4], "S2")):
        (chart,) = _charts(slide)
        assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        rows = df.loc[df["kode_sasaran"] == kode]
        assert list(chart.plots[0].categories) == list(rows["kode_indikator"])
        expected = [None if pd.isna(v) else pytest.approx(v) for v in rows["capaian"]]
        assert list(chart.plots[0].series[0].values) == expected
        # The table beside it shows the same capaian, Indonesian style.
        tabel = next(s.table for s in slide.shapes if s.has_table)
        assert tabel.cell(0, 4).text == "Capaian"
    s1 = prs.slides[3]
    (chart,) = _charts(s1)
    assert chart.plots[0].series[0].points[0].data_label.text_frame.text == "57,28 %"
    assert "57,28 %" in [c.text for c in next(s.table for s in s1.shapes if s.has_table).rows[1]
                         .cells]


def test_headline_and_overview_charts(con_bid1, temuan):
    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    r = ringkasan(con_bid1.cursor(), 2025)
    (pred,) = _charts(prs.slides[1])
    assert pred.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(pred.plots[0].categories) == list(r.per_predikat)
    assert list(pred.plots[0].series[0].values) == [float(v) for v in r.per_predikat.values()]
    teks = _teks(prs.slides[1])
    assert "83,64 %" in teks and "1 dari 2" in teks  # mean capaian; units that sent
    assert "tidak ada data tahun lalu" in teks
    (sasaran,) = _charts(prs.slides[2])
    assert sasaran.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(sasaran.plots[0].series[0].values) == [pytest.approx(r.capaian_rata), None]


def test_budget_slide_equals_hitung_anggaran(con_bid1, temuan):
    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    hasil = hitung_anggaran(con_bid1.cursor(), 2025)
    slide = prs.slides[5]
    (chart,) = _charts(slide)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    pagu, real = chart.plots[0].series
    assert list(pagu.values) == [pytest.approx(v / 1e9) for v in hasil.program["pagu"]]
    assert list(real.values) == [pytest.approx(v / 1e9) for v in hasil.program["realisasi"]]
    teks = _teks(slide)
    assert "Rp 1.750.000.000" in teks  # total pagu in the subtitle
    sel = [c.text for row in next(s.table for s in slide.shapes if s.has_table).rows
           for c in row.cells]
    assert "88,67 %" in sel and "belum melapor" in sel  # BID1 and SEKRE


def test_reconciliation_slide(con_bid1, temuan):
    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    slide = prs.slides[6]
    per_aturan, per_unit = _charts(slide)
    assert per_aturan.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    # Open findings only (the R02 ones are selesai, one R01 selesai and one diterima):
    # R01 6 galat, R12 1 peringatan, R14 1 galat.
    assert list(per_aturan.plots[0].categories) == [
        "Selisih keuangan", "Capaian ekstrem", "Data belum masuk"]
    seri = {s.name: list(s.values) for s in per_aturan.plots[0].series}
    assert seri == {"Galat": [6, 0, 1], "Peringatan": [0, 1, 0]}
    assert per_unit.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(per_unit.plots[0].categories) == ["Bidang Satu", "Sekretariat"]
    assert list(per_unit.plots[0].series[0].values) == [6, 1]
    assert "18 temuan; 8 masih terbuka, 7 di antaranya galat" in _teks(slide)


def test_reconciliation_slide_before_any_review(con_bid1):
    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    assert "17 temuan; 17 masih terbuka, 17 di antaranya galat" in _teks(prs.slides[6])


def test_next_steps_from_the_sop_tracker(con_bid1, temuan):
    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    assert "belum ditetapkan" in _teks(prs.slides[-2])
    tahapan.simpan_rencana(con_bid1, 2025, dt.date(2026, 2, 12), cuti_bersama=False, oleh="x")
    tahapan.simpan_realisasi(con_bid1, 2025, 1, dt.date(2026, 2, 12), dt.date(2026, 2, 12),
                             oleh="x")
    slide = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji")).slides[-2]
    teks = _teks(slide)
    assert "12 Februari 2026 s.d. 5 Maret 2026" in teks
    assert "Langkah 2 (Rekapitulasi data) seharusnya selesai 13 Februari 2026" in teks
    tabel = next(s.table for s in slide.shapes if s.has_table)
    assert [tabel.cell(i, 0).text for i in range(1, 5)] == ["2", "3", "4", "5"]


def test_long_sasaran_continue_on_another_slide(con_bid1, temuan, monkeypatch):
    monkeypatch.setattr(paparan, "INDIKATOR_PER_SLIDE", 1)
    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    assert len(prs.slides) == 10
    assert "Sasaran S1 (lanjutan 2/2)" in _teks(prs.slides[4])
    (chart,) = _charts(prs.slides[4])
    assert list(chart.plots[0].categories) == ["IK.02"]


def test_command_line(con_bid1, db_file, tmp_path):
    from contoh import master_xlsx

    from lkip_core import db

    c = db.connect(db_file)
    assert impor(c, [("m.xlsx", master_xlsx()), ("r.xlsx", realisasi_xlsx())], oleh="uji").ok
    c.close()
    out = tmp_path / "paparan.pptx"
    assert main(["--db", str(db_file), "paparan", "--tahun", "2025", "--out", str(out)]) == 0
    assert len(_baca(out.read_bytes()).slides) == 9
    assert main(["--db", str(db_file), "paparan", "--tahun", "2019", "--out", str(out)]) == 2


@pytest.mark.slow
def test_libreoffice_renders_the_deck(con_bid1, temuan, tmp_path):
    perlu_program("soffice")
    path = tmp_path / "paparan.pptx"
    path.write_bytes(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "paparan.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+9$", info, re.M), info


def test_cover_logo_pejabat_and_conclusion_in_words(con_bid1, temuan):
    """The cover names the agency and its Kepala (from the master), holds a logo placeholder
    until a logo is set; the last slide concludes in words; counts print without decimals."""
    from PIL import Image

    from lkip_core import pengaturan

    prs = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji"))
    sampul = _teks(prs.slides[0])
    assert "Kepala Badan Contoh" in sampul and "Kepala Contoh" in sampul
    assert "NIP. 19700101 199001 1 001" in sampul and "Logo instansi" in sampul
    akhir = prs.slides[-1]
    teks = _teks(akhir)
    assert "Kesimpulan dan tindak lanjut" in teks and "Tindak lanjut" in teks
    assert "Bidang Satu:" in teks  # a galat finding named by its unit, in words
    assert not re.search(r"\bR\d\d\b", teks)  # no rule codes
    tabel_teks = "\n".join(c.text for s in prs.slides for x in s.shapes if x.has_table
                           for r in x.table.rows for c in r.cells)
    assert re.search(r"\d orang", tabel_teks) and not re.search(r",\d\d orang", tabel_teks)

    buf = io.BytesIO()
    Image.new("RGB", (60, 40), "#1565C0").save(buf, "PNG")
    pengaturan.simpan(con_bid1, "logo_instansi", base64.b64encode(buf.getvalue()).decode(),
                      oleh="uji")
    sampul = _baca(buat_paparan(con_bid1, 2025, HARI_INI, oleh="uji")).slides[0]
    gambar = [x for x in sampul.shapes if x.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(gambar) == 1 and gambar[0].image.blob == buf.getvalue()
    assert "Logo instansi" not in _teks(sampul)


def _baris_perlu(teks: str, lebar_in: float, ukuran: float, tebal: bool) -> int:
    """Lines a text wraps to in a box `lebar_in` inches wide (Arial metrics, halaman.py)."""
    from lkip_core.lampiran.halaman import baris_teks

    kolom = ((lebar_in - 0.2) * 96 - 5) / 7  # the estimator's unit: 7 px columns at 10 pt
    return sum(baris_teks(p or " ", kolom, tebal, ukuran) for p in teks.split("\n"))


def _tinggi_perlu(tf, lebar_in: float) -> float:
    """Inches a text frame's paragraphs need: lines × 1.2 × size, paragraph spacing, insets."""
    pt = 0.0
    for p in tf.paragraphs:
        ukuran = max([r.font.size.pt for r in p.runs if r.font.size] or [18])
        tebal = any(r.font.bold for r in p.runs)
        pt += _baris_perlu(p.text, lebar_in, ukuran, tebal) * ukuran * 1.2
        pt += p.space_after.pt if p.space_after is not None else 0
    return pt / 72 + 0.1


def test_no_text_overflows_its_box_or_slide(demo_db, tmp_path):
    """The demo deck (long program and sasaran names): every shape inside the slide, every
    text box and table tall enough for its wrapped text, no slide's content ending before
    two thirds of its height (half empty), and LibreOffice's PDF puts every word on its page."""
    from lkip_core import db

    con = db.connect(demo_db, read_only=True)
    tahun = con.execute("SELECT max(tahun) FROM v_master_tahun").fetchone()[0]
    con.close()
    con = db.connect(demo_db)  # the deck is audited: a writable connection
    isi = buat_paparan(con, tahun, HARI_INI, oleh="admin")
    con.close()
    prs = _baca(isi)
    W, H = prs.slide_width, prs.slide_height
    for n, s in enumerate(prs.slides, 1):
        bawah = 0.0  # where the slide's content ends (inches): no slide is half empty
        for x in s.shapes:
            bawah = max(bawah, (x.top + x.height) / 914400 if x.has_chart else 0)
            assert x.left >= 0 and x.top >= 0, (n, x.name)
            assert x.left + x.width <= W and x.top + x.height <= H, (n, x.name)
            lebar = x.width / 914400
            if x.has_text_frame and x.text_frame.text.strip():
                assert _tinggi_perlu(x.text_frame, lebar) <= x.height / 914400 + 0.05, \
                    (n, x.text_frame.text[:60])
                bawah = max(bawah, x.top / 914400 + _tinggi_perlu(x.text_frame, lebar))
            if x.has_table:
                t = x.table
                tinggi = sum(max(_tinggi_perlu(c.text_frame, t.columns[j].width / 914400)
                                 - 0.04 for j, c in enumerate(r.cells)) for r in t.rows)
                assert x.top / 914400 + tinggi <= H / 914400, (n, "tabel")
                bawah = max(bawah, x.top / 914400 + tinggi)
        assert bawah >= 0.65 * H / 914400, (n, "separuh kosong", bawah)
    perlu_program("soffice", "pdftotext")
    path = tmp_path / "paparan.pptx"
    path.write_bytes(isi)
    env = {**os.environ, "LC_ALL": "en_US.UTF-8", "LANG": "en_US.UTF-8"}
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180, env=env)
    html = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "paparan.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    halaman = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    assert len(halaman) == len(prs.slides)
    for n, (w, h, isi_hal) in enumerate(halaman, 1):
        for x0, y0, x2, y2 in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                         r'yMax="([\d.]+)"', isi_hal):
            assert 0 <= float(x0) <= float(x2) <= float(w) + 1, n
            assert 0 <= float(y0) <= float(y2) <= float(h) + 1, n


def test_a_year_without_budget_programs_still_makes_a_deck(demo_db, tmp_path):
    """The demo's history years (2021–2023) carry capaian but no program budget: the budget
    slide says so instead of failing on an empty chart."""
    import shutil as sh

    from lkip_core import db

    salinan = tmp_path / "lkip.duckdb"
    sh.copy(demo_db, salinan)
    con = db.connect(salinan)
    try:
        assert ringkasan(con, 2023).anggaran.program.empty  # the case this test is about
        dek = _baca(buat_paparan(con, 2023, HARI_INI, oleh="uji"))
    finally:
        con.close()
    slide = next(s for s in dek.slides if "Realisasi anggaran 2023" in _teks(s))
    assert "Belum ada data anggaran per program untuk tahun 2023." in _teks(slide)
    assert _charts(slide) == []
