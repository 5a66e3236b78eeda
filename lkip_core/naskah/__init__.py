"""The LKIP book itself (issue 13; SOP steps 6 and 8–12): Kata Pengantar, Ikhtisar Eksekutif,
Bab I–IV and Lampiran I–V as Word and PDF, the surat pengantar, the pengesahan chain that locks
a ratified year, and the publication package.

    from lkip_core import naskah
    buku = naskah.buat_docx(con, 2025)            # every figure from the engine (analisis)
    pdf = naskah.ke_pdf(buku.docx)                  # LibreOffice headless
    naskah.simpan(con, 2025, "kata_pengantar", teks, oleh=akun)
    naskah.jalankan(con, 2025, "verifikasi", oleh=akun)   # → setujui → sahkan; tolak; buka
    naskah.periksa_tidak_terkunci(cur, 2025)        # TahunTerkunci once disahkan

Modules: bagian (the sections), teks (prose per year, revisions), draf (automatic drafts),
medan (`[[fields]]` in prose), bahan (the year's results), konteks/tabel/ooxml/grafik (the
document's parts), templat (the default Word template), dokumen (rendering), pdf, surat,
pengesahan, lembar (the Lembar Pengesahan), kunci (the year lock), publikasi. None imports
streamlit.
"""

from .bagian import BAB, DAFTAR, ISIAN, PROSA, Bagian, daftar_bagian
from .bahan import Bahan, muat_bahan
from .dokumen import (
    Buku,
    bahan_dan_isi,
    buat_docx,
    periksa_templat,
    simpan_templat,
    templat_aktif,
    templat_bawaan,
)
from .kunci import (
    PENGATURAN_NASKAH,
    Kunci,
    TahunTerkunci,
    kunci_tahun,
    periksa_pengaturan,
    periksa_tidak_terkunci,
    terkunci,
)
from .medan import Medan
from .pdf import KonversiGagal, LibreOfficeTidakAda, ke_pdf
from .pengesahan import AKSI, LABEL_STATUS, Rantai, jalankan, pdf_berlaku, rantai
from .publikasi import buat_paket
from .surat import buat_surat, buat_templat_surat
from .teks import (
    Isi,
    kembalikan,
    riwayat,
    salin_tahun_lalu,
    simpan,
    status_penulisan,
    tandai_selesai,
)
from .templat import VARIABEL, buat_templat

__all__ = [
    "AKSI", "BAB", "DAFTAR", "ISIAN", "LABEL_STATUS", "PENGATURAN_NASKAH", "PROSA", "Bagian",
    "Bahan", "Buku", "Isi", "KonversiGagal", "Kunci", "LibreOfficeTidakAda", "Medan", "Rantai",
    "TahunTerkunci", "VARIABEL", "bahan_dan_isi", "buat_docx", "buat_paket", "buat_surat",
    "buat_templat", "buat_templat_surat", "daftar_bagian", "jalankan", "ke_pdf", "kembalikan",
    "kunci_tahun", "muat_bahan", "pdf_berlaku", "periksa_pengaturan", "periksa_templat",
    "periksa_tidak_terkunci", "rantai", "riwayat", "salin_tahun_lalu", "simpan",
    "simpan_templat", "status_penulisan", "tandai_selesai", "templat_aktif", "templat_bawaan",
    "terkunci",
]
