"""The leadership briefing: one year of the LKIP on one screen (and one deck).

`ringkasan(cur, tahun)` gathers what a Ka. Badan asks first: how well did we do (mean capaian,
indicators per predikat, per sasaran, best and worst), how much of the budget did we spend
(serapan, per unit), is the data in and clean (units that have not sent, open galat findings),
and how that compares with last year. Every figure comes from the core's own computations
(`tabel_capaian`, `ringkasan_capaian`, `hitung_anggaran`, `rekap.kelengkapan`, the
reconciliation): nothing is computed twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from lkip_core import fmt, pengaturan
from lkip_core.analisis import rumus
from lkip_core.analisis.anggaran import HasilAnggaran, hitung_anggaran
from lkip_core.analisis.kinerja import capaian_per_sasaran, tabel_capaian
from lkip_core.analisis.ringkasan import distribusi_predikat, ringkasan_capaian
from lkip_core.masukan import rekap
from lkip_core.rekonsiliasi import rekonsiliasi

STATUS_TERBUKA = ("baru", "diperiksa")  # selesai, diterima, teratasi are closed
TANPA_DATA_LALU = "tidak ada data tahun lalu"
PERINGKAT = 5  # best and worst indicators shown
_KOLOM_INDIKATOR = ["kode_indikator", "uraian_indikator", "kode_sasaran", "nama_unit", "satuan",
                    "target", "realisasi", "capaian", "alasan", "predikat"]


def temuan(cur: duckdb.DuckDBPyConnection, tahun: int) -> pd.DataFrame:
    """Every reconciliation finding of the year (with its review status)."""
    # catat=False: reading the summary must not record a reconciliation run.
    return rekonsiliasi(cur, tahun, catat=False).temuan


def temuan_terbuka(cur: duckdb.DuckDBPyConnection, tahun: int,
                   semua: pd.DataFrame | None = None) -> pd.DataFrame:
    """Findings still open (status baru or diperiksa); `semua`: the year's findings if known."""
    df = temuan(cur, tahun) if semua is None else semua
    return df.loc[df["status"].isin(STATUS_TERBUKA)]


@dataclass
class Kesiapan:
    """Is the year's data in and clean? unit_belum: names of the units that owe data and have
    sent nothing; temuan: every reconciliation finding; galat_terbuka: open galat findings;
    galat_unit: kode_unit, nama_unit, galat (open galat per unit, most first)."""

    unit_wajib: int
    unit_belum: list[str]
    temuan: pd.DataFrame
    galat_terbuka: int
    galat_unit: pd.DataFrame


def kesiapan(cur: duckdb.DuckDBPyConnection, tahun: int) -> Kesiapan:
    """Units that have not sent (rekap.kelengkapan) and open galat findings (reconciliation)."""
    board = rekap.kelengkapan(cur, tahun)
    belum = board.loc[board["status"] == "Belum mengirim", "nama_unit"].tolist()
    semua = temuan(cur, tahun)
    terbuka = temuan_terbuka(cur, tahun, semua)
    galat = int((terbuka["tingkat"] == "galat").sum())
    return Kesiapan(len(board), belum, semua, galat,
                    _galat_unit(terbuka, rekap.daftar_unit(cur)))


@dataclass
class Perbandingan:
    """This year against `tahun` (the previous one): selisih in percentage points."""

    tahun: int
    capaian_rata: float | None = None
    serapan: float | None = None
    selisih_capaian: float | None = None
    selisih_serapan: float | None = None

    @property
    def ada(self) -> bool:
        return self.capaian_rata is not None or self.serapan is not None

    @property
    def keterangan(self) -> str | None:
        return None if self.ada else TANPA_DATA_LALU


@dataclass
class Ringkasan:
    """The leadership summary of one year. Frames:

    per_sasaran: capaian_per_sasaran's columns. terbaik / terburuk: kode_indikator,
    uraian_indikator, kode_sasaran, nama_unit, satuan, target, realisasi, capaian, predikat
    (best first / worst first). serapan_unit: kode_unit, nama_unit, pagu, realisasi, serapan,
    sisa. galat_unit: kode_unit, nama_unit, galat (open galat findings per unit).
    `capaian` and `anggaran` keep the full results for the briefing deck.
    """

    tahun: int
    nama_opd: str | None
    indikator: int
    indikator_bercapaian: int
    capaian_rata: float | None
    per_predikat: dict[str, int]
    distribusi: pd.DataFrame
    pagu: float
    realisasi: float
    serapan: float | None
    unit_wajib: int
    unit_belum: list[str]
    galat_terbuka: int
    galat_unit: pd.DataFrame
    per_sasaran: pd.DataFrame
    terbaik: pd.DataFrame
    terburuk: pd.DataFrame
    serapan_unit: pd.DataFrame
    lalu: Perbandingan
    capaian: pd.DataFrame = field(repr=False)
    anggaran: HasilAnggaran = field(repr=False)
    temuan: pd.DataFrame = field(repr=False)

    def to_dict(self) -> dict:
        """Plain JSON-ready data: unrounded numbers, null for missing (cli.md)."""
        return {
            "tahun": self.tahun, "nama_opd": self.nama_opd, "indikator": self.indikator,
            "indikator_bercapaian": self.indikator_bercapaian,
            "capaian_rata": self.capaian_rata, "per_predikat": dict(self.per_predikat),
            "pagu": self.pagu, "realisasi": self.realisasi, "serapan": self.serapan,
            "unit_wajib": self.unit_wajib, "unit_belum": list(self.unit_belum),
            "temuan": "tersedia",  # kept: scripts read this key of earlier versions
            "galat_terbuka": self.galat_terbuka,
            "galat_unit": _records(self.galat_unit),
            "per_sasaran": _records(self.per_sasaran), "terbaik": _records(self.terbaik),
            "terburuk": _records(self.terburuk), "serapan_unit": _records(self.serapan_unit),
            "tahun_lalu": {"tahun": self.lalu.tahun, "capaian_rata": self.lalu.capaian_rata,
                           "serapan": self.lalu.serapan,
                           "selisih_capaian": self.lalu.selisih_capaian,
                           "selisih_serapan": self.lalu.selisih_serapan,
                           "keterangan": self.lalu.keterangan},
        }


