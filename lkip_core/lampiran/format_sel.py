"""The annex workbooks' cell formats (`tulis.py`): number codes, fills and bold per row kind,
and whether a row's numbers print whole.

Numbers print the Indonesian way in any program and locale: the codes below are tagged
`[$-421]` by the safe writer (`unduhan.buku_kerja(indonesia=True)`), and an indicator's
values are written with its own decimals: a count (`orang`, `dokumen`) whose numbers are whole
prints `453`, not `453,00`.
"""

from __future__ import annotations

import xlsxwriter

from .model import (
    ANGKA,
    INDEKS,
    KEGIATAN,
    KOSONG,
    NOMOR,
    PERSEN,
    PROGRAM,
    RUPIAH,
    SASARAN,
    SUBTOTAL,
    TEKS,
    TOTAL,
    Baris,
    Tabel,
)

# Excel's codes; the writer tags them Indonesian, so every program shows 1.234.567 and 57,28.
NUM_FORMAT = {RUPIAH: "#,##0", PERSEN: "#,##0.00", ANGKA: "#,##0.00", INDEKS: "0.000",
              NOMOR: "0"}
ANGKA_BULAT = "#,##0"
# Units whose values are fractions by nature: they keep two decimals even when whole.
SATUAN_PECAHAN = ("%", "persen", "indeks", "nilai", "skor", "poin", "rasio", "predikat")
FILL = {PROGRAM: "#E7E6E6", SUBTOTAL: "#F2F2F2", TOTAL: "#D9D9D9", SASARAN: "#F2F2F2"}
TEBAL = {SASARAN, PROGRAM, KEGIATAN, SUBTOTAL, TOTAL}


class Format:
    """Formats made once per distinct look (xlsxwriter would write duplicates otherwise)."""

    def __init__(self, wb: xlsxwriter.Workbook):
        self.wb = wb
        self._cache: dict[tuple, object] = {}
        self._sel: dict[tuple, object] = {}

    def __call__(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self.wb.add_format(props)
        return self._cache[key]

    def sel(self, jenis_kolom: str, jenis_baris: str, nilai: object, indent: int = 0,
            bulat: bool = False):
        bulat = bulat and jenis_kolom == ANGKA
        kunci = (jenis_kolom, jenis_baris, nilai == KOSONG, indent, bulat)
        f = self._sel.get(kunci)
        if f is None:
            f = self._sel[kunci] = self._buat_sel(jenis_kolom, jenis_baris, nilai, indent,
                                                  bulat)
        return f

    def _buat_sel(self, jenis_kolom: str, jenis_baris: str, nilai: object, indent: int,
                  bulat: bool):
        p = {"border": 1, "valign": "top", "text_wrap": True}
        if nilai == KOSONG:
            p["align"] = "center"
        elif jenis_kolom in NUM_FORMAT:
            p["num_format"] = ANGKA_BULAT if bulat else NUM_FORMAT[jenis_kolom]
            if jenis_kolom == NOMOR:
                p["align"] = "center"
        if jenis_baris in TEBAL:
            p["bold"] = True
        if jenis_baris in FILL:
            p["bg_color"] = FILL[jenis_baris]
        if indent and jenis_kolom == TEKS:
            p["indent"] = indent
        return self(**p)


def angka_bulat(t: Tabel, b: Baris) -> bool:
    """Whether a row's ANGKA values print without decimals: the row names a satuan that is a
    count (not %, indeks, nilai …) and every one of its numbers is whole."""
    satuan = b.nilai.get("satuan")
    if not isinstance(satuan, str) or not satuan.strip():
        return False
    s = satuan.strip().lower()
    if any(p in s for p in SATUAN_PECAHAN):
        return False
    angka = [b.nilai.get(k.kunci) for k in t.kolom if k.jenis == ANGKA]
    angka = [v for v in angka if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return bool(angka) and all(float(v).is_integer() for v in angka)
