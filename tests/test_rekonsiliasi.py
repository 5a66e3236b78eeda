"""The reconciliation as a whole: one planted problem per rule, the report, the review state,
the correction loop's bookkeeping, the command line, and the demo's planted mistakes."""

from __future__ import annotations

import json
import shutil

import pytest
from contoh import KINERJA_BID1, lpj_xlsx, master_xlsx, realisasi_xlsx
from rk_data import Basis, d

from lkip_core import db
from lkip_core.errors import InputRefused, NotFound
from lkip_core.masukan.impor import impor
from lkip_core.perintah import cli
from lkip_core.rekonsiliasi import (
    KODE,
    KOLOM,
    kemajuan,
    rekonsiliasi,
    riwayat_tinjauan,
    segarkan,
    tinjau,
)

P = "5.03.02.2.01."  # kegiatan 5.03.02.2.01, held by U1 alone
SUB = {k: P + n for k, n in (("R01", "0001"), ("R02", "0002"), ("R03", "0003"), ("R04", "0004"),
                             ("R05", "0005"), ("R06", "0006"), ("R09", "0009"), ("R13", "0013"),
                             ("C1", "0101"))}
C2 = "5.03.03.2.01.0001"
DUP = "0777/SP2D/GU|5.1.02.01|1500000"


@pytest.fixture
def satu_per_aturan(con):
    return tanam(con)


def tanam(con):
    """One planted problem per rule, each on its own object, and clean objects beside them.

    Every unit reports TW I and II. Returns the expected {object: rules firing on it}.
    """
    b = Basis(con)
    for k, kode in SUB.items():
        b.sub(kode, pagu=10_000_000 if k == "R04" else 100_000_000)
    b.sub(C2, unit="U2")
    for kode in ("I07", "I08", "I11", "I12", "IC1"):
        b.ind(kode)
    b.ind("IC2", unit="U2")
    b.ind("I14", unit="U3")  # U3 owes data and sends none: R14
    m = 1_000_000
    b.lpj([
        (d(2, 1), "1", SUB["R01"], "5.1.02", 10 * m), (d(5, 1), "2", SUB["R01"], "5.1.02", 10 * m),
        (d(5, 2), "3", SUB["R02"], "5.1.02", 5 * m),  # none up to TW I
        (d(1, 9), "4", SUB["R03"], "5.1.02", 3 * m),
        (d(1, 9), "5", SUB["R04"], "5.1.02", 6 * m), (d(4, 9), "6", SUB["R04"], "5.1.02", 5 * m),
        (d(3, 9), "7", SUB["R05"], "5.1.02", 1 * m),
        (d(6, 1), "0777/SP2D/GU", SUB["R09"], "5.1.02.01", 1.5 * m),
        (d(6, 1), "0777/SP2D/GU", SUB["R09"], "5.1.02.01", 1.5 * m),
        (d(5, 5), "8", P + "0099", "5.1.02", 750_000),  # a code the DPA does not know: R10
        (d(2, 2), "9", SUB["C1"], "5.1.02", 2 * m), (d(4, 2), "10", SUB["C1"], "5.1.02", 3 * m),
        (d(2, 2), "11", C2, "5.1.02", 4 * m),
    ])
    k1 = {"realisasi_tw1": 40, "realisasi_tw2": 55, "capaian": 55, "target": 100}
    b.realisasi("U1", kinerja={
        "I07": {"realisasi_tw1": 50, "realisasi_tw2": None},
        "I08": {**k1, "target": 90},
        "I11": {"realisasi_tw1": 50, "realisasi_tw2": 60, "capaian": 61},
        "I12": {"realisasi_tw1": 120, "realisasi_tw2": 160},
        "IC1": k1,
    }, anggaran={
        SUB["R01"]: {"keuangan_tw1": 10 * m + 1, "keuangan_tw2": 10 * m - 1},
        SUB["R02"]: {"keuangan_tw1": 5 * m, "keuangan_tw2": 0},
        SUB["R03"]: {"keuangan_tw1": None, "keuangan_tw2": 3 * m},
        SUB["R04"]: {"keuangan_tw1": 6 * m, "keuangan_tw2": 5 * m},
        SUB["R05"]: {"keuangan_tw1": 1 * m, "keuangan_tw2": 0, "fisik_tw1": 40},
        SUB["R06"]: {"keuangan_tw1": 0, "keuangan_tw2": 0, "fisik_tw1": 20, "fisik_tw2": 10},
        SUB["R09"]: {"keuangan_tw1": 0, "keuangan_tw2": 3 * m},
        SUB["R13"]: {"pagu": 100_000_001, "keuangan_tw1": 0, "keuangan_tw2": 0},
        SUB["C1"]: {"pagu": 100_000_000, "keuangan_tw1": 2 * m, "keuangan_tw2": 3 * m,
                    "fisik_tw1": 10, "fisik_tw2": 15},
    })
    b.realisasi("U2", kinerja={"IC2": k1},
                anggaran={C2: {"keuangan_tw1": 4 * m, "keuangan_tw2": 0, "fisik_tw1": 5,
                               "fisik_tw2": 5}})
    harap = {SUB["R01"]: {"R01"}, SUB["R02"]: {"R01", "R02"}, SUB["R03"]: {"R01", "R03"},
             SUB["R04"]: {"R04"}, SUB["R05"]: {"R05"}, SUB["R06"]: {"R06"}, "I07": {"R07"},
             "I08": {"R08"}, DUP: {"R09"}, P + "0099": {"R10"}, "I11": {"R11"},
             "I12": {"R12"}, SUB["R13"]: {"R13"}, "U3": {"R14"}}
    return b, harap


