"""The prose of the book, kept per year in the database (`naskah_revisi`, append-only).

A section's current text is its latest revision. Until someone writes it, a section holds the
automatic draft, written when the book is (`teks` NULL), so its figures are always the
engine's; "kembalikan ke draf otomatis" returns to that. Sections that rarely change (Bab I)
take the latest earlier year's text when the year has none; `salin_tahun_lalu` stores that copy
on first open. Every change checks the permission `naskah_tulis` and the year lock, and is
written with its audit row in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from .. import db
from ..akun import audit
from ..akun.model import Akun
from ..errors import InputRefused
from . import draf as _draf
from .bagian import AWALAN_SASARAN, UMUM, Bagian, pisah_kunci
from .bahan import Bahan, muat_bahan
from .kunci import periksa_tidak_terkunci
from .medan import Medan
from .pelaku import pelaku, wajib

PANJANG_MAKS = 60_000  # characters in one section (a whole chapter is far less)
AKSI = "naskah"

_TERKINI = """
SELECT kunci, teks, selesai, jenis, oleh, waktu FROM naskah_revisi WHERE tahun = ?
QUALIFY row_number() OVER (PARTITION BY kunci ORDER BY id DESC) = 1
"""
# For each section, the latest written text of the latest earlier year that has one.
_SALINAN = """
SELECT kunci, teks, tahun FROM (
    SELECT kunci, teks, tahun,
           row_number() OVER (PARTITION BY kunci, tahun ORDER BY id DESC) AS akhir
    FROM naskah_revisi WHERE tahun < ? AND list_contains(?, kunci)
) WHERE akhir = 1 AND teks IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY kunci ORDER BY tahun DESC) = 1
"""
_SALIN = tuple(k for k, b in UMUM.items() if b.salin)


@dataclass(frozen=True)
class Isi:
    """A section as the page shows it and the book prints it."""

    bagian: Bagian
    teks: str  # the text to edit: the written one, or the draft with its fields
    otomatis: bool  # no written text: the draft is written afresh with the book
    sumber: str  # "draf otomatis" | "disunting" | "disalin dari tahun 2024"
    selesai: bool
    oleh: str | None = None
    waktu: datetime | None = None


def tersimpan(cur: duckdb.DuckDBPyConnection, tahun: int) -> dict[str, tuple]:
    """kunci → (teks, selesai, jenis, oleh, waktu) of its latest revision in `tahun`."""
    return {r[0]: r[1:] for r in cur.execute(_TERKINI, [tahun]).fetchall()}


def salinan(cur: duckdb.DuckDBPyConnection, tahun: int) -> dict[str, tuple[str, int]]:
    """kunci → (teks, tahun) of the copyable sections' latest text of an earlier year."""
    return {k: (t, int(th)) for k, t, th in cur.execute(_SALINAN, [tahun, list(_SALIN)]).fetchall()}


def isi_naskah(cur: duckdb.DuckDBPyConnection, bahan: Bahan,
               bagian: list[Bagian], *, draf: bool = True) -> dict[str, Isi]:
    """The current state of every section in `bagian` (see the module docstring).

    `draf=False`: a section without written text carries an empty `teks` instead of its draft
    (the Naskah LKIP page drafts only the section it shows, with `draf_bagian`: at city scale the
    drafts of ~1.000 sections take a second)."""
    ada, lama = tersimpan(cur, bahan.tahun), salinan(cur, bahan.tahun)
    out = {}
    for b in bagian:
        rev = ada.get(b.kunci)
        if rev is not None and rev[0] is not None:
            sumber = "disalin dari tahun lalu" if rev[2] == "salin" else "disunting"
            out[b.kunci] = Isi(b, rev[0], False, sumber, bool(rev[1]), rev[3], rev[4])
        elif rev is None and b.kunci in lama:
            teks, th = lama[b.kunci]
            out[b.kunci] = Isi(b, teks, False, f"disalin dari tahun {th}", False)
        else:
            selesai, oleh, waktu = (bool(rev[1]), rev[3], rev[4]) if rev else (False, None, None)
            out[b.kunci] = Isi(b, _draf.draf(bahan, b.kunci) if draf else "", True,
                               "draf otomatis", selesai, oleh, waktu)
    return out


