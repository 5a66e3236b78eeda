"""TW capaian: target_twN is the same kind of figure as realisasi_twN (inputs.md §2)."""

from __future__ import annotations

import pytest
from contoh import realisasi_xlsx

from lkip_core.analisis.kinerja import tabel_capaian
from lkip_core.masukan.impor import impor


def test_jumlah_tw_against_its_own_tw_target_and_annual_progress(con_master):
    assert impor(con_master, [("r.xlsx", realisasi_xlsx())], oleh="uji").ok
    df = tabel_capaian(con_master.cursor(), 2025).set_index("kode_indikator")
    ik2 = df.loc["IK.02"]  # jumlah, TW targets 50 each, realisasi 40, 60, 50, 70
    assert [ik2[f"capaian_tw{n}"] for n in range(1, 5)] == pytest.approx([80, 120, 100, 140])
    assert ik2["realisasi"] == 220 and ik2["capaian"] == pytest.approx(110)
    ik1 = df.loc["IK.01"]  # terakhir, TW targets 2.5/5/7.5/10.83: the position at each TW end
    assert ik1["capaian_tw4"] == pytest.approx(6.2032 / 10.83 * 100)
    assert ik1["capaian_tw2"] == pytest.approx(80.0)


def test_without_tw_target_the_realisasi_to_date_meets_the_annual_target(con_master):
    kin = [r[:] for r in __import__("contoh").KINERJA_BID1]
    assert impor(con_master, [("r.xlsx", realisasi_xlsx(kin))], oleh="uji").ok
    from lkip_core.analisis.kinerja import tabel_capaian as tc

    con_master.execute("UPDATE target SET target_tw2 = NULL WHERE kode_indikator = 'IK.02'")
    ik2 = tc(con_master.cursor(), 2025).set_index("kode_indikator").loc["IK.02"]
    assert not ik2["target_tw_sendiri2"]
    assert ik2["capaian_tw2"] == pytest.approx((40 + 60) / 200 * 100)
