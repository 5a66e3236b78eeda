"""Every formula of shared/spec/domain.md, section "Computations", once.

Small pure functions on unrounded values. Nothing here rounds: rounding (2 decimals, half up)
is the display layer's job. ``None`` and NaN both mean "not filled in", because values arrive
from the database (NULL) and from pandas (NaN) alike. Money stays exact (int or Decimal);
percentages are floats computed from exact sums.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from numbers import Integral

Angka = int | float | Decimal  # a number as the database or a spreadsheet hands it over

POLARITAS = ("positif", "negatif")
METODE_NEGATIF = ("selisih", "rasio")
AGREGASI = ("jumlah", "terakhir", "rata_rata")

ALASAN_REALISASI_KOSONG = "Realisasi belum diisi"
ALASAN_TARGET_KOSONG = "Target belum diisi"
ALASAN_TARGET_NOL = "Target 0 pada indikator positif: capaian tidak dapat dihitung"
ALASAN_RASIO_NOL = "Realisasi 0 pada indikator negatif metode rasio: capaian tidak dapat dihitung"

# How each capaian formula is written (domain.md, "Capaian"), the one home of these texts:
# under an annex table ("tabel"), inside a sentence of the draft ("kalimat"), short where space
# is tight ("singkat", the settings page).
URAIAN_RUMUS: dict[str, dict[str, str]] = {
    "positif": {"tabel": "Realisasi / Target × 100 %"},
    "selisih": {"tabel": "(2 × Target − Realisasi) / Target × 100 %, paling kecil 0 %",
                "kalimat": "(2 × target − realisasi) / target × 100, minimal 0",
                "singkat": "(2T − R) / T × 100, minimal 0"},
    "rasio": {"tabel": "Target / Realisasi × 100 %",
              "kalimat": "target / realisasi × 100",
              "singkat": "T / R × 100"},
}


def uraian_rumus(metode: str, gaya: str = "tabel") -> str:
    """The written formula of "positif", "selisih" or "rasio" in one of URAIAN_RUMUS's forms."""
    return URAIAN_RUMUS[metode][gaya]


def _kosong(x: object) -> bool:
    """True for a value that was not filled in: None (SQL NULL) or NaN (pandas)."""
    # Exact-type fast paths first: this runs for every value of every row at city scale.
    if x is None:
        return True
    t = type(x)
    if t is float:
        return x != x
    if t is int:
        return False
    if isinstance(x, Decimal):
        return x.is_nan()
    return isinstance(x, float) and math.isnan(x)


def _desimal(x: Angka) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, Integral):  # also numpy integers, which Decimal() refuses
        return Decimal(int(x))
    # str() so that a float typed as 0.1 counts as 0.1, not as its binary neighbour.
    return Decimal(str(float(x)))


def _pilihan(nilai: str, boleh: tuple[str, ...], nama: str) -> None:
    if nilai not in boleh:
        raise ValueError(f"{nama} '{nilai}' tidak dikenal; pilih salah satu: {', '.join(boleh)}")



@dataclass(frozen=True)
class Capaian:
    """A capaian in percent, or None with the Indonesian reason to show beside the "—"."""

    nilai: float | None
    alasan: str | None = None


def hitung_capaian(
    target: float | None,
    realisasi: float | None,
    polaritas: str,
    metode_negatif: str = "selisih",
) -> Capaian:
    """Capaian (%) from unrounded T and R (domain.md, Computations, "Capaian").

    positif: R / T × 100. negatif ``selisih`` (default): (2T − R) / T × 100, floored at 0;
    negatif ``rasio``: T / R × 100 (T=8, R=16 gives 0 % and 50 %). T = 0: positif → no
    capaian, negatif → 100 if R = 0 else 0. negatif ``rasio`` with R = 0 → no capaian.
    No cap above 100.
    """
    _pilihan(polaritas, POLARITAS, "Polaritas")
    _pilihan(metode_negatif, METODE_NEGATIF, "Metode capaian negatif")
    if _kosong(realisasi):
        return Capaian(None, ALASAN_REALISASI_KOSONG)
    if _kosong(target):
        return Capaian(None, ALASAN_TARGET_KOSONG)
    t, r = float(target), float(realisasi)
    if t == 0:
        if polaritas == "positif":
            return Capaian(None, ALASAN_TARGET_NOL)
        return Capaian(100.0 if r == 0 else 0.0, None)
    if polaritas == "positif":
        return Capaian(r / t * 100, None)
    if metode_negatif == "selisih":
        return Capaian(max(0.0, (2 * t - r) / t * 100), None)
    if r == 0:
        return Capaian(None, ALASAN_RASIO_NOL)
    return Capaian(t / r * 100, None)