def rapikan(teks: str) -> str:
    """Line ends unified, trailing spaces and surrounding blank lines dropped."""
    baris = [b.rstrip() for b in (teks or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(baris).strip("\n")


def periksa_kunci(kunci: str) -> None:
    awalan, kode = pisah_kunci(kunci)
    if not ((kode is None and kunci in UMUM) or (kode and awalan in AWALAN_SASARAN)):
        raise InputRefused(f"Bagian naskah '{kunci}' tidak dikenal.")


def _tulis(con: duckdb.DuckDBPyConnection, tahun: int, kunci: str, teks: str | None,
           selesai: bool, jenis: str, pelaku_: Akun, rincian: dict) -> None:
    with db.transaksi(con) as cur:
        periksa_tidak_terkunci(cur, tahun, "Perubahan naskah")
        cur.execute("INSERT INTO naskah_revisi (tahun, kunci, teks, selesai, jenis, oleh, waktu) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [tahun, kunci, teks, selesai, jenis, pelaku_.nama_pengguna,
                     datetime.now().replace(microsecond=0)])
        audit.catat(cur, pelaku_, AKSI, kunci, tahun=tahun, rincian={"jenis": jenis, **rincian})


def simpan(con: duckdb.DuckDBPyConnection, tahun: int, kunci: str, teks: str, *,
           oleh: Akun | str, medan: Medan | None = None, selesai: bool | None = None) -> bool:
    """Write a section's text. Refuses an unknown section, a text too long, and fields that
    name nothing (`medan`: the year's fields; read from the database when not given).
    Returns False when the text is the one already in force (nothing written)."""
    periksa_kunci(kunci)
    a = wajib(con, pelaku(con, oleh), "naskah_tulis", objek=kunci, tahun=tahun)
    teks = rapikan(teks)
    if len(teks) > PANJANG_MAKS:
        raise InputRefused(f"Teks terlalu panjang ({len(teks)} karakter; paling banyak "
                           f"{PANJANG_MAKS}). Pecah menjadi beberapa paragraf yang lebih ringkas.")
    if "[[" in teks:
        if medan is None:
            medan = Medan(muat_bahan(con.cursor(), tahun))
        salah = medan.tidak_dikenal(teks)
        if salah:
            raise InputRefused("Isian angka tidak dikenal: " + ", ".join(
                f"[[{s}]]" for s in salah) + ". Periksa penulisannya (daftar isian ada di "
                "bawah kotak teks) atau hapus tanda [[ ]].")
    lama = tersimpan(con.cursor(), tahun).get(kunci)
    tetap = bool(lama[1]) if lama else False
    selesai = tetap if selesai is None else selesai
    if lama is not None and lama[0] == teks and tetap == selesai:
        return False
    _tulis(con, tahun, kunci, teks, selesai, "tulis", a, {"panjang": len(teks)})
    return True


def kembalikan(con: duckdb.DuckDBPyConnection, tahun: int, kunci: str, *,
               oleh: Akun | str) -> None:
    """Back to the automatic draft (written afresh with the book); the mark is cleared."""
    periksa_kunci(kunci)
    a = wajib(con, pelaku(con, oleh), "naskah_tulis", objek=kunci, tahun=tahun)
    _tulis(con, tahun, kunci, None, False, "draf", a, {})


def tandai_selesai(con: duckdb.DuckDBPyConnection, tahun: int, kunci: str, selesai: bool, *,
                   oleh: Akun | str, teks: str | None = None) -> None:
    """Mark a section "selesai ditulis" (or not), keeping its text (`teks`: the text in force,
    which for a copied section is the copy, stored now)."""
    periksa_kunci(kunci)
    a = wajib(con, pelaku(con, oleh), "naskah_tulis", objek=kunci, tahun=tahun)
    lama = tersimpan(con.cursor(), tahun).get(kunci)
    isi = lama[0] if lama is not None else (rapikan(teks) if teks is not None else None)
    _tulis(con, tahun, kunci, isi, bool(selesai), "selesai", a, {"selesai": bool(selesai)})


def salin_tahun_lalu(con: duckdb.DuckDBPyConnection, tahun: int, *,
                     oleh: Akun | str) -> list[str]:
    """Store, for each copyable section the year has no text for, the latest earlier year's
    text (first open of a year). Returns the sections copied; nothing when the year is locked."""
    a = wajib(con, pelaku(con, oleh), "naskah_tulis", objek="salin", tahun=tahun)
    cur = con.cursor()
    ada, lama = tersimpan(cur, tahun), salinan(cur, tahun)
    baru = {k: v for k, v in lama.items() if k not in ada}
    if not baru:
        return []
    waktu = datetime.now().replace(microsecond=0)
    with db.transaksi(con) as cur:
        periksa_tidak_terkunci(cur, tahun, "Perubahan naskah")
        for k, (teks, _) in baru.items():
            cur.execute("INSERT INTO naskah_revisi (tahun, kunci, teks, selesai, jenis, oleh, "
                        "waktu) VALUES (?, ?, ?, FALSE, 'salin', ?, ?)",
                        [tahun, k, teks, a.nama_pengguna, waktu])
        audit.catat(cur, a, AKSI, "salin", tahun=tahun,
                    rincian={"jenis": "salin", "bagian": sorted(baru),
                             "dari": sorted({th for _, th in baru.values()})})
    return sorted(baru)


def riwayat(cur: duckdb.DuckDBPyConnection, tahun: int, kunci: str) -> pd.DataFrame:
    """A section's revisions, newest first: waktu, oleh, jenis, selesai, teks (None: draft)."""
    df = cur.execute("SELECT waktu, oleh, jenis, selesai, teks FROM naskah_revisi "
                     "WHERE tahun = ? AND kunci = ? ORDER BY id DESC", [tahun, kunci]).df()
    df["teks"] = df["teks"].astype(object).where(df["teks"].notna(), None)
    return df


def status_penulisan(isi: dict[str, Isi]) -> dict[str, int]:
    """Counts for the page: bagian, selesai, disunting, otomatis."""
    v = list(isi.values())
    return {"bagian": len(v), "selesai": sum(i.selesai for i in v),
            "disunting": sum(not i.otomatis for i in v), "otomatis": sum(i.otomatis for i in v)}
