"""Commands of SOP steps 3–5: reconcile (findings) and koreksi (a unit's correction workbook)."""

from __future__ import annotations

from pathlib import Path

from lkip_core.errors import InputRefused
from lkip_core.perintah.daftar import arg, command, emit_json, open_db, say


@command("reconcile", "rekonsiliasi: temuan data unit terhadap LPJ, PK dan DPA",
         arg("--tahun", type=int, required=True), arg("--unit", help="kode unit (bawaan: semua)"),
         arg("--json", action="store_true", help="keluaran JSON"))
def _reconcile(args) -> int:
    from lkip_core import fmt
    from lkip_core.rekonsiliasi import rekonsiliasi
    from lkip_core.rekonsiliasi.aturan import DAFTAR

    cur = open_db(args).cursor()
    laporan = rekonsiliasi(cur, args.tahun, args.unit)
    if args.json:
        emit_json(laporan.to_dict())
        return 0
    ringkas = laporan.per_tingkat
    say(f"Rekonsiliasi {args.tahun}{' unit ' + args.unit if args.unit else ''}: "
        f"{len(laporan.temuan)} temuan (galat {ringkas['galat']}, peringatan "
        f"{ringkas['peringatan']}), {len(laporan.teratasi)} teratasi, "
        f"{fmt.angka(laporan.detik, 2)} detik.")
    for kode, n in laporan.per_aturan.items():
        if n:
            print(f"{kode} {DAFTAR[kode].nama:<28} {n:>6}")
    for r in laporan.temuan.itertuples():
        print(f"[{r.aturan} {r.tingkat}] {r.kode_unit or '-'} · {r.status}: {r.pesan}")
    return 0


@command("koreksi", "buku koreksi satu unit (temuan terbuka dan data unit dalam tata letak "
         "template)",
         arg("--tahun", type=int, required=True), arg("--unit", required=True),
         arg("--out", required=True, metavar="FILE.xlsx"),
         arg("--oleh", help="nama pengunduh, dicatat di log audit (bawaan: pengguna sistem "
                            "operasi)"))
def _koreksi(args) -> int:
    from lkip_core import akun, fmt
    from lkip_core.rekonsiliasi import cek_lingkup
    from lkip_core.rekonsiliasi.koreksi import buku_koreksi

    if not args.out.lower().endswith(".xlsx"):
        raise InputRefused("Nama berkas keluaran harus berakhiran .xlsx.")
    con = open_db(args)
    cek_lingkup(con.cursor(), args.tahun, args.unit)
    data = buku_koreksi(con, args.tahun, args.unit, oleh=akun.nama_shell(args.oleh))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    say(f"Buku koreksi {args.unit} {args.tahun} ditulis ke {out} "
        f"({fmt.angka(len(data) / 1024, 1)} KB).")
    return 0
