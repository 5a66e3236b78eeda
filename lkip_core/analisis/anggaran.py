"""Bab III B, "Realisasi Anggaran": pagu, realisasi, serapan, fisik, sisa and RAK deviation
from sub kegiatan up to kegiatan, program and the total — always from sums (domain.md).

`realisasi` is what the units reported (keuangan, per TW, not cumulative); the LPJ side is the
reconciliation's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd

from . import rumus

TW = (1, 2, 3, 4)

_SUB = """
SELECT a.kode_sub_kegiatan AS kode, a.nama_sub_kegiatan AS nama, a.kode_unit, u.nama_unit,
       array_to_string(string_split(a.kode_sub_kegiatan, '.')[1:5], '.') AS kode_kegiatan,
       array_to_string(string_split(a.kode_sub_kegiatan, '.')[1:3], '.') AS kode_program,
       a.nama_kegiatan, a.nama_program, a.pagu,
       r.keuangan_tw1, r.keuangan_tw2, r.keuangan_tw3, r.keuangan_tw4,
       r.fisik_tw1, r.fisik_tw2, r.fisik_tw3, r.fisik_tw4,
       a.rak_tw1, a.rak_tw2, a.rak_tw3, a.rak_tw4
FROM v_anggaran a
LEFT JOIN v_unit u ON u.kode_unit = a.kode_unit
LEFT JOIN v_realisasi_anggaran r ON r.kode_sub_kegiatan = a.kode_sub_kegiatan
     AND r.tahun = a.tahun AND r.kode_unit = a.kode_unit
