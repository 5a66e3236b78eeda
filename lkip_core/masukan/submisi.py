"""Submissions: every accepted file, its bytes and its status (SOP steps 1, 5 and 12).

A submission is never deleted. A new revision for the same slot (a unit's year, a year's LPJ,
the master's years) marks the older one `diganti`; a rollback makes an older one `aktif` again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from lkip_core import akun, db
from lkip_core.db import cadangan
from lkip_core.errors import InputRefused, NotFound
from lkip_core.masukan.berkas import buka_asli, kemas_asli
from lkip_core.naskah.kunci import periksa_tidak_terkunci

STATUS_AKTIF = "aktif"
STATUS_DIGANTI = "diganti"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Isi:
    """A file's bytes as its submission keeps them: their SHA-256, their size, and the copy
    stored (`kemas_asli`: compressed when that pays). Made once the file is read, so that the
    bytes themselves need not be kept while its rows are checked and loaded (issue 12)."""

    sha256: str
    ukuran: int
    simpanan: bytes

    @classmethod
    def dari(cls, data: bytes, digest: str | None = None) -> Isi:
        return cls(digest or sha256(data), len(data), kemas_asli(data))


def aktif_dengan_sha(cur: duckdb.DuckDBPyConnection, digest: str) -> dict | None:
    """The active submission with exactly these bytes, if any (an upload of it is a no-op)."""
    row = cur.execute(
        "SELECT id, jenis, kode_unit, tahun, nama_berkas FROM submission s "
        "WHERE sha256 = ? AND status = 'aktif' AND NOT EXISTS ("  # a master must hold every year
        "  SELECT 1 FROM master_tahun m WHERE m.submission_id = s.id AND NOT EXISTS ("
        "    SELECT 1 FROM slot_aktif k WHERE k.jenis = 'master' AND k.tahun = m.tahun"
        "    AND k.submission_id = s.id)) "
        "ORDER BY id DESC LIMIT 1",
        [digest],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("id", "jenis", "kode_unit", "tahun", "nama_berkas"), row))


def catat(cur: duckdb.DuckDBPyConnection, *, jenis: str, kode_unit: str | None,
          tahun: int | None, nama_berkas: str, isi: Isi, oleh: str, baris: int,
          baris_dilewati: int, peringatan: int) -> int:
    """Record a new active submission; returns its id. Its bytes are stored by `simpan_isi`,
    in the same transaction, once its rows are in (issue 12: the compressed copy and DuckDB's
    memory for it come after the rows' memory is let go, not on top of it)."""
    sid = cur.execute(
        "INSERT INTO submission (jenis, kode_unit, tahun, nama_berkas, sha256, ukuran, oleh, "
        "waktu, baris, baris_dilewati, status, urutan, peringatan) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'aktif', nextval('aktivasi_seq'), ?) RETURNING id",
        [jenis, kode_unit, tahun, nama_berkas, isi.sha256, isi.ukuran, oleh,
         datetime.now().replace(microsecond=0), baris, baris_dilewati, peringatan],
    ).fetchone()[0]
    return sid


def simpan_isi(cur: duckdb.DuckDBPyConnection, sid: int, isi: Isi) -> None:
    """Store the bytes of submission `sid` (`isi_berkas` gives them back exactly)."""
    cur.execute("INSERT INTO submission_berkas VALUES (?, ?)", [sid, isi.simpanan])


def tahun_cakupan(cur: duckdb.DuckDBPyConnection, sid: int, jenis: str,
                  tahun: int | None) -> list[int]:
    """The years a submission covers: a master's from master_tahun, else its own year."""
    if jenis != "master":
        return [tahun]
    return [r[0] for r in cur.execute(
        "SELECT tahun FROM master_tahun WHERE submission_id = ? ORDER BY tahun", [sid]
    ).fetchall()]


def _slot(cur: duckdb.DuckDBPyConnection, sid: int) -> tuple[str, str, list[int]]:
    """The slot key of a submission: (jenis, kode_unit or '', the years it covers)."""
    jenis, kode_unit, tahun = cur.execute(
        "SELECT jenis, kode_unit, tahun FROM submission WHERE id = ?", [sid]).fetchone()
    return jenis, kode_unit or "", tahun_cakupan(cur, sid, jenis, tahun)


def aktifkan(cur: duckdb.DuckDBPyConnection, sid: int) -> list[int]:
    """Give submission `sid` its slots; the ones it takes them from that hold no other slot
    become `diganti`. Returns their ids. Runs inside the caller's transaction.

    Slots: a realisasi per (unit, year), an LPJ per year, the master per year — a master that
    keeps some year of its own stays active for it, and can later be made active again for the
    years it lost.
    """
    jenis, kode_unit, years = _slot(cur, sid)
    lama = [r[0] for r in cur.execute(
        "SELECT DISTINCT submission_id FROM slot_aktif WHERE jenis = ? AND kode_unit = ? "
        "AND list_contains(?, tahun) AND submission_id <> ?", [jenis, kode_unit, years, sid]
    ).fetchall()]
    # The primary key on the slot makes a concurrent activation of the same slot conflict.
    cur.executemany(
        "INSERT OR REPLACE INTO slot_aktif VALUES (?, ?, ?, ?, CAST(now() AS TIMESTAMP))",
        [[jenis, kode_unit, y, sid] for y in years])
    cur.execute("UPDATE submission SET status = 'aktif', urutan = nextval('aktivasi_seq') "
                "WHERE id = ?", [sid])
    diganti = [r[0] for r in cur.execute(
        "SELECT id FROM submission WHERE list_contains(?, id) AND id NOT IN "
        "(SELECT submission_id FROM slot_aktif)", [lama]).fetchall()] if lama else []
    if diganti:
        cur.execute("UPDATE submission SET status = 'diganti' WHERE list_contains(?, id)",
                    [diganti])
    return sorted(diganti)


def pengganti(cur: duckdb.DuckDBPyConnection, sid: int) -> dict | None:
    """The submission that now holds the slot `sid` held (None while `sid` is active)."""
    row = cur.execute(
        """
        SELECT s.id, s.oleh, s.waktu, s.nama_berkas FROM submission a
        JOIN slot_aktif k ON k.jenis = a.jenis AND k.kode_unit = coalesce(a.kode_unit, '')
            AND (k.tahun = a.tahun OR (a.jenis = 'master' AND k.tahun IN
                 (SELECT tahun FROM master_tahun WHERE submission_id = a.id)))
        JOIN submission s ON s.id = k.submission_id
        WHERE a.id = ? AND a.status = 'diganti' ORDER BY s.urutan DESC LIMIT 1
        """, [sid]).fetchone()
    return None if row is None else dict(zip(("id", "oleh", "waktu", "nama_berkas"), row))


def daftar(cur: duckdb.DuckDBPyConnection, *, jenis: str | None = None,
           tahun: int | None = None, kode_unit: str | None = None) -> pd.DataFrame:
    """Submissions, newest first, without their bytes."""
    return cur.execute(
        """
        SELECT s.id, s.jenis, s.kode_unit, u.nama_unit, s.tahun, s.nama_berkas, s.sha256,
               s.ukuran, s.oleh, s.waktu, s.baris, s.baris_dilewati, s.peringatan, s.status,
               (SELECT list(tahun ORDER BY tahun) FROM master_tahun m WHERE m.submission_id = s.id)
                   AS tahun_master
        FROM submission s LEFT JOIN v_unit u USING (kode_unit)
        WHERE ($jenis IS NULL OR s.jenis = $jenis)
          AND ($tahun IS NULL OR s.tahun = $tahun
               OR EXISTS (SELECT 1 FROM master_tahun m WHERE m.submission_id = s.id
                          AND m.tahun = $tahun))
          AND ($unit IS NULL OR s.kode_unit = $unit)
        ORDER BY s.id DESC
        """,
        {"jenis": jenis, "tahun": tahun, "unit": kode_unit},
    ).df()


KOLOM_RIWAYAT = ["waktu", "peristiwa", "berhasil", "oleh", "peran", "jenis", "kode_unit",
                 "tahun", "nama_berkas", "submission_id", "keterangan"]
LABEL_PERISTIWA = {"kiriman": "Kiriman diterima", "impor_ditolak": "Unggahan ditolak",
                   "rollback": "Diaktifkan kembali", "rollback_ditolak": "Rollback ditolak"}


def _tahun_cocok(nilai, tahun: int | None) -> bool:
    """Whether an event belongs to `tahun`; one of no known year (an unreadable file) does."""
    if tahun is None or nilai is None:
        return True
    return tahun in nilai if isinstance(nilai, list) else nilai == tahun


def _peristiwa_audit(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Rollbacks (done or refused) and refused uploads, from the audit log."""
    rows = cur.execute(
        "SELECT a.waktu, a.aksi, a.berhasil, a.oleh, a.peran, a.objek, a.tahun, a.rincian, "
        "k.kode_unit FROM audit a LEFT JOIN akun k ON k.nama_pengguna = a.oleh "
        "WHERE a.aksi = 'rollback' OR (a.aksi = 'impor' AND NOT a.berhasil)").fetchall()
    out = []
    for waktu, aksi, berhasil, oleh, peran, objek, tahun, rincian, unit_akun in rows:
        r = json.loads(rincian) if rincian else {}
        if aksi == "rollback":
            sid = r.get("submission_id") or _nomor(objek)
            if berhasil:
                lama = ", ".join(f"#{i}" for i in r.get("diganti") or []) or "tidak ada"
                ket = f"Kiriman #{sid} diaktifkan kembali; yang diganti: {lama}."
            else:
                ket = r.get("pesan") or "Ditolak."
            peristiwa = "rollback" if berhasil else "rollback_ditolak"
            nama = None
        else:
            sid, peristiwa, nama = r.get("sama_dengan"), "impor_ditolak", objek
            ket = r.get("ditolak") or r.get("alasan") or (
                f"{r.get('galat', 0)} galat; tidak ada yang dimuat.")
        out.append({"waktu": waktu, "peristiwa": peristiwa, "berhasil": bool(berhasil),
                    "oleh": oleh, "peran": peran, "jenis": r.get("jenis"),
                    "kode_unit": r.get("kode_unit"), "tahun": r.get("tahun", tahun),
                    "nama_berkas": nama, "submission_id": sid, "keterangan": ket,
                    "_unit_akun": unit_akun})
    return out


def _nomor(objek: str | None) -> int | None:
    teks = (objek or "").lstrip("#")
    return int(teks) if teks.isdigit() else None


def riwayat(cur: duckdb.DuckDBPyConnection, *, tahun: int | None = None,
            kode_unit: str | None = None) -> pd.DataFrame:
    """The submission history as events, newest first: every accepted upload, every rollback,
    and every refused upload or rollback (those two from the audit log; issue 10 item 5).

    Columns KOLOM_RIWAYAT; `peristiwa`: kiriman | impor_ditolak | rollback | rollback_ditolak
    (LABEL_PERISTIWA for people); `tahun`: a year, or the years of a master/rollback as a list.
    `kode_unit`: that unit's events, and the refusals of its own operators whose unit the file
    did not tell (an unreadable file)."""
    kiriman = daftar(cur, tahun=tahun, kode_unit=kode_unit)
    peran = dict(cur.execute(  # the role each upload was made in, as its audit row says
        "SELECT CAST(json_extract_string(rincian, '$.submission_id') AS INTEGER), peran "
        "FROM audit WHERE aksi = 'impor' AND berhasil "
        "AND json_extract_string(rincian, '$.submission_id') IS NOT NULL").fetchall())
    events = [{"waktu": r.waktu, "peristiwa": "kiriman", "berhasil": True, "oleh": r.oleh,
               "peran": peran.get(int(r.id)), "jenis": r.jenis,
               "kode_unit": r.kode_unit if isinstance(r.kode_unit, str) else None,
               "tahun": [int(y) for y in r.tahun_master] if r.jenis == "master"
               else (None if pd.isna(r.tahun) else int(r.tahun)),
               "nama_berkas": r.nama_berkas, "submission_id": int(r.id),
               "keterangan": f"Kiriman #{r.id}: {r.baris} baris, status {r.status}."}
              for r in kiriman.itertuples()]
    for e in _peristiwa_audit(cur):
        unit_akun = e.pop("_unit_akun")
        if not _tahun_cocok(e["tahun"], tahun):
            continue
        if kode_unit is not None and e["kode_unit"] != kode_unit and not (
                e["kode_unit"] is None and unit_akun == kode_unit):
            continue
        events.append(e)
    df = pd.DataFrame(events, columns=KOLOM_RIWAYAT)
    if df.empty:
        return df
    df["waktu"] = pd.to_datetime(df["waktu"])
    df = df.sort_values("waktu", ascending=False, kind="stable").reset_index(drop=True)
    df["submission_id"] = df["submission_id"].astype("Int64")
    return df


def isi_berkas(cur: duckdb.DuckDBPyConnection, sid: int) -> tuple[str, bytes]:
    """The file name and the exact bytes of a submission (to download or rebuild from)."""
    row = cur.execute(
        "SELECT s.nama_berkas, b.isi FROM submission s JOIN submission_berkas b "
        "ON b.submission_id = s.id WHERE s.id = ?", [sid]
    ).fetchone()
    if row is None:
        raise NotFound(f"Kiriman #{sid} tidak ada.")
    return row[0], buka_asli(row[1])


def rollback(con: duckdb.DuckDBPyConnection, sid: int, *, oleh: akun.Akun | str) -> dict:
    """Make submission `sid` active again in every slot it covers; the ones it takes them from
    become `diganti` (a master stays active for the years it still holds).

    Admin only (`rollback`); audited with the ids replaced, in the same transaction."""
    pelaku = akun.pelaku(con, oleh, kosong="Nama yang mengaktifkan kembali wajib diisi.")
    cur = con.cursor()
    row = cur.execute("SELECT status, jenis, kode_unit, tahun FROM submission WHERE id = ?",
                      [sid]).fetchone()
    # unit and year in a refusal's audit row put it in that unit's history
    akun.audit.wajib_izin(con, pelaku, "rollback", kode_unit=row[2] if row else None,
                          objek=f"#{sid}", tahun=row[3] if row else None)
    if row is None:
        raise NotFound(f"Kiriman #{sid} tidak ada. Lihat daftar kiriman untuk nomor yang benar.")
    jenis, kode_unit, years = _slot(cur, sid)
    dipegang = cur.execute(
        "SELECT count(*) FROM slot_aktif WHERE jenis = ? AND kode_unit = ? "
        "AND list_contains(?, tahun) AND submission_id = ?", [jenis, kode_unit, years, sid]
    ).fetchone()[0]
    if dipegang == len(years):
        raise InputRefused(f"Kiriman #{sid} sudah aktif; tidak ada yang diubah.")
    periksa_tidak_terkunci(cur, years, "Mengaktifkan kembali kiriman")

    def jalan() -> list[int]:
        with db.transaksi(con) as tx:
            periksa_tidak_terkunci(tx, years, "Mengaktifkan kembali kiriman")
            diganti = aktifkan(tx, sid)
            akun.audit.catat(tx, pelaku, "rollback", f"#{sid}",
                             tahun=years[0] if len(years) == 1 else None, rincian={
                                 "submission_id": sid, "jenis": jenis,
                                 "kode_unit": kode_unit or None, "tahun": years,
                                 "diganti": diganti})
            return diganti

    cadangan.otomatis(con, "sebelum-rollback", oleh=pelaku.nama_pengguna)  # a snapshot first
    diganti = db.ulangi(jalan)
    return {"id": sid, "jenis": row[1], "diganti": diganti, "tahun": years}
