"""Commands for accounts and the audit log: `pengguna …` and `audit` (issue 10 item 7).

The command line acts for the person at the server's shell (`--oleh`, else the operating-system
user), admin-equivalent: whoever can run these commands already holds the database file. A
password is only ever read from stdin (`--sandi-stdin`), never from an argument, so it does not
land in the shell history or the process list.
"""

from __future__ import annotations

import sys

from lkip_core.errors import InputRefused
from lkip_core.perintah.daftar import arg, command, emit_json, open_db, say

AKSI_PENGGUNA = ("tambah", "daftar", "nonaktifkan", "sandi")
_BUTUH_NAMA = ("tambah", "nonaktifkan", "sandi")
_OPSI_TAMBAH = (("peran", "--peran"), ("unit", "--unit"), ("nama_lengkap", "--nama-lengkap"),
                ("nip", "--nip"), ("jabatan", "--jabatan"))


def _sandi_stdin(args) -> str:
    if not args.sandi_stdin:
        raise InputRefused("Kata sandi dibaca dari stdin: tambahkan --sandi-stdin dan kirim "
                           "kata sandinya lewat stdin (mis. `... --sandi-stdin < berkas`).")
    teks = sys.stdin.read()
    # One line is the password; only the line break that ends it is not part of it.
    return teks.split("\n", 1)[0].removesuffix("\r")


def _periksa_kombinasi(args) -> None:
    if args.aksi not in AKSI_PENGGUNA:
        raise InputRefused(f"Aksi '{args.aksi}' tidak dikenal; pilih salah satu dari "
                           f"{', '.join(AKSI_PENGGUNA)}.")
    if args.aksi in _BUTUH_NAMA and not args.nama:
        raise InputRefused(f"`pengguna {args.aksi}` membutuhkan NAMA pengguna.")
    if args.aksi == "daftar" and args.nama:
        raise InputRefused("`pengguna daftar` tidak menerima NAMA.")
    if args.aksi == "tambah" and not args.peran:
        from lkip_core import akun

        raise InputRefused("`pengguna tambah` membutuhkan --peran "
                           f"({'|'.join(akun.PERAN)}).")
    if args.aksi != "tambah":
        lebih = [opsi for nama, opsi in _OPSI_TAMBAH if getattr(args, nama) is not None]
        if lebih:
            raise InputRefused(f"{', '.join(lebih)} hanya untuk `pengguna tambah`.")
    if args.aksi in ("daftar", "nonaktifkan") and args.sandi_stdin:
        raise InputRefused(f"--sandi-stdin tidak dipakai oleh `pengguna {args.aksi}`.")
    if args.json and args.aksi != "daftar":
        raise InputRefused("--json hanya untuk `pengguna daftar`.")


def _daftar(con, as_json: bool) -> None:
    from lkip_core import akun

    df = akun.daftar(con)
    rows = [{"nama": r.nama_pengguna, "peran": r.peran, "unit": r.kode_unit,
             "aktif": bool(r.aktif), "nama_lengkap": r.nama_lengkap, "nip": r.nip,
             "jabatan": r.jabatan} for r in df.itertuples()]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        say("Belum ada akun. Buat admin pertama: pengguna tambah NAMA --peran admin "
            "--sandi-stdin")
    for r in rows:
        status = "aktif" if r["aktif"] else "nonaktif"
        print(f"{r['nama']:<20} {r['peran']:<10} {r['unit'] or '-':<10} {status:<9} "
              f"{r['nama_lengkap'] or ''}")


@command(
    "pengguna", "akun: tambah, daftar, nonaktifkan, atau setel kata sandi",
    arg("aksi", metavar="AKSI", help="tambah | daftar | nonaktifkan | sandi"),
    arg("nama", nargs="?", metavar="NAMA", help="nama pengguna (kecuali untuk daftar)"),
    arg("--peran", help="admin | operator | bendahara | pimpinan (tambah)"),
    arg("--unit", help="kode unit; wajib untuk operator (tambah)"),
    arg("--nama-lengkap", help="nama lengkap (tambah)"),
    arg("--nip", help="NIP (tambah)"),
    arg("--jabatan", help="jabatan (tambah)"),
    arg("--sandi-stdin", action="store_true", help="baca kata sandi dari stdin (tambah, sandi)"),
    arg("--oleh", help="nama yang melakukan (bawaan: pengguna sistem operasi)"),
    arg("--json", action="store_true", help="keluaran JSON (daftar)"),
)
def _pengguna(args) -> int:
    from lkip_core import akun

    _periksa_kombinasi(args)
    sandi = _sandi_stdin(args) if args.aksi in ("tambah", "sandi") else None
    con = open_db(args)
    if args.aksi == "daftar":
        _daftar(con, args.json)
        return 0
    oleh = akun.akun_cli(con, args.oleh)
    if args.aksi == "tambah":
        a = akun.tambah(con, args.nama, args.peran, sandi, unit=args.unit,
                        nama_lengkap=args.nama_lengkap, nip=args.nip, jabatan=args.jabatan,
                        oleh=oleh)
        unit = f" unit {a.kode_unit}" if a.kode_unit else ""
        say(f"Akun {a.nama_pengguna} ({a.peran}{unit}) dibuat.")
    elif args.aksi == "nonaktifkan":
        a = akun.nonaktifkan(con, args.nama, oleh)
        say(f"Akun {a.nama_pengguna} dinonaktifkan; sesinya berakhir.")
    else:
        a = akun.setel_sandi(con, args.nama, sandi, oleh)
        say(f"Kata sandi akun {a.nama_pengguna} diganti; sesinya berakhir.")
    return 0


@command(
    "audit", "log audit: siapa melakukan apa, kapan",
    arg("--tahun", type=int, help="hanya baris tahun ini"),
    arg("--aksi", help="hanya aksi ini (mis. masuk, impor, rollback)"),
    arg("--json", action="store_true", help="keluaran JSON"),
)
def _audit(args) -> int:
    import pandas as pd

    from lkip_core import akun

    con = open_db(args)
    df = akun.audit.daftar(con, tahun=args.tahun, aksi=args.aksi)
    rows = []
    for r in df.itertuples():
        rows.append({
            "id": int(r.id), "waktu": r.waktu.to_pydatetime().isoformat(timespec="seconds"),
            "oleh": r.oleh, "peran": r.peran, "aksi": r.aksi, "objek": r.objek,
            "tahun": None if pd.isna(r.tahun) else int(r.tahun),
            "berhasil": bool(r.berhasil), "rincian": r.rincian})
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        say("Log audit kosong" + (f" untuk tahun {args.tahun}." if args.tahun else "."))
    for r in rows:
        tanda = "" if r["berhasil"] else "  DITOLAK"
        print(f"{r['waktu']}  {r['oleh']:<16} {r['peran'] or '-':<10} {r['aksi']:<18} "
              f"{r['objek'] or ''}{tanda}")
    return 0
