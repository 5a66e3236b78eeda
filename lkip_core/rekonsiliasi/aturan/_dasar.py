"""What every reconciliation rule shares: the registry, the finding record, the run context.

A rule is a function ``(cur, tahun, kode_unit, settings, ctx) -> list[dict]`` registered with
``@aturan("R01", "selisih keuangan", "galat")``; each returned dict is one finding built with
:func:`temuan` (the fields of reconciliation.md plus ``detail``). The context builds, once per
run, the intermediate tables several rules read (the TWs each unit reported; keuangan, LPJ and
fisik per sub kegiatan and TW) as temporary tables of the run's cursor, so 500,000 LPJ lines
are aggregated once, by DuckDB, whatever the number of rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb
import pandas as pd

from ... import fmt

TINGKAT = ("galat", "peringatan", "info")
BATAS_BARIS_LPJ = 300  # LPJ lines kept in one finding's detail; the count says how many exist

Temuan = dict
FungsiAturan = Callable[..., list[Temuan]]


@dataclass(frozen=True)
class Aturan:
    kode: str
    nama: str
    tingkat: str
    fungsi: FungsiAturan


DAFTAR: dict[str, Aturan] = {}


def aturan(kode: str, nama: str, tingkat: str) -> Callable[[FungsiAturan], FungsiAturan]:
    """Register a rule; a new rule is a new decorated function, nothing else changes."""
    if tingkat not in TINGKAT:
        raise ValueError(f"tingkat {tingkat!r} tidak dikenal")

    def daftar(fn: FungsiAturan) -> FungsiAturan:
        if kode in DAFTAR:
            raise ValueError(f"aturan {kode} terdaftar dua kali")
        DAFTAR[kode] = Aturan(kode, nama, tingkat, fn)
        fn.kode = kode  # type: ignore[attr-defined]
        return fn
    return daftar


def kunci(kode_aturan: str, tahun: int, triwulan: int | None, kode_objek: str) -> str:
    """The stable key of a finding: from (aturan, tahun, triwulan, kode_objek) only."""
    return f"{kode_aturan}|{tahun}|{'' if triwulan is None else triwulan}|{kode_objek}"


def _angka(x):
    """A number as the finding stores it: float (money is exact to the rupiah well past 1e12)."""
    if x is None:
        return None
    if isinstance(x, float) and x != x:
        return None
    return float(x)


def temuan(kode_aturan: str, *, tahun: int, triwulan: int | None, kode_unit: str | None,
           objek: str, kode_objek: str, pesan: str, nilai_unit=None, nilai_pembanding=None,
           detail: dict | None = None, selisih=None) -> Temuan:
    """One finding; `selisih` is nilai_unit − nilai_pembanding unless given (exact for money)."""
    if selisih is None and nilai_unit is not None and nilai_pembanding is not None:
        a, b = nilai_unit, nilai_pembanding
        selisih = (Decimal(a) - Decimal(b)) if isinstance(a, Decimal) or isinstance(
            b, Decimal) else float(a) - float(b)
    return {
        "aturan": kode_aturan, "tingkat": DAFTAR[kode_aturan].tingkat, "tahun": int(tahun),
        "triwulan": None if triwulan is None else int(triwulan), "kode_unit": kode_unit,
        "objek": objek, "kode_objek": kode_objek, "nilai_unit": _angka(nilai_unit),
        "nilai_pembanding": _angka(nilai_pembanding), "selisih": _angka(selisih),
        "pesan": pesan, "kunci": kunci(kode_aturan, tahun, triwulan, kode_objek),
        "detail": detail or {},
    }


# --- Words and numbers for the messages --------------------------------------------------------

def tw(n: int) -> str:
    return f"TW {fmt.romawi(n)}"


def rp(x) -> str:
    """Rupiah as a Kabid reads it; cents only when there are any (Rp 90.000.000,25)."""
    if x is None:
        return fmt.KOSONG
    d = Decimal(str(x)) if not isinstance(x, Decimal) else x
    if d == d.to_integral_value():
        return fmt.rupiah(d)
    sign = "-" if d < 0 else ""
    return f"{sign}Rp {fmt.angka(abs(d), 2)}"


def angka(x) -> str:
    """A plain figure: no decimals when it is whole (265), else up to 2 (10,83)."""
    if x is None:
        return fmt.KOSONG
    f = float(x)
    return fmt.angka(f, 0) if f == int(f) else fmt.angka(f, 2)


def teks_jumlah(d) -> str:
    """A money amount as text for a key: 3750000.00 → "3750000", 90000000.25 → "90000000.25"."""
    d = Decimal(str(d)) if not isinstance(d, Decimal) else d
    return format(d.normalize(), "f") if d != 0 else "0"


def baris(cur: duckdb.DuckDBPyConnection, sql: str, params: dict | list | None = None
          ) -> list[dict]:
    res = cur.execute(sql, params or {})
    names = [c[0] for c in res.description]
    return [dict(zip(names, r)) for r in res.fetchall()]


# --- The run context -----------------------------------------------------------------------------

_LAPOR = """
CREATE OR REPLACE TEMP TABLE {nama} AS
WITH isi AS (
    SELECT kode_unit, realisasi_tw1 IS NOT NULL AS a1, realisasi_tw2 IS NOT NULL AS a2,
           realisasi_tw3 IS NOT NULL AS a3, realisasi_tw4 IS NOT NULL AS a4
    FROM v_realisasi_kinerja WHERE tahun = $tahun
    UNION ALL
    SELECT kode_unit, keuangan_tw1 IS NOT NULL OR fisik_tw1 IS NOT NULL,
           keuangan_tw2 IS NOT NULL OR fisik_tw2 IS NOT NULL,
           keuangan_tw3 IS NOT NULL OR fisik_tw3 IS NOT NULL,
           keuangan_tw4 IS NOT NULL OR fisik_tw4 IS NOT NULL
    FROM v_realisasi_anggaran WHERE tahun = $tahun
), unit AS (
    SELECT kode_unit, [bool_or(a1), bool_or(a2), bool_or(a3), bool_or(a4)] AS ada
    FROM isi WHERE $unit IS NULL OR kode_unit = $unit GROUP BY kode_unit
)
SELECT kode_unit, tw FROM unit, (SELECT unnest([1, 2, 3, 4]) AS tw) t WHERE ada[tw]
"""

# Per sub kegiatan of the DPA and TW: what the unit reported (keuangan per TW, cumulative,
# fisik) beside the LPJ (per TW and cumulative to the end of the TW, in amount and lines).
# `lapor`: the unit reported this TW (on any of its rows), so the TW is checked.
_KEUANGAN = """
CREATE OR REPLACE TEMP TABLE {nama} AS
WITH sub AS (
    SELECT kode_unit, kode_sub_kegiatan, nama_sub_kegiatan, pagu
    FROM v_anggaran WHERE tahun = $tahun AND ($unit IS NULL OR kode_unit = $unit)
), lpj AS (
    SELECT kode_sub_kegiatan, quarter(tanggal) AS tw, sum(jumlah) AS jumlah, count(*) AS baris
    FROM v_lpj WHERE tahun = $tahun
      AND kode_sub_kegiatan IN (SELECT kode_sub_kegiatan FROM sub)
    GROUP BY ALL
), grid AS (
    SELECT s.kode_unit, s.kode_sub_kegiatan, s.nama_sub_kegiatan, s.pagu, t.tw,
           r.submission_id IS NOT NULL AS ada_baris, r.pagu AS pagu_unit,
           [r.keuangan_tw1, r.keuangan_tw2, r.keuangan_tw3, r.keuangan_tw4][t.tw] AS keu_tw,
           [r.fisik_tw1, r.fisik_tw2, r.fisik_tw3, r.fisik_tw4][t.tw] AS fisik,
           coalesce(l.jumlah, 0) AS lpj_tw, coalesce(l.baris, 0) AS lpj_baris_tw
    FROM sub s CROSS JOIN (SELECT unnest([1, 2, 3, 4]) AS tw) t
    LEFT JOIN v_realisasi_anggaran r ON r.tahun = $tahun AND r.kode_unit = s.kode_unit
         AND r.kode_sub_kegiatan = s.kode_sub_kegiatan
    LEFT JOIN lpj l ON l.kode_sub_kegiatan = s.kode_sub_kegiatan AND l.tw = t.tw
)
SELECT g.*,
       sum(coalesce(g.keu_tw, 0)) OVER w AS keu_kum,
       sum(g.lpj_tw) OVER w AS lpj_kum,
       sum(g.lpj_baris_tw) OVER w AS lpj_baris_kum,
       bool_and(coalesce(g.keu_tw, 0) = 0) OVER w AS keu_kosong_kum,
       last_value(g.fisik IGNORE NULLS) OVER (
           PARTITION BY g.kode_unit, g.kode_sub_kegiatan ORDER BY g.tw
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS fisik_lalu,
       lp.kode_unit IS NOT NULL AS lapor
FROM grid g
LEFT JOIN {lapor} lp ON lp.kode_unit = g.kode_unit AND lp.tw = g.tw
WINDOW w AS (PARTITION BY g.kode_unit, g.kode_sub_kegiatan ORDER BY g.tw
             ROWS UNBOUNDED PRECEDING)
"""

_LPJ_BARIS = """
SELECT kode_sub_kegiatan, tanggal, nomor_bukti, kode_rekening, uraian, jumlah, jenis
FROM v_lpj
WHERE tahun = $tahun AND kode_sub_kegiatan = $kode AND quarter(tanggal) <= $sampai
ORDER BY tanggal, nomor_bukti, baris
LIMIT $batas
"""


def baris_lpj(cur: duckdb.DuckDBPyConnection, tahun: int, kode_sub: str, sampai_tw: int,
              batas: int = BATAS_BARIS_LPJ) -> list[dict]:
    """The LPJ lines of a sub kegiatan up to the end of TW n, oldest first, at most `batas`.

    Fetched when a finding's detail is opened (`detail["lpj_sumber"]`): a city-scale run may
    have thousands of money findings, each resting on a hundred lines or more.
    """
    return [baris_lpj_tampil(r) for r in baris(cur, _LPJ_BARIS, {
        "tahun": tahun, "kode": kode_sub, "sampai": int(sampai_tw), "batas": batas})]


_nomor = itertools.count(1)


@dataclass
class Konteks:
    """One reconciliation run: its cursor, scope and settings, and what rules share.

    Use as a context manager (or call `tutup`) so the temporary tables are dropped.
    """

    cur: duckdb.DuckDBPyConnection
    tahun: int
    kode_unit: str | None
    settings: dict
    _cache: dict = field(default_factory=dict)
    _temp: list[str] = field(default_factory=list)

    def __enter__(self) -> Konteks:
        return self

    def __exit__(self, *exc) -> None:
        self.tutup()

    def tutup(self) -> None:
        for nama in self._temp:
            self.cur.execute(f"DROP TABLE IF EXISTS {nama}")
        self._temp.clear()

    @property
    def param(self) -> dict:
        return {"tahun": self.tahun, "unit": self.kode_unit}

    def _tabel(self, kunci_cache: str, sql: str, **format_args) -> str:
        if kunci_cache not in self._cache:
            nama = f"_rk_{kunci_cache}_{next(_nomor)}"  # a fixed pattern, never user input
            self.cur.execute(sql.format(nama=nama, **format_args), self.param)
            self._temp.append(nama)
            self._cache[kunci_cache] = nama
        return self._cache[kunci_cache]

    def lapor(self) -> str:
        """Temp table (kode_unit, tw): the TWs each unit has reported this year."""
        return self._tabel("lapor", _LAPOR)

    def tw_lapor(self) -> dict[str, set[int]]:
        if "tw_lapor" not in self._cache:
            out: dict[str, set[int]] = {}
            for unit, n in self.cur.execute(f"SELECT kode_unit, tw FROM {self.lapor()}").fetchall():
                out.setdefault(unit, set()).add(int(n))
            self._cache["tw_lapor"] = out
        return self._cache["tw_lapor"]

    def keuangan(self) -> str:
        """Temp table: per sub kegiatan and TW, unit keuangan/fisik beside the LPJ (see SQL)."""
        return self._tabel("keuangan", _KEUANGAN, lapor=self.lapor())

    def capaian(self) -> pd.DataFrame:
        """The capaian engine's table for the run (computed once; R11 and R12 read it)."""
        if "capaian" not in self._cache:
            from ...analisis.kinerja import tabel_capaian

            self._cache["capaian"] = tabel_capaian(self.cur, self.tahun, self.kode_unit,
                                                   anggaran=_TANPA_ANGGARAN)
        return self._cache["capaian"]

    def capaian_baris(self, calon: pd.Series | None = None) -> list[dict]:
        """The engine's rows as dicts (the columns the rules read; NaN as None), only those
        marked in `calon` (a boolean Series over `capaian()`): a rule narrows the thousands of
        city indicators down with vector operations and decides row by row on the few left."""
        df = self.capaian()
        if calon is not None:
            df = df.loc[calon]
        kolom = [c for c in KOLOM_CAPAIAN if c in df.columns]
        return [{k: None if _kosong(v) else v for k, v in r.items()}
                for r in df[kolom].to_dict("records")]

    def rincian_tw(self, kode_sub: Iterable[str]) -> dict[str, list[dict]]:
        """The four TW rows of the keuangan table for each given sub kegiatan (for details)."""
        kode = sorted(set(kode_sub))
        if not kode:
            return {}
        out: dict[str, list[dict]] = {}
        for r in baris(self.cur, f"SELECT * FROM {self.keuangan()} WHERE list_contains($k, "
                       "kode_sub_kegiatan) ORDER BY kode_sub_kegiatan, tw", {"k": kode}):
            out.setdefault(r["kode_sub_kegiatan"], []).append({
                "TW": tw(r["tw"]), "Dilaporkan": r["lapor"],
                "Keuangan unit (Rp)": _angka(r["keu_tw"]),
                "Kumulatif unit (Rp)": _angka(r["keu_kum"]),
                "LPJ (Rp)": _angka(r["lpj_tw"]), "Kumulatif LPJ (Rp)": _angka(r["lpj_kum"]),
                "Baris LPJ s.d. TW": int(r["lpj_baris_kum"]), "Fisik (%)": _angka(r["fisik"]),
            })
        return out


def baris_lpj_tampil(r: dict) -> dict:
    """One LPJ line as the detail view shows it (dates and SP2D numbers first)."""
    return {"Tanggal": r["tanggal"], "Nomor bukti / SP2D": r["nomor_bukti"],
            "Sub kegiatan": r["kode_sub_kegiatan"], "Rekening": r["kode_rekening"],
            "Uraian": r["uraian"], "Jumlah (Rp)": _angka(r["jumlah"]), "Jenis": r["jenis"]}


KOLOM_CAPAIAN = [
    "kode_indikator", "uraian_indikator", "kode_unit", "satuan", "polaritas", "metode_negatif",
    "agregasi", "target", "realisasi", "capaian", "alasan", "capaian_unit",
    *[f"{k}{n}" for k in ("realisasi_tw", "capaian_tw", "target_tw_efektif", "target_tw_sendiri")
      for n in (1, 2, 3, 4)]]


def _kosong(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


class _TanpaAnggaran:
    """The budget handed to the capaian engine: none. The rules read capaian, not the
    efficiency columns, and the whole budget realisation behind those costs a quarter of a
    second at city scale. Every program code answers "no budget" (the engine's own case for
    an indicator without a linked budget)."""

    @staticmethod
    def anggaran_kode(kode):
        return None

    @staticmethod
    def serapan_kode(kode):
        return None


_TANPA_ANGGARAN = _TanpaAnggaran()