def _per_objek(laporan) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in laporan.temuan.itertuples():
        out.setdefault(r.kode_objek, set()).add(r.aturan)
    return out


def test_every_rule_fires_on_its_object_and_nothing_on_clean_ones(con, satu_per_aturan):
    _, harap = satu_per_aturan
    laporan = rekonsiliasi(con.cursor(), 2025)
    assert _per_objek(laporan) == harap
    assert all(n >= 1 for n in laporan.per_aturan.values())
    assert list(laporan.per_aturan) == list(KODE)
    bersih = {SUB["C1"], C2, "IC1", "IC2"}
    galat = laporan.temuan.loc[laporan.temuan["tingkat"] == "galat", "kode_objek"]
    assert not bersih & set(galat)
    assert laporan.per_unit == {"U1": len(laporan.temuan) - 1, "U3": 1}
    assert laporan.per_tingkat == {"galat": len(laporan.temuan) - 4, "peringatan": 4, "info": 0}
    assert set(laporan.temuan["status"]) == {"baru"}


def test_one_unit_only(con, satu_per_aturan):
    laporan = rekonsiliasi(con.cursor(), 2025, "U3")
    assert list(laporan.temuan["kunci"]) == ["R14|2025||U3"]
    assert laporan.per_unit == {"U3": 1}


def test_keys_are_stable_and_runs_are_recorded(con, satu_per_aturan):
    a = rekonsiliasi(con.cursor(), 2025)
    b = rekonsiliasi(con.cursor(), 2025)
    assert list(a.temuan["kunci"]) == list(b.temuan["kunci"])
    assert b.run_id == a.run_id + 1
    runs = con.execute("SELECT tahun, kode_unit, temuan, per_aturan FROM rekonsiliasi_run "
                       "ORDER BY id").fetchall()
    assert [r[:3] for r in runs] == [(2025, None, len(a.temuan))] * 2
    assert json.loads(runs[0][3]) == a.per_aturan
    assert (a.temuan["pertama"] == b.temuan["pertama"]).all()
    # catat=False reads the state but records nothing
    rekonsiliasi(con.cursor(), 2025, catat=False)
    assert con.execute("SELECT count(*) FROM rekonsiliasi_run").fetchone()[0] == 2


