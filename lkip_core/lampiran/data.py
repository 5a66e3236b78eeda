"""What every annex is built from: the analysis results of one year and the agency's identity.

Every number comes from `tabel_capaian`, `capaian_per_sasaran` and `hitung_anggaran`; nothing
is recomputed here. The helpers only pick, order and group those results.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import duckdb
import pandas as pd

from lkip_core import fmt, pengaturan
from lkip_core.fmt import ROMAWI
from lkip_core.masukan import rekap

from ..analisis.anggaran import HasilAnggaran, hitung_anggaran
from ..analisis.kinerja import capaian_per_sasaran, tabel_capaian
from ..analisis.rumus import METODE_NEGATIF, uraian_rumus
from .model import KOSONG, kosong

LAMPIRAN = ROMAWI[:5]
ROMAWI_TW = ROMAWI[:4]

# How each capaian formula is written under a table (rumus.URAIAN_RUMUS).
RUMUS = {m: uraian_rumus(m) for m in ("positif", *METODE_NEGATIF)}


@dataclass
class Data:
    tahun: int
    capaian: pd.DataFrame  # tabel_capaian
    sasaran: pd.DataFrame  # capaian_per_sasaran
    anggaran: HasilAnggaran
    instansi: str
    pejabat: str | None
    nip: str | None
    judul: dict[str, str]  # lampiran I..V -> title (settings)
    tempat: str
    tanggal: str

    def tanda(self, row) -> str:
        """The mark after a negatif indicator's name, pointing at the note of its formula."""
        if row["polaritas"] != "negatif":
            return ""
        return "*" if row["metode_negatif"] == "selisih" or len(self.metode_negatif()) == 1 \
            else "**"

    @cached_property
    def baris(self) -> list[dict]:
        """`capaian` as records, once (building them per group is slow on wide frames)."""
        return self.capaian.to_dict("records")

    @cached_property
    def _metode(self) -> list[str]:
        return sorted({r["metode_negatif"] for r in self.baris if r["polaritas"] == "negatif"})

    def metode_negatif(self) -> list[str]:
        """The negatif formulas in use this year ("selisih", "rasio")."""
        return self._metode


def muat(cur: duckdb.DuckDBPyConnection, tahun: int) -> Data:
    """The year's results and identity; NotFound when the master does not cover the year."""
    rekap.cek_lingkup(cur, tahun)
    anggaran = hitung_anggaran(cur, tahun)
    capaian = tabel_capaian(cur, tahun, anggaran=anggaran)
    sasaran = capaian_per_sasaran(capaian, pengaturan.skala_predikat(cur))
    units = rekap.daftar_unit(cur)
    # The agency is the unit of jenis 'opd' (daftar_unit lists it first), else the first unit.
    opd = units.iloc[0] if len(units) else None
    nilai = pengaturan.semua(cur)
    tanggal = (nilai["tanggal_ttd"] or "").strip() or fmt.tanggal(dt.date.today())
    return Data(
        tahun=tahun, capaian=capaian, sasaran=sasaran, anggaran=anggaran,
        instansi=str(opd["nama_unit"]) if opd is not None else "",
        pejabat=_teks(opd["nama_pejabat"]) if opd is not None else None,
        nip=_nip(opd["nip_pejabat"]) if opd is not None else None,
        judul={k: nilai[f"judul_lampiran_{k.lower()}"] for k in LAMPIRAN},
        tempat=(nilai["tempat_ttd"] or "").strip(), tanggal=tanggal)


def _teks(v) -> str | None:
    return None if kosong(v) else str(v)


def _nip(v) -> str | None:
    """An 18-digit NIP as it is written under a signature: 19700101 199001 1 001."""
    teks = _teks(v)
    if teks and len(teks) == 18 and teks.isdigit():
        return f"{teks[:8]} {teks[8:14]} {teks[14]} {teks[15:]}"
    return teks


def nilai(v):
    """A value for a cell: the number as it is, or "—" when there is none."""
    return KOSONG if kosong(v) else (v.item() if hasattr(v, "item") else v)


def per_sasaran(rows: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """(kode_sasaran, uraian_sasaran, its indicators) in kode order, indicators in the order
    tabel_capaian gives them."""
    grup: dict[object, list[dict]] = {}
    for r in rows:
        grup.setdefault(None if kosong(r["kode_sasaran"]) else r["kode_sasaran"], []).append(r)
    out = []
    for kode in sorted(grup, key=lambda k: (k is None, k or "")):
        g = grup[kode]
        uraian = next((r["uraian_sasaran"] for r in g if not kosong(r["uraian_sasaran"])), kode)
        out.append((kode, str(uraian or "(tanpa sasaran)"), g))
    return out


def catatan_rumus(data: Data, rows: list[dict]) -> list[str]:
    """The note naming the capaian formulas used in a table (domain.md: every table that shows
    a negatif capaian says which formula)."""
    notes = [f"Capaian indikator positif dihitung dengan rumus {RUMUS['positif']}."]
    negatif = {r["metode_negatif"]: r for r in rows if r["polaritas"] == "negatif"}
    for metode in sorted(negatif):
        tanda = data.tanda(negatif[metode])
        notes.append(f"Capaian indikator negatif (makin kecil makin baik, ditandai {tanda}) "
                     f"dihitung dengan rumus {metode}: {RUMUS[metode]}.")
    return notes


def catatan_kosong(rows: list[dict]) -> list[str]:
    """Why a capaian shows "—", one line per indicator (the reason from tabel_capaian)."""
    out = []
    for r in rows:
        if kosong(r["capaian"]) and not kosong(r.get("alasan")):
            out.append(f"{KOSONG} {r['uraian_indikator']}: {r['alasan']}.")
    return out


def judul_blok(data: Data, lampiran: str) -> list[str]:
    """"LAMPIRAN I", its title, the agency, the year: the lines above every annex."""
    return [f"LAMPIRAN {lampiran}", data.judul[lampiran].upper(), data.instansi.upper(),
            f"TAHUN {data.tahun}"]


def baris_indikator(data: Data, r: dict) -> str:
    """The indicator's name as a table shows it, with the mark of its negatif formula."""
    tanda = data.tanda(r)
    return f"{r['uraian_indikator']} {tanda}" if tanda else str(r["uraian_indikator"])
