"""The demo's accounts (issue 10 item 6): one per role and one operator per reporting unit,
all with the documented password, listed for the login page only while they are the demo's."""

from __future__ import annotations

import pytest

from lkip_core import akun
from lkip_core.db import connect
from lkip_core.demo import SANDI_DEMO, buat_demo
from lkip_core.demo.akun import AKUN_OPD, akun_contoh, akun_kota, buat_akun_demo
from lkip_core.demo.bkpsdm import UNIT


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo_akun")
    con = connect(root / "lkip.duckdb")
    ringkas = buat_demo(con, root / "berkas")
    yield con, ringkas
    con.close()


def test_one_account_per_role_and_per_reporting_unit(demo):
    con, ringkas = demo
    daftar = akun.daftar(con)
    assert set(daftar["peran"]) == {"admin", "pimpinan", "bendahara", "operator"}
    pelapor = {u[0] for u in UNIT if u[2] != "opd"}
    assert set(daftar.loc[daftar["peran"] == "operator", "kode_unit"]) == pelapor
    assert ringkas["akun"] == [a[0] for a in AKUN_OPD]
    assert len(SANDI_DEMO) >= 10
    for nama in ("admin", "op.mutasi"):  # the documented password really signs in
        assert akun.masuk(con, nama, SANDI_DEMO).nama_pengguna == nama


def test_the_login_page_lists_them_while_they_are_the_demos(demo):
    con, _ = demo
    contoh = akun_contoh(con)
    assert [c["nama"] for c in contoh][:4] == ["admin", "pimpinan", "sekretaris", "bendahara"]
    assert {c["sandi"] for c in contoh} == {SANDI_DEMO}
    assert {c["unit"] for c in contoh if c["nama"].startswith("op.")} == {
        "SEKRE", "MUTASI", "PKA", "PPI", "PKP", "UPT"}
    akun.setel_sandi(con, "op.upt", "kata sandi baru milik upt", oleh="uji")
    akun.nonaktifkan(con, "op.pkp", oleh="uji")
    sisa = {c["nama"] for c in akun_contoh(con)}
    assert "op.upt" not in sisa and "op.pkp" not in sisa and "admin" in sisa


def test_no_notice_without_demo_data(con_master):
    buat_akun_demo(con_master, akun_kota("BID1"), oleh="demo")  # accounts, but no demo uploads
    assert akun.ambil(con_master, "op.unit").kode_unit == "BID1"
    assert akun_contoh(con_master) == []
    kosong = connect(":memory:")
    assert akun_contoh(kosong) == []  # nothing made by the demo at all
    kosong.close()
