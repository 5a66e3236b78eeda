"""Draft Bab III paragraphs above the single indicator: per sasaran, on efficiency, on the
programs that support a sasaran, and on the budget (Bab III B).

Like `narasi`, every figure is a field (`medan_*`): plain text by default, `[[KODE.nama]]` with
`medan=True` for the LKIP book's editable prose. Field names of the whole year have no code:
`[[pagu]]`, `[[serapan]]`, …
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import fmt
from . import rumus
from .anggaran import HasilAnggaran
from .narasi import _r, ada, banding_persen, medan_indikator, penulis

# Serapan below this is called low in the draft (a planner's rule of thumb, not a regulation).
SERAPAN_RENDAH = 85.0


def _urut_predikat(skala: Sequence[tuple[float, str]]) -> list[str]:
    return [label for _, label in skala]


def gabung(bagian: list[str]) -> str:
    """"a", "a dan b", "a, b, dan c"."""
    if len(bagian) <= 1:
        return "".join(bagian)
    if len(bagian) == 2:
        return f"{bagian[0]} dan {bagian[1]}"
    return ", ".join(bagian[:-1]) + f", dan {bagian[-1]}"


def medan_sasaran(s: Mapping, rows: list[dict], tahun: int,
                  skala: Sequence[tuple[float, str]]) -> dict[str, str]:
    """A sasaran's figures by field name: capaian (the mean of its indicators), predikat, the
    change against last year's mean, how many indicators fall in each predikat."""
    cap = s.get("capaian")
    cap_t1, _ = rumus.capaian_sasaran([r.get("capaian_t1") for r in rows])
    hitung: dict[str, int] = {}
    for r in rows:
        if ada(r.get("predikat")):
            hitung[r["predikat"]] = hitung.get(r["predikat"], 0) + 1
    sebaran = [f"{fmt.angka(hitung[p], 0)} indikator berkategori {p}" for p in _urut_predikat(skala)
               if hitung.get(p)]
    tanpa = int(s.get("tanpa_capaian") or 0)
    return {
        "uraian": str(s.get("uraian_sasaran") or s.get("kode_sasaran")),
        "capaian": fmt.persen(cap if ada(cap) else None),
        "predikat": str(s.get("predikat")) if ada(s.get("predikat")) else fmt.KOSONG,
        "capaian_t1": fmt.persen(cap_t1),
        "banding": banding_persen(cap if ada(cap) else None, cap_t1, tahun - 1),
        "jumlah_indikator": fmt.angka(len(rows), 0),
        "tanpa_capaian": fmt.angka(tanpa, 0),
        "sebaran": gabung(sebaran) or "belum ada indikator yang dapat diukur",
    }


def narasi_sasaran(nomor: int, s: Mapping, rows: list[dict], tahun: int,
                   skala: Sequence[tuple[float, str]], *, medan: bool = False) -> str:
    """The opening paragraph of a sasaran in Bab III A: its capaian and predikat, the change
    against last year, how its indicators spread over the predikat, the best and the worst."""
    kode = str(s.get("kode_sasaran"))
    m = medan_sasaran(s, rows, tahun, skala)
    t = penulis(kode, m, medan)
    kal = [f"Sasaran strategis {nomor}, \"{m['uraian']}\", diukur dengan "
           f"{t('jumlah_indikator')} indikator kinerja."]
    if ada(s.get("capaian")):
        k = f"Capaian sasaran ini pada tahun {tahun} sebesar {t('capaian')} (kategori " \
            f"{t('predikat')})"
        if m["banding"]:
            k += f", {t('banding')}"
        kal.append(k + ".")
        keterangan = "Capaian sasaran adalah rata-rata capaian indikatornya"
        if int(s.get("tanpa_capaian") or 0):
            keterangan += (f"; {t('tanpa_capaian')} indikator yang belum dapat diukur tidak "
                           "ikut dihitung")
        kal.append(keterangan + f". Menurut kategorinya, {t('sebaran')}.")
    else:
        kal.append(f"Capaian sasaran ini pada tahun {tahun} belum dapat dihitung karena belum "
                   "ada indikatornya yang memiliki capaian.")
    ukur = [r for r in rows if ada(r.get("capaian"))]
    if len(ukur) >= 2:
        hi = max(ukur, key=lambda r: r["capaian"])
        lo = min(ukur, key=lambda r: r["capaian"])
        th, tl = (penulis(str(x["kode_indikator"]), {"capaian": fmt.persen(x["capaian"])},
                          medan) for x in (hi, lo))
        kal.append(f"Capaian tertinggi dicapai indikator {hi['uraian_indikator']} "
                   f"({th('capaian')}) dan terendah indikator {lo['uraian_indikator']} "
                   f"({tl('capaian')}).")
    return " ".join(kal)


