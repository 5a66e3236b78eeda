"""The leadership summary: every figure equals the core's own computation."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import temuan_contoh
from contoh import ANGGARAN_BID1, KINERJA_BID1, realisasi_xlsx

from lkip_core import fmt, pengaturan
from lkip_core.analisis import rumus
from lkip_core.analisis.anggaran import hitung_anggaran
from lkip_core.analisis.kinerja import tabel_capaian
from lkip_core.grafik import gaya
from lkip_core.grafik import pimpinan as grafik
from lkip_core.masukan.impor import impor
from lkip_core.pimpinan.ringkasan import (
    TANPA_DATA_LALU,
    peringkat,
    ringkasan,
    temuan_terbuka,
    terbawah,
)

# SEKRE's realisation of 2024: IK.03 (negatif, target 2) realised 1.5, and its one sub kegiatan
# (pagu 240 jt) spent 180 jt.
KINERJA_SEKRE_2024 = [KINERJA_BID1[0], ["IK.03", "Persentase ASN dijatuhi hukuman disiplin",
                                        "persen", 2, 1.8, 1.7, 1.6, 1.5, None, None, None]]
ANGGARAN_SEKRE_2024 = [ANGGARAN_BID1[0], [
    "5.03.01.1.01.0001", "Penyusunan dokumen perencanaan", 240_000_000, 50_000_000,
    50_000_000, 50_000_000, 30_000_000, 25, 50, 75, 100, None]]


@pytest.fixture
def con_bid1(con_master):
    """The test master with BID1's 2025 realisation (SEKRE has not sent)."""
    assert impor(con_master, [("r.xlsx", realisasi_xlsx())], oleh="uji").ok
    return con_master


def test_headline_figures_equal_the_core(con_bid1):
    cur = con_bid1.cursor()
    r = ringkasan(cur, 2025)
    df = tabel_capaian(cur, 2025)
    # Mean of the indicators with a capaian: IK.01 57.28 % and IK.02 110 % (IK.03 not sent).
    assert r.indikator == 3 and r.indikator_bercapaian == 2
    assert r.capaian_rata == pytest.approx(df["capaian"].dropna().mean())
    assert r.capaian_rata == pytest.approx((6.2032 / 10.83 * 100 + 110) / 2)
    assert r.per_predikat == {"Sangat Tinggi": 1, "Tinggi": 0, "Sedang": 0, "Rendah": 1,
                              "Sangat Rendah": 0}
    total = hitung_anggaran(cur, 2025).total
    assert (r.pagu, r.realisasi, r.serapan) == (total["pagu"], total["realisasi"],
                                                total["serapan"])
    assert r.unit_wajib == 2 and r.unit_belum == ["Sekretariat"]
    assert r.nama_opd == "Badan Contoh"
    assert list(r.per_sasaran["kode_sasaran"]) == ["S1", "S2"]
    assert r.per_sasaran["capaian"].iloc[0] == pytest.approx(r.capaian_rata)
    assert pd.isna(r.per_sasaran["capaian"].iloc[1])


def test_open_galat_counts_only_open_statuses(con_bid1):
    temuan_contoh.tanam(con_bid1)  # reviewed: selesai and diterima close a finding
    r = ringkasan(con_bid1.cursor(), 2025)
    assert len(r.temuan) == temuan_contoh.TOTAL == 18
    assert r.galat_terbuka == temuan_contoh.GALAT_TERBUKA == 7  # baru + diperiksa galat only
    assert r.galat_unit.to_dict("records") == [
        {"kode_unit": "BID1", "nama_unit": "Bidang Satu", "galat": 6},
        {"kode_unit": "SEKRE", "nama_unit": "Sekretariat", "galat": 1}]
    terbuka = temuan_terbuka(con_bid1.cursor(), 2025)
    assert len(terbuka) == temuan_contoh.TERBUKA == 8  # the R12 peringatan is open too
    assert set(terbuka["status"]) == {"baru", "diperiksa"}
    assert r.to_dict()["galat_terbuka"] == 7


def test_open_galat_without_reviews(con_bid1):
    # No LPJ yet: R01 and R02 for BID1's 2 sub kegiatan in 4 TW (16), R14 for SEKRE.
    r = ringkasan(con_bid1.cursor(), 2025)
    assert r.galat_terbuka == 17
    assert r.galat_unit.to_dict("records") == [
        {"kode_unit": "BID1", "nama_unit": "Bidang Satu", "galat": 16},
        {"kode_unit": "SEKRE", "nama_unit": "Sekretariat", "galat": 1}]


def test_no_data_last_year_then_a_change(con_bid1):
    cur = con_bid1.cursor()
    r = ringkasan(cur, 2025)
    assert r.lalu.tahun == 2024 and r.lalu.keterangan == TANPA_DATA_LALU
    assert r.lalu.selisih_capaian is None and r.lalu.selisih_serapan is None
    assert r.to_dict()["tahun_lalu"]["keterangan"] == "tidak ada data tahun lalu"
    assert impor(con_bid1, [("s24.xlsx", realisasi_xlsx(KINERJA_SEKRE_2024, ANGGARAN_SEKRE_2024,
                                                        unit="SEKRE", tahun=2024))],
                 oleh="uji").ok
    r = ringkasan(cur, 2025)
    # 2024: IK.03 negatif selisih (2·2 − 1.5)/2 = 125 %; serapan 180 / 240 jt = 75 %.
    assert r.lalu.capaian_rata == pytest.approx(125.0)
    assert r.lalu.serapan == pytest.approx(75.0)
    assert r.lalu.selisih_capaian == pytest.approx(r.capaian_rata - 125.0)
    assert r.lalu.selisih_serapan == pytest.approx(r.serapan - 75.0)
    assert r.lalu.keterangan is None


