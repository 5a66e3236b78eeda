"""Fields in the prose: `[[capaian_rata]]`, `[[IK.01.capaian]]`, `[[S.01.banding]]`,
`[[5.04.02.serapan]]`.

The automatic drafts cite every figure as a field, and a person editing a section keeps them
(or types new ones), so the number printed in the book always comes from the engine at the
moment the book is written, never from a copy pasted weeks earlier. A field of the whole year
has no code; a field of an indicator, sasaran or budget code is `KODE.nama` (the code may hold
dots: the name is after the last one). Values come from the same functions that write the
draft sentences (`analisis.narasi`, `analisis.narasi_sasaran`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import fmt
from ..analisis import narasi_sasaran as ns
from ..analisis.narasi import banding_persen, medan_indikator
from ..analisis.rumus import predikat
from .bahan import Bahan

POLA = re.compile(r"\[\[\s*([^\[\]\n]+?)\s*\]\]")

# Fields of the whole year, with what they say (shown on the page as a reference).
UMUM = {
    "tahun": "tahun laporan", "tahun_lalu": "tahun sebelumnya", "instansi": "nama instansi",
    "pemda": "pemerintah daerah (mis. Kota Tangerang)", "kepala_daerah": "Wali Kota/Bupati",
    "kepala": "nama Kepala instansi", "renstra": "periode Renstra (mis. 2022–2026)",
    "jumlah_sasaran": "banyaknya sasaran strategis", "jumlah_indikator": "banyaknya indikator",
    "jumlah_iku": "banyaknya IKU", "jumlah_tanpa_capaian": "indikator tanpa capaian",
    "capaian_rata": "rata-rata capaian semua indikator", "predikat_rata": "predikatnya",
    "capaian_rata_t1": "rata-rata capaian tahun lalu (indikator yang sama)",
    "banding_rata": "perubahan rata-rata capaian dari tahun lalu",
    "sebaran_predikat": "banyaknya indikator per predikat",
    "susunan_organisasi": "unit dalam master (Sekretariat, bidang, UPT)",
    "pagu": "pagu anggaran", "realisasi_anggaran": "realisasi anggaran",
    "serapan": "serapan anggaran", "sisa": "sisa anggaran", "fisik": "realisasi fisik",
    "rak": "rencana anggaran kas s.d. TW IV", "realisasi_rak": "realisasi terhadap RAK",
    "jumlah_program": "banyaknya program",
}
INDIKATOR = ("uraian", "satuan", "target", "realisasi", "capaian", "predikat", "banding",
             "realisasi_t1", "capaian_t1", "banding_realisasi", "target_akhir", "realisasi_sd",
             "renstra", "serapan", "pagu_program", "realisasi_program", "ie", "efisiensi")
SASARAN = ("uraian", "capaian", "predikat", "capaian_t1", "banding", "jumlah_indikator",
           "tanpa_capaian", "sebaran")
ANGGARAN = ("pagu", "realisasi", "serapan", "sisa")


class Medan:
    """Every field of one year's book, computed when first asked for."""

    def __init__(self, bahan: Bahan):
        self.bahan = bahan
        self._umum: dict[str, str] | None = None
        self._kode: dict[str, dict[str, str] | None] = {}

    def umum(self) -> dict[str, str]:
        if self._umum is None:
            self._umum = _umum(self.bahan)
        return self._umum

    def _per_kode(self, kode: str) -> dict[str, str] | None:
        if kode not in self._kode:
            b = self.bahan
            if kode in b.indikator:
                self._kode[kode] = medan_indikator(b.indikator[kode])
            elif kode in b.sasaran:
                rows = next((g for k, _, g in b.kelompok if k == kode), [])
                self._kode[kode] = ns.medan_sasaran(b.sasaran[kode], rows, b.tahun, b.skala)
            else:
                d = b.data.anggaran.anggaran_kode(kode)
                self._kode[kode] = None if d is None else ns.medan_anggaran(d)
        return self._kode[kode]

    def nilai(self, nama: str) -> str | None:
        """The text of field `nama`, or None when there is no such field."""
        nama = nama.strip()
        umum = self.umum()
        if nama in umum:
            return umum[nama]
        kode, _, kunci = nama.rpartition(".")
        if not kode:
            return None
        d = self._per_kode(kode)
        return None if d is None else d.get(kunci)

    def tidak_dikenal(self, teks: str) -> list[str]:
        """The fields of `teks` that name nothing, in order, each once."""
        out: list[str] = []
        for m in POLA.finditer(teks or ""):
            if self.nilai(m.group(1)) is None and m.group(1) not in out:
                out.append(m.group(1))
        return out

    def isi(self, teks: str, *, kosong: Callable[[str], str] | None = None) -> str:
        """`teks` with every field replaced by its value; an unknown field by `kosong(nama)`
        (default: the em dash the book prints for a missing value)."""
        def ganti(m: re.Match) -> str:
            v = self.nilai(m.group(1))
            if v is None:
                return kosong(m.group(1)) if kosong else fmt.KOSONG
            return v
        return POLA.sub(ganti, teks or "")


def _umum(b: Bahan) -> dict[str, str]:
    d, r = b.data, b.ringkasan
    rata = r["rata_rata"]
    sebaran = [f"{fmt.angka(n, 0)} indikator berkategori {p}" for p, n in r["per_predikat"].items()
               if n]
    units = [u for u, j in zip(b.unit["nama_unit"], b.unit["jenis_unit"]) if j != "opd"]
    out = {
        "tahun": str(b.tahun), "tahun_lalu": str(b.tahun - 1), "instansi": b.instansi,
        "pemda": b.pemda, "kepala_daerah": b.kepala_daerah,
        "kepala": d.pejabat or fmt.KOSONG, "renstra": f"{b.renstra[0]}–{b.renstra[1]}",
        "jumlah_sasaran": fmt.angka(len(b.kelompok), 0),
        "jumlah_indikator": fmt.angka(r["indikator"], 0),
        "jumlah_iku": fmt.angka(int(d.capaian["iku"].sum()), 0),
        "jumlah_tanpa_capaian": fmt.angka(r["tanpa_capaian"], 0),
        "capaian_rata": fmt.persen(rata),
        "predikat_rata": predikat(rata, b.skala) or fmt.KOSONG,
        "capaian_rata_t1": fmt.persen(b.capaian_rata_t1),
        "banding_rata": banding_persen(rata, b.capaian_rata_t1, b.tahun - 1) or fmt.KOSONG,
        "sebaran_predikat": ns.gabung(sebaran) or fmt.KOSONG,
        "susunan_organisasi": ns.gabung(units) or fmt.KOSONG,
    }
    out.update(ns.medan_umum_anggaran(d.anggaran))
    return out


def daftar(bahan: Bahan, kode: str | None = None) -> dict[str, str]:
    """Field → its value now: the year's fields, or those of one indicator/sasaran/code."""
    m = Medan(bahan)
    if kode is None:
        return dict(m.umum())
    return {f"{kode}.{k}": v for k, v in (m._per_kode(kode) or {}).items()}
