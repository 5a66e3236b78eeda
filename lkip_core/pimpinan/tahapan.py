"""The SOP tracker: the plan of the 12 steps of the SOP (sop.py) in working days, what really
happened, and which steps are late.

Time is planned in half days, because two steps take 0.5 day (8 and 12): two such steps share
one working day. Working days are Monday to Friday without Indonesian national holidays and,
by default, without the government's cuti bersama (ASN do not work on them), both from the
`holidays` library. The whole SOP takes 15 working days.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import duckdb
import holidays
import pandas as pd

from lkip_core import akun, db, fmt
from lkip_core.errors import InputRefused
from lkip_core.pimpinan.sop import AKTOR, LANGKAH, TOTAL_HARI, Langkah  # noqa: F401 — public here

SETENGAH_HARI = dt.timedelta(hours=12)  # a slot is drawn as half of the calendar day
_NOMOR = {s.nomor: s for s in LANGKAH}


# --- Working days --------------------------------------------------------------------------

def hari_libur(tahun: Iterable[int], cuti_bersama: bool = True) -> dict[dt.date, str]:
    """Indonesian national holidays (and cuti bersama) of the years, names in Indonesian."""
    return dict(_libur(tuple(sorted(set(tahun))), cuti_bersama))


@functools.lru_cache(maxsize=64)
def _libur(tahun: tuple[int, ...], cuti_bersama: bool) -> tuple[tuple[dt.date, str], ...]:
    kategori = ("public", "government") if cuti_bersama else ("public",)
    return tuple(holidays.country_holidays("ID", years=tahun, language="id",
                                           categories=kategori).items())


def hari_kerja(mulai: dt.date, libur: dict[dt.date, str]) -> Iterator[dt.date]:
    """Working days from `mulai` on (itself included when it is one)."""
    d = mulai
    while True:
        if d.weekday() < 5 and d not in libur:
            yield d
        d += dt.timedelta(days=1)


def _libur_sekitar(mulai: dt.date, cuti_bersama: bool) -> dict[dt.date, str]:
    # 15 working days never span more than a few weeks; two years cover a December start.
    return hari_libur((mulai.year, mulai.year + 1), cuti_bersama)


def rencana(tanggal_mulai: dt.date, *, cuti_bersama: bool = True) -> pd.DataFrame:
    """The plan of the 12 steps from `tanggal_mulai`, in working days.

    Columns: langkah, singkat, aktivitas, waktu (days), mulai, selesai (dates), mulai_waktu,
    selesai_waktu (datetimes for the Gantt chart: the morning slot is drawn as 00–12 h, the
    afternoon one as 12–24 h, so a full day fills its day on the chart), hari_ke_mulai, hari_ke_selesai (working day number, 1-based). A start on a day
    off moves to the next working day.
    """
    libur = _libur_sekitar(tanggal_mulai, cuti_bersama)
    hari = hari_kerja(tanggal_mulai, libur)
    slot_hari: list[dt.date] = []  # working day of each half-day slot

    def hari_slot(i: int) -> dt.date:
        while len(slot_hari) <= i:
            d = next(hari)
            slot_hari.extend((d, d))
        return slot_hari[i]

    rows, slot = [], 0
    for s in LANGKAH:
        awal, akhir = slot, slot + s.setengah_hari - 1
        d0, d1 = hari_slot(awal), hari_slot(akhir)
        rows.append({
            "langkah": s.nomor, "singkat": s.singkat, "aktivitas": s.aktivitas, "waktu": s.waktu,
            "mulai": d0, "selesai": d1,
            "mulai_waktu": dt.datetime.combine(d0, dt.time()) + (awal % 2) * SETENGAH_HARI,
            "selesai_waktu": dt.datetime.combine(d1, dt.time()) + (akhir % 2 + 1) * SETENGAH_HARI,
            "hari_ke_mulai": awal // 2 + 1, "hari_ke_selesai": akhir // 2 + 1,
        })
        slot = akhir + 1
    return pd.DataFrame(rows)


def libur_dilewati(df_rencana: pd.DataFrame, *, cuti_bersama: bool = True) -> list[tuple]:
    """Holidays on weekdays between the plan's first and last day: [(date, name)]."""
    if df_rencana.empty:
        return []
    awal, akhir = df_rencana["mulai"].min(), df_rencana["selesai"].max()
    libur = _libur_sekitar(awal, cuti_bersama)
    return sorted((d, n) for d, n in libur.items() if awal <= d <= akhir and d.weekday() < 5)


