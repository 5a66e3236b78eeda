"""SOP step 2, "rekapitulasi data dari bidang": who sent what, and the consolidated recap.

Every function returns a DataFrame whose columns are documented in its docstring; the page, the
downloads and the tests use the same frames.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd

from lkip_core.errors import NotFound

TW = (1, 2, 3, 4)


def tahun_tersedia(cur: duckdb.DuckDBPyConnection) -> list[int]:
    """Years the active master covers, newest first."""
    return [r[0] for r in cur.execute(
        "SELECT tahun FROM v_master_tahun ORDER BY tahun DESC").fetchall()]


def cek_lingkup(cur: duckdb.DuckDBPyConnection, tahun: int,
                kode_unit: str | None = None) -> None:
    """Refuse (NotFound, exit 2 on the command line) a year or unit the master does not have."""
    ada = tahun_tersedia(cur)
    if tahun not in ada:
        raise NotFound(f"Tahun {tahun} tidak ada di master. Tahun yang ada: "
                       f"{', '.join(map(str, ada)) or 'belum ada'}.")
    if kode_unit and not cur.execute("SELECT 1 FROM v_unit WHERE kode_unit = ?",
                                     [kode_unit]).fetchone():
        raise NotFound(f"Unit '{kode_unit}' tidak ada di master.")


def daftar_unit(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Units of the active master: kode_unit, nama_unit, jenis_unit, nama_pejabat, nip_pejabat."""
    return cur.execute(
        "SELECT kode_unit, nama_unit, jenis_unit, kode_induk, nama_pejabat, nip_pejabat "
        "FROM v_unit ORDER BY CASE jenis_unit WHEN 'opd' THEN 0 WHEN 'sekretariat' THEN 1 "
        "WHEN 'bidang' THEN 2 ELSE 3 END, kode_unit").df()


_KELENGKAPAN = """
WITH wajib AS (
    SELECT u.kode_unit, u.nama_unit,
        (SELECT count(*) FROM v_indikator i JOIN v_target t USING (kode_indikator)
         WHERE i.kode_unit = u.kode_unit AND t.tahun = $tahun) AS indikator,
        (SELECT count(*) FROM v_anggaran a WHERE a.kode_unit = u.kode_unit AND a.tahun = $tahun)
            AS sub_kegiatan
    FROM v_unit u
),
kirim AS (
    SELECT kode_unit, count(*) AS revisi,
           max(CASE WHEN status = 'aktif' THEN id END) AS submission_id
    FROM submission WHERE jenis = 'realisasi' AND tahun = $tahun GROUP BY kode_unit
),
kin AS (
    SELECT submission_id, {kin}
    FROM realisasi_kinerja GROUP BY submission_id
),
ang AS (
    SELECT submission_id, {ang}
    FROM realisasi_anggaran GROUP BY submission_id
)
SELECT w.kode_unit, w.nama_unit, w.indikator, w.sub_kegiatan,
       k.submission_id, s.nama_berkas, s.oleh, s.waktu, coalesce(k.revisi, 0) AS revisi,
       {cols}
FROM wajib w
LEFT JOIN kirim k USING (kode_unit)
LEFT JOIN submission s ON s.id = k.submission_id
LEFT JOIN kin ON kin.submission_id = k.submission_id
LEFT JOIN ang ON ang.submission_id = k.submission_id
WHERE w.indikator > 0 OR w.sub_kegiatan > 0
ORDER BY w.kode_unit
"""


def kelengkapan(cur: duckdb.DuckDBPyConnection, tahun: int) -> pd.DataFrame:
    """The completeness board: one row per unit that owes data for `tahun`.

    Columns: kode_unit, nama_unit, indikator, sub_kegiatan (owed by the master), submission_id,
    nama_berkas, oleh, waktu (of the active submission), revisi (realisasi submissions sent for
    the year), kinerja_tw1..4 and anggaran_tw1..4 (rows with a value for that TW), status
    ("Belum mengirim", "Lengkap s.d. TW n", "Sebagian").
    """
    kin = ", ".join(f"count(realisasi_tw{n}) AS kinerja_tw{n}" for n in TW)
    ang = ", ".join(f"count(keuangan_tw{n}) AS anggaran_tw{n}" for n in TW)
    cols = ", ".join(
        [f"coalesce(kin.kinerja_tw{n}, 0) AS kinerja_tw{n}" for n in TW]
        + [f"coalesce(ang.anggaran_tw{n}, 0) AS anggaran_tw{n}" for n in TW])
    df = cur.execute(_KELENGKAPAN.format(kin=kin, ang=ang, cols=cols), {"tahun": tahun}).df()
    df["status"] = [_status(r) for r in df.itertuples()]
    return df


