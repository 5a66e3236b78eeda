"""The pengesahan chain with three accounts, the year lock, reopening, the publication package,
and the commands `naskah`, `pengesahan` and `publikasi` (issue 13 items 6–8)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from lkip_core import akun, db, naskah
from lkip_core.akun import TidakDiizinkan
from lkip_core.errors import InputRefused, NotFound
from lkip_core.naskah import kunci, lembar, pengesahan
from lkip_core.perintah import cli

TAHUN = 2025
SANDI = "sandi-uji-yang-panjang"


def _pdf(halaman: int = 3) -> bytes:
    w = PdfWriter()
    for _ in range(halaman):
        w.add_blank_page(595, 842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


@pytest.fixture
def path_demo(demo_db, tmp_path):
    path = tmp_path / "lkip.duckdb"
    shutil.copy(demo_db, path)
    c = db.connect(path)
    c.execute("DELETE FROM akun WHERE nama_pengguna = 'sekretaris'")  # the demo's: ours instead
    for nama, peran, lengkap, jabatan, nip in (
            ("kasubag", "admin", "Kasubag Contoh, S.E.", "Kepala Sub Bagian Perencanaan",
             "198001012005011001"),
            ("sekretaris", "pimpinan", "Drs. Sekretaris Contoh", "Sekretaris",
             "197202021993031002"),
            ("kepala", "pimpinan", "Dr. Kepala Contoh", "Kepala Badan", "197001011990011001"),
            ("kabid", "pimpinan", "Kabid Contoh", "Kepala Bidang Mutasi", None)):
        if akun.ambil(c, nama) is None:
            akun.tambah(c, nama, peran, SANDI, nama_lengkap=lengkap, jabatan=jabatan, nip=nip,
                        oleh="uji")
    c.close()
    return path


@pytest.fixture
def con(path_demo, monkeypatch):
    # The Lembar Pengesahan goes through LibreOffice in real use (test_naskah_pdf.py); here a
    # one-page PDF stands in, so the chain's rules are tested quickly.
    monkeypatch.setattr(lembar, "ke_pdf", lambda docx: _pdf(1))
    c = db.connect(path_demo)
    yield c
    c.close()


def _akun(c, nama):
    return akun.ambil(c, nama)


def test_the_chain_with_three_accounts_locks_the_year(con):
    buku = _pdf(4)
    s = naskah.jalankan(con, TAHUN, "verifikasi", oleh=_akun(con, "kasubag"),
                        catatan="Sudah dicek", docx=b"docx", pdf=buku)
    assert (s.status, s.oleh, s.catatan) == ("diverifikasi", "kasubag", "Sudah dicek")
    sha = s.sha256
    # the Kepala cannot skip the Sekretaris, the Sekretaris cannot verify, a Kabid cannot sign
    with pytest.raises(InputRefused, match="hanya untuk naskah berstatus disetujui"):
        naskah.jalankan(con, TAHUN, "sahkan", oleh=_akun(con, "kepala"))
    with pytest.raises(TidakDiizinkan, match="berjabatan Sekretaris"):
        naskah.jalankan(con, TAHUN, "setujui", oleh=_akun(con, "kepala"))
    with pytest.raises(InputRefused, match="bukan PDF yang sedang disahkan"):
        naskah.jalankan(con, TAHUN, "setujui", oleh=_akun(con, "sekretaris"), sha256="0" * 64)
    s = naskah.jalankan(con, TAHUN, "setujui", oleh=_akun(con, "sekretaris"), sha256=sha)
    assert s.status == "disetujui" and s.sha256 == sha
    with pytest.raises(TidakDiizinkan, match="hanya oleh Kepala instansi"):
        naskah.jalankan(con, TAHUN, "sahkan", oleh=_akun(con, "kabid"))
    s = naskah.jalankan(con, TAHUN, "sahkan", oleh=_akun(con, "kepala"), sha256=sha)
    r = naskah.rantai(con.cursor(), TAHUN)
    assert r.status == "disahkan" and [x.aksi for x in r.langkah] == [
        "verifikasi", "setujui", "sahkan"]
    assert {x.sha256 for x in r.langkah} == {sha}
    # the signed PDF: the Lembar Pengesahan after the cover, then the approved pages unchanged
    nama, sah = naskah.pdf_berlaku(con.cursor(), TAHUN)
    assert nama == f"lkip_{TAHUN}_disahkan.pdf" and len(PdfReader(io.BytesIO(sah)).pages) == 5
    # the lock names who signed, when, and how to reopen
    k = naskah.terkunci(con.cursor(), TAHUN)
    assert k.oleh == "kepala"
    with pytest.raises(naskah.TahunTerkunci, match=r"telah disahkan oleh Dr\. Kepala Contoh "
                       r"\(Kepala Badan\) pada .* --aksi buka"):
        naskah.simpan(con, TAHUN, "kata_pengantar", "Teks baru.", oleh="kasubag")
    with pytest.raises(naskah.TahunTerkunci):
        naskah.periksa_tidak_terkunci(con.cursor(), [2024, TAHUN])
    naskah.periksa_tidak_terkunci(con.cursor(), 2024)  # another year stays open
    with pytest.raises(naskah.TahunTerkunci, match="pengaturan"):
        naskah.periksa_pengaturan(con.cursor(), ["skala_predikat"])
    naskah.periksa_pengaturan(con.cursor(), ["cadangan_simpan"])  # not in the book
    # reopening needs an admin and a reason, and is logged
    with pytest.raises(TidakDiizinkan):
        naskah.jalankan(con, TAHUN, "buka", oleh=_akun(con, "kepala"), catatan="x")
    with pytest.raises(InputRefused, match="wajib disertai alasan"):
        naskah.jalankan(con, TAHUN, "buka", oleh=_akun(con, "kasubag"))
    naskah.jalankan(con, TAHUN, "buka", oleh=_akun(con, "kasubag"),
                    catatan="Koreksi data realisasi PKA")
    assert naskah.terkunci(con.cursor(), TAHUN) is None
    naskah.simpan(con, TAHUN, "kata_pengantar", "Teks baru.", oleh="kasubag")
    log = akun.audit.daftar(con, tahun=TAHUN, aksi="pengesahan_buka")
    assert log.iloc[0]["rincian"]["catatan"] == "Koreksi data realisasi PKA"
    assert bool(log.iloc[0]["berhasil"]) and log.iloc[0]["oleh"] == "kasubag"
    gagal = akun.audit.daftar(con, tahun=TAHUN, aksi="pengesahan_setujui")
    assert (~gagal["berhasil"].astype(bool)).sum() == 2  # the Kepala's and the wrong PDF


def test_tolak_needs_a_note_and_returns_to_draf(con):
    naskah.jalankan(con, TAHUN, "verifikasi", oleh="kasubag", docx=b"d", pdf=_pdf())
    with pytest.raises(InputRefused, match="wajib disertai alasan"):
        naskah.jalankan(con, TAHUN, "tolak", oleh=_akun(con, "sekretaris"))
    with pytest.raises(TidakDiizinkan):  # a Kabid is not the next signer
        naskah.jalankan(con, TAHUN, "tolak", oleh=_akun(con, "kabid"), catatan="x")
    s = naskah.jalankan(con, TAHUN, "tolak", oleh=_akun(con, "sekretaris"),
                        catatan="Bab III sasaran 3 perlu penjelasan")
    r = naskah.rantai(con.cursor(), TAHUN)
    assert s.status == r.status == "draf" and r.putaran == [] and r.pdf is None
    assert naskah.pdf_berlaku(con.cursor(), TAHUN) is None
    # a new round starts from a new verification
    naskah.jalankan(con, TAHUN, "verifikasi", oleh="kasubag", docx=b"d", pdf=_pdf(2))
    assert naskah.rantai(con.cursor(), TAHUN).status == "diverifikasi"


def test_the_role_alone_does_not_sign(con):
    assert pengesahan.alasan_tidak_boleh(_akun(con, "sekretaris"), "setujui", "diverifikasi") \
        is None
    assert "Sekretaris" in pengesahan.alasan_tidak_boleh(_akun(con, "kepala"), "setujui",
                                                         "diverifikasi")
    assert pengesahan.alasan_tidak_boleh(_akun(con, "kepala"), "sahkan", "disetujui") is None
    assert pengesahan.alasan_tidak_boleh(_akun(con, "kasubag"), "tolak", "disetujui") is None
    op = akun.Akun("op.pka", None, None, None, "operator", "PKA")
    assert pengesahan.alasan_tidak_boleh(op, "verifikasi", "draf")
    with pytest.raises(TidakDiizinkan):
        naskah.jalankan(con, TAHUN, "verifikasi", oleh=op, docx=b"d", pdf=_pdf())


def test_after_disahkan_uploads_rollbacks_and_settings_of_the_year_are_refused(con, demo_db):
    from lkip_core import pengaturan
    from lkip_core.masukan import submisi
    from lkip_core.masukan.impor import impor

    # a unit's realisasi of the year sent again before the lock: the first one is now replaced
    berkas = sorted((demo_db.parent / "berkas").glob(f"realisasi_*_{TAHUN}.xlsx"))[0]
    lama = con.execute("SELECT id FROM submission WHERE nama_berkas = ? AND status = 'aktif'",
                       [berkas.name]).fetchone()[0]
    assert impor(con, [("ulang_" + berkas.name, berkas.read_bytes() + b"\0")],
                 oleh="kasubag").ok
    naskah.jalankan(con, TAHUN, "verifikasi", oleh="kasubag", docx=b"d", pdf=_pdf())
    naskah.jalankan(con, TAHUN, "setujui", oleh="sekretaris")
    naskah.jalankan(con, TAHUN, "sahkan", oleh="kepala")
    k = naskah.terkunci(con.cursor(), TAHUN)
    assert isinstance(k, kunci.Kunci)
    pesan = k.pesan()
    assert pesan.startswith(f"Tahun {TAHUN} terkunci: LKIP {TAHUN} telah disahkan oleh ")
    assert "pengesahan --tahun 2025 --aksi buka --oleh NAMA --catatan ALASAN" in pesan
    sebelum = con.execute("SELECT count(*) FROM submission").fetchone()[0]
    # an upload touching the year: refused, nothing loaded
    hasil = impor(con, [(berkas.name, berkas.read_bytes() + b"\0\0")], oleh="kasubag")
    assert not hasil.ok
    assert any(f"Tahun {TAHUN} terkunci" in p.message and "Unggahan" in p.message
               for p in hasil.errors)
    master = (demo_db.parent / "berkas" / "master.xlsx").read_bytes() + b"\0"
    assert not impor(con, [("master.xlsx", master)], oleh="kasubag").ok  # holds 2025 too
    assert con.execute("SELECT count(*) FROM submission").fetchone()[0] == sebelum
    # a rollback into the year
    with pytest.raises(naskah.TahunTerkunci, match="Mengaktifkan kembali kiriman"):
        submisi.rollback(con, lama, oleh="kasubag")
    # a setting the book is computed with; another one still may change
    with pytest.raises(naskah.TahunTerkunci, match="pengaturan"):
        pengaturan.simpan(con, "skala_predikat", "berhasil", oleh="kasubag")
    assert pengaturan.simpan(con, "toleransi_keuangan", 5, oleh="kasubag")
    # another year stays open: its LPJ may be sent again
    lpj = (demo_db.parent / "berkas" / "lpj_2024.xlsx").read_bytes()
    assert impor(con, [("lpj_2024_ulang.xlsx", lpj + b"\0")], oleh="kasubag").ok


def test_publication_package(con):
    with pytest.raises(NotFound, match="belum disahkan"):
        naskah.buat_paket(con, TAHUN, oleh="kasubag")
    naskah.jalankan(con, TAHUN, "verifikasi", oleh="kasubag", docx=b"docx-bytes", pdf=_pdf())
    naskah.jalankan(con, TAHUN, "setujui", oleh="sekretaris")
    naskah.jalankan(con, TAHUN, "sahkan", oleh="kepala")
    eid, isi = naskah.buat_paket(con, TAHUN, oleh="kepala")
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        nama = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        assert z.read(f"naskah_lkip_{TAHUN}.docx") == b"docx-bytes"
    assert nama == {f"lkip_{TAHUN}_disahkan.pdf", f"naskah_lkip_{TAHUN}.docx",
                    f"surat_pengantar_lkip_{TAHUN}.docx", f"lampiran_lkip_{TAHUN}.xlsx",
                    f"tabel_bab3_lkip_{TAHUN}.xlsx", "manifest.json"}
    assert {b["nama"] for b in manifest["berkas"]} == nama - {"manifest.json"}
    assert all(len(b["sha256"]) == 64 and b["ukuran"] > 0 for b in manifest["berkas"])
    assert [s["aksi"] for s in manifest["pengesahan"]] == ["verifikasi", "setujui", "sahkan"]
    assert {k["jenis"] for k in manifest["kiriman"]} >= {"master", "realisasi"}
    from lkip_core.lampiran import arsip

    assert arsip.isi_ekspor(con.cursor(), eid) == isi  # kept, downloadable again


def _cli(path, *argv, stdin: str | None = None, capsys=None):
    return cli.main(["--db", str(path), *argv])


def test_commands(path_demo, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(lembar, "ke_pdf", lambda docx: _pdf(1))
    monkeypatch.setattr(pengesahan, "_verifikasi", _verifikasi_cepat)
    out = tmp_path / "templat.docx"
    assert _cli(path_demo, "naskah", "template", "--out", str(out)) == 0
    assert out.read_bytes() == naskah.templat_bawaan()
    assert _cli(path_demo, "naskah", "--tahun", "1999", "--out", str(tmp_path / "x.docx")) == 2
    assert "Tahun 1999 tidak ada di master" in capsys.readouterr().err
    capsys.readouterr()
    assert _cli(path_demo, "naskah", "--tahun", str(TAHUN), "--out", str(tmp_path / "b.docx"),
                "--json") == 0
    hasil = json.loads(capsys.readouterr().out)
    assert hasil["docx"].endswith("b.docx") and hasil["pdf"] is None
    assert hasil["judul"][0].startswith("Tabel i Capaian Indikator Kinerja Utama")
    assert _cli(path_demo, "pengesahan", "--tahun", str(TAHUN), "--aksi", "setujui",
                "--oleh", "sekretaris") == 2
    assert "berstatus draf" in capsys.readouterr().err
    for aksi, oleh in (("verifikasi", "kasubag"), ("setujui", "sekretaris"), ("sahkan", "kepala")):
        assert _cli(path_demo, "pengesahan", "--tahun", str(TAHUN), "--aksi", aksi,
                    "--oleh", oleh) == 0
    capsys.readouterr()
    assert _cli(path_demo, "pengesahan", "--tahun", str(TAHUN), "--json") == 0
    r = json.loads(capsys.readouterr().out)
    assert r["status"] == "disahkan" and len(r["sha256"]) == 64
    assert [s["oleh"] for s in r["langkah"]] == ["kasubag", "sekretaris", "kepala"]
    assert _cli(path_demo, "publikasi", "--tahun", str(TAHUN), "--out",
                str(tmp_path / "p.zip")) == 0
    assert zipfile.is_zipfile(tmp_path / "p.zip")
    assert _cli(path_demo, "pengesahan", "--tahun", str(TAHUN), "--aksi", "buka",
                "--oleh", "kasubag") == 2
    assert "alasan" in capsys.readouterr().err


def _verifikasi_cepat(con, a, tahun, catatan, docx, pdf):
    """verifikasi without LibreOffice: the book's DOCX, a stand-in PDF."""
    return _asli_verifikasi(con, a, tahun, catatan, docx or b"docx", pdf or _pdf())


_asli_verifikasi = pengesahan._verifikasi