def test_serapan_per_unit_from_sums(con_bid1):
    r = ringkasan(con_bid1.cursor(), 2025)
    df = r.serapan_unit.set_index("kode_unit")
    bid1 = r.anggaran.sub_kegiatan.loc[r.anggaran.sub_kegiatan["kode_unit"] == "BID1"]
    assert df.loc["BID1", "serapan"] == rumus.serapan_dari_baris(list(bid1["_pagu"]),
                                                                 list(bid1["_realisasi"]))
    assert df.loc["BID1", "pagu"] == 1_500_000_000
    assert df.loc["BID1", "dilaporkan"] > 0 and df.loc["SEKRE", "dilaporkan"] == 0


def test_terbawah_keeps_small_frames_and_cuts_big_ones():
    df = pd.DataFrame({"kode": list("abcde"), "serapan": [50.0, 10.0, None, 30.0, 90.0]})
    same, n = terbawah(df, "serapan", 5)
    assert n == 5 and list(same["kode"]) == list("abcde")
    low, n = terbawah(df, "serapan", 3)
    assert n == 5 and list(low["kode"]) == ["c", "b", "d"]  # not reported first, then lowest


def _indikator(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "kode_indikator": [f"IK.{i:02d}" for i in range(n)], "uraian_indikator": "x",
        "kode_sasaran": "S1", "nama_unit": "U", "satuan": "persen", "target": 1.0,
        "realisasi": 1.0, "capaian": [float(10 * i) for i in range(n)], "alasan": None,
        "predikat": "Tinggi"})


def test_best_and_worst_five_never_overlap():
    terbaik, terburuk = peringkat(_indikator(12))
    assert list(terbaik["capaian"]) == [110, 100, 90, 80, 70]
    assert list(terburuk["capaian"]) == [0, 10, 20, 30, 40]
    terbaik, terburuk = peringkat(_indikator(3))
    assert list(terbaik["capaian"]) == [20, 10] and list(terburuk["capaian"]) == [0]
    df = _indikator(4)
    df.loc[0, "capaian"] = None
    terbaik, terburuk = peringkat(df)
    assert set(terbaik["kode_indikator"]) | set(terburuk["kode_indikator"]) == {
        "IK.01", "IK.02", "IK.03"}


def test_to_dict_is_json(con_bid1):
    d = ringkasan(con_bid1.cursor(), 2025).to_dict()
    back = json.loads(json.dumps(d, allow_nan=False))
    assert back["serapan"] == d["serapan"] and back["per_predikat"]["Rendah"] == 1
    assert back["per_sasaran"][1]["capaian"] is None
    assert back["terbaik"][0]["kode_indikator"] == "IK.02"
    assert back["terburuk"][0]["kode_indikator"] == "IK.01"


def test_empty_year_does_not_break(con_master):
    r = ringkasan(con_master.cursor(), 2024)
    assert r.capaian_rata is None and r.indikator_bercapaian == 0
    assert r.terbaik.empty and r.terburuk.empty


def test_charts_carry_the_summary(con_bid1):
    cur = con_bid1.cursor()
    r = ringkasan(cur, 2025)
    skala = pengaturan.skala_predikat(cur)
    fig = grafik.capaian_per_sasaran(r.per_sasaran, skala)
    assert fig.layout.separators == ",."
    bar = fig.data[0]
    assert bar.x[0] == pytest.approx(r.per_sasaran["capaian"].iloc[0])
    assert bar.text[0] == "83,64 %" and bar.text[1] == "belum ada capaian"
    assert "Tinggi" in bar.hovertext[0]
    assert bar.marker.color[0] == gaya.warna_predikat("Tinggi", skala)
    unit = grafik.serapan_unit(r.serapan_unit, r.serapan)
    assert list(unit.data[0].text) == ["88,67 %", "belum melapor"]  # 1.330.000.000,5 / 1,5 M
    assert any(a.text == f"OPD {fmt.persen(r.serapan)}" for a in unit.layout.annotations)


def test_presentation_mode_enlarges_every_font():
    fig = grafik.capaian_per_sasaran(pd.DataFrame({
        "kode_sasaran": ["S1"], "uraian_sasaran": ["x"], "capaian": [90.0],
        "predikat": ["Tinggi"], "indikator": [2], "tanpa_capaian": [0]}))
    kecil = (fig.layout.font.size, fig.layout.title.font.size, fig.layout.xaxis.tickfont.size,
             fig.data[0].textfont.size, fig.layout.annotations[0].font.size, fig.layout.height)
    besar = grafik.perbesar(fig)
    assert besar is fig
    now = (fig.layout.font.size, fig.layout.title.font.size, fig.layout.xaxis.tickfont.size,
           fig.data[0].textfont.size, fig.layout.annotations[0].font.size, fig.layout.height)
    assert all(b > k for b, k in zip(now, kecil)), (kecil, now)
    assert fig.layout.font.size == round(kecil[0] * grafik.PERBESAR)


def test_versi_changes_with_data_and_review_decisions(con_bid1):
    from lkip_core.analisis.versi import versi_data as versi

    cur = con_bid1.cursor()
    awal = versi(cur)
    assert versi(cur) == awal  # nothing changed: a page may keep its summary
    con_bid1.execute("INSERT INTO rekonsiliasi_tinjauan (kunci, status, oleh, waktu) "
                     "VALUES ('x', 'selesai', 'uji', now())")
    setelah_tinjau = versi(cur)
    assert setelah_tinjau != awal
    assert impor(con_bid1, [("s.xlsx", realisasi_xlsx(KINERJA_SEKRE_2024, ANGGARAN_SEKRE_2024,
                                                      unit="SEKRE", tahun=2024))],
                 oleh="uji").ok
    assert versi(cur) != setelah_tinjau
