"""SOP step 4: the correction workbook sent to a unit, and all of them as one zip.

A correction workbook is the unit's realisation template (same sheets, same hidden `_lkip`
sheet) filled with the unit's currently active figures, preceded by a sheet "temuan" listing the
unit's open findings in plain Indonesian. The unit corrects the yellow cells in place and sends
the file back; it is uploaded like any realisation file (step 5) and the next reconciliation
shows which findings were resolved.

Downloading one needs `koreksi_unduh` (admin any unit, operator its own); "all units" is the
admin's. Each download is audited.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import duckdb
import pandas as pd

from lkip_core import akun, db, fmt
from lkip_core.masukan import template

from . import rekonsiliasi
from .aturan import DAFTAR
from .laporan import Laporan, periode

LEMBAR = "temuan"
KOLOM_TEMUAN = ["No", "Aturan", "Triwulan", "Objek", "Pesan", "Nilai unit", "Pembanding",
                "Selisih"]
LEBAR = [5, 26, 10, 26, 80, 17, 17, 17]
_OBJEK = {"indikator": "Indikator", "sub_kegiatan": "Sub kegiatan", "transaksi": "Transaksi LPJ",
          "unit": "Unit"}

PETUNJUK = [
    "1. Setiap baris di bawah adalah satu temuan rekonsiliasi yang belum selesai. Kolom Pesan "
    "menjelaskan angka mana yang berbeda dan dibandingkan dengan apa (LPJ, Perjanjian Kinerja, "
    "DPA, atau hitung ulang).",
    "2. Perbaiki angka langsung di sheet 'kinerja' dan 'anggaran' pada berkas ini (sel "
    "berwarna kuning). Kedua sheet itu sudah berisi data unit Anda yang sedang berlaku.",
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


def _baris_temuan(df: pd.DataFrame) -> list[list]:
    rows = []
    for i, r in enumerate(df.to_dict("records"), start=1):
        rows.append([
            i, f"{r['aturan']} · {DAFTAR[r['aturan']].nama}",
            periode(r["triwulan"]).replace("tahunan", "Tahunan"),
            f"{_OBJEK.get(r['objek'], r['objek'])} {r['kode_objek']}", r["pesan"],
            *[None if v is None or v is pd.NA or v != v else float(v)
              for v in (r["nilai_unit"], r["nilai_pembanding"], r["selisih"])],
        ])
    return rows


def _penulis(judul: str, keadaan: str, rows: list[list]):
    """The writer of the "temuan" sheet (called by tulis_template with its workbook)."""
    def tulis(wb, ws) -> None:
        f_judul = wb.add_format({"bold": True, "font_size": 13})
        f_teks = wb.add_format({"text_wrap": True, "valign": "top", "font_size": 10})
        f_sub = wb.add_format({"bold": True, "font_size": 11})
        f_head = wb.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2",
                                "text_wrap": True, "valign": "vcenter", "align": "center"})
        f_sel = wb.add_format({"border": 1, "text_wrap": True, "valign": "top",
                               "font_size": 10})
        f_num = wb.add_format({"border": 1, "valign": "top", "font_size": 10,
                               "num_format": "#,##0.00"})
        for c, w in enumerate(LEBAR):
            ws.set_column(c, c, w)
        ws.write_string(0, 0, judul, f_judul)
        ws.write_string(1, 0, keadaan, f_teks)
        ws.write_string(3, 0, "Petunjuk koreksi", f_sub)
        r = 4
        for teks in PETUNJUK:
            ws.merge_range(r, 0, r, len(KOLOM_TEMUAN) - 1, teks, f_teks)
            ws.set_row(r, 28)
            r += 1
        r += 1
        if not rows:
            ws.merge_range(r, 0, r, len(KOLOM_TEMUAN) - 1,
                           "Tidak ada temuan terbuka untuk unit ini. Periksa kembali data di "
                           "sheet 'kinerja' dan 'anggaran'; bila sudah benar, berkas ini tidak "
                           "perlu dikirim ulang.", f_teks)
        else:
            ws.set_row(r, 20)
            for c, h in enumerate(KOLOM_TEMUAN):
                ws.write_string(r, c, h, f_head)
            awal = r
            for row in rows:
                r += 1
                for c, v in enumerate(row):
                    if v is None:
                        ws.write_blank(r, c, None, f_sel)
                    elif isinstance(v, str):
                        ws.write_string(r, c, v, f_sel)
                    else:
                        ws.write_number(r, c, v, f_num if c >= 5 else f_sel)
            ws.autofilter(awal, 0, r, len(KOLOM_TEMUAN) - 1)
            ws.repeat_rows(awal)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
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
    return template.tulis_template(
        con, kode_unit, tahun, isi=isi_aktif(cur, tahun, kode_unit),
        lembar_tambahan=[(LEMBAR, _penulis(judul, keadaan, _baris_temuan(terbuka)))])


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
