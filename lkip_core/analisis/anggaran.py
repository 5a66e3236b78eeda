"""Bab III B, "Realisasi Anggaran": pagu, realisasi, serapan, fisik, sisa and RAK deviation
from sub kegiatan up to kegiatan, program and the total — always from sums (domain.md).

`realisasi` is what the units reported (keuangan, per TW, not cumulative); the LPJ side is the
reconciliation's business. Money is read as whole sen (integer hundredths of a rupiah, exact:
DECIMAL(18,2) × 100) and summed as Python ints, then handed out as Decimal rupiah in the "_"
columns and as floats for display. At city scale (5,000 sub kegiatan) reading Decimal objects
and grouping them with pandas took four times as long.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import duckdb
import pandas as pd

from .. import fmt
from . import rumus

TW = (1, 2, 3, 4)

# Every budget figure reads these rows: the year's DPA (of one unit or all) with the units'
# reported keuangan and fisik. Money comes as whole sen (exact: DECIMAL(18,2) × 100).
_SUMBER = """
FROM v_anggaran a
LEFT JOIN v_unit u ON u.kode_unit = a.kode_unit
LEFT JOIN v_realisasi_anggaran r ON r.kode_sub_kegiatan = a.kode_sub_kegiatan
     AND r.tahun = a.tahun AND r.kode_unit = a.kode_unit
WHERE a.tahun = $tahun AND ($unit IS NULL OR a.kode_unit = $unit)
ORDER BY a.kode_sub_kegiatan
"""
_KEUANGAN = """CAST(r.keuangan_tw1 * 100 AS BIGINT), CAST(r.keuangan_tw2 * 100 AS BIGINT),
       CAST(r.keuangan_tw3 * 100 AS BIGINT), CAST(r.keuangan_tw4 * 100 AS BIGINT)"""
_SUB = f"""
SELECT a.kode_sub_kegiatan AS kode, a.nama_sub_kegiatan AS nama, a.kode_unit, u.nama_unit,
       a.nama_kegiatan, a.nama_program, CAST(a.pagu * 100 AS BIGINT),
       {_KEUANGAN},
       r.fisik_tw1, r.fisik_tw2, r.fisik_tw3, r.fisik_tw4,
       CAST(a.rak_tw1 * 100 AS BIGINT), CAST(a.rak_tw2 * 100 AS BIGINT),
       CAST(a.rak_tw3 * 100 AS BIGINT), CAST(a.rak_tw4 * 100 AS BIGINT)
""" + _SUMBER
# Only what the efficiency rule needs: code, pagu, keuangan per TW.
_RINGAN = f"SELECT a.kode_sub_kegiatan, CAST(a.pagu * 100 AS BIGINT), {_KEUANGAN}" + _SUMBER

_TW_COLS = [f"{p}_tw{n}" for p in ("keuangan", "rak") for n in TW]
KOLOM_SUB = ["kode", "nama", "kode_unit", "nama_unit", "kode_kegiatan", "kode_program",
             "nama_kegiatan", "nama_program", "pagu", "realisasi", "serapan", "fisik", "sisa",
             *[f"keuangan_tw{n}" for n in TW], *[f"fisik_tw{n}" for n in TW],
             *[f"rak_tw{n}" for n in TW], "_pagu", "_realisasi",
             *[f"_keuangan_tw{n}" for n in TW], *[f"_rak_tw{n}" for n in TW]]
KOLOM_TINGKAT = ["kode", "nama", "pagu", "realisasi", "serapan", "fisik", "sisa", *_TW_COLS,
                 "_pagu", "_realisasi"]
TINGKAT = ("program", "kegiatan", "sub kegiatan")


def _realisasi_sen(keuangan_tw) -> int:
    """A sub kegiatan's realisasi in sen: the sum of its TWs, a missing TW adding nothing."""
    return sum(0 if k is None else k for k in keuangan_tw)


def _kode_induk(kode: str) -> tuple[str, ...]:
    """The program, kegiatan and sub kegiatan codes a sub kegiatan code belongs to (domain.md:
    program = the first 3 parts, kegiatan = the first 5)."""
    bagian = kode.split(".")
    return ".".join(bagian[:3]), ".".join(bagian[:5]), kode


