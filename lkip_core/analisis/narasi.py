"""Draft Bab III text: one paragraph per indicator, in Indonesian, written the way a planner
writes a Bab III ("naik 2,40 poin dari 108,46 % pada tahun 2024").

Pure functions over a row of `tabel_capaian`. Numbers are rounded only here, for display
(2 decimals, half up, Indonesian separators via `fmt`); "naik/turun/tetap" and the size of a
change compare the values as printed, so the text never says "naik" between two equal-looking
figures and the difference is the one a reader computes from the two printed numbers.

Every figure a sentence cites is one of the indicator's *fields* (`medan_indikator`). With
`medan=True` the paragraph names the field instead of its value (`[[IK.01.capaian]]`); the
LKIP book (lkip_core.naskah) keeps such a draft as editable prose and fills the fields from the
engine each time the book is written, so an edited paragraph never carries a stale number.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import pandas as pd

from .. import fmt
from ..fmt import ROMAWI
from .ringkasan import RUMUS_NEGATIF

# What units type in a permasalahan/upaya cell when they have nothing to report.
_TANPA_ISI = {"-", "--", "–", "—", ".", "0", "nihil", "tidak ada", "tidak ada permasalahan",
              "tidak ada kendala", "belum ada", "n/a", "na", "none", "null", "tidak ada upaya"}


def ada(x: object) -> bool:
    """A value that was filled in: not None/NaN, not blank."""
    if x is None or x is pd.NA:
        return False
    if isinstance(x, float) and math.isnan(x):
        return False
    return not (isinstance(x, str) and not x.strip())


def ada_isi(x: object) -> bool:
    """Text that says something: not empty and not a placeholder such as "-" or "nihil"."""
    return ada(x) and str(x).strip().strip(".").strip().lower() not in _TANPA_ISI


def nilai_satuan(x: float | None, satuan: str | None) -> str:
    """A target or realisasi as written in a sentence: "6,20 persen", "150 orang"."""
    if not ada(x):
        return fmt.KOSONG
    f = float(x)
    teks = fmt.angka(f, 0 if f.is_integer() else 2)
    return f"{teks} {satuan}".strip() if ada(satuan) else teks


def selisih_tampil(kini: float, lalu: float, desimal: int = 2) -> float:
    """kini − lalu as the reader computes it from the two printed (rounded) numbers."""
    return fmt.round_half_up(kini, desimal) - fmt.round_half_up(lalu, desimal)


def arah(kini: float, lalu: float, desimal: int = 2) -> str:
    d = selisih_tampil(kini, lalu, desimal)
    return "naik" if d > 0 else "turun" if d < 0 else "tetap"


def banding_persen(kini: float | None, lalu: float | None, tahun_lalu: int) -> str:
    """"naik 2,40 poin dari 108,46 % pada tahun 2024", "sama dengan tahun 2024 (63,10 %)", or
    "" when either value is missing. Percentages change by points, never by a percent."""
    if not (ada(kini) and ada(lalu)):
        return ""
    a = arah(kini, lalu)
    if a == "tetap":
        return f"sama dengan tahun {tahun_lalu} ({fmt.persen(lalu)})"
    return (f"{a} {fmt.angka(abs(selisih_tampil(kini, lalu)))} poin dari {fmt.persen(lalu)} "
            f"pada tahun {tahun_lalu}")


def _kalimat(teks: str) -> str:
    teks = " ".join(str(teks).split())
    return teks if teks.endswith((".", "!", "?")) else teks + "."


def huruf_kecil(teks: str) -> str:
    """Lower-case the first letter after a colon, but leave an acronym ("BKN …") alone."""
    if len(teks) > 1 and teks[0].isupper() and not teks[1].isupper():
        return teks[0].lower() + teks[1:]
    return teks


def _r(row: Mapping) -> dict:
    return {k: (v if ada(v) else None) for k, v in dict(row).items()}


def _banding_realisasi(r: dict) -> str:
    """Realisasi against last year's, for an indicator without a capaian last year."""
    real, lalu, tahun = r.get("realisasi"), r.get("realisasi_t1"), int(r["tahun"])
    if real is None or lalu is None:
        return ""
    a = arah(real, lalu)
    teks = nilai_satuan(lalu, r.get("satuan"))
    if a == "tetap":
        return f"sama dengan realisasi tahun {tahun - 1} ({teks})"
    membaik = (a == "turun") if r.get("polaritas") == "negatif" else (a == "naik")
    return f"{a} dari {teks} pada tahun {tahun - 1} ({'membaik' if membaik else 'memburuk'})"


def medan_indikator(row: Mapping) -> dict[str, str]:
    """Every figure of an indicator as the text shows it, by field name (`[[KODE.nama]]`)."""
    r = _r(row)
    satuan, tahun = r.get("satuan"), int(r["tahun"])
    ie = r.get("ie")
    return {
        "uraian": str(r.get("uraian_indikator") or r.get("kode_indikator")),
        "satuan": str(satuan or ""),
        "target": nilai_satuan(r.get("target"), satuan),
        "realisasi": nilai_satuan(r.get("realisasi"), satuan),
        "capaian": fmt.persen(r.get("capaian")),
        "predikat": str(r.get("predikat") or fmt.KOSONG),
        "banding": banding_persen(r.get("capaian"), r.get("capaian_t1"), tahun - 1),
        "realisasi_t1": nilai_satuan(r.get("realisasi_t1"), satuan),
        "capaian_t1": fmt.persen(r.get("capaian_t1")),
        "banding_realisasi": _banding_realisasi(r),
        "target_akhir": nilai_satuan(r.get("target_akhir_renstra"), satuan),
        "realisasi_sd": nilai_satuan(r.get("realisasi_sd_kini"), satuan),
        "renstra": fmt.persen(r.get("capaian_renstra")),
        "serapan": fmt.persen(r.get("serapan_program")),
        "pagu_program": fmt.rupiah(r.get("pagu_program")),
        "realisasi_program": fmt.rupiah(r.get("realisasi_program")),
        "ie": fmt.angka(ie, 3) if ie is not None else fmt.KOSONG,
        "efisiensi": str(r.get("efisiensi") or fmt.KOSONG),
    }


