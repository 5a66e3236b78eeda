"""Commands of SOP steps 7, 10 and 12: the annex workbook (and the Bab III tables), archived."""

from __future__ import annotations

from pathlib import Path

from lkip_core.fmt import ROMAWI
from lkip_core.perintah.daftar import arg, command, emit_json, open_db, say

# lkip_core.lampiran.LAMPIRAN, taken from fmt (standard library only) so that the parser is built
# without loading the annex writers (a test keeps the two equal).
LAMPIRAN = ROMAWI[:5]


@command(
    "export", "menulis buku lampiran (Lampiran I–V) siap cetak dan mencatatnya di arsip",
    arg("--tahun", type=int, required=True),
    arg("--out", required=True, metavar="FILE.xlsx", help="berkas xlsx yang ditulis"),
    arg("--lampiran", default=",".join(LAMPIRAN),
        help="lampiran yang ditulis, dipisah koma (bawaan: I,II,III,IV,V)"),
    arg("--bab3", action="store_true", help="tulis tabel Bab III, bukan lampiran"),
    arg("--oleh", help="nama pembuat, dicatat di arsip dan log audit (bawaan: pengguna "
                       "sistem operasi)"),
    arg("--json", action="store_true", help="keluaran JSON"),
)
def _export(args) -> int:
    from lkip_core import akun, fmt, lampiran

    pilihan = lampiran.BAB3 if args.bab3 else lampiran.pilih_lampiran(args.lampiran)
    con = open_db(args)
    hasil = lampiran.ekspor(con, args.tahun, oleh=akun.nama_shell(args.oleh),
                            lampiran=pilihan)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(hasil.isi)
    if args.json:
        emit_json({"id": hasil.id, "file": str(out), "nama_berkas": hasil.nama_berkas,
                   "tahun": args.tahun, "jenis": "bab3" if args.bab3 else "lampiran",
                   "lampiran": None if args.bab3 else list(pilihan), "bytes": len(hasil.isi)})
    isi = "Tabel Bab III" if args.bab3 else f"Lampiran {', '.join(pilihan)}"
    say(f"{isi} tahun {args.tahun} ditulis ke {out} ({fmt.angka(len(hasil.isi), 0)} byte); "
        f"dicatat di arsip sebagai ekspor #{hasil.id}.")
    return 0
