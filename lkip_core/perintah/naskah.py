"""Commands of SOP steps 6 and 8–12: the LKIP book, its pengesahan chain, the publication
package (issue 13 item 8)."""

from __future__ import annotations

from pathlib import Path

from lkip_core.errors import InputRefused
from lkip_core.perintah.daftar import arg, command, emit_json, open_db, say

# The steps of the pengesahan chain: lkip_core.naskah.AKSI's keys, written out so that the parser
# is built without loading the book (a test keeps the two equal).
AKSI = ("verifikasi", "setujui", "sahkan", "tolak", "buka")


def _tulis(path: str, isi: bytes) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(isi)
    return out


@command(
    "naskah", "naskah LKIP (Word, dan PDF dengan --pdf); `naskah template` menulis templat "
              "bawaan; `naskah surat` menulis surat pengantar",
    arg("aksi", nargs="?", choices=("template", "surat"), metavar="template|surat",
        help="template: templat Word bawaan untuk disesuaikan; surat: surat pengantar"),
    arg("--tahun", type=int, help="tahun laporan"),
    arg("--out", required=True, metavar="FILE.docx", help="berkas Word yang ditulis"),
    arg("--pdf", metavar="FILE.pdf", help="tulis juga PDF-nya (LibreOffice)"),
    arg("--templat", metavar="FILE.docx", help="templat Word sendiri (bawaan: yang berlaku)"),
    arg("--surat", action="store_true", help="dengan `template`: templat surat pengantar"),
    arg("--json", action="store_true", help="keluaran JSON"),
)
def _naskah(args) -> int:
    from lkip_core import fmt, naskah

    if args.aksi == "template":
        isi = naskah.templat_bawaan("surat" if args.surat else "naskah")
        out = _tulis(args.out, isi)
        say(f"Templat bawaan ditulis ke {out}. Variabel yang tersedia: "
            f"{', '.join(naskah.VARIABEL)}.")
        if args.json:
            emit_json({"file": str(out), "bytes": len(isi), "variabel": naskah.VARIABEL})
        return 0
    if args.tahun is None:
        raise InputRefused("Sebutkan --tahun: naskah LKIP dibuat per tahun.")
    templat = Path(args.templat).read_bytes() if args.templat else None
    con = open_db(args)
    if args.aksi == "surat":
        isi = naskah.buat_surat(con, args.tahun, templat=templat)
        out = _tulis(args.out, isi)
        hasil = {"tahun": args.tahun, "docx": str(out), "bytes": len(isi)}
        if args.pdf:
            hasil["pdf"] = str(_tulis(args.pdf, naskah.ke_pdf(isi)))
        say(f"Surat pengantar LKIP {args.tahun} ditulis ke {out}.")
        if args.json:
            emit_json(hasil)
        return 0
    buku = naskah.buat_docx(con, args.tahun, templat=templat)
    out = _tulis(args.out, buku.docx)
    hasil = {"tahun": args.tahun, "docx": str(out), "bytes": len(buku.docx),
             "sha256": buku.sha256, "judul": buku.judul, "peringatan": buku.peringatan,
             "pdf": None}
    say(f"Naskah LKIP {args.tahun} ditulis ke {out} ({fmt.angka(len(buku.docx) / 1024, 0)} KB, "
        f"{len(buku.judul)} tabel dan gambar).")
    if args.pdf:
        pdf = naskah.ke_pdf_buku(buku.docx)
        hasil["pdf"] = str(_tulis(args.pdf, pdf))
        say(f"PDF ditulis ke {args.pdf} ({fmt.angka(len(pdf) / 1024, 0)} KB).")
    for p in buku.peringatan:
        say(f"Peringatan: {p}")
    if args.json:
        emit_json(hasil)
    return 0


def _cetak_rantai(r) -> None:
    from lkip_core import naskah

    print(f"Naskah LKIP {r.tahun}: {naskah.LABEL_STATUS[r.status]}")
    if r.pdf:
        print(f"PDF yang disahkan: arsip #{r.pdf[0]}, SHA-256 {r.pdf[1]}")
    for s in r.langkah:
        catatan = f" — {s.catatan}" if s.catatan else ""
        print(f"  {s.waktu:%Y-%m-%d %H:%M}  {s.aksi:<10} {s.nama} ({s.jabatan or s.peran})"
              f"{catatan}")


@command(
    "pengesahan", "rantai pengesahan naskah LKIP satu tahun; dengan --aksi, satu langkahnya",
    arg("--tahun", type=int, required=True),
    arg("--aksi", choices=AKSI, help="verifikasi | setujui | sahkan | tolak | buka"),
    arg("--oleh", help="nama akun yang melakukan (wajib dengan --aksi)"),
    arg("--catatan", help="catatan; wajib untuk tolak dan buka"),
    arg("--sha256", help="SHA-256 PDF yang diperiksa (ditolak bila bukan PDF dalam rantai)"),
    arg("--json", action="store_true", help="keluaran JSON"),
)
def _pengesahan(args) -> int:
    from lkip_core import naskah

    con = open_db(args)
    if args.aksi:
        if not (args.oleh or "").strip():
            raise InputRefused("Isi --oleh: setiap langkah pengesahan dicatat beserta akunnya.")
        s = naskah.jalankan(con, args.tahun, args.aksi, oleh=args.oleh, catatan=args.catatan,
                            sha256=args.sha256)
        say(f"Naskah LKIP {args.tahun} {naskah.pengesahan.LABEL_AKSI[s.aksi]} oleh {s.nama}; "
            f"status sekarang: {s.status}.")
    r = naskah.rantai(con.cursor(), args.tahun)
    if args.json:
        emit_json(r.to_dict())
    else:
        _cetak_rantai(r)
    return 0


@command(
    "publikasi", "paket publikasi tahun yang sudah disahkan: PDF bertanda sah, DOCX, lampiran, "
                 "tabel Bab III, surat pengantar, manifest; dicatat di arsip",
    arg("--tahun", type=int, required=True),
    arg("--out", required=True, metavar="FILE.zip"),
    arg("--oleh", default="command line", help="nama pembuat, dicatat di arsip"),
    arg("--json", action="store_true", help="keluaran JSON"),
)
def _publikasi(args) -> int:
    from lkip_core import fmt, naskah

    con = open_db(args)
    eid, isi = naskah.buat_paket(con, args.tahun, oleh=args.oleh)
    out = _tulis(args.out, isi)
    say(f"Paket publikasi LKIP {args.tahun} ditulis ke {out} "
        f"({fmt.angka(len(isi) / 1024, 0)} KB); dicatat di arsip sebagai ekspor #{eid}.")
    if args.json:
        emit_json({"id": eid, "file": str(out), "tahun": args.tahun, "bytes": len(isi)})
    return 0