def nama_anggaran(hasil: HasilAnggaran) -> dict[str, str]:
    """Program, kegiatan and sub kegiatan code → name (the code where the DPA has no name)."""
    out: dict[str, str] = {}
    for df in (hasil.program, hasil.kegiatan, hasil.sub_kegiatan):
        for kode, nama in zip(df["kode"], df["nama"]):
            out[kode] = nama if ada(nama) else kode
    return out


def _nama(kode: str, nama: Mapping[str, str]) -> str:
    teks = nama.get(kode)
    return f"{_huruf_judul(teks)} ({kode})" if teks and teks != kode else kode


def _huruf_judul(teks: str) -> str:
    """"PROGRAM KEPEGAWAIAN DAERAH" reads better in a sentence as "Program Kepegawaian Daerah"."""
    return teks.title() if teks.isupper() else teks


def narasi_efisiensi(rows: list[dict], nama: Mapping[str, str], *, medan: bool = False) -> str:
    """Analysis 6, efficiency of resources: each indicator linked to a budget code, its
    capaian against the serapan of that budget, IE and its meaning."""
    kal, tanpa = [], []
    for row in rows:
        r = _r(row)
        kode = str(r["kode_indikator"])
        if not ada(r.get("kode_program")):
            tanpa.append(str(r.get("uraian_indikator") or kode))
            continue
        t = penulis(kode, medan_indikator(r), medan)
        anggaran = _nama(str(r["kode_program"]), nama)
        if r.get("ie") is None:
            kal.append(f"Indikator {r.get('uraian_indikator')} dikaitkan dengan anggaran "
                       f"{anggaran}, tetapi indeks efisiensinya belum dapat dihitung "
                       f"({_alasan_ie(r)}).")
            continue
        kal.append(f"Indikator {r.get('uraian_indikator')} dengan capaian {t('capaian')} "
                   f"didukung anggaran {anggaran} yang terserap {t('serapan')} "
                   f"({t('realisasi_program')} dari pagu {t('pagu_program')}), sehingga "
                   f"indeks efisiensinya {t('ie')} ({t('efisiensi')}).")
    if kal:
        kal.append("Indeks efisiensi (IE) adalah capaian kinerja dibagi serapan anggaran; IE "
                   "sama dengan atau lebih dari 1 berarti efisien, yaitu capaian kinerja "
                   "sebanding atau melampaui penyerapan anggarannya.")
    if tanpa:
        kal.append(f"Indikator {gabung(tanpa)} tidak dikaitkan dengan program atau kegiatan "
                   "pada master, sehingga efisiensinya tidak diukur.")
    return " ".join(kal)


def _alasan_ie(r: dict) -> str:
    if r.get("capaian") is None:
        return "capaian belum ada"
    if r.get("pagu_program") is None:
        return "kode anggarannya tidak ditemukan di DPA tahun ini"
    return "serapan anggarannya 0"


def medan_anggaran(d: Mapping | None) -> dict[str, str]:
    """A program's (or kegiatan's) pagu, realisasi, serapan and sisa as the text shows them."""
    d = d or {}
    pagu, real = d.get("pagu"), d.get("realisasi")
    sisa = None if pagu is None or real is None else pagu - real
    return {"pagu": fmt.rupiah(pagu), "realisasi": fmt.rupiah(real),
            "serapan": fmt.persen(d.get("serapan")), "sisa": fmt.rupiah(sisa)}


