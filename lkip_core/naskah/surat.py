"""SOP step 8: the surat pengantar that goes with the book, from its own template
(`templates/surat_pengantar.docx`, written by `templat_surat`). Nomor, tanggal, addressee, sifat,
body and tembusan are sections of the book's prose (bagian.SURAT), edited on the Naskah LKIP page."""

from __future__ import annotations

import duckdb
from docxtpl import DocxTemplate

from .dokumen import _render, bahan_dan_isi, periksa_templat, templat_aktif
from .medan import Medan
from .ooxml import prosa


def _baris(teks: str) -> list[str]:
    return [b.strip() for b in (teks or "").split("\n") if b.strip()]


def buat_surat(con: duckdb.DuckDBPyConnection, tahun: int, *,
               templat: bytes | None = None) -> bytes:
    """The surat pengantar of `tahun` as .docx."""
    cur = con.cursor()
    tpl: DocxTemplate = periksa_templat(templat if templat is not None
                                        else templat_aktif(cur, "surat")[0], "surat")
    bahan, isi = bahan_dan_isi(cur, tahun)
    m = Medan(bahan)
    d = bahan.data

    def teks(k: str) -> str:
        return m.isi(isi[k].teks) if k in isi else ""

    tanggal = teks("surat_tanggal").strip() or d.tanggal
    ctx = {
        "tahun": tahun, "instansi": bahan.instansi, "pemda": bahan.pemda,
        "ttd": {"tempat_tanggal": f"{d.tempat}, {tanggal}", "jabatan": bahan.jabatan_kepala,
                "nama": d.pejabat or "…………………………", "nip": d.nip or "…"},
        "surat": {"tempat_tanggal": f"{d.tempat}, {tanggal}" if d.tempat else tanggal,
                  "tanggal": tanggal,
                  "nomor": teks("surat_nomor").strip() or "……/……/……",
                  "sifat": teks("surat_sifat").strip() or "Biasa",
                  "perihal": f"Penyampaian LKIP Tahun {tahun}",
                  "tujuan": _baris(teks("surat_tujuan")), "isi": prosa(teks("surat_isi")),
                  "tembusan": _baris(teks("surat_tembusan"))},
    }
    return _render(tpl, ctx)
