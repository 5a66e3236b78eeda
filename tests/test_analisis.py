"""The Bab III engine (tabel_capaian, hitung_anggaran) against the published figures, through
the real import path and the command line, and the settings that change it."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from conftest import ROOT
from contoh import realisasi_xlsx
from contoh_analisis import (
    ANGGARAN_BID1_UJI,
    ANGGARAN_HDR,
    KINERJA_BID1_UJI,
    KINERJA_HDR,
    berkas_uji,
)

from lkip_core import pengaturan
from lkip_core.analisis import ringkasan
from lkip_core.analisis.anggaran import hitung_anggaran, indeks_anggaran
from lkip_core.analisis.kinerja import KOLOM, capaian_per_sasaran, riwayat, tabel_capaian
from lkip_core.analisis.versi import versi_data
from lkip_core.masukan import submisi
from lkip_core.masukan.impor import impor


def bulat(x: float, desimal: int = 2) -> Decimal:
    return Decimal(repr(x)).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


@pytest.fixture
def con_uji(con):
    hasil = impor(con, berkas_uji(), oleh="uji")
    assert hasil.ok, hasil.errors
    return con


def baris(df: pd.DataFrame, kode: str) -> dict:
    return df.loc[df["kode_indikator"] == kode].iloc[0].to_dict()


# --- Through the command line, as a script would ---------------------------------------------

def jalankan(db, *args) -> tuple[int, str, str]:
    p = subprocess.run([sys.executable, "-m", "lkip_core", "--db", str(db), *map(str, args)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


KUNCI_CAPAIAN = {"kode_indikator", "kode_sasaran", "kode_unit", "tahun", "satuan", "polaritas",
                 "metode_negatif", "agregasi", "iku", "target", "realisasi", "capaian",
                 "predikat", "realisasi_tw", "capaian_tw", "target_akhir_renstra",
                 "capaian_renstra", "kode_program", "serapan_program", "ie"}
KUNCI_SUB = {"kode", "nama", "kode_unit", "pagu", "realisasi", "serapan", "fisik", "sisa",
             "realisasi_tw", "fisik_tw"}
KUNCI_TINGKAT = {"kode", "nama", "pagu", "realisasi", "serapan", "fisik", "sisa"}


def test_published_figures_through_import_and_the_command_line(tmp_path, db_file):
    paths = []
    for nama, data in berkas_uji():
        (tmp_path / nama).write_bytes(data)
        paths.append(tmp_path / nama)
    code, _, err = jalankan(db_file, "import", *paths, "--oleh", "uji")
    assert code == 0, err

    code, out, err = jalankan(db_file, "capaian", "--tahun", 2025, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert isinstance(doc, list) and len(doc) == 6
    assert all(set(d) == KUNCI_CAPAIAN for d in doc)  # exactly cli.md's keys
    ind = {d["kode_indikator"]: d for d in doc}
    ik1 = ind["IK.01"]
    assert bulat(ik1["capaian"]) == Decimal("57.28") and ik1["predikat"] == "Rendah"
    assert ik1["target"] == 10.83 and ik1["realisasi"] == 6.2032  # unrounded numbers
    assert ik1["realisasi_tw"] == [2.1, 4.0, 5.5, 6.2032] and len(ik1["capaian_tw"]) == 4
    assert bulat(ik1["capaian_tw"][0]) == Decimal("84.00")  # TW I against its own 2.5
    ik2 = ind["IK.02"]
    assert bulat(ik2["capaian"]) == Decimal("99.92")
    assert ik2["kode_program"] == "5.04.02"
    assert bulat(ik2["serapan_program"]) == Decimal("94.00")
    assert bulat(ik2["ie"], 3) == Decimal("1.063")
    assert ind["IK.03"]["serapan_program"] is None and ind["IK.03"]["ie"] is None

    code, out, err = jalankan(db_file, "anggaran", "--tahun", 2025, "--json")
    assert code == 0, err
    ang = json.loads(out)
    assert set(ang) == {"sub_kegiatan", "kegiatan", "program", "total"}
    assert all(set(d) == KUNCI_SUB for d in ang["sub_kegiatan"])
    assert all(set(d) == KUNCI_TINGKAT for d in ang["kegiatan"] + ang["program"])
    assert set(ang["total"]) == {"pagu", "realisasi", "serapan"}
    keg = {d["kode"]: d for d in ang["kegiatan"]}["5.03.02.2.01"]
    rows = [d for d in ang["sub_kegiatan"] if d["kode"].startswith("5.03.02.2.01.")]
    rata_baris = sum(bulat(d["serapan"], 1) for d in rows) / 3
    assert rata_baris.quantize(Decimal("0.1")) == Decimal("88.6")  # what the LKIP printed
    assert bulat(keg["serapan"]) == Decimal("88.92")  # from sums
    assert (keg["pagu"], keg["realisasi"]) == (1_000_000_000, 889_200_000)
    prog = {d["kode"]: d for d in ang["program"]}["5.04.02"]
    assert (prog["pagu"], prog["realisasi"]) == (6_910_387_000, 6_495_748_767)
    assert bulat(prog["serapan"]) == Decimal("94.00")
    assert rows[0]["realisasi_tw"] == [100_000_000, 120_000_000, 110_000_000, 135_400_000]

    code, out, _ = jalankan(db_file, "capaian", "--tahun", 2025)  # the table for people
    assert code == 0 and "57,28 %" in out and "negatif (selisih)" in out

    code, out, _ = jalankan(db_file, "anggaran", "--tahun", 2025, "--unit", "SEKRE", "--json")
    assert code == 0 and json.loads(out)["sub_kegiatan"] == []
    code, _, err = jalankan(db_file, "capaian", "--tahun", 2019, "--json")
    assert code == 2 and "2019" in err


# --- The engine in process --------------------------------------------------------------------

def test_capaian_boundaries_and_negatif_default(con_uji):
    df = tabel_capaian(con_uji.cursor(), 2025)
    assert list(df.columns) == KOLOM
    assert baris(df, "IK.05")["capaian"] == 90.5 and baris(df, "IK.05")["predikat"] == "Tinggi"
    assert baris(df, "IK.06")["capaian"] == 91.0
    assert baris(df, "IK.06")["predikat"] == "Sangat Tinggi"
    ik3 = baris(df, "IK.03")
    assert (ik3["metode_negatif"], ik3["capaian"]) == ("selisih", 0.0)  # (2·8 − 16) / 8


def test_metode_negatif_bawaan_setting_is_honoured(con_uji):
    pengaturan.simpan(con_uji, "metode_negatif_bawaan", "rasio", oleh="uji")
    df = tabel_capaian(con_uji.cursor(), 2025)
    ik3, ik4 = baris(df, "IK.03"), baris(df, "IK.04")
    assert (ik3["metode_negatif"], ik3["capaian"]) == ("rasio", 50.0)  # 8 / 16
    assert (ik4["metode_negatif"], ik4["capaian"]) == ("selisih", 0.0)  # the master decides
    assert ringkasan.tabel_tampil(df).set_index("kode_indikator").at["IK.03", "rumus"] == \
        "negatif (rasio)"


def test_predikat_scale_setting_changes_the_engine(con_uji):
    cur = con_uji.cursor()
    assert baris(tabel_capaian(cur, 2025), "IK.01")["predikat"] == "Rendah"
    pengaturan.simpan(con_uji, "skala_predikat", "berhasil", oleh="uji")
    df = tabel_capaian(cur, 2025)
    assert baris(df, "IK.01")["predikat"] == "Cukup Berhasil"
    assert baris(df, "IK.02")["predikat"] == "Berhasil"
    pengaturan.simpan(con_uji, "skala_predikat_kustom",
                      [[95, "Prima"], [60, "Cukup"], [None, "Kurang"]], oleh="uji")
    pengaturan.simpan(con_uji, "skala_predikat", "kustom", oleh="uji")
    df = tabel_capaian(cur, 2025)
    assert [baris(df, k)["predikat"] for k in ("IK.01", "IK.02", "IK.05")] == [
        "Kurang", "Prima", "Cukup"]
    sasaran = capaian_per_sasaran(df, pengaturan.skala_predikat(cur))
    assert set(sasaran["predikat"]) <= {"Prima", "Cukup", "Kurang"}


def test_previous_year_sd_tw_and_renstra(con_uji):
    cur = con_uji.cursor()
    ik1 = baris(tabel_capaian(cur, 2025), "IK.01")
    assert (ik1["target_t1"], ik1["realisasi_t1"]) == (10.0, 6.31)
    assert bulat(ik1["capaian_t1"]) == Decimal("63.10")
    assert bulat(ik1["capaian_renstra"]) == Decimal("49.63")  # 6.2032 of 12.5 ("terakhir")
    assert (ik1["pagu_program"], ik1["realisasi_program"]) == (1_000_000_000, 889_200_000)
    tw2 = baris(tabel_capaian(cur, 2025, sampai_tw=2), "IK.01")
    assert (tw2["sampai_tw"], tw2["realisasi"]) == (2, 4.0)
    assert tw2["capaian"] == pytest.approx(4.0 / 10.83 * 100)
    assert tw2["realisasi_sd_kini"] == 4.0  # the Renstra progress follows the chosen period
    assert tw2["capaian_tw2"] == pytest.approx(80.0)  # 4 against the TW II target 5
    hist = riwayat(cur, 2025, kode_indikator="IK.01")
    assert hist[["tahun", "target", "realisasi", "sumber"]].values.tolist() == [
        [2024, 10.0, 6.31, "master"], [2025, 10.83, 6.2032, "unit"]]


def test_unit_filter_keeps_efficiency_on_the_whole_program(con_uji):
    cur = con_uji.cursor()
    df = tabel_capaian(cur, 2025, "SEKRE")
    assert set(df["kode_unit"]) == {"SEKRE"}
    bid1 = tabel_capaian(cur, 2025, "BID1", anggaran=hitung_anggaran(cur, 2025))
    assert bulat(baris(bid1, "IK.02")["ie"], 3) == Decimal("1.063")


def test_empty_database_gives_every_column(con):
    df = tabel_capaian(con.cursor(), 2025)
    assert df.empty and list(df.columns) == KOLOM
    assert pd.api.types.is_float_dtype(df["capaian"])
    hasil = hitung_anggaran(con.cursor(), 2025)
    assert hasil.sub_kegiatan.empty and hasil.total["serapan"] is None
    assert hasil.per_tw()["realisasi_kumulatif"].isna().all()
    assert hasil.to_dict()["program"] == []


def test_anggaran_levels_tw_units_and_drill_down(con_uji):
    hasil = hitung_anggaran(con_uji.cursor(), 2025)
    assert hasil.serapan_kode("5.03.02.2.01") == pytest.approx(88.92)
    assert hasil.serapan_kode("5.04") == pytest.approx(6_495_748_767 / 6_910_387_000 * 100)
    assert hasil.serapan_kode("9.99") is None and hasil.serapan_kode(None) is None
    tw = hasil.per_tw()
    assert tw["realisasi_kumulatif"].tolist()[0] == 1_700_000_000
    assert tw["rak_kumulatif"].tolist()[0] == 1_250_000_000  # the last row has no RAK
    assert tw["deviasi_poin"].tolist()[0] == pytest.approx(tw["serapan"][0] - tw["rencana"][0])
    unit = hasil.per_unit().set_index("kode_unit")
    assert unit.at["BID1", "pagu"] == 7_910_387_000 and unit.at["BID1", "dilaporkan"] == 5
    assert unit.at["BID1", "serapan"] == pytest.approx(
        (889_200_000 + 6_495_748_767) / 7_910_387_000 * 100)
    tingkat, df = hasil.rincian()
    assert tingkat == "program" and list(df["kode"]) == ["5.03.02", "5.04.02"]
    tingkat, df = hasil.rincian("5.04.02")
    assert tingkat == "kegiatan" and list(df["kode"]) == ["5.04.02.2.01", "5.04.02.2.02"]
    tingkat, df = hasil.rincian("5.04.02", "5.04.02.2.02")
    assert tingkat == "sub kegiatan" and list(df["kode"]) == ["5.04.02.2.02.0001"]


def test_per_tw_leaves_unreported_quarters_empty(con_master):
    kin = [KINERJA_HDR, ["IK.01", "x", "persen", 10.83, 2.1, 4.0, None, None, None, None, None]]
    ang = [ANGGARAN_HDR, ["5.03.02.2.01.0001", "Pelaksanaan diklat", 1_000_000_000, 150_000_000,
                          250_000_000, None, None, 20, 45, None, None, None]]
    assert impor(con_master, [("r.xlsx", realisasi_xlsx(kin, ang))], oleh="uji").ok
    tw = hitung_anggaran(con_master.cursor(), 2025).per_tw()
    assert tw["realisasi_kumulatif"].tolist()[:2] == [150_000_000, 400_000_000]
    assert tw["realisasi_kumulatif"][2:].isna().all() and tw["deviasi"][2:].isna().all()


def test_ringkasan_counts_means_and_tables(con_uji):
    cur = con_uji.cursor()
    skala = pengaturan.skala_predikat(cur)
    df = tabel_capaian(cur, 2025)
    r = ringkasan.ringkasan_capaian(df, skala)
    assert (r["indikator"], r["tanpa_capaian"]) == (6, 0)
    assert list(r["per_predikat"]) == [lbl for _, lbl in skala]
    assert r["per_predikat"]["Sangat Rendah"] == 2 and r["per_predikat"]["Rendah"] == 1
    dist = ringkasan.distribusi_predikat(df, skala)
    assert dist["jumlah"].sum() == 6 and dist["predikat"].iloc[-1] == "Tanpa capaian"
    unit = ringkasan.capaian_per_unit(df, skala).set_index("kode_unit")
    assert unit.at["BID1", "capaian"] == pytest.approx(
        (6.2032 / 10.83 + 74.94 / 75) * 100 / 2)
    assert len(ringkasan.saring_capaian(df, "S1")) == 2
    assert list(ringkasan.saring_capaian(df, hanya_iku=True)["kode_indikator"]) == [
        "IK.01", "IK.02"]
    ef = ringkasan.tabel_efisiensi(df).set_index("kode_indikator")
    assert list(ef.index) == ["IK.01", "IK.02"]  # only indicators linked to a budget
    assert ef.at["IK.02", "pagu"] == 6_910_387_000 and ef.at["IK.02", "keterangan"] == "Efisien"
    assert ef.at["IK.01", "keterangan"] == "Tidak Efisien"
    lembar = ringkasan.lembar_capaian(df)
    assert "Polaritas (rumus)" in lembar.columns and "Capaian (%)" in lembar.columns


def test_tabel_tampil_says_why_a_capaian_is_missing(con_master):
    kin = [KINERJA_HDR, ["IK.01", "x", "persen", 10.83, None, None, None, None, None, None,
                         None]]
    assert impor(con_master, [("r.xlsx", realisasi_xlsx(kin, None))], oleh="uji").ok
    df = tabel_capaian(con_master.cursor(), 2025)
    tampil = ringkasan.tabel_tampil(df).set_index("kode_indikator")
    assert pd.isna(tampil.at["IK.01", "capaian"])
    assert tampil.at["IK.01", "keterangan"] == "Realisasi belum diisi"
    assert tampil.at["IK.03", "rumus"] == "negatif (selisih)"


def test_documented_columns_carry_their_values(con_uji):
    # The docstring promises these for the pages, annexes and reconciliation; each is checked
    # against contoh_analisis.py's numbers, as of TW III.
    df = tabel_capaian(con_uji.cursor(), 2025, sampai_tw=3)
    ik1, ik2, ik3 = (baris(df, k) for k in ("IK.01", "IK.02", "IK.03"))
    assert set(df["sampai_tw"]) == {3}
    # the previous year's PK target and capaian: 2024, 6,31 of 10 → 63,10 %
    assert ik1["target_t1"] == 10 and ik1["capaian_t1"] == pytest.approx(63.1)
    # "terakhir": the TW III value (2,1 / 4,0 / 5,5 / 6,2032) is the realisasi so far
    assert ik1["realisasi_sd_kini"] == ik1["realisasi"] == 5.5
    # IK.02's program 5.04.02: pagu 6.910.387.000, realised 6.495.748.767
    assert (ik2["pagu_program"], ik2["realisasi_program"]) == (6_910_387_000, 6_495_748_767)
    assert ik3["alasan"] == "Realisasi belum diisi" and pd.isna(ik3["capaian"])
    assert ik1["permasalahan"] == "Anggaran diklat dipotong"
    assert ik1["upaya"] == "Kerja sama dengan BPSDM provinsi"


def test_versi_data_changes_with_uploads_rollbacks_and_settings(con_uji):
    cur = con_uji.cursor()
    v0 = versi_data(cur)
    assert versi_data(cur) == v0
    pengaturan.simpan(con_uji, "skala_predikat", "berhasil", oleh="uji")
    v1 = versi_data(cur)
    assert v1 != v0
    kin = [r[:] for r in KINERJA_BID1_UJI]
    kin[1][7] = 7.0
    assert impor(con_uji, [("r2.xlsx", realisasi_xlsx(kin, ANGGARAN_BID1_UJI, unit="BID1"))],
                 oleh="uji").ok
    v2 = versi_data(cur)
    assert v2 != v1
    lama = cur.execute("SELECT min(id) FROM submission WHERE kode_unit = 'BID1'").fetchone()[0]
    submisi.rollback(con_uji, lama, oleh="uji")
    assert versi_data(cur) not in (v1, v2)


def test_slim_budget_index_matches_the_full_computation(con_uji):
    cur = con_uji.cursor()
    hasil = hitung_anggaran(cur, 2025)
    ringan = indeks_anggaran(cur, 2025)
    kode = [*hasil.program["kode"], *hasil.kegiatan["kode"], *hasil.sub_kegiatan["kode"],
            "5.03", "5", "9.99", None]
    assert {k: ringan.anggaran_kode(k) for k in kode} == {k: hasil.anggaran_kode(k)
                                                          for k in kode}
    assert ringan.anggaran_kode("5.04.02")["pagu"] == 6_910_387_000
    sendiri = tabel_capaian(cur, 2025)  # reads the slim index itself
    pd.testing.assert_frame_equal(sendiri, tabel_capaian(cur, 2025, anggaran=hasil))
