"""Lampiran V — Rencana Aksi dan Realisasi per Triwulan: each indicator's TW targets,
realisasi and capaian, then the budget per program per TW."""

from __future__ import annotations

from .data import ROMAWI_TW, Data, baris_indikator, catatan_rumus, judul_blok, nilai, per_sasaran
from .model import ANGKA, NOMOR, PERSEN, RUPIAH, TEKS, TOTAL, Baris, Kolom, Lembar, Tabel

TW = (1, 2, 3, 4)


def tabel_kinerja(data: Data) -> Tabel:
    kolom = [Kolom("no", "No", NOMOR), Kolom("indikator", "Indikator Kinerja"),
             Kolom("satuan", "Satuan"), Kolom("target", "Target Tahunan", ANGKA)]
    for grup, kunci, jenis in (("Target", "target_tw", ANGKA),
                               ("Realisasi", "realisasi_tw", ANGKA),
                               ("Capaian (%)", "capaian_tw", PERSEN)):
        kolom += [Kolom(f"{kunci}{n}", f"TW {ROMAWI_TW[n - 1]}", jenis, grup) for n in TW]
    baris = []
    no = 0
    for _, _, g in per_sasaran(data.baris):
        for r in g:
            no += 1
            row = {k.kunci: nilai(r.get(k.kunci)) for k in kolom[2:]}
            row.update(no=no, indikator=baris_indikator(data, r))
            baris.append(Baris(row))
    catatan = [
        "Catatan:", "Realisasi TW adalah nilai yang dilaporkan untuk triwulan itu. Capaian TW "
        "dihitung dari realisasi s.d. triwulan itu (menurut cara agregasi indikator: jumlah, "
        "nilai terakhir, atau rata-rata) terhadap target TW; bila target TW tidak ditetapkan "
        "(—), terhadap target tahunan.", *catatan_rumus(data, data.baris)]
    return Tabel(kolom, baris, "A. Rencana aksi dan realisasi kinerja per triwulan", [],
                 catatan)


def tabel_anggaran(data: Data) -> Tabel:
    kolom = [Kolom("no", "No", NOMOR), Kolom("program", "Program", TEKS, lebar=2),
             Kolom("pagu", "Pagu (Rp)", RUPIAH, lebar=2)]
    kolom += [Kolom(f"keuangan_tw{n}", f"TW {ROMAWI_TW[n - 1]}", RUPIAH,
                    "Realisasi (Rp)", lebar=2) for n in TW]
    kolom.append(Kolom("serapan", "Serapan s.d. TW IV (%)", PERSEN, lebar=3))
    h = data.anggaran
    baris = []
    for n, r in enumerate(h.program.to_dict("records"), start=1):
        row = {k.kunci: nilai(r.get(k.kunci)) for k in kolom[2:]}
        row.update(no=n, program=r["nama"] or r["kode"])
        baris.append(Baris(row))
    total = {"no": "Jumlah", "pagu": h.total["pagu"], "serapan": nilai(h.total["serapan"])}
    for n in TW:
        total[f"keuangan_tw{n}"] = float(h.sub_kegiatan[f"_keuangan_tw{n}"].sum())
    semua = list(range(len(baris)))
    baris.append(Baris(total, TOTAL, jumlah={k.kunci: semua for k in kolom[2:-1]},
                       gabung=("no", "program")))
    return Tabel(kolom, baris, "B. Realisasi anggaran per program per triwulan", [],
                 ["Serapan s.d. TW IV = jumlah realisasi TW I–IV / Pagu × 100 %."])


def lembar(data: Data) -> Lembar:
    # Narrow TW columns (the values are short) keep the print scale, and the font, up.
    return Lembar("Lampiran V", judul_blok(data, "V"), [5, 34, 9, 9.5, *[8.5] * 12],
                  [tabel_kinerja(data), tabel_anggaran(data)])
