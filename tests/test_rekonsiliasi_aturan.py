"""Each reconciliation rule fires on a minimal planted case and stays silent on its near miss."""

from __future__ import annotations

import pytest
from rk_data import Basis, d, objek, temukan

from lkip_core.rekonsiliasi import rincian
from lkip_core.rekonsiliasi.aturan import DAFTAR, KODE

A, B, C = "5.03.02.2.01.0001", "5.03.02.2.01.0002", "5.03.02.2.01.0003"


@pytest.fixture
def basis(con):
    return Basis(con)


def test_registry_has_the_fourteen_rules_of_the_spec():
    assert KODE == tuple(f"R{n:02d}" for n in range(1, 15))
    tingkat = {k: a.tingkat for k, a in DAFTAR.items()}
    peringatan = sorted(k for k, t in tingkat.items() if t == "peringatan")
    assert peringatan == ["R05", "R09", "R11", "R12"]
    assert all(t == "galat" for k, t in tingkat.items() if k not in ("R05", "R09", "R11", "R12"))


# --- R01 selisih keuangan ----------------------------------------------------------------------

def test_r01_one_rupiah_difference_fires_at_tolerance_zero_not_the_equal_twin(basis, con):
    basis.sub(A, nama="Pelaksanaan Diklat")
    basis.sub(B)
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": 100_000_001},
                                    B: {"keuangan_tw1": 100_000_000}})
    basis.lpj([(d(2, 10), "0001/SP2D", A, "5.1.02", 100_000_000),
               (d(3, 31), "0002/SP2D", B, "5.1.02", 100_000_000)])
    found = temukan(con, "R01")
    assert objek(found) == {(A, 1)}
    t = found[0]
    assert (t["nilai_unit"], t["nilai_pembanding"], t["selisih"]) == (100_000_001, 100_000_000, 1)
    assert t["kunci"] == f"R01|2025|1|{A}" and t["tingkat"] == "galat"
    assert t["pesan"] == (
        "Realisasi keuangan s.d. TW I sub kegiatan Pelaksanaan Diklat (5.03.02.2.01.0001) "
        "dilaporkan Rp 100.000.001, sedangkan LPJ mencatat Rp 100.000.000 (selisih Rp 1).")
    # the detail view shows the LPJ lines behind it, with their dates and SP2D numbers
    assert t["detail"]["lpj_jumlah_baris"] == 1
    lpj = rincian(t, con.cursor())["lpj"]
    assert list(lpj["Nomor bukti / SP2D"]) == ["0001/SP2D"]
    assert lpj.iloc[0]["Tanggal"] == d(2, 10)
    per_tw = rincian(t)["tw"].set_index("TW")
    assert per_tw.loc["TW I", "Kumulatif LPJ (Rp)"] == 100_000_000
    assert temukan(con, "R01", toleransi_keuangan=1) == []


def test_r01_compares_cumulative_sums_and_only_reported_tws(basis, con):
    basis.sub(A)
    # TW I 60 + TW II 40 = 100 by the end of TW II; the LPJ has all 100 in February.
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": 60, "keuangan_tw2": 40}})
    basis.lpj([(d(2, 1), "1", A, "r", 100), (d(8, 1), "2", A, "r", 500)])
    # TW I differs (60 against 100); TW II matches; TW III (LPJ 600) is not reported: silent
    assert objek(temukan(con, "R01")) == {(A, 1)}


# --- R02 tidak ada di LPJ ----------------------------------------------------------------------

def test_r02_keuangan_without_any_lpj_line_up_to_the_tw(basis, con):
    basis.sub(A)
    basis.sub(B)
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": 5_000_000},
                                    B: {"keuangan_tw1": 5_000_000}})
    # A's only line is dated 1 April (TW II); B's on 31 March: still TW I
    basis.lpj([(d(4, 1), "1", A, "r", 5_000_000), (d(3, 31), "2", B, "r", 5_000_000)])
    found = temukan(con, "R02")
    assert objek(found) == {(A, 1)}
    assert "belum mencatat satu transaksi pun" in found[0]["pesan"]


# --- R03 tidak dilaporkan unit -----------------------------------------------------------------

