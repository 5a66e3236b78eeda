"""Commands of SOP steps 1, 2 and 5: demo, import, template, submissions, rollback."""

from __future__ import annotations

import time
from pathlib import Path

from lkip_core.errors import InputRefused
from lkip_core.perintah.daftar import arg, command, emit_json, open_db, path_db, say

# The kinds of file `import --jenis` accepts: lkip_core.masukan.impor.JENIS, written out here so
# that the parser is built without loading the importer (a test keeps the two equal).
JENIS = ("master", "realisasi", "lpj")


@command(
    "demo", "membangun data contoh lewat jalur impor yang sama dengan pengguna",
    arg("--force", action="store_true", help="bangun ulang walau data sudah ada"),
    arg("--skala", choices=("opd", "kota"), default="opd",
        help="opd: satu OPD; kota: skala kota untuk mengukur kecepatan"),
    arg("--folder", help="tempat menulis berkas contoh (bawaan: data/demo atau data/demo_kota)"),
    arg("--ya", action="store_true",
        help="dengan --force: ganti juga kiriman yang bukan data contoh (cadangan tetap dibuat)"),
)
def _demo(args) -> int:
    from lkip_core.db import cadangan
    from lkip_core.db.basis import basis
    from lkip_core.demo import buat_demo

    con = open_db(args)
    if con.execute("SELECT count(*) FROM submission").fetchone()[0] and not args.force:
        say("Basis data sudah berisi data; tidak ada yang diubah (pakai --force untuk membangun "
            "ulang dari awal).")
        return 0
    if args.force and args.db != ":memory:":
        cadangan.sebelum_demo(con, ya=args.ya)  # refuses to drop real uploads without --ya

        def kosongkan(path: Path) -> None:
            path.unlink(missing_ok=True)
            Path(str(path) + ".wal").unlink(missing_ok=True)

        basis(path_db(args)).ganti_berkas(kosongkan)
        con = open_db(args)
    root = Path(__file__).resolve().parents[2] / "data"
    folder = Path(args.folder) if args.folder else root / ("demo" if args.skala == "opd"
                                                            else "demo_kota")
    t0 = time.perf_counter()
    ringkas = buat_demo(con, folder, skala=args.skala,
                        progress=lambda f, t: say(f"[{f * 100:3.0f}%] {t}"))
    angka = ", ".join(f"{ringkas[k]:,} {label}".replace(",", ".") for k, label in (
        ("unit", "unit"), ("indikator", "indikator"), ("sub_kegiatan", "sub kegiatan"),
        ("baris_lpj", "baris LPJ"), ("submission", "kiriman")) if k in ringkas)
    say(f"Data contoh selesai dalam {time.perf_counter() - t0:.1f} detik: {angka}. "
        f"Berkas contoh di {ringkas.get('folder', folder)}.")
    return 0


