"""The reconciliation report: one typed result for the page, the workbooks, the CLI and tests."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from .. import fmt
from .aturan import DAFTAR, KODE, TINGKAT
from .status import LABEL_STATUS, STATUS, TERBUKA

# The fields of a finding (reconciliation.md), in order.
KOLOM = ["aturan", "tingkat", "tahun", "triwulan", "kode_unit", "objek", "kode_objek",
         "nilai_unit", "nilai_pembanding", "selisih", "pesan", "kunci"]
# What the report adds: review status and when/who, names for people, the detail view.
TAMBAHAN = ["status", "nama_aturan", "nama_unit", "catatan", "ditinjau_oleh", "ditinjau_waktu",
            "pertama", "teratasi_waktu", "detail"]
LABEL_KOLOM = {
    "aturan": "Aturan", "nama_aturan": "Nama aturan", "tingkat": "Tingkat",
    "triwulan": "Triwulan", "kode_unit": "Kode unit", "nama_unit": "Unit", "objek": "Objek",
    "kode_objek": "Kode objek", "pesan": "Pesan", "nilai_unit": "Nilai unit",
    "nilai_pembanding": "Pembanding", "selisih": "Selisih", "status": "Status",
    "catatan": "Catatan tinjauan", "ditinjau_oleh": "Ditinjau oleh",
    "ditinjau_waktu": "Waktu tinjauan", "pertama": "Pertama ditemukan",
    "teratasi_waktu": "Teratasi", "kunci": "Kunci"}
TANPA_UNIT = "-"  # per_unit key of findings no unit could be named for (an R10 code)


@functools.cache
def _kosong() -> pd.DataFrame:
    return tipe(pd.DataFrame({c: [] for c in KOLOM + TAMBAHAN}))


def frame_kosong() -> pd.DataFrame:
    """A findings frame with no rows and the report's columns and dtypes."""
    return _kosong().copy()


def tipe(df: pd.DataFrame) -> pd.DataFrame:
    """The report's column dtypes (nullable integers and floats, text as objects)."""
    df = df.astype({"tahun": "Int64", "triwulan": "Int64", "nilai_unit": "Float64",
                    "nilai_pembanding": "Float64", "selisih": "Float64"})
    for c in ("aturan", "tingkat", "kode_unit", "objek", "kode_objek", "pesan", "kunci",
              "status", "nama_aturan", "nama_unit", "catatan", "ditinjau_oleh"):
        df[c] = df[c].astype(object)
    return df


