"""Lampiran IV — Realisasi Anggaran: every program, its kegiatan and their sub kegiatan with
pagu, realisasi, serapan, fisik and sisa; program and kegiatan rows are sums of the rows below
them (written as SUM formulas), and a grand total closes the table.

Serapan and fisik of a program or kegiatan are the values `hitung_anggaran` computed from sums
(Σ realisasi / Σ pagu; pagu-weighted fisik), never a mean of the rows' percentages.
"""

from __future__ import annotations

from collections import defaultdict

from .data import Data, judul_blok, nilai
from .model import KEGIATAN, KODE, PERSEN, PROGRAM, RUPIAH, TOTAL, Baris, Kolom, Lembar, Tabel

UANG = ("pagu", "realisasi", "sisa")


def _isi(r: dict, nama: str | None = None) -> dict:
    return {"kode": r["kode"], "nama": nama or r["nama"] or r["kode"], "pagu": nilai(r["pagu"]),
            "realisasi": nilai(r["realisasi"]), "serapan": nilai(r["serapan"]),
            "fisik": nilai(r["fisik"]), "sisa": nilai(r["sisa"])}


def tabel(data: Data) -> Tabel:
    kolom = [Kolom("kode", "Kode", KODE), Kolom("nama", "Program / Kegiatan / Sub Kegiatan"),
             Kolom("pagu", "Pagu (Rp)", RUPIAH), Kolom("realisasi", "Realisasi (Rp)", RUPIAH),
             Kolom("serapan", "Serapan (%)", PERSEN), Kolom("fisik", "Fisik (%)", PERSEN),
             Kolom("sisa", "Sisa (Rp)", RUPIAH)]
    h = data.anggaran
    kegiatan = defaultdict(list)
    for r in h.kegiatan.to_dict("records"):
        kegiatan[r["kode_program"]].append(r)
    sub = defaultdict(list)
    for r in h.sub_kegiatan.to_dict("records"):
        sub[r["kode_kegiatan"]].append(r)
    baris: list[Baris] = []
    program_rows = []
    for p in h.program.to_dict("records"):
        pi = len(baris)
        program_rows.append(pi)
        baris.append(Baris(_isi(p), PROGRAM))
        keg_rows = []
        for k in kegiatan[p["kode"]]:
            ki = len(baris)
            keg_rows.append(ki)
            baris.append(Baris(_isi(k), KEGIATAN, indent=1))
            first = len(baris)
            baris += [Baris(_isi(s), indent=2) for s in sub[k["kode"]]]
            baris[ki].jumlah = {u: list(range(first, len(baris))) for u in UANG}
        baris[pi].jumlah = {u: keg_rows for u in UANG}
    t = h.total
    baris.append(Baris({"kode": "JUMLAH", "pagu": t["pagu"], "realisasi": t["realisasi"],
                        "serapan": nilai(t["serapan"]), "fisik": nilai(t["fisik"]),
                        "sisa": t["sisa"]}, TOTAL, jumlah={u: program_rows for u in UANG},
                       gabung=("kode", "nama")))
    catatan = ["Catatan: realisasi adalah realisasi keuangan yang dilaporkan unit (TW I–IV). "
               "Serapan = Realisasi / Pagu × 100 %; serapan program, kegiatan dan jumlah "
               "dihitung dari jumlah rupiahnya. Fisik program dan kegiatan adalah rata-rata "
               "fisik sub kegiatan yang ditimbang dengan pagunya. Sisa = Pagu − Realisasi."]
    return Tabel(kolom, baris, None, [], catatan)


def lembar(data: Data) -> Lembar:
    return Lembar("Lampiran IV", judul_blok(data, "IV"), [19, 62, 18, 18, 11, 11, 18],
                  [tabel(data)])