def penulis(kode: str, nilai: Mapping[str, str], medan: bool) -> Callable[[str], str]:
    """`tulis("capaian")`: the value, or with `medan` the field `[[kode.capaian]]`."""
    if medan:
        return lambda k: f"[[{kode}.{k}]]"
    return lambda k: nilai[k]


def narasi_indikator(row: Mapping, *, medan: bool = False) -> str:
    """A draft paragraph for one indicator (a row of `tabel_capaian`, as a dict or Series).

    Says the capaian and its predikat, its change against the previous year (capaian, else
    realisasi, of t−1; only for a full-year figure) in points, realisasi against target, the
    negatif formula for a negatif indicator, progress to the Renstra end target, and the unit's
    permasalahan and upaya when they say something ("-" and the like are left out). Without
    capaian it says why. `medan`: figures as fields (see the module docstring).
    """
    r = _r(row)
    tahun = int(r["tahun"])
    sampai = int(r.get("sampai_tw") or 4)
    periode = f"tahun {tahun}" + (f" s.d. TW {ROMAWI[sampai - 1]}" if sampai < 4 else "")
    penuh = sampai == 4  # a part-year figure is not compared with a whole previous year
    m = medan_indikator(r)
    t = penulis(str(r["kode_indikator"]), m, medan)
    uraian = m["uraian"]
    kal: list[str] = []

    if r.get("capaian") is not None:
        s = f"Capaian indikator {uraian} {periode} sebesar {t('capaian')} " \
            f"(kategori {t('predikat')})"
        if penuh and m["banding"]:
            s += f", {t('banding')}"
        kal.append(s + ".")
    else:
        alasan = r.get("alasan") or "data belum lengkap"
        kal.append(f"Capaian indikator {uraian} {periode} belum dapat dihitung: "
                   f"{huruf_kecil(alasan)}.")

    if r.get("realisasi") is not None and r.get("target") is not None:
        s = f"Realisasi {t('realisasi')} dari target {t('target')}"
        if penuh and r.get("capaian_t1") is None and m["banding_realisasi"]:
            # No capaian of last year (no target then): compare the realisasi itself.
            s += f", {t('banding_realisasi')}"
        kal.append(s + ".")
    elif r.get("target") is not None:
        kal.append(f"Target {periode} sebesar {t('target')}; realisasi belum dilaporkan.")

    if r.get("polaritas") == "negatif":
        metode = r.get("metode_negatif") or "selisih"
        kal.append("Indikator ini berpolaritas negatif (makin kecil makin baik), sehingga "
                   f"capaian dihitung dengan rumus negatif ({metode}): "
                   f"{RUMUS_NEGATIF.get(metode, metode)}.")

    if None not in (r.get("capaian_renstra"), r.get("target_akhir_renstra"),
                    r.get("realisasi_sd_kini")):
        th_akhir = r.get("tahun_akhir_renstra")
        renstra = f"target akhir Renstra tahun {int(th_akhir)}" if th_akhir else \
            "target akhir Renstra"
        kumulatif = "kumulatif " if r.get("agregasi") == "jumlah" else ""
        sd_tw = f"TW {ROMAWI[sampai - 1]} " if sampai < 4 else ""
        kal.append(f"Terhadap {renstra} sebesar {t('target_akhir')}, realisasi "
                   f"{kumulatif}s.d. {sd_tw}tahun {tahun} sebesar {t('realisasi_sd')} atau "
                   f"{t('renstra')} dari target akhir.")

    kal += kalimat_unit(r)
    return " ".join(kal)


def kalimat_unit(row: Mapping) -> list[str]:
    """The unit's permasalahan and upaya as sentences; nothing for an empty or "-" cell."""
    r = _r(row)
    unit, out = r.get("nama_unit"), []
    if ada_isi(r.get("permasalahan")):
        oleh = f" yang dilaporkan {unit}" if unit else ""
        out.append(f"Permasalahan{oleh}: {huruf_kecil(_kalimat(r['permasalahan']))}")
    if ada_isi(r.get("upaya")):
        out.append(f"Upaya yang dilakukan: {huruf_kecil(_kalimat(r['upaya']))}")
    return out


def narasi_tabel(df: pd.DataFrame, *, medan: bool = False) -> dict[str, str]:
    """kode_indikator → draft paragraph, for every row of a `tabel_capaian` frame."""
    return {r["kode_indikator"]: narasi_indikator(r, medan=medan) for r in df.to_dict("records")}


def lembar_narasi(df: pd.DataFrame) -> pd.DataFrame:
    """The drafts as a sheet: Kode, Indikator, Narasi."""
    teks = narasi_tabel(df)
    return pd.DataFrame({"Kode": df["kode_indikator"], "Indikator": df["uraian_indikator"],
                         "Narasi": [teks[k] for k in df["kode_indikator"]]})
