"""Lampiran I — Perjanjian Kinerja: the year's sasaran, indicators and PK targets (Tabel 1) and
the programs with their budget (Tabel 2), signed by the head of the agency."""

from __future__ import annotations

from .data import Data, baris_indikator, judul_blok, nilai, per_sasaran
from .model import ANGKA, NOMOR, RUPIAH, TEKS, TOTAL, Baris, Kolom, Lembar, Tabel


def tabel_pk(data: Data) -> Tabel:
    kolom = [Kolom("no", "No", NOMOR), Kolom("sasaran", "Sasaran Strategis"),
             Kolom("indikator", "Indikator Kinerja"), Kolom("satuan", "Satuan"),
             Kolom("target", "Target", ANGKA)]
    baris, gabung = [], []
    for n, (_, uraian, g) in enumerate(per_sasaran(data.baris), start=1):
        awal = len(baris)
        for r in g:
            baris.append(Baris({"no": n, "sasaran": uraian, "indikator": baris_indikator(data, r),
                                "satuan": r["satuan"], "target": nilai(r["target"])}))
        gabung += [("no", awal, len(baris) - 1), ("sasaran", awal, len(baris) - 1)]
    return Tabel(kolom, baris, "Tabel 1. Sasaran strategis, indikator kinerja dan target",
                 gabung)


def tabel_program(data: Data) -> Tabel:
    kolom = [Kolom("no", "No", NOMOR), Kolom("program", "Program", TEKS, lebar=2),
             Kolom("anggaran", "Anggaran (Rp)", RUPIAH), Kolom("keterangan", "Keterangan")]
    baris = [Baris({"no": n, "program": r["nama"] or r["kode"], "anggaran": nilai(r["pagu"]),
                    "keterangan": f"APBD {data.tahun}"})
             for n, r in enumerate(data.anggaran.program.to_dict("records"), start=1)]
    baris.append(Baris({"no": "Jumlah", "anggaran": data.anggaran.total["pagu"]}, TOTAL,
                       jumlah={"anggaran": list(range(len(baris)))}, gabung=("no", "program")))
    return Tabel(kolom, baris, "Tabel 2. Program dan anggaran")


def lembar(data: Data) -> Lembar:
    return Lembar("Lampiran I", judul_blok(data, "I"), [5, 38, 52, 16, 24],
                  [tabel_pk(data), tabel_program(data)])