def narasi_program(rows: list[dict], hasil: HasilAnggaran, nama: Mapping[str, str], *,
                   medan: bool = False) -> str:
    """Analysis 7: the programs and kegiatan whose budget serves the sasaran's indicators."""
    kode = sorted({str(r["kode_program"]) for r in rows if ada(r.get("kode_program"))})
    if not kode:
        return ("Indikator sasaran ini tidak dikaitkan dengan program atau kegiatan pada master; "
                "program pendukungnya diuraikan pada bagian realisasi anggaran.")
    bagian, rendah = [], []
    for k in kode:
        d = hasil.anggaran_kode(k)
        t = penulis(k, medan_anggaran(d), medan)
        if d is None:
            bagian.append(f"{_nama(k, nama)} (tidak ada di DPA tahun ini)")
            continue
        bagian.append(f"{_nama(k, nama)} dengan pagu {t('pagu')} dan realisasi "
                      f"{t('realisasi')} (serapan {t('serapan')})")
        if d["serapan"] is not None and d["serapan"] < SERAPAN_RENDAH:
            rendah.append(_nama(k, nama))
    kal = [f"Pencapaian sasaran ini didukung oleh {gabung(bagian)}."]
    if rendah:
        kal.append(f"Serapan {gabung(rendah)} di bawah {fmt.persen(SERAPAN_RENDAH, 0)}; "
                   "penyebabnya perlu dijelaskan bersama permasalahan di atas.")
    return " ".join(kal)


def medan_umum_anggaran(hasil: HasilAnggaran) -> dict[str, str]:
    """The year's budget figures by field name (no code: `[[pagu]]`, `[[serapan]]`, …)."""
    t = hasil.total
    per_tw = hasil.per_tw()
    akhir = per_tw.iloc[-1].to_dict() if len(per_tw) else {}
    dev = akhir.get("deviasi_persen")
    return {"pagu": fmt.rupiah(t["pagu"]), "realisasi_anggaran": fmt.rupiah(t["realisasi"]),
            "serapan": fmt.persen(t["serapan"]), "sisa": fmt.rupiah(t["sisa"]),
            "fisik": fmt.persen(t["fisik"]),
            "rak": fmt.rupiah(akhir.get("rak_kumulatif")),
            "realisasi_rak": fmt.persen(None if dev is None or dev != dev else dev),
            "jumlah_program": fmt.angka(len(hasil.program), 0)}


def narasi_anggaran(hasil: HasilAnggaran, tahun: int, instansi: str, *,
                    medan: bool = False) -> str:
    """Bab III B: pagu, realisasi, serapan and sisa; the programs with the highest and the lowest
    serapan; realisasi against the cash plan (RAK) at the end of the year."""
    if hasil.program.empty:
        return f"DPA tahun {tahun} belum dimuat, sehingga realisasi anggaran belum dapat disajikan."
    m = medan_umum_anggaran(hasil)
    t = (lambda k: f"[[{k}]]") if medan else m.__getitem__
    nama = nama_anggaran(hasil)
    kal = [f"Pada tahun {tahun}, {instansi or 'instansi'} mengelola pagu anggaran sebesar "
           f"{t('pagu')} yang terealisasi {t('realisasi_anggaran')} atau {t('serapan')}, "
           f"sehingga tersisa {t('sisa')}.",
           f"Anggaran tersebut dilaksanakan melalui {t('jumlah_program')} program."]
    prog = [r for r in hasil.program.to_dict("records") if ada(r.get("serapan"))]
    if len(prog) >= 2:
        hi = max(prog, key=lambda r: r["serapan"])
        lo = min(prog, key=lambda r: r["serapan"])
        th, tl = (penulis(x["kode"], medan_anggaran(x), medan) for x in (hi, lo))
        kal.append(f"Serapan tertinggi pada {_nama(hi['kode'], nama)}, yaitu {th('serapan')}, "
                   f"dan terendah pada {_nama(lo['kode'], nama)}, yaitu {tl('serapan')}.")
    if ada(hasil.total.get("fisik")):
        kal.append(f"Realisasi fisik seluruh sub kegiatan, ditimbang dengan pagunya, mencapai "
                   f"{t('fisik')}.")
    if m["realisasi_rak"] != fmt.KOSONG:
        kal.append(f"Terhadap rencana anggaran kas (RAK) sampai dengan TW IV sebesar {t('rak')}, "
                   f"realisasi mencapai {t('realisasi_rak')} dari rencana.")
    return " ".join(kal)