def realisasi_tahunan(
    nilai_tw: Sequence[float | None], agregasi: str, sampai_tw: int = 4
) -> float | None:
    """Annual (or "s.d. TW n") realisasi from TW values (domain.md, "Annual realisasi").

    Only TW I..``sampai_tw`` count, and of those only the reported ones: ``jumlah`` sums them
    (a flow), ``terakhir`` takes the last reported one (a stock, index or percentage),
    ``rata_rata`` averages them. None when no TW in range is reported.
    """
    _pilihan(agregasi, AGREGASI, "Agregasi")
    if not 1 <= sampai_tw <= 4:
        raise ValueError(f"TW harus 1 sampai 4, bukan {sampai_tw}")
    terisi = [float(v) for v in list(nilai_tw)[:sampai_tw] if not _kosong(v)]
    if not terisi:
        return None
    if agregasi == "jumlah":
        return math.fsum(terisi)
    if agregasi == "terakhir":
        return terisi[-1]
    return math.fsum(terisi) / len(terisi)


def target_tw(target_tahunan: float | None, target_tw_n: float | None) -> tuple[float | None, bool]:
    """The target a TW capaian is measured against (domain.md, "Annual realisasi").

    Returns (target, own): the TW's own ``target_twN`` when the master gives one (own=True),
    otherwise the annual target (own=False), which the caller must say on screen.
    """
    if not _kosong(target_tw_n):
        return float(target_tw_n), True
    return (None if _kosong(target_tahunan) else float(target_tahunan)), False


def predikat(capaian: float | None, skala: list[tuple[float, str]]) -> str | None:
    """The band of a capaian (domain.md, "Predikat"): the first threshold it reaches.

    Compared with ``>=`` on the unrounded value, so 90.5 is Tinggi and 50.999 Sangat Rendah
    on the default scale. None when there is no capaian.
    """
    if _kosong(capaian):
        return None
    for ambang, label in skala:
        if capaian >= ambang:
            return label
    return None


def capaian_sasaran(nilai: Iterable[float | None]) -> tuple[float | None, int]:
    """A sasaran's capaian (domain.md, "Sasaran capaian"): mean of its indicators' capaian.

    Indicators with no capaian are left out and counted: returns (mean, how many left out).
    """
    semua = list(nilai)
    ada = [float(v) for v in semua if not _kosong(v)]
    dibuang = len(semua) - len(ada)
    return (math.fsum(ada) / len(ada) if ada else None), dibuang



def serapan(realisasi: Angka | None, pagu: Angka | None) -> float | None:
    """Serapan (%) = realisasi keuangan / pagu × 100 (domain.md, "Money"); exact division.

    None when realisasi is missing or pagu is 0 or missing. Example: 6,495,748,767 /
    6,910,387,000 → 93.99998…, shown 94,00 %.
    """
    if _kosong(realisasi) or _kosong(pagu) or pagu == 0:
        return None
    return float(_desimal(realisasi) * 100 / _desimal(pagu))


def sisa(pagu: Angka | None, realisasi: Angka | None) -> int | Decimal | None:
    """Sisa = pagu − realisasi (domain.md, "Money"), exact: int for ints, else Decimal."""
    if _kosong(pagu) or _kosong(realisasi):
        return None
    if isinstance(pagu, Integral) and isinstance(realisasi, Integral):
        return int(pagu) - int(realisasi)
    return _desimal(pagu) - _desimal(realisasi)


def _jumlah(nilai: Iterable[Angka | None]) -> Decimal | None:
    # Like SQL SUM: missing values are skipped, and a sum of nothing is None.
    ada = [_desimal(v) for v in nilai if not _kosong(v)]
    return sum(ada, Decimal(0)) if ada else None