@command(
    "import", "memeriksa dan memuat berkas (master, realisasi unit, LPJ)",
    arg("files", nargs="+", metavar="FILE"),
    arg("--jenis", choices=JENIS, help="jenis berkas; dikenali otomatis bila dikosongkan"),
    arg("--unit", help="kode unit (berkas realisasi yang bukan dari template)"),
    arg("--tahun", type=int, help="tahun data"),
    arg("--oleh", help="nama pengunggah, dicatat di kiriman dan log audit (bawaan: pengguna "
                       "sistem operasi)"),
    arg("--json", action="store_true", help="keluaran JSON"),
)
def _import(args) -> int:
    from lkip_core import akun
    from lkip_core.masukan.impor import impor

    berkas = []
    for f in args.files:
        p = Path(f)
        if not p.is_file():
            raise InputRefused(f"Berkas {f} tidak ada.")
        berkas.append((p.name, p))  # read by impor, which lets the bytes go once read
    con = open_db(args)
    hasil = impor(con, berkas, jenis=args.jenis, kode_unit=args.unit, tahun=args.tahun,
                  oleh=akun.nama_shell(args.oleh))
    for s in hasil.sama:
        say(f"{s['file']}: sama persis dengan kiriman aktif #{s['id']}; tidak ada yang berubah.")
    for s in hasil.submissions:
        unit = f" unit {s['kode_unit']}" if s["kode_unit"] else ""
        tahun = f" tahun {s['tahun']}" if s["tahun"] else ""
        say(f"{s['file']}: dimuat sebagai kiriman #{s['id']} ({s['jenis']}{unit}{tahun}, "
            f"{s['baris']} baris).")
    for m in hasil.menggantikan:
        say(f"{m['file']} menggantikan kiriman #{m['id']} ({m['nama_berkas']}) dari {m['oleh']}, "
            f"dikirim {m['detik']} detik sebelumnya; kiriman itu tetap ada di riwayat.")
    for p in hasil.errors:
        say(f"GALAT  {p.where()}: {p.message}" + (f" (nilai: {p.value})" if p.value else ""))
    for p in hasil.warnings:
        say(f"PERINGATAN  {p.where()}: {p.message}")
    if not hasil.ok:
        say(f"Ditolak: {len(hasil.errors)} galat; tidak ada yang dimuat. Perbaiki lalu unggah lagi.")
    if args.json:
        emit_json(hasil.to_dict())
    return 0 if hasil.ok else 2


@command(
    "template", "menulis template realisasi untuk satu unit dan tahun",
    arg("--unit", required=True), arg("--tahun", type=int, required=True),
    arg("--out", required=True, help="berkas .xlsx yang ditulis"),
)
def _template(args) -> int:
    from lkip_core.masukan.template import tulis_template

    con = open_db(args)
    data = tulis_template(con, args.unit, args.tahun)
    Path(args.out).write_bytes(data)
    say(f"Template unit {args.unit} tahun {args.tahun} ditulis ke {args.out}.")
    return 0


@command("submissions", "daftar kiriman dan statusnya", arg("--json", action="store_true"))
def _submissions(args) -> int:
    import pandas as pd

    from lkip_core.masukan import submisi

    con = open_db(args)
    df = submisi.daftar(con.cursor())
    if args.json:
        cols = ["id", "jenis", "kode_unit", "tahun", "tahun_master", "nama_berkas", "sha256",
                "oleh", "waktu", "baris", "status"]
        rows = df[cols].astype(object).where(df[cols].notna(), None).to_dict("records")
        for r in rows:
            if r["tahun_master"] is not None:
                r["tahun_master"] = [int(y) for y in r["tahun_master"]]
        emit_json(rows)
    else:
        for r in df.itertuples():
            unit = r.kode_unit if isinstance(r.kode_unit, str) else "-"
            if r.jenis == "master":
                tahun = ",".join(str(int(y)) for y in r.tahun_master)
            else:
                tahun = "-" if pd.isna(r.tahun) else str(int(r.tahun))
            print(f"#{r.id:<5} {r.status:<8} {r.jenis:<9} {unit:<10} {tahun!s:<5} "
                  f"{r.waktu:%Y-%m-%d %H:%M}  {r.oleh:<16} {r.nama_berkas}")
    return 0


@command("rollback", "mengaktifkan kembali kiriman lama",
         arg("submission_id", type=int, metavar="SUBMISSION_ID"),
         arg("--oleh", default=None, help="nama yang mengaktifkan (bawaan: pengguna sistem)"))
def _rollback(args) -> int:
    from lkip_core import akun
    from lkip_core.masukan import submisi

    con = open_db(args)
    hasil = submisi.rollback(con, args.submission_id, oleh=akun.nama_shell(args.oleh))
    ganti = ", ".join(f"#{i}" for i in hasil["diganti"]) or "tidak ada"
    say(f"Kiriman #{hasil['id']} aktif kembali; yang diganti: {ganti}.")
    return 0
