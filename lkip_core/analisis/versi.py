"""One fingerprint of the data every page and report reads, for caching them safely.

The pages cache `tabel_capaian`, `hitung_anggaran`, the reconciliation report and the
leadership summary keyed on (year, unit, this version): any import, revision, rollback,
settings change or review decision on a finding gives a new version, so a cached result is
never shown after the data under it changed. One small query.
"""

from __future__ import annotations

import zlib

import duckdb

_VERSI = """
SELECT (SELECT count(*) FROM submission),
       (SELECT coalesce(max(id), 0) FROM submission),
       (SELECT coalesce(max(urutan), 0) FROM submission),
       -- a rollback changes only statuses: the set of active ids says which files count
       (SELECT coalesce(sum(id * id), 0) FROM submission WHERE status = 'aktif'),
       (SELECT coalesce(string_agg(kunci || '=' || nilai, ';' ORDER BY kunci), '')
        FROM pengaturan),
       (SELECT coalesce(max(id), 0) FROM rekonsiliasi_tinjauan)
"""


def versi_data(cur: duckdb.DuckDBPyConnection) -> str:
    """A short text that changes whenever submissions, settings or review decisions change."""
    n, maks, urutan, aktif, setelan, tinjauan = cur.execute(_VERSI).fetchone()
    return f"{n}:{maks}:{urutan}:{aktif}:{zlib.crc32(setelan.encode()):08x}:{tinjauan}"


def versi_naskah(cur: duckdb.DuckDBPyConnection, tahun: int) -> int:
    """The last revision of the year's book prose (naskah_revisi only grows: every save, mark,
    copy or return to the draft adds a row), for caching what the Naskah LKIP page shows."""
    return cur.execute("SELECT coalesce(max(id), 0) FROM naskah_revisi WHERE tahun = ?",
                       [tahun]).fetchall()[0][0]
