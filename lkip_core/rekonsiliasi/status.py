"""Review state of findings and the correction loop (SOP steps 3–5).

Findings are recomputed from the data; what is stored (skema/002_rekonsiliasi.sql) is each key
ever seen with its last snapshot and when it stopped occurring (`teratasi`), every recorded
run, and the reviewers' actions (append-only). A finding's status: `baru` until someone
reviews it, then its latest review status (`diperiksa`, `selesai`, `diterima`); a finding that
no longer occurs is `teratasi`.

Reviewing is the admin's (`tinjau_temuan`); an operator may add a note to a finding of its own
unit (`catatan_temuan`, skema/007_catatan.sql), which leaves the status as it is. Both audited.
"""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd
import pyarrow as pa

from .. import akun, db
from ..errors import InputRefused, NotFound

STATUS_TINJAUAN = ("diperiksa", "selesai", "diterima")
STATUS = ("baru", *STATUS_TINJAUAN, "teratasi")
LABEL_STATUS = {"baru": "Baru", "diperiksa": "Sedang diperiksa", "selesai": "Selesai",
                "diterima": "Diterima (dijelaskan)", "teratasi": "Teratasi"}
TERBUKA = ("baru", "diperiksa")

_SNAPSHOT = ("kunci", "tahun", "kode_unit", "aturan", "tingkat", "triwulan", "objek",
             "kode_objek", "nilai_unit", "nilai_pembanding", "selisih", "pesan")
_ARROW = {"tahun": pa.int32(), "triwulan": pa.int32(), "nilai_unit": pa.float64(),
          "nilai_pembanding": pa.float64(), "selisih": pa.float64()}


def _sekarang() -> datetime:
    return datetime.now().replace(microsecond=0)


def _arrow(df: pd.DataFrame) -> pa.Table:
    cols = {}
    for c in _SNAPSHOT:
        vals = [None if (v is None or v is pd.NA or (isinstance(v, float) and v != v)) else v
                for v in df[c].tolist()] if c in df else []
        if c in ("tahun", "triwulan"):
            vals = [None if v is None else int(v) for v in vals]
        cols[c] = pa.array(vals, _ARROW.get(c, pa.string()))
    return pa.table(cols)


def catat_run(cur: duckdb.DuckDBPyConnection, temuan: pd.DataFrame, *, tahun: int,
              kode_unit: str | None, per_aturan: dict, per_tingkat: dict,
              detik: float) -> tuple[int, int]:
    """Record a run and the keys it found; mark keys of its scope it no longer finds.

    Returns (run id, findings that became teratasi). Scope: the year, and the unit when the
    run was for one unit. One transaction, a few set-based statements: cheap at any scale.
    """
    now = _sekarang()
    with db.transaksi(cur) as cur:
        run_id = cur.execute(
            "INSERT INTO rekonsiliasi_run (tahun, kode_unit, waktu, temuan, galat, peringatan, "
            "info, teratasi, per_aturan, detik) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
            "RETURNING id",
            [tahun, kode_unit, now, len(temuan), per_tingkat.get("galat", 0),
             per_tingkat.get("peringatan", 0), per_tingkat.get("info", 0),
             json.dumps(per_aturan), detik]).fetchone()[0]
        cur.register("_rk_kini", _arrow(temuan))
        try:
            cur.execute(f"""
                INSERT INTO rekonsiliasi_temuan
                SELECT {', '.join(_SNAPSHOT)}, $now, $run, $now, $run, NULL, NULL FROM _rk_kini
                ON CONFLICT (kunci) DO UPDATE SET
                    kode_unit = excluded.kode_unit, tingkat = excluded.tingkat,
                    nilai_unit = excluded.nilai_unit,
                    nilai_pembanding = excluded.nilai_pembanding, selisih = excluded.selisih,
                    pesan = excluded.pesan, terakhir = excluded.terakhir,
                    terakhir_run = excluded.terakhir_run, teratasi = NULL, teratasi_run = NULL
            """, {"now": now, "run": run_id})
            hilang = cur.execute("""
                UPDATE rekonsiliasi_temuan SET teratasi = $now, teratasi_run = $run
                WHERE tahun = $tahun AND teratasi IS NULL
                  AND ($unit IS NULL OR kode_unit = $unit)
                  AND kunci NOT IN (SELECT kunci FROM _rk_kini)
                RETURNING kunci
            """, {"now": now, "run": run_id, "tahun": tahun, "unit": kode_unit}).fetchall()
        finally:
            cur.unregister("_rk_kini")
        cur.execute("UPDATE rekonsiliasi_run SET teratasi = ? WHERE id = ?", [len(hilang), run_id])
    return run_id, len(hilang)


def tercatat(cur: duckdb.DuckDBPyConnection, tahun: int) -> pd.DataFrame:
    """Every finding key of the year that a recorded run has seen (the stored snapshot)."""
    return cur.execute("SELECT * FROM rekonsiliasi_temuan WHERE tahun = ?", [tahun]).df()


def _temuan(cur: duckdb.DuckDBPyConnection, kunci: str) -> tuple[str | None, int]:
    """(unit, year) of a recorded finding; NotFound when no run has seen it."""
    row = cur.execute("SELECT kode_unit, tahun FROM rekonsiliasi_temuan WHERE kunci = ?",
                      [kunci]).fetchone()
    if row is None:
        raise NotFound(f"Temuan '{kunci}' belum pernah tercatat. Jalankan rekonsiliasi dulu.")
    return row[0], row[1]


