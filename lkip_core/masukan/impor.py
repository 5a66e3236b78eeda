"""SOP steps 1 and 5: taking in what the units send (and the master and the LPJ).

`impor` reads every file, validates it against inputs.md and the active master, and loads all
of them in one transaction: if any file has an error, nothing is loaded and every problem of
every file is reported. Identical bytes to an active submission are a no-op that says so.

Who may load what (issue 10): once a file's kind, unit and year are known, the acting account
(`oleh`) must hold `unggah_master`, `unggah_realisasi` for that unit, or `unggah_lpj`. A file it
may not load is an error of that file, so the whole import is refused and nothing is loaded.
Every file of every import is audited (aksi `impor`, objek the file name): accepted in the same
transaction as the data, refused afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from lkip_core import akun, db, pengaturan
from lkip_core.db import cadangan
from lkip_core.errors import CellProblem, FileRefused, InputRefused, Problem
from lkip_core.masukan import submisi, validasi
from lkip_core.masukan.berkas import Workbook, read_workbook
from lkip_core.masukan.kolom import META_SHEET
from lkip_core.masukan.parsing import normalise_header, parse_code, parse_year
from lkip_core.naskah.kunci import kunci_tahun

Progress = Callable[[float, str], None]
JENIS = ("master", "realisasi", "lpj")
_ORDER = {"master": 0, "realisasi": 1, "lpj": 2}
AKSI_UNGGAH = {"master": "unggah_master", "realisasi": "unggah_realisasi", "lpj": "unggah_lpj"}
PESAN_TANPA_NAMA = "Isi nama pengunggah (siapa yang mengirim data ini)."


@dataclass
class HasilImpor:
    """The import report: one typed result for the page, the command line and the tests."""

    ok: bool = True
    submissions: list[dict] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    sama: list[dict] = field(default_factory=list)  # files identical to an active submission
    dilewati: int = 0  # empty and subtotal rows skipped, over all files
    # someone else's upload for the same data, sent under a minute before and now replaced
    menggantikan: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "submissions": self.submissions,
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
            "sama": self.sama,
        }

    def problems_frame(self):
        """Errors then warnings as one table, with Indonesian column names, for people."""
        import pandas as pd

        rows = [
            {"Tingkat": "Galat" if p.level == "error" else "Peringatan", "Berkas": p.file,
             "Sheet": p.sheet, "Baris": p.row, "Kolom": p.column, "Nilai": p.value,
             "Pesan": p.message}
            for p in [*self.errors, *self.warnings]
        ]
        cols = ["Tingkat", "Berkas", "Sheet", "Baris", "Kolom", "Nilai", "Pesan"]
        return pd.DataFrame(rows, columns=cols).astype({"Baris": "Int64"})


def deteksi_jenis(wb: Workbook) -> str | None:
    """Guess the kind of a file from its sheets and headers (inputs.md: master, realisasi, lpj)."""
    names = {normalise_header(s.name) for s in wb.sheets}
    meta = wb.sheet(META_SHEET)
    if meta is not None:
        for row in meta.rows:
            if len(row) > 1 and str(row[0]).strip() == "jenis" and row[1] in JENIS:
                return str(row[1])
    if names & {"indikator", "indikator kinerja", "sasaran", "unit", "unit kerja"}:
        return "master"
    return validasi.jenis_dari_isi(wb)


def impor(con: duckdb.DuckDBPyConnection, berkas: list[tuple[str, bytes | os.PathLike]], *,
          jenis: str | None = None, kode_unit: str | None = None, tahun: int | None = None,
          oleh: akun.Akun | str, progress: Progress | None = None) -> HasilImpor:
    """Validate and load files all-or-nothing; see the module docstring.

    `berkas`: (name, bytes) — or (name, path), read here, so that a file's bytes are let go
    once it is read (the command line; issue 12: the peak of a large import).
    `oleh`: the signed-in account, or a name (the person at the server's shell)."""
    report = progress or (lambda f, t: None)
    hasil = HasilImpor()
    try:
        pelaku = akun.pelaku(con, oleh, kosong=PESAN_TANPA_NAMA)
    except InputRefused as exc:
        hasil.errors.append(Problem(str(exc)))
        hasil.ok = False
        return hasil
    cur = con.cursor()
    todo: list[tuple[str, str, submisi.Isi, Workbook]] = []
    tolak_baca: list[_Tolak] = []  # identical files this account may not send either
    info_baca: dict[str, dict] = {}  # per identical file: its kind, unit, year (for the audit)
    n = max(len(berkas), 1)
    batas = pengaturan.batas_unggah(cur)
    for i, (name, sumber) in enumerate(berkas):
        report(0.4 * i / n, f"Membaca {name} …")
        data = Path(sumber).read_bytes() if isinstance(sumber, os.PathLike) else sumber
        digest = submisi.sha256(data)
        same = submisi.aktif_dengan_sha(cur, digest)
        if same is not None:
            info_baca[name] = {"jenis": same["jenis"], "kode_unit": same["kode_unit"],
                               "tahun": same["tahun"], "sama_dengan": same["id"]}
            ditolak = _izin_berkas(pelaku, same["jenis"], name, same["kode_unit"],
                                   same["tahun"], False)
            if ditolak is None:
                hasil.sama.append({"file": name, **same})
            else:
                tolak_baca.append(ditolak)
                hasil.errors.append(Problem(f"{ditolak.pesan} Tidak ada yang dimuat.", file=name))
            continue
        try:
            wb = read_workbook(name, data, max_bytes=batas, progress=lambda f, t, i=i: report(
                0.4 * (i + f) / n, t))
        except FileRefused as exc:
            hasil.errors.extend(exc.problems or [Problem(str(exc), file=name)])
            continue
        kind = jenis or deteksi_jenis(wb)
        if kind is None:
            hasil.errors.append(Problem(
                "Jenis berkas tidak dikenali: bukan master, realisasi unit, maupun LPJ. "
                "Pakai template dari aplikasi, atau pilih jenis berkas secara manual.", file=name))
            continue
        # what the transaction needs of the bytes (digest, size, the stored copy), so that the
        # bytes themselves can go before the rows are parsed and loaded
        todo.append((kind, name, submisi.Isi.dari(data, digest), wb))
        del data
    todo.sort(key=lambda t: _ORDER[t[0]])
    info: dict[str, dict] = {}  # per file loaded: its kind, unit, year (for the audit rows)
    tolak: list[_Tolak] = []
    if todo:
        awal = (list(hasil.errors), list(hasil.warnings))

        def muat_semua() -> None:
            # a retry after a write conflict starts again from what the reading found
            hasil.errors, hasil.warnings = list(awal[0]), list(awal[1])
            hasil.submissions, hasil.dilewati, hasil.menggantikan = [], 0, []
            tolak.clear()
            info.clear()
            try:
                _muat(con, todo, hasil, pelaku, kode_unit, tahun, report, tolak, info)
            except _Batal:
                pass  # rolled back: the errors are in the report

        # a snapshot first, unless the master is one this account may not load anyway
        cadangan.sebelum_ganti_master(con, [t[0] for t in todo if t[0] != "master"
                                            or akun.boleh(pelaku, AKSI_UNGGAH["master"])])
        db.ulangi(muat_semua)
    for t in [*tolak_baca, *tolak]:  # after the transaction, so they stay logged
        akun.audit.catat_tolak(con, pelaku, t.aksi, t.file, kode_unit=t.kode_unit,
                               tahun=t.tahun, pesan=t.pesan)
    hasil.ok = not hasil.errors
    if not hasil.ok:
        hasil.submissions = []
        _audit_ditolak(con, pelaku, berkas, hasil, {**info_baca, **info})
    elif hasil.sama:  # loaded files were audited with their data; identical ones change nothing
        with db.transaksi(con) as tx:
            for s in hasil.sama:
                akun.audit.catat(tx, pelaku, "impor", s["file"], tahun=s["tahun"],
                                 rincian=info_baca[s["file"]])
    report(1.0, "Selesai")
    return hasil


@dataclass(frozen=True)
class _Tolak:
    """A file the acting account may not load: logged after the transaction ends."""

    aksi: str
    file: str
    kode_unit: str | None
    tahun: int | None
    pesan: str


def _izin_berkas(pelaku: akun.Akun, kind: str, name: str, kode_unit: str | None,
                 tahun: int | None, ada_galat: bool) -> _Tolak | None:
    """The refusal of loading this file as `pelaku`, or None when it may."""
    aksi = AKSI_UNGGAH[kind]
    unit = kode_unit if kind == "realisasi" else None
    if unit is None and ada_galat and akun.cakupan(pelaku, aksi) == akun.peran.UNIT_SENDIRI:
        return None  # the unit is unknown because the file is wrong: its errors say why
    pesan = akun.peran.alasan_tolak(pelaku, aksi, unit)
    return None if pesan is None else _Tolak(aksi, name, unit, tahun, pesan)


def _audit_ditolak(con: duckdb.DuckDBPyConnection, pelaku: akun.Akun,
                   berkas: list[tuple[str, bytes]], hasil: HasilImpor,
                   info: dict[str, dict]) -> None:
    """One refused `impor` audit row per file of a refused import, with its error count."""
    with db.transaksi(con) as tx:
        for name, _ in berkas:
            rincian = {"jenis": None, "kode_unit": None, "tahun": None, **info.get(name, {}),
                       "galat": sum(p.file == name for p in hasil.errors)}
            if not rincian["galat"]:
                rincian["alasan"] = "galat di berkas lain; tidak ada yang dimuat"
            akun.audit.catat(tx, pelaku, "impor", name, tahun=rincian["tahun"],
                             rincian=rincian, berhasil=False)


def _muat(con: duckdb.DuckDBPyConnection, todo: list[tuple[str, str, submisi.Isi, Workbook]],
          hasil: HasilImpor, pelaku: akun.Akun, kode_unit: str | None, tahun: int | None,
          report: Progress, tolak: list[_Tolak], info: dict[str, dict]) -> None:
    """Validate and load every file in one transaction; roll back when any has an error."""
    oleh = pelaku.nama_pengguna
    with db.transaksi(con) as cur:
        for i, (kind, name, isi, wb) in enumerate(todo):
            report(0.4 + 0.6 * i / len(todo), f"Memeriksa dan memuat {name} …")
            loaded = validasi.MUAT[kind](cur, wb, kode_unit=kode_unit, tahun=tahun,
                                         progress=lambda f, t, i=i: report(
                                             0.4 + 0.6 * (i + f) / len(todo), t))
            info[name] = {"jenis": kind, "kode_unit": loaded.kode_unit, "tahun": loaded.tahun}
            ditolak = _izin_berkas(pelaku, kind, name, loaded.kode_unit, loaded.tahun,
                                   loaded.ada_galat)
            if ditolak is not None:
                # not this account's to load: its other problems are beside the point
                tolak.append(ditolak)
                info[name]["ditolak"] = ditolak.pesan
                hasil.errors.append(Problem(
                    f"{ditolak.pesan} Tidak ada yang dimuat.", file=name))
                continue
            hasil.errors.extend(p for p in loaded.problems if p.level == "error")
            hasil.warnings.extend(p for p in loaded.problems if p.level != "error")
            hasil.dilewati += loaded.dilewati
            if any(p.level == "error" for p in loaded.problems):
                continue
            sid = submisi.catat(
                cur, jenis=kind, kode_unit=loaded.kode_unit, tahun=loaded.tahun,
                nama_berkas=name, isi=isi, oleh=oleh, baris=loaded.baris,
                baris_dilewati=loaded.dilewati,
                peringatan=sum(p.level != "error" for p in loaded.problems),
            )
            loaded.simpan(cur, sid)
            submisi.simpan_isi(cur, sid, isi)  # after the rows: see submisi.catat
            if (k := _terkunci(cur, kind, sid, loaded.tahun)) is not None:
                hasil.errors.append(Problem(f"{k.pesan('Unggahan')} Tidak ada yang dimuat.",
                                            file=name))
                continue  # the transaction is rolled back below
            diganti = submisi.aktifkan(cur, sid)
            akun.audit.catat(cur, pelaku, "impor", name, tahun=loaded.tahun, rincian={
                "jenis": kind, "kode_unit": loaded.kode_unit, "tahun": loaded.tahun,
                "submission_id": sid, "diganti": diganti, "baris": loaded.baris,
                "peringatan": sum(p.level != "error" for p in loaded.problems)})
            # uploads of someone else replaced less than a minute after they were sent
            hasil.menggantikan.extend(
                {"file": name, **b} for b in _baru_diganti(cur, diganti) if b["oleh"] != oleh)
            hasil.submissions.append({"id": sid, "jenis": kind, "kode_unit": loaded.kode_unit,
                                      "tahun": loaded.tahun, "baris": loaded.baris,
                                      "file": name})
        if hasil.errors:
            raise _Batal


def _terkunci(cur: duckdb.DuckDBPyConnection, kind: str, sid: int, tahun: int | None):
    """The lock of a ratified year this submission would change (a master: any year it
    holds), or None (lkip_core.naskah.kunci)."""
    kunci = kunci_tahun(cur)
    if not kunci:
        return None
    years = submisi.tahun_cakupan(cur, sid, kind, tahun)
    return next((kunci[t] for t in years if t in kunci), None)


class _Batal(Exception):
    """Ends the import transaction with a rollback: some file has an error."""


def _baru_diganti(cur: duckdb.DuckDBPyConnection, ids: list[int]) -> list[dict]:
    """Of the submissions just replaced, those sent less than a minute ago."""
    if not ids:
        return []
    rows = cur.execute(
        "SELECT id, nama_berkas, oleh, CAST(epoch(CAST(now() AS TIMESTAMP)) - epoch(waktu) AS INTEGER) "
        "FROM submission WHERE list_contains(?, id) AND waktu > CAST(now() AS TIMESTAMP) - INTERVAL 1 MINUTE",
        [ids]).fetchall()
    return [dict(zip(("id", "nama_berkas", "oleh", "detik"), r)) for r in rows]


def pratinjau(con: duckdb.DuckDBPyConnection, berkas: list[tuple[str, bytes]]) -> list[dict]:
    """What each file looks like before loading: its kind, and unit and year when it says.

    Nothing is written. Keys: file, ukuran, jenis, kode_unit, tahun, catatan.
    """
    cur = con.cursor()
    out = []
    for name, data in berkas:
        row = {"file": name, "ukuran": len(data), "jenis": None, "kode_unit": None,
               "tahun": None, "catatan": ""}
        same = submisi.aktif_dengan_sha(cur, submisi.sha256(data))
        if same is not None:
            row.update(jenis=same["jenis"], kode_unit=same["kode_unit"], tahun=same["tahun"],
                       catatan=f"Sama persis dengan kiriman aktif #{same['id']}: akan dilewati.")
            out.append(row)
            continue
        try:
            wb = read_workbook(name, data, max_bytes=pengaturan.batas_unggah(cur), kepala=True)
        except FileRefused as exc:
            row["catatan"] = str(exc)
            out.append(row)
            continue
        row["jenis"] = deteksi_jenis(wb)
        meta = wb.sheet(META_SHEET)
        if meta is not None:
            values = {str(r[0]).strip(): r[1] for r in meta.rows if len(r) > 1 and r[0]}
            try:
                row["kode_unit"] = parse_code(values.get("kode_unit"))
                row["tahun"] = parse_year(values.get("tahun"))
            except CellProblem:
                pass  # the import itself says what is wrong with the hidden sheet
            row["catatan"] = "Template dari aplikasi"
        if row["jenis"] is None:
            row["catatan"] = "Jenis tidak dikenali; pilih jenis berkas secara manual."
        out.append(row)
    return out
