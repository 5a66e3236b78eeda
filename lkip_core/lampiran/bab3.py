"""The tables of Bab III "Akuntabilitas Kinerja" as a workbook of their own (annexes.md):
a summary of capaian per sasaran; per sasaran its capaian table (analysis 1), the comparison
with previous years (2), progress to the Renstra end target (3) and efficiency (6); and the
realisasi anggaran per program (B)."""

from __future__ import annotations

from .data import Data, baris_indikator, catatan_rumus, nilai, per_sasaran
from .lampiran_ii import label_sasaran
from .model import (
    ANGKA,
    INDEKS,
    KODE,
    NOMOR,
    PERSEN,
    RUPIAH,
    SUBTOTAL,
    TOTAL,
    Baris,
    Kolom,
    Lembar,
    Tabel,
    kosong,
)

LEBAR = [5, 46, 10, 15, 15, 15, 12, 12, 12, 20]


def _judul(data: Data, baris2: str) -> list[str]:
    return ["BAB III AKUNTABILITAS KINERJA", baris2, data.instansi.upper(),
            f"TAHUN {data.tahun}"]


def _ringkasan(data: Data) -> Lembar:
    kolom = [Kolom("no", "No", NOMOR), Kolom("sasaran", "Sasaran Strategis", lebar=2),
             Kolom("indikator", "Jumlah Indikator", NOMOR),
             Kolom("capaian", "Capaian (%)", PERSEN), Kolom("predikat", "Predikat"),
             Kolom("tanpa_capaian", "Indikator tanpa Capaian", NOMOR)]
    baris = [Baris({"no": n, "sasaran": r["uraian_sasaran"], "indikator": r["indikator"],
                    "capaian": nilai(r["capaian"]), "predikat": nilai(r["predikat"]),
                    "tanpa_capaian": r["tanpa_capaian"]})
             for n, r in enumerate(data.sasaran.to_dict("records"), start=1)]
    t = Tabel(kolom, baris, None, [], [
        "Catatan: capaian sasaran strategis adalah rata-rata capaian indikatornya; indikator "
        "tanpa capaian tidak dihitung. Rincian per sasaran ada di lembar berikutnya."])
    return Lembar("Ringkasan", _judul(data, "CAPAIAN KINERJA PER SASARAN STRATEGIS"), LEBAR,
                  [t], ttd=False)


def _uang_per_kode(data: Data) -> dict[str, dict]:
    """Pagu and realisasi of every program, kegiatan and sub kegiatan code."""
    h = data.anggaran
    out = {}
    for df in (h.sub_kegiatan, h.kegiatan, h.program):
        for r in df[["kode", "pagu", "realisasi"]].to_dict("records"):
            out[r["kode"]] = r
    return out


