"""Two people, one server: concurrent uploads, the app and the command line on one file (issue 9).

Every test uses a real DuckDB file. Threads stand for the app's sessions (one process), extra
Python processes for the command line next to the running app.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from contoh import lpj_xlsx, master_xlsx, realisasi_xlsx
from tunggu import pemegang, sampai

from lkip_core import db
from lkip_core.db.basis import Basis, basis
from lkip_core.errors import BasisDataTerkunci
from lkip_core.masukan import submisi
from lkip_core.masukan.impor import impor

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _cli(db_path: Path, *args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "lkip_core", "--db", str(db_path), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, **kw)


@pytest.fixture
def berkas_db(tmp_path) -> Path:
    """A database file holding the test master (2024, 2025) and nothing else."""
    path = tmp_path / "lkip.duckdb"
    b = Basis(path, lepas=0)
    with b.sesi() as con:
        assert impor(con, [("master.xlsx", master_xlsx())], oleh="uji").ok
    return path


def _aktif(con, jenis: str, unit: str | None, tahun: int) -> list[int]:
    return [r[0] for r in con.execute(
        "SELECT id FROM submission WHERE jenis = ? AND status = 'aktif' AND tahun = ? "
        "AND kode_unit IS NOT DISTINCT FROM ?", [jenis, tahun, unit]).fetchall()]


def _dua_versi(putaran: int = 0) -> list[bytes]:
    """Two realisasi files for the same unit and year (BID1, 2025), new bytes each round."""
    from contoh import KINERJA_BID1

    out = []
    for i in range(2):
        lain = [r[:] for r in KINERJA_BID1]
        lain[1][7] = 6.0 + putaran / 100 + i / 1000
        out.append(realisasi_xlsx(lain))
    assert out[0] != out[1]
    return out


def test_two_sessions_upload_the_same_slot_at_once_leave_one_active(berkas_db):
    """20 rounds of two threads importing for BID1 2025 at the same moment: always one active."""
    b = Basis(berkas_db)
    for putaran in range(20):
        versi = _dua_versi(putaran)
        mulai = threading.Barrier(2)
        hasil = [None, None]

        def unggah(i: int, versi=versi, mulai=mulai, hasil=hasil) -> None:
            with b.sesi() as con:
                mulai.wait()
                hasil[i] = impor(con, [(f"r{i}.xlsx", versi[i])], oleh=f"orang{i}",
                                 jenis="realisasi")

        ts = [threading.Thread(target=unggah, args=(i,)) for i in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        assert all(h is not None and h.ok for h in hasil), [h.errors for h in hasil if h]
        with b.sesi() as con:
            aktif = _aktif(con, "realisasi", "BID1", 2025)
            assert len(aktif) == 1, f"putaran {putaran}: {aktif} aktif"
            # both recorded, the other one replaced
            ids = {h.submissions[0]["id"] for h in hasil}
            status = dict(con.execute("SELECT id, status FROM submission WHERE list_contains(?, id)",
                                      [list(ids)]).fetchall())
            assert sorted(status.values()) == ["aktif", "diganti"]
            # the later of the two was told it replaced an upload of a moment ago
            kemudian = max(hasil, key=lambda h: h.submissions[0]["id"])
            lain = next(h for h in hasil if h is not kemudian).submissions[0]["id"]
            assert [m["id"] for m in kemudian.menggantikan] == [lain]
    b.tutup()


def test_indicators_are_never_counted_twice_after_concurrent_uploads(berkas_db):
    from lkip_core.analisis.kinerja import tabel_capaian

    b = Basis(berkas_db)
    versi = _dua_versi()
    mulai = threading.Barrier(2)

    def unggah(i: int) -> None:
        with b.sesi() as con:
            mulai.wait()
            assert impor(con, [(f"r{i}.xlsx", versi[i])], oleh=f"orang{i}").ok

    ts = [threading.Thread(target=unggah, args=(i,)) for i in range(2)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    with b.sesi() as con:
        df = tabel_capaian(con.cursor(), 2025)
        assert not df["kode_indikator"].duplicated().any()
    b.tutup()


def test_two_processes_upload_the_same_slot_at_once_leave_one_active(berkas_db, tmp_path):
    """Two command-line imports for one slot started together: one active, one replaced."""
    files = []
    for i, data in enumerate(_dua_versi()):
        f = tmp_path / f"r{i}.xlsx"
        f.write_bytes(data)
        files.append(f)
    for _ in range(3):
        procs = [subprocess.Popen(
            [PY, "-m", "lkip_core", "--db", str(berkas_db), "import", str(f), "--oleh", f"p{i}",
             "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for i, f in enumerate(files)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
        with basis(berkas_db).sesi() as con:
            assert len(_aktif(con, "realisasi", "BID1", 2025)) == 1
        basis(berkas_db).tutup()
        files.reverse()  # the other file last next time, so neither is a no-op repeat


def test_command_line_works_while_the_app_holds_the_database(berkas_db, tmp_path):
    """A read and a write on the command line succeed while the app's process uses the file."""
    app = Basis(berkas_db, lepas=30)  # an app that would keep the file open for 30 s when idle
    r_file = tmp_path / "r.xlsx"
    r_file.write_bytes(realisasi_xlsx())
    with app.sesi() as con:
        con.execute("SELECT count(*) FROM submission").fetchone()
        # the command line waits while a page run is going on; the run ends within a moment
        proses = subprocess.Popen(
            [PY, "-m", "lkip_core", "--db", str(berkas_db), "submissions", "--json"], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # the waiting command announces itself; the app sees it before letting a new run in
        sampai(lambda: app._ada_antrean() or proses.poll() is not None,
               "the command announces that it waits for the database")
        assert proses.poll() is None, proses.communicate()
    out, err = proses.communicate(timeout=60)
    assert proses.returncode == 0, err
    assert [r["jenis"] for r in json.loads(out)] == ["master"]
    # a write from the command line, then the app sees it on its next run
    r = _cli(berkas_db, "import", str(r_file), "--oleh", "cli")
    assert r.returncode == 0, r.stderr
    with app.sesi() as con:
        assert len(_aktif(con, "realisasi", "BID1", 2025)) == 1
    app.tutup()


def test_a_wait_that_runs_out_is_a_clear_message_with_exit_2(berkas_db):
    with pemegang(berkas_db):
        env = {**os.environ, "LKIP_TUNGGU": "1"}
        r = _cli(berkas_db, "submissions", env=env)
        assert r.returncode == 2
        assert "sedang dipakai" in r.stderr and "Traceback" not in r.stderr
        # in-process side: the same refusal as an exception the page shows as a message
        with pytest.raises(BasisDataTerkunci, match="sedang dipakai"):
            with Basis(berkas_db, tunggu=0.5).sesi():
                pass


@pytest.mark.slow
def test_killing_an_import_at_random_moments_leaves_old_or_new_state(berkas_db, tmp_path):
    """kill -9 an LPJ import at random moments: the database holds the old or the new state."""
    f = tmp_path / "lpj.xlsx"
    f.write_bytes(lpj_xlsx())
    rng = random.Random(9)
    baru_terlihat = False
    for _ in range(6):
        p = subprocess.Popen([PY, "-m", "lkip_core", "--db", str(berkas_db), "import", str(f),
                              "--oleh", "bendahara"], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        try:
            p.wait(timeout=rng.uniform(0.3, 2.5))
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
        con = db.connect(berkas_db)
        try:
            aktif = _aktif(con, "lpj", None, 2025)
            assert len(aktif) <= 1
            baris = con.execute("SELECT count(*) FROM v_lpj WHERE tahun = 2025").fetchone()[0]
            if aktif:
                baru_terlihat = True
                dimuat = con.execute("SELECT baris FROM submission WHERE id = ?",
                                     aktif).fetchone()[0]
                assert baris == dimuat  # the whole file, never part of it
            else:
                assert baris == 0
        finally:
            con.close()
        if baru_terlihat:
            break
    assert submisi  # module in use above; the import path is the real one


def test_rollback_of_a_master_returns_a_year_it_lost(berkas_db, tmp_path):
    """A master for 2025 only leaves the older master active for 2024; the 2025 data can be
    returned to the older one by rollback (it said "sudah aktif" before)."""
    from contoh import ANGGARAN, TARGET

    with basis(berkas_db).sesi() as con:
        lama = con.execute("SELECT id FROM submission WHERE jenis = 'master'").fetchone()[0]
        baru_bytes = master_xlsx(target=[r for r in TARGET if r[1] != 2024],
                                 anggaran=[r for r in ANGGARAN if r[0] != 2024])
        h = impor(con, [("master2025.xlsx", baru_bytes)], oleh="uji")
        assert h.ok, h.errors
        baru = h.submissions[0]["id"]
        tahun = dict(con.execute("SELECT tahun, submission_id FROM v_master_tahun").fetchall())
        assert tahun == {2024: lama, 2025: baru}
        hasil = submisi.rollback(con, lama, oleh="uji")
        assert hasil["diganti"] == [baru]
        tahun = dict(con.execute("SELECT tahun, submission_id FROM v_master_tahun").fetchall())
        assert tahun == {2024: lama, 2025: lama}
        with pytest.raises(Exception, match="sudah aktif"):
            submisi.rollback(con, lama, oleh="uji")
    basis(berkas_db).tutup()


def test_a_closed_pipe_ends_quietly(berkas_db):
    """`python -m lkip_core submissions | head -0`: the reader went away; exit 0, no traceback."""
    p = subprocess.Popen([PY, "-m", "lkip_core", "--db", str(berkas_db), "submissions", "--json"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()  # before the command has written anything: every write meets a closed pipe
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert b"BrokenPipe" not in err and b"Traceback" not in err and b"Gagal" not in err