def serapan_dari_baris(
    pagu_list: Sequence[Angka | None], realisasi_list: Sequence[Angka | None]
) -> float | None:
    """Serapan of a program or kegiatan from its rows: Σ realisasi / Σ pagu × 100.

    domain.md, "Money": every aggregate percentage comes from sums, never from a mean of the
    rows' percentages. A published LKIP table shows a program at 88.6 % (the mean of its rows'
    serapan) where the sums give 88.92 %: with rows (pagu 520 jt, realisasi 465,4 jt),
    (280 jt, 249,2 jt), (200 jt, 174,6 jt) the rows are 89.5, 89.0 and 87.3 % (mean 88.6)
    but 889,2 jt / 1.000 jt = 88.92 %; the big rows carry more money. Missing values are
    skipped as SQL SUM skips NULL.
    """
    if len(pagu_list) != len(realisasi_list):
        raise ValueError("Jumlah baris pagu dan realisasi tidak sama")
    return serapan(_jumlah(realisasi_list), _jumlah(pagu_list))


def deviasi_rak(
    realisasi_kumulatif: Angka | None, rak_kumulatif: Angka | None
) -> tuple[int | Decimal | None, float | None]:
    """Realised vs planned cash (RAK) up to a TW (domain.md, glossary "RAK").

    Returns (selisih Rp = realisasi − RAK, exact; negative means behind plan, percent of the
    plan realised = realisasi / RAK × 100, None when RAK is 0 or missing).
    """
    if _kosong(realisasi_kumulatif) or _kosong(rak_kumulatif):
        return None, None
    return sisa(realisasi_kumulatif, rak_kumulatif), serapan(realisasi_kumulatif, rak_kumulatif)



@dataclass(frozen=True)
class Efisiensi:
    """Efficiency index, efficiency level and its verdict ("Efisien" / "Tidak Efisien")."""

    ie: float | None
    te: float | None
    keterangan: str | None


def efisiensi(capaian: float | None, serapan: float | None) -> Efisiensi:
    """IE = capaian (%) / serapan (%), TE = IE − 1 (domain.md, "Efficiency").

    IE ≥ 1 → "Efisien", otherwise "Tidak Efisien". Published example: capaian 99.92 %,
    serapan 93.99998… % → IE 1.063, TE 0.063, Efisien. All None when either input is
    missing or serapan is 0.
    """
    if _kosong(capaian) or _kosong(serapan) or serapan == 0:
        return Efisiensi(None, None, None)
    ie = float(capaian) / float(serapan)
    return Efisiensi(ie, ie - 1, "Efisien" if ie >= 1 else "Tidak Efisien")



def realisasi_sd_kini(
    realisasi_per_tahun: Mapping[int, float | None], agregasi: str
) -> float | None:
    """Realisasi to date over the Renstra years so far (domain.md, "Comparisons").

    ``jumlah``: the sum over the years reported; otherwise the value of the latest year
    reported. None when no year is reported.
    """
    _pilihan(agregasi, AGREGASI, "Agregasi")
    terisi = sorted((t, float(v)) for t, v in realisasi_per_tahun.items() if not _kosong(v))
    if not terisi:
        return None
    if agregasi == "jumlah":
        return math.fsum(v for _, v in terisi)
    return terisi[-1][1]


def capaian_renstra(
    realisasi_sd_kini: float | None,
    target_akhir: float | None,
    polaritas: str,
    metode_negatif: str = "selisih",
) -> Capaian:
    """Progress to the Renstra end target (domain.md, "Comparisons").

    realisasi to date / target_akhir_renstra × 100, with the indicator's polarity rule:
    exactly :func:`hitung_capaian` with the end-of-period target.
    """
    return hitung_capaian(target_akhir, realisasi_sd_kini, polaritas, metode_negatif)


def fisik_tertimbang(
    pagu_list: Sequence[Angka | None], fisik_list: Sequence[float | None]
) -> float | None:
    """Physical progress (%) of a program or kegiatan: pagu-weighted mean of its rows' fisik.

    Follows the "from sums" rule of domain.md, "Money": Σ(pagu × fisik) / Σ pagu over the sub
    kegiatan that report fisik (the others are left out). None if no weight remains.
    """
    if len(pagu_list) != len(fisik_list):
        raise ValueError("Jumlah baris pagu dan fisik tidak sama")
    pasangan = [
        (float(p), float(f))
        for p, f in zip(pagu_list, fisik_list, strict=True)
        if not _kosong(p) and not _kosong(f)
    ]
    bobot = math.fsum(p for p, _ in pasangan)
    if bobot == 0:
        return None
    return math.fsum(p * f for p, f in pasangan) / bobot