def test_r03_lpj_spending_where_the_unit_reported_nothing_up_to_the_tw(basis, con):
    basis.sub(A)
    basis.sub(B)
    basis.sub(C)
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": None, "fisik_tw1": 10},
                                    B: {"keuangan_tw1": 7_000_000, "fisik_tw1": 10},
                                    C: {"keuangan_tw1": 0}})
    basis.lpj([(d(1, 15), "1", A, "r", 7_000_000), (d(1, 15), "2", B, "r", 7_000_000),
               (d(5, 15), "3", C, "r", 9_000_000)])  # C: TW II, not reported by the unit
    found = temukan(con, "R03")
    assert objek(found) == {(A, 1)}
    assert found[0]["pesan"].endswith("tetapi unit belum melaporkan realisasi keuangan apa pun "
                                      "untuk sub kegiatan ini sampai TW I.")
    assert found[0]["nilai_pembanding"] == 7_000_000


def test_r03_silent_once_the_unit_reported_it_even_in_an_earlier_tw(basis, con):
    basis.sub(A)
    basis.sub(B)
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": 5, "keuangan_tw2": 0},
                                    B: {"keuangan_tw1": None, "keuangan_tw2": None}})
    basis.lpj([(d(5, 1), "1", A, "r", 5), (d(2, 1), "2", B, "r", 5)])
    # A: spent in TW II per the LPJ, reported in TW I (R01/R02's business, not R03's);
    # B: never reported: TW I and TW II
    assert objek(temukan(con, "R03")) == {(B, 1), (B, 2)}


# --- R04 melebihi pagu -------------------------------------------------------------------------

def test_r04_cumulative_above_the_pagu(basis, con):
    basis.sub(A, pagu=100_000_000)
    basis.sub(B, pagu=100_000_000)
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": 100_000_001},
                                    B: {"keuangan_tw1": 100_000_000}})
    basis.lpj([(d(1, 5), "1", A, "r", 100_000_001), (d(1, 5), "2", B, "r", 100_000_000)])
    found = temukan(con, "R04")
    assert objek(found) == {(A, None)}  # a year-level finding: the pagu is annual
    assert found[0]["selisih"] == 1 and found[0]["kunci"] == f"R04|2025||{A}"


def test_r04_lpj_alone_above_the_pagu_is_found_too(basis, con):
    basis.sub(A, pagu=100)
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": 90}})
    basis.lpj([(d(1, 5), "1", A, "r", 120)])
    found = temukan(con, "R04")
    assert objek(found) == {(A, None)} and "menurut LPJ" in found[0]["pesan"]


# --- R05 fisik dan keuangan timpang ------------------------------------------------------------

def test_r05_fisik_26_points_above_serapan_fires_25_does_not(basis, con):
    basis.sub(A, pagu=100_000_000)
    basis.sub(B, pagu=100_000_000)
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": 0, "fisik_tw1": 26},
                                    B: {"keuangan_tw1": 0, "fisik_tw1": 25}})
    found = temukan(con, "R05")
    assert objek(found) == {(A, 1)}
    assert found[0]["tingkat"] == "peringatan"
    assert (found[0]["nilai_unit"], found[0]["nilai_pembanding"]) == (26, 0)
    assert temukan(con, "R05", ambang_fisik_keuangan=26) == []


# --- R06 fisik tidak wajar ---------------------------------------------------------------------

def test_r06_fisik_going_down_or_out_of_range(basis, con):
    basis.sub(A)
    basis.sub(B)
    basis.sub(C)
    basis.realisasi("U1", anggaran={
        A: {"fisik_tw1": 50, "fisik_tw2": 49.99},
        B: {"fisik_tw1": 50, "fisik_tw2": 50, "fisik_tw3": None, "fisik_tw4": 100},
        C: {"fisik_tw1": 101}})  # not importable, but reconciliation does not trust the import
    found = temukan(con, "R06")
    assert objek(found) == {(A, 2), (C, 1)}
    turun = next(t for t in found if t["kode_objek"] == A)
    assert "turun dari 50,00 % menjadi 49,99 %" in turun["pesan"]


# --- R07 realisasi kosong ----------------------------------------------------------------------

