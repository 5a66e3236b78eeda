"""What the Naskah LKIP and Pengesahan pages show, shaped here so the pages stay thin: the
sections by chapter, a section's preview with its fields filled, the fields one may type, the
revision history and the pengesahan chain as tables."""

from __future__ import annotations

import pandas as pd

from lkip_core.lampiran.arsip import daftar_ekspor

from .. import fmt
from .bagian import BAB
from .bahan import Bahan
from .medan import UMUM, Medan, daftar
from .pengesahan import LABEL_AKSI, Rantai
from .teks import Isi
from .templat import VARIABEL

JENIS_REVISI = {"tulis": "disunting", "draf": "kembali ke draf otomatis",
                "salin": "disalin dari tahun lalu", "selesai": "tanda selesai diubah"}


def per_bab(isi: dict[str, Isi]) -> dict[str, list[Isi]]:
    """The sections grouped by chapter, in the book's order."""
    out: dict[str, list[Isi]] = {b: [] for b in BAB}
    for i in isi.values():
        out.setdefault(i.bagian.bab, []).append(i)
    return {b: v for b, v in out.items() if v}


def pratinjau(medan: Medan, teks: str) -> tuple[list[str], list[str]]:
    """(the paragraphs as the book prints them, the fields that name nothing)."""
    isi = medan.isi(teks, kosong=lambda nama: f"[[{nama}?]]")
    return [b.strip() for b in isi.split("\n") if b.strip()], medan.tidak_dikenal(teks)


def medan_tersedia(bahan: Bahan, kode_sasaran: str | None = None) -> pd.DataFrame:
    """Isian, Nilai sekarang, Arti: the year's fields, and those of a sasaran and its
    indicators when `kode_sasaran` is given."""
    rows = [(f"[[{k}]]", v, UMUM.get(k, "")) for k, v in daftar(bahan).items()]
    if kode_sasaran:
        kode = [kode_sasaran] + [r["kode_indikator"] for k, _, g in bahan.kelompok
                                 if k == kode_sasaran for r in g]
        for k in kode:
            rows += [(f"[[{n}]]", v, "") for n, v in daftar(bahan, k).items()]
    return pd.DataFrame(rows, columns=["Isian", "Nilai sekarang", "Arti"])


def riwayat_tampil(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Waktu": df["waktu"], "Oleh": df["oleh"],
        "Perubahan": [JENIS_REVISI.get(j, j) for j in df["jenis"]],
        "Selesai": ["ya" if s else "" for s in df["selesai"]],
        "Panjang teks": [None if t is None else len(t) for t in df["teks"]]})


def rantai_tampil(r: Rantai) -> pd.DataFrame:
    return pd.DataFrame([{
        "Waktu": f"{fmt.tanggal(s.waktu)} {s.waktu:%H.%M}", "Langkah": LABEL_AKSI[s.aksi],
        "Oleh": s.nama, "Jabatan": s.jabatan or s.peran, "Catatan": s.catatan or "",
        "Status sesudahnya": s.status, "SHA-256 PDF": (s.sha256 or "")[:16]}
        for s in r.langkah], columns=["Waktu", "Langkah", "Oleh", "Jabatan", "Catatan",
                                      "Status sesudahnya", "SHA-256 PDF"])


def variabel_templat() -> pd.DataFrame:
    """The book template's variables and what each holds (templat.VARIABEL)."""
    return pd.DataFrame([(f"{{{{ {k} }}}}", v) for k, v in VARIABEL.items()],
                        columns=["Variabel", "Isi"])


JENIS_ARSIP = ("naskah_pdf", "naskah_docx", "naskah_sah", "publikasi")


def arsip_naskah(cur, tahun: int) -> pd.DataFrame:
    """The archived books, signed PDFs and publication packages of a year, newest first."""
    df = daftar_ekspor(cur, tahun)
    return df.loc[df["jenis"].isin(JENIS_ARSIP)].reset_index(drop=True)
