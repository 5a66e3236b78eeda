"""SOP step 1: the realisation template a unit fills in, per unit and year.

Built from the active master: codes, names, satuan, the PK target and the DPA pagu are filled
in and locked; the cells the unit fills in are unlocked and validated. A hidden sheet
(`kolom.META_SHEET`) carries the unit and year, so an upload is matched without asking.
With `isi` the same layout carries a unit's current figures (the correction workbook, the demo).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from numbers import Integral, Real
from typing import Any

import duckdb
import xlsxwriter

from lkip_core.errors import NotFound
from lkip_core.masukan import kolom
from lkip_core.unduhan import buku_kerja

VERSI_TEMPLATE = 1
BARIS_HEADER = 3  # 0-based: row 4 in Excel; data from row 5

MASUKAN = {
    "kinerja": (
        "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4",
        "capaian", "permasalahan", "upaya", "bukti",
    ),
    "anggaran": (
        "keuangan_tw1", "keuangan_tw2", "keuangan_tw3", "keuangan_tw4",
        "fisik_tw1", "fisik_tw2", "fisik_tw3", "fisik_tw4", "keterangan",
    ),
}
# Echo columns a caller may override through `isi` (the demo plants wrong echoes with it).
GEMA = {"kinerja": ("target",), "anggaran": ("pagu",)}

LEBAR = {
    "kode_indikator": 16, "uraian_indikator": 48, "satuan": 11, "target": 12, "capaian": 12,
    "permasalahan": 40, "upaya": 40, "bukti": 30,
    "kode_sub_kegiatan": 20, "nama_sub_kegiatan": 46, "pagu": 17, "keterangan": 36,
}
LEBAR_JENIS = {"money": 17, "percent": 10, "number": 12}

_SQL_UNIT = "SELECT kode_unit, nama_unit, jenis_unit, kode_induk FROM v_unit"
_SQL_ADA_TAHUN = """
    SELECT EXISTS (SELECT 1 FROM v_target WHERE tahun = ?)
        OR EXISTS (SELECT 1 FROM v_anggaran WHERE tahun = ?)
"""
_SQL_KINERJA = """
    SELECT i.kode_indikator, i.uraian_indikator, i.satuan, t.target_pk AS target
    FROM v_indikator i JOIN v_target t USING (kode_indikator)
    WHERE i.kode_unit = ? AND t.tahun = ?
    ORDER BY i.kode_sasaran, i.kode_indikator
"""
_SQL_ANGGARAN = """
    SELECT kode_sub_kegiatan, nama_sub_kegiatan, pagu
    FROM v_anggaran WHERE kode_unit = ? AND tahun = ?
    ORDER BY kode_sub_kegiatan
"""


def nama_template(kode_unit: str, tahun: int) -> str:
    """The file name of a unit's template, e.g. ``realisasi_SEKRE_2025.xlsx``."""
    return f"realisasi_{kode_unit}_{tahun}.xlsx"