class IndeksAnggaran:
    """Exact pagu and realisasi summed under every program, kegiatan and sub kegiatan code:
    the budget side of the efficiency rule. Built from (kode sub kegiatan, pagu sen,
    realisasi sen) rows; `HasilAnggaran` builds one from its rows, `indeks_anggaran` from a
    slim query when the whole HasilAnggaran is not needed."""

    def __init__(self, baris: list[tuple[str, int, int]]):
        self._baris = baris
        self._kode: dict[str, list[int]] = {}
        for kode, pagu, real in baris:
            for k in dict.fromkeys(_kode_induk(kode)):
                jumlah = self._kode.setdefault(k, [0, 0])
                jumlah[0] += pagu
                jumlah[1] += real

    def anggaran_kode(self, kode: str | None) -> dict | None:
        """pagu, realisasi (float) and serapan (%) of a program, kegiatan or sub kegiatan
        code: every sub kegiatan under it. None when no sub kegiatan falls under it."""
        if not kode:
            return None
        if kode in self._kode:
            pagu, real = self._kode[kode]
        else:  # a code between the levels (e.g. a bidang urusan): sum what lies under it
            awal = kode + "."
            rows = [(p, r) for k, p, r in self._baris if k.startswith(awal)]
            if not rows:
                return None
            pagu, real = sum(p for p, _ in rows), sum(r for _, r in rows)
        return {"pagu": pagu / 100, "realisasi": real / 100,
                "serapan": rumus.serapan(_rp(real), _rp(pagu))}

    def serapan_kode(self, kode: str | None) -> float | None:
        hasil = self.anggaran_kode(kode)
        return None if hasil is None else hasil["serapan"]


def indeks_anggaran(cur: duckdb.DuckDBPyConnection, tahun: int,
                    kode_unit: str | None = None) -> IndeksAnggaran:
    """The efficiency rule's budget sums without building every frame of `hitung_anggaran`
    (a third of its time at city scale): same rows, same sums."""
    res = cur.execute(_RINGAN, {"tahun": tahun, "unit": kode_unit})
    return IndeksAnggaran([(k, pagu, _realisasi_sen(keu)) for k, pagu, *keu in res.fetchall()])


