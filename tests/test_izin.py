"""Who may change what, enforced in the core (issue 10 items 2, 4 and 5): every writing function
× every role against a real DuckDB file. An allowed call changes the data and writes its audit
row; a refused one raises TidakDiizinkan with the specific message, changes nothing, and is
audited (`berhasil = false`). Hiding a button is not authorisation: these call the core."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from akun_cepat import sandi_cepat  # noqa: F401
from argon2 import PasswordHasher, Type
from contoh import KINERJA_BID1, LPJ_ROWS, UNIT, lpj_xlsx, master_xlsx, realisasi_xlsx

from lkip_core import akun, db, lampiran, pengaturan
from lkip_core.akun import sandi
from lkip_core.akun.peran import IZIN
from lkip_core.errors import InputRefused
from lkip_core.lampiran import arsip
from lkip_core.masukan import submisi
from lkip_core.masukan.impor import impor
from lkip_core.perintah.cli import main
from lkip_core.pimpinan import tahapan
from lkip_core.pimpinan.paparan import buat_paparan
from lkip_core.rekonsiliasi import catat_temuan, rekonsiliasi, riwayat_tinjauan, tinjau
from lkip_core.rekonsiliasi.koreksi import buku_koreksi, semua_koreksi

SANDI = "sandi-uji-panjang"
# role in the matrix -> (user name, role, unit); the unit acted on is always BID1
PERAN = {
    "admin": ("kasubag", "admin", None),
    "operator_sendiri": ("op.bid1", "operator", "BID1"),
    "operator_lain": ("op.sekre", "operator", "SEKRE"),
    "bendahara": ("bendahara", "bendahara", None),
    "pimpinan": ("kaban", "pimpinan", None),
}


def _kinerja(realisasi_tw1: float) -> list[list]:
    kin = [r[:] for r in KINERJA_BID1]
    kin[1][4] = realisasi_tw1
    return kin


# --- One database for the module, copied for each test ---------------------------------------

@pytest.fixture(scope="module")
def templat(tmp_path_factory):
    """master 2024–2025, BID1's realisation sent twice (the first now `diganti`), the LPJ,
    a recorded reconciliation run, and one account per role."""
    path = tmp_path_factory.mktemp("izin") / "templat.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sandi, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024,
                                                    parallelism=1, type=Type.ID))
        con = db.connect(path)
        hasil = impor(con, [("master.xlsx", master_xlsx()), ("r1.xlsx", realisasi_xlsx()),
                            ("lpj.xlsx", lpj_xlsx())], oleh="uji")
        assert hasil.ok, hasil.errors
        assert impor(con, [("r2.xlsx", realisasi_xlsx(_kinerja(3.5)))], oleh="uji").ok
        rekonsiliasi(con.cursor(), 2025)
        for nama, peran, unit in PERAN.values():
            akun.tambah(con, nama, peran, SANDI, unit=unit, oleh="uji")
        con.close()
    return path


@pytest.fixture
def dunia(templat, tmp_path):
    path = tmp_path / "lkip.duckdb"
    shutil.copy(templat, path)
    con = db.connect(path)
    ctx = {
        "sid_lama": con.execute("SELECT id FROM submission WHERE nama_berkas = 'r1.xlsx'"
                                ).fetchone()[0],
        "kunci": con.execute("SELECT kunci FROM rekonsiliasi_temuan WHERE kode_unit = 'BID1' "
                             "ORDER BY kunci LIMIT 1").fetchone()[0],
    }
    yield con, ctx
    con.close()


def _akun(con, peran: str) -> akun.Akun:
    return akun.ambil(con, PERAN[peran][0])


def _keadaan(con) -> dict:
    """Everything but the audit log: row counts of every table, submission statuses, active
    slots and settings."""
    tabel = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name NOT IN ('audit')").fetchall()]
    out = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tabel}
    out["status"] = con.execute("SELECT id, status FROM submission ORDER BY id").fetchall()
    out["slot"] = sorted(con.execute("SELECT * EXCLUDE (waktu) FROM slot_aktif").fetchall())
    out["setelan"] = sorted(con.execute("SELECT kunci, nilai FROM pengaturan").fetchall())
    return out


def _audit_baru(con, sejak: int) -> list[dict]:
    rows = con.execute("SELECT oleh, peran, aksi, objek, berhasil, rincian FROM audit "
                       "WHERE id > ? ORDER BY id", [sejak]).fetchall()
    return [dict(zip(("oleh", "peran", "aksi", "objek", "berhasil", "rincian"), r)) for r in rows]


def _id_audit(con) -> int:
    return con.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]


# --- The writing functions -------------------------------------------------------------------

def _impor(berkas: list[tuple[str, bytes]]) -> Callable:
    def jalan(con, a, ctx):
        hasil = impor(con, berkas, oleh=a)
        if not hasil.ok:  # an import reports; the matrix wants the refusal as an exception
            pesan = " ".join(p.message for p in hasil.errors)
            raise (akun.TidakDiizinkan if "tidak boleh" in pesan else InputRefused)(pesan)
        return hasil
    return jalan


def _master_baru() -> bytes:
    unit = [r[:] for r in UNIT]
    unit[3][4] = "Kabid Baru"
    return master_xlsx(unit=unit)


def _lpj_baru() -> bytes:
    rows = [r[:] for r in LPJ_ROWS]
    rows[1][5] = 151_000_000
    return lpj_xlsx(rows)


def _tambah(tabel: str, n: int = 1) -> Callable:
    def cek(sebelum, sesudah, con, ctx):
        return sesudah[tabel] == sebelum[tabel] + n
    return cek


def _status_lama_aktif(sebelum, sesudah, con, ctx):
    return dict(sesudah["status"])[ctx["sid_lama"]] == "aktif"


def _kiriman_baru(sebelum, sesudah, con, ctx):
    return sesudah["submission"] == sebelum["submission"] + 1


def _setelan_baru(sebelum, sesudah, con, ctx):
    return pengaturan.baca(con, "tempat_ttd") == "Jakarta"


def _tanpa_perubahan(sebelum, sesudah, con, ctx):
    return True  # a download: its audit row is what it leaves


@dataclass(frozen=True)
class Penulis:
    nama: str
    izin: str  # the permission checked (and the aksi of a refusal's audit row)
    aksi: str  # the aksi of the success audit row
    boleh: frozenset[str]
    jalan: Callable  # (con, akun, ctx) -> anything
    berubah: Callable  # (before, after, con, ctx) -> bool: the change an allowed call makes
    unit: bool = False  # acts on unit BID1 (the other unit's operator is named)


PENULIS = [
    Penulis("impor master", "unggah_master", "impor", frozenset({"admin"}),
            _impor([("master baru.xlsx", _master_baru())]), _kiriman_baru),
    Penulis("impor realisasi BID1", "unggah_realisasi", "impor",
            frozenset({"admin", "operator_sendiri"}),
            _impor([("r3.xlsx", realisasi_xlsx(_kinerja(4.25)))]), _kiriman_baru, unit=True),
    Penulis("impor lpj", "unggah_lpj", "impor", frozenset({"admin", "bendahara"}),
            _impor([("lpj baru.xlsx", _lpj_baru())]), _kiriman_baru),
    Penulis("rollback", "rollback", "rollback", frozenset({"admin"}),
            lambda con, a, ctx: submisi.rollback(con, ctx["sid_lama"], oleh=a),
            _status_lama_aktif),
    Penulis("pengaturan", "pengaturan", "pengaturan", frozenset({"admin"}),
            lambda con, a, ctx: pengaturan.simpan_banyak(
                con, {"tempat_ttd": "Jakarta", "toleransi_keuangan": 1000}, oleh=a),
            _setelan_baru),
    Penulis("tinjau temuan", "tinjau_temuan", "tinjau_temuan", frozenset({"admin"}),
            lambda con, a, ctx: tinjau(con, ctx["kunci"], "selesai", "cek", oleh=a),
            _tambah("rekonsiliasi_tinjauan")),
    Penulis("catatan temuan", "catatan_temuan", "catatan_temuan",
            frozenset({"admin", "operator_sendiri"}),
            lambda con, a, ctx: catat_temuan(con, ctx["kunci"], "sudah diperbaiki", oleh=a),
            _tambah("rekonsiliasi_catatan"), unit=True),
    Penulis("rencana tahapan", "tahapan", "tahapan", frozenset({"admin"}),
            lambda con, a, ctx: tahapan.simpan_rencana(con, 2025, dt.date(2026, 2, 2), oleh=a),
            _tambah("tahapan_rencana")),
    Penulis("realisasi tahapan", "tahapan", "tahapan", frozenset({"admin"}),
            lambda con, a, ctx: tahapan.simpan_realisasi(con, 2025, 1, dt.date(2026, 2, 2),
                                                         None, oleh=a),
            _tambah("tahapan_realisasi")),
    Penulis("ekspor lampiran", "ekspor", "ekspor", frozenset({"admin", "pimpinan"}),
            lambda con, a, ctx: lampiran.ekspor(con, 2025, oleh=a, lampiran=("II",)),
            _tambah("ekspor")),
    Penulis("arsipkan", "ekspor", "ekspor", frozenset({"admin", "pimpinan"}),
            lambda con, a, ctx: arsip.arsipkan(con, jenis="lampiran", tahun=2025,
                                               nama_berkas="l.xlsx", isi=b"isi", oleh=a),
            _tambah("ekspor")),
    Penulis("paparan", "ekspor", "ekspor", frozenset({"admin", "pimpinan"}),
            lambda con, a, ctx: buat_paparan(con, 2025, dt.date(2026, 2, 2), oleh=a),
            _tanpa_perubahan),
    Penulis("buku koreksi BID1", "koreksi_unduh", "koreksi_unduh",
            frozenset({"admin", "operator_sendiri"}),
            lambda con, a, ctx: buku_koreksi(con, 2025, "BID1", oleh=a),
            _tambah("rekonsiliasi_run"), unit=True),
    Penulis("semua buku koreksi", "koreksi_unduh", "koreksi_unduh", frozenset({"admin"}),
            lambda con, a, ctx: semua_koreksi(con, 2025, oleh=a),
            _tambah("rekonsiliasi_run")),
]


@pytest.mark.parametrize("peran", list(PERAN))
@pytest.mark.parametrize("penulis", PENULIS, ids=[p.nama for p in PENULIS])
def test_every_writer_for_every_role(dunia, penulis: Penulis, peran: str):
    con, ctx = dunia
    a = _akun(con, peran)
    sebelum, sejak = _keadaan(con), _id_audit(con)
    if peran in penulis.boleh:
        penulis.jalan(con, a, ctx)
        assert penulis.berubah(sebelum, _keadaan(con), con, ctx), "nothing changed"
        baru = _audit_baru(con, sejak)
        assert any(r["aksi"] == penulis.aksi and r["berhasil"] for r in baru), baru
        assert all(r["oleh"] == a.nama_pengguna and r["peran"] == a.peran for r in baru)
        return
    with pytest.raises(akun.TidakDiizinkan) as e:
        penulis.jalan(con, a, ctx)
    pesan = str(e.value)
    assert IZIN[penulis.izin].uraian in pesan, pesan
    if peran == "operator_lain" and penulis.unit:  # both units named
        assert "Akun operator SEKRE tidak boleh" in pesan and "unit BID1" in pesan
    elif a.peran != "operator":
        assert f"Akun {a.peran} {a.nama_pengguna} tidak boleh" in pesan
    assert _keadaan(con) == sebelum, "a refused call changed the data"
    baru = _audit_baru(con, sejak)
    assert baru and not any(r["berhasil"] for r in baru), baru
    tolak = [r for r in baru if r["aksi"] == penulis.izin]
    assert len(tolak) == 1 and tolak[0]["oleh"] == a.nama_pengguna
    assert tolak[0]["peran"] == a.peran and json.loads(tolak[0]["rincian"])["pesan"]


@pytest.mark.parametrize("penulis", PENULIS, ids=[p.nama for p in PENULIS])
@pytest.mark.parametrize("oleh", ["", "   ", None])
def test_an_empty_name_is_refused_and_changes_nothing(dunia, penulis: Penulis, oleh):
    con, ctx = dunia
    sebelum, sejak = _keadaan(con), _id_audit(con)
    with pytest.raises(InputRefused) as e:
        penulis.jalan(con, oleh, ctx)
    assert not isinstance(e.value, akun.TidakDiizinkan)
    assert re.search(r"nama|Isi nama", str(e.value), re.I), str(e.value)
    assert _keadaan(con) == sebelum and _id_audit(con) == sejak


def test_a_name_is_the_person_at_the_shell(dunia):
    """A string `oleh` (command line, demo) acts admin-equivalent under that name."""
    con, ctx = dunia
    submisi.rollback(con, ctx["sid_lama"], oleh="rina")
    r = _audit_baru(con, 0)[-1]
    assert (r["oleh"], r["peran"], r["aksi"], r["objek"], r["berhasil"]) == (
        "rina", "admin", "rollback", f"#{ctx['sid_lama']}", True)


def test_an_inactive_account_is_refused(dunia):
    con, ctx = dunia
    a = _akun(con, "admin")
    mati = akun.Akun(a.nama_pengguna, a.nama_lengkap, a.nip, a.jabatan, a.peran, a.kode_unit,
                     aktif=False)
    with pytest.raises(akun.TidakDiizinkan, match="tidak aktif"):
        tinjau(con, ctx["kunci"], "selesai", None, oleh=mati)


# --- Uploads ---------------------------------------------------------------------------------

def test_an_operator_uploading_another_units_file_is_refused_and_nothing_is_loaded(dunia):
    con, _ = dunia
    op = _akun(con, "operator_lain")  # SEKRE
    sebelum, sejak = _keadaan(con), _id_audit(con)
    hasil = impor(con, [("r3.xlsx", realisasi_xlsx(_kinerja(4.25)))], oleh=op)
    assert not hasil.ok and hasil.submissions == []
    (p,) = hasil.errors
    assert p.file == "r3.xlsx" and p.row is None
    assert p.message == ("Akun operator SEKRE tidak boleh mengunggah data unit BID1. "
                         "Tidak ada yang dimuat.")
    assert hasil.to_dict()["errors"][0]["message"] == p.message  # the JSON shape is unchanged
    assert _keadaan(con) == sebelum
    baru = _audit_baru(con, sejak)
    assert [(r["oleh"], r["aksi"], r["objek"], r["berhasil"]) for r in baru] == [
        ("op.sekre", "unggah_realisasi", "r3.xlsx", False),
        ("op.sekre", "impor", "r3.xlsx", False)]
    rincian = json.loads(baru[1]["rincian"])
    assert (rincian["jenis"], rincian["kode_unit"], rincian["tahun"], rincian["galat"]) == (
        "realisasi", "BID1", 2025, 1)


def test_one_refused_file_refuses_the_whole_import(dunia):
    con, _ = dunia
    op = _akun(con, "operator_sendiri")  # BID1
    sebelum, sejak = _keadaan(con), _id_audit(con)
    hasil = impor(con, [("r3.xlsx", realisasi_xlsx(_kinerja(4.25))),
                        ("lpj baru.xlsx", _lpj_baru())], oleh=op)
    assert not hasil.ok and [p.file for p in hasil.errors] == ["lpj baru.xlsx"]
    assert "tidak boleh mengunggah LPJ" in hasil.errors[0].message
    assert _keadaan(con) == sebelum
    impor_rows = {r["objek"]: json.loads(r["rincian"]) for r in _audit_baru(con, sejak)
                  if r["aksi"] == "impor"}
    assert impor_rows["r3.xlsx"]["alasan"].startswith("galat di berkas lain")
    assert impor_rows["lpj baru.xlsx"]["galat"] == 1


def test_an_accepted_import_is_audited_with_its_submission(dunia):
    con, _ = dunia
    op = _akun(con, "operator_sendiri")
    sejak = _id_audit(con)
    hasil = impor(con, [("r3.xlsx", realisasi_xlsx(_kinerja(4.25)))], oleh=op)
    assert hasil.ok
    sid = hasil.submissions[0]["id"]
    assert con.execute("SELECT oleh FROM submission WHERE id = ?", [sid]).fetchone()[0] == "op.bid1"
    (r,) = _audit_baru(con, sejak)
    rincian = json.loads(r["rincian"])
    assert (r["aksi"], r["objek"], r["berhasil"]) == ("impor", "r3.xlsx", True)
    assert (rincian["jenis"], rincian["kode_unit"], rincian["tahun"], rincian["submission_id"]) \
        == ("realisasi", "BID1", 2025, sid)
    # the same bytes again: a no-op, still audited as such
    assert impor(con, [("r3 lagi.xlsx", realisasi_xlsx(_kinerja(4.25)))], oleh=op).sama
    assert json.loads(_audit_baru(con, sejak)[-1]["rincian"])["sama_dengan"] == sid


def test_identical_bytes_of_another_unit_are_refused_too(dunia):
    con, _ = dunia
    op = _akun(con, "operator_lain")
    hasil = impor(con, [("salinan.xlsx", realisasi_xlsx(_kinerja(3.5)))], oleh=op)  # = r2
    assert not hasil.ok and hasil.sama == []
    assert "tidak boleh mengunggah data unit BID1" in hasil.errors[0].message


# --- The submission history ------------------------------------------------------------------

def test_history_shows_rollbacks_and_refused_uploads(dunia):
    con, ctx = dunia
    impor(con, [("r3.xlsx", realisasi_xlsx(_kinerja(4.25)))], oleh=_akun(con, "operator_lain"))
    with pytest.raises(akun.TidakDiizinkan):
        submisi.rollback(con, ctx["sid_lama"], oleh=_akun(con, "operator_sendiri"))
    submisi.rollback(con, ctx["sid_lama"], oleh=_akun(con, "admin"))
    df = submisi.riwayat(con.cursor(), tahun=2025, kode_unit="BID1")
    assert list(df.columns) == submisi.KOLOM_RIWAYAT
    atas = df.head(3)
    assert list(atas["peristiwa"]) == ["rollback", "rollback_ditolak", "impor_ditolak"]
    assert list(atas["oleh"]) == ["kasubag", "op.bid1", "op.sekre"]
    assert atas.iloc[0]["submission_id"] == ctx["sid_lama"]
    assert "diaktifkan kembali" in atas.iloc[0]["keterangan"]
    assert "tidak boleh mengaktifkan kembali" in atas.iloc[1]["keterangan"]
    assert atas.iloc[2]["keterangan"] == "Akun operator SEKRE tidak boleh mengunggah data unit BID1."
    assert atas.iloc[2]["nama_berkas"] == "r3.xlsx" and not atas.iloc[2]["berhasil"]
    kiriman = df[df["peristiwa"] == "kiriman"]
    assert set(kiriman["nama_berkas"]) == {"r1.xlsx", "r2.xlsx"}  # BID1's own uploads
    assert set(kiriman["peran"]) == {"admin"} and set(kiriman["oleh"]) == {"uji"}
    # another unit's history does not show BID1's events; another year shows none of them
    lain = submisi.riwayat(con.cursor(), tahun=2025, kode_unit="SEKRE")
    assert set(lain["peristiwa"]) <= {"kiriman"}
    assert submisi.riwayat(con.cursor(), tahun=2024, kode_unit="BID1").empty


# --- Settings --------------------------------------------------------------------------------

def test_settings_save_all_or_nothing(dunia):
    con, _ = dunia
    admin = _akun(con, "admin")
    sejak = _id_audit(con)
    with pytest.raises(InputRefused, match="toleransi_keuangan") as e:
        pengaturan.simpan_banyak(con, {"tempat_ttd": "Jakarta", "toleransi_keuangan": -5,
                                       "metode_negatif_bawaan": "rasio"}, oleh=admin)
    assert "Tidak ada pengaturan yang disimpan" in str(e.value)
    assert pengaturan.baca(con, "tempat_ttd") == "Tangerang"
    assert pengaturan.baca(con, "metode_negatif_bawaan") == "selisih"
    assert _id_audit(con) == sejak
    with pytest.raises(InputRefused, match="tidak dikenal: warna"):
        pengaturan.simpan_banyak(con, {"tempat_ttd": "Jakarta", "warna": "biru"}, oleh=admin)
    assert pengaturan.baca(con, "tempat_ttd") == "Tangerang"

    berubah = pengaturan.simpan_banyak(con, {"tempat_ttd": "Jakarta", "toleransi_keuangan": 0,
                                             "metode_negatif_bawaan": "rasio"}, oleh=admin)
    assert berubah == ["tempat_ttd", "metode_negatif_bawaan"]  # 0 was already in force
    rows = [(r["objek"], json.loads(r["rincian"])) for r in _audit_baru(con, sejak)]
    assert rows == [("tempat_ttd", {"lama": "Tangerang", "baru": "Jakarta"}),
                    ("metode_negatif_bawaan", {"lama": "selisih", "baru": "rasio"})]
    assert con.execute("SELECT oleh FROM pengaturan WHERE kunci = 'tempat_ttd'").fetchone() == (
        "kasubag",)


# --- Findings --------------------------------------------------------------------------------

def test_a_note_leaves_the_status_and_shows_in_the_history(dunia):
    con, ctx = dunia
    tinjau(con, ctx["kunci"], "diperiksa", "tanya PPTK", oleh=_akun(con, "admin"))
    catat_temuan(con, ctx["kunci"], "  sudah diperbaiki, mohon dicek ",
                 oleh=_akun(con, "operator_sendiri"))
    status = con.execute("SELECT status FROM v_tinjauan_terakhir WHERE kunci = ?",
                         [ctx["kunci"]]).fetchone()[0]
    assert status == "diperiksa"
    df = riwayat_tinjauan(con.cursor(), ctx["kunci"])
    assert list(df["jenis"]) == ["tinjauan", "catatan"]
    assert df.iloc[1]["catatan"] == "sudah diperbaiki, mohon dicek"
    assert df.iloc[1]["oleh"] == "op.bid1" and df.iloc[1]["status"] is None
    with pytest.raises(InputRefused, match="Catatan kosong"):
        catat_temuan(con, ctx["kunci"], "  ", oleh=_akun(con, "operator_sendiri"))


# --- The command line ------------------------------------------------------------------------

@pytest.mark.usefixtures("sandi_cepat")
def test_audit_json_lists_sign_ins_imports_and_refusals(db_file, tmp_path, capsys, monkeypatch):

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        rc = main(["--db", str(db_file), *argv])
        out, err = capsys.readouterr()
        return rc, out, err

    monkeypatch.setattr("getpass.getuser", lambda: "operator-server")
    master, realisasi = tmp_path / "master.xlsx", tmp_path / "r.xlsx"
    master.write_bytes(master_xlsx())
    realisasi.write_bytes(realisasi_xlsx())
    assert run("import", str(master), "--oleh", "rina")[0] == 0
    assert run("pengguna", "tambah", "op.sekre", "--peran", "operator", "--unit", "SEKRE",
               "--sandi-stdin", stdin=SANDI)[0] == 0
    con = db.connect(db_file)
    try:
        with pytest.raises(akun.MasukGagal):
            akun.masuk(con, "op.sekre", "bukan-sandinya")
        op = akun.masuk(con, "op.sekre", SANDI)
        assert not impor(con, [("r.xlsx", realisasi.read_bytes())], oleh=op).ok
    finally:
        con.close()
    assert run("tahapan", "--tahun", "2025", "--rencana", "2026-02-02")[0] == 0  # no --oleh

    rc, out, err = run("audit", "--json")
    assert rc == 0, err
    rows = json.loads(out)
    dilihat = [(r["oleh"], r["peran"], r["aksi"], r["objek"], r["berhasil"]) for r in rows]
    assert dilihat == [
        ("operator-server", "admin", "tahapan", "rencana", True),
        ("op.sekre", "operator", "impor", "r.xlsx", False),
        ("op.sekre", "operator", "unggah_realisasi", "r.xlsx", False),
        ("op.sekre", "operator", "masuk", "op.sekre", True),
        ("op.sekre", "operator", "masuk", "op.sekre", False),
        ("operator-server", "admin", "akun_tambah", "op.sekre", True),
        ("rina", "admin", "impor", "master.xlsx", True),
    ]
    assert all(dt.datetime.fromisoformat(r["waktu"]).date() == dt.date.today() for r in rows)
    assert rows[2]["rincian"]["pesan"] == (
        "Akun operator SEKRE tidak boleh mengunggah data unit BID1.")
    assert rows[-1]["rincian"]["jenis"] == "master" and rows[-1]["rincian"]["submission_id"] == 1
    rc, out, _ = run("audit", "--aksi", "impor", "--json")
    assert [(r["oleh"], r["berhasil"]) for r in json.loads(out)] == [("op.sekre", False),
                                                                     ("rina", True)]
