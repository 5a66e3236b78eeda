"""A unit's realisation workbook (inputs.md §2): kinerja and anggaran of one unit and year."""

from __future__ import annotations

import re

import duckdb

from lkip_core.errors import Problem
from lkip_core.masukan.berkas import Workbook
from lkip_core.masukan.kolom import ANGGARAN_REALISASI, KINERJA, META_SHEET
from lkip_core.masukan.parsing import parse_code, parse_year
from lkip_core.masukan.tabel import Progress, TabelTerbaca, baca_tabel
from lkip_core.masukan.validasi.umum import (
    ANGGARAN_CIRI,
    KINERJA_CIRI,
    Muatan,
    cek_unik,
    lembar_isi,
    simpan_tabel,
)

TW = (1, 2, 3, 4)


def _meta(wb: Workbook) -> dict[str, object]:
    """Unit and year written by the template into its hidden sheet."""
    sheet = wb.sheet(META_SHEET)
    out: dict[str, object] = {}
    if sheet is None:
        return out
    for row in sheet.rows:
        if len(row) >= 2 and row[0] is not None:
            out[str(row[0]).strip()] = row[1]
    return out


def _kandidat(cur: duckdb.DuckDBPyConnection, ind: set, sub: set) -> list[tuple[str, int]]:
    """(unit, year) pairs of the active master to which every code of the file belongs."""
    pairs: set[tuple[str, int]] | None = None
    if ind:
        found = cur.execute(
            "SELECT i.kode_unit, t.tahun FROM v_indikator i JOIN v_target t USING (kode_indikator) "
            "WHERE list_contains($k, i.kode_indikator) GROUP BY ALL "
            "HAVING count(DISTINCT i.kode_indikator) = len($k)", {"k": sorted(ind)}).fetchall()
        pairs = set(found)
    if sub:
        found = cur.execute(
            "SELECT kode_unit, tahun FROM v_anggaran WHERE list_contains($k, kode_sub_kegiatan) "
            "GROUP BY ALL HAVING count(DISTINCT kode_sub_kegiatan) = len($k)",
            {"k": sorted(sub)}).fetchall()
        pairs = set(found) if pairs is None else pairs & set(found)
    return sorted(pairs or [])


def _unit_tahun(cur, wb: Workbook, m: Muatan, kode_unit, tahun, ind: set, sub: set):
    meta = _meta(wb)
    unit_meta = parse_code(meta["kode_unit"]) if meta.get("kode_unit") is not None else None
    tahun_meta = parse_year(meta["tahun"]) if meta.get("tahun") is not None else None
    for given, own, apa in ((kode_unit, unit_meta, "unit"), (tahun, tahun_meta, "tahun")):
        if given is not None and own is not None and str(given) != str(own):
            m.problems.append(Problem(
                f"Berkas ini template untuk {apa} {own}, bukan {given}. Unggah template yang "
                "benar atau kosongkan pilihan unit/tahun.", file=wb.file_name))
    unit = kode_unit or unit_meta
    year = tahun or tahun_meta
    if unit and year:
        return unit, year
    pairs = [p for p in _kandidat(cur, ind, sub)
             if (unit is None or p[0] == unit) and (year is None or p[1] == year)]
    if len(pairs) > 1:
        # A year in the file name ("realisasi_2025.xlsx") settles which master year is meant.
        hinted = [p for p in pairs if re.search(rf"(?<!\d){p[1]}(?!\d)", wb.file_name)]
        pairs = hinted if len(hinted) == 1 else pairs
    if len(pairs) == 1:
        return pairs[0]
    if not pairs:
        m.problems.append(Problem(
            "Unit dan tahun berkas ini tidak dapat ditentukan: kode-kodenya tidak semuanya milik "
            "satu unit pada satu tahun di master. Pilih unit dan tahun, atau pakai template dari "
            "aplikasi.", file=wb.file_name))
    else:
        pilihan = "; ".join(f"{u} tahun {y}" for u, y in pairs)
        m.problems.append(Problem(
            f"Berkas ini cocok untuk lebih dari satu unit/tahun ({pilihan}). Pilih unit dan tahun "
            "saat mengunggah.", file=wb.file_name))
    return None, None


def _cek_kode(t: TabelTerbaca, kolom: str, milik: set, apa: str, unit: str, year: int) -> None:
    for i, v in enumerate(t.data.get(kolom, [])):
        if v is not None and v not in milik:
            t.problem(
                f"{apa} '{v}' bukan milik unit {unit} pada tahun {year} menurut master. Periksa "
                "kodenya atau hapus barisnya.", row=t.baris[i], kolom=kolom, value=v)