@dataclass
class HasilAnggaran:
    """Budget realisation at every level. Frames share these columns:

    kode, nama, pagu, realisasi, serapan (%), fisik (%), sisa, keuangan_tw1..4 (Rp spent in the
    TW), rak_tw1..4 (planned cash in the TW); sub_kegiatan adds kode_unit, nama_unit,
    kode_kegiatan, kode_program, nama_kegiatan, nama_program, fisik_tw1..4; kegiatan adds
    kode_program. Columns starting with "_" hold the exact Decimal sums.
    """

    tahun: int
    sub_kegiatan: pd.DataFrame
    kegiatan: pd.DataFrame
    program: pd.DataFrame
    total: dict
    _baris: list[dict] = field(default_factory=list, repr=False)
    _indeks: IndeksAnggaran | None = field(default=None, repr=False)

    def anggaran_kode(self, kode: str | None) -> dict | None:
        """pagu, realisasi (float) and serapan (%) of a program, kegiatan or sub kegiatan code:
        every sub kegiatan under it. None when no sub kegiatan of the year falls under it."""
        if self._indeks is None:
            # Built once: the efficiency rule asks for one code per indicator, thousands of
            # times at city scale; a scan of every sub kegiatan per code took a quarter second.
            self._indeks = IndeksAnggaran([(r["kode"], r["_sen"][0], r["_sen"][1])
                                           for r in self._baris])
        return self._indeks.anggaran_kode(kode)

    def serapan_kode(self, kode: str | None) -> float | None:
        """Serapan of a program, kegiatan or sub kegiatan code (all sub kegiatan under it)."""
        hasil = self.anggaran_kode(kode)
        return None if hasil is None else hasil["serapan"]

    def per_tw(self) -> pd.DataFrame:
        """Cumulative realisasi and RAK per TW over the whole selection, with deviasi.

        Columns: tw, realisasi_kumulatif, rak_kumulatif, serapan (% of pagu), rencana (% of pagu),
        deviasi (Rp, realised − planned), deviasi_persen (% of plan realised), deviasi_poin
        (serapan − rencana, percentage points). The realisasi columns are empty for a TW no
        sub kegiatan has reported yet, so an unreported TW does not read as "nothing spent".
        """
        rows = []
        pagu = self.total["_pagu"]
        real = rak = 0  # sen
        for n in TW:
            dilapor = any(r[f"keuangan_tw{n}"] is not None for r in self._baris)
            real += sum(r["_sen"][2][n - 1] for r in self._baris)
            rak += sum(r["_sen"][3][n - 1] for r in self._baris)
            rencana = rumus.serapan(_rp(rak), pagu)
            if dilapor:
                selisih, persen = rumus.deviasi_rak(_rp(real), _rp(rak))
                sp = rumus.serapan(_rp(real), pagu)
            else:
                selisih = persen = sp = None
            rows.append({"tw": n, "realisasi_kumulatif": real / 100 if dilapor else None,
                         "rak_kumulatif": rak / 100, "serapan": sp, "rencana": rencana,
                         "deviasi": None if selisih is None else float(selisih),
                         "deviasi_persen": persen,
                         "deviasi_poin": None if sp is None or rencana is None
                         else sp - rencana})
        return pd.DataFrame(rows, columns=["tw", "realisasi_kumulatif", "rak_kumulatif",
                                           "serapan", "rencana", "deviasi", "deviasi_persen",
                                           "deviasi_poin"])

    def per_unit(self) -> pd.DataFrame:
        """Totals per unit, from sums. Columns: kode_unit, nama_unit, pagu, realisasi, serapan,
        fisik, sisa, sub_kegiatan (how many), dilaporkan (sub kegiatan with any keuangan)."""
        df = _tingkat(self._baris, "kode_unit", "nama_unit", ())
        hitung: dict[str, list[int]] = {}
        for r in self._baris:
            h = hitung.setdefault(r["kode_unit"], [0, 0])
            h[0] += 1
            h[1] += any(r[f"keuangan_tw{n}"] is not None for n in TW)
        out = df.rename(columns={"kode": "kode_unit", "nama": "nama_unit"})
        out["sub_kegiatan"] = [hitung[k][0] for k in out["kode_unit"]]
        out["dilaporkan"] = [hitung[k][1] for k in out["kode_unit"]]
        return out[["kode_unit", "nama_unit", "pagu", "realisasi", "serapan", "fisik", "sisa",
                    "sub_kegiatan", "dilaporkan"]]

    def rincian(self, kode_program: str | None = None,
                kode_kegiatan: str | None = None) -> tuple[str, pd.DataFrame]:
        """The drill-down: every program; the kegiatan of a program; the sub kegiatan of a
        kegiatan. Returns (tingkat, frame) with tingkat one of TINGKAT."""
        if kode_kegiatan:
            df = self.sub_kegiatan
            return "sub kegiatan", df.loc[df["kode_kegiatan"] == kode_kegiatan].reset_index(
                drop=True)
        if kode_program:
            df = self.kegiatan
            return "kegiatan", df.loc[df["kode_program"] == kode_program].reset_index(drop=True)
        return "program", self.program

    def to_dict(self) -> dict:
        """The `anggaran --json` shape of cli.md."""
        def lvl(df: pd.DataFrame, extra: tuple[str, ...] = ()) -> list[dict]:
            keys = ("kode", "nama", *extra, "pagu", "realisasi", "serapan", "fisik", "sisa")
            return [{k: fmt.nilai_json(r[k]) for k in keys} for r in df.to_dict("records")]
        subs = lvl(self.sub_kegiatan, ("kode_unit",))
        for d, r in zip(subs, self.sub_kegiatan.to_dict("records")):
            d["realisasi_tw"] = [fmt.nilai_json(r[f"keuangan_tw{n}"]) for n in TW]
            d["fisik_tw"] = [fmt.nilai_json(r[f"fisik_tw{n}"]) for n in TW]
        return {"sub_kegiatan": subs, "kegiatan": lvl(self.kegiatan),
                "program": lvl(self.program),
                "total": {k: fmt.nilai_json(self.total[k]) for k in ("pagu", "realisasi", "serapan")}}


def _rp(sen: int) -> Decimal:
    """Whole sen as exact Decimal rupiah (123456 → Decimal('1234.56'))."""
    return Decimal(sen).scaleb(-2)


