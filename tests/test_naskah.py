"""The LKIP book (issue 13): the DOCX read back with python-docx — headings in order, a section
per sasaran, every table figure equal to the engine's, no template tag left, captions numbered —
the prose per year with its fields, drafts and history, and the Word template's checks."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx_isi import isi_dokumen as _isi

from lkip_core import db, fmt, naskah
from lkip_core.analisis.anggaran import hitung_anggaran
from lkip_core.analisis.kinerja import tabel_capaian
from lkip_core.errors import InputRefused, NotFound
from lkip_core.lampiran.data import per_sasaran
from lkip_core.masukan.parsing import parse_number
from lkip_core.naskah import dokumen, draf, templat

TAHUN = 2025


@pytest.fixture(scope="module")
def buku(demo_db, tmp_path_factory):
    """The demo year's book (one render for the read-back tests) and the engine's results."""
    path = tmp_path_factory.mktemp("naskah") / "lkip.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    b = naskah.buat_docx(con, TAHUN)
    cur = con.cursor()
    hasil = {"buku": b, "doc": Document(io.BytesIO(b.docx)),
             "capaian": tabel_capaian(cur, TAHUN), "anggaran": hitung_anggaran(cur, TAHUN)}
    con.close()
    return hasil


def _judul(doc, gaya: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == gaya]


def test_headings_in_the_order_of_permen_panrb_53_2014(buku):
    h1 = _judul(buku["doc"], "Heading 1")
    assert h1 == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN",
                  "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA",
                  "BAB IV PENUTUP", "LAMPIRAN I: PERJANJIAN KINERJA",
                  "LAMPIRAN II: PENGUKURAN KINERJA", "LAMPIRAN III: INDIKATOR KINERJA UTAMA",
                  "LAMPIRAN IV: REALISASI ANGGARAN",
                  "LAMPIRAN V: RENCANA AKSI DAN REALISASI PER TRIWULAN"]
    h2 = _judul(buku["doc"], "Heading 2")
    assert h2 == ["A. Latar Belakang", "B. Dasar Hukum", "C. Tugas Pokok dan Fungsi",
                  "D. Struktur Organisasi", "E. Isu Strategis", "F. Sistematika Penyajian",
                  "A. Rencana Strategis", f"B. Perjanjian Kinerja Tahun {TAHUN}",
                  "A. Capaian Kinerja Organisasi", "B. Realisasi Anggaran", "A. Kesimpulan",
                  "B. Langkah ke Depan"]
    teks = [p.text for p in buku["doc"].paragraphs]
    assert teks.index("DAFTAR ISI") < teks.index("DAFTAR TABEL") < teks.index("DAFTAR GAMBAR") \
        < teks.index("BAB I PENDAHULUAN")


def test_a_section_per_sasaran_with_the_seven_analyses(buku):
    df = buku["capaian"]
    sasaran = list(dict.fromkeys(zip(df["kode_sasaran"], df["uraian_sasaran"])))
    h3 = _judul(buku["doc"], "Heading 3")
    assert h3 == [f"{n}. Sasaran Strategis {n}: {u}" for n, (_, u) in enumerate(sasaran, 1)]
    h4 = _judul(buku["doc"], "Heading 4")
    assert len(h4) == 6 * len(sasaran)  # no standard entered: that analysis is left out
    assert h4[:6] == [f"a. Target dan Realisasi Kinerja Tahun {TAHUN}",
                      "b. Perbandingan dengan Tahun-Tahun Sebelumnya",
                      "c. Perbandingan dengan Target Akhir Renstra",
                      "d. Penyebab Keberhasilan/Kegagalan dan Solusi",
                      "e. Efisiensi Penggunaan Sumber Daya", "f. Program dan Kegiatan Pendukung"]


def test_no_template_tag_is_left_anywhere(buku):
    with zipfile.ZipFile(io.BytesIO(buku["buku"].docx)) as z:
        for nama in z.namelist():
            if nama.endswith(".xml"):
                xml = z.read(nama).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml and "[[" not in xml, nama


def test_captions_numbered_per_chapter_in_order(buku):
    doc = buku["doc"]
    for gaya, kata in (("Keterangan Tabel", "Tabel"), ("Keterangan Gambar", "Gambar")):
        nomor: dict[str, list[int]] = {}
        for teks in _judul(doc, gaya):
            m = re.match(rf"^{kata} (\d+)\.(\d+) \S", teks) or re.match(rf"^{kata} (i) \S", teks)
            assert m, teks
            if m.group(1) != "i":
                nomor.setdefault(m.group(1), []).append(int(m.group(2)))
        for bab, urut in nomor.items():
            assert urut == list(range(1, len(urut) + 1)), (kata, bab, urut)
    assert buku["buku"].judul == [p.text for p in doc.paragraphs
                                  if p.style.name in ("Keterangan Tabel", "Keterangan Gambar")]
    # every table caption sits right above its table, every figure caption right below a figure
    blok = list(_isi(doc))
    for i, b in enumerate(blok):
        if isinstance(b, Paragraph) and b.style.name == "Keterangan Tabel":
            assert isinstance(blok[i + 1], Table), b.text
        if isinstance(b, Paragraph) and b.style.name == "Keterangan Gambar":
            assert blok[i - 1].style.name == "Gambar" and \
                blok[i - 1]._p.xpath(".//pic:pic"), b.text
    gambar = _judul(doc, "Keterangan Gambar")
    n_sasaran = len(_judul(doc, "Heading 3"))
    assert len(gambar) == 1 + 2 * n_sasaran + 2  # summary, two per sasaran, two of the budget


def _angka(teks: str) -> float | None:
    teks = teks.strip()
    return None if teks in ("—", "") else parse_number(teks)


def _tabel_dengan(doc, *kepala: str):
    """Tables with one header row holding every `kepala` (two-row headers: Lampiran V)."""
    for t in doc.tables:
        if len(t.rows) > 1 and t.rows[1]._tr.xpath("./w:trPr/w:tblHeader"):
            continue
        judul = [c.text for c in t.rows[0].cells]
        if all(any(k == j for j in judul) for k in kepala):
            yield t, judul


def test_every_capaian_target_and_realisasi_equals_the_engine(buku):
    df = buku["capaian"]
    per_nama = {r["uraian_indikator"]: r for r in df.to_dict("records")}
    diperiksa = 0
    for t, judul in _tabel_dengan(buku["doc"], "Capaian (%)"):
        ki = next((i for i, j in enumerate(judul) if j.startswith("Indikator")), None)
        if ki is None:
            continue
        kolom = {k: judul.index(k) for k in ("Capaian (%)", "Target", f"Target {TAHUN}",
                                             "Realisasi", f"Realisasi {TAHUN}") if k in judul}
        for row in t.rows[1:]:
            sel = [c.text for c in row.cells]
            nama = re.sub(r"\s\*+$", "", sel[ki])
            if nama not in per_nama:
                continue
            r = per_nama[nama]
            for k, i in kolom.items():
                mesin = r["capaian" if k.startswith("Capaian") else
                          "target" if k.startswith("Target") else "realisasi"]
                dok = _angka(sel[i])
                if mesin != mesin or mesin is None:
                    assert dok is None, (nama, k, sel[i])
                else:
                    assert dok == pytest.approx(fmt.round_half_up(mesin), abs=1e-9), (nama, k, sel[i])
                diperiksa += 1
    # Ikhtisar (IKU), Bab III per sasaran, Lampiran II, III: every indicator at least twice
    assert diperiksa >= 3 * 2 * len(df)


def test_every_budget_figure_equals_the_engine(buku):
    h = buku["anggaran"]
    mesin = {}
    for frame in (h.program, h.kegiatan, h.sub_kegiatan):
        for r in frame.to_dict("records"):
            mesin[r["kode"]] = r
    diperiksa = 0
    for t, judul in _tabel_dengan(buku["doc"], "Kode", "Pagu (Rp)", "Realisasi (Rp)"):
        ip, ir, isr = (judul.index(k) for k in ("Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"))
        for row in t.rows[1:]:
            sel = [c.text for c in row.cells]
            r = mesin.get(sel[judul.index("Kode")]) if sel[0] != "JUMLAH" else h.total
            if r is None:
                continue
            assert _angka(sel[ip]) == pytest.approx(r["pagu"], abs=0.005)
            assert _angka(sel[ir]) == pytest.approx(r["realisasi"], abs=0.005)
            assert _angka(sel[isr]) == pytest.approx(fmt.round_half_up(r["serapan"]), abs=1e-9)
            diperiksa += 1
    assert diperiksa >= len(mesin) + 1  # Lampiran IV: every level and the total


def test_numbers_are_indonesian_text(buku):
    doc = buku["doc"]
    teks = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert re.search(r"\b\d{1,3}(\.\d{3})+\b", teks)  # 21.134.175.000
    assert "21.134.175.000" in teks and "111,85" in teks
    assert not re.search(r"\d,\d{3}\.\d", teks)  # never English separators


def test_prose_fields_come_from_the_engine(buku):
    doc = buku["doc"]
    teks = "\n".join(p.text for p in doc.paragraphs)
    rata = buku["capaian"]["capaian"].dropna().mean()
    assert f"sebesar {naskah.medan.fmt.persen(rata)}" in teks
    assert "turun 10,58 poin dari 103,59 % pada tahun 2024" in teks  # IK.01, the case
    assert "Permasalahan: -" not in teks


def test_prose_saved_revised_and_returned_to_the_draft(con_demo):
    naskah.simpan(con_demo, TAHUN, "bab1_latar_belakang",
                  "Paragraf pertama [[instansi]].\nKedua: capaian [[capaian_rata]].", oleh="kasubag")
    doc = Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx))
    teks = [p.text for p in doc.paragraphs]
    i = teks.index("A. Latar Belakang")
    assert teks[i + 1].startswith("Paragraf pertama Badan Kepegawaian")
    assert teks[i + 2].startswith("Kedua: capaian 103,13 %")
    assert not naskah.simpan(con_demo, TAHUN, "bab1_latar_belakang",
                             "Paragraf pertama [[instansi]].\nKedua: capaian [[capaian_rata]].",
                             oleh="kasubag")  # the same text: nothing written
    riwayat = naskah.riwayat(con_demo.cursor(), TAHUN, "bab1_latar_belakang")
    assert list(riwayat["oleh"]) == ["kasubag"] and list(riwayat["jenis"]) == ["tulis"]
    naskah.kembalikan(con_demo, TAHUN, "bab1_latar_belakang", oleh="kasubag")
    bahan, isi = naskah.bahan_dan_isi(con_demo.cursor(), TAHUN)
    assert isi["bab1_latar_belakang"].otomatis
    assert isi["bab1_latar_belakang"].teks == draf.draf(bahan, "bab1_latar_belakang")
    naskah.tandai_selesai(con_demo, TAHUN, "kata_pengantar", True, oleh="kasubag")
    _, isi = naskah.bahan_dan_isi(con_demo.cursor(), TAHUN)
    assert isi["kata_pengantar"].selesai and isi["kata_pengantar"].otomatis


def test_unknown_field_unknown_section_and_empty_name_refused(con_demo):
    with pytest.raises(InputRefused, match=r"Isian angka tidak dikenal: \[\[IK\.99\.capaian\]\]"):
        naskah.simpan(con_demo, TAHUN, "kata_pengantar", "Capaian [[IK.99.capaian]].",
                      oleh="kasubag")
    with pytest.raises(InputRefused, match="tidak dikenal"):
        naskah.simpan(con_demo, TAHUN, "bab9_tidak_ada", "x", oleh="kasubag")
    with pytest.raises(InputRefused, match="Isi nama Anda"):
        naskah.simpan(con_demo, TAHUN, "kata_pengantar", "x", oleh=" ")
    assert naskah.riwayat(con_demo.cursor(), TAHUN, "kata_pengantar").empty


def test_profile_texts_copied_from_the_previous_year(con_demo):
    naskah.simpan(con_demo, 2024, "bab1_tupoksi", "Tupoksi versi [[tahun]].", oleh="kasubag")
    naskah.simpan(con_demo, 2024, "bab1_isu_strategis", "Isu 2024.", oleh="kasubag")
    _, isi = naskah.bahan_dan_isi(con_demo.cursor(), TAHUN)
    assert isi["bab1_tupoksi"].teks == "Tupoksi versi [[tahun]]."
    assert isi["bab1_tupoksi"].sumber == "disalin dari tahun 2024"
    assert isi["bab1_isu_strategis"].otomatis  # not a profile text: this year's draft
    assert naskah.salin_tahun_lalu(con_demo, TAHUN, oleh="kasubag") == ["bab1_tupoksi"]
    assert naskah.salin_tahun_lalu(con_demo, TAHUN, oleh="kasubag") == []
    doc = Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx))
    assert "Tupoksi versi 2025." in [p.text for p in doc.paragraphs]


def test_operator_may_not_write_the_book(con_demo):
    from lkip_core.akun import Akun, TidakDiizinkan

    op = Akun("op.pka", None, None, None, "operator", "PKA")
    with pytest.raises(TidakDiizinkan, match="menyunting naskah LKIP"):
        naskah.simpan(con_demo, TAHUN, "kata_pengantar", "x", oleh=op)


def test_unknown_year_refused(con_demo):
    with pytest.raises(NotFound, match="Tahun 1999 tidak ada di master"):
        naskah.buat_docx(con_demo, 1999)


# --- the Word template -------------------------------------------------------------------


def _bagian(isi: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/")}


def test_the_template_in_the_repo_is_the_one_the_code_writes():
    for jenis, buat in (("naskah", templat.buat_templat), ("surat", naskah.buat_templat_surat)):
        assert _bagian(dokumen.BERKAS_TEMPLAT[jenis].read_bytes()) == _bagian(buat()), (
            f"templates/ is stale: regenerate it with `naskah template` ({jenis})")


def test_template_with_unknown_or_missing_variable_or_style_refused():
    doc = Document(io.BytesIO(naskah.templat_bawaan()))
    doc.add_paragraph("{{ anggaran_rahasia }}")
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(InputRefused, match="variabel tidak dikenal: anggaran_rahasia"):
        naskah.periksa_templat(buf.getvalue())
    doc = Document(io.BytesIO(naskah.templat_bawaan()))
    for p in doc.paragraphs:
        if "bab4." in p.text:
            p.text = ""
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(InputRefused, match="variabel wajib tidak ada: bab4"):
        naskah.periksa_templat(buf.getvalue())
    with pytest.raises(InputRefused, match="bukan dokumen Word"):
        naskah.periksa_templat(b"bukan docx")
    kosong = io.BytesIO()
    Document().save(kosong)
    with pytest.raises(InputRefused, match="gaya paragraf tidak ada: IsiNaskah"):
        naskah.periksa_templat(kosong.getvalue())


def test_an_office_template_is_kept_and_used(con_demo):
    doc = Document(io.BytesIO(naskah.templat_bawaan()))
    doc.paragraphs[0].insert_paragraph_before("KOP KANTOR CONTOH")
    buf = io.BytesIO()
    doc.save(buf)
    naskah.simpan_templat(con_demo, buf.getvalue(), oleh="kasubag", nama_berkas="kop.docx")
    assert naskah.templat_aktif(con_demo.cursor())[1] == "kop.docx"
    teks = [p.text for p in Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx)).paragraphs]
    assert teks[0] == "KOP KANTOR CONTOH"
    naskah.simpan_templat(con_demo, None, oleh="kasubag")
    assert naskah.templat_aktif(con_demo.cursor())[1].startswith("templat bawaan")


def _tabel_setelah(doc, awal_judul: str) -> tuple[str, Table, str]:
    """(caption, the table after it, the note paragraph after the table) of the caption that
    starts with `awal_judul`."""
    isi = list(_isi(doc))
    for i, x in enumerate(isi):
        if isinstance(x, Paragraph) and re.match(r"Tabel \S+ " + re.escape(awal_judul), x.text):
            j = i + 1
            while not isinstance(isi[j], Table):
                j += 1
            k = j
            while isinstance(isi[k], Table) or not isi[k].text.strip():
                k += 1  # a long table is written in pieces (tabel.POTONG_BARIS)
            return x.text, isi[j], isi[k].text
    raise AssertionError(f"tidak ada tabel {awal_judul!r}")


def test_a_city_scale_bab_ii_lists_the_iku_and_points_to_the_annexes(con_demo, monkeypatch):
    """Above konteks.BATAS_RINCI indicators (a city's PK: thousands) Bab II's Renstra and
    PK tables hold the IKU only, each sasaran keeping its number, with a note naming Lampiran I
    and II, where every indicator still is; below it they hold every indicator."""
    from lkip_core.naskah import konteks

    df = tabel_capaian(con_demo.cursor(), TAHUN)
    iku = set(df.loc[df["iku"], "uraian_indikator"])
    semua = set(df["uraian_indikator"])
    assert iku and iku != semua

    def indikator(t: Table) -> set[str]:
        judul = [c.text for c in t.rows[0].cells]
        ki = next(i for i, j in enumerate(judul) if j.startswith("Indikator"))
        return {re.sub(r"\s\*+$", "", r.cells[ki].text) for r in t.rows[1:]}

    utuh = Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx))
    judul, t, catatan = _tabel_setelah(utuh, "Perjanjian Kinerja Tahun")
    assert indikator(t) == semua and "Lampiran I" not in catatan

    monkeypatch.setattr(konteks, "BATAS_RINCI", len(semua) - 1)
    doc = Document(io.BytesIO(naskah.buat_docx(con_demo, TAHUN).docx))
    for awal in ("Perjanjian Kinerja Tahun", "Tujuan, Sasaran, dan Indikator Kinerja Utama"):
        judul, t, catatan = _tabel_setelah(doc, awal)
        assert indikator(t) == iku, judul
        assert f"{len(iku)} Indikator Kinerja Utama" in catatan
        assert f"Seluruh {len(semua)} indikator" in catatan and "Lampiran I " in catatan
        # the sasaran numbers are Bab III's: a sasaran without IKU leaves its number out
        nomor = [int(r.cells[0].text) for r in t.rows[1:] if r.cells[0].text.isdigit()]
        punya_iku = {n for n, (_, _, g) in enumerate(
            per_sasaran(df.to_dict("records")), start=1) if any(r["iku"] for r in g)}
        assert set(nomor) == punya_iku
    # Lampiran I, in the same book, still holds every indicator (its pieces together)
    isi = list(_isi(doc))
    awal = next(i for i, x in enumerate(isi) if isinstance(x, Paragraph)
                and x.text.startswith("LAMPIRAN I:"))
    akhir = next(i for i, x in enumerate(isi) if i > awal and isinstance(x, Paragraph)
                 and x.text.startswith("Tabel 2"))
    dalam = set().union(*(indikator(x) for x in isi[awal:akhir] if isinstance(x, Table)))
    assert dalam == semua


def _warna(png: bytes) -> set[tuple[int, int, int]]:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    return {c for _, c in img.getcolors(1 << 20)}


def test_the_per_sasaran_charts_are_print_resolution_pngs_in_the_predikat_colours():
    """The two charts drawn per sasaran (Pillow, `kanvas`): 16 cm at 200 dpi, white paper,
    each capaian bar in its predikat's colour, no bar where there is no capaian, one coloured
    line per indicator with two years or more in the trend (None when none has)."""
    from PIL import Image

    from lkip_core.grafik.gaya import WARNA_PREDIKAT
    from lkip_core.naskah import grafik, kanvas
    from lkip_core.pengaturan import SKALA_PREDIKAT

    skala = SKALA_PREDIKAT["permendagri_86_2017"]
    rows = [{"kode_indikator": f"IK.0{i}", "uraian_indikator": f"Indikator uji {i}",
             "capaian": c, "predikat": p, "alasan": a, "iku": i == 1, "polaritas": "positif",
             "metode_negatif": None}
            for i, (c, p, a) in enumerate([(104.2, "Sangat Tinggi", None),
                                           (58.0, "Sangat Rendah", None),
                                           (None, None, "target 0")], start=1)]
    png = grafik.capaian_indikator(rows, skala, "Sasaran 1: capaian indikator")
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.width == round(grafik.LEBAR_IN * kanvas.DPI)
    assert img.info["dpi"] == pytest.approx((kanvas.DPI, kanvas.DPI), abs=0.01)
    assert img.convert("RGB").getpixel((0, 0)) == (255, 255, 255)
    warna = _warna(png)
    hex_ = lambda w: tuple(int(w[i:i + 2], 16) for i in (1, 3, 5))  # noqa: E731
    assert hex_(WARNA_PREDIKAT["Sangat Tinggi"]) in warna
    assert hex_(WARNA_PREDIKAT["Sangat Rendah"]) in warna
    assert hex_(WARNA_PREDIKAT["Tinggi"]) not in warna  # no indicator has it

    riwayat = {"IK.01": [(2023, 100.0, 90.0), (2024, 100.0, 95.0), (2025, 100.0, 104.2)],
               "IK.02": [(2024, 100.0, 80.0), (2025, 100.0, 58.0)],
               "IK.03": [(2025, 0.0, 3.0)]}
    png = grafik.tren_capaian(rows, riwayat, TAHUN, "Sasaran 1: dari tahun ke tahun")
    warna = _warna(png)
    assert {hex_(kanvas.TAB10[0]), hex_(kanvas.TAB10[1])} <= warna  # two lines
    assert hex_(kanvas.TAB10[2]) not in warna  # IK.03 has one year only
    assert grafik.tren_capaian(rows, {"IK.01": riwayat["IK.01"][:1]}, TAHUN, "x") is None


def test_charts_are_drawn_once_per_data(monkeypatch):
    """The page builds the book for the DOCX and again for the PDF: a chart of the same data is
    taken from the process's store, a chart of changed data is drawn."""
    monkeypatch.setattr(dokumen, "_tembolok", type(dokumen._tembolok)())
    digambar = []

    def gambar(rows, judul):
        digambar.append(judul)
        return f"{judul}:{sum(r['v'] for r in rows)}".encode()

    jobs = [(gambar, [{"v": 1}, {"v": 2}], "A"), None, (gambar, [{"v": 5}], "B")]
    assert dokumen.lukis(jobs) == [b"A:3", None, b"B:5"] and digambar == ["A", "B"]
    assert dokumen.lukis(jobs) == [b"A:3", None, b"B:5"] and digambar == ["A", "B"]
    jobs[2] = (gambar, [{"v": 6}], "B")
    assert dokumen.lukis(jobs) == [b"A:3", None, b"B:6"] and digambar == ["A", "B", "B"]
