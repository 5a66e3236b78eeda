"""SOP step 9, pengesahan of the book, per year (domain.md "The LKIP book and its sign-off"):

    draf --verifikasi (admin/Kasubag)--> diverifikasi --setujui (Sekretaris)--> disetujui
         --sahkan (Kepala)--> disahkan;   tolak (with a note) --> draf;   buka (admin, reason)

`verifikasi` writes the book (DOCX and PDF) and keeps both in the export archive; every later
step approves exactly that PDF (its SHA-256 is recorded with each step, and a signer who names
the SHA-256 of the PDF downloaded is refused if it is not the one in the chain). `sahkan` adds
the Lembar Pengesahan listing the chain and locks the year (kunci.py) until an admin reopens it
with a reason. Every step, and every refusal, is in the audit log.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from datetime import datetime

import duckdb

from lkip_core import db
from lkip_core.lampiran import arsip

from ..akun import audit
from ..akun.galat import TidakDiizinkan
from ..akun.model import Akun
from ..akun.peran import alasan_tolak
from ..errors import InputRefused, NotFound
from .pelaku import penanda, wajib

STATUS = ("draf", "diverifikasi", "disetujui", "disahkan")
LABEL_STATUS = {"draf": "Draf", "diverifikasi": "Diverifikasi Kasubag Perencanaan",
                "disetujui": "Disetujui Sekretaris", "disahkan": "Disahkan Kepala"}
# aksi → (status it may start from, status it leaves, permission)
AKSI = {
    "verifikasi": (("draf",), "diverifikasi", "pengesahan_verifikasi"),
    "setujui": (("diverifikasi",), "disetujui", "pengesahan_setujui"),
    "sahkan": (("disetujui",), "disahkan", "pengesahan_sahkan"),
    "tolak": (("diverifikasi", "disetujui"), "draf", None),
    "buka": (("disahkan",), "draf", "pengesahan_buka"),
}
LABEL_AKSI = {"verifikasi": "diverifikasi", "setujui": "disetujui", "sahkan": "disahkan",
              "tolak": "ditolak", "buka": "dibuka kembali"}
_SEKRETARIS = re.compile(r"\bsekretaris\b", re.IGNORECASE)
_KEPALA = re.compile(r"\bkepala\b", re.IGNORECASE)
_BUKAN_KEPALA = re.compile(r"\bkepala\s+(sub|bidang|seksi|bagian|upt|uptd|unit|sub\s*bagian)\b",
                           re.IGNORECASE)
_KOLOM = ("id", "tahun", "aksi", "status", "oleh", "nama_lengkap", "nip", "jabatan", "peran",
          "waktu", "catatan", "sha256", "ekspor_id", "ekspor_docx", "ekspor_sah")


@dataclass(frozen=True)
class Langkah:
    id: int
    tahun: int
    aksi: str
    status: str
    oleh: str
    nama_lengkap: str | None
    nip: str | None
    jabatan: str | None
    peran: str | None
    waktu: datetime
    catatan: str | None
    sha256: str | None
    ekspor_id: int | None
    ekspor_docx: int | None
    ekspor_sah: int | None

    @property
    def nama(self) -> str:
        return self.nama_lengkap or self.oleh

    def to_dict(self) -> dict:
        d = asdict(self)
        d["waktu"] = self.waktu.isoformat(timespec="seconds")
        return d


@dataclass(frozen=True)
class Rantai:
    """A year's chain: its status and every step ever taken, oldest first."""

    tahun: int
    langkah: list[Langkah]

    @property
    def status(self) -> str:
        return self.langkah[-1].status if self.langkah else "draf"

    @property
    def putaran(self) -> list[Langkah]:
        """The steps of the round in force: since the last tolak or buka."""
        out: list[Langkah] = []
        for s in self.langkah:
            out = [] if s.aksi in ("tolak", "buka") else [*out, s]
        return out

    def step(self, aksi: str) -> Langkah | None:
        return next((s for s in self.putaran if s.aksi == aksi), None)

    @property
    def pdf(self) -> tuple[int, str] | None:
        """(archive id, SHA-256) of the PDF the round approves: the verified one."""
        v = self.step("verifikasi")
        return None if v is None else (v.ekspor_id, v.sha256)

    def to_dict(self) -> dict:
        return {"tahun": self.tahun, "status": self.status,
                "sha256": self.pdf[1] if self.pdf else None,
                "langkah": [s.to_dict() for s in self.langkah]}


