"""The annex layout model (`lampiran.model.Tabel`) as a Word table.

The same `Tabel` objects the annex workbook and the page's preview are built from, so every
figure in the book is the one in Lampiran I–V and the Bab III workbook. Numbers are written as
Indonesian text (1.234.567,89; counts and whole amounts without decimals; percentages with two;
IE/TE with three), a missing value as "—". Header rows repeat on every page and no row is split
across pages; merged headers, sasaran merged over their indicators, and shaded sum rows follow
the workbook.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import fmt

# Arial's character widths, as the annex writer estimates wrapped lines with them.
from ..lampiran.halaman import _lebar_kata
from ..lampiran.model import (
    ANGKA,
    INDEKS,
    KEGIATAN,
    KODE,
    KOSONG,
    NOMOR,
    PERSEN,
    PROGRAM,
    RUPIAH,
    SASARAN,
    SUBTOTAL,
    TOTAL,
    Kolom,
    Tabel,
    kosong,
)
from .ooxml import GAYA_CATATAN, GAYA_TABEL, GAYA_TABEL_KECIL, Xml, esc, paragraf

TWIP_MM = 56.6929
ISI_POTRET_MM = 160.0  # A4 portrait, 30 mm left and 20 mm right margin
ISI_LANSKAP_MM = 257.0  # A4 landscape, 20 mm margins
WARNA_KEPALA = "DCE6F1"
WARNA = {PROGRAM: "E7E6E6", SUBTOTAL: "F2F2F2", TOTAL: "D9D9D9", SASARAN: "F2F2F2"}
TEBAL = {SASARAN, PROGRAM, KEGIATAN, SUBTOTAL, TOTAL}
KANAN = {ANGKA, PERSEN, RUPIAH, INDEKS}
_BATAS = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                 for s in ("top", "left", "bottom", "right", "insideH", "insideV"))


def teks_nilai(v: object, jenis: str) -> str:
    """A cell's value as printed (see the module docstring)."""
    if kosong(v) or v == KOSONG:
        return KOSONG
    if isinstance(v, str):
        return v
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    if jenis == PERSEN:
        return fmt.angka(v, 2)
    if jenis == INDEKS:
        return fmt.angka(v, 3)
    if jenis in (ANGKA, RUPIAH):
        f = float(v)
        return fmt.angka(f, 0 if round(f, 2).is_integer() else 2)
    if jenis == NOMOR and isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


UKURAN_PT = {GAYA_TABEL: 9.0, GAYA_TABEL_KECIL: 7.5}
PADDING_MM = 3.2  # cell margins, bold headers, and a little air
IDEAL_MAKS_MM = 80.0  # a text column need not be wider than this to read well
CONTOH = 1500  # rows read to size the columns (a city-scale annex has thousands)


def _mm(teks: str, pt: float, tebal: bool = False) -> tuple[float, float]:
    """(widest word, whole text) in mm, from Arial's character widths."""
    kata = [_lebar_kata(w, tebal) for w in teks.split()] or [0.0]
    faktor = pt * 0.3528 / 1000
    return max(kata) * faktor, (sum(kata) + 278 * (len(kata) - 1)) * faktor


def _lebar(tabel: Tabel, isi_mm: float, gaya: str) -> list[int]:
    """Column widths in twips from the content: no column narrower than its longest word (a
    number is never wrapped), the room left shared in proportion to how much text each column
    holds, the whole as wide as the text area."""
    pt = UKURAN_PT[gaya]
    minimum, ideal = [], []
    kunci = [k.kunci for k in tabel.kolom]
    for c, k in enumerate(tabel.kolom):
        ukur = [_mm(k.judul, pt, True)]
        for b in tabel.baris[:CONTOH]:
            if b.gabung and kunci.index(b.gabung[0]) <= c <= kunci.index(b.gabung[1]):
                continue  # a label spanning columns says nothing about this one's width
            ukur.append(_mm(teks_nilai(b.nilai.get(k.kunci), k.jenis), pt, b.jenis in TEBAL))
        kata = max(u[0] for u in ukur)
        if k.jenis in KANAN or k.jenis == NOMOR:
            lo = hi = max([kata, *(u[1] for u in ukur[1:])])
        else:
            panjang = sorted(u[1] for u in ukur)
            lo, hi = kata, max(kata, min(panjang[int(len(panjang) * 0.9)], IDEAL_MAKS_MM))
        minimum.append(lo + PADDING_MM)
        ideal.append(hi + PADDING_MM)
    if sum(minimum) >= isi_mm:
        mm = [w * isi_mm / sum(minimum) for w in minimum]
    elif sum(ideal) <= isi_mm:
        lebih = isi_mm - sum(ideal)
        bobot = [i if k.jenis not in KANAN | {NOMOR} else 0 for i, k in zip(ideal, tabel.kolom)]
        if not sum(bobot):
            bobot = ideal
        mm = [i + lebih * b / sum(bobot) for i, b in zip(ideal, bobot)]
    else:
        ruang = isi_mm - sum(minimum)
        tambah = [i - m for i, m in zip(ideal, minimum)]
        mm = [m + ruang * t / sum(tambah) for m, t in zip(minimum, tambah)]
    return [int(w * TWIP_MM) for w in mm]


