"""Tests of lkip_core.analisis.rumus against the worked numbers of shared/spec/domain.md."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkip_core.analisis import rumus
from lkip_core.analisis.rumus import (
    Capaian,
    capaian_renstra,
    capaian_sasaran,
    deviasi_rak,
    efisiensi,
    fisik_tertimbang,
    hitung_capaian,
    predikat,
    realisasi_sd_kini,
    realisasi_tahunan,
    serapan,
    serapan_dari_baris,
    sisa,
    target_tw,
)
from lkip_core.pengaturan import SKALA_PREDIKAT, validasi_skala


def bulat(x: float, desimal: int = 2) -> Decimal:
    """Round half up, as the display layer does (domain.md, "Rounding")."""
    return Decimal(str(x)).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


# --- Capaian (domain.md, Computations, "Capaian") -----------------------------------------


def test_capaian_positif_worked_example():
    c = hitung_capaian(10.83, 6.2032, "positif")
    assert c.alasan is None
    assert abs(c.nilai - 57.27793167128347) < 1e-9
    assert bulat(c.nilai) == Decimal("57.28")


def test_capaian_negatif_methods_disagree_as_the_spec_says():
    assert hitung_capaian(8, 16, "negatif").nilai == 0.0  # selisih is the default
    assert hitung_capaian(8, 16, "negatif", "selisih").nilai == 0.0
    assert hitung_capaian(8, 16, "negatif", "rasio").nilai == 50.0


def test_capaian_negatif_selisih_below_and_floor():
    assert hitung_capaian(8, 4, "negatif").nilai == 150.0  # better than target, no cap
    assert hitung_capaian(8, 6, "negatif").nilai == 125.0
    assert hitung_capaian(8, 40, "negatif").nilai == 0.0  # (16 − 40)/8 would be −300


def test_capaian_no_cap_above_100():
    assert hitung_capaian(50, 80, "positif").nilai == 160.0


def test_capaian_target_zero():
    c = hitung_capaian(0, 5, "positif")
    assert c == Capaian(None, "Target 0 pada indikator positif: capaian tidak dapat dihitung")
    for metode in ("selisih", "rasio"):
        assert hitung_capaian(0, 0, "negatif", metode) == Capaian(100.0, None)
        assert hitung_capaian(0, 3, "negatif", metode) == Capaian(0.0, None)


def test_capaian_rasio_realisasi_zero_has_no_capaian():
    c = hitung_capaian(5, 0, "negatif", "rasio")
    assert c.nilai is None and "rasio" in c.alasan
    assert hitung_capaian(5, 0, "negatif", "selisih").nilai == 200.0


def test_capaian_missing_values():
    assert hitung_capaian(10, None, "positif") == Capaian(None, "Realisasi belum diisi")
    assert hitung_capaian(10, float("nan"), "positif").alasan == "Realisasi belum diisi"
    assert hitung_capaian(None, 3, "negatif").nilai is None
    assert hitung_capaian(None, 3, "negatif").alasan


def test_capaian_unknown_setting_refused():
    with pytest.raises(ValueError, match="Polaritas"):
        hitung_capaian(1, 1, "netral")
    with pytest.raises(ValueError, match="negatif"):
        hitung_capaian(1, 1, "negatif", "persen")


@given(
    t=st.floats(min_value=0.01, max_value=1e6),
    r=st.floats(min_value=0, max_value=1e6),
    k=st.floats(min_value=0, max_value=100),
)
def test_capaian_positif_scales_linearly(t, r, k):
    dasar = hitung_capaian(t, r, "positif").nilai
    assert math.isclose(hitung_capaian(t, k * r, "positif").nilai, k * dasar,
                        rel_tol=1e-9, abs_tol=1e-9)


@given(
    t=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    r=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
)
def test_capaian_selisih_never_negative(t, r):
    assert hitung_capaian(t, r, "negatif", "selisih").nilai >= 0


# --- Annual realisasi (domain.md, "Annual realisasi from TW values") ----------------------


@pytest.mark.parametrize(
    ("agregasi", "tahun", "sd_tw2"),
    [("jumlah", 80.0, 30.0), ("terakhir", 50.0, 20.0), ("rata_rata", 80 / 3, 15.0)],
)
def test_realisasi_tahunan_each_agregasi(agregasi, tahun, sd_tw2):
    nilai = [10, 20, None, 50]  # TW III not reported
    assert realisasi_tahunan(nilai, agregasi) == pytest.approx(tahun)
    assert realisasi_tahunan(nilai, agregasi, sampai_tw=2) == pytest.approx(sd_tw2)


def test_realisasi_tahunan_partial_tws():
    # Only TW I and III reported: "terakhir" is TW III, the mean is over the two reported.
    nilai = [40.0, None, 60.0, None]
    assert realisasi_tahunan(nilai, "jumlah") == 100.0
    assert realisasi_tahunan(nilai, "terakhir") == 60.0
    assert realisasi_tahunan(nilai, "rata_rata") == 50.0
    assert realisasi_tahunan(nilai, "terakhir", sampai_tw=2) == 40.0
    assert realisasi_tahunan([None, None, 5, 6], "jumlah", sampai_tw=2) is None
    assert realisasi_tahunan([float("nan")] * 4, "rata_rata") is None
    with pytest.raises(ValueError):
        realisasi_tahunan(nilai, "jumlah", sampai_tw=5)
    with pytest.raises(ValueError):
        realisasi_tahunan(nilai, "median")


def test_target_tw_falls_back_to_annual_and_says_so():
    assert target_tw(100, 25) == (25.0, True)
    assert target_tw(100, None) == (100.0, False)
    assert target_tw(None, None) == (None, False)


# --- Predikat (domain.md, "Predikat") -----------------------------------------------------


@pytest.mark.parametrize(
    ("capaian", "label"),
    [
        (120, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.999, "Tinggi"), (90.5, "Tinggi"),
        (76, "Tinggi"), (75.99, "Sedang"), (66, "Sedang"), (65.99, "Rendah"),
        (51, "Rendah"), (50.999, "Sangat Rendah"), (50.99, "Sangat Rendah"),
        (0, "Sangat Rendah"),
    ],
)
def test_predikat_permendagri_boundaries(capaian, label):
    assert predikat(capaian, SKALA_PREDIKAT["permendagri_86_2017"]) == label


@pytest.mark.parametrize(
    ("capaian", "label"),
    [
        (100, "Sangat Berhasil"), (99.99, "Berhasil"), (75, "Berhasil"),
        (74.99, "Cukup Berhasil"), (55, "Cukup Berhasil"), (54.99, "Kurang Berhasil"),
    ],
)
def test_predikat_berhasil_boundaries(capaian, label):
    assert predikat(capaian, SKALA_PREDIKAT["berhasil"]) == label


def test_predikat_without_capaian():
    assert predikat(None, SKALA_PREDIKAT["permendagri_86_2017"]) is None


def test_validasi_skala():
    for skala in SKALA_PREDIKAT.values():
        assert validasi_skala(skala) == []
    assert validasi_skala([]) != []
    masalah = validasi_skala([(50, "A"), (60, "B"), (10, " ")])
    assert any("lebih kecil" in m for m in masalah)
    assert any("label" in m for m in masalah)
    assert any("terakhir" in m for m in masalah)
    assert any("lebih kecil" in m for m in validasi_skala([(50, "A"), (50, "B")]))


def test_capaian_sasaran_leaves_out_and_counts_missing():
    assert capaian_sasaran([80.0, None, 100.0]) == (90.0, 1)
    assert capaian_sasaran([None, None]) == (None, 2)
    assert capaian_sasaran([]) == (None, 0)


# --- Money (domain.md, "Money") and efficiency ("Efficiency") ----------------------------


def test_serapan_and_efisiensi_published_example():
    s = serapan(6_495_748_767, 6_910_387_000)
    assert bulat(s) == Decimal("94.00")
    assert s == float(Fraction(6_495_748_767 * 100, 6_910_387_000))
    e = efisiensi(99.92, s)
    assert bulat(e.ie, 3) == Decimal("1.063")
    assert bulat(e.te, 3) == Decimal("0.063")
    assert e.keterangan == "Efisien"
    assert efisiensi(80, 90).keterangan == "Tidak Efisien"
    assert efisiensi(90, 90).keterangan == "Efisien"


def test_serapan_and_efisiensi_without_a_base():
    assert serapan(5, 0) is None
    assert serapan(5, None) is None
    assert serapan(None, 10) is None
    assert efisiensi(None, 90) == rumus.Efisiensi(None, None, None)
    assert efisiensi(90, 0) == rumus.Efisiensi(None, None, None)


def test_sisa_stays_exact():
    assert sisa(6_910_387_000, 6_495_748_767) == 414_638_233
    assert sisa(Decimal("100.10"), Decimal("0.20")) == Decimal("99.90")
    assert sisa(None, 5) is None


# A program whose published figure, the mean of its rows' percentages, is 88.6 %.
PAGU_BARIS = [520_000_000, 280_000_000, 200_000_000]
REALISASI_BARIS = [465_400_000, 249_200_000, 174_600_000]  # 89.5 %, 89.0 %, 87.3 %


def test_serapan_from_sums_not_mean_of_rows():
    per_baris = [serapan(r, p) for p, r in zip(PAGU_BARIS, REALISASI_BARIS, strict=True)]
    assert bulat(sum(per_baris) / len(per_baris), 1) == Decimal("88.6")
    assert bulat(serapan_dari_baris(PAGU_BARIS, REALISASI_BARIS)) == Decimal("88.92")


def test_serapan_dari_baris_skips_missing_like_sql_sum():
    assert serapan_dari_baris([100, 100], [50, None]) == 25.0
    assert serapan_dari_baris([100], [None]) is None
    with pytest.raises(ValueError):
        serapan_dari_baris([1, 2], [1])


@given(
    st.lists(
        st.tuples(st.integers(1, 10**13), st.integers(0, 10**13)), min_size=1, max_size=30
    )
)
def test_serapan_dari_baris_equals_sum_based(baris):
    pagu = [p for p, _ in baris]
    realisasi = [r for _, r in baris]
    tepat = float(Fraction(sum(realisasi) * 100, sum(pagu)))
    assert math.isclose(serapan_dari_baris(pagu, realisasi), tepat, rel_tol=1e-15)
    desimal = serapan_dari_baris([Decimal(p) for p in pagu], [Decimal(r) for r in realisasi])
    assert math.isclose(desimal, tepat, rel_tol=1e-15)


def test_deviasi_rak():
    assert deviasi_rak(750_000, 1_000_000) == (-250_000, 75.0)
    assert deviasi_rak(1_000, 0) == (1_000, None)
    assert deviasi_rak(None, 1_000) == (None, None)


def test_fisik_tertimbang_weights_by_pagu_and_skips_missing():
    assert fisik_tertimbang([300, 100, 500], [100.0, 60.0, None]) == 90.0
    assert fisik_tertimbang([300], [None]) is None
    assert fisik_tertimbang([0, 0], [50.0, 70.0]) is None


# --- Comparisons (domain.md, "Comparisons") ----------------------------------------------


def test_realisasi_sd_kini_and_capaian_renstra():
    per_tahun = {2025: 40.0, 2023: 20.0, 2024: 30.0, 2026: None}
    assert realisasi_sd_kini(per_tahun, "jumlah") == 90.0
    assert realisasi_sd_kini(per_tahun, "terakhir") == 40.0
    assert realisasi_sd_kini({2024: None}, "jumlah") is None
    assert capaian_renstra(90.0, 150.0, "positif").nilai == 60.0
    assert capaian_renstra(12.0, 8.0, "negatif").nilai == 50.0
    assert capaian_renstra(16.0, 8.0, "negatif", "rasio").nilai == 50.0
    assert capaian_renstra(None, 8.0, "positif").alasan == "Realisasi belum diisi"


# --- House rules (style.md) ---------------------------------------------------------------


def test_core_neither_imports_streamlit_nor_rounds():
    sumber = Path(rumus.__file__).read_text(encoding="utf-8")
    assert "streamlit" not in sumber
    assert "round(" not in sumber
