"""Safety rules for text that leaves the data: unit codes become file and zip-member names.

(Text in workbooks is kept as text by `unduhan.buku_kerja`; Markdown is escaped by
`fmt.aman_md`.)
"""

from __future__ import annotations

import re

from lkip_core.masukan.tabel import TabelTerbaca

PANJANG_KODE_UNIT = 20
POLA_KODE_UNIT = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{PANJANG_KODE_UNIT - 1}}}")


def kode_unit_aman(kode: str) -> bool:
    """Letters and digits (ASCII), '.', '-', '_'; starts with a letter or digit; ≤ 20 long."""
    return bool(POLA_KODE_UNIT.fullmatch(kode))


def cek_kode_unit(t: TabelTerbaca, kolom: str = "kode_unit") -> None:
    """A problem on each row whose unit code does not match POLA_KODE_UNIT."""
    for i, v in enumerate(t.data.get(kolom, [])):
        if v is not None and not kode_unit_aman(v):
            t.problem(
                f"Kode unit '{v}' tidak dapat dipakai: hanya huruf, angka, titik (.), tanda "
                f"hubung (-) dan garis bawah (_), diawali huruf atau angka, paling panjang "
                f"{PANJANG_KODE_UNIT} karakter (kode ini dipakai sebagai nama berkas).",
                row=t.baris[i], kolom=kolom, value=v)