def _tingkat(rows: list[dict], key: str, nama: str, extra: tuple[str, ...]) -> pd.DataFrame:
    """One level (kegiatan, program, unit) from sub kegiatan rows: exact sums per code."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r[key], []).append(r)
    out = []
    for kode in sorted(groups, key=lambda k: (k is None, k or "")):
        g = groups[kode]
        pagu_sen = sum(r["_sen"][0] for r in g)
        real_sen = sum(r["_sen"][1] for r in g)
        pagu, real = _rp(pagu_sen), _rp(real_sen)
        row = {"kode": kode, "nama": next((r[nama] for r in g if r[nama] is not None), None)}
        for e in extra:
            row[e] = g[0][e]
        row.update(pagu=pagu_sen / 100, realisasi=real_sen / 100,
                   serapan=rumus.serapan(real, pagu),
                   fisik=rumus.fisik_tertimbang([r["pagu"] for r in g],
                                                [r["fisik"] for r in g]),
                   sisa=rumus.sisa(pagu_sen, real_sen) / 100)
        for n in TW:
            row[f"keuangan_tw{n}"] = sum(r["_sen"][2][n - 1] for r in g) / 100
        for n in TW:
            row[f"rak_tw{n}"] = sum(r["_sen"][3][n - 1] for r in g) / 100
        row.update(_pagu=pagu, _realisasi=real)
        out.append(row)
    cols = KOLOM_TINGKAT[:2] + list(extra) + KOLOM_TINGKAT[2:]
    return pd.DataFrame(out, columns=cols)


def _baris_sub(r: tuple) -> dict:
    """One sub kegiatan row of `_SUB` (a plain tuple, in the query's column order; money in
    sen). "_sen" keeps (pagu, realisasi, keuangan per TW, RAK per TW) in sen for the sums."""
    kode, nama, kode_unit, nama_unit, nama_kegiatan, nama_program, pagu = r[:7]
    keu, fisik_tw, rak = r[7:11], r[11:15], r[15:19]
    # Codes split in Python: DuckDB's string_split + list slice cost more than the rest of
    # the query at city scale.
    kode_program, kode_kegiatan, _ = _kode_induk(kode)
    keu0 = [0 if k is None else k for k in keu]  # like SQL SUM: a missing TW adds nothing
    rak0 = [0 if k is None else k for k in rak]
    real = _realisasi_sen(keu)
    pagu_rp, real_rp = _rp(pagu), _rp(real)
    d = {"kode": kode, "nama": nama, "kode_unit": kode_unit, "nama_unit": nama_unit,
         "kode_kegiatan": kode_kegiatan, "kode_program": kode_program,
         "nama_kegiatan": nama_kegiatan, "nama_program": nama_program,
         "pagu": pagu / 100, "realisasi": real / 100, "serapan": rumus.serapan(real_rp, pagu_rp),
         # fisik is reported cumulatively: the sub kegiatan's progress is the last TW given
         "fisik": next((f for f in reversed(fisik_tw) if f is not None), None),
         "sisa": rumus.sisa(pagu, real) / 100, "_pagu": pagu_rp, "_realisasi": real_rp,
         "_sen": (pagu, real, keu0, rak0)}
    for n in TW:
        k, f, a = keu[n - 1], fisik_tw[n - 1], rak[n - 1]
        d[f"keuangan_tw{n}"] = None if k is None else k / 100
        d[f"fisik_tw{n}"] = f
        d[f"rak_tw{n}"] = None if a is None else a / 100
        d[f"_keuangan_tw{n}"] = _rp(keu0[n - 1])
        d[f"_rak_tw{n}"] = _rp(rak0[n - 1])
    return d


def hitung_anggaran(cur: duckdb.DuckDBPyConnection, tahun: int,
                    kode_unit: str | None = None) -> HasilAnggaran:
    """Budget realisation of `tahun` (one unit or all) at every level, from exact sums."""
    res = cur.execute(_SUB, {"tahun": tahun, "unit": kode_unit})
    rows = [_baris_sub(r) for r in res.fetchall()]
    # column-wise construction: a frame from thousands of row dicts costs twice as much
    sub = pd.DataFrame({k: [r[k] for r in rows] for k in KOLOM_SUB}, columns=KOLOM_SUB)
    kegiatan = _tingkat(rows, "kode_kegiatan", "nama_kegiatan", ("kode_program",))
    program = _tingkat(rows, "kode_program", "nama_program", ())
    pagu_sen = sum(r["_sen"][0] for r in rows)
    real_sen = sum(r["_sen"][1] for r in rows)
    pagu, real = _rp(pagu_sen), _rp(real_sen)
    total = {"pagu": pagu_sen / 100, "realisasi": real_sen / 100,
             "serapan": rumus.serapan(real, pagu), "sisa": rumus.sisa(pagu_sen, real_sen) / 100,
             "fisik": rumus.fisik_tertimbang([r["pagu"] for r in rows],
                                             [r["fisik"] for r in rows]),
             "_pagu": pagu, "_realisasi": real}
    return HasilAnggaran(tahun, sub, kegiatan, program, total, rows)
