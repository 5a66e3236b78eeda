"""The year lock (issue 13 item 6): once a year's book is `disahkan`, nothing that would change
what it says may change until an admin reopens the year with a reason.

Every writer that touches a year's data, settings or prose calls `periksa_tidak_terkunci`
inside its transaction (uploads and rollbacks for the years they cover, the settings the book
is computed with for every locked year, the prose and the pengesahan chain here). The refusal
names the lock: who signed, when, and how to reopen it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb

from .. import fmt
from ..errors import InputRefused

# The latest step of each year's chain; a year is locked when that step left it `disahkan`.
_STATUS = """
SELECT tahun, status, oleh, nama_lengkap, jabatan, waktu FROM pengesahan
WHERE $tahun IS NULL OR tahun = $tahun
QUALIFY row_number() OVER (PARTITION BY tahun ORDER BY id DESC) = 1
"""

# Settings that change a figure, a predikat or a printed line of the book (pengaturan.SETELAN);
# the others (reconciliation thresholds, backups, sessions) leave a signed book as it is.
PENGATURAN_NASKAH = frozenset({
    "skala_predikat", "skala_predikat_kustom", "metode_negatif_bawaan", "tempat_ttd",
    "tanggal_ttd", "judul_lampiran_i", "judul_lampiran_ii", "judul_lampiran_iii",
    "judul_lampiran_iv", "judul_lampiran_v"})


class TahunTerkunci(InputRefused):
    """A change to a year whose LKIP has been disahkan (command-line exit status 2)."""

    def __init__(self, message: str, kunci: Kunci):
        super().__init__(message)
        self.kunci = kunci


@dataclass(frozen=True)
class Kunci:
    tahun: int
    oleh: str
    nama_lengkap: str | None
    jabatan: str | None
    waktu: datetime

    def pesan(self, perubahan: str = "Perubahan") -> str:
        siapa = self.nama_lengkap or self.oleh
        if self.jabatan:
            siapa += f" ({self.jabatan})"
        return (f"Tahun {self.tahun} terkunci: LKIP {self.tahun} telah disahkan oleh {siapa} "
                f"pada {fmt.tanggal(self.waktu)} pukul {self.waktu:%H.%M}. {perubahan} yang "
                f"menyentuh tahun {self.tahun} ditolak. Admin dapat membuka kunci dengan "
                "alasan di halaman Pengesahan & Publikasi, atau dengan perintah "
                f"`python -m lkip_core pengesahan --tahun {self.tahun} --aksi buka --oleh NAMA "
                "--catatan ALASAN`.")


def kunci_tahun(cur: duckdb.DuckDBPyConnection, tahun: int | None = None) -> dict[int, Kunci]:
    """The locked years (all, or `tahun` only): year → who signed and when."""
    out = {}
    for th, status, oleh, nama, jabatan, waktu in cur.execute(
            _STATUS, {"tahun": tahun}).fetchall():
        if status == "disahkan":
            out[int(th)] = Kunci(int(th), oleh, nama, jabatan, waktu)
    return out


def terkunci(cur: duckdb.DuckDBPyConnection, tahun: int) -> Kunci | None:
    """The lock of `tahun`, or None when the year may be changed."""
    return kunci_tahun(cur, int(tahun)).get(int(tahun))


def periksa_tidak_terkunci(cur: duckdb.DuckDBPyConnection, tahun: int | Iterable[int] | None,
                           perubahan: str = "Perubahan data, pengaturan, dan naskah") -> None:
    """Raise TahunTerkunci when `tahun` (or any of several years) is locked; None: no year."""
    if tahun is None:
        return
    tahun_list = [tahun] if isinstance(tahun, int) else sorted({int(t) for t in tahun})
    semua = kunci_tahun(cur) if len(tahun_list) > 1 else {}
    for t in tahun_list:
        k = semua.get(t) if semua else terkunci(cur, t)
        if k is not None:
            raise TahunTerkunci(k.pesan(perubahan), k)


def periksa_pengaturan(cur: duckdb.DuckDBPyConnection, kunci: Iterable[str]) -> None:
    """Refuse a change to a setting the book is computed with while any year is locked."""
    if not PENGATURAN_NASKAH.intersection(kunci):
        return
    semua = kunci_tahun(cur)
    if semua:
        k = semua[min(semua)]
        raise TahunTerkunci(k.pesan("Perubahan pengaturan yang memengaruhi isi LKIP"), k)