def rantai(cur: duckdb.DuckDBPyConnection, tahun: int) -> Rantai:
    rows = cur.execute(f"SELECT {', '.join(_KOLOM)} FROM pengesahan WHERE tahun = ? "
                       "ORDER BY id", [tahun]).fetchall()
    return Rantai(tahun, [Langkah(*r) for r in rows])


def _boleh_jabatan(a: Akun, aksi: str) -> str | None:
    """Why `a` may not sign `aksi` for its jabatan (None when it may)."""
    jabatan = (a.jabatan or "").strip()
    if aksi == "setujui" and not _SEKRETARIS.search(jabatan):
        return (f"Persetujuan naskah hanya oleh pimpinan berjabatan Sekretaris; akun "
                f"{a.nama_pengguna} berjabatan '{jabatan or '-'}'.")
    if aksi == "sahkan" and not (_KEPALA.search(jabatan) and not _BUKAN_KEPALA.search(jabatan)):
        return (f"Pengesahan naskah hanya oleh Kepala instansi; akun {a.nama_pengguna} berjabatan "
                f"'{jabatan or '-'}'.")
    return None


def alasan_tidak_boleh(a: Akun, aksi: str, status: str) -> str | None:
    """Why `a` may not take `aksi` on a chain at `status` now (None when it may); for the
    page, which offers only the steps the account can take. Checks nothing in the database."""
    dari, _, izin = AKSI[aksi]
    if status not in dari:
        return f"Aksi ini hanya untuk naskah berstatus {' atau '.join(dari)}."
    if aksi == "tolak":
        if a.peran == "admin":
            return None
        aksi = "setujui" if status == "diverifikasi" else "sahkan"
        izin = AKSI[aksi][2]
    return alasan_tolak(a, izin) or _boleh_jabatan(a, aksi)


def _tolak(con, a: Akun, aksi: str, tahun: int, pesan: str, cls=InputRefused):
    audit.catat(con.cursor(), a, f"pengesahan_{aksi}", f"LKIP {tahun}", tahun=tahun,
                rincian={"pesan": pesan}, berhasil=False)
    raise cls(pesan)


def periksa_boleh(con: duckdb.DuckDBPyConnection, a: Akun, tahun: int, aksi: str,
                  status: str) -> None:
    """Refuse (and log) `aksi` by `a` on a chain at `status`."""
    if aksi not in AKSI:
        raise InputRefused(f"Aksi '{aksi}' tidak dikenal; pilih salah satu dari "
                           f"{', '.join(AKSI)}.")
    dari, _, izin = AKSI[aksi]
    if status not in dari:
        _tolak(con, a, aksi, tahun, f"Naskah LKIP {tahun} berstatus {status}: aksi '{aksi}' "
               f"hanya untuk naskah berstatus {' atau '.join(dari)}.")
    if aksi == "tolak":
        # the signer of the next step, or the admin withdrawing the verified draft
        berikut = "setujui" if status == "diverifikasi" else "sahkan"
        if a.peran != "admin":
            wajib(con, a, AKSI[berikut][2], objek=f"LKIP {tahun}", tahun=tahun)
            if alasan := _boleh_jabatan(a, berikut):
                _tolak(con, a, aksi, tahun, alasan, TidakDiizinkan)
        return
    wajib(con, a, izin, objek=f"LKIP {tahun}", tahun=tahun)
    if alasan := _boleh_jabatan(a, aksi):
        _tolak(con, a, aksi, tahun, alasan, TidakDiizinkan)


def _catat(con, a: Akun, tahun: int, aksi: str, status_lama: str, catatan: str | None,
           sha: str | None, ekspor_id=None, ekspor_docx=None, ekspor_sah=None) -> Langkah:
    _, status, _ = AKSI[aksi]
    with db.transaksi(con) as cur:
        sekarang = rantai(cur, tahun).status
        if sekarang != status_lama:  # someone else moved the chain meanwhile
            raise InputRefused(f"Status naskah LKIP {tahun} baru saja berubah menjadi "
                               f"{sekarang}; muat ulang halaman dan periksa lagi.")
        lid = cur.execute(
            "INSERT INTO pengesahan (tahun, aksi, status, oleh, nama_lengkap, nip, jabatan, "
            "peran, waktu, catatan, sha256, ekspor_id, ekspor_docx, ekspor_sah) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [tahun, aksi, status, a.nama_pengguna, a.nama_lengkap, a.nip, a.jabatan, a.peran,
             datetime.now().replace(microsecond=0), catatan, sha, ekspor_id, ekspor_docx,
             ekspor_sah]).fetchone()[0]
        audit.catat(cur, a, f"pengesahan_{aksi}", f"LKIP {tahun}", tahun=tahun,
                    rincian={"status_lama": status_lama, "status": status, "sha256": sha,
                             "catatan": catatan})
        return next(s for s in rantai(cur, tahun).langkah if s.id == lid)