def _cek_angka(t: TabelTerbaca) -> None:
    d = t.data
    for i, row_no in enumerate(t.baris):
        for n in TW:
            r = d.get(f"realisasi_tw{n}", [None] * len(t))[i]
            if r is not None and r < 0:
                t.problem("Realisasi tidak boleh negatif.", row=row_no, kolom=f"realisasi_tw{n}",
                          value=r)
            k = d.get(f"keuangan_tw{n}", [None] * len(t))[i]
            if k is not None and k < 0 and not d.get("keterangan", [None] * len(t))[i]:
                t.problem("Keuangan negatif (pengembalian) hanya boleh bila kolom Keterangan "
                          "menjelaskannya. Isi keterangan atau perbaiki angkanya.",
                          row=row_no, kolom=f"keuangan_tw{n}", value=k)
            f = d.get(f"fisik_tw{n}", [None] * len(t))[i]
            if f is not None and not 0 <= f <= 100:
                t.problem("Realisasi fisik harus antara 0 dan 100 (persen kumulatif).",
                          row=row_no, kolom=f"fisik_tw{n}", value=f)


# Percent columns: a cell formatted as a percentage in Excel holds 0.45 for "45 %".
_PERSEN = ("capaian", *[f"fisik_tw{n}" for n in TW])


def _cek_format_persen(t: TabelTerbaca) -> None:
    """Warn when a whole percent column looks like Excel fractions (all values within 0–1)."""
    for kolom in _PERSEN:
        nilai = [v for v in t.data.get(kolom, []) if v is not None]
        if nilai and any(v > 0 for v in nilai) and all(0 <= v <= 1 for v in nilai):
            t.problem(
                "Semua nilai kolom ini antara 0 dan 1, seperti sel berformat persen Excel "
                "(0,45 tampil sebagai 45 %). Nilai dibaca apa adanya; bila maksudnya 45 %, "
                "ketik 45 atau ubah format selnya menjadi angka biasa.",
                kolom=kolom, value=nilai[0], level="warning")


def muat_realisasi(cur: duckdb.DuckDBPyConnection, wb: Workbook, *, kode_unit: str | None = None,
                   tahun: int | None = None, progress: Progress | None = None) -> Muatan:
    m = Muatan()
    tabel: dict[str, TabelTerbaca] = {}
    for nama, lembar, ciri in (("realisasi_kinerja", KINERJA, KINERJA_CIRI),
                               ("realisasi_anggaran", ANGGARAN_REALISASI, ANGGARAN_CIRI)):
        sheet = lembar_isi(wb, lembar, ciri)
        if sheet is not None:
            tabel[nama] = baca_tabel(sheet, lembar, wb.file_name)
    if not tabel:
        m.problems.append(Problem(
            "Tidak ada sheet kinerja maupun anggaran dengan kolom realisasi per TW. Pakai template "
            "unit dari aplikasi.", file=wb.file_name))
        return m
    ind = {v for v in tabel.get("realisasi_kinerja", TabelTerbaca(KINERJA, "", "")).data.get(
        "kode_indikator", []) if v}
    sub = {v for v in tabel.get("realisasi_anggaran", TabelTerbaca(ANGGARAN_REALISASI, "", "")
                                ).data.get("kode_sub_kegiatan", []) if v}
    unit, year = _unit_tahun(cur, wb, m, kode_unit, tahun, ind, sub)
    if unit and year:
        if not cur.execute("SELECT 1 FROM v_unit WHERE kode_unit = ?", [unit]).fetchone():
            m.problems.append(Problem(f"Unit '{unit}' tidak ada di master. Periksa kode unit.",
                                      file=wb.file_name))
        elif not cur.execute("SELECT 1 FROM v_master_tahun WHERE tahun = ?", [year]).fetchone():
            m.problems.append(Problem(f"Tahun {year} tidak ada di master (belum ada target/pagu). "
                                      "Unggah master tahun itu dulu.", file=wb.file_name))
        else:
            milik_ind = {r[0] for r in cur.execute(
                "SELECT kode_indikator FROM v_indikator JOIN v_target USING (kode_indikator) "
                "WHERE kode_unit = ? AND tahun = ?", [unit, year]).fetchall()}
            milik_sub = {r[0] for r in cur.execute(
                "SELECT kode_sub_kegiatan FROM v_anggaran WHERE kode_unit = ? AND tahun = ?",
                [unit, year]).fetchall()}
            if "realisasi_kinerja" in tabel:
                _cek_kode(tabel["realisasi_kinerja"], "kode_indikator", milik_ind, "Indikator",
                          unit, year)
            if "realisasi_anggaran" in tabel:
                _cek_kode(tabel["realisasi_anggaran"], "kode_sub_kegiatan", milik_sub,
                          "Sub kegiatan", unit, year)
    for t in tabel.values():
        cek_unik(t)
        _cek_angka(t)
        _cek_format_persen(t)
        m.tambah(t)
    for nama, apa in (("realisasi_kinerja", "kinerja"), ("realisasi_anggaran", "anggaran")):
        if nama not in tabel and unit:
            m.problems.append(Problem(
                f"Berkas ini tidak berisi data {apa}; kiriman ini menggantikan kiriman sebelumnya "
                f"sehingga data {apa} unit {unit} tahun {year} menjadi kosong.",
                file=wb.file_name, level="warning"))
    m.kode_unit, m.tahun = unit, year
    if m.ada_galat:
        return m
    m.nanti(lambda c, sid: [simpan_tabel(c, n, t, sid) for n, t in tabel.items()])
    return m
