"""The LKIP book at city scale (issue 13), on the demo with the limits lowered: above
konteks.BATAS_RINCI indicators Bab III's per-sasaran target, past-years and Renstra tables hold
the sasaran's IKU only, with a note naming Lampiran II (the efficiency table keeps every
indicator); a bar chart taller than a page is drawn in page-sized pieces, each piece after the
first under a "Gambar 3.x (lanjutan)" line that is not a caption."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx_isi import isi_dokumen as _isi
from PIL import Image

from lkip_core import fmt, naskah
from lkip_core.analisis.kinerja import tabel_capaian
from lkip_core.lampiran.data import per_sasaran
from lkip_core.masukan.parsing import parse_number
from lkip_core.naskah import dokumen, grafik, konteks

TAHUN = 2025




def _tabel(isi: list, awal_judul: str) -> tuple[list[Table], list[str]]:
    """(the table's pieces, the note paragraphs under it) of the caption `awal_judul`."""
    i = next(i for i, x in enumerate(isi) if isinstance(x, Paragraph)
             and re.match(r"Tabel \S+ " + re.escape(awal_judul), x.text))
    j = i + 1
    tabel, catatan = [], []
    while isinstance(isi[j], Table) or isi[j].style.name == "Catatan Tabel" \
            or not isi[j].text.strip():
        (tabel if isinstance(isi[j], Table) else catatan).append(isi[j])
        j += 1
    return tabel, [p.text for p in catatan if p.text.strip()]


def _baris(tabel: list[Table]) -> list[list[str]]:
    return [[c.text for c in r.cells] for t in tabel for r in t.rows[1:]]


def _angka(teks: str) -> float | None:
    return None if teks.strip() in ("—", "") else parse_number(teks)


def test_above_the_limit_bab_iii_tables_hold_the_iku_with_a_note(con_demo, monkeypatch):
    df = tabel_capaian(con_demo.cursor(), TAHUN)
    kelompok = per_sasaran(df.to_dict("records"))
    semua = len(df)
    # below the limit (the demo: 25 indicators) every indicator, and no note
    isi = list(_isi(Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx))))
    for n, (_, _, g) in enumerate(kelompok, start=1):
        t, catatan = _tabel(isi, f"Target dan Realisasi Kinerja Sasaran {n} ")
        assert len(_baris(t)) == len(g) + 1  # its indicators and the sasaran's row
        assert not any("Lampiran II" in c for c in catatan)

    monkeypatch.setattr(konteks, "BATAS_RINCI", semua - 1)
    isi = list(_isi(Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx))))
    per_nama = {r["uraian_indikator"]: r for r in df.to_dict("records")}
    dipangkas = 0
    for n, (_, _, g) in enumerate(kelompok, start=1):
        iku = [r for r in g if r["iku"]]
        mau = iku or g  # a sasaran without IKU keeps every indicator
        for awal, kolom in ((f"Target dan Realisasi Kinerja Sasaran {n} ",
                             {3: "target", 4: "realisasi", 5: "capaian"}),
                            (f"Realisasi Indikator Sasaran {n} ", {5: "realisasi", 6: "target"}),
                            (f"Realisasi Sasaran {n} terhadap", {3: "target_akhir_renstra"})):
            t, catatan = _tabel(isi, awal)
            baris = [b for b in _baris(t) if not b[0].startswith("Capaian Sasaran")]
            nama = [re.sub(r"\s\*+$", "", b[1]) for b in baris]
            assert nama == [r["uraian_indikator"] for r in mau], awal
            for b, x in zip(baris, nama):  # every figure still the engine's
                for i, k in kolom.items():
                    v = per_nama[x][k]
                    assert (_angka(b[i]) is None) if v is None or v != v else \
                        _angka(b[i]) == pytest.approx(fmt.round_half_up(v), abs=1e-9), (awal, x)
            teks = " ".join(catatan)
            if iku and len(iku) < len(g):
                dipangkas += 1
                assert f"memuat {len(iku)} Indikator Kinerja Utama" in teks, awal
                assert f"{len(g) - len(iku)} indikator lainnya" in teks
                assert f"seluruh {len(g)} indikator" in teks and "Lampiran II" in teks
            else:
                assert "Lampiran II" not in teks
        # the sasaran's capaian row is still the mean of all its indicators (the engine's)
        t, catatan = _tabel(isi, f"Target dan Realisasi Kinerja Sasaran {n} ")
        assert _baris(t)[-1][0].startswith("Capaian Sasaran")
        # the efficiency table keeps every indicator: its IE/TE are in no annex
        t, _ = _tabel(isi, f"Efisiensi Penggunaan Sumber Daya Sasaran {n}")
        assert len(_baris(t)) == len(g)
    assert dipangkas >= 3  # the demo has sasaran with IKU and other indicators