def test_r07_missing_tw_that_the_unit_reported_elsewhere(basis, con):
    basis.ind("IK.01")
    basis.ind("IK.02")
    basis.ind("IK.03")
    basis.realisasi("U1", kinerja={"IK.01": {"realisasi_tw1": 1, "realisasi_tw2": 2},
                                   "IK.02": {"realisasi_tw1": 1, "realisasi_tw2": None}})
    # IK.02 misses TW II; IK.03 has no row at all (TW I and II); TW III is not reported
    assert objek(temukan(con, "R07")) == {("IK.02", 2), ("IK.03", 1), ("IK.03", 2)}


def test_r07_year_level_once_tw_iv_is_in(basis, con):
    basis.ind("IK.01")
    basis.ind("IK.02")
    basis.realisasi("U1", kinerja={"IK.01": {"realisasi_tw4": 5},
                                   "IK.02": {"realisasi_tw1": None}})
    found = temukan(con, "R07")
    assert objek(found) == {("IK.02", 4), ("IK.02", None)}
    tahunan = next(t for t in found if t["triwulan"] is None)
    assert "belum mempunyai realisasi tahun 2025" in tahunan["pesan"]


def test_r07_silent_for_a_unit_that_reported_nothing(basis, con):
    basis.ind("IK.01", unit="U2")
    assert temukan(con, "R07") == []


# --- R08 target beda dengan PK -----------------------------------------------------------------

def test_r08_echoed_target_differs_from_pk(basis, con):
    basis.ind("IK.01", target=94)
    basis.ind("IK.02", target=94)
    basis.ind("IK.03", target=94)
    basis.realisasi("U1", kinerja={"IK.01": {"target": 94.01, "realisasi_tw1": 1},
                                   "IK.02": {"target": 94.0, "realisasi_tw1": 1},
                                   "IK.03": {"target": None, "realisasi_tw1": 1}})
    found = temukan(con, "R08")
    assert objek(found) == {("IK.01", None)}
    assert found[0]["detail"]["angka"]["Target PK"] == 94
    assert "target Perjanjian Kinerja 94" in found[0]["pesan"]


# --- R09 transaksi ganda -----------------------------------------------------------------------

def test_r09_same_bukti_rekening_and_jumlah(basis, con):
    basis.sub(A)
    basis.lpj([(d(7, 1), "0273/SP2D/LS", A, "5.1.02.02", 3_496_491),
               (d(7, 1), "0273/SP2D/LS", A, "5.1.02.02", 3_496_491),
               (d(7, 2), "0274/SP2D/LS", A, "5.1.02.02", 1_000_000),
               (d(7, 2), "0274/SP2D/LS", A, "5.1.02.02", 1_000_001)])
    found = temukan(con, "R09")
    assert objek(found) == {("0273/SP2D/LS|5.1.02.02|3496491", 3)}
    t = found[0]
    assert t["kunci"] == "R09|2025|3|0273/SP2D/LS|5.1.02.02|3496491"
    assert t["kode_unit"] == "U1" and len(t["detail"]["lpj"]) == 2


# --- R10 kode tidak dikenal --------------------------------------------------------------------

def test_r10_lpj_code_not_in_the_dpa_of_the_year(basis, con):
    basis.sub(A, unit="U2")
    basis.sub("5.03.02.2.01.0009", tahun=2024)  # in the 2024 DPA only
    basis.lpj([(d(5, 2), "1", A, "r", 10), (d(5, 2), "2", "5.03.02.2.01.0009", "r", 3_750_000)])
    found = temukan(con, "R10")
    assert objek(found) == {("5.03.02.2.01.0009", None)}
    # the unit owning the code's kegiatan (5.03.02.2.01) in the 2025 DPA must act
    assert found[0]["kode_unit"] == "U2"
    assert found[0]["nilai_pembanding"] == 3_750_000


# --- R11 capaian dilaporkan beda ---------------------------------------------------------------

def test_r11_unit_capaian_off_by_more_than_0_01_points(basis, con):
    for kode in ("IK.01", "IK.02"):
        basis.ind(kode, target=100)
    basis.realisasi("U1", kinerja={"IK.01": {"realisasi_tw1": 57.28, "capaian": 57.30},
                                   "IK.02": {"realisasi_tw1": 57.28, "capaian": 57.29}})
    found = temukan(con, "R11")
    assert objek(found) == {("IK.01", None)}
    assert found[0]["nilai_pembanding"] == pytest.approx(57.28)


