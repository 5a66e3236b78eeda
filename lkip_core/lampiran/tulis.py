"""Writes `Lembar`s as print-ready xlsx (annexes.md, "Print layout for every sheet").

A4 landscape, one page wide, header rows repeated, panes frozen below the header, multi-level
merged headers, bordered and wrapped body, locale-neutral number formats (`format_sel.py`),
sum rows as SUM formulas carrying their computed value, a signature block and
"Halaman &P dari &N".
"""

from __future__ import annotations

import io

from xlsxwriter.utility import xl_rowcol_to_cell

from ..unduhan import buku_kerja
from .data import Data
from .format_sel import TEBAL, Format, angka_bulat
from .halaman import MARGIN, TINGGI_CETAK, Ikatan, baris_teks, patah_halaman, skala
from .model import KEGIATAN, PROGRAM, SUBTOTAL, TEKS, Baris, Lembar, Tabel, kosong

PT_BARIS = 13.0  # height of one text line at 10 pt Arial, in points
MAKS_RUMUS = 8000  # Excel allows 8192 characters in a formula; keep a margin


def _rumus_jumlah(baris_sheet: list[int], kol: int) -> str | None:
    """`=SUM(C5:C9,C12)` over the given sheet rows; None when Excel could not hold it."""
    rows = sorted(baris_sheet)
    refs, i = [], 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        a = xl_rowcol_to_cell(rows[i], kol)
        refs.append(a if i == j else f"{a}:{xl_rowcol_to_cell(rows[j], kol)}")
        i = j + 1
    if not refs:
        return None
    # A function takes at most 255 arguments: nest SUMs of 255.
    while len(refs) > 255:
        refs = [f"SUM({','.join(refs[k:k + 255])})" for k in range(0, len(refs), 255)]
    rumus = f"=SUM({','.join(refs)})"
    return rumus if len(rumus) <= MAKS_RUMUS else None