def test_a_finding_that_disappears_is_teratasi_and_counted_in_the_loop(con, satu_per_aturan):
    b, _ = satu_per_aturan
    awal = rekonsiliasi(con.cursor(), 2025)
    kunci = "R07|2025|2|I07"
    assert kunci in set(awal.temuan["kunci"])
    tinjau(con, "R08|2025||I08", "diterima", "PK direvisi, dijelaskan di Bab II", "Kasubag")
    # the unit's revision fills I07 TW II (everything else as before)
    rows = con.execute("SELECT kode_indikator, realisasi_tw1, realisasi_tw2, capaian, target "
                       "FROM v_realisasi_kinerja WHERE kode_unit = 'U1'").fetchall()
    kin = {k: dict(zip(("realisasi_tw1", "realisasi_tw2", "capaian", "target"), v))
           for k, *v in rows}
    kin["I07"]["realisasi_tw2"] = 70
    ang = {r[0]: dict(zip(("keuangan_tw1", "keuangan_tw2", "fisik_tw1", "fisik_tw2", "pagu"),
                          r[1:])) for r in con.execute(
        "SELECT kode_sub_kegiatan, keuangan_tw1, keuangan_tw2, fisik_tw1, fisik_tw2, pagu "
        "FROM v_realisasi_anggaran WHERE kode_unit = 'U1'").fetchall()}
    b.realisasi("U1", kinerja=kin, anggaran=ang)
    kini = rekonsiliasi(con.cursor(), 2025)
    assert kunci not in set(kini.temuan["kunci"])
    assert list(kini.teratasi["kunci"]) == [kunci]
    assert kini.teratasi.iloc[0]["status"] == "teratasi"
    assert kini.teratasi.iloc[0]["teratasi_waktu"] is not None
    assert len(kini.temuan) == len(awal.temuan) - 1
    maju = kemajuan(con.cursor(), 2025).set_index("kode_unit")
    u1 = maju.loc["U1"]
    assert (u1["ditemukan"], u1["teratasi"], u1["selesai"]) == (len(awal.temuan) - 1, 1, 1)
    assert u1["diselesaikan"] == 2 and u1["terbuka"] == u1["ditemukan"] - 2
    assert maju.loc["U3", "terbuka"] == 1
    # a one-unit run does not mark other units' findings teratasi
    rekonsiliasi(con.cursor(), 2025, "U3")
    assert kunci in set(rekonsiliasi(con.cursor(), 2025).teratasi["kunci"])
    assert "R01|2025|1|" + SUB["R01"] in set(rekonsiliasi(con.cursor(), 2025).temuan["kunci"])


def test_review_actions_are_kept_and_validated(con, satu_per_aturan):
    laporan = rekonsiliasi(con.cursor(), 2025)
    kunci = "R05|2025|1|" + SUB["R05"]
    tinjau(con, kunci, "diperiksa", "tanya PPTK", "Staf A")
    tinjau(con, kunci, "selesai", None, "Kasubag")
    riwayat = riwayat_tinjauan(con.cursor(), kunci)
    assert list(riwayat["status"]) == ["diperiksa", "selesai"]
    assert list(riwayat["oleh"]) == ["Staf A", "Kasubag"]
    baru = segarkan(con.cursor(), laporan)
    row = baru.temuan.set_index("kunci").loc[kunci]
    assert (row["status"], row["ditinjau_oleh"]) == ("selesai", "Kasubag")
    assert kunci not in set(baru.terbuka["kunci"])
    with pytest.raises(InputRefused):
        tinjau(con, kunci, "beres", None, "x")
    with pytest.raises(InputRefused):
        tinjau(con, kunci, "selesai", None, "  ")
    with pytest.raises(NotFound):
        tinjau(con, "R01|2025|1|tidak-ada", "selesai", None, "x")


def test_unknown_year_or_unit_is_refused(con, satu_per_aturan):
    with pytest.raises(NotFound, match="Tahun 2031"):
        rekonsiliasi(con.cursor(), 2031)
    with pytest.raises(NotFound, match="Unit 'XX'"):
        rekonsiliasi(con.cursor(), 2025, "XX")


# --- Through the real import path ---------------------------------------------------------------

def test_review_state_survives_a_re_upload(con):
    kin = [r[:] for r in KINERJA_BID1]
    kin[2][3] = 210  # IK.02: the unit echoes 210, the PK says 200 (R08)
    assert impor(con, [("m.xlsx", master_xlsx()), ("r.xlsx", realisasi_xlsx(kin)),
                       ("l.xlsx", lpj_xlsx())], oleh="uji").ok
    laporan = rekonsiliasi(con.cursor(), 2025)
    kunci = "R08|2025||IK.02"
    assert kunci in set(laporan.temuan["kunci"])
    tinjau(con, kunci, "diperiksa", "menunggu PK perubahan", "Kasubag")
    kin[1][8] = 57.3  # a revision that changes something else
    assert impor(con, [("r2.xlsx", realisasi_xlsx(kin))], oleh="uji").ok
    assert con.execute("SELECT count(*) FROM submission WHERE jenis = 'realisasi'").fetchone()[
        0] == 2
    baru = rekonsiliasi(con.cursor(), 2025).temuan.set_index("kunci")
    assert baru.loc[kunci, "status"] == "diperiksa"
    assert baru.loc[kunci, "catatan"] == "menunggu PK perubahan"


