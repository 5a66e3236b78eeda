"""The book as PDF through LibreOffice (issue 13 item 5): A4, a table of contents with page
numbers, numbered tables and figures, page numbers in the footer, and the signed PDF with its
Lembar Pengesahan. Needs LibreOffice Writer and poppler (`make libreoffice` installs them)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from lkip_core import akun, db, naskah
from lkip_core.naskah import pdf as pdf_mod

TAHUN = 2025
A4 = (595.3, 841.9)


def _perlu_libreoffice():
    if not (shutil.which("soffice") and shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pesan = "LibreOffice Writer/poppler tidak terpasang; `make libreoffice` memasangnya"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(pesan)
        pytest.skip(pesan)


@pytest.fixture(scope="module")
def hasil(demo_db, tmp_path_factory):
    _perlu_libreoffice()
    folder = tmp_path_factory.mktemp("pdf")
    path = folder / "lkip.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    buku = naskah.buat_docx(con, TAHUN)
    isi = naskah.ke_pdf(buku.docx)
    (folder / "buku.pdf").write_bytes(isi)
    yield {"con": con, "buku": buku, "pdf": folder / "buku.pdf", "folder": folder}
    con.close()


def _info(path) -> tuple[int, list[tuple[float, float]]]:
    teks = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True,
                          text=True, check=True).stdout
    halaman = int(re.search(r"^Pages:\s+(\d+)", teks, re.M).group(1))
    ukuran = [(float(a), float(b)) for a, b in
              re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", teks, re.M)]
    return halaman, ukuran


def _teks(path, hal: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(hal), "-l", str(hal), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_pdf_pages_are_a4_portrait_and_the_annexes_landscape(hasil):
    n, ukuran = _info(hasil["pdf"])
    assert n >= 30 and len(ukuran) == n
    assert ukuran[0] == pytest.approx(A4, abs=1)  # the cover
    for lebar, tinggi in ukuran:
        assert sorted((lebar, tinggi)) == pytest.approx(sorted(A4), abs=1)
    lanskap = [i for i, (w, h) in enumerate(ukuran, start=1) if w > h]
    assert lanskap and lanskap == list(range(lanskap[0], n + 1))  # Lampiran II–V, at the end
    assert lanskap[0] > n * 0.6


def test_table_of_contents_lists_chapters_tables_and_figures_with_page_numbers(hasil):
    n, _ = _info(hasil["pdf"])
    halaman = {i: _teks(hasil["pdf"], i) for i in range(1, min(n, 8) + 1)}
    isi = next(t for t in halaman.values() if "DAFTAR ISI" in t)
    assert re.search(r"BAB III AKUNTABILITAS KINERJA\s*\.{5,}\s*\d+", isi)
    assert re.search(r"LAMPIRAN IV: REALISASI ANGGARAN\s*\.{5,}\s*\d+", isi)
    tabel = next(t for t in halaman.values() if "DAFTAR TABEL" in t)
    assert re.search(r"Tabel 3\.1 Skala Predikat Capaian Kinerja\s*\.{3,}\s*\d+", tabel)
    gambar = next(t for t in halaman.values() if "DAFTAR GAMBAR" in t)
    assert re.search(r"Gambar 3\.1 Capaian Sasaran Strategis Tahun 2025\s*\.{3,}\s*\d+", gambar)
    # the page the table of contents names for Bab III is the page that starts it
    no = int(re.search(r"BAB III AKUNTABILITAS KINERJA\s*\.{5,}\s*(\d+)", isi).group(1))
    awal = next(i for i in range(1, n + 1) if "BAB III AKUNTABILITAS KINERJA" in
                (t := _teks(hasil["pdf"], i)) and "....." not in t)
    assert _teks(hasil["pdf"], awal).strip().splitlines()[-1].strip() == str(no)


def test_page_numbers_roman_then_arabic(hasil):
    kaki = [_teks(hasil["pdf"], i).strip().splitlines()[-1].strip() for i in (2, 3, 8, 9)]
    assert kaki[0] == "i" and kaki[1] == "ii"
    assert kaki[2].isdigit() and int(kaki[3]) == int(kaki[2]) + 1


def test_signed_pdf_carries_the_lembar_pengesahan(hasil):
    con = hasil["con"]
    con.execute("DELETE FROM akun WHERE nama_pengguna = 'sekretaris'")  # the demo's: ours instead
    for nama, jabatan in (("sekretaris", "Sekretaris"), ("kepala", "Kepala Badan")):
        if akun.ambil(con, nama) is None:
            akun.tambah(con, nama, "pimpinan", "sandi-uji-yang-panjang", nama_lengkap=f"{nama} uji",
                        jabatan=jabatan, oleh="uji")
    naskah.jalankan(con, TAHUN, "verifikasi", oleh="kasubag", docx=hasil["buku"].docx,
                    pdf=hasil["pdf"].read_bytes())
    naskah.jalankan(con, TAHUN, "setujui", oleh="sekretaris")
    naskah.jalankan(con, TAHUN, "sahkan", oleh="kepala")
    _, isi = naskah.pdf_berlaku(con.cursor(), TAHUN)
    sah = hasil["folder"] / "sah.pdf"
    sah.write_bytes(isi)
    n_buku, _ = _info(hasil["pdf"])
    n_sah, ukuran = _info(sah)
    assert n_sah == n_buku + 1 and ukuran[1] == pytest.approx(A4, abs=1)
    lembar = _teks(sah, 2)
    assert "LEMBAR PENGESAHAN" in lembar
    for kata in ("Diverifikasi oleh", "Disetujui oleh", "Disahkan oleh", "sekretaris uji",
                 "kepala uji", naskah.rantai(con.cursor(), TAHUN).pdf[1][:20]):
        assert kata in lembar
    assert _teks(sah, 3) == _teks(hasil["pdf"], 2)  # the approved pages, unchanged


def test_missing_libreoffice_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(pdf_mod.shutil, "which", lambda nama: None)
    with pytest.raises(naskah.LibreOfficeTidakAda, match="LibreOffice tidak terpasang.*"
                       "apt-get install libreoffice-writer"):
        naskah.ke_pdf(b"x")


def test_a_big_book_is_made_in_parts_with_the_same_pages(hasil, monkeypatch):
    """A book too big for one LibreOffice run is converted per chapter and annex, in parallel,
    its tables of contents written out and its pages numbered on the joined PDF: the demo book,
    cut the same way, gives the same pages with the same numbers as the whole conversion."""
    from lkip_core.naskah import pdf_bagian

    monkeypatch.setattr(pdf_bagian, "UKURAN_BAGIAN", 10 ** 9)  # cut at chapters only
    isi = pdf_bagian.ke_pdf_bagian(hasil["buku"].docx)
    bagian = hasil["folder"] / "bagian.pdf"
    bagian.write_bytes(isi)
    n, ukuran = _info(bagian)
    assert (n, ukuran) == _info(hasil["pdf"])
    for i in (2, 3, 9, n):  # the numbers in the footers: i, ii, then arabic, landscape too
        assert _teks(bagian, i).strip().splitlines()[-1].strip() == \
            _teks(hasil["pdf"], i).strip().splitlines()[-1].strip()
    daftar = "\n".join(_teks(bagian, i) for i in range(3, 8))
    utuh = "\n".join(_teks(hasil["pdf"], i) for i in range(3, 8))
    for judul in ("BAB III AKUNTABILITAS KINERJA", "LAMPIRAN V: RENCANA AKSI",
                  "Tabel 3.2 Capaian Sasaran Strategis", "Gambar 3.2 Capaian Indikator"):
        pola = re.escape(judul) + r"[^\n]*?\.{3,}\s*(\w+)"
        assert re.search(pola, daftar).group(1) == re.search(pola, utuh).group(1), judul
    assert not pdf_bagian.perlu_dipotong(hasil["buku"].docx)  # the demo goes whole
    # the charts, put into the parts' PDF by pdf_gambar (LibreOffice saw 2 × 2 placeholders):
    # on every page the pictures drawn have the whole conversion's pixels
    gambar = _gambar(bagian, hasil["folder"] / "b"), _gambar(hasil["pdf"], hasil["folder"] / "u")
    assert sum(len(g) for g in gambar[1].values()) >= 10 and gambar[0] == gambar[1]


def test_a_part_whose_placeholders_were_not_kept_is_converted_with_its_charts(hasil,
                                                                              monkeypatch):
    """Should LibreOffice print a chart's placeholder otherwise than given (pdf_gambar finds
    fewer than it gave), the part is converted again with its charts: never a placeholder in
    the book."""
    from lkip_core.naskah import pdf_bagian, pdf_gambar

    monkeypatch.setattr(pdf_gambar, "tukar", lambda r, gambar: 0)  # none found
    monkeypatch.setattr(pdf_bagian, "UKURAN_BAGIAN", 10 ** 9)
    path = hasil["folder"] / "bagian_ulang.pdf"
    path.write_bytes(pdf_bagian.ke_pdf_bagian(hasil["buku"].docx))
    assert _gambar(path, hasil["folder"] / "bu") == _gambar(hasil["pdf"], hasil["folder"] / "uu")


def _gambar(path, folder) -> dict[int, list[str]]:
    """Page → the hashes of the RGB pixels of the pictures drawn on it (poppler's pdfimages)."""
    import hashlib

    from PIL import Image

    folder.mkdir()
    subprocess.run(["pdfimages", "-png", "-p", str(path), str(folder / "g")], check=True)
    out: dict[int, list[str]] = {}
    for f in sorted(folder.iterdir()):
        hal = int(f.name.split("-")[1])
        piksel = Image.open(f).convert("RGB").tobytes()
        out.setdefault(hal, []).append(hashlib.sha256(piksel).hexdigest())
    return out


def test_the_parts_converter_keeps_one_libreoffice_and_a_timeout_per_document(hasil):
    """`Konverter` (a big book's parts): several documents through one LibreOffice, each PDF
    right; a document over its time is a clear error, its LibreOffice ended."""
    from lkip_core.naskah import pdf_bagian

    b = pdf_bagian._Buku(hasil["buku"].docx)
    bagian = b.potong()[:2]
    with pdf_mod.Konverter(1) as k:
        pdf = [k.ubah(b.docx_bagian(ix)) for ix in bagian]
        assert len(k._semua) == 1 and k._semua[0].n == 2  # one LibreOffice for both
    for isi, ix in zip(pdf, bagian):
        assert isi.startswith(b"%PDF")
        assert pdf_bagian._teks(b.els[ix[0]])[:30] in pdf_bagian._halaman_teks(isi)[0]
    with pdf_mod.Konverter(1, waktu_maks=0.2) as k:
        with pytest.raises(pdf_mod.KonversiGagal, match="tidak selesai membuat PDF dalam 0"):
            k.ubah(b.docx_bagian(bagian[0]))
        proc = k._semua[0].proc
    assert proc.poll() is not None
