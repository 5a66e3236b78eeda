"""The master workbook (inputs.md §1): units, sasaran, indicators, targets, DPA, past realisasi."""

from __future__ import annotations

import duckdb

from lkip_core.errors import Problem
from lkip_core.masukan.aman import cek_kode_unit
from lkip_core.masukan.berkas import Workbook
from lkip_core.masukan.kolom import MASTER, MASTER_WAJIB
from lkip_core.masukan.tabel import Progress, TabelTerbaca, baca_tabel
from lkip_core.masukan.validasi.umum import (
    Muatan,
    cari_lembar,
    cek_referensi,
    cek_unik,
    isi_bawaan,
    simpan_tabel,
)

_BAWAAN = {
    "sasaran": {"tingkat": "sasaran_strategis"},
    # metode_negatif stays empty: the setting "metode_negatif_bawaan" decides at computation.
    "indikator": {"agregasi": "terakhir", "iku": False},
}


def _aktif(cur: duckdb.DuckDBPyConnection, sql: str) -> set:
    return {r[0] for r in cur.execute(sql).fetchall()}


def _unit_yang_hilang(cur: duckdb.DuckDBPyConnection, m: Muatan, unit: TabelTerbaca,
                      years: list[int]) -> None:
    """Warn about units this master leaves out that still have an active realisasi for one of
    its years: their figures would silently stop matching the master."""
    rows = cur.execute(
        """
        SELECT s.kode_unit, any_value(n.nama_unit), list(DISTINCT s.tahun ORDER BY s.tahun)
        FROM submission s
        LEFT JOIN (SELECT kode_unit, arg_max(nama_unit, submission_id) AS nama_unit
                   FROM unit GROUP BY kode_unit) n USING (kode_unit)
        WHERE s.jenis = 'realisasi' AND s.status = 'aktif' AND list_contains($tahun, s.tahun)
          AND NOT list_contains($kode, s.kode_unit)
        GROUP BY s.kode_unit ORDER BY s.kode_unit
        """,
        {"tahun": years, "kode": [k for k in unit.data.get("kode_unit", []) if k]},
    ).fetchall()
    if not rows:
        return
    daftar = "; ".join(f"{kode} – {nama or '(nama tidak diketahui)'} "
                       f"(tahun {', '.join(map(str, tahun))})" for kode, nama, tahun in rows)
    m.problems.append(Problem(
        f"Master ini tidak memuat {len(rows)} unit yang masih punya kiriman realisasi aktif: "
        f"{daftar}. Realisasi unit itu tidak lagi cocok dengan master. Bila unit itu masih ada, "
        "tambahkan ke sheet unit (beserta indikator, target dan anggarannya) lalu unggah lagi; "
        "bila memang dihapus, abaikan peringatan ini.",
        file=unit.file, sheet=unit.sheet, level="warning"))


def muat_master(cur: duckdb.DuckDBPyConnection, wb: Workbook, *, kode_unit: str | None = None,
                tahun: int | None = None, progress: Progress | None = None) -> Muatan:
    m = Muatan()
    tabel: dict[str, TabelTerbaca] = {}
    for lembar in MASTER:
        sheet = cari_lembar(wb, lembar)
        if sheet is None:
            if lembar.nama in MASTER_WAJIB:
                m.problems.append(Problem(
                    f"Sheet '{lembar.nama}' tidak ada. Master wajib berisi sheet: "
                    f"{', '.join(MASTER_WAJIB)}.", file=wb.file_name))
            continue
        t = baca_tabel(sheet, lembar, wb.file_name)
        cek_unik(t)
        if lembar.nama == "unit":
            cek_kode_unit(t)  # unit codes become file and zip-member names
        for kolom, nilai in _BAWAAN.get(lembar.nama, {}).items():
            isi_bawaan(t, kolom, nilai)
        tabel[lembar.nama] = t

    def kode(nama: str, kolom: str, sql: str) -> set:
        """Codes of the file's sheet plus those of the active master (a partial master)."""
        own = set(tabel[nama].data.get(kolom, [])) if nama in tabel else set()
        return (own | _aktif(cur, sql)) - {None}

    units = kode("unit", "kode_unit", "SELECT kode_unit FROM v_unit")
    sasaran = kode("sasaran", "kode_sasaran", "SELECT kode_sasaran FROM v_sasaran")
    indikator = kode("indikator", "kode_indikator", "SELECT kode_indikator FROM v_indikator")
    refs = [
        ("unit", "kode_induk", units, "Kode unit induk", "unit"),
        ("sasaran", "kode_induk", sasaran, "Kode sasaran induk", "sasaran"),
        ("indikator", "kode_sasaran", sasaran, "Kode sasaran", "sasaran"),
        ("indikator", "kode_unit", units, "Kode unit", "unit"),
        ("target", "kode_indikator", indikator, "Kode indikator", "indikator"),
        ("anggaran", "kode_unit", units, "Kode unit", "unit"),
        ("realisasi_lalu", "kode_indikator", indikator, "Kode indikator", "indikator"),
    ]
    # A sheet whose header could not be read has no codes to check against: its own error
    # says so, and a reference error on every row pointing at it would only bury that.
    tak_terbaca = {n for n, t in tabel.items() if t.header_row is None}
    for nama, kolom, dikenal, apa, asal in refs:
        if nama in tabel and asal not in tak_terbaca:
            cek_referensi(tabel[nama], kolom, dikenal, apa, asal)
    if "anggaran" in tabel:
        t = tabel["anggaran"]
        for kolom in ("pagu", "rak_tw1", "rak_tw2", "rak_tw3", "rak_tw4"):
            for i, v in enumerate(t.data.get(kolom, [])):
                if v is not None and v < 0:
                    t.problem("Nilai anggaran tidak boleh negatif.", row=t.baris[i],
                              kolom=kolom, value=v)
    for t in tabel.values():
        m.tambah(t)
    years = sorted({y for n in ("target", "anggaran") if n in tabel
                    for y in tabel[n].data.get("tahun", []) if y is not None})
    if not years and not m.ada_galat:
        m.problems.append(Problem(
            "Master tidak berisi tahun apa pun (sheet target dan anggaran kosong). "
            "Isi target dan pagu untuk tahun yang dilaporkan.", file=wb.file_name))
    if m.ada_galat:
        return m
    if "unit" in tabel:
        _unit_yang_hilang(cur, m, tabel["unit"], years)

    def simpan(c: duckdb.DuckDBPyConnection, sid: int) -> None:
        for nama, t in tabel.items():
            simpan_tabel(c, nama, t, sid)
        c.executemany("INSERT INTO master_tahun VALUES (?, ?)", [[sid, y] for y in years])

    m.nanti(simpan)
    return m
