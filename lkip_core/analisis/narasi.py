"""Draft Bab III text: one paragraph per indicator, in Indonesian, for the Kasubag to copy into
the report and edit.

Pure functions over a row of `tabel_capaian`. Numbers are rounded only here, for display
(2 decimals, half up, Indonesian separators via `fmt`); "naik/turun/tetap" compares the
values as printed, so the text never says "naik" between two equal-looking figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from .. import fmt
from .ringkasan import RUMUS_NEGATIF

ROMAWI = ("I", "II", "III", "IV")


def _ada(x: object) -> bool:
    if x is None or x is pd.NA:
        return False
    if isinstance(x, float) and math.isnan(x):
        return False
    return not (isinstance(x, str) and not x.strip())


def _nilai(x: float, satuan: str | None) -> str:
    f = float(x)
    teks = fmt.angka(f, 0 if f.is_integer() else 2)
    return f"{teks} {satuan}".strip() if _ada(satuan) else teks


def _arah(kini: float, lalu: float, desimal: int = 2) -> str:
    a, b = fmt.round_half_up(kini, desimal), fmt.round_half_up(lalu, desimal)
    return "naik" if a > b else "turun" if a < b else "tetap"


def _kalimat(teks: str) -> str:
    teks = " ".join(str(teks).split())
    return teks if teks.endswith((".", "!", "?")) else teks + "."


def _huruf_kecil(teks: str) -> str:
    """Lower-case the first letter after a colon, but leave an acronym ("BKN …") alone."""
    if len(teks) > 1 and teks[0].isupper() and not teks[1].isupper():
        return teks[0].lower() + teks[1:]
    return teks


def narasi_indikator(row: Mapping) -> str:
    """A draft paragraph for one indicator (a row of `tabel_capaian`, as a dict or Series).

    Says the capaian and its predikat, the change against the previous year (capaian, else
    realisasi, of t−1; only for a full-year figure), realisasi against target, the negatif
    formula for a negatif indicator, progress to the Renstra end target, and the unit's
    permasalahan and upaya when given. Without capaian it says why.
    """
    r = {k: (v if _ada(v) else None) for k, v in dict(row).items()}
    tahun = int(r["tahun"])
    satuan = r.get("satuan")
    sampai = int(r.get("sampai_tw") or 4)
    periode = f"tahun {tahun}" + (f" s.d. TW {ROMAWI[sampai - 1]}" if sampai < 4 else "")
    penuh = sampai == 4  # a part-year figure is not compared with a whole previous year
    uraian = r.get("uraian_indikator") or r.get("kode_indikator")
    negatif = r.get("polaritas") == "negatif"
    kal: list[str] = []

    cap, cap_t1 = r.get("capaian"), r.get("capaian_t1")
    if cap is not None:
        s = (f"Capaian indikator {uraian} {periode} sebesar {fmt.persen(cap)} "
             f"(kategori {r.get('predikat')})")
        if penuh and cap_t1 is not None:
            arah = _arah(cap, cap_t1)
            if arah == "tetap":
                s += f", sama dengan capaian tahun {tahun - 1} sebesar {fmt.persen(cap_t1)}"
            else:
                s += f", {arah} dibanding tahun {tahun - 1} sebesar {fmt.persen(cap_t1)}"
        kal.append(s + ".")
    else:
        alasan = r.get("alasan") or "data belum lengkap"
        kal.append(f"Capaian indikator {uraian} {periode} belum dapat dihitung: "
                   f"{_huruf_kecil(alasan)}.")

    real, target, real_t1 = r.get("realisasi"), r.get("target"), r.get("realisasi_t1")
    if real is not None and target is not None:
        s = f"Realisasi {_nilai(real, satuan)} dari target {_nilai(target, satuan)}"
        if penuh and real_t1 is not None and cap_t1 is None:
            # No capaian of last year (no target then): compare the realisasi itself.
            arah = _arah(real, real_t1)
            lalu = f"realisasi tahun {tahun - 1} sebesar {_nilai(real_t1, satuan)}"
            if arah == "tetap":
                s += f", sama dengan {lalu}"
            else:
                membaik = (arah == "turun") if negatif else (arah == "naik")
                s += f", {arah} ({'membaik' if membaik else 'memburuk'}) dibanding {lalu}"
        kal.append(s + ".")
    elif target is not None:
        kal.append(f"Target {periode} sebesar {_nilai(target, satuan)}; realisasi belum "
                   "dilaporkan.")

    if negatif:
        metode = r.get("metode_negatif") or "selisih"
        kal.append("Indikator ini berpolaritas negatif (makin kecil makin baik), sehingga "
                   f"capaian dihitung dengan rumus negatif ({metode}): "
                   f"{RUMUS_NEGATIF.get(metode, metode)}.")

    cr, akhir, sd = (r.get("capaian_renstra"), r.get("target_akhir_renstra"),
                     r.get("realisasi_sd_kini"))
    if cr is not None and akhir is not None and sd is not None:
        th_akhir = r.get("tahun_akhir_renstra")
        renstra = f"target akhir Renstra tahun {int(th_akhir)}" if th_akhir else \
            "target akhir Renstra"
        kumulatif = "kumulatif " if r.get("agregasi") == "jumlah" else ""
        sd_tw = f"TW {ROMAWI[sampai - 1]} " if sampai < 4 else ""
        kal.append(f"Terhadap {renstra} sebesar {_nilai(akhir, satuan)}, realisasi "
                   f"{kumulatif}s.d. {sd_tw}tahun {tahun} sebesar {_nilai(sd, satuan)} atau "
                   f"{fmt.persen(cr)} dari target akhir.")

    unit = r.get("nama_unit")
    if r.get("permasalahan"):
        oleh = f" yang dilaporkan {unit}" if unit else ""
        kal.append(f"Permasalahan{oleh}: {_huruf_kecil(_kalimat(r['permasalahan']))}")
    if r.get("upaya"):
        kal.append(f"Upaya yang dilakukan: {_huruf_kecil(_kalimat(r['upaya']))}")
    return " ".join(kal)


def narasi_tabel(df: pd.DataFrame) -> dict[str, str]:
    """kode_indikator → draft paragraph, for every row of a `tabel_capaian` frame."""
    return {r["kode_indikator"]: narasi_indikator(r) for r in df.to_dict("records")}


def lembar_narasi(df: pd.DataFrame) -> pd.DataFrame:
    """The drafts as a sheet: Kode, Indikator, Narasi."""
    teks = narasi_tabel(df)
    return pd.DataFrame({"Kode": df["kode_indikator"], "Indikator": df["uraian_indikator"],
                         "Narasi": [teks[k] for k in df["kode_indikator"]]})