# --- The report object and the command line ---------------------------------------------------

def test_report_frames_and_dict(con, satu_per_aturan):
    laporan = rekonsiliasi(con.cursor(), 2025)
    frame = laporan.to_frame()
    assert "detail" not in frame and set(KOLOM) <= set(frame.columns)
    dd = laporan.to_dict()
    assert list(dd) == ["tahun", "ringkasan", "temuan"]
    assert list(dd["ringkasan"]["per_aturan"]) == list(KODE)
    assert set(dd["temuan"][0]) == {*KOLOM, "status"}
    json.dumps(dd, allow_nan=False)  # plain JSON: no NaN, no Decimal
    r01 = next(t for t in dd["temuan"] if t["aturan"] == "R01")
    assert r01["selisih"] == 1.0 and isinstance(r01["nilai_unit"], float)
    assert next(t for t in dd["temuan"] if t["aturan"] == "R14")["triwulan"] is None
    assert laporan.to_xlsx()[:2] == b"PK"


@pytest.fixture
def db_penuh(db_file):
    """The planted data set in a database file (for the command line)."""
    c = db.connect(db_file)
    tanam(c)
    c.close()
    return db_file


def test_cli_reconcile_json(db_penuh, capsys):
    assert cli.main(["--db", str(db_penuh), "reconcile", "--tahun", "2025", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tahun"] == 2025
    assert set(out["ringkasan"]) == {"per_aturan", "per_unit", "per_tingkat"}
    assert out["ringkasan"]["per_aturan"]["R14"] == 1
    assert out["ringkasan"]["per_tingkat"]["peringatan"] == 4
    assert {t["status"] for t in out["temuan"]} == {"baru"}
    assert cli.main(["--db", str(db_penuh), "reconcile", "--tahun", "2025", "--unit", "U3",
                     "--json"]) == 0
    assert [t["kunci"] for t in json.loads(capsys.readouterr().out)["temuan"]] == [
        "R14|2025||U3"]


def test_cli_refuses_unknown_year_and_unit(db_penuh, capsys, tmp_path):
    assert cli.main(["--db", str(db_penuh), "reconcile", "--tahun", "2031"]) == 2
    assert "Tahun 2031 tidak ada" in capsys.readouterr().err
    assert cli.main(["--db", str(db_penuh), "reconcile", "--tahun", "2025", "--unit", "XX"]) == 2
    assert cli.main(["--db", str(db_penuh), "koreksi", "--tahun", "2025", "--unit", "XX",
                     "--out", str(tmp_path / "k.xlsx")]) == 2
    assert "Unit 'XX'" in capsys.readouterr().err
    assert not (tmp_path / "k.xlsx").exists()


def test_cli_koreksi_writes_the_workbook(db_penuh, tmp_path, capsys):
    out = tmp_path / "koreksi_U1.xlsx"
    assert cli.main(["--db", str(db_penuh), "koreksi", "--tahun", "2025", "--unit", "U1",
                     "--out", str(out)]) == 0
    import openpyxl

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["temuan", "kinerja", "anggaran"]


# --- The demo's planted mistakes ---------------------------------------------------------------

def test_every_planted_demo_mistake_is_found(demo_db, tmp_path):
    from lkip_core.demo import KESALAHAN_DEMO
    from lkip_core.demo import bkpsdm as B
    from lkip_core.demo import kesalahan as K

    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    c = db.connect(path)
    laporan = rekonsiliasi(c.cursor(), K.TAHUN)
    objek = {**K.SUB, **K.KINERJA, "R10": K.KODE_TAK_DIKENAL, "R12": "IK.05",
             "R14": B.UPT_TANPA_LAPORAN}
    df = laporan.temuan
    for aturan in KESALAHAN_DEMO:
        kena = df.loc[df["aturan"] == aturan]
        if aturan == "R09":  # the object of a duplicate is the transaction; its sub kegiatan
            subs = {x["Sub kegiatan"] for det in kena["detail"] for x in det["lpj"]}
            assert objek[aturan] in subs, aturan
        else:
            assert objek[aturan] in set(kena["kode_objek"]), (aturan, KESALAHAN_DEMO[aturan])
    # no galat lands anywhere but on the planted objects
    galat = set(df.loc[df["tingkat"] == "galat", "kode_objek"])
    assert galat <= set(objek.values()), galat - set(objek.values())
    c.close()