def _status(r) -> str:
    if pd.isna(r.submission_id):
        return "Belum mengirim"
    last = 0
    for n in TW:
        if (getattr(r, f"kinerja_tw{n}") >= r.indikator
                and getattr(r, f"anggaran_tw{n}") >= r.sub_kegiatan):
            last = n
        else:
            break
    return f"Lengkap s.d. TW {last}" if last else "Sebagian"


def rekap_kinerja(cur: duckdb.DuckDBPyConnection, tahun: int,
                  kode_unit: str | None = None) -> pd.DataFrame:
    """Indicators of the year with the PK target and what the units reported.

    Columns: kode_sasaran, uraian_sasaran, kode_indikator, uraian_indikator, satuan, polaritas,
    agregasi, iku, kode_unit, nama_unit, target_pk, target_unit (the echo), realisasi_tw1..4,
    capaian_unit, permasalahan, upaya, bukti, submission_id, baris (row in the unit's file).
    """
    return cur.execute(
        """
        SELECT i.kode_sasaran, s.uraian_sasaran, i.kode_indikator, i.uraian_indikator, i.satuan,
               i.polaritas, i.agregasi, i.iku, i.kode_unit, u.nama_unit, t.target_pk,
               r.target AS target_unit, r.realisasi_tw1, r.realisasi_tw2, r.realisasi_tw3,
               r.realisasi_tw4, r.capaian AS capaian_unit, r.permasalahan, r.upaya, r.bukti,
               r.submission_id, r.baris
        FROM v_indikator i
        JOIN v_target t ON t.kode_indikator = i.kode_indikator AND t.tahun = $tahun
        LEFT JOIN v_sasaran s ON s.kode_sasaran = i.kode_sasaran
        LEFT JOIN v_unit u ON u.kode_unit = i.kode_unit
        LEFT JOIN v_realisasi_kinerja r
               ON r.kode_indikator = i.kode_indikator AND r.tahun = $tahun
              AND r.kode_unit = i.kode_unit
        WHERE $unit IS NULL OR i.kode_unit = $unit
        ORDER BY i.kode_sasaran, i.kode_indikator
        """,
        {"tahun": tahun, "unit": kode_unit},
    ).df()


_REKAP_ANGGARAN = """
    SELECT a.kode_sub_kegiatan, a.nama_sub_kegiatan, a.nama_program, a.nama_kegiatan,
           a.kode_unit, u.nama_unit, a.pagu, r.pagu AS pagu_unit,
           r.keuangan_tw1, r.keuangan_tw2, r.keuangan_tw3, r.keuangan_tw4,
           coalesce(r.keuangan_tw1, 0) + coalesce(r.keuangan_tw2, 0)
             + coalesce(r.keuangan_tw3, 0) + coalesce(r.keuangan_tw4, 0) AS keuangan,
           r.fisik_tw1, r.fisik_tw2, r.fisik_tw3, r.fisik_tw4, r.keterangan,
           r.submission_id, r.baris
    FROM v_anggaran a
    LEFT JOIN v_unit u ON u.kode_unit = a.kode_unit
    LEFT JOIN v_realisasi_anggaran r
           ON r.kode_sub_kegiatan = a.kode_sub_kegiatan AND r.tahun = a.tahun
          AND r.kode_unit = a.kode_unit
    WHERE a.tahun = $tahun AND ($unit IS NULL OR a.kode_unit = $unit)
    ORDER BY a.kode_sub_kegiatan
"""


def rekap_anggaran(cur: duckdb.DuckDBPyConnection, tahun: int,
                   kode_unit: str | None = None) -> pd.DataFrame:
    """Sub kegiatan of the year with the DPA pagu and what the units reported.

    Columns: kode_sub_kegiatan, nama_sub_kegiatan, nama_program, nama_kegiatan, kode_unit,
    nama_unit, pagu, pagu_unit (the echo), keuangan_tw1..4, keuangan (sum), fisik_tw1..4,
    keterangan, submission_id, baris. Money as DECIMAL sums, shown as float.
    """
    return cur.execute(_REKAP_ANGGARAN, {"tahun": tahun, "unit": kode_unit}).df()


def total_anggaran(cur: duckdb.DuckDBPyConnection, tahun: int,
                   kode_unit: str | None = None) -> tuple[Decimal, Decimal]:
    """Exact totals of `rekap_anggaran`: (pagu, keuangan reported), summed as DECIMAL."""
    pagu, keuangan = cur.execute(
        f"SELECT coalesce(sum(pagu), 0), coalesce(sum(keuangan), 0) FROM ({_REKAP_ANGGARAN})",
        {"tahun": tahun, "unit": kode_unit}).fetchone()
    return Decimal(pagu), Decimal(keuangan)