def hari_kerja_antara(sesudah: dt.date, sampai: dt.date, *, cuti_bersama: bool = True) -> int:
    """Working days d with sesudah < d <= sampai (0 when sampai is not later)."""
    if sampai <= sesudah:
        return 0
    libur = hari_libur(range(sesudah.year, sampai.year + 1), cuti_bersama)
    n, d = 0, sesudah + dt.timedelta(days=1)
    while d <= sampai:
        n += d.weekday() < 5 and d not in libur
        d += dt.timedelta(days=1)
    return n


# --- Storage --------------------------------------------------------------------------------

_TANPA_NAMA = "Isi nama Anda dulu: setiap perubahan jadwal dicatat beserta pengisinya."


def simpan_rencana(con: duckdb.DuckDBPyConnection, tahun: int, tanggal_mulai: dt.date, *,
                   cuti_bersama: bool = True, oleh: akun.Akun | str) -> None:
    """Set (or move) the plan of `tahun`: the SOP starts on `tanggal_mulai`. Admin only
    (`tahapan`); audited with the plan it replaces."""
    pelaku = akun.wajib(con, oleh, "tahapan", objek="rencana", tahun=tahun, kosong=_TANPA_NAMA)
    if not isinstance(tanggal_mulai, dt.date):
        raise InputRefused("Tanggal mulai harus berupa tanggal.")
    with db.transaksi(con) as cur:
        lama = baca_rencana(cur, tahun)
        cur.execute(
            "INSERT INTO tahapan_rencana (tahun, tanggal_mulai, cuti_bersama, oleh, waktu) "
            "VALUES (?, ?, ?, ?, ?)",
            [tahun, tanggal_mulai, cuti_bersama, pelaku.nama_pengguna, _sekarang()])
        akun.audit.catat(cur, pelaku, "tahapan", "rencana", tahun=tahun, rincian={
            "lama": None if lama is None else {"tanggal_mulai": lama["tanggal_mulai"],
                                               "cuti_bersama": lama["cuti_bersama"]},
            "baru": {"tanggal_mulai": tanggal_mulai, "cuti_bersama": cuti_bersama}})


def baca_rencana(cur: duckdb.DuckDBPyConnection, tahun: int) -> dict | None:
    """The plan in force: {tanggal_mulai, cuti_bersama, oleh, waktu}, or None when not set."""
    row = cur.execute("SELECT tanggal_mulai, cuti_bersama, oleh, waktu FROM v_tahapan_rencana "
                      "WHERE tahun = ?", [tahun]).fetchone()
    return None if row is None else dict(zip(("tanggal_mulai", "cuti_bersama", "oleh",
                                              "waktu"), row))