def _sel(teks: str, gaya: str, *, jajar: str | None = None, tebal: bool = False,
         isi_warna: str | None = None, span: int = 1, vmerge: str | None = None,
         kiri: int = 0, tengah_v: bool = False) -> str:
    tcpr = ""
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge:
        tcpr += "<w:vMerge/>"
    if isi_warna:
        tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{isi_warna}"/>'
    if tengah_v:
        tcpr += '<w:vAlign w:val="center"/>'
    ppr = f'<w:pStyle w:val="{gaya}"/>'
    if kiri:
        ppr += f'<w:ind w:left="{kiri}"/>'
    if jajar:
        ppr += f'<w:jc w:val="{jajar}"/>'
    rpr = "<w:rPr><w:b/></w:rPr>" if tebal else ""
    run_ = f'<w:r>{rpr}<w:t xml:space="preserve">{esc(teks)}</w:t></w:r>' if teks else ""
    return (f"<w:tc>{'<w:tcPr>' + tcpr + '</w:tcPr>' if tcpr else ''}"
            f"<w:p><w:pPr>{ppr}</w:pPr>{run_}</w:p></w:tc>")


def _kepala(kolom: list[Kolom], gaya: str) -> str:
    """One header row, or two when columns carry an upper (grouped) header."""
    ulang = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    sel = dict(gaya=gaya, jajar="center", tebal=True, isi_warna=WARNA_KEPALA, tengah_v=True)
    if not any(k.grup for k in kolom):
        return f"<w:tr>{ulang}" + "".join(_sel(k.judul, **sel) for k in kolom) + "</w:tr>"
    atas, bawah, i = [], [], 0
    while i < len(kolom):
        k = kolom[i]
        if k.grup:
            j = i
            while j + 1 < len(kolom) and kolom[j + 1].grup == k.grup:
                j += 1
            atas.append(_sel(k.grup, span=j - i + 1, **sel))
            bawah += [_sel(x.judul, **sel) for x in kolom[i:j + 1]]
            i = j + 1
        else:
            atas.append(_sel(k.judul, vmerge="restart", **sel))
            bawah.append(_sel("", vmerge="lanjut", **sel))
            i += 1
    return f"<w:tr>{ulang}{''.join(atas)}</w:tr><w:tr>{ulang}{''.join(bawah)}</w:tr>"


# LibreOffice reads one long Word table in time that grows with the square of its rows (a
# city-scale annex of 5,000 rows took minutes); as pieces of this many rows, each with the
# header, it reads them in linear time. Tables up to the limit stay whole.
POTONG_BARIS = 250
# Between two pieces: an empty paragraph one twip high (adjacent tables would be read as one).
_SELA = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
         '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')


def potongan(n: int, gabung: Sequence[tuple[str, int, int]],
             batas: int = POTONG_BARIS) -> list[tuple[int, int]]:
    """Row ranges [a, z) of at most about `batas` rows, never cutting a vertical merge (a
    sasaran over its indicators)."""
    dalam = {i for _, awal, akhir in gabung for i in range(awal + 1, akhir + 1)}
    out, a = [], 0
    while a < n:
        z = min(a + batas, n)
        while a < z < n and z in dalam:
            z -= 1
        if z == a:  # one merge longer than a piece: take it whole
            z = a + 1
            while z < n and z in dalam:
                z += 1
        out.append((a, z))
        a = z
    return out or [(0, 0)]


def tabel_xml(tabel: Tabel, *, isi_mm: float = ISI_POTRET_MM, kecil: bool = False,
              judul: str | None = None, catatan: Sequence[str] = ()) -> Xml:
    """The table (and its notes, and `catatan` after them) as a block for `{{p … }}`;
    `judul` becomes the block's caption (written by the template)."""
    gaya = GAYA_TABEL_KECIL if kecil else GAYA_TABEL
    kolom, kunci = tabel.kolom, [k.kunci for k in tabel.kolom]
    lebar = _lebar(tabel, isi_mm, gaya)
    vmerge: dict[tuple[int, int], str] = {}
    for k, awal, akhir in tabel.gabung:
        c = kunci.index(k)
        vmerge[(awal, c)] = "restart"
        for i in range(awal + 1, akhir + 1):
            vmerge[(i, c)] = "lanjut"
    baris = []
    for i, b in enumerate(tabel.baris):
        tebal, warna = b.jenis in TEBAL, WARNA.get(b.jenis)
        sel, c = [], 0
        while c < len(kolom):
            k = kolom[c]
            span = 1
            if b.gabung and kunci[c] == b.gabung[0]:
                span = kunci.index(b.gabung[1]) - c + 1
            vm = vmerge.get((i, c))
            teks = "" if vm == "lanjut" else teks_nilai(b.nilai.get(k.kunci), k.jenis)
            if teks == KOSONG:
                jajar = "center"
            elif span > 1:
                jajar = None  # a label over several columns ("Jumlah")
            elif k.jenis == NOMOR:
                jajar = "center"
            else:
                jajar = "right" if k.jenis in KANAN else None
            kiri = 113 * b.indent if b.indent and k.jenis not in KANAN | {NOMOR, KODE} else 0
            sel.append(_sel(teks, gaya, jajar=jajar, tebal=tebal, isi_warna=warna, span=span,
                            vmerge=vm, kiri=kiri))
            c += span
        baris.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(sel)}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in lebar)
    awal_tabel = (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(lebar)}" w:type="dxa"/>'
                  f'<w:jc w:val="center"/><w:tblBorders>{_BATAS}</w:tblBorders>'
                  '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="17" w:type="dxa"/>'
                  '<w:left w:w="57" w:type="dxa"/><w:bottom w:w="17" w:type="dxa"/>'
                  '<w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0"/>'
                  f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{_kepala(kolom, gaya)}")
    xml = _SELA.join(f"{awal_tabel}{''.join(baris[a:z])}</w:tbl>"
                     for a, z in potongan(len(baris), tabel.gabung))
    notes = [*tabel.catatan, *catatan]
    xml += "".join(paragraf(n, GAYA_CATATAN) for n in notes) or paragraf("", GAYA_CATATAN)
    return Xml(xml, judul)
