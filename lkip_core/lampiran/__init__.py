"""SOP steps 7 and 10: the annexes (Lampiran I–V) and the Bab III tables as print-ready xlsx.

`buku_lampiran` and `buku_bab3` write the workbooks; `pratinjau` gives the same tables as
frames for the page; `ekspor` builds one and records it in the archive (SOP step 12). Every
value comes from `tabel_capaian`, `capaian_per_sasaran` and `hitung_anggaran` (see `data.py`);
the layout of each lampiran lives in its own module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from lkip_core import akun
from lkip_core.lampiran import arsip

from ..errors import InputRefused
from . import bab3, lampiran_i, lampiran_ii, lampiran_iii, lampiran_iv, lampiran_v
from .data import LAMPIRAN, Data, muat
from .model import Lembar, Pratinjau, ke_frame
from .tulis import tulis_buku

__all__ = ["BAB3", "LAMPIRAN", "Ekspor", "buku_bab3", "buku_lampiran", "ekspor", "lembar_lampiran",
           "nama_berkas", "pilih_lampiran", "pratinjau"]

_MODUL = {"I": lampiran_i, "II": lampiran_ii, "III": lampiran_iii, "IV": lampiran_iv,
          "V": lampiran_v}
BAB3 = "bab3"


def pilih_lampiran(lampiran: Iterable[str] | str) -> tuple[str, ...]:
    """Lampiran codes in their order ("I,iii" → ("I", "III")); refuses unknown codes."""
    if isinstance(lampiran, str):
        lampiran = lampiran.split(",")
    kode = [x.strip().upper() for x in lampiran if x and x.strip()]
    salah = [k for k in kode if k not in LAMPIRAN]
    if salah or not kode:
        raise InputRefused(f"Lampiran tidak dikenal: {', '.join(salah) or '(kosong)'}. "
                           f"Pilih dari {', '.join(LAMPIRAN)}, dipisah koma.")
    return tuple(k for k in LAMPIRAN if k in kode)


def lembar_lampiran(data: Data, lampiran: Iterable[str] = LAMPIRAN) -> list[Lembar]:
    return [_MODUL[k].lembar(data) for k in pilih_lampiran(lampiran)]


def buku_lampiran(con: duckdb.DuckDBPyConnection, tahun: int,
                  lampiran: Iterable[str] = LAMPIRAN) -> bytes:
    """The annex workbook of `tahun`: one print-ready sheet per lampiran asked for."""
    data = muat(con.cursor(), tahun)
    return tulis_buku(lembar_lampiran(data, lampiran), data)


def buku_bab3(con: duckdb.DuckDBPyConnection, tahun: int) -> bytes:
    """The Bab III tables of `tahun`: a summary, one sheet per sasaran, the budget per program."""
    data = muat(con.cursor(), tahun)
    return tulis_buku(bab3.lembar_bab3(data), data)


def pratinjau(con: duckdb.DuckDBPyConnection, tahun: int) -> dict[str, list[Pratinjau]]:
    """Every sheet's tables as frames, keyed by sheet name ("Lampiran I" … "Lampiran V")."""
    data = muat(con.cursor(), tahun)
    return {lb.nama: [ke_frame(t) for t in lb.tabel] for lb in lembar_lampiran(data)}


def nama_berkas(tahun: int, lampiran: Iterable[str] | str = LAMPIRAN) -> str:
    """lampiran_lkip_2025.xlsx, lampiran_II_lkip_2025.xlsx, tabel_bab3_lkip_2025.xlsx."""
    if lampiran == BAB3:
        return f"tabel_bab3_lkip_{tahun}.xlsx"
    kode = pilih_lampiran(lampiran)
    bagian = "" if kode == LAMPIRAN else "_" + "-".join(kode)
    return f"lampiran{bagian}_lkip_{tahun}.xlsx"


@dataclass(frozen=True)
class Ekspor:
    id: int  # in the archive
    nama_berkas: str
    isi: bytes


def ekspor(con: duckdb.DuckDBPyConnection, tahun: int, *, oleh: akun.Akun | str,
           lampiran: Iterable[str] | str = LAMPIRAN) -> Ekspor:
    """Build the annexes (or, with lampiran="bab3", the Bab III tables) and archive them
    (`ekspor`: admin and pimpinan; the archive and the audit log keep who)."""
    nama = nama_berkas(tahun, lampiran)
    pelaku = akun.wajib(con, oleh, "ekspor", objek=nama, tahun=tahun,
                        kosong=arsip.PESAN_TANPA_NAMA)
    if lampiran == BAB3:
        isi, jenis, kode = buku_bab3(con, tahun), "bab3", None
    else:
        kode = pilih_lampiran(lampiran)
        isi, jenis = buku_lampiran(con, tahun, kode), "lampiran"
    eid = arsip.arsipkan(con, jenis=jenis, tahun=tahun, nama_berkas=nama, isi=isi,
                         oleh=pelaku, lampiran=kode)
    return Ekspor(eid, nama, isi)