def simpan_realisasi(con: duckdb.DuckDBPyConnection, tahun: int, langkah: int,
                     mulai: dt.date | None, selesai: dt.date | None, *, oleh: akun.Akun | str,
                     catatan: str | None = None) -> None:
    """Record when a step really started and finished (None: not yet). Admin only
    (`tahapan`); audited with the dates it replaces."""
    pelaku = akun.wajib(con, oleh, "tahapan", objek=f"langkah {langkah}", tahun=tahun,
                        kosong=_TANPA_NAMA)
    if langkah not in _NOMOR:
        raise InputRefused(f"Langkah {langkah} tidak ada; SOP ini punya langkah 1 sampai 12.")
    if selesai is not None and mulai is None:
        raise InputRefused(f"Langkah {langkah}: isi tanggal mulai sebelum tanggal selesai.")
    if mulai is not None and selesai is not None and selesai < mulai:
        raise InputRefused(f"Langkah {langkah}: tanggal selesai ({fmt.tanggal(selesai)}) "
                           f"sebelum tanggal mulai ({fmt.tanggal(mulai)}). Perbaiki salah satunya.")
    with db.transaksi(con) as cur:
        lama = cur.execute("SELECT mulai, selesai FROM v_tahapan_realisasi WHERE tahun = ? "
                           "AND langkah = ?", [tahun, langkah]).fetchone()
        cur.execute(
            "INSERT INTO tahapan_realisasi (tahun, langkah, mulai, selesai, catatan, oleh, waktu) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [tahun, langkah, mulai, selesai, catatan, pelaku.nama_pengguna, _sekarang()])
        akun.audit.catat(cur, pelaku, "tahapan", f"langkah {langkah}", tahun=tahun, rincian={
            "lama": None if lama is None else {"mulai": lama[0], "selesai": lama[1]},
            "baru": {"mulai": mulai, "selesai": selesai}, "catatan": catatan})


def baca_realisasi(cur: duckdb.DuckDBPyConnection, tahun: int) -> pd.DataFrame:
    """Latest actual dates per step: langkah, mulai, selesai, catatan, oleh, waktu."""
    return cur.execute("SELECT langkah, mulai, selesai, catatan, oleh, waktu "
                       "FROM v_tahapan_realisasi WHERE tahun = ? ORDER BY langkah",
                       [tahun]).df()


def _sekarang() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- Status ---------------------------------------------------------------------------------

@dataclass
class Jadwal:
    """Plan against actual for one LKIP year, seen on `hari_ini`.

    `tabel` columns: langkah, singkat, aktivitas, waktu, pelaksana (text), kelengkapan, output,
    mulai, selesai (plan; empty without a plan), mulai_waktu,
    selesai_waktu, mulai_aktual, selesai_aktual, oleh, status, terlambat (bool: planned finish
    passed, no actual finish), hari_terlambat (working days past the planned finish, to
    hari_ini or the actual finish), langsung (live status text from the data, or None).
    """

    tahun: int
    hari_ini: dt.date
    rencana: dict | None
    tabel: pd.DataFrame
    libur: list[tuple] = field(default_factory=list)

    @property
    def terlambat(self) -> pd.DataFrame:
        return self.tabel.loc[self.tabel["terlambat"]]

    @property
    def jumlah_selesai(self) -> int:
        return int(self.tabel["selesai_aktual"].notna().sum())

    @property
    def rencana_selesai(self) -> dt.date | None:
        """The planned finish of the last step (None without a plan)."""
        return self.tabel["selesai"].iloc[-1] if self.rencana else None

    def berikutnya(self, n: int = 3) -> pd.DataFrame:
        """The first `n` steps not finished yet, in SOP order."""
        return self.tabel.loc[self.tabel["selesai_aktual"].isna()].head(n)

    def peringatan(self) -> list[str]:
        """One sentence per late step, for the page and the briefing deck."""
        out = []
        for r in self.terlambat.itertuples():
            lewat = (f"lewat {r.hari_terlambat} hari kerja" if r.hari_terlambat
                     else "lewat jadwal")
            out.append(f"Langkah {r.langkah} ({r.singkat}) seharusnya selesai "
                       f"{fmt.tanggal(r.selesai)}, belum selesai ({lewat}).")
        return out

    def to_dict(self) -> dict:
        def val(v):
            if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
                return None
            return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
        kolom = ["langkah", "singkat", "waktu", "pelaksana", "mulai", "selesai", "mulai_aktual",
                 "selesai_aktual", "status", "terlambat", "hari_terlambat", "langsung"]
        return {"tahun": self.tahun, "hari_ini": self.hari_ini.isoformat(),
                "tanggal_mulai": val(self.rencana["tanggal_mulai"]) if self.rencana else None,
                "total_hari": TOTAL_HARI,
                "langkah": [{k: val(r[k]) for k in kolom} for r in self.tabel.to_dict("records")],
                "libur": [{"tanggal": d.isoformat(), "nama": n} for d, n in self.libur]}


def _tanggal(v) -> dt.date | None:
    if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    return v.date() if isinstance(v, (pd.Timestamp, dt.datetime)) else v


def _status(mulai_r, selesai_r, mulai_a, selesai_a, hari_ini, cuti) -> tuple[str, bool, int]:
    if selesai_a is not None:
        telat = hari_kerja_antara(selesai_r, selesai_a, cuti_bersama=cuti) if selesai_r else 0
        return ("Selesai terlambat" if telat else "Selesai"), False, telat
    if selesai_r is not None and selesai_r < hari_ini:
        return "Terlambat", True, hari_kerja_antara(selesai_r, hari_ini, cuti_bersama=cuti)
    if mulai_a is not None:
        return "Berjalan", False, 0
    if mulai_r is not None and mulai_r <= hari_ini:
        return "Seharusnya sudah mulai", False, 0
    return "Belum mulai", False, 0


def jadwal(cur: duckdb.DuckDBPyConnection, tahun: int, hari_ini: dt.date | None = None, *,
           langsung: bool = True, mulai: dt.date | None = None,
           cuti_bersama: bool | None = None, ringkas=None) -> Jadwal:
    """Plan (when one is set), actual dates and status of every step of `tahun`.

    `mulai` / `cuti_bersama` preview another plan than the stored one (nothing is saved).
    `ringkas`: a `pimpinan.Ringkasan` of the year already computed, reused for the live status.
    """
    hari_ini = hari_ini or dt.date.today()
    plan = baca_rencana(cur, tahun)
    if mulai is not None:
        plan = {**(plan or {"oleh": None, "waktu": None, "cuti_bersama": True}),
                "tanggal_mulai": mulai}
    if plan is not None and cuti_bersama is not None:
        plan = {**plan, "cuti_bersama": cuti_bersama}
    cuti = bool(plan["cuti_bersama"]) if plan else True
    rp = rencana(plan["tanggal_mulai"], cuti_bersama=cuti) if plan else None
    aktual = {int(r["langkah"]): r for r in baca_realisasi(cur, tahun).to_dict("records")}
    live = status_langsung(cur, tahun, ringkas) if langsung else {}
    rows = []
    for i, s in enumerate(LANGKAH):
        p = rp.iloc[i] if rp is not None else None
        a = aktual.get(s.nomor, {})
        mulai_r = p["mulai"] if p is not None else None
        selesai_r = p["selesai"] if p is not None else None
        mulai_a, selesai_a = _tanggal(a.get("mulai")), _tanggal(a.get("selesai"))
        status, telat, hari = _status(mulai_r, selesai_r, mulai_a, selesai_a, hari_ini, cuti)
        rows.append({
            "langkah": s.nomor, "singkat": s.singkat, "aktivitas": s.aktivitas,
            "waktu": s.waktu, "pelaksana": ", ".join(s.pelaksana), "kelengkapan": s.kelengkapan,
            "output": s.output,
            "mulai": mulai_r, "selesai": selesai_r,
            "mulai_waktu": p["mulai_waktu"] if p is not None else None,
            "selesai_waktu": p["selesai_waktu"] if p is not None else None,
            "mulai_aktual": mulai_a, "selesai_aktual": selesai_a, "oleh": a.get("oleh"),
            "status": status, "terlambat": telat, "hari_terlambat": hari,
            "langsung": live.get(s.nomor)})
    libur = libur_dilewati(rp, cuti_bersama=cuti) if rp is not None else []
    return Jadwal(tahun, hari_ini, plan, pd.DataFrame(rows), libur)


# --- Live status from the data ----------------------------------------------------------------

def status_langsung(cur: duckdb.DuckDBPyConnection, tahun: int, ringkas=None) -> dict[int, str]:
    """What the data already says about a step: {langkah: text}.

    1: units that have sent their realisation; 3 (and 5): open galat findings of the
    reconciliation; 7: whether the annexes of the year were exported; 12: how many exports of
    the year the archive keeps. `ringkas` (a `pimpinan.Ringkasan` or `Kesiapan` of the year)
    saves recomputing 1 and 3.
    """
    out: dict[int, str] = {}
    if ringkas is None:
        from lkip_core.pimpinan.ringkasan import (
            kesiapan,  # the one place that reads the reconciliation
        )

        ringkas = kesiapan(cur, tahun)
    if ringkas.unit_wajib:
        kirim = ringkas.unit_wajib - len(ringkas.unit_belum)
        out[1] = f"Unit terkirim {kirim} dari {ringkas.unit_wajib}"
    galat = ringkas.galat_terbuka
    out[3] = f"{galat} temuan galat terbuka" if galat else "Tidak ada temuan galat terbuka"
    out[5] = out[3]
    lampiran, semua = cur.execute(
        "SELECT count(*) FILTER (WHERE jenis = 'lampiran'), count(*) FROM ekspor "
        "WHERE tahun = ?", [tahun]).fetchone()
    out[7] = (f"Lampiran {tahun} sudah diekspor ({lampiran}×)" if lampiran
              else f"Lampiran {tahun} belum diekspor")
    out[12] = (f"{semua} berkas ekspor {tahun} tersimpan di arsip" if semua
               else "Belum ada ekspor di arsip")
    return out
