"""The demo data set: built through the real import path, with its planted mistakes."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import openpyxl
import pytest

from lkip_core.analisis.rumus import hitung_capaian, realisasi_tahunan
from lkip_core.db import connect
from lkip_core.demo import KESALAHAN_DEMO, buat_demo, kota
from lkip_core.demo import kesalahan as K
from lkip_core.errors import InputRefused


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The opd demo built once into a temporary folder and DuckDB file."""
    root = tmp_path_factory.mktemp("demo")
    con = connect(root / "lkip.duckdb")
    langkah: list[float] = []
    ringkas = buat_demo(con, root / "berkas", progress=lambda f, t: langkah.append(f))
    yield con, root / "berkas", ringkas, langkah
    con.close()


def _q(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()


def test_build_reports(demo):
    # How long the build takes is measured by benchmarks, not asserted on a shared machine.
    con, folder, ringkas, langkah = demo
    assert ringkas["submission"] == len(ringkas["berkas"]) == 14
    assert sorted(p.name for p in folder.iterdir()) == sorted(ringkas["berkas"])
    assert ringkas["kesalahan"] == KESALAHAN_DEMO
    assert langkah and langkah[-1] == 1.0 and langkah == sorted(langkah)


def test_master_contents(demo):
    con = demo[0]
    units = dict(_q(con, "SELECT kode_unit, jenis_unit FROM v_unit"))
    assert units["BKPSDM"] == "opd" and units["UPT"] == "upt" and units["SEKRE"] == "sekretariat"
    assert sum(j == "bidang" for j in units.values()) == 4
    assert _q(con, "SELECT count(*) FROM v_sasaran")[0][0] == 5
    ind = _q(con, "SELECT polaritas, metode_negatif, agregasi, iku, kode_unit FROM v_indikator")
    assert 20 <= len(ind) <= 30
    assert {i[0] for i in ind} == {"positif", "negatif"}
    assert ("negatif", "rasio") in {(i[0], i[1]) for i in ind}
    assert {i[2] for i in ind} == {"jumlah", "terakhir", "rata_rata"}
    assert 6 <= sum(i[3] for i in ind) <= 10
    assert {i[4] for i in ind} <= set(units) - {"BKPSDM"}
    assert _q(con, "SELECT min(tahun), max(tahun), count(DISTINCT kode_indikator) FROM v_target"
              ) == [(2021, 2025, len(ind))]
    assert _q(con, "SELECT min(tahun), max(tahun) FROM v_realisasi_lalu") == [(2021, 2024)]
    subs = _q(con, "SELECT substr(kode_sub_kegiatan, 1, 7), pagu, rak_tw1 + rak_tw2 + rak_tw3 "
                   "+ rak_tw4 FROM v_anggaran WHERE tahun = 2025")
    assert 35 <= len(subs) <= 45
    assert {s[0] for s in subs} == {"5.03.01", "5.03.02", "5.04.02"}
    assert all(50_000_000 <= s[1] <= 3_000_000_000 and s[1] == s[2] for s in subs)


def test_published_cases(demo):
    con = demo[0]
    row = _q(con, "SELECT t.target_pk, r.realisasi_tw4, r.capaian FROM v_target t "
                  "JOIN v_realisasi_kinerja r USING (kode_indikator, tahun) "
                  "WHERE t.tahun = 2025 AND t.target_pk = 10.83")
    assert row == [(10.83, 6.2032, 57.28)]
    assert round(hitung_capaian(10.83, 6.2032, "positif").nilai, 2) == 57.28
    pagu, real = _q(con, "SELECT sum(a.pagu), sum(r.keuangan_tw1 + r.keuangan_tw2 + "
                         "r.keuangan_tw3 + r.keuangan_tw4) FROM v_anggaran a "
                         "JOIN v_realisasi_anggaran r USING (kode_sub_kegiatan, tahun) "
                         "WHERE a.tahun = 2025 AND a.kode_sub_kegiatan LIKE '5.04.02.%'")[0]
    assert (pagu, real) == (Decimal("6910387000"), Decimal("6495748767"))
    cap = _q(con, "SELECT r.capaian FROM v_indikator i JOIN v_realisasi_kinerja r "
                  "USING (kode_indikator) WHERE r.tahun = 2025 AND i.kode_program = '5.04.02'")
    assert (99.92,) in cap


def test_lpj_and_submissions(demo):
    con = demo[0]
    per_tahun = dict(_q(con, "SELECT tahun, count(*) FROM v_lpj GROUP BY tahun"))
    assert set(per_tahun) == {2024, 2025}
    assert all(2000 <= n <= 4000 for n in per_tahun.values())
    assert _q(con, "SELECT DISTINCT status FROM submission") == [("aktif",)]
    melapor = _q(con, "SELECT tahun, list(kode_unit ORDER BY kode_unit) FROM submission "
                      "WHERE jenis = 'realisasi' GROUP BY tahun ORDER BY tahun")
    assert melapor == [(2024, ["MUTASI", "PKA", "PKP", "PPI", "SEKRE", "UPT"]),
                       (2025, ["MUTASI", "PKA", "PKP", "PPI", "SEKRE"])]
    serapan = _q(con, "SELECT sum(jumlah) / any_value(a.pagu) FROM v_lpj l JOIN v_anggaran a "
                      "USING (kode_sub_kegiatan, tahun) WHERE tahun = 2024 "
                      "GROUP BY kode_sub_kegiatan")
    assert all(0.79 <= s[0] <= 0.995 for s in serapan)


def _selisih_keuangan(con, tahun: int) -> list[tuple]:
    """(kode, TW) where the unit's cumulative keuangan differs from the LPJ's (R01's test)."""
    lpj = {}
    for kode, tw, s in _q(con, "SELECT kode_sub_kegiatan, quarter(tanggal), sum(jumlah) "
                               "FROM v_lpj WHERE tahun = ? GROUP BY ALL", [tahun]):
        lpj.setdefault(kode, [0] * 4)[tw - 1] = s
    out = []
    for kode, *keu in _q(con, "SELECT kode_sub_kegiatan, keuangan_tw1, keuangan_tw2, "
                              "keuangan_tw3, keuangan_tw4 FROM v_realisasi_anggaran "
                              "WHERE tahun = ?", [tahun]):
        l_kum = np.cumsum(lpj.get(kode, [0] * 4))
        u_kum = np.cumsum([v or 0 for v in keu])
        out += [(kode, tw + 1) for tw in range(4) if l_kum[tw] != u_kum[tw]]
    return sorted(out)


def test_planted_mistakes_are_there_and_alone(demo):
    con = demo[0]
    assert set(KESALAHAN_DEMO) == {f"R{n:02d}" for n in range(1, 15)}
    assert _selisih_keuangan(con, 2024) == []
    assert _selisih_keuangan(con, 2025) == sorted(
        [(K.SUB["R01"], 2), (K.SUB["R02"], 1), (K.SUB["R03"], 1)])
    assert _q(con, "SELECT keuangan_tw1 FROM v_realisasi_anggaran WHERE tahun = 2025 AND "
                   "kode_sub_kegiatan = ?", [K.SUB["R03"]]) == [(None,)]
    lebih = _q(con, "SELECT tahun, kode_sub_kegiatan FROM v_lpj JOIN v_anggaran a "
                    "USING (kode_sub_kegiatan, tahun) GROUP BY tahun, kode_sub_kegiatan "
                    "HAVING sum(jumlah) > any_value(a.pagu)")
    assert lebih == [(2025, K.SUB["R04"])]
    fisik = dict((r[0], r[1:]) for r in _q(
        con, "SELECT kode_sub_kegiatan, fisik_tw1, fisik_tw2, fisik_tw3, fisik_tw4 "
             "FROM v_realisasi_anggaran WHERE tahun = 2025"))
    assert [k for k, f in fisik.items() if list(f) != sorted(f)] == [K.SUB["R06"]]
    assert all(0 <= v <= 100 for f in fisik.values() for v in f)
    timpang = _q(con, "SELECT kode_sub_kegiatan, tw FROM (SELECT a.kode_sub_kegiatan, u.tw, "
                      "sum(l.jumlah) FILTER (WHERE quarter(l.tanggal) <= u.tw) / any_value(a.pagu) "
                      "* 100 AS serapan, any_value([r.fisik_tw1, r.fisik_tw2, r.fisik_tw3, "
                      "r.fisik_tw4][u.tw]) AS fisik FROM v_anggaran a JOIN v_realisasi_anggaran r "
                      "USING (kode_sub_kegiatan, tahun) JOIN v_lpj l USING (kode_sub_kegiatan, "
                      "tahun) CROSS JOIN range(1, 5) u(tw) WHERE a.tahun = 2025 GROUP BY ALL) "
                      "WHERE abs(fisik - serapan) > 25")
    assert timpang == [(K.SUB["R05"], 2)]
    ganda = _q(con, "SELECT tahun, kode_sub_kegiatan FROM v_lpj GROUP BY tahun, nomor_bukti, "
                    "kode_rekening, jumlah, kode_sub_kegiatan HAVING count(*) > 1")
    assert ganda == [(2025, K.SUB["R09"])]
    asing = _q(con, "SELECT tahun, kode_sub_kegiatan FROM v_lpj l WHERE NOT EXISTS (SELECT 1 "
                    "FROM v_anggaran a WHERE a.tahun = l.tahun AND "
                    "a.kode_sub_kegiatan = l.kode_sub_kegiatan)")
    assert asing == [(2025, K.KODE_TAK_DIKENAL)]
    pagu_beda = _q(con, "SELECT r.tahun, kode_sub_kegiatan FROM v_realisasi_anggaran r "
                        "JOIN v_anggaran a USING (kode_sub_kegiatan, tahun) WHERE r.pagu <> a.pagu")
    assert pagu_beda == [(2025, K.SUB["R13"])]


def test_planted_kinerja_mistakes(demo):
    con = demo[0]
    rows = _q(con, "SELECT r.tahun, kode_indikator, r.target, t.target_pk, realisasi_tw1, "
                   "realisasi_tw2, realisasi_tw3, realisasi_tw4, r.capaian, polaritas, "
                   "metode_negatif, agregasi FROM v_realisasi_kinerja r "
                   "JOIN v_target t USING (kode_indikator, tahun) JOIN v_indikator USING "
                   "(kode_indikator)")
    kosong, target_beda, capaian_beda, ekstrem = [], [], [], []
    for tahun, kode, tgt, pk, *rest in rows:
        tws, cap, pol, met, agr = rest[:4], rest[4], rest[5], rest[6], rest[7]
        ulang = hitung_capaian(pk, realisasi_tahunan(tws, agr), pol, met).nilai
        kosong += [(tahun, kode)] if None in tws else []
        target_beda += [(tahun, kode)] if tgt != pk else []
        capaian_beda += [(tahun, kode)] if abs(cap - ulang) > 0.01 else []
        ekstrem += [(tahun, kode)] if not 10 <= ulang <= 150 else []
    assert kosong == [(2025, K.KINERJA["R07"])]
    assert target_beda == [(2025, K.KINERJA["R08"])]
    assert capaian_beda == [(2025, K.KINERJA["R11"])]
    assert ekstrem == [(2025, "IK.05")]


def test_files_look_like_user_files(demo):
    folder = demo[1]
    lpj = openpyxl.load_workbook(folder / "lpj_2025.xlsx", read_only=True)
    rows = list(lpj.active.iter_rows(values_only=True))
    assert rows[0][0] == "PEMERINTAH KOTA TANGERANG" and rows[4][0] == "Tanggal"
    assert rows[-1][0] == "JUMLAH"
    assert rows[5][1].endswith("/SP2D/" + rows[5][6] + "/2025")
    tpl = openpyxl.load_workbook(folder / "realisasi_PKA_2025.xlsx")
    assert tpl.sheetnames[:2] == ["kinerja", "anggaran"]
    assert tpl["_lkip"]["B2"].value == "PKA"


def test_deterministic(demo, tmp_path):
    """Same seed, same bytes: a rebuilt demo writes identical files."""
    ringkas = buat_demo(connect(":memory:"), tmp_path)
    for nama in ringkas["berkas"]:
        assert (tmp_path / nama).read_bytes() == (demo[1] / nama).read_bytes(), nama


def test_unknown_skala(tmp_path):
    with pytest.raises(InputRefused, match="provinsi"):
        buat_demo(connect(":memory:"), tmp_path, skala="provinsi")


def test_kota_lpj_sums_and_size():
    """The city LPJ: 500,000 lines under the upload limit, summing to the plan per TW."""
    import random

    rng, gen = random.Random(2025), np.random.default_rng(2025)
    units = kota._units(rng)
    _, katalog, anggaran = kota._master(rng, units)
    assert 300 <= len(units) <= 500 and 2000 <= len(katalog) <= 4000
    assert 3000 <= len(anggaran) <= 6000
    assert len({a["kode_sub_kegiatan"] for a in anggaran}) == len(anggaran)
    pagu = np.array([a["pagu"] for a in anggaran[:300]], dtype=np.float64)
    tw, fisik = kota._belanja(gen, pagu)
    data = kota._lpj_csv(gen, [a["kode_sub_kegiatan"] for a in anggaran[:300]], tw)
    assert len(data) < 50 * 2**20
    lines = data.decode().splitlines()
    assert len(lines) == kota.BARIS_LPJ + 1
    total = sum(int(x.split(";")[5].replace(".", "")) for x in lines[1:])
    assert total == int(tw.sum())
    assert (np.diff(fisik, axis=1) >= 0).all() and (fisik <= 100).all()