def tinjau(con: duckdb.DuckDBPyConnection, kunci: str, status: str, catatan: str | None,
           oleh: akun.Akun | str) -> dict:
    """Record a review action on a finding (appended; nothing is overwritten). Admin only
    (`tinjau_temuan`); audited in the same transaction."""
    pelaku = akun.wajib(con, oleh, "tinjau_temuan", objek=kunci,
                        kosong="Isi nama peninjau (siapa yang memeriksa temuan ini).")
    if status not in STATUS_TINJAUAN:
        raise InputRefused(f"Status '{status}' tidak dikenal; pilih salah satu: "
                           f"{', '.join(STATUS_TINJAUAN)}.")
    catatan = (catatan or "").strip() or None
    with db.transaksi(con) as cur:
        unit, tahun = _temuan(cur, kunci)
        row = cur.execute(
            "INSERT INTO rekonsiliasi_tinjauan (kunci, status, catatan, oleh, waktu) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id, kunci, status, catatan, oleh, waktu",
            [kunci, status, catatan, pelaku.nama_pengguna, _sekarang()]).fetchone()
        akun.audit.catat(cur, pelaku, "tinjau_temuan", kunci, tahun=tahun, rincian={
            "status": status, "catatan": catatan, "kode_unit": unit})
    return dict(zip(("id", "kunci", "status", "catatan", "oleh", "waktu"), row))


def catat_temuan(con: duckdb.DuckDBPyConnection, kunci: str, catatan: str, *,
                 oleh: akun.Akun | str) -> dict:
    """Add a note to a finding, e.g. "sudah diperbaiki, mohon dicek" (appended; the status
    stays). An operator may note its own unit's findings (`catatan_temuan`); audited."""
    pelaku = akun.pelaku(con, oleh, kosong="Isi nama Anda (siapa yang memberi catatan).")
    unit, tahun = _temuan(con.cursor(), kunci)
    akun.audit.wajib_izin(con, pelaku, "catatan_temuan", kode_unit=unit, objek=kunci,
                          tahun=tahun)
    catatan = (catatan or "").strip()
    if not catatan:
        raise InputRefused("Catatan kosong; tulis apa yang sudah dilakukan (mis. sudah "
                           "diperbaiki dan dikirim ulang).")
    with db.transaksi(con) as cur:
        row = cur.execute(
            "INSERT INTO rekonsiliasi_catatan (kunci, catatan, oleh, waktu) VALUES (?, ?, ?, ?) "
            "RETURNING id, kunci, catatan, oleh, waktu",
            [kunci, catatan, pelaku.nama_pengguna, _sekarang()]).fetchone()
        akun.audit.catat(cur, pelaku, "catatan_temuan", kunci, tahun=tahun,
                         rincian={"catatan": catatan, "kode_unit": unit})
    return dict(zip(("id", "kunci", "catatan", "oleh", "waktu"), row))


def riwayat_tinjauan(cur: duckdb.DuckDBPyConnection, kunci: str) -> pd.DataFrame:
    """Every review action and note on a finding, oldest first: id, waktu, jenis
    ('tinjauan' | 'catatan'), status (None for a note: it does not change it), catatan, oleh."""
    df = cur.execute(
        "SELECT id, waktu, 'tinjauan' AS jenis, status, catatan, oleh "
        "FROM rekonsiliasi_tinjauan WHERE kunci = $k "
        "UNION ALL SELECT id, waktu, 'catatan', NULL, catatan, oleh "
        "FROM rekonsiliasi_catatan WHERE kunci = $k ORDER BY waktu, jenis DESC, id",
        {"k": kunci}).df()
    for k in ("status", "catatan"):  # None for NULL, never NaN
        df[k] = df[k].astype(object).where(df[k].notna(), None)
    return df


def kemajuan(cur: duckdb.DuckDBPyConnection, tahun: int,
             kode_unit: str | None = None) -> pd.DataFrame:
    """The correction loop per unit, as of the last recorded run.

    Columns: kode_unit, nama_unit, ditemukan (keys ever found), teratasi (no longer occurring),
    selesai (still occurring, reviewed selesai/diterima), diselesaikan (teratasi + selesai),
    terbuka (still occurring, baru or diperiksa).
    """
    return cur.execute("""
        SELECT f.kode_unit, any_value(u.nama_unit) AS nama_unit, count(*) AS ditemukan,
               count(*) FILTER (WHERE f.teratasi IS NOT NULL) AS teratasi,
               count(*) FILTER (WHERE f.teratasi IS NULL
                                AND t.status IN ('selesai', 'diterima')) AS selesai,
               count(*) FILTER (WHERE f.teratasi IS NOT NULL
                                OR t.status IN ('selesai', 'diterima')) AS diselesaikan,
               count(*) FILTER (WHERE f.teratasi IS NULL AND (t.status IS NULL
                                OR t.status = 'diperiksa')) AS terbuka
        FROM rekonsiliasi_temuan f
        LEFT JOIN v_tinjauan_terakhir t USING (kunci)
        LEFT JOIN v_unit u ON u.kode_unit = f.kode_unit
        WHERE f.tahun = $tahun AND ($unit IS NULL OR f.kode_unit = $unit)
        GROUP BY f.kode_unit ORDER BY f.kode_unit NULLS LAST
    """, {"tahun": tahun, "unit": kode_unit}).df()