def _sasaran(data: Data, n: int, s: dict, uraian: str, rows: list[dict], uang: dict) -> Lembar:
    t = data.tahun
    ind = [baris_indikator(data, r) for r in rows]
    k1 = [Kolom("no", "No", NOMOR), Kolom("indikator", "Indikator Kinerja"),
          Kolom("satuan", "Satuan"), Kolom("target", f"Target {t}", ANGKA),
          Kolom("realisasi", f"Realisasi {t}", ANGKA), Kolom("capaian", "Capaian (%)", PERSEN),
          Kolom("predikat", "Predikat", lebar=2), Kolom("alasan", "Keterangan", lebar=2)]
    b1 = [Baris({"no": i, "indikator": ind[i - 1], "satuan": r["satuan"],
                 "target": nilai(r["target"]), "realisasi": nilai(r["realisasi"]),
                 "capaian": nilai(r["capaian"]), "predikat": nilai(r["predikat"]),
                 "alasan": "" if kosong(r["alasan"]) else r["alasan"]})
          for i, r in enumerate(rows, start=1)]
    b1.append(Baris({"no": label_sasaran(n, s), "capaian": nilai(s["capaian"]),
                     "predikat": nilai(s["predikat"])}, SUBTOTAL, gabung=("no", "realisasi")))
    t1 = Tabel(k1, b1, f"Tabel 1. Target dan realisasi kinerja tahun {t}", [],
               catatan_rumus(data, rows))
    k2 = [Kolom("no", "No", NOMOR), Kolom("indikator", "Indikator Kinerja"),
          Kolom("satuan", "Satuan"), Kolom("realisasi_t2", f"Realisasi {t - 2}", ANGKA),
          Kolom("realisasi_t1", f"Realisasi {t - 1}", ANGKA),
          Kolom("realisasi", f"Realisasi {t}", ANGKA), Kolom("target", f"Target {t}", ANGKA)]
    t2 = Tabel(k2, [Baris({"no": i, "indikator": ind[i - 1], "satuan": r["satuan"],
                           **{k.kunci: nilai(r[k.kunci]) for k in k2[3:]}})
                    for i, r in enumerate(rows, start=1)],
               f"Tabel 2. Realisasi {t} dibandingkan dengan tahun-tahun sebelumnya")
    k3 = [Kolom("no", "No", NOMOR), Kolom("indikator", "Indikator Kinerja"),
          Kolom("satuan", "Satuan"), Kolom("target_akhir_renstra", "Target Akhir Renstra", ANGKA),
          Kolom("tahun_akhir_renstra", "Tahun Akhir Renstra", NOMOR),
          Kolom("realisasi_sd_kini", f"Realisasi s.d. {t}", ANGKA),
          Kolom("capaian_renstra", "Capaian thd Renstra (%)", PERSEN)]
    t3 = Tabel(k3, [Baris({"no": i, "indikator": ind[i - 1], "satuan": r["satuan"],
                           **{k.kunci: nilai(r[k.kunci]) for k in k3[3:]}})
                    for i, r in enumerate(rows, start=1)],
               f"Tabel 3. Realisasi s.d. {t} terhadap target akhir Renstra", [],
               ["Realisasi s.d. tahun ini: jumlah realisasi tahun-tahun Renstra untuk indikator "
                "berjenis jumlah, selain itu realisasi tahun terakhir."])
    k4 = [Kolom("indikator", "Indikator", lebar=3), Kolom("capaian", "Capaian (%)", PERSEN),
          Kolom("pagu", "Pagu (Rp)", RUPIAH), Kolom("realisasi_uang", "Realisasi (Rp)", RUPIAH),
          Kolom("serapan_program", "Serapan (%)", PERSEN), Kolom("ie", "IE", INDEKS),
          Kolom("te", "TE", INDEKS), Kolom("efisiensi", "Keterangan")]
    b4 = []
    for i, r in enumerate(rows):
        u = {} if kosong(r["kode_program"]) else uang.get(r["kode_program"], {})
        ket = r["efisiensi"] if not kosong(r["efisiensi"]) else (
            "Tidak terkait anggaran" if kosong(r["kode_program"]) else "Tidak dapat dihitung")
        b4.append(Baris({"indikator": ind[i], "capaian": nilai(r["capaian"]),
                         "pagu": nilai(u.get("pagu")), "realisasi_uang": nilai(u.get("realisasi")),
                         "serapan_program": nilai(r["serapan_program"]), "ie": nilai(r["ie"]),
                         "te": nilai(r["te"]), "efisiensi": ket}))
    t4 = Tabel(k4, b4, "Tabel 4. Efisiensi penggunaan sumber daya", [], [
        "Pagu dan realisasi: program/kegiatan yang dikaitkan dengan indikator pada master. "
        "IE (indeks efisiensi) = Capaian / Serapan; TE (tingkat efisiensi) = IE − 1; "
        "IE ≥ 1 berarti efisien."])
    return Lembar(f"Sasaran {n}"[:31], _judul(data, f"SASARAN STRATEGIS {n}: {uraian}"),
                  LEBAR, [t1, t2, t3, t4], ttd=False, ulang="judul")


def _anggaran(data: Data) -> Lembar:
    kolom = [Kolom("no", "No", NOMOR), Kolom("kode", "Kode", KODE),
             Kolom("nama", "Program", lebar=3), Kolom("pagu", "Pagu (Rp)", RUPIAH),
             Kolom("realisasi", "Realisasi (Rp)", RUPIAH), Kolom("serapan", "Serapan (%)", PERSEN),
             Kolom("fisik", "Fisik (%)", PERSEN), Kolom("sisa", "Sisa (Rp)", RUPIAH)]
    h = data.anggaran
    baris = [Baris({"no": n, "kode": r["kode"], "nama": r["nama"] or r["kode"],
                    **{k: nilai(r[k]) for k in ("pagu", "realisasi", "serapan", "fisik", "sisa")}})
             for n, r in enumerate(h.program.to_dict("records"), start=1)]
    semua = list(range(len(baris)))
    baris.append(Baris({"no": "Jumlah", **{k: nilai(h.total[k]) for k in (
        "pagu", "realisasi", "serapan", "fisik", "sisa")}}, TOTAL,
        jumlah={k: semua for k in ("pagu", "realisasi", "sisa")}, gabung=("no", "nama")))
    t = Tabel(kolom, baris, None, [], [
        "Serapan = Realisasi / Pagu × 100 %, dari jumlah rupiah; fisik: rata-rata fisik sub "
        "kegiatan ditimbang dengan pagu. Rincian per sub kegiatan ada di Lampiran IV."])
    return Lembar("Realisasi Anggaran",
                  _judul(data, "B. REALISASI ANGGARAN PER PROGRAM"),
                  [5, 12, 18, 18, 18, 17, 17, 11, 11, 17], [t], ttd=False)


def lembar_bab3(data: Data) -> list[Lembar]:
    uang = _uang_per_kode(data)
    sheets = [_ringkasan(data)]
    sasaran = {r["kode_sasaran"]: r for r in data.sasaran.to_dict("records")}
    for n, (kode, uraian, rows) in enumerate(per_sasaran(data.baris), start=1):
        sheets.append(_sasaran(data, n, sasaran[kode], uraian, rows, uang))
    sheets.append(_anggaran(data))
    return sheets