def isi_arsip(cur: duckdb.DuckDBPyConnection, ekspor_id: int) -> bytes:
    return arsip.isi_ekspor(cur, ekspor_id)


def jalankan(con: duckdb.DuckDBPyConnection, tahun: int, aksi: str, *, oleh: Akun | str,
             catatan: str | None = None, sha256: str | None = None,
             docx: bytes | None = None, pdf: bytes | None = None) -> Langkah:
    """Take one step of the chain of `tahun` (see the module docstring).

    verifikasi: `docx`/`pdf` are the book just written (made here when not given). setujui,
    sahkan, tolak: `sha256`, when given, must be the PDF in the chain (the one the signer
    downloaded). tolak and buka need `catatan`."""
    a = penanda(con, oleh)
    r = rantai(con.cursor(), tahun)
    periksa_boleh(con, a, tahun, aksi, r.status)
    catatan = (catatan or "").strip() or None
    if aksi in ("tolak", "buka") and not catatan:
        _tolak(con, a, aksi, tahun, "Tulis alasannya di catatan: penolakan dan pembukaan "
               "kembali wajib disertai alasan.")
    if aksi == "verifikasi":
        return _verifikasi(con, a, tahun, catatan, docx, pdf)
    ekspor_id, sha = r.pdf if r.pdf else (None, None)
    if sha256 and sha and sha256.strip().lower() != sha:
        _tolak(con, a, aksi, tahun, "PDF yang Anda periksa bukan PDF yang sedang disahkan "
               f"(SHA-256 {sha256[:12]}… ≠ {sha[:12]}…). Unduh ulang naskah dari halaman "
               "Pengesahan.")
    if aksi == "sahkan":
        from .lembar import pdf_sah

        isi = pdf_sah(con, r, a, isi_arsip(con.cursor(), ekspor_id), catatan)
        sah = arsip.arsipkan(con, jenis="naskah_sah", tahun=tahun,
                             nama_berkas=f"lkip_{tahun}_disahkan.pdf", isi=isi,
                             oleh=a.nama_pengguna)
        return _catat(con, a, tahun, aksi, r.status, catatan, sha, ekspor_id, ekspor_sah=sah)
    return _catat(con, a, tahun, aksi, r.status, catatan, sha, ekspor_id)


def _verifikasi(con, a: Akun, tahun: int, catatan: str | None, docx: bytes | None,
                pdf: bytes | None) -> Langkah:
    if docx is None or pdf is None:
        from .dokumen import buat_docx
        from .pdf_bagian import ke_pdf_buku

        docx = buat_docx(con, tahun).docx
        pdf = ke_pdf_buku(docx)
    id_docx = arsip.arsipkan(con, jenis="naskah_docx", tahun=tahun,
                             nama_berkas=f"naskah_lkip_{tahun}.docx", isi=docx,
                             oleh=a.nama_pengguna)
    id_pdf = arsip.arsipkan(con, jenis="naskah_pdf", tahun=tahun,
                            nama_berkas=f"naskah_lkip_{tahun}.pdf", isi=pdf, oleh=a.nama_pengguna)
    return _catat(con, a, tahun, "verifikasi", "draf", catatan, hashlib.sha256(pdf).hexdigest(),
                  id_pdf, ekspor_docx=id_docx)


def pdf_berlaku(cur: duckdb.DuckDBPyConnection, tahun: int) -> tuple[str, bytes] | None:
    """(file name, bytes) of what the next signer signs: the verified PDF, or once disahkan the
    signed one; None while the year is a draft."""
    r = rantai(cur, tahun)
    if r.status == "disahkan":
        s = r.step("sahkan")
        return f"lkip_{tahun}_disahkan.pdf", isi_arsip(cur, s.ekspor_sah)
    if r.pdf is None:
        return None
    return f"naskah_lkip_{tahun}_{r.pdf[1][:8]}.pdf", isi_arsip(cur, r.pdf[0])


def wajib_disahkan(cur: duckdb.DuckDBPyConnection, tahun: int) -> Rantai:
    r = rantai(cur, tahun)
    if r.status != "disahkan":
        raise NotFound(f"Naskah LKIP {tahun} belum disahkan (status: {r.status}); paket "
                       "publikasi memerlukan PDF yang sudah disahkan Kepala.")
    return r
