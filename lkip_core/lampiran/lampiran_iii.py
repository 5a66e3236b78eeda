"""Lampiran III — Indikator Kinerja Utama: the IKU only, with definition, data source, the unit
responsible, target, realisasi and capaian."""

from __future__ import annotations

from .data import (
    Data,
    baris_indikator,
    catatan_kosong,
    catatan_rumus,
    judul_blok,
    nilai,
    per_sasaran,
)
from .model import ANGKA, NOMOR, PERSEN, Baris, Kolom, Lembar, Tabel


def tabel(data: Data) -> Tabel:
    kolom = [Kolom("no", "No", NOMOR), Kolom("sasaran", "Sasaran Strategis"),
             Kolom("indikator", "Indikator Kinerja Utama"),
             Kolom("definisi", "Definisi/Formula"), Kolom("satuan", "Satuan"),
             Kolom("sumber_data", "Sumber Data"), Kolom("nama_unit", "Penanggung Jawab"),
             Kolom("target", "Target", ANGKA), Kolom("realisasi", "Realisasi", ANGKA),
             Kolom("capaian", "Capaian (%)", PERSEN)]
    iku = [r for r in data.baris if r["iku"]]
    baris, gabung = [], []
    for n, (_, uraian, g) in enumerate(per_sasaran(iku), start=1):
        awal = len(baris)
        for r in g:
            row = {k.kunci: nilai(r.get(k.kunci)) for k in kolom[3:]}
            for k in ("definisi", "sumber_data", "nama_unit"):
                row[k] = "" if row[k] == "—" else row[k]
            row.update(no=n, sasaran=uraian, indikator=baris_indikator(data, r))
            baris.append(Baris(row))
        gabung += [("no", awal, len(baris) - 1), ("sasaran", awal, len(baris) - 1)]
    catatan = ["Catatan:", *catatan_rumus(data, iku), *catatan_kosong(iku)]
    return Tabel(kolom, baris, None, gabung, catatan)


def lembar(data: Data) -> Lembar:
    return Lembar("Lampiran III", judul_blok(data, "III"),
                  [5, 24, 30, 34, 10, 18, 20, 11, 11, 10], [tabel(data)])
