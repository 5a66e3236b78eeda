"""Commands that keep the database safe: cadangan (snapshot), pulihkan (restore), periksa."""

from __future__ import annotations

import getpass

from lkip_core.errors import BasisDataRusak, InputRefused
from lkip_core.perintah.daftar import arg, command, emit_json, open_db, path_db, say


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB".replace(",", "x").replace(".", ",").replace("x", ".")


@command(
    "cadangan", "menulis cadangan basis data yang utuh (juga selagi aplikasi berjalan)",
    arg("--out", metavar="FILE",
        help="berkas cadangan (bawaan: folder cadangan otomatis di samping basis data)"),
    arg("--oleh", default=None, help="nama yang membuat cadangan (bawaan: pengguna sistem)"),
)
def _cadangan(args) -> int:
    from lkip_core.db.cadangan import otomatis, salin

    if args.db == ":memory:":
        raise InputRefused("Basis data di memori tidak dapat dicadangkan.")
    con = open_db(args)
    if args.out:
        tujuan = salin(con, args.out)
    else:
        tujuan = otomatis(con, "manual", oleh=args.oleh or getpass.getuser())
    say(f"Cadangan ditulis ke {tujuan} ({_mb(tujuan.stat().st_size)}). Pulihkan kapan saja "
        f"dengan `python -m lkip_core --db {path_db(args)} pulihkan {tujuan}`.")
    return 0


@command(
    "pulihkan", "memulihkan basis data dari cadangan (yang sekarang dicadangkan lebih dulu)",
    arg("berkas", metavar="FILE", help="berkas cadangan (.duckdb)"),
    arg("--oleh", default=None, help="nama yang memulihkan (bawaan: pengguna sistem)"),
)
def _pulihkan(args) -> int:
    from lkip_core.db.pemulihan import pulihkan, pulihkan_tanpa_sesi

    if args.db == ":memory:":
        raise InputRefused("Basis data di memori tidak dapat dipulihkan dari berkas.")
    path = path_db(args)
    oleh = args.oleh or getpass.getuser()
    if not path.exists():
        hasil = pulihkan_tanpa_sesi(path, args.berkas, oleh=oleh)
    else:
        try:
            con = open_db(args)
        except BasisDataRusak:
            hasil = pulihkan_tanpa_sesi(path, args.berkas, oleh=oleh)
        else:
            hasil = pulihkan(con, args.berkas, oleh=oleh)
    con = open_db(args)  # opening migrates the restored file to this version's schema
    n = con.execute("SELECT count(*) FROM submission").fetchone()[0]
    lama = (f" Basis data sebelumnya disimpan sebagai {hasil.cadangan_lama}."
            if hasil.cadangan_lama else "")
    if hasil.rusak:
        lama = f" Berkas yang rusak disimpan sebagai {hasil.rusak}."
    say(f"Basis data {path} dipulihkan dari {hasil.dipulihkan} ({n} kiriman).{lama}")
    return 0


@command(
    "periksa", "membaca seluruh tabel dan berkas tersimpan; melaporkan kerusakan",
    arg("--json", action="store_true", help="keluaran JSON: {ok, masalah: [{objek, pesan}]}"),
)
def _periksa(args) -> int:
    from lkip_core import db
    from lkip_core.db.periksa import periksa

    try:
        con = open_db(args)
    except BasisDataRusak as exc:
        if args.json:
            emit_json({"ok": False, "masalah": [{"objek": "berkas basis data", "pesan": str(exc)}],
                       "tabel": 0, "baris": 0, "berkas": 0})
        say(f"Gagal: {exc}")
        return 2
    hasil = periksa(con)
    if args.json:
        emit_json(hasil.to_dict())
    ringkas = (f"{hasil.tabel} tabel ({hasil.baris:,} baris) dan {hasil.berkas} berkas tersimpan "
               "dibaca").replace(",", ".")
    if hasil.ok:
        say(f"Basis data utuh: {ringkas}, tidak ada kerusakan.")
        return 0
    for m in hasil.masalah:
        say(f"RUSAK  {m.objek}: {m.pesan}")
    say(str(db.rusak(path_db(args), f"{len(hasil.masalah)} bagian rusak; {ringkas}")))
    return 2
