"""Checking a database for damage (issue 9): every table read in full, every stored file re-hashed.

DuckDB keeps a checksum per block and verifies it when the block is read, so damage deep in the
file stays silent until that block is needed — e.g. when someone downloads an original upload
months later. `periksa` reads every row of every table (a hash over each whole row) and every
stored original file and archived export (SHA-256 against the one recorded when it was stored),
and reports each damaged object in Indonesian.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field

import duckdb

from lkip_core.masukan.berkas import buka_asli


@dataclass(frozen=True)
class Masalah:
    """One damaged object: `objek` names it ("tabel lpj", "kiriman #3 (master.xlsx)")."""

    objek: str
    pesan: str


@dataclass
class HasilPeriksa:
    """What `periksa` read and what it found; `ok` when nothing is damaged."""

    masalah: list[Masalah] = field(default_factory=list)
    tabel: int = 0
    baris: int = 0
    berkas: int = 0

    @property
    def ok(self) -> bool:
        return not self.masalah

    def to_dict(self) -> dict:
        return {"ok": self.ok, "masalah": [asdict(m) for m in self.masalah],
                "tabel": self.tabel, "baris": self.baris, "berkas": self.berkas}


def _pesan(exc: Exception) -> str:
    teks = str(exc).split("\n")[0][:300]
    m = re.search(r"checksum.*location (\d+)", teks)
    if m:
        return f"blok data rusak (checksum tidak cocok) pada posisi bita {int(m[1]):,}".replace(
            ",", ".")
    if "read" in teks.lower() and "bytes" in teks.lower():
        return f"berkas terpotong: sebagian blok data tidak ada ({teks})"
    return teks


def _nama(ident: str) -> str:
    return '"' + ident.replace('"', '""') + '"'


def periksa(con: duckdb.DuckDBPyConnection) -> HasilPeriksa:
    """Read the whole database of `con`; see the module docstring."""
    hasil = HasilPeriksa()
    cur = con.cursor()
    try:
        tabel = [r[0] for r in cur.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' ORDER BY table_name").fetchall()]
    except duckdb.Error as exc:
        hasil.masalah.append(Masalah("katalog", f"daftar tabel tidak dapat dibaca: {_pesan(exc)}"))
        return hasil
    for t in tabel:
        try:
            # hash(t) hashes the whole row: every column of every row is read from disk
            n = con.cursor().execute(f"SELECT count(*), bit_xor(hash(t)) FROM {_nama(t)} AS t"
                                     ).fetchone()[0]
        except duckdb.Error as exc:
            hasil.masalah.append(Masalah(f"tabel {t}", f"tidak dapat dibaca utuh: {_pesan(exc)}"))
            continue
        hasil.tabel += 1
        hasil.baris += n
    for jenis, meta, isi, kunci in _BERKAS:
        if {meta, isi} <= set(tabel):
            _berkas(con, hasil, jenis, meta, isi, kunci)
    return hasil


# (label, the table recording name and SHA-256, the table holding the bytes, its key column)
_BERKAS = (("kiriman", "submission", "submission_berkas", "submission_id"),
           ("ekspor", "ekspor", "ekspor_berkas", "ekspor_id"))


def _berkas(con: duckdb.DuckDBPyConnection, hasil: HasilPeriksa, jenis: str, meta: str,
            isi: str, kunci: str) -> None:
    """Re-hash every stored file, one at a time (a city's LPJ files do not all fit in memory)."""
    try:
        daftar = con.cursor().execute(
            f"SELECT id, nama_berkas, sha256 FROM {meta} ORDER BY id").fetchall()
    except duckdb.Error as exc:
        hasil.masalah.append(Masalah(f"tabel {meta}", f"tidak dapat dibaca: {_pesan(exc)}"))
        return
    satu = f"SELECT isi FROM {isi} WHERE {kunci} = ?"
    for id_, nama, sha in daftar:
        objek = f"{jenis} #{id_} ({nama})"
        try:
            row = con.cursor().execute(satu, [id_]).fetchone()
        except duckdb.Error as exc:
            hasil.masalah.append(Masalah(objek, "berkas tersimpan tidak dapat dibaca: "
                                                f"{_pesan(exc)}"))
            continue
        hasil.berkas += 1
        if row is None:
            hasil.masalah.append(Masalah(objek, "berkas tersimpannya tidak ada."))
        elif hashlib.sha256(buka_asli(row[0])).hexdigest() != sha:
            hasil.masalah.append(Masalah(objek, "isi berkas tersimpan tidak cocok lagi dengan "
                                                "SHA-256 yang dicatat saat disimpan."))
