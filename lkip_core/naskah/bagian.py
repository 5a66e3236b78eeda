"""The sections of the LKIP book whose text people write (Permen PAN-RB 53/2014 outline).

One declarative list: each section has a key (the record in `naskah_revisi`), a title and the
chapter it belongs to, what kind of text it holds, whether it is copied from the previous year
on first open (texts that rarely change: the agency's profile, legal basis, duties), and a hint
for the writer. Bab III has five sections per sasaran, keyed `bab3_…:KODE_SASARAN`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PROSA, DAFTAR, ISIAN = "prosa", "daftar", "isian"  # paragraphs · one item a line · one field

BAB_PENGANTAR = "Kata Pengantar"
BAB_IKHTISAR = "Ikhtisar Eksekutif"
BAB_I = "Bab I Pendahuluan"
BAB_II = "Bab II Perencanaan Kinerja"
BAB_III = "Bab III Akuntabilitas Kinerja"
BAB_IV = "Bab IV Penutup"
SURAT = "Surat Pengantar"
BAB = (BAB_PENGANTAR, BAB_IKHTISAR, BAB_I, BAB_II, BAB_III, BAB_IV, SURAT)


@dataclass(frozen=True)
class Bagian:
    kunci: str
    judul: str
    bab: str
    jenis: str = PROSA
    salin: bool = False  # copied from the previous year on first open
    bantuan: str = ""
    boleh_kosong: bool = False  # an empty text leaves the part out of the book
    kode_sasaran: str | None = None


_UMUM: tuple[Bagian, ...] = (
    Bagian("kata_pengantar", "Kata Pengantar", BAB_PENGANTAR,
           bantuan="Ditandatangani Kepala; tempat dan tanggal dari pengaturan lampiran."),
    Bagian("ikhtisar", "Ikhtisar Eksekutif: pembuka", BAB_IKHTISAR,
           bantuan="Sebelum tabel IKU: sasaran, jumlah indikator, capaian rata-rata."),
    Bagian("ikhtisar_penutup", "Ikhtisar Eksekutif: penutup", BAB_IKHTISAR,
           bantuan="Sesudah tabel IKU: anggaran dan kesimpulan singkat."),
    Bagian("bab1_latar_belakang", "A. Latar Belakang", BAB_I, salin=True),
    Bagian("bab1_dasar_hukum", "B. Dasar Hukum", BAB_I, DAFTAR, salin=True,
           bantuan="Satu peraturan per baris; nomor urut ditambahkan otomatis."),
    Bagian("bab1_tupoksi", "C. Tugas Pokok dan Fungsi", BAB_I, salin=True),
    Bagian("bab1_struktur", "D. Struktur Organisasi", BAB_I, salin=True,
           bantuan="Tabel unit dan pejabatnya diambil dari master."),
    Bagian("bab1_isu_strategis", "E. Isu Strategis", BAB_I),
    Bagian("bab1_sistematika", "F. Sistematika Penyajian", BAB_I, salin=True),
    Bagian("bab2_renstra", "A. Rencana Strategis", BAB_II,
           bantuan="Tabel tujuan, sasaran dan indikator diambil dari master."),
    Bagian("bab2_pk", "B. Perjanjian Kinerja", BAB_II,
           bantuan="Tabel PK dan program beserta anggarannya diambil dari master."),
    Bagian("bab3_pengukuran", "A. Capaian Kinerja: cara pengukuran", BAB_III,
           bantuan="Rumus capaian dan skala predikat (tabel skala dari pengaturan)."),
    Bagian("bab3_ringkasan", "A. Capaian Kinerja: ringkasan per sasaran", BAB_III),
    Bagian("bab3_anggaran", "B. Realisasi Anggaran", BAB_III),
    Bagian("bab4_kesimpulan", "A. Kesimpulan", BAB_IV),
    Bagian("bab4_langkah", "B. Langkah ke Depan", BAB_IV, DAFTAR,
           bantuan="Satu langkah per baris."),
    Bagian("surat_nomor", "Nomor surat", SURAT, ISIAN, bantuan="mis. 050/123-Perenc/2026"),
    Bagian("surat_tanggal", "Tanggal surat", SURAT, ISIAN,
           bantuan="mis. 27 Februari 2026 (kosong: tanggal tanda tangan lampiran)"),
    Bagian("surat_tujuan", "Kepada (alamat tujuan)", SURAT, DAFTAR,
           bantuan="Satu baris per baris alamat, mis. Yth. Wali Kota Tangerang / "
                   "c.q. Kepala Bagian Organisasi / di Tangerang"),
    Bagian("surat_sifat", "Sifat", SURAT, ISIAN, bantuan="mis. Penting"),
    Bagian("surat_isi", "Isi surat", SURAT),
    Bagian("surat_tembusan", "Tembusan", SURAT, DAFTAR, boleh_kosong=True,
           bantuan="Satu penerima per baris; kosong bila tidak ada."),
)

# Per sasaran: (key prefix, title, hint, may be empty)
_PER_SASARAN = (
    ("bab3_analisis", "capaian sasaran dan indikator",
     "Analisis 1–3: target dan realisasi, tahun sebelumnya, target akhir Renstra.", False),
    ("bab3_standar", "perbandingan dengan standar nasional",
     "Analisis 4: isi bila ada standar nasional/provinsi; kosong: bagian ini tidak dicetak.",
     True),
    ("bab3_sebab", "penyebab keberhasilan/kegagalan dan solusi",
     "Analisis 5: permasalahan dan upaya dari laporan unit.", False),
    ("bab3_efisiensi", "efisiensi sumber daya",
     "Analisis 6: capaian dibanding serapan anggaran (IE/TE).", False),
    ("bab3_program", "program dan kegiatan pendukung", "Analisis 7.", False),
)
AWALAN_SASARAN = tuple(p for p, *_ in _PER_SASARAN)


def bagian_sasaran(nomor: int, kode: str) -> list[Bagian]:
    return [Bagian(f"{awalan}:{kode}", f"Sasaran {nomor}: {judul}", BAB_III, bantuan=bantuan,
                   boleh_kosong=kosong, kode_sasaran=kode)
            for awalan, judul, bantuan, kosong in _PER_SASARAN]


def daftar_bagian(kode_sasaran: Iterable[str] = ()) -> list[Bagian]:
    """Every section of the book in reading order, with the five of each sasaran in Bab III
    (inserted after the measurement and summary sections, before the budget)."""
    out, sas = [], [b for n, k in enumerate(kode_sasaran, start=1) for b in bagian_sasaran(n, k)]
    for b in _UMUM:
        if b.kunci == "bab3_anggaran":
            out += sas
        out.append(b)
    return out


def pisah_kunci(kunci: str) -> tuple[str, str | None]:
    """"bab3_sebab:S.01" → ("bab3_sebab", "S.01"); "kata_pengantar" → ("kata_pengantar", None)."""
    awalan, _, kode = kunci.partition(":")
    return awalan, (kode or None)


UMUM = {b.kunci: b for b in _UMUM}
