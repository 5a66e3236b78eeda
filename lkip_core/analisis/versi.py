"""A fingerprint of everything the Bab III numbers depend on, for caching them safely.

The pages cache `tabel_capaian` and `hitung_anggaran` keyed on (year, unit, this version):
any import, revision, rollback or settings change gives a new version, so a cached table is
never shown after the data under it changed.
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
        FROM pengaturan)
"""


def versi_data(cur: duckdb.DuckDBPyConnection) -> str:
    """A short text that changes whenever submissions or settings change."""
    n, maks, urutan, aktif, setelan = cur.execute(_VERSI).fetchone()
    return f"{n}:{maks}:{urutan}:{aktif}:{zlib.crc32(setelan.encode()):08x}"