def test_r11_uses_the_engine_for_a_negative_indicator(basis, con):
    # T=8, R=16: selisih gives 0 %, rasio gives 50 % (domain.md); the unit wrote 50
    basis.ind("IK.01", target=8, polaritas="negatif", metode="selisih")
    basis.ind("IK.02", target=8, polaritas="negatif", metode="rasio")
    basis.realisasi("U1", kinerja={"IK.01": {"realisasi_tw1": 16, "capaian": 50},
                                   "IK.02": {"realisasi_tw1": 16, "capaian": 50}})
    found = temukan(con, "R11")
    assert objek(found) == {("IK.01", None)}
    assert found[0]["nilai_pembanding"] == 0
    assert "rumus negatif selisih" in found[0]["pesan"]


# --- R12 capaian ekstrem -----------------------------------------------------------------------

def test_r12_above_150_and_below_10_once_tw_iv_is_in(basis, con):
    for kode in ("IK.01", "IK.02", "IK.03", "IK.04"):
        basis.ind(kode, target=100)
    basis.realisasi("U1", kinerja={"IK.01": {"realisasi_tw4": 150.01},
                                   "IK.02": {"realisasi_tw4": 150},
                                   "IK.03": {"realisasi_tw4": 9.99},
                                   "IK.04": {"realisasi_tw4": 10}})
    found = temukan(con, "R12")
    assert objek(found) == {("IK.01", None), ("IK.03", None)}
    assert "di atas batas 150 %" in next(t for t in found if t["kode_objek"] == "IK.01")["pesan"]


def test_r12_low_early_in_the_year_only_against_a_tw_target(basis, con):
    basis.ind("IK.01", target=100, agregasi="jumlah")
    basis.ind("IK.02", target=100, agregasi="jumlah", target_tw=(50, 100, 100, 100))
    basis.realisasi("U1", kinerja={"IK.01": {"realisasi_tw1": 4},
                                   "IK.02": {"realisasi_tw1": 4}})
    # IK.01: 4 of the annual 100 after TW I is progress; IK.02: 4 of its TW I target 50 is 8 %
    found = temukan(con, "R12")
    assert objek(found) == {("IK.02", None)}
    assert found[0]["nilai_unit"] == pytest.approx(8)


# --- R13 pagu beda dengan DPA ------------------------------------------------------------------

def test_r13_echoed_pagu_differs_from_the_dpa(basis, con):
    basis.sub(A, pagu=413_668_000)
    basis.sub(B, pagu=413_668_000)
    basis.realisasi("U1", anggaran={A: {"pagu": 438_668_000, "keuangan_tw1": 0},
                                    B: {"pagu": 413_668_000, "keuangan_tw1": 0}})
    found = temukan(con, "R13")
    assert objek(found) == {(A, None)}
    assert found[0]["selisih"] == 25_000_000
    assert "(selisih Rp 25.000.000)" in found[0]["pesan"]


# --- R14 data belum masuk ----------------------------------------------------------------------

def test_r14_unit_owing_data_without_an_active_submission(basis, con):
    basis.ind("IK.01", unit="U1")
    basis.sub(A, unit="U2")
    basis.sub(B, unit="U3")
    basis.realisasi("U1", kinerja={"IK.01": {"realisasi_tw1": 1}})
    basis.realisasi("U3", anggaran={B: {"keuangan_tw1": 0}})
    basis.con.execute("UPDATE submission SET status = 'diganti' WHERE kode_unit = 'U3'")
    found = temukan(con, "R14")
    # U2 never sent; U3's only submission is no longer active; OPD owes nothing
    assert objek(found) == {("U2", None), ("U3", None)}
    assert found[0]["objek"] == "unit"
    assert "Bidang Dua belum mengirim berkas realisasi tahun 2025" in found[0]["pesan"]


def test_rules_respect_the_unit_filter(basis, con):
    basis.sub(A, unit="U1")
    basis.sub(B, unit="U2")
    basis.realisasi("U1", anggaran={A: {"keuangan_tw1": 1}})
    basis.realisasi("U2", anggaran={B: {"keuangan_tw1": 1}})
    assert objek(temukan(con, "R02", unit="U2")) == {(B, 1)}
    assert objek(temukan(con, "R02")) == {(A, 1), (B, 1)}
