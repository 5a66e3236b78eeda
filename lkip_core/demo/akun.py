"""The demo's accounts: one per role and one operator per reporting unit, all with SANDI_DEMO.

They let `make run` on a fresh machine open a usable app: the login page lists them in an
"Akun contoh" notice, but only while they are what the demo made — the database holds demo
data, and the account still exists, is active and has the hash the demo gave it (an admin who
changes the password of a demo account takes it off the list). Which accounts the demo made,
and their hashes, are kept in `meta` ('akun_demo'); comparing hashes costs nothing, unlike
verifying the password.
"""

from __future__ import annotations

import json

import duckdb

from .. import akun
from ..akun.peran import LABEL_PERAN

SANDI_DEMO = "lkip-demo-2025"
KUNCI_META = "akun_demo"

# (user name, role, unit, full name, jabatan) for the opd demo (bkpsdm.UNIT)
AKUN_OPD: tuple[tuple[str, str, str | None, str, str], ...] = (
    ("admin", "admin", None, "Admin Contoh", "Kasubag Perencanaan"),
    ("pimpinan", "pimpinan", None, "Pimpinan Contoh", "Kepala Badan"),
    ("sekretaris", "pimpinan", None, "Sekretaris Contoh", "Sekretaris"),
    ("bendahara", "bendahara", None, "Bendahara Contoh", "Bendahara Pengeluaran"),
    ("op.sekre", "operator", "SEKRE", "Operator Sekretariat", "Staf Sekretariat"),
    ("op.mutasi", "operator", "MUTASI", "Operator Mutasi", "Staf Bidang Mutasi dan Promosi"),
    ("op.pka", "operator", "PKA", "Operator PKA", "Staf Bidang PKA"),
    ("op.ppi", "operator", "PPI", "Operator PPI", "Staf Bidang PPI"),
    ("op.pkp", "operator", "PKP", "Operator PKP", "Staf Bidang PKP"),
    ("op.upt", "operator", "UPT", "Operator UPT", "Staf UPT Assessment Center"),
)


def akun_kota(unit_operator: str) -> tuple[tuple[str, str, str | None, str, str], ...]:
    """The city-scale demo has hundreds of units: one account per role, one operator."""
    return (*AKUN_OPD[:4], ("op.unit", "operator", unit_operator, "Operator Contoh",
                            f"Staf {unit_operator}"))


def buat_akun_demo(con: duckdb.DuckDBPyConnection, daftar=AKUN_OPD, *,
                   oleh: str = "demo") -> list[str]:
    """Create the demo accounts (skipping names already taken); returns the names created."""
    dibuat = []
    for nama, peran, unit, lengkap, jabatan in daftar:
        if akun.ambil(con, nama) is not None:
            continue
        akun.tambah(con, nama, peran, SANDI_DEMO, unit=unit, nama_lengkap=lengkap, jabatan=jabatan,
                    oleh=oleh)
        dibuat.append(nama)
    hashes = dict(con.execute(
        "SELECT nama_pengguna, sandi_hash FROM akun WHERE list_contains(?, nama_pengguna)",
        [[d[0] for d in daftar]]).fetchall())
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [KUNCI_META, json.dumps(
        {"oleh": oleh, "hash": hashes})])
    return dibuat


def akun_contoh(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The demo accounts still usable with the demo password, for the login page's notice:
    dicts of nama, peran (label), unit, sandi. Empty unless the database holds demo data."""
    row = con.execute("SELECT nilai FROM meta WHERE kunci = ?", [KUNCI_META]).fetchone()
    if row is None:
        return []
    simpan = json.loads(row[0])
    if not con.execute("SELECT count(*) FROM submission WHERE oleh = ?",
                       [simpan["oleh"]]).fetchone()[0]:
        return []
    hashes = simpan["hash"]
    rows = con.execute(
        "SELECT nama_pengguna, peran, kode_unit, sandi_hash FROM akun "
        "WHERE aktif AND list_contains(?, nama_pengguna) "
        "ORDER BY list_position(['admin', 'pimpinan', 'bendahara', 'operator'], peran), "
        "nama_pengguna", [list(hashes)]).fetchall()
    return [{"nama": n, "peran": LABEL_PERAN[p], "unit": u, "sandi": SANDI_DEMO}
            for n, p, u, h in rows if hashes.get(n) == h]