class _Lembar:
    def __init__(self, wb, fm: Format, lembar: Lembar, data: Data):
        self.ws = wb.add_worksheet(lembar.nama[:31])
        self.fm, self.lembar, self.data = fm, lembar, data
        self.kolom_akhir = len(lembar.lebar) - 1
        self.r = 0
        self.ulang: tuple[int, int] | None = None
        self.tinggi: dict[int, float] = {}  # row -> height (points), applied in cetak()
        # Per table: (first row incl. caption, first body row, last body row, last row).
        self.blok: list[tuple[int, int, int, int]] = []
        self.ttd_baris: tuple[int, int] | None = None
        self.grup: list[tuple[int, int]] = []  # sheet rows of the main table's merged groups
        self.ikat: list[Ikatan] = []  # blocks inside tables to keep on one page

    def _tinggi(self, r: int, baris: int, tambah: float = 3) -> None:
        self.tinggi[r] = max(self.tinggi.get(r, 0.0), PT_BARIS * baris + tambah)

    def _gabung(self, r1, c1, r2, c2, v, f, rumus: str | None = None) -> None:
        ws = self.ws
        if (r1, c1) != (r2, c2):
            ws.merge_range(r1, c1, r2, c2, "", f)
        if rumus is not None:
            ws.write_formula(r1, c1, rumus, f, v)
        elif v is None or v == "":
            ws.write_blank(r1, c1, None, f)
        elif isinstance(v, str):
            ws.write_string(r1, c1, v, f)
        elif isinstance(v, bool):
            ws.write_boolean(r1, c1, v, f)
        else:
            ws.write_number(r1, c1, v, f)

    def _penuh(self, teks: str, f, tebal: bool = False, ukuran: float = 10) -> None:
        """A line merged over the whole width (titles, captions, notes)."""
        self._gabung(self.r, 0, self.r, self.kolom_akhir, teks, f)
        n = baris_teks(teks, sum(self.lembar.lebar), tebal, ukuran)
        self.tinggi[self.r] = PT_BARIS * ukuran / 10 * n + 3
        self.r += 1

    def _kosong(self) -> None:
        self.tinggi[self.r] = PT_BARIS * 0.8
        self.r += 1

    def judul(self) -> None:
        for i, line in enumerate(self.lembar.judul):
            ukuran = 12 if i == 0 else 11
            f = self.fm(bold=True, align="center", valign="vcenter", font_size=ukuran,
                        text_wrap=True)
            self._penuh(line, f, tebal=True, ukuran=ukuran)
        self._kosong()

    def tabel(self, t: Tabel, pertama: bool) -> None:
        fm = self.fm
        mulai = self.r
        if t.judul:
            self._penuh(t.judul, fm(bold=True, align="left", valign="vcenter", text_wrap=True),
                        tebal=True)
        pos, c = [], 0  # first and last sheet column of each table column
        for k in t.kolom:
            pos.append((c, c + k.lebar - 1))
            c += k.lebar
        lebar = [sum(self.lembar.lebar[a:b + 1]) for a, b in pos]
        top = self.r
        self._kepala(t, pos, lebar, top)
        if pertama:
            self.ulang = (top, self.r - 1)
        awal = self.r
        merged = {(kunci, i): akhir for kunci, i, akhir in t.gabung}
        tertutup: set[tuple[str, int]] = set()  # cells inside a vertical merge
        for kunci, i, akhir in t.gabung:
            tertutup.update((kunci, x) for x in range(i + 1, akhir + 1))
        for i, b in enumerate(t.baris):
            self._baris(t, b, i, awal, pos, lebar, merged, tertutup)
        # A merged cell's text must fit the rows it spans: grow the last one if it does not.
        kunci_ke = {k.kunci: n for n, k in enumerate(t.kolom)}
        for kunci, i, akhir in t.gabung:
            n = kunci_ke[kunci]
            v = t.baris[i].nilai.get(kunci)
            perlu = PT_BARIS * baris_teks(str(v), lebar[n]) + 3
            ada = sum(self.tinggi.get(awal + x, 0.0) for x in range(i, akhir + 1))
            if perlu > ada:
                self.tinggi[awal + akhir] = self.tinggi.get(awal + akhir, 0.0) + perlu - ada
        if pertama:
            self.grup = sorted({(awal + i, awal + akhir) for _, i, akhir in t.gabung})
        self._ikat_dalam(t, awal)
        self.r = awal + len(t.baris)
        akhir_badan = self.r - 1
        catatan = fm(italic=True, font_size=9, align="left", valign="top", text_wrap=True)
        for teks in t.catatan:
            self._penuh(teks, catatan, ukuran=9)
        self.blok.append((mulai, awal, max(akhir_badan, awal), self.r - 1))
        self._kosong()

    def _ikat_dalam(self, t: Tabel, awal: int) -> None:
        """Keep a (short) sasaran group whole, with its capaian row, and a program or kegiatan
        row with the first rows under it."""
        akhir_tabel = awal + len(t.baris) - 1
        for a, b in sorted({(i, akhir) for _, i, akhir in t.gabung}):
            if b + 1 < len(t.baris) and t.baris[b + 1].jenis == SUBTOTAL:
                b += 1
            if b - a <= 10:
                self.ikat.append(Ikatan(awal + a, awal + b, (awal + a,)))
        for i, b in enumerate(t.baris):
            if b.jenis in (PROGRAM, KEGIATAN):
                r = awal + i
                self.ikat.append(Ikatan(r, min(r + (2 if b.jenis == PROGRAM else 1),
                                               akhir_tabel), (r,)))

    def _kepala(self, t: Tabel, pos, lebar, top: int) -> None:
        """One or two header rows: a grup merged over its columns, others over both rows."""
        head = self.fm(bold=True, align="center", valign="vcenter", border=1, text_wrap=True,
                       bg_color="#D9D9D9")
        dua = any(k.grup for k in t.kolom)
        h1 = h2 = tegak = 1  # lines of row 1, row 2, and of headers spanning both
        i = 0
        while i < len(t.kolom):
            k = t.kolom[i]
            a, b = pos[i]
            if not k.grup:
                self._gabung(top, a, top + int(dua), b, k.judul, head)
                tegak = max(tegak, baris_teks(k.judul, lebar[i], True))
                i += 1
                continue
            j = i
            while j + 1 < len(t.kolom) and t.kolom[j + 1].grup == k.grup:
                j += 1
            self._gabung(top, a, top, pos[j][1], k.grup, head)
            h1 = max(h1, baris_teks(k.grup, sum(lebar[i:j + 1]), True))
            for m in range(i, j + 1):
                self._gabung(top + 1, pos[m][0], top + 1, pos[m][1], t.kolom[m].judul, head)
                h2 = max(h2, baris_teks(t.kolom[m].judul, lebar[m], True))
            i = j + 1
        if dua:
            h2 = max(h2, tegak - h1)
            self._tinggi(top + 1, h2, 4)
        else:
            h1 = max(h1, tegak)
        self._tinggi(top, h1, 4)
        self.r = top + 1 + int(dua)

    def _baris(self, t: Tabel, b: Baris, i: int, awal: int, pos, lebar, merged,
               tertutup) -> None:
        r = awal + i
        lewati = set()
        tebal = b.jenis in TEBAL
        bulat = angka_bulat(t, b)
        garis = 1
        if b.gabung:
            ka, kb = (next(n for n, k in enumerate(t.kolom) if k.kunci == x) for x in b.gabung)
            v = b.nilai.get(b.gabung[0])
            self._gabung(r, pos[ka][0], r, pos[kb][1], "" if kosong(v) else v,
                         self.fm.sel(TEKS, b.jenis, v))
            garis = baris_teks(str(v), sum(lebar[ka:kb + 1]), tebal)
            lewati = set(range(ka, kb + 1))
        for n, k in enumerate(t.kolom):
            if n in lewati or (k.kunci, i) in tertutup:
                continue
            v = b.nilai.get(k.kunci)
            v = None if kosong(v) else v
            f = self.fm.sel(k.jenis, b.jenis, v, b.indent, bulat)
            rumus = None
            if k.kunci in b.jumlah and v is not None:
                rumus = _rumus_jumlah([awal + x for x in b.jumlah[k.kunci]], pos[n][0])
            akhir = merged.get((k.kunci, i), i)
            self._gabung(r, pos[n][0], awal + akhir, pos[n][1], v, f, rumus)
            if isinstance(v, str) and akhir == i:
                garis = max(garis, baris_teks(v, lebar[n] - 1.5 * b.indent, tebal))
        self._tinggi(r, garis)

    def ttd(self) -> None:
        """Place and date, position, name and NIP, in the right-hand columns."""
        d, lebar = self.data, self.lembar.lebar
        c, total = len(lebar) - 1, lebar[-1]
        while c > 0 and total < 40:
            c -= 1
            total += lebar[c]
        f = self.fm(align="center", valign="top", text_wrap=True)
        nama = self.fm(align="center", valign="top", bold=True, underline=True, text_wrap=True)
        jabatan = f"Kepala {d.instansi}".strip()
        mulai = self.r
        for teks, fmt in ((f"{d.tempat}, {d.tanggal}" if d.tempat else d.tanggal, f),
                          (jabatan, f), ("", f), ("", f), ("", f),
                          (d.pejabat or "…………………………", nama), (f"NIP. {d.nip or '…'}", f)):
            self._gabung(self.r, c, self.r, self.kolom_akhir, teks, fmt)
            self._tinggi(self.r, baris_teks(teks, total))
            self.r += 1
        self.ttd_baris = (mulai, self.r - 1)

    def _ikatan(self) -> list[Ikatan]:
        """Blocks to keep together (see halaman.py)."""
        out = list(self.ikat)
        halaman = TINGGI_CETAK / skala(self.lembar.lebar)
        utama = self.blok[0] if self.blok else None
        # The last two rows of the main table: pulled onto the next page with whatever follows
        # when the main table's header is the one repeated.
        tarik_utama: tuple[int, ...] = ()
        if utama and self.lembar.ulang == "tabel":
            r0 = max(utama[1], utama[2] - 1)
            # Rather move a whole (short) sasaran group than split its merged cell.
            grup = [a for a, b in self.grup if a < r0 <= b and r0 - a <= 8]
            tarik_utama = (*self._bawa_seperempat(utama[1], utama[2], halaman), *grup[:1], r0)
        for mulai, badan, akhir_badan, akhir in self.blok[1:]:
            pendek = sum(self.tinggi.get(x, 0.0) for x in range(mulai, akhir + 1)) < halaman / 2
            ujung = akhir if pendek else min(badan + 1, akhir_badan)
            if tarik_utama:
                out.append(Ikatan(tarik_utama[-1], ujung, tarik_utama))
            else:
                out.append(Ikatan(mulai, ujung, (mulai,)))
        if self.ttd_baris and self.blok:
            _, badan, akhir_badan, _ = self.blok[-1]
            dua_terakhir = max(badan, akhir_badan - 1)
            awal = tarik_utama[-1] if tarik_utama else dua_terakhir
            out.append(Ikatan(awal, self.ttd_baris[1], (*tarik_utama, dua_terakhir)))
        return out

    def _bawa_seperempat(self, badan: int, akhir_badan: int, halaman: float) -> list[int]:
        """Where to break so that the page carrying what follows the main table (the
        signature, a second table) also carries a quarter page of its last rows, not an
        orphan pair: the row a quarter page above the table's end, or the start of the group
        (sasaran, program, kegiatan) it falls in when that is close."""
        isi, q = 0.0, akhir_badan
        while q > badan and isi + self.tinggi.get(q, PT_BARIS + 3) < halaman / 4:
            isi += self.tinggi.get(q, PT_BARIS + 3)
            q -= 1
        if q <= badan + 1:
            return []  # the table is short: moving it all would strand its header
        awal_grup = {a for a, b in self.grup if a < q <= b} | {
            ik.awal for ik in self.ikat if ik.awal < q <= ik.akhir}
        dekat = [a for a in awal_grup if q - a <= 8 and a > badan]
        return [min(dekat), q] if dekat else [q]

    def cetak(self) -> None:
        ws = self.ws
        for c, w in enumerate(self.lembar.lebar):
            ws.set_column(c, c, w)
        tinggi = [self.tinggi.get(r, PT_BARIS + 3) for r in range(self.r)]
        for r, h in enumerate(tinggi):
            ws.set_row(r, h)
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
        ws.set_margins(left=MARGIN, right=MARGIN, top=MARGIN, bottom=MARGIN)
        ws.set_footer("&CHalaman &P dari &N", {"margin": 0.25})
        ws.center_horizontally()
        if self.lembar.ulang == "judul" or self.ulang is None:
            ulang = (0, len(self.lembar.judul) - 1)
        else:
            ulang = self.ulang
        ws.repeat_rows(*ulang)
        ws.freeze_panes(ulang[1] + 1, 0)
        ws.print_area(0, 0, max(self.r - 1, 0), self.kolom_akhir)
        patah = patah_halaman(tinggi, self.lembar.lebar, ulang, self._ikatan())
        if patah:
            ws.set_h_pagebreaks(patah)


def tulis_buku(lembar: list[Lembar], data: Data) -> bytes:
    """The workbook of the given sheets, as bytes."""
    buf = io.BytesIO()
    wb = buku_kerja(buf, indonesia=True,
                    default_format_properties={"font_name": "Arial", "font_size": 10})
    wb.set_properties({"title": f"LKIP {data.tahun}", "company": data.instansi,
                       "author": "LKIP Dashboard"})
    fm = Format(wb)
    for lb in lembar:
        s = _Lembar(wb, fm, lb, data)
        s.judul()
        for n, t in enumerate(lb.tabel):
            s.tabel(t, n == 0)
        if lb.ttd:
            s.ttd()
        s.cetak()
    wb.close()
    return buf.getvalue()
