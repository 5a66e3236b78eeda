"""The book's variables (templat.VARIABEL), built from the year's materials and prose.

Tables are the annex layout objects (`lampiran`: Lampiran I–V, the Bab III tables) written as
Word tables, so every figure equals the annexes'; the prose is the sections' text with its
fields filled from the engine now. Captions are numbered per chapter in reading order
("Tabel 3.4", "Gambar 3.2"); the Ikhtisar's table, in the front matter, is "Tabel i".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from .. import fmt
from ..fmt import ROMAWI
from ..lampiran import bab3, lampiran_i, lembar_lampiran
from ..lampiran.data import baris_indikator, catatan_rumus, nilai, per_sasaran
from ..lampiran.model import ANGKA, NOMOR, PERSEN, TEKS, Baris, Kolom, Lembar, Tabel, kosong
from . import grafik
from .bagian import DAFTAR
from .bahan import Bahan
from .medan import Medan
from .ooxml import GAYA_JUDUL_LAMPIRAN, Xml, paragraf, prosa, run, tanda_tangan
from .tabel import ISI_LANSKAP_MM, ISI_POTRET_MM, tabel_xml
from .teks import Isi

ROMAWI_BAB = dict(enumerate(ROMAWI[:4], start=1))
# Indicators from which Bab II and Bab III's per-sasaran tables list the IKU only: a city's whole
# Perjanjian Kinerja (thousands of indicators) is Lampiran I of the same book, row for row, and
# Lampiran II repeats them with their realisasi, capaian, past years and Renstra targets; the
# chapters printing them again only add pages (and minutes). A sasaran without IKU keeps every
# indicator (its tables would be empty). Bab III's efficiency table keeps every indicator: its
# IE/TE are in no annex.
BATAS_RINCI = 300
SUMBER = "Sumber: data realisasi unit kerja dan DPA tahun {tahun}, diolah."
# the pieces' PNGs, caption → {"gambar": InlineImage, "judul": …} (dokumen.buat_docx)
Gambar = Callable[[list[bytes], str], dict]


class Penomor:
    """Caption numbers per chapter, in the order the captions are made."""

    def __init__(self):
        self._n: dict[tuple[str, str], int] = defaultdict(int)
        self.judul: list[str] = []

    def __call__(self, jenis: str, bab: str, judul: str) -> str:
        self._n[(jenis, bab)] += 1
        no = self._n[(jenis, bab)]
        label = f"{jenis} {bab}" if bab.isalpha() and bab.islower() else f"{jenis} {bab}.{no}"
        teks = f"{label} {judul}"
        self.judul.append(teks)
        return teks


class Pembangun:
    def __init__(self, bahan: Bahan, isi: dict[str, Isi], gambar: Gambar,
                 lukis: Callable[[list[tuple]], list[bytes | None] | Callable]):
        self.b, self.isi, self.gambar, self.lukis = bahan, isi, gambar, lukis
        self.medan = Medan(bahan)
        self.no = Penomor()
        self.peringatan: list[str] = []
        self.t = bahan.tahun

    # --- pieces -------------------------------------------------------------------------------
    def prosa(self, kunci: str) -> Xml:
        i = self.isi.get(kunci)
        if i is None:
            return Xml("")
        salah = self.medan.tidak_dikenal(i.teks)
        if salah:
            self.peringatan.append(f"{i.bagian.judul}: isian tidak dikenal "
                                   + ", ".join(f"[[{s}]]" for s in salah) + " dicetak “—”.")
        return prosa(self.medan.isi(i.teks), daftar=i.bagian.jenis == DAFTAR)

    def tabel(self, bab: str, judul: str, t: Tabel, *, catatan=(), lanskap: bool = False
              ) -> Xml:
        return tabel_xml(t, isi_mm=ISI_LANSKAP_MM if lanskap else ISI_POTRET_MM,
                         kecil=len(t.kolom) > 9, judul=self.no("Tabel", bab, judul),
                         catatan=catatan)

    def gbr(self, bab: str, judul: str, png: list[bytes]) -> dict | None:
        """A figure of one picture or of several pieces (a tall chart: `grafik.potongan`)."""
        return self.gambar(png, self.no("Gambar", bab, judul)) if png else None

    def ringkas(self) -> bool:
        """Whether the chapters list the IKU only (BATAS_RINCI)."""
        d = self.b.data
        return len(d.baris) > BATAS_RINCI and any(r["iku"] for r in d.baris)

    # --- chapters -------------------------------------------------------------------------------
    def tabel_iku(self) -> Xml:
        d = self.b.data
        iku = [r for r in d.baris if r["iku"]] or d.baris
        kolom = [Kolom("no", "No", NOMOR), Kolom("sasaran", "Sasaran Strategis"),
                 Kolom("indikator", "Indikator Kinerja Utama"),
                 Kolom("satuan", "Satuan"), Kolom("target", "Target", ANGKA),
                 Kolom("realisasi", "Realisasi", ANGKA),
                 Kolom("capaian", "Capaian (%)", PERSEN),
                 Kolom("predikat", "Predikat")]
        baris, gabung = [], []
        for n, (_, uraian, g) in enumerate(per_sasaran(iku), start=1):
            awal = len(baris)
            for r in g:
                baris.append(Baris({"no": n, "sasaran": uraian,
                                    "indikator": baris_indikator(d, r), "satuan": r["satuan"],
                                    **{k: nilai(r[k]) for k in ("target", "realisasi",
                                                                "capaian", "predikat")}}))
            gabung += [("no", awal, len(baris) - 1), ("sasaran", awal, len(baris) - 1)]
        t = Tabel(kolom, baris, None, gabung, catatan_rumus(d, iku))
        return self.tabel("i", f"Capaian Indikator Kinerja Utama Tahun {self.t}", t)

    def bab1(self) -> dict:
        u = self.b.unit
        kolom = [Kolom("no", "No", NOMOR), Kolom("unit", "Unit Kerja"),
                 Kolom("jenis", "Jenis"), Kolom("pejabat", "Pejabat")]
        jenis = {"opd": "Pimpinan", "sekretariat": "Sekretariat", "bidang": "Bidang",
                 "upt": "UPT"}
        baris = [Baris({"no": i, "unit": r.nama_unit, "jenis": jenis.get(r.jenis_unit, "Unit"),
                        "pejabat": "" if kosong(r.nama_pejabat) else r.nama_pejabat})
                 for i, r in enumerate(u.itertuples(), start=1)]
        out = {k: self.prosa(f"bab1_{k}") for k in (
            "latar_belakang", "dasar_hukum", "tupoksi", "struktur", "isu_strategis",
            "sistematika")}
        out["tabel_unit"] = self.tabel("1", f"Unit Kerja {self.b.instansi}",
                                       Tabel(kolom, baris))
        return out

    def bab2(self) -> dict:
        d, b = self.b.data, self.b
        ada_tujuan = bool(b.tujuan)
        kolom = [Kolom("no", "No", NOMOR)]
        if ada_tujuan:
            kolom.append(Kolom("tujuan", "Tujuan"))
        kolom += [Kolom("sasaran", "Sasaran Strategis"),
                  Kolom("indikator", "Indikator Kinerja"), Kolom("iku", "IKU"),
                  Kolom("satuan", "Satuan"),
                  Kolom("kondisi_awal", "Kondisi Awal", ANGKA),
                  Kolom("target_akhir_renstra", f"Target {b.renstra[1]}", ANGKA)]
        ringkas = self.ringkas()

        def pilih(g: list[dict]) -> list[dict]:
            return [r for r in g if r["iku"]] if ringkas else g

        baris, gabung = [], []
        for n, (kode, uraian, g) in enumerate(b.kelompok, start=1):
            awal = len(baris)
            for r in pilih(g):
                baris.append(Baris({"no": n, "tujuan": b.tujuan.get(kode, ("", ""))[1],
                                    "sasaran": uraian, "indikator": baris_indikator(d, r),
                                    "iku": "Ya" if r["iku"] else "",
                                    "satuan": r["satuan"], "kondisi_awal": nilai(
                                        r["kondisi_awal"]),
                                    "target_akhir_renstra": nilai(r["target_akhir_renstra"])}))
            if len(baris) > awal:
                for k in ("no", "tujuan", "sasaran") if ada_tujuan else ("no", "sasaran"):
                    gabung.append((k, awal, len(baris) - 1))
        renstra = Tabel(kolom, baris, None, gabung)
        catatan, judul_ikk = [], "Indikator Kinerja"
        if ringkas:
            n_iku = sum(bool(r["iku"]) for r in d.baris)
            judul_ikk = "Indikator Kinerja Utama"
            catatan = [f"Tabel ini memuat {fmt.angka(n_iku, 0)} Indikator Kinerja Utama (IKU). "
                       f"Seluruh {fmt.angka(len(d.baris), 0)} indikator kinerja beserta "
                       "targetnya tercantum pada Lampiran I (Perjanjian Kinerja) dan Lampiran "
                       "II (Pengukuran Kinerja)."]
        return {
            "renstra": self.prosa("bab2_renstra"), "pk": self.prosa("bab2_pk"),
            "tabel_renstra": self.tabel("2", f"Tujuan, Sasaran, dan {judul_ikk} Renstra "
                                             f"{b.renstra[0]}–{b.renstra[1]}", renstra,
                                        catatan=catatan),
            "tabel_pk": self.tabel("2", f"Perjanjian Kinerja Tahun {self.t}"
                                   + (" (Indikator Kinerja Utama)" if ringkas else ""),
                                   self._tabel_pk(pilih) if ringkas else lampiran_i.tabel_pk(d),
                                   catatan=catatan),
            "tabel_program": self.tabel("2", f"Program dan Anggaran Tahun {self.t}",
                                        lampiran_i.tabel_program(d)),
        }

    def _tabel_pk(self, pilih: Callable[[list[dict]], list[dict]]) -> Tabel:
        """Lampiran I's PK table (`lampiran_i.tabel_pk`: its columns) over the indicators
        `pilih` keeps, each sasaran keeping its number (the one Bab III gives it)."""
        d = self.b.data
        pk = lampiran_i.tabel_pk(replace(d, capaian=d.capaian.iloc[:0]))
        baris, gabung = [], []
        for n, (_, uraian, g) in enumerate(self.b.kelompok, start=1):
            awal = len(baris)
            for r in pilih(g):
                baris.append(Baris({"no": n, "sasaran": uraian,
                                    "indikator": baris_indikator(d, r), "satuan": r["satuan"],
                                    "target": nilai(r["target"])}))
            if len(baris) > awal:
                gabung += [("no", awal, len(baris) - 1), ("sasaran", awal, len(baris) - 1)]
        return Tabel(pk.kolom, baris, pk.judul, gabung, pk.catatan)

    def _skala(self) -> Tabel:
        kolom = [Kolom("rentang", "Capaian (%)", TEKS), Kolom("predikat", "Predikat")]
        baris, atas = [], None
        for ambang, label in self.b.skala:
            if atas is None:
                teks = f"≥ {fmt.angka(ambang, 0)}"
            elif ambang == float("-inf"):
                teks = f"< {fmt.angka(atas, 0)}"
            else:
                teks = f"{fmt.angka(ambang, 0)} sampai < {fmt.angka(atas, 0)}"
            baris.append(Baris({"rentang": teks, "predikat": label}))
            atas = ambang
        return Tabel(kolom, baris)

    def jobs_grafik(self) -> list[list[tuple]]:
        """Bab III's charts to draw: each figure a list of pieces (grafik.potongan: a tall bar
        chart in page-sized pieces)."""
        b, d = self.b, self.b.data
        sas = d.sasaran.to_dict("records")
        maks = grafik.maks_capaian(sas)
        jobs: list[list] = [[(grafik.capaian_sasaran, sas[a:z], b.skala, grafik.judul_potongan(
            "Capaian per sasaran strategis", i), a + 1, maks)
            for i, (a, z) in enumerate(grafik.potongan(len(sas), grafik.BARIS_PER_GAMBAR))]]
        for n, (_, _, rows) in enumerate(b.kelompok, start=1):
            maks = grafik.maks_capaian(rows)
            jobs.append([(grafik.capaian_indikator, rows[a:z], b.skala, grafik.judul_potongan(
                f"Sasaran {n}: capaian indikator tahun {self.t}", i), maks)
                for i, (a, z) in enumerate(grafik.potongan(len(rows),
                                                           grafik.BARIS_PER_GAMBAR))])
            riw = {r["kode_indikator"]: b.riwayat_indikator(r["kode_indikator"]) for r in rows}
            jobs.append([(grafik.tren_capaian, rows, riw, self.t,
                          f"Sasaran {n}: capaian indikator dari tahun ke tahun")])
        prog = d.anggaran.program.to_dict("records")
        maks = grafik.maks_pagu(prog)
        jobs.append([(grafik.anggaran_program, prog[a:z], grafik.judul_potongan(
            "Pagu dan realisasi per program", i), maks)
            for i, (a, z) in enumerate(grafik.potongan(len(prog), grafik.PROGRAM_PER_GAMBAR))]
            if prog else [])
        jobs.append([(grafik.serapan_tw, d.anggaran.per_tw().to_dict("records"),
                      "Serapan kumulatif per triwulan terhadap rencana (RAK)")] if prog else [])
        return jobs

    def bab3(self, png: list[list[bytes]]) -> dict:
        """Bab III, `png` the charts of `jobs_grafik`, drawn."""
        b, d = self.b, self.b.data
        lembar = bab3.lembar_bab3(d)
        per = lembar[1:-1]
        out = {"pengukuran": self.prosa("bab3_pengukuran"),
               "tabel_skala": self.tabel("3", "Skala Predikat Capaian Kinerja", self._skala()),
               "ringkasan": self.prosa("bab3_ringkasan"),
               "tabel_ringkasan": self.tabel("3", f"Capaian Sasaran Strategis Tahun {self.t}",
                                             lembar[0].tabel[0]),
               "gambar_ringkasan": self.gbr("3", f"Capaian Sasaran Strategis Tahun {self.t}",
                                            png[0])}
        out["sasaran"] = [self._sasaran(n, kode, uraian, rows, per[n - 1], png[2 * n - 1],
                                        png[2 * n])
                          for n, (kode, uraian, rows) in enumerate(b.kelompok, start=1)]
        out["anggaran"] = self.prosa("bab3_anggaran")
        out["tabel_anggaran"] = self.tabel("3", f"Realisasi Anggaran per Program Tahun {self.t}",
                                           lembar[-1].tabel[0])
        out["gambar_anggaran"] = self.gbr("3", f"Pagu dan Realisasi Anggaran per Program Tahun "
                                               f"{self.t}", png[-2])
        out["gambar_serapan"] = self.gbr("3", "Serapan Anggaran Kumulatif per Triwulan "
                                              "terhadap RAK", png[-1])
        return out

    def _sasaran(self, n: int, kode: str, uraian: str, rows: list[dict], lb: Lembar,
                 png_capaian: list[bytes], png_riwayat: list[bytes]) -> dict:
        (t1, t2, t3), ket_iku = self._iku_saja(rows, lb.tabel[:3])
        t4 = lb.tabel[3]
        standar = self.prosa(f"bab3_standar:{kode}")
        huruf = iter("abcdefg")
        sub = {"target": f"{next(huruf)}. Target dan Realisasi Kinerja Tahun {self.t}",
               "riwayat": f"{next(huruf)}. Perbandingan dengan Tahun-Tahun Sebelumnya",
               "renstra": f"{next(huruf)}. Perbandingan dengan Target Akhir Renstra"}
        if standar:
            sub["standar"] = f"{next(huruf)}. Perbandingan dengan Standar Nasional"
        sub.update(sebab=f"{next(huruf)}. Penyebab Keberhasilan/Kegagalan dan Solusi",
                   efisiensi=f"{next(huruf)}. Efisiensi Penggunaan Sumber Daya",
                   program=f"{next(huruf)}. Program dan Kegiatan Pendukung")
        sumber = SUMBER.format(tahun=self.t)
        out = {"judul": f"{n}. Sasaran Strategis {n}: {uraian}", "sub": sub,
               "analisis": self.prosa(f"bab3_analisis:{kode}"), "standar": standar}
        out["tabel_target"] = self.tabel("3", f"Target dan Realisasi Kinerja Sasaran {n} "
                                              f"Tahun {self.t}", t1, catatan=[*ket_iku, *(
            ["Capaian sasaran pada baris terakhir dihitung dari seluruh indikatornya."]
            if ket_iku else []), sumber])
        out["gambar_capaian"] = self.gbr("3", f"Capaian Indikator Sasaran {n} Tahun {self.t}",
                                         png_capaian)
        out["tabel_riwayat"] = self.tabel("3", f"Realisasi Indikator Sasaran {n} Tahun "
                                               f"{self.t - 2}–{self.t}", t2,
                                           catatan=ket_iku)
        out["gambar_riwayat"] = self.gbr("3", f"Capaian Indikator Sasaran {n} dari Tahun ke "
                                              "Tahun", png_riwayat)
        label_t = out["tabel_riwayat"].judul.split(" ")[1]
        teks = f"Realisasi tahun {self.t} dibandingkan dengan dua tahun sebelumnya disajikan " \
               f"pada Tabel {label_t}"
        if out["gambar_riwayat"]:
            teks += f", dan perkembangan capaiannya pada Gambar " \
                    f"{out['gambar_riwayat']['judul'].split(' ')[1]}"
        out["teks_riwayat"] = teks + "."
        out["tabel_renstra"] = self.tabel("3", f"Realisasi Sasaran {n} terhadap Target Akhir "
                                               "Renstra", t3, catatan=ket_iku)
        out["sebab"] = self.prosa(f"bab3_sebab:{kode}")
        out["efisiensi"] = self.prosa(f"bab3_efisiensi:{kode}")
        out["tabel_efisiensi"] = self.tabel("3", f"Efisiensi Penggunaan Sumber Daya Sasaran {n}",
                                            t4)
        out["program"] = self.prosa(f"bab3_program:{kode}")
        return out

    def _iku_saja(self, rows: list[dict], tabel: list[Tabel]) -> tuple[list[Tabel], list[str]]:
        """A sasaran's target, past-years and Renstra tables (`lampiran.bab3`: one row per
        indicator of `rows`, the target table then its sasaran row) over its IKU only when the
        book is `ringkas`, and the note under each saying so; else as they are."""
        pilih = [i for i, r in enumerate(rows) if r["iku"]]
        if not pilih or not self.ringkas():
            return tabel, []
        d, n = self.b.data, len(rows)
        iku = [rows[i] for i in pilih]
        out = [replace(t, baris=[t.baris[i] for i in pilih] + t.baris[n:], gabung=[],
                       catatan=catatan_rumus(d, iku) if k == 0 else t.catatan)
               for k, t in enumerate(tabel)]
        lain = n - len(pilih)
        return out, [f"Tabel ini memuat {fmt.angka(len(pilih), 0)} Indikator Kinerja Utama (IKU) "
                     f"sasaran ini. {fmt.angka(lain, 0)} indikator lainnya tercantum, bersama "
                     f"seluruh {fmt.angka(n, 0)} indikator sasaran ini, pada Lampiran II "
                     "(Pengukuran Kinerja)."]

    def lampiran(self) -> dict:
        out = {}
        for i, lb in enumerate(lembar_lampiran(self.b.data)):
            kode = ("i", "ii", "iii", "iv", "v")[i]
            out[kode] = Xml(self._lampiran(lb, lanskap=i > 0))
        return out

    def _lampiran(self, lb: Lembar, lanskap: bool) -> str:
        d = self.b.data
        lampiran, judul, *sisa = lb.judul
        xml = [paragraf(f"{lampiran}: {judul}", "Heading1")]
        xml += [paragraf(teks, GAYA_JUDUL_LAMPIRAN) for teks in sisa]
        xml.append(paragraf(""))
        for t in lb.tabel:
            if t.judul:
                xml.append(paragraf([run(t.judul, tebal=True)], None, bersama=True,
                                    sebelum=120, sesudah=60, mentah=True))
            xml.append(tabel_xml(t, isi_mm=ISI_LANSKAP_MM if lanskap
                                 else ISI_POTRET_MM, kecil=len(t.kolom) > 9).xml)
        if lb.ttd:
            tempat = f"{d.tempat}, {d.tanggal}" if d.tempat else d.tanggal
            xml.append(tanda_tangan(tempat, self.b.jabatan_kepala, d.pejabat, d.nip,
                                    lebar_kiri=8500 if lanskap else 4800))
        return "".join(xml)

    def bangun(self) -> dict:
        d, b = self.b.data, self.b
        # the charts drawn (a pool of processes, `lukis`) while the chapters before Bab III and
        # the annexes are built; `lukis` returns the drawings or what waits for them
        jobs = self.jobs_grafik()
        tunggu = self.lukis([j for potong in jobs for j in potong])
        try:
            ctx = {"tahun": self.t, "tahun_terbit": self.t + 1, "instansi": b.instansi,
                   "pemda": b.pemda, "kepala_daerah": b.kepala_daerah,
                   "ttd": {"tempat_tanggal": f"{d.tempat}, {d.tanggal}" if d.tempat else d.tanggal,
                           "jabatan": b.jabatan_kepala, "nama": d.pejabat or "…………………………",
                           "nip": d.nip or "…"},
                   "kata_pengantar": self.prosa("kata_pengantar"),
                   "ikhtisar": self.prosa("ikhtisar"), "tabel_iku": self.tabel_iku(),
                   "ikhtisar_penutup": self.prosa("ikhtisar_penutup")}
            ctx["bab1"] = self.bab1()
            ctx["bab2"] = self.bab2()
            lampiran = self.lampiran()
        except BaseException:
            if callable(tunggu):
                tunggu()  # the pool ended before the error goes on
            raise
        semua = iter(tunggu() if callable(tunggu) else tunggu)
        ctx["bab3"] = self.bab3([[g for g in (next(semua) for _ in potong) if g is not None]
                                 for potong in jobs])
        ctx["bab4"] = {"kesimpulan": self.prosa("bab4_kesimpulan"),
                       "langkah": self.prosa("bab4_langkah")}
        ctx["lampiran"] = lampiran
        return ctx