def _records(df: pd.DataFrame) -> list[dict]:
    out = []
    for r in df.to_dict("records"):
        out.append({k: fmt.nilai_json(v) for k, v in r.items()})
    return out


def nama_opd(cur: duckdb.DuckDBPyConnection) -> str | None:
    """The agency's name: the unit of jenis 'opd' in the master (the first unit otherwise)."""
    units = rekap.daftar_unit(cur)
    return None if units.empty else str(units["nama_unit"].iloc[0])


def peringkat(df: pd.DataFrame, n: int = PERINGKAT) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Best and worst indicators by capaian: (best first, worst first).

    With fewer than 2n indicators having a capaian the two lists split them, so no indicator
    is shown as both one of the best and one of the worst.
    """
    ada = df.loc[df["capaian"].notna(), _KOLOM_INDIKATOR].sort_values(
        ["capaian", "kode_indikator"], ascending=[False, True], kind="stable")
    atas = min(n, math.ceil(len(ada) / 2))
    bawah = min(n, len(ada) - atas)
    terburuk = ada.iloc[len(ada) - bawah:].iloc[::-1] if bawah else ada.iloc[0:0]
    return ada.head(atas).reset_index(drop=True), terburuk.reset_index(drop=True)


def terbawah(df: pd.DataFrame, kolom: str, n: int) -> tuple[pd.DataFrame, int]:
    """At most `n` rows for a chart: all of them when they fit (order kept), otherwise the `n`
    lowest by `kolom` (lowest first): at city scale a leader looks at who lags behind.
    Returns (rows, how many there were)."""
    if len(df) <= n:
        return df, len(df)
    return df.sort_values(kolom, kind="stable", na_position="first").head(n), len(df)


def _ada_realisasi_anggaran(hasil: HasilAnggaran) -> bool:
    per_unit = hasil.per_unit()
    return bool((per_unit["dilaporkan"] > 0).any())


def _tahun_lalu(cur: duckdb.DuckDBPyConnection, tahun: int, df: pd.DataFrame,
                capaian_rata: float | None, serapan: float | None) -> Perbandingan:
    """Last year like for like: the mean of this year's indicators' capaian_t1 (last year's
    PK target and realisasi, from the units or the master's history) and last year's serapan
    when its DPA and some realisation are in."""
    lalu = Perbandingan(tahun - 1)
    lalu.capaian_rata = rumus.capaian_sasaran(df["capaian_t1"].tolist())[0]
    if tahun - 1 in rekap.tahun_tersedia(cur):
        hasil = hitung_anggaran(cur, tahun - 1)
        if _ada_realisasi_anggaran(hasil):
            lalu.serapan = hasil.total["serapan"]
    if lalu.capaian_rata is not None and capaian_rata is not None:
        lalu.selisih_capaian = capaian_rata - lalu.capaian_rata
    if lalu.serapan is not None and serapan is not None:
        lalu.selisih_serapan = serapan - lalu.serapan
    return lalu


def _galat_unit(terbuka: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    kolom = ["kode_unit", "nama_unit", "galat"]
    if terbuka.empty:
        return pd.DataFrame(columns=kolom)
    galat = terbuka.loc[terbuka["tingkat"] == "galat"]
    n = galat.groupby("kode_unit", dropna=False).size().rename("galat").reset_index()
    n = n.merge(units[["kode_unit", "nama_unit"]], on="kode_unit", how="left")
    n["nama_unit"] = n["nama_unit"].fillna(n["kode_unit"]).fillna("(tanpa unit)")
    return n[kolom].sort_values(["galat", "kode_unit"], ascending=[False, True],
                                ignore_index=True)


def ringkasan(cur: duckdb.DuckDBPyConnection, tahun: int) -> Ringkasan:
    """The leadership summary of `tahun` (see `Ringkasan`)."""
    skala = pengaturan.skala_predikat(cur)
    hasil = hitung_anggaran(cur, tahun)
    df = tabel_capaian(cur, tahun, anggaran=hasil)
    kepala = ringkasan_capaian(df, skala)
    terbaik, terburuk = peringkat(df)
    siap = kesiapan(cur, tahun)
    serapan = hasil.total["serapan"]
    return Ringkasan(
        tahun=tahun, nama_opd=nama_opd(cur), indikator=kepala["indikator"],
        indikator_bercapaian=kepala["dengan_capaian"], capaian_rata=kepala["rata_rata"],
        per_predikat=kepala["per_predikat"], distribusi=distribusi_predikat(df, skala),
        pagu=hasil.total["pagu"], realisasi=hasil.total["realisasi"], serapan=serapan,
        unit_wajib=siap.unit_wajib, unit_belum=siap.unit_belum,
        galat_terbuka=siap.galat_terbuka,
        galat_unit=siap.galat_unit, per_sasaran=capaian_per_sasaran(df, skala),
        terbaik=terbaik, terburuk=terburuk, serapan_unit=hasil.per_unit(),
        lalu=_tahun_lalu(cur, tahun, df, kepala["rata_rata"], serapan),
        capaian=df, anggaran=hasil, temuan=siap.temuan)
