"""Where the printed pages of a sheet will break, estimated, to keep blocks together.

A sheet repeats one range of rows on every page (its main table's header). A second table, or
the signature block, that started at the top of a new page would sit under the header of a
table it does not belong to, or alone on a page with no row of the table it signs; a sasaran
split over two pages loses its merged name on the second. So, like a word processor's "keep
with next", we lay out the pages (A4 landscape, the scale "fit to one page wide" gives) and,
where such a block would be split or stranded, break a few rows earlier so the last rows of
the table above move along with it.

The estimate mirrors how spreadsheet programs measure: a column `w` characters wide is
`trunc(7w + 5)` pixels (7 px being the widest digit of the default font), row heights are the
ones we set, and a safety margin absorbs the small differences between programs. Where the
estimate is wrong the worst outcome is the layout without the manual break.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

MARGIN = 0.59  # inches, ≈ 1.5 cm
LEBAR_CETAK = (11.69 - 2 * MARGIN) * 72  # A4 landscape, points
TINGGI_CETAK = (8.27 - 2 * MARGIN) * 72
CADANGAN = 0.95  # use 95 % of a page in the estimate


def skala(lebar_kolom: list[float]) -> float:
    """The print scale "fit to one page wide" gives (1.0 when the sheet is narrow enough)."""
    pt = sum(int(w * 7 + 5) for w in lebar_kolom) * 0.75
    return min(1.0, int(LEBAR_CETAK / pt * 100) / 100) if pt else 1.0


@dataclass(frozen=True)
class Ikatan:
    """Rows `awal`..`akhir` should print on one page; if they would not, break before the
    first row of `tarik` (candidates in order of preference) whose block still fits."""

    awal: int
    akhir: int
    tarik: tuple[int, ...]


def patah_halaman(tinggi: list[float], lebar_kolom: list[float],
                  ulang: tuple[int, int] | None, ikatan: list[Ikatan]) -> list[int]:
    """Rows before which to put a page break (sorted): every page break of the sheet.

    One forward pass over the rows, filling pages; on reaching the first row of a block that
    would not fit in what is left of the page, break before its `tarik` row and lay the rows
    out again from there. Each restart moves the page start forward, so the pass ends.
    All breaks are returned, not only the moved ones: programs scale a sheet differently
    (LibreOffice measures a column about 6 % wider than Excel, so it prints more rows per
    page), and only breaks written into the sheet paginate the same everywhere. The page
    filled here is the smallest of them (Excel's), with a margin.
    """
    kapasitas = TINGGI_CETAK / skala(lebar_kolom) * CADANGAN
    kepala = sum(tinggi[ulang[0]:ulang[1] + 1]) if ulang else 0.0
    jumlah = [0.0]
    for h in tinggi:
        jumlah.append(jumlah[-1] + h)
    n = len(tinggi)
    per_awal: dict[int, list[Ikatan]] = {}
    for ik in ikatan:
        if 0 < ik.awal <= ik.akhir < n:
            per_awal.setdefault(ik.awal, []).append(ik)
    patah: set[int] = set()
    awal_hal, used, r = 0, 0.0, 0
    while r < n:
        atas = kepala if ulang and r > ulang[1] else 0.0  # repeated rows on a new page
        pindah = None
        for ik in per_awal.get(r, ()):
            if r == awal_hal or used + jumlah[ik.akhir + 1] - jumlah[r] <= kapasitas:
                continue
            pindah = next((t for t in ik.tarik if awal_hal < t <= r
                           and atas + jumlah[ik.akhir + 1] - jumlah[t] <= kapasitas), None)
            if pindah is not None:
                break
        if pindah is not None:
            patah.add(pindah)
            awal_hal, used, r = pindah, atas, pindah
        elif r != awal_hal and (r in patah or (used + tinggi[r] > kapasitas and used > atas)):
            patah.add(r)  # every break is written, so no program paginates on its own
            awal_hal, used = r, atas
        used += tinggi[r]
        r += 1
    return sorted(patah)


# Advance widths of Arial / Liberation Sans (metric twins) in 1/1000 em, for estimating how many
# lines a wrapped text takes; characters not listed count as 556 (a digit).
_LEBAR_HURUF = {
    **dict.fromkeys("ijl|'", 222), **dict.fromkeys(" ftI!,./:;[]\\", 278),
    **dict.fromkeys("r()-*\"", 333), **dict.fromkeys("cksvxyzJ", 500),
    **dict.fromkeys("+<=>~×", 584), **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY&", 667), **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778), **dict.fromkeys("mM", 833), "%": 889, "W": 944,
    "—": 1000, "…": 1000,
}
@lru_cache(maxsize=65536)
def _lebar_kata(kata: str, tebal: bool) -> float:
    w = sum(_LEBAR_HURUF.get(ch, 556) for ch in kata)
    return w * (1.05 if tebal else 1.0)


@lru_cache(maxsize=65536)
def _baris_paragraf(paragraf: str, muat: float, tebal: bool) -> int:
    spasi = _LEBAR_HURUF[" "] * (1.05 if tebal else 1.0)
    n, isi = 1, 0.0
    for kata in paragraf.split(" "):
        w = _lebar_kata(kata, tebal)
        if isi and isi + spasi + w > muat:
            n, isi = n + 1, 0.0
        while w > muat:  # a word longer than the line breaks anywhere
            n, w = n + 1, w - muat
        isi = isi + (spasi if isi else 0) + w
    return n


def baris_teks(teks: str, lebar: float, tebal: bool = False, ukuran: float = 10) -> int:
    """Lines a text takes when wrapped in a column `lebar` characters wide (greedy word wrap
    on Arial's widths, the way the spreadsheet programs wrap)."""
    # A column `lebar` wide is 7·lebar + 5 px; Arial 10 pt draws a digit (556/1000 em) 7 px
    # wide on screen, so a line holds about lebar × 556 units, less the cell's padding.
    muat = max((lebar - 0.2) * 556 * 10 / ukuran, 1000)
    teks = str(teks)
    if len(teks) * 1000 <= muat and "\n" not in teks:
        return 1  # no character is wider than 1000 units: it fits, whatever it says
    return max(sum(_baris_paragraf(p, muat, tebal) for p in teks.split("\n")), 1)
