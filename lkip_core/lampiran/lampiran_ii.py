"""Lampiran II — Pengukuran Kinerja: target, realisasi, capaian and predikat of every
indicator, grouped by sasaran with the sasaran's capaian, previous years and Renstra progress."""

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
from .model import ANGKA, NOMOR, PERSEN, SUBTOTAL, Baris, Kolom, Lembar, Tabel


def label_sasaran(n: int, s: dict) -> str:
    """The label of a sasaran capaian row; says how many indicators had no capaian."""
    teks = f"Capaian Sasaran Strategis {n} (rata-rata capaian indikator)"
    if s["tanpa_capaian"]:
        teks += f"; {s['tanpa_capaian']} indikator tanpa capaian tidak dihitung"
    return teks


def tabel(data: Data) -> Tabel:
    t = data.tahun
    kolom = [Kolom("no", "No", NOMOR), Kolom("sasaran", "Sasaran Strategis"),
             Kolom("indikator", "Indikator Kinerja"), Kolom("satuan", "Satuan"),
             Kolom("target", "Target", ANGKA), Kolom("realisasi", "Realisasi", ANGKA),
             Kolom("capaian", "Capaian (%)", PERSEN), Kolom("predikat", "Predikat"),
             Kolom("realisasi_t1", f"Realisasi {t - 1} (t−1)", ANGKA),
             Kolom("realisasi_t2", f"Realisasi {t - 2} (t−2)", ANGKA),
             Kolom("target_akhir_renstra", "Target Akhir Renstra", ANGKA),
             Kolom("capaian_renstra", "Capaian thd Renstra (%)", PERSEN)]
    sasaran = {r["kode_sasaran"]: r for r in data.sasaran.to_dict("records")}
    baris, gabung = [], []
    for n, (kode, uraian, g) in enumerate(per_sasaran(data.baris), start=1):
        awal = len(baris)
        for r in g:
            row = {k.kunci: nilai(r.get(k.kunci)) for k in kolom[3:]}
            row.update(no=n, sasaran=uraian, indikator=baris_indikator(data, r))
            baris.append(Baris(row))
        gabung += [("no", awal, len(baris) - 1), ("sasaran", awal, len(baris) - 1)]
        s = sasaran[kode]
        baris.append(Baris({"no": label_sasaran(n, s), "capaian": nilai(s["capaian"]),
                            "predikat": nilai(s["predikat"])}, SUBTOTAL,
                           gabung=("no", "realisasi")))
    catatan = ["Catatan:", *catatan_rumus(data, data.baris),
               "Capaian sasaran strategis adalah rata-rata capaian indikatornya; indikator "
               "tanpa capaian (—) tidak dihitung.", *catatan_kosong(data.baris)]
    return Tabel(kolom, baris, None, gabung, catatan)


def lembar(data: Data) -> Lembar:
    return Lembar("Lampiran II", judul_blok(data, "II"),
                  [5, 26, 36, 10, 11, 11, 10, 12, 11, 11, 11, 11], [tabel(data)])