def test_a_bar_chart_taller_than_a_page_is_split_into_pieces(con_demo, monkeypatch):
    monkeypatch.setattr(dokumen, "_tembolok", type(dokumen._tembolok)())
    df = tabel_capaian(con_demo.cursor(), TAHUN)
    kelompok = per_sasaran(df.to_dict("records"))
    utuh = Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx))
    judul_utuh = [p.text for p in utuh.paragraphs if p.style.name == "Keterangan Gambar"]
    n_gambar = len(utuh.inline_shapes)
    assert not any(p.text.endswith("(lanjutan)") for p in utuh.paragraphs)

    monkeypatch.setattr(grafik, "BARIS_PER_GAMBAR", 2)
    doc = Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx))
    # the same figures, numbered the same, each listed once (the continuation lines are in no
    # caption style, so the Daftar Gambar does not list them)
    assert [p.text for p in doc.paragraphs if p.style.name == "Keterangan Gambar"] == judul_utuh
    isi = [x for x in _isi(doc) if isinstance(x, Paragraph)]
    potong = {}
    for i, p in enumerate(isi):
        if p.style.name != "Keterangan Gambar":
            continue
        label = " ".join(p.text.split(" ")[:2])
        assert isi[i - 1]._p.xpath(".//pic:pic")  # the first piece right above its caption
        j, k = i + 1, 1
        while j + 1 < len(isi) and isi[j]._p.xpath(".//pic:pic") \
                and isi[j + 1].text == f"{label} (lanjutan)":
            assert isi[j].style.name == "Gambar" and isi[j + 1].style.name != "Keterangan Gambar"
            j, k = j + 2, k + 1
        potong[p.text] = k
    assert potong[f"{judul_utuh[0]}"] == len(grafik.potongan(len(kelompok), 2))
    for n, (_, _, g) in enumerate(kelompok, start=1):
        judul = next(t for t in judul_utuh if f"Capaian Indikator Sasaran {n} Tahun" in t)
        assert potong[judul] == len(grafik.potongan(len(g), 2)), judul
    assert len(doc.inline_shapes) == n_gambar + sum(k - 1 for k in potong.values())


@pytest.mark.parametrize("n", [18, 32, 227])
def test_every_piece_of_a_city_scale_chart_fits_a_page(n):
    """A sasaran of 32 indicators, the 227 sasaran of a city, a city's 176 programs: every
    piece, at the book's 150 mm, no taller than an A4 page's text area less its caption."""
    from lkip_core.pengaturan import SKALA_PREDIKAT

    skala = SKALA_PREDIKAT["permendagri_86_2017"]
    rows = [{"kode_indikator": f"IK.{i:03d}", "uraian_indikator": "Persentase indikator "
             "dengan uraian yang panjang sekali sampai harus dibungkus menjadi dua baris " * 2,
             "capaian": 50.0 + i, "predikat": "Tinggi", "alasan": None} for i in range(n)]
    maks = grafik.maks_capaian(rows)
    program = [{"kode": f"1.01.{i:02d}", "nama": "Program penunjang urusan pemerintahan daerah "
                "kabupaten/kota yang panjang", "pagu": 1e9 * (i + 1), "realisasi": 9e8 * (i + 1),
                "serapan": 90.0} for i in range(n)]
    bagian = grafik.potongan(n, grafik.BARIS_PER_GAMBAR)
    assert [z - a for a, z in bagian] == sorted((z - a for a, z in bagian), reverse=True)
    assert sum(z - a for a, z in bagian) == n and max(z - a for a, z in bagian) <= 18
    png = [grafik.capaian_indikator(rows[a:z], skala, grafik.judul_potongan("x", i), maks)
           for i, (a, z) in enumerate(bagian)]
    png += [grafik.anggaran_program(program[a:z], "Pagu", grafik.maks_pagu(program))
            for a, z in grafik.potongan(n, grafik.PROGRAM_PER_GAMBAR)][:2]
    for p in png:
        img = Image.open(io.BytesIO(p))
        tinggi_mm = img.height / img.width * dokumen.LEBAR_GAMBAR_MM
        assert tinggi_mm <= 225, tinggi_mm  # 252 mm of text, less the caption and spacing
