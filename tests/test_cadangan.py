"""Snapshots and restore (issue 9): `cadangan`, `pulihkan`, automatic snapshots, `demo --force`,
retention, and the Cadangan page. Every test uses real DuckDB files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest
from contoh import lpj_xlsx, master_xlsx, realisasi_xlsx
from tunggu import sampai

from lkip_core import db, pengaturan
from lkip_core.db import cadangan, pemulihan
from lkip_core.db.basis import Basis, basis
from lkip_core.demo import buat_demo
from lkip_core.errors import InputRefused
from lkip_core.lampiran import arsip
from lkip_core.masukan import submisi
from lkip_core.masukan.impor import impor
from lkip_core.rekonsiliasi import rekonsiliasi
from lkip_core.rekonsiliasi.status import tinjau

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _cli(db_path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "lkip_core", "--db", str(db_path), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def kecil(tmp_path) -> Path:
    """A database file with the small test set (master, BID1's realisasi, LPJ)."""
    path = tmp_path / "lkip.duckdb"
    con = db.connect(path)
    assert impor(con, [("master.xlsx", master_xlsx()), ("r.xlsx", realisasi_xlsx()),
                       ("lpj.xlsx", lpj_xlsx())], oleh="Budi").ok
    con.close()
    return path


def _nama(path: Path) -> list[str]:
    return [c.sebab for c in cadangan.daftar(path)]


# What must survive a snapshot and a restore, row for row and byte for byte.
_ISI = {
    "kiriman": "SELECT * EXCLUDE (urutan) FROM submission ORDER BY id",
    "berkas asli": "SELECT submission_id, sha256(isi) FROM submission_berkas ORDER BY 1",
    "tinjauan": "SELECT * FROM rekonsiliasi_tinjauan ORDER BY id",
    "pengaturan": "SELECT * FROM pengaturan WHERE kunci NOT IN ('tempat_ttd', 'tanggal_ttd') "
                  "ORDER BY kunci",
    "arsip": "SELECT * FROM ekspor ORDER BY id",
    "arsip berkas": "SELECT ekspor_id, sha256(isi) FROM ekspor_berkas ORDER BY 1",
    "jadwal": "SELECT * FROM tahapan_rencana ORDER BY ALL",
}


def _isi(con) -> dict:
    return {k: con.execute(sql).fetchall() for k, sql in _ISI.items()}


def test_snapshot_while_another_session_writes_then_restore_into_a_new_path(tmp_path):
    from lkip_core.pimpinan import tahapan

    path = tmp_path / "lkip.duckdb"
    app = Basis(path, lepas=30)
    with app.sesi() as con:
        buat_demo(con, tmp_path / "demo")
        laporan = rekonsiliasi(con.cursor(), 2025)
        kunci = laporan.temuan["kunci"].tolist()[:3]
        for k, status in zip(kunci, ("diperiksa", "selesai", "diterima")):
            tinjau(con, k, status, f"catatan {status}", "Kasubag")
        pengaturan.simpan(con, "toleransi_keuangan", 1000, oleh="Kasubag")
        pengaturan.simpan(con, "judul_lampiran_i", "PK Tahun 2025", oleh="Kasubag")
        tahapan.simpan_rencana(con, 2025, dt.date(2025, 2, 3), oleh="Kasubag")
        arsip.arsipkan(con, jenis="lampiran", tahun=2025, nama_berkas="lampiran.xlsx",
                       isi=b"PK\x03\x04" + bytes(range(256)) * 40, oleh="Kasubag",
                       lampiran=["I", "II"])

    # Another session of the app writes two settings in one transaction, over and over.
    berhenti = threading.Event()
    putaran = [0]

    def penulis() -> None:
        with app.sesi() as con:
            while not berhenti.is_set():
                putaran[0] += 1
                i = putaran[0]
                with db.transaksi(con) as cur:
                    for k, v in (("tempat_ttd", f'"Kota {i}"'), ("tanggal_ttd", f'"{i}"')):
                        cur.execute("INSERT OR REPLACE INTO pengaturan VALUES (?, ?, 'uji', "
                                    "current_timestamp::TIMESTAMP)", [k, v])

    t = threading.Thread(target=penulis)
    t.start()
    try:
        sampai(lambda: putaran[0] >= 20, "the writer thread wrote 20 times")
        with app.sesi() as con:
            sebelum = putaran[0]
            snap = cadangan.salin(con, tmp_path / "salinan" / "snap.duckdb")
            sesudah = putaran[0]
        sampai(lambda: putaran[0] >= sesudah + 20, "the writer went on after the snapshot")
    finally:
        berhenti.set()
        t.join()
    assert not list((tmp_path / "salinan").glob(".*tmp"))  # no temporary copy left behind

    baru = tmp_path / "lain" / "dipulihkan.duckdb"
    r = _cli(baru, "pulihkan", str(snap))
    assert r.returncode == 0, r.stderr
    assert "dipulihkan" in r.stderr
    with app.sesi() as con:
        asli = _isi(con)
    app.tutup()
    c = db.connect(baru)
    pulih = _isi(c)
    for k in _ISI:
        assert pulih[k] == asli[k], k
    assert len(pulih["kiriman"]) == 14 and len(pulih["tinjauan"]) == 3 and pulih["arsip berkas"]
    # the two settings written together are from the same transaction: never half of one
    tempat, tanggal = (c.execute("SELECT nilai FROM pengaturan WHERE kunci = ?", [k]).fetchone()[0]
                       for k in ("tempat_ttd", "tanggal_ttd"))
    i = int(tanggal.strip('"'))
    assert tempat == f'"Kota {i}"' and sebelum <= i <= sesudah
    # the restored database is whole and migrated
    assert c.execute("SELECT nilai FROM meta WHERE kunci = 'schema_version'").fetchone()[0] == \
        str(db.schema_version())
    c.close()
    assert _cli(baru, "periksa").returncode == 0


def test_the_command_line_waits_for_the_app_then_writes_its_snapshot(kecil, tmp_path):
    app = basis(kecil)
    out = tmp_path / "cli.duckdb"
    with app.sesi() as con:
        con.execute("SELECT count(*) FROM submission").fetchone()
        proses = subprocess.Popen([PY, "-m", "lkip_core", "--db", str(kecil), "cadangan", "--out",
                                   str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        sampai(lambda: app._ada_antrean() or proses.poll() is not None,
               "the command announces that it waits for the file")
        con.execute("SELECT count(*) FROM pengaturan").fetchall()  # the page run goes on
        assert proses.poll() is None  # and the command keeps waiting
    _, err = proses.communicate(timeout=60)
    assert proses.returncode == 0, err
    assert f"Cadangan ditulis ke {out}" in err
    c = db.connect(out, read_only=True)
    assert c.execute("SELECT count(*) FROM submission").fetchone()[0] == 3
    c.close()
    app.tutup()


def test_pulihkan_refuses_what_is_not_an_lkip_database(kecil, tmp_path):
    sampah = tmp_path / "bukan.duckdb"
    sampah.write_bytes(b"PK\x03\x04 ini sebuah berkas zip, bukan basis data" * 100)
    lain = tmp_path / "lain.duckdb"
    raw = duckdb.connect(str(lain))
    raw.execute("CREATE TABLE pelanggan AS SELECT range AS id FROM range(10)")
    raw.close()
    for berkas, alasan in ((sampah, "bukan berkas basis data DuckDB"),
                           (lain, "tidak ada tabel meta dan submission"),
                           (tmp_path / "tidak_ada.duckdb", "tidak ada")):
        r = _cli(kecil, "pulihkan", str(berkas))
        assert r.returncode == 2, r.stderr
        assert alasan in r.stderr and "Traceback" not in r.stderr
    assert "bukan basis data LKIP" in _cli(kecil, "pulihkan", str(sampah)).stderr
    assert cadangan.daftar(kecil) == []  # refused before anything was touched
    c = db.connect(kecil)
    assert c.execute("SELECT count(*) FROM submission").fetchone()[0] == 3
    c.close()


def test_pulihkan_refuses_a_snapshot_from_a_newer_version(kecil, tmp_path):
    snap = tmp_path / "baru.duckdb"
    assert _cli(kecil, "cadangan", "--out", str(snap)).returncode == 0
    raw = duckdb.connect(str(snap))
    raw.execute("UPDATE meta SET nilai = '999' WHERE kunci = 'schema_version'")
    raw.close()
    r = _cli(kecil, "pulihkan", str(snap))
    assert r.returncode == 2
    assert "versi aplikasi yang lebih baru" in r.stderr and "skema 999" in r.stderr
    assert cadangan.daftar(kecil) == []


def test_pulihkan_keeps_the_current_database_first(kecil, tmp_path):
    snap = tmp_path / "s1.duckdb"
    assert _cli(kecil, "cadangan", "--out", str(snap)).returncode == 0
    from contoh import KINERJA_BID1

    lain = [r[:] for r in KINERJA_BID1]
    lain[1][7] = 7.5
    f = tmp_path / "r2.xlsx"
    f.write_bytes(realisasi_xlsx(lain))
    assert _cli(kecil, "import", str(f), "--oleh", "Sari").returncode == 0
    r = _cli(kecil, "pulihkan", str(snap), "--oleh", "Kasubag")
    assert r.returncode == 0, r.stderr
    (lama,) = cadangan.daftar(kecil)
    assert lama.sebab == "sebelum-pulihkan" and str(lama.berkas) in r.stderr
    c = db.connect(kecil)
    assert c.execute("SELECT count(*) FROM submission").fetchone()[0] == 3
    c.close()
    c = db.connect(lama.berkas, read_only=True)
    assert c.execute("SELECT count(*) FROM submission WHERE oleh = 'Sari'").fetchone()[0] == 1
    c.close()
    assert "Kasubag" in (db.folder_cadangan(kecil) / "riwayat.jsonl").read_text()


def test_restore_inside_the_app_waits_for_the_other_sessions(kecil, tmp_path):
    """Restoring from a page run while another session of the app is busy: that session
    finishes first, the restore then swaps the file, and the next session sees the snapshot."""
    b = basis(kecil)
    with b.sesi() as con:
        snap = cadangan.salin(con, tmp_path / "s.duckdb")
        con.execute("DELETE FROM rekonsiliasi_tinjauan")  # something to see undone
        pengaturan.simpan(con, "tempat_ttd", "Jakarta", oleh="uji")
    sibuk, selesai = threading.Event(), threading.Event()

    def halaman_lain() -> None:
        with b.sesi() as con:
            sibuk.set()
            # still busy when the restore starts and waits for this run to end
            sampai(lambda: b._eksklusif is not None, "the restore starts waiting")
            con.execute("SELECT count(*) FROM submission").fetchone()
            selesai.set()

    t = threading.Thread(target=halaman_lain)
    t.start()
    sibuk.wait(10)
    with b.sesi() as con:
        hasil = pemulihan.pulihkan(con, snap, oleh="Kasubag")
        assert selesai.is_set()  # the other page run was not cut off
        assert pengaturan.baca(b.con.cursor(), "tempat_ttd") == "Tangerang"
    t.join()
    assert hasil.cadangan_lama is not None and hasil.cadangan_lama.exists()
    b.tutup()


def test_demo_force_refuses_to_drop_real_uploads_without_ya(kecil, tmp_path):
    folder = tmp_path / "demo"
    r = _cli(kecil, "demo", "--force", "--folder", str(folder))
    assert r.returncode == 2
    assert "3 kiriman yang bukan data contoh" in r.stderr and "Budi" in r.stderr
    assert "--ya" in r.stderr and "cadangan --out" in r.stderr
    c = db.connect(kecil)
    assert c.execute("SELECT count(*) FROM submission WHERE oleh = 'Budi'").fetchone()[0] == 3
    c.close()
    # with --ya it goes ahead, after keeping the real uploads in a snapshot
    r = _cli(kecil, "demo", "--force", "--ya", "--folder", str(folder))
    assert r.returncode == 0, r.stderr
    (snap,) = cadangan.daftar(kecil)
    assert snap.sebab == "sebelum-demo"
    c = db.connect(snap.berkas, read_only=True)
    assert c.execute("SELECT count(*) FROM submission WHERE oleh = 'Budi'").fetchone()[0] == 3
    c.close()
    c = db.connect(kecil)
    assert c.execute("SELECT DISTINCT oleh FROM submission").fetchall() == [("demo",)]
    c.close()
    # a database holding only the demo is rebuilt without asking, still after a snapshot
    assert _cli(kecil, "demo", "--force", "--folder", str(folder)).returncode == 0
    assert _nama(kecil) == ["sebelum-demo", "sebelum-demo"]


def test_replacing_a_master_and_a_rollback_take_a_snapshot_first(kecil):
    b = Basis(kecil, lepas=0)
    with b.sesi() as con:
        from contoh import UNIT

        unit = [r[:] for r in UNIT]
        unit[3][1] = "Bidang Satu (nama baru)"
        hasil = impor(con, [("master2.xlsx", master_xlsx(unit=unit))], oleh="uji")
        assert hasil.ok, hasil.errors
        assert _nama(kecil) == ["sebelum-ganti-master"]
        assert impor(con, [("r2.xlsx", realisasi_xlsx(_kinerja_lain()))], oleh="uji").ok
        assert _nama(kecil) == ["sebelum-ganti-master"]  # a realisasi replaces nothing big
        submisi.rollback(con, 1, oleh="Kasubag")
        assert _nama(kecil) == ["sebelum-rollback", "sebelum-ganti-master"]
        # the snapshot before the master was replaced still holds the first master only
        lama = cadangan.daftar(kecil)[-1].berkas
    c = db.connect(lama, read_only=True)
    assert c.execute("SELECT count(*) FROM submission WHERE jenis = 'master'").fetchone()[0] == 1
    c.close()


def _kinerja_lain():
    from contoh import KINERJA_BID1

    lain = [r[:] for r in KINERJA_BID1]
    lain[1][7] = 8.25
    return lain


def test_a_database_in_memory_is_skipped_silently(con_master):
    assert cadangan.otomatis(con_master, "manual") is None
    assert cadangan.harian(con_master) is None
    assert cadangan.berkas_db(con_master) is None
    with pytest.raises(InputRefused, match="di memori"):
        cadangan.salin(con_master, "/tmp/tidak-akan-ditulis.duckdb")


def test_only_the_newest_snapshots_are_kept(kecil):
    b = Basis(kecil, lepas=0)
    with b.sesi() as con:
        pengaturan.simpan(con, "cadangan_simpan", 3, oleh="uji")
        dibuat = [cadangan.otomatis(con, "manual", oleh="uji") for _ in range(5)]
    sisa = cadangan.daftar(kecil)
    assert [c.berkas for c in sisa] == dibuat[:-4:-1]  # the last three, newest first
    assert len(list(db.folder_cadangan(kecil).glob("lkip-*.duckdb"))) == 3  # the rest deleted
    assert [c.oleh for c in sisa] == ["uji"] * 3
    assert list(cadangan.tabel(kecil).columns) == ["berkas", "waktu", "sebab", "ukuran_mb", "oleh"]


def test_the_daily_snapshot_is_taken_once_a_day(kecil, monkeypatch):
    b = Basis(kecil, lepas=0)
    cadangan._HARIAN.clear()
    with b.sesi() as con:
        pertama = cadangan.harian(con)
        assert pertama is not None and pertama.name.endswith("-harian.duckdb")
        assert cadangan.harian(con) is None  # the same day, the same process
        cadangan._HARIAN.clear()  # another process the same day: the file says it is done
        assert cadangan.harian(con) is None
        assert _nama(kecil) == ["harian"]

        class Besok(dt.date):
            @classmethod
            def today(cls):
                return dt.date.today() + dt.timedelta(days=1)

        monkeypatch.setattr(cadangan, "date", Besok)
        assert cadangan.harian(con) is not None
    assert _nama(kecil) == ["harian", "harian"]


def test_the_cadangan_page_lists_makes_and_restores_snapshots(app_db):
    from aplikasi import buka

    cadangan._HARIAN.clear()
    at = buka("pages/pengaturan_cadangan.py")
    assert at.title[0].value == "Cadangan"
    # the first page run of the day took the daily snapshot
    tabel = at.dataframe[0].value
    assert len(tabel) == 1 and tabel.iloc[0]["Sebab"] == "cadangan harian"
    assert not at.get("text_input")  # no name to type: it is the signed-in account's
    at.button(key="cadangan_buat").click().run()
    assert not at.exception
    assert any("Cadangan dibuat" in s.value for s in at.success)
    tabel = at.dataframe[0].value
    assert list(tabel["Sebab"]) == ["dibuat manual", "cadangan harian"]
    assert tabel.iloc[0]["Oleh"] == "admin"
    assert at.get("download_button")
    # restore the daily snapshot: asked first in a dialog, then done in a full page run
    with basis(app_db).sesi() as con:
        pengaturan.simpan(con, "tempat_ttd", "Jakarta", oleh="uji")
    harian = tabel.iloc[1]["Berkas"]
    at.selectbox(key="cadangan_pilih").set_value(harian)
    at.button(key="cadangan_pulih").click().run()
    assert not at.exception
    assert any("lebih dulu disimpan sebagai cadangan baru" in i.value for i in at.info)
    at.button(key="cadangan_batal").click().run()  # changed my mind: nothing happens
    assert "cadangan_ya" not in [b.key for b in at.button]
    assert len(cadangan.daftar(app_db)) == 2
    at.button(key="cadangan_pulih").click().run()
    at.button(key="cadangan_ya").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(f"dipulihkan dari {harian}" in s.value for s in at.success)
    assert list(at.dataframe[0].value["Sebab"])[0] == "sebelum pemulihan"
    with basis(app_db).sesi() as con:
        assert pengaturan.baca(con.cursor(), "tempat_ttd") == "Tangerang"
    at.button(key="cadangan_periksa").click().run()
    assert any("Basis data utuh" in s.value and "3 berkas tersimpan" in s.value
               for s in at.success)
    basis(app_db).tutup()


def test_a_snapshot_is_whole_even_when_a_checkpoint_is_blocked(kecil, tmp_path):
    """A query result left half read keeps a transaction open, and DuckDB then refuses every
    CHECKPOINT after an UPDATE: the snapshot is copied table by table instead, still whole."""
    b = Basis(kecil, lepas=0)
    with b.sesi() as con:
        hang = con.cursor()
        hang.execute("SELECT * FROM submission").fetchone()  # left half read
        pengaturan.simpan(con, "tempat_ttd", "Bogor", oleh="uji")
        con.cursor().execute("UPDATE submission SET oleh = 'Budi Santoso'")
        with pytest.raises(duckdb.TransactionException):
            con.cursor().execute("CHECKPOINT")
        snap = cadangan.salin(con, tmp_path / "s.duckdb")
        asli = _isi(con)
        nomor = con.cursor().execute("SELECT nextval('submission_id_seq')").fetchone()[0]
        del hang
    c = db.connect(snap)
    assert _isi(c) == asli
    assert pengaturan.baca(c.cursor(), "tempat_ttd") == "Bogor"
    assert c.execute("SELECT DISTINCT oleh FROM submission").fetchall() == [("Budi Santoso",)]
    # the id sequence goes on where it was, so a restored database takes new uploads
    assert c.execute("SELECT nextval('submission_id_seq')").fetchone()[0] == nomor
    c.close()


def test_only_an_admin_may_make_or_restore_a_snapshot(kecil, tmp_path):
    from lkip_core import akun

    with basis(kecil).sesi() as con:
        snap = cadangan.salin(con, tmp_path / "s.duckdb")
        for nama, peran, unit in (("kaban", "pimpinan", None), ("bend", "bendahara", None),
                                  ("op.bid1", "operator", "BID1")):
            a = akun.tambah(con, nama, peran, "kata-sandi-uji-1", unit=unit, oleh="uji")
            with pytest.raises(akun.TidakDiizinkan):
                cadangan.manual(con, oleh=a)
            with pytest.raises(akun.TidakDiizinkan):
                pemulihan.pulihkan(con, snap, oleh=a)
        assert cadangan.daftar(kecil) == []  # nothing was written
        ditolak = con.execute("SELECT count(*) FROM audit WHERE aksi = 'cadangan' "
                              "AND NOT berhasil").fetchone()[0]
        assert ditolak == 6
        admin = akun.tambah(con, "kasubag", "admin", "kata-sandi-uji-1", oleh="uji")
        assert cadangan.manual(con, oleh=admin) is not None
    basis(kecil).tutup()