def _nilai(v):
    """A missing value (None, NA, NaT, NaN) as None, numpy scalars as Python (for display)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


@dataclass
class Laporan:
    """Findings of one reconciliation run and their counts.

    `temuan`: the findings that occur now, one row each, columns KOLOM + TAMBAHAN (status is
    baru, diperiksa, selesai or diterima). `teratasi`: findings seen by an earlier run that no
    longer occur (status teratasi, with teratasi_waktu), same columns, detail empty. Counts
    (`per_aturan` with every rule code, `per_unit`, `per_tingkat` with every tingkat) are of
    `temuan`.
    """

    tahun: int
    temuan: pd.DataFrame
    kode_unit: str | None = None
    teratasi: pd.DataFrame = field(default_factory=frame_kosong)
    run_id: int | None = None
    detik: float = 0.0

    @property
    def per_aturan(self) -> dict[str, int]:
        n = self.temuan["aturan"].value_counts()
        return {k: int(n.get(k, 0)) for k in KODE}

    @property
    def per_tingkat(self) -> dict[str, int]:
        n = self.temuan["tingkat"].value_counts()
        return {k: int(n.get(k, 0)) for k in TINGKAT}

    @property
    def per_unit(self) -> dict[str, int]:
        n = self.temuan["kode_unit"].fillna(TANPA_UNIT).value_counts()
        return {str(k): int(v) for k, v in sorted(n.items())}

    @property
    def terbuka(self) -> pd.DataFrame:
        """Findings still to act on (status baru or diperiksa)."""
        return self.temuan.loc[self.temuan["status"].isin(TERBUKA)]

    def semua(self) -> pd.DataFrame:
        """Current findings followed by the resolved ones (the page's table)."""
        if self.teratasi.empty:
            return self.temuan
        if self.temuan.empty:
            return self.teratasi
        return pd.concat([self.temuan, self.teratasi], ignore_index=True)

    def ringkasan(self) -> pd.DataFrame:
        """One row per rule: aturan, nama, tingkat, temuan (current), terbuka, teratasi."""
        terbuka = self.terbuka["aturan"].value_counts()
        teratasi = self.teratasi["aturan"].value_counts()
        return pd.DataFrame([{
            "aturan": k, "nama": DAFTAR[k].nama, "tingkat": DAFTAR[k].tingkat,
            "temuan": self.per_aturan[k], "terbuka": int(terbuka.get(k, 0)),
            "teratasi": int(teratasi.get(k, 0))} for k in KODE])

    def to_frame(self, *, semua: bool = False) -> pd.DataFrame:
        """The findings without the detail column (for a table or an xlsx download)."""
        df = self.semua() if semua else self.temuan
        return df.drop(columns=["detail"]).reset_index(drop=True)

    def baris(self, kunci: str) -> dict | None:
        """One finding (current or resolved) as a dict, by its key."""
        df = self.semua()
        hit = df.loc[df["kunci"] == kunci]
        return None if hit.empty else hit.iloc[0].to_dict()

    def pilihan(self) -> dict[str, list]:
        """The values each filter can take: aturan, tingkat, kode_unit, status."""
        df = self.semua()
        return {"aturan": [k for k in KODE if k in set(df["aturan"])],
                "tingkat": [t for t in TINGKAT if t in set(df["tingkat"])],
                "kode_unit": sorted(set(df["kode_unit"].fillna(TANPA_UNIT))),
                "status": [s for s in STATUS if s in set(df["status"])]}

    def to_xlsx(self) -> bytes:
        """Every finding (current and resolved) as a plain xlsx table with Indonesian headers."""
        from ..unduhan import tabel_xlsx

        df = self.to_frame(semua=True)[list(LABEL_KOLOM)].rename(columns=LABEL_KOLOM)
        judul = f"Temuan rekonsiliasi tahun {self.tahun}" + (
            f", unit {self.kode_unit}" if self.kode_unit else "")
        return tabel_xlsx({"Temuan": df}, judul=judul)

    def to_dict(self) -> dict:
        """The `reconcile --json` shape of cli.md (unrounded numbers, null when missing)."""
        temuan = [{k: fmt.nilai_json(r[k]) for k in [*KOLOM, "status"]}
                  for r in self.temuan.to_dict("records")]
        return {"tahun": int(self.tahun),
                "ringkasan": {"per_aturan": self.per_aturan, "per_unit": self.per_unit,
                              "per_tingkat": self.per_tingkat},
                "temuan": temuan}


def saring(df: pd.DataFrame, *, aturan=None, tingkat=None, kode_unit=None,
           status=None) -> pd.DataFrame:
    """Rows of a findings frame matching every given filter (an empty filter keeps all)."""
    mask = pd.Series(True, index=df.index)
    for kolom, nilai in (("aturan", aturan), ("tingkat", tingkat), ("status", status)):
        if nilai:
            mask &= df[kolom].isin(list(nilai))
    if kode_unit:
        mask &= df["kode_unit"].fillna(TANPA_UNIT).isin(list(kode_unit))
    return df.loc[mask].reset_index(drop=True)


def rincian(baris: dict, cur=None) -> dict[str, pd.DataFrame]:
    """A finding's detail as tables for the detail view.

    Keys (present when the finding has them): "angka" (Keterangan, Nilai: the figures held
    against each other), "tw" (per TW, unit beside LPJ or the indicator's TW values), "lpj"
    (the LPJ lines with dates and SP2D numbers: kept in the finding for R09 and R10, read
    through `cur` for the money rules R01–R04, whose detail says where they are).
    """
    detail = baris.get("detail") or {}
    if "lpj" not in detail and detail.get("lpj_sumber") and cur is not None:
        from .aturan._dasar import baris_lpj

        sumber = detail["lpj_sumber"]
        detail = {**detail, "lpj": baris_lpj(cur, int(baris["tahun"]),
                                             sumber["kode_sub_kegiatan"], sumber["sampai_tw"])}
    out: dict[str, pd.DataFrame] = {}
    angka = {"Nilai unit": baris.get("nilai_unit"), "Pembanding": baris.get("nilai_pembanding"),
             "Selisih": baris.get("selisih"), **(detail.get("angka") or {})}
    rows = [{"Keterangan": k, "Nilai": _teks(v)} for k, v in angka.items()
            if _nilai(v) is not None]
    if rows:
        out["angka"] = pd.DataFrame(rows)
    if detail.get("tw"):
        out["tw"] = pd.DataFrame(detail["tw"])
    if detail.get("lpj"):
        out["lpj"] = pd.DataFrame(detail["lpj"])
    return out


def _teks(v) -> str:
    v = _nilai(v)
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, (int, float)):
        return fmt.angka(v, 0) if float(v).is_integer() and abs(v) >= 1000 else fmt.angka(v)
    if hasattr(v, "year") and not hasattr(v, "hour"):
        return fmt.tanggal(v)
    return str(v)


def label_status(s: str) -> str:
    return LABEL_STATUS.get(s, s)


def waktu(ts) -> str:
    """A moment as people read it: "25 November 2025 pukul 17.50"."""
    ts = _nilai(ts)
    if ts is None:
        return fmt.KOSONG
    return f"{fmt.tanggal(ts)} pukul {ts:%H.%M}"


def periode(tw) -> str:
    """"TW II" for a TW finding, "tahunan" for a year-level one."""
    tw = _nilai(tw)
    return "tahunan" if tw is None else f"TW {fmt.romawi(tw)}"


def label_temuan(r: dict) -> str:
    """A one-line label of a finding for a picker: rule, period, object, start of the message."""
    pesan = r["pesan"] if len(r["pesan"]) <= 90 else r["pesan"][:89] + "…"
    unit = _nilai(r.get("kode_unit")) or TANPA_UNIT
    return f"{r['aturan']} · {periode(r.get('triwulan'))} · {unit} · {pesan}"
