"""Commands for the leadership: the briefing deck, the summary, and the SOP tracker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lkip_core.errors import InputRefused
from lkip_core.perintah.daftar import arg, command, emit_json, open_db, say


def _cek_tahun(cur, tahun: int) -> None:
    from lkip_core.masukan.rekap import cek_lingkup

    cek_lingkup(cur, tahun)


def _tanggal(teks: str | None, nama: str) -> dt.date | None:
    if teks is None or teks == "-":
        return None
    try:
        return dt.date.fromisoformat(teks)
    except ValueError:
        raise InputRefused(f"{nama}: tulis tanggal sebagai TTTT-BB-HH, mis. 2026-02-12.") from None


@command("paparan", "bahan paparan pimpinan (PowerPoint 16:9, grafik dapat diedit)",
         arg("--tahun", type=int, required=True), arg("--out", required=True),
         arg("--oleh", help="nama pembuat, dicatat di log audit (bawaan: pengguna sistem "
                            "operasi)"))
def _paparan(args) -> int:
    from lkip_core import akun, fmt
    from lkip_core.pimpinan.paparan import buat_paparan

    con = open_db(args)
    _cek_tahun(con.cursor(), args.tahun)
    isi = buat_paparan(con, args.tahun, oleh=akun.nama_shell(args.oleh))
    Path(args.out).write_bytes(isi)
    say(f"Paparan {args.tahun} ditulis ke {args.out} ({fmt.angka(len(isi) / 1024, 0)} KB).")
    return 0


@command("ringkasan", "ringkasan pimpinan satu tahun: capaian, serapan, kesiapan data",
         arg("--tahun", type=int, required=True), arg("--json", action="store_true"))
def _ringkasan(args) -> int:
    from lkip_core import fmt
    from lkip_core.pimpinan.ringkasan import ringkasan

    cur = open_db(args).cursor()
    _cek_tahun(cur, args.tahun)
    r = ringkasan(cur, args.tahun)
    if args.json:
        emit_json(r.to_dict())
        return 0
    lalu = r.lalu
    print(f"{r.nama_opd or ''} — tahun {r.tahun}")
    print(f"Rata-rata capaian  {fmt.persen(r.capaian_rata)}  ({r.indikator_bercapaian} dari "
          f"{r.indikator} indikator)")
    print(f"Serapan anggaran   {fmt.persen(r.serapan)}  ({fmt.rupiah(r.realisasi)} dari "
          f"{fmt.rupiah(r.pagu)})")
    if lalu.keterangan:
        print(f"Tahun {lalu.tahun}: {lalu.keterangan}")
    else:
        print(f"Tahun {lalu.tahun}: capaian {fmt.persen(lalu.capaian_rata)}, serapan "
              f"{fmt.persen(lalu.serapan)}")
    print("Predikat: " + ", ".join(f"{k} {v}" for k, v in r.per_predikat.items()))
    print(f"Belum mengirim: {', '.join(r.unit_belum) or '-'}")
    print(f"Temuan galat terbuka: {r.galat_terbuka}")
    return 0


@command("tahapan", "jadwal dan status 12 langkah SOP penyusunan LKIP",
         arg("--tahun", type=int, required=True),
         arg("--rencana", help="tetapkan tanggal mulai langkah 1 (TTTT-BB-HH)"),
         arg("--tanpa-cuti-bersama", action="store_true",
             help="dengan --rencana: hanya libur nasional yang dilewati"),
         arg("--langkah", type=int, help="langkah (1–12) yang realisasinya dicatat"),
         arg("--mulai", help="dengan --langkah: tanggal mulai nyata (TTTT-BB-HH, '-' kosong)"),
         arg("--selesai", help="dengan --langkah: tanggal selesai nyata (TTTT-BB-HH)"),
         arg("--oleh", help="nama pengisi, dicatat di log audit (bawaan: pengguna sistem "
                            "operasi)"),
         arg("--hari-ini", help="tanggal acuan keterlambatan (bawaan: hari ini)"),
         arg("--json", action="store_true"))
def _tahapan(args) -> int:
    from lkip_core import akun, fmt
    from lkip_core.pimpinan import tahapan

    con = open_db(args)
    oleh = akun.nama_shell(args.oleh)
    if args.rencana:
        tahapan.simpan_rencana(con, args.tahun, _tanggal(args.rencana, "--rencana"),
                               cuti_bersama=not args.tanpa_cuti_bersama, oleh=oleh)
    if args.langkah:
        tahapan.simpan_realisasi(con, args.tahun, args.langkah,
                                 _tanggal(args.mulai, "--mulai"),
                                 _tanggal(args.selesai, "--selesai"), oleh=oleh)
    j = tahapan.jadwal(con.cursor(), args.tahun, _tanggal(args.hari_ini, "--hari-ini"))
    if args.json:
        emit_json(j.to_dict())
        return 0
    for r in j.tabel.itertuples():
        rencana = f"{fmt.tanggal(r.mulai)} – {fmt.tanggal(r.selesai)}" if r.mulai else "—"
        print(f"{r.langkah:>2}. {r.singkat:<24} {fmt.angka(r.waktu, 1):>4} hr  {rencana:<36} "
              f"{r.status}")
    for pesan in j.peringatan():
        say(pesan)
    return 0
