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

from importlib import import_module

# Names → the module that defines them. Loaded on first use (PEP 562), so that the writers of
# other stages can import the year lock (`lkip_core.naskah.kunci`) without loading the Word,
# chart and PDF machinery.
_DARI = {
    "bagian": ("BAB", "DAFTAR", "ISIAN", "PROSA", "Bagian", "daftar_bagian"),
    "bahan": ("Bahan", "muat_bahan"),
    "dokumen": ("Buku", "bahan_dan_isi", "buat_docx", "periksa_templat", "simpan_templat",
                "templat_aktif", "templat_bawaan"),
    "kunci": ("PENGATURAN_NASKAH", "Kunci", "TahunTerkunci", "kunci_tahun", "periksa_pengaturan",
              "periksa_tidak_terkunci", "terkunci"),
    "medan": ("Medan",),
    "pdf": ("KonversiGagal", "LibreOfficeTidakAda", "ke_pdf"),
    "pdf_bagian": ("ke_pdf_buku",),
    "pengesahan": ("AKSI", "LABEL_STATUS", "Rantai", "jalankan", "pdf_berlaku", "rantai"),
    "publikasi": ("buat_paket",),
    "surat": ("buat_surat",),
    "templat": ("VARIABEL", "buat_templat"),
    "templat_surat": ("VARIABEL_SURAT", "buat_templat_surat"),
    "teks": ("Isi", "kembalikan", "riwayat", "salin_tahun_lalu", "simpan", "status_penulisan",
             "tandai_selesai"),
}
_MODUL = {nama: modul for modul, semua in _DARI.items() for nama in semua}
__all__ = sorted(_MODUL)


def __getattr__(nama: str):
    if nama in _MODUL:
        nilai = getattr(import_module(f".{_MODUL[nama]}", __name__), nama)
        globals()[nama] = nilai
        return nilai
    if not nama.startswith("_"):  # a submodule: naskah.pengesahan, naskah.tampil, …
        try:
            return import_module(f".{nama}", __name__)
        except ModuleNotFoundError:
            pass
    raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")