def _baris(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cur = con.execute(sql, params)
    nama = [d[0] for d in cur.description]
    return [dict(zip(nama, r, strict=True)) for r in cur.fetchall()]


def _nama_opd(units: dict[str, dict], kode_unit: str) -> str:
    """The agency a unit belongs to: up its kode_induk chain, else the only/first OPD."""
    kode, dilihat = kode_unit, set()
    while kode in units and kode not in dilihat:
        dilihat.add(kode)
        if units[kode]["jenis_unit"] == "opd":
            return units[kode]["nama_unit"]
        kode = units[kode]["kode_induk"]
    opd = sorted(k for k, u in units.items() if u["jenis_unit"] == "opd")
    return units[opd[0]]["nama_unit"] if opd else ""


def _angka(x: Any) -> Any:
    """A value as xlsxwriter writes it: Decimal and numpy numbers become int or float."""
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() else float(x)
    if isinstance(x, Integral):
        return int(x)
    if isinstance(x, Real):
        f = float(x)
        return None if f != f else f
    return x


class _Format:
    """The cell formats of one workbook, by (locked, kolom.jenis)."""

    def __init__(self, wb: xlsxwriter.Workbook):
        dasar = {"border": 1, "valign": "top", "font_size": 10}
        self.judul = wb.add_format({"bold": True, "font_size": 13})
        self.subjudul = wb.add_format({"bold": True, "font_size": 11})
        self.header = wb.add_format({
            **dasar, "bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
            "bg_color": "#D9E1F2",
        })
        self.header_isi = wb.add_format({
            **dasar, "bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
            "bg_color": "#FFE699",
        })
        self._fmt: dict[tuple[bool, str], Any] = {}
        for kunci in (True, False):
            isi = {} if kunci else {"locked": False, "bg_color": "#FFF2CC"}
            for jenis, extra in (
                ("code", {"num_format": "@"}),
                ("text", {"text_wrap": True}),
                ("money", {"num_format": "#,##0"}),
                ("number", {"num_format": "0.00"}),
            ):
                self._fmt[(kunci, jenis)] = wb.add_format({**dasar, **extra, **isi})

    def sel(self, terkunci: bool, jenis: str):
        return self._fmt[(terkunci, jenis if jenis in ("code", "text", "money") else "number")]


def _validasi(nama: str) -> dict | None:
    """The data validation of an input column (messages in Indonesian)."""
    if nama.startswith("realisasi_tw") or nama == "capaian":
        return {
            "validate": "decimal", "criteria": ">=", "value": 0,
            "input_title": "Isi angka",
            "input_message": (
                "Realisasi TW ini (angka ≥ 0). Untuk indikator kumulatif isi posisi akhir TW."
                if nama != "capaian" else "Capaian (%) menurut hitungan unit (angka ≥ 0)."
            ),
            "error_title": "Isian tidak sah",
            "error_message": "Isi dengan angka 0 atau lebih, tanpa teks atau satuan.",
        }
    if nama.startswith("keuangan_tw"):
        return {
            "validate": "decimal", "criteria": "between",
            "minimum": -1e15, "maximum": 1e15,
            "input_title": "Realisasi keuangan (Rp)",
            "input_message": (
                "Isi belanja TW ini saja, bukan kumulatif. Nilai negatif (pengembalian) "
                "wajib dijelaskan di kolom Keterangan."
            ),
            "error_title": "Isian tidak sah",
            "error_message": "Isi dengan angka rupiah tanpa teks, misalnya 1500000.",
        }
    if nama.startswith("fisik_tw"):
        return {
            "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
            "input_title": "Realisasi fisik (%)",
            "input_message": "Kumulatif sampai akhir TW ini, 0 sampai 100; tidak boleh turun.",
            "error_title": "Isian tidak sah",
            "error_message": "Realisasi fisik harus angka 0 sampai 100 (persen kumulatif).",
        }
    return None


def _tulis_lembar(
    wb: xlsxwriter.Workbook,
    fmt: _Format,
    lembar: kolom.Lembar,
    judul: str,
    nama_opd: str,
    baris: list[dict],
    isi: dict,
    kunci_kode: str,
) -> None:
    ws = wb.add_worksheet(lembar.nama)
    masukan = set(MASUKAN[lembar.nama])
    gema = GEMA[lembar.nama]
    ws.write_string(0, 0, judul, fmt.judul)
    if nama_opd:
        ws.write_string(1, 0, nama_opd.upper(), fmt.subjudul)
    ws.set_row(BARIS_HEADER, 30)
    for c, k in enumerate(lembar.kolom):
        gaya = fmt.header_isi if k.nama in masukan else fmt.header
        ws.write_string(BARIS_HEADER, c, k.header, gaya)
        ws.set_column(c, c, LEBAR.get(k.nama, LEBAR_JENIS.get(k.jenis, 14)))

    for r, data in enumerate(baris, start=BARIS_HEADER + 1):
        tambahan = isi.get(data[kunci_kode]) or {}
        for c, k in enumerate(lembar.kolom):
            terkunci = k.nama not in masukan
            nilai = data.get(k.nama)
            if not terkunci or k.nama in gema:
                nilai = tambahan.get(k.nama, nilai)
            f = fmt.sel(terkunci, k.jenis)
            nilai = _angka(nilai)
            if nilai is None or nilai == "":
                ws.write_blank(r, c, None, f)
            elif k.jenis in ("code", "text") or isinstance(nilai, str):
                ws.write_string(r, c, str(nilai), f)
            else:
                ws.write_number(r, c, nilai, f)

    akhir = BARIS_HEADER + len(baris)
    if baris:
        for c, k in enumerate(lembar.kolom):
            v = _validasi(k.nama) if k.nama in masukan else None
            if v:
                ws.data_validation(BARIS_HEADER + 1, c, akhir, c, v)
    ws.freeze_panes(BARIS_HEADER + 1, 1)
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(BARIS_HEADER)
    ws.set_margins(left=0.6, right=0.6, top=0.6, bottom=0.6)
    ws.set_footer("&LHalaman &P dari &N")
    ws.print_area(0, 0, max(akhir, BARIS_HEADER), len(lembar.kolom) - 1)


def _tulis_petunjuk(wb: xlsxwriter.Workbook, fmt: _Format, unit: dict, tahun: int) -> None:
    ws = wb.add_worksheet("petunjuk")
    ws.set_column(0, 0, 110)
    teks = wb.add_format({"text_wrap": True, "valign": "top", "font_size": 10})
    baris = [
        f"PETUNJUK PENGISIAN — {unit['nama_unit']} ({unit['kode_unit']}), tahun {tahun}",
        "",
        "1. Isi hanya sel berwarna kuning. Kode, nama, satuan, target PK dan pagu DPA dikunci "
        "dan berasal dari master (Perjanjian Kinerja dan DPA); bila ada yang salah, sampaikan "
        "ke Subbag Perencanaan, jangan diubah di sini.",
        "2. Sheet 'kinerja': isi Realisasi TW I–IV tiap indikator. Untuk indikator jumlah "
        "(misalnya orang yang dilatih) isi jumlah pada TW itu saja; untuk persentase, indeks dan "
        "nilai isi posisi pada akhir TW. Kolom Capaian (%) boleh diisi menurut hitungan unit; "
        "aplikasi menghitung ulang dan membandingkannya.",
        "3. Bila capaian rendah, tuliskan Permasalahan dan Upaya yang dilakukan; cantumkan "
        "tautan atau nama dokumen bukti di kolom Bukti.",
        "4. Sheet 'anggaran': Keuangan TW diisi belanja (Rp) pada TW itu saja, BUKAN kumulatif, "
        "sesuai SP2D/LPJ. Nilai negatif (pengembalian) wajib dijelaskan di kolom Keterangan.",
        "5. Fisik TW diisi kemajuan fisik KUMULATIF sampai akhir TW, 0 sampai 100 (%), dan "
        "tidak boleh turun dari TW sebelumnya.",
        "6. TW yang belum berjalan dibiarkan kosong. Berkas boleh dikirim per TW; kirim ulang "
        "berkas yang sama setelah TW berikutnya diisi.",
        "7. Jangan menambah, menghapus atau memindahkan baris dan kolom, dan jangan mengganti "
        "nama sheet: sheet tersembunyi menyimpan kode unit dan tahun.",
        "8. Simpan sebagai .xlsx dan kirimkan ke Sub Bagian Perencanaan (Sekretariat) untuk "
        "diunggah ke LKIP Dashboard.",
    ]
    ws.write_string(0, 0, baris[0], fmt.judul)
    for r, t in enumerate(baris[1:], start=1):
        ws.write_string(r, 0, t, teks)
    ws.protect()


def _tulis_meta(wb: xlsxwriter.Workbook, kode_unit: str, tahun: int) -> None:
    ws = wb.add_worksheet(kolom.META_SHEET)
    ws.write_string(0, 0, "jenis")
    ws.write_string(0, 1, "realisasi")
    ws.write_string(1, 0, "kode_unit")
    ws.write_string(1, 1, kode_unit)
    ws.write_string(2, 0, "tahun")
    ws.write_number(2, 1, tahun)
    ws.write_string(3, 0, "versi_template")
    ws.write_number(3, 1, VERSI_TEMPLATE)
    ws.protect()
    ws.hide()


def tulis_template(
    con: duckdb.DuckDBPyConnection, kode_unit: str, tahun: int, isi: dict | None = None,
    lembar_tambahan: Sequence[tuple[str, Callable[[Any, Any], None]]] | None = None,
) -> bytes:
    """The realisation workbook (xlsx bytes) of `kode_unit` for `tahun`, from the active master.

    `isi` fills the input cells with existing values, keyed by code:
    ``{"kinerja": {kode_indikator: {"realisasi_tw1": …}}, "anggaran": {kode_sub_kegiatan:
    {"keuangan_tw1": …, "fisik_tw1": …}}}``; it may also override the echoed ``target`` and
    ``pagu``. Raises NotFound when the unit or the year is not in the active master. A unit
    with nothing to report that year (often the OPD itself) gets the layout with no rows.
    `lembar_tambahan`: sheets written before the template's own, each ``(name, write)`` where
    ``write(workbook, worksheet)`` fills it (the correction workbook's list of findings); the
    import finds the kinerja and anggaran sheets by name and content, so it ignores them.
    """
    units = {u["kode_unit"]: u for u in _baris(con, _SQL_UNIT, [])}
    unit = units.get(kode_unit)
    if unit is None:
        raise NotFound(f"Unit '{kode_unit}' tidak ada di master yang aktif.")
    if not con.execute(_SQL_ADA_TAHUN, [tahun, tahun]).fetchone()[0]:
        raise NotFound(
            f"Tahun {tahun} tidak ada di master yang aktif (belum ada target PK maupun DPA)."
        )
    kinerja = _baris(con, _SQL_KINERJA, [kode_unit, tahun])
    anggaran = _baris(con, _SQL_ANGGARAN, [kode_unit, tahun])
    isi = isi or {}
    nama = unit["nama_unit"].upper()
    nama_opd = _nama_opd(units, kode_unit)

    buf = io.BytesIO()
    wb = buku_kerja(buf)
    # A fixed creation date: the same master gives byte-identical templates.
    wb.set_properties({
        "title": f"Realisasi {unit['nama_unit']} {tahun}",
        "subject": "Template realisasi LKIP",
        "created": datetime(tahun, 1, 1),
    })
    fmt = _Format(wb)
    for nama_lembar, tulis in lembar_tambahan or ():
        tulis(wb, wb.add_worksheet(nama_lembar))
    _tulis_lembar(
        wb, fmt, kolom.KINERJA, f"REALISASI KINERJA {nama} TAHUN {tahun}", nama_opd,
        kinerja, isi.get("kinerja") or {}, "kode_indikator",
    )
    _tulis_lembar(
        wb, fmt, kolom.ANGGARAN_REALISASI, f"REALISASI ANGGARAN {nama} TAHUN {tahun}", nama_opd,
        anggaran, isi.get("anggaran") or {}, "kode_sub_kegiatan",
    )
    _tulis_petunjuk(wb, fmt, unit, tahun)
    _tulis_meta(wb, kode_unit, tahun)
    wb.close()
    return buf.getvalue()
