"""SOP step 4: the correction workbook sent to a unit, and all of them as one zip.

A correction workbook is the unit's realisation template (same sheets, same hidden `_lkip`
sheet) filled with the unit's currently active figures, preceded by a sheet "temuan" listing the
unit's open findings in plain Indonesian. Each finding names the cells to check ("Sheet
kinerja, sel J5"), and those cells are marked in the data sheets (an orange fill and a comment
quoting the finding). The unit corrects them in place and sends the file back; it is uploaded
like any realisation file (step 5) and the next reconciliation shows which findings were
resolved. The whole workbook prints with Indonesian numbers in any locale (`unduhan`), and the
"temuan" sheet on A4 landscape with its rows sized to their text.

Downloading one needs `koreksi_unduh` (admin any unit, operator its own); "all units" is the
admin's. Each download is audited.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import duckdb
import openpyxl
import pandas as pd
from xlsxwriter.utility import xl_rowcol_to_cell

from lkip_core import akun, db, fmt
from lkip_core.lampiran.halaman import baris_teks
from lkip_core.masukan import kolom, template

from . import rekonsiliasi
from .aturan import DAFTAR
from .laporan import Laporan, periode

LEMBAR = "temuan"
KOLOM_TEMUAN = ["No", "Aturan", "Triwulan", "Objek", "Pesan", "Sel yang diperiksa",
                "Nilai unit", "Pembanding", "Selisih"]
# ≈ 150 characters: fit to one A4 landscape page wide at about 90 % (a 9 pt body).
LEBAR = [4, 18, 9, 20, 46, 18, 14, 14, 13]
KOLOM_NILAI = 6  # first of the three value columns
PT_BARIS = 13.0  # one line of 10 pt text
WARNA_TANDA = "#F8CBAD"
# The cells each rule is about, by sheet: "{tw}" stands for the finding's triwulan (all four
# when the finding is about the year). R09, R10 (LPJ lines) and R14 (no data at all) point to
# no cell of this workbook.
SEL_ATURAN = {
    "R01": ("anggaran", ("keuangan_tw{tw}",)), "R02": ("anggaran", ("keuangan_tw{tw}",)),
    "R03": ("anggaran", ("keuangan_tw{tw}",)), "R04": ("anggaran", ("keuangan_tw{tw}",)),
    "R05": ("anggaran", ("fisik_tw{tw}", "keuangan_tw{tw}")),
    "R06": ("anggaran", ("fisik_tw{tw}",)), "R13": ("anggaran", ("pagu",)),
    "R07": ("kinerja", ("realisasi_tw{tw}",)), "R08": ("kinerja", ("target",)),
    "R11": ("kinerja", ("capaian",)), "R12": ("kinerja", ("realisasi_tw{tw}",)),
}
RUPIAH_ATURAN = {"R01", "R02", "R03", "R04", "R09", "R10", "R13"}
_LEMBAR_DATA = {"kinerja": kolom.KINERJA, "anggaran": kolom.ANGGARAN_REALISASI}
_OBJEK = {"indikator": "Indikator", "sub_kegiatan": "Sub kegiatan", "transaksi": "Transaksi LPJ",
          "unit": "Unit"}

PETUNJUK = [
    "1. Setiap baris di bawah adalah satu temuan rekonsiliasi yang belum selesai. Kolom Pesan "
    "menjelaskan angka mana yang berbeda dan dibandingkan dengan apa (LPJ, Perjanjian Kinerja, "
    "DPA, atau hitung ulang); kolom Sel yang diperiksa menunjukkan letaknya.",
    "2. Perbaiki angka langsung di sheet 'kinerja' dan 'anggaran' pada berkas ini (sel "
    "berwarna kuning dapat diisi). Sel yang perlu diperiksa berwarna jingga dan memuat catatan berisi temuannya (arahkan penunjuk ke "
    "sel itu). Kedua sheet itu sudah berisi data unit Anda yang sedang berlaku.",
    "3. Bila angka Anda sudah benar (misalnya yang perlu diperbaiki adalah LPJ), jangan diubah; "
    "sampaikan penjelasannya kepada Subbag Perencanaan.",
    "4. Target PK dan pagu DPA pada sheet 'kinerja' dan 'anggaran' sudah mengikuti master; "
    "temuan target atau pagu yang berbeda selesai dengan mengirim ulang berkas ini.",
    "5. Jangan mengganti nama sheet, menambah atau menghapus baris dan kolom. Simpan sebagai "
    ".xlsx dan kirim kembali ke Subbag Perencanaan untuk diunggah.",
]


def nama_koreksi(kode_unit: str, tahun: int) -> str:
    return f"koreksi_{kode_unit}_{tahun}.xlsx"


def isi_aktif(cur: duckdb.DuckDBPyConnection, tahun: int, kode_unit: str) -> dict:
    """The unit's active figures in `template.tulis_template`'s `isi` shape."""
    out: dict[str, dict] = {}
    for lembar, view, kode in (("kinerja", "v_realisasi_kinerja", "kode_indikator"),
                               ("anggaran", "v_realisasi_anggaran", "kode_sub_kegiatan")):
        cols = template.MASUKAN[lembar]  # fixed column names of the schema, not user input
        res = cur.execute(f"SELECT {kode}, {', '.join(cols)} FROM {view} "
                          "WHERE tahun = ? AND kode_unit = ?", [tahun, kode_unit])
        out[lembar] = {r[0]: dict(zip(cols, r[1:])) for r in res.fetchall()}
    return out


def letak_baris(isi_template: bytes) -> dict[str, dict[str, int]]:
    """Sheet → code → 0-based row, read back from the unit's template: the correction
    workbook writes the same rows in the same order, so a finding's cell is found where the
    template put its code."""
    wb = openpyxl.load_workbook(io.BytesIO(isi_template), read_only=True)
    out: dict[str, dict[str, int]] = {}
    for nama in _LEMBAR_DATA:
        out[nama] = {}
        for r, row in enumerate(wb[nama].iter_rows(min_row=template.BARIS_HEADER + 2,
                                                   max_col=1, values_only=True),
                                start=template.BARIS_HEADER + 1):
            if row and row[0] is not None:
                out[nama][str(row[0])] = r
    wb.close()
    return out


def sel_temuan(r: dict, letak: dict[str, dict[str, int]]) -> tuple[str, list[tuple[int, int]]]:
    """(sheet, [(row, col), …]) of the cells a finding is about; ("", []) when none is in
    this workbook."""
    aturan = SEL_ATURAN.get(r["aturan"])
    if aturan is None:
        return "", []
    nama, pola = aturan
    baris = letak.get(nama, {}).get(str(r["kode_objek"]))
    if baris is None:
        return "", []
    tw = r["triwulan"]
    tw = None if tw is None or tw is pd.NA or tw != tw else int(tw)
    kolom_ke = {k.nama: c for c, k in enumerate(_LEMBAR_DATA[nama].kolom)}
    sel = []
    for p in pola:
        for n in ((tw,) if "{tw}" in p and tw else (1, 2, 3, 4) if "{tw}" in p else (None,)):
            c = kolom_ke.get(p.format(tw=n))
            if c is not None:
                sel.append((baris, c))
    return nama, sel


def alamat(nama: str, sel: list[tuple[int, int]], aturan: str) -> str:
    """"Sheet kinerja, sel J5" (or the reason there is no cell to point to)."""
    if not sel:
        if aturan in ("R09", "R10"):
            return "Tidak ada di berkas ini: periksa LPJ/BKU"
        if aturan == "R14":
            return "Seluruh sheet kinerja dan anggaran"
        return "Tidak ada di berkas ini"
    return f"Sheet {nama}, sel " + ", ".join(xl_rowcol_to_cell(r, c) for r, c in sel)


def _angka(v) -> float | None:
    return None if v is None or v is pd.NA or v != v else float(v)


def _baris_temuan(df: pd.DataFrame, letak: dict[str, dict[str, int]]) -> list[dict]:
    rows = []
    for i, r in enumerate(df.to_dict("records"), start=1):
        nama, sel = sel_temuan(r, letak)
        nilai = [_angka(r[k]) for k in ("nilai_unit", "nilai_pembanding", "selisih")]
        rupiah = r["aturan"] in RUPIAH_ATURAN
        bulat = rupiah or all(v is None or v.is_integer() for v in nilai)
        rows.append({
            "isi": [i, f"{r['aturan']} · {DAFTAR[r['aturan']].nama}",
                    periode(r["triwulan"]).replace("tahunan", "Tahunan"),
                    f"{_OBJEK.get(r['objek'], r['objek'])} {r['kode_objek']}", r["pesan"],
                    alamat(nama, sel, r["aturan"]), *nilai],
            "bulat": bulat, "lembar": nama, "sel": sel,
            "catatan": f"Temuan {i} ({r['aturan']} · {DAFTAR[r['aturan']].nama}): {r['pesan']}",
        })
    return rows


def _tandai(rows: list[dict]):
    """The hook that marks, once the data sheets exist, every cell a finding points to: an
    orange fill (a conditional format, so the cell keeps its value, lock and number format)
    and a comment quoting the findings."""
    def tandai(wb) -> None:
        f = wb.add_format({"bg_color": WARNA_TANDA, "font_color": "#9C0006", "bold": True})
        catatan: dict[tuple[str, int, int], list[str]] = {}
        for row in rows:
            for r, c in row["sel"]:
                catatan.setdefault((row["lembar"], r, c), []).append(row["catatan"])
        for (nama, r, c), teks in catatan.items():
            ws = wb.get_worksheet_by_name(nama)
            ws.conditional_format(r, c, r, c, {"type": "formula", "criteria": "=TRUE",
                                               "format": f})
            ws.write_comment(r, c, "\n".join(teks), {"author": "LKIP Dashboard",
                                                     "x_scale": 3, "y_scale": 2})
    return tandai
def _penulis(judul: str, keadaan: str, rows: list[dict]):
    """The writer of the "temuan" sheet (called by tulis_template with its workbook)."""
    def tulis(wb, ws) -> None:
        wb.indonesia = True  # Indonesian numbers in every sheet, whatever the locale
        wb.sebelum_tutup.append(_tandai(rows))
        akhir = len(KOLOM_TEMUAN) - 1
        total = sum(LEBAR)
        f_judul = wb.add_format({"bold": True, "font_size": 13, "text_wrap": True,
                                 "valign": "top"})
        f_teks = wb.add_format({"text_wrap": True, "valign": "top", "font_size": 10})
        f_sub = wb.add_format({"bold": True, "font_size": 11})
        f_head = wb.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2",
                                "text_wrap": True, "valign": "vcenter", "align": "center"})
        f_sel = wb.add_format({"border": 1, "text_wrap": True, "valign": "top",
                               "font_size": 10})
        f_num = {b: wb.add_format({"border": 1, "valign": "top", "font_size": 10,
                                   "num_format": "#,##0" if b else "#,##0.00"})
                 for b in (True, False)}

        def penuh(r: int, teks: str, f, ukuran: float = 10, tebal: bool = False) -> None:
            ws.merge_range(r, 0, r, akhir, teks, f)
            ws.set_row(r, PT_BARIS * ukuran / 10 * baris_teks(teks, total, tebal, ukuran) + 4)

        for c, w in enumerate(LEBAR):
            ws.set_column(c, c, w)
        penuh(0, judul, f_judul, 13, True)
        penuh(1, keadaan, f_teks)
        ws.write_string(3, 0, "Petunjuk koreksi", f_sub)
        r = 4
        for teks in PETUNJUK:
            penuh(r, teks, f_teks)
            r += 1
        r += 1
        awal = r
        if not rows:
            penuh(r, "Tidak ada temuan terbuka untuk unit ini. Periksa kembali data di sheet "
                  "'kinerja' dan 'anggaran'; bila sudah benar, berkas ini tidak perlu dikirim "
                  "ulang.", f_teks)
        else:
            ws.set_row(r, PT_BARIS * 2 + 4)
            for c, h in enumerate(KOLOM_TEMUAN):
                ws.write_string(r, c, h, f_head)
            for row in rows:
                r += 1
                garis = 1
                for c, v in enumerate(row["isi"]):
                    if v is None:
                        ws.write_blank(r, c, None, f_sel)
                    elif isinstance(v, str):
                        ws.write_string(r, c, v, f_sel)
                        garis = max(garis, baris_teks(v, LEBAR[c]))
                    else:
                        ws.write_number(r, c, v, f_num[row["bulat"]] if c >= KOLOM_NILAI
                                        else f_sel)
                ws.set_row(r, PT_BARIS * garis + 4)
            ws.autofilter(awal, 0, r, akhir)
            ws.repeat_rows(awal)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.59, right=0.59, top=0.59, bottom=0.59)
        ws.set_footer("&CHalaman &P dari &N", {"margin": 0.25})
        ws.print_area(0, 0, r, akhir)
        ws.protect("", {"autofilter": True, "sort": True, "format_columns": True,
                        "format_rows": True})
    return tulis


def buku_koreksi(con: duckdb.DuckDBPyConnection, tahun: int, kode_unit: str, *,
                 oleh: akun.Akun | str, laporan: Laporan | None = None) -> bytes:
    """The correction workbook (xlsx bytes) of one unit: its open findings, then its data.

    `laporan`: a report of the year (all units or this one) to reuse; otherwise the
    reconciliation runs (and is recorded) for the unit. Raises NotFound for an unknown year
    or unit, TidakDiizinkan for another unit's operator (logged).
    """
    pelaku = akun.wajib(con, oleh, "koreksi_unduh", kode_unit=kode_unit,
                        objek=nama_koreksi(kode_unit, tahun), tahun=tahun)
    isi = _buku(con, tahun, kode_unit, laporan)
    _catat_unduh(con, pelaku, nama_koreksi(kode_unit, tahun), tahun, kode_unit, [kode_unit],
                 len(isi))
    return isi


def _catat_unduh(con: duckdb.DuckDBPyConnection, pelaku: akun.Akun, nama: str, tahun: int,
                 kode_unit: str | None, units: list[str], ukuran: int) -> None:
    with db.transaksi(con) as cur:
        akun.audit.catat(cur, pelaku, "koreksi_unduh", nama, tahun=tahun,
                         rincian={"kode_unit": kode_unit, "unit": units, "ukuran": ukuran})


def _buku(con: duckdb.DuckDBPyConnection, tahun: int, kode_unit: str,
          laporan: Laporan | None) -> bytes:
    cur = con.cursor()
    if laporan is None:
        laporan = rekonsiliasi(cur, tahun, kode_unit)
    terbuka = laporan.terbuka
    terbuka = terbuka.loc[terbuka["kode_unit"] == kode_unit]
    nama = cur.execute("SELECT nama_unit FROM v_unit WHERE kode_unit = ?",
                       [kode_unit]).fetchone()
    judul = (f"TEMUAN REKONSILIASI {(nama[0] if nama else kode_unit).upper()} ({kode_unit}) "
             f"TAHUN {tahun}")
    keadaan = (f"Keadaan data per {fmt.tanggal(date.today())}: {len(terbuka)} temuan terbuka "
               f"(galat {int((terbuka['tingkat'] == 'galat').sum())}, peringatan "
               f"{int((terbuka['tingkat'] == 'peringatan').sum())}).")
    isi = isi_aktif(cur, tahun, kode_unit)
    letak = letak_baris(template.tulis_template(con, kode_unit, tahun, isi=isi))
    return template.tulis_template(
        con, kode_unit, tahun, isi=isi,
        lembar_tambahan=[(LEMBAR, _penulis(judul, keadaan, _baris_temuan(terbuka, letak)))])


def unit_koreksi(cur: duckdb.DuckDBPyConnection, tahun: int, laporan: Laporan) -> list[str]:
    """Units that get a correction workbook: every unit owing data for the year, and any
    other unit with an open finding."""
    wajib = {r[0] for r in cur.execute(
        "SELECT i.kode_unit FROM v_indikator i JOIN v_target t USING (kode_indikator) "
        "WHERE t.tahun = $tahun UNION SELECT kode_unit FROM v_anggaran WHERE tahun = $tahun",
        {"tahun": tahun}).fetchall()}
    dengan_temuan = set(laporan.terbuka["kode_unit"].dropna())
    return sorted(wajib | dengan_temuan)


def semua_koreksi(con: duckdb.DuckDBPyConnection, tahun: int, *, oleh: akun.Akun | str,
                  laporan: Laporan | None = None) -> bytes:
    """A zip of every unit's correction workbook for `tahun` ("Unduh semua"; every unit at
    once, so not an operator's)."""
    nama = f"koreksi_{tahun}.zip"
    pelaku = akun.wajib(con, oleh, "koreksi_unduh", objek=nama, tahun=tahun)
    cur = con.cursor()
    if laporan is None:
        laporan = rekonsiliasi(cur, tahun)
    buf = io.BytesIO()
    stempel = datetime.now().timetuple()[:6]
    units = unit_koreksi(cur, tahun, laporan)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for unit in units:
            info = zipfile.ZipInfo(nama_koreksi(unit, tahun), stempel)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, _buku(con, tahun, unit, laporan))
    _catat_unduh(con, pelaku, nama, tahun, None, units, buf.tell())
    return buf.getvalue()