WHERE a.tahun = $tahun AND ($unit IS NULL OR a.kode_unit = $unit)
ORDER BY a.kode_sub_kegiatan
"""


@dataclass
class HasilAnggaran:
    """Budget realisation at every level. Frames share these columns:

    kode, nama, pagu, realisasi, serapan (%), fisik (%), sisa, keuangan_tw1..4 (Rp spent in the
    TW), rak_tw1..4 (planned cash in the TW); sub_kegiatan adds kode_unit, nama_unit,
    kode_kegiatan, kode_program, fisik_tw1..4; kegiatan adds kode_program.
    """

    tahun: int
    sub_kegiatan: pd.DataFrame
    kegiatan: pd.DataFrame
    program: pd.DataFrame
    total: dict

    def serapan_kode(self, kode: str | None) -> float | None:
        """Serapan of a program, kegiatan or sub kegiatan code (all sub kegiatan under it)."""
        if not kode:
            return None
        sub = self.sub_kegiatan
        mask = (sub["kode"] == kode) | sub["kode"].str.startswith(kode + ".")
        if not mask.any():
            return None
        rows = sub.loc[mask]
        return rumus.serapan_dari_baris(list(rows["_pagu"]), list(rows["_realisasi"]))

    def per_tw(self) -> pd.DataFrame:
        """Cumulative realisasi and RAK per TW over the whole selection, with deviasi.

        Columns: tw, realisasi_kumulatif, rak_kumulatif, serapan (% of pagu), rencana (% of pagu),
        deviasi (Rp, realised − planned), deviasi_persen (% of plan realised).
        """
        rows = []
        pagu = self.total["_pagu"]
        real = rak = Decimal(0)
        for n in TW:
            real += self.sub_kegiatan[f"_keuangan_tw{n}"].sum()
            rak += self.sub_kegiatan[f"_rak_tw{n}"].sum()
            selisih, persen = rumus.deviasi_rak(real, rak)
            rows.append({"tw": n, "realisasi_kumulatif": float(real), "rak_kumulatif": float(rak),
                         "serapan": rumus.serapan(real, pagu), "rencana": rumus.serapan(rak, pagu),
                         "deviasi": None if selisih is None else float(selisih),
                         "deviasi_persen": persen})
        return pd.DataFrame(rows)

    def to_dict(self) -> dict:
        """The `anggaran --json` shape of cli.md."""
        def lvl(df: pd.DataFrame, extra: tuple[str, ...] = ()) -> list[dict]:
            out = []
            for r in df.to_dict("records"):
                d = {k: _num(r[k]) for k in ("kode", "nama", *extra, "pagu", "realisasi",
                                             "serapan", "fisik", "sisa")}
                out.append(d)
            return out
        subs = lvl(self.sub_kegiatan, ("kode_unit",))
        for d, r in zip(subs, self.sub_kegiatan.to_dict("records")):
            d["realisasi_tw"] = [_num(r[f"keuangan_tw{n}"]) for n in TW]
            d["fisik_tw"] = [_num(r[f"fisik_tw{n}"]) for n in TW]
        return {"sub_kegiatan": subs, "kegiatan": lvl(self.kegiatan),
                "program": lvl(self.program),
                "total": {k: _num(self.total[k]) for k in ("pagu", "realisasi", "serapan")}}


def _num(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, Decimal):
        return float(v)
    if hasattr(v, "item"):
        return v.item()
    return v


def _dec(v) -> Decimal:
    return Decimal(0) if v is None else Decimal(v)


def _level(sub: pd.DataFrame, key: str, nama: str, extra: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for kode, g in sub.groupby(key, sort=True):
        pagu = sum(g["_pagu"], Decimal(0))
        real = sum(g["_realisasi"], Decimal(0))
        row = {"kode": kode, "nama": g[nama].dropna().iloc[0] if g[nama].notna().any() else None}
        for e in extra:
            row[e] = g[e].iloc[0]
        row.update(pagu=float(pagu), realisasi=float(real), serapan=rumus.serapan(real, pagu),
                   fisik=rumus.fisik_tertimbang(list(g["_pagu"]), list(g["fisik"])),
                   sisa=float(rumus.sisa(pagu, real)), _pagu=pagu, _realisasi=real)
        for n in TW:
            row[f"keuangan_tw{n}"] = float(sum(g[f"_keuangan_tw{n}"], Decimal(0)))
            row[f"rak_tw{n}"] = float(sum(g[f"_rak_tw{n}"], Decimal(0)))
        rows.append(row)
    cols = ["kode", "nama", *extra, "pagu", "realisasi", "serapan", "fisik", "sisa",
            *[f"keuangan_tw{n}" for n in TW], *[f"rak_tw{n}" for n in TW], "_pagu", "_realisasi"]
    return pd.DataFrame(rows, columns=cols)


def hitung_anggaran(cur: duckdb.DuckDBPyConnection, tahun: int,
                    kode_unit: str | None = None) -> HasilAnggaran:
    res = cur.execute(_SUB, {"tahun": tahun, "unit": kode_unit})
    names = [d[0] for d in res.description]
    rows = [dict(zip(names, r)) for r in res.fetchall()]
    out = []
    for r in rows:
        keu = [r[f"keuangan_tw{n}"] for n in TW]
        real = sum((_dec(k) for k in keu), Decimal(0))
        fisik_tw = [r[f"fisik_tw{n}"] for n in TW]
        fisik = next((f for f in reversed(fisik_tw) if f is not None), None)
        d = {k: r[k] for k in ("kode", "nama", "kode_unit", "nama_unit", "kode_kegiatan",
                               "kode_program", "nama_kegiatan", "nama_program")}
        d.update(pagu=float(r["pagu"]), realisasi=float(real),
                 serapan=rumus.serapan(real, r["pagu"]), fisik=fisik,
                 sisa=float(rumus.sisa(r["pagu"], real)), _pagu=r["pagu"], _realisasi=real)
        for n in TW:
            d[f"keuangan_tw{n}"] = None if keu[n - 1] is None else float(keu[n - 1])
            d[f"fisik_tw{n}"] = fisik_tw[n - 1]
            d[f"rak_tw{n}"] = None if r[f"rak_tw{n}"] is None else float(r[f"rak_tw{n}"])
            d[f"_keuangan_tw{n}"] = _dec(keu[n - 1])
            d[f"_rak_tw{n}"] = _dec(r[f"rak_tw{n}"])
        out.append(d)
    sub = pd.DataFrame(out)
    if sub.empty:
        sub = pd.DataFrame(columns=["kode", "nama", "kode_unit", "nama_unit", "kode_kegiatan",
                                    "kode_program", "nama_kegiatan", "nama_program", "pagu",
                                    "realisasi", "serapan", "fisik", "sisa", "_pagu",
                                    "_realisasi", *[f"{p}_tw{n}" for p in (
                                        "keuangan", "fisik", "rak", "_keuangan", "_rak")
                                        for n in TW]])
    kegiatan = _level(sub, "kode_kegiatan", "nama_kegiatan", ("kode_program",))
    program = _level(sub, "kode_program", "nama_program", ())
    pagu = sum(sub["_pagu"], Decimal(0))
    real = sum(sub["_realisasi"], Decimal(0))
    total = {"pagu": float(pagu), "realisasi": float(real), "serapan": rumus.serapan(real, pagu),
             "sisa": float(rumus.sisa(pagu, real)),
             "fisik": rumus.fisik_tertimbang(list(sub["_pagu"]), list(sub["fisik"])),
             "_pagu": pagu, "_realisasi": real}
    return HasilAnggaran(tahun, sub, kegiatan, program, total)
