"""SOP steps 1 and 5: taking in what the units send (and the master and the LPJ).

`impor` reads every file, validates it against inputs.md and the active master, and loads all
of them in one transaction: if any file has an error, nothing is loaded and every problem of
every file is reported. Identical bytes to an active submission are a no-op that says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb

from . import submisi, validasi
from .berkas import Workbook, read_workbook
from .errors import CellProblem, FileRefused, Problem
from .kolom import META_SHEET
from .parsing import normalise_header, parse_code, parse_year

Progress = Callable[[float, str], None]
JENIS = ("master", "realisasi", "lpj")
_ORDER = {"master": 0, "realisasi": 1, "lpj": 2}


@dataclass
class HasilImpor:
    """The import report: one typed result for the page, the command line and the tests."""

    ok: bool = True
    submissions: list[dict] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    sama: list[dict] = field(default_factory=list)  # files identical to an active submission
    dilewati: int = 0  # empty and subtotal rows skipped, over all files

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


def impor(con: duckdb.DuckDBPyConnection, berkas: list[tuple[str, bytes]], *,
          jenis: str | None = None, kode_unit: str | None = None, tahun: int | None = None,
          oleh: str, progress: Progress | None = None) -> HasilImpor:
    """Validate and load files all-or-nothing; see the module docstring."""
    report = progress or (lambda f, t: None)
    hasil = HasilImpor()
    if not (oleh or "").strip():
        hasil.errors.append(Problem("Isi nama pengunggah (siapa yang mengirim data ini)."))
        hasil.ok = False
        return hasil
    cur = con.cursor()
    todo: list[tuple[str, str, bytes, Workbook]] = []
    n = max(len(berkas), 1)
    for i, (name, data) in enumerate(berkas):
        report(0.4 * i / n, f"Membaca {name} …")
        same = submisi.aktif_dengan_sha(cur, submisi.sha256(data))
        if same is not None:
            hasil.sama.append({"file": name, **same})
            continue
        try:
            wb = read_workbook(name, data)
        except FileRefused as exc:
            hasil.errors.extend(exc.problems or [Problem(str(exc), file=name)])
            continue
        kind = jenis or deteksi_jenis(wb)
        if kind is None:
            hasil.errors.append(Problem(
                "Jenis berkas tidak dikenali: bukan master, realisasi unit, maupun LPJ. "
                "Pakai template dari aplikasi, atau pilih jenis berkas secara manual.", file=name))
            continue
        todo.append((kind, name, data, wb))
    todo.sort(key=lambda t: _ORDER[t[0]])
    cur.execute("BEGIN TRANSACTION")
    try:
        for i, (kind, name, data, wb) in enumerate(todo):
            report(0.4 + 0.6 * i / max(len(todo), 1), f"Memeriksa dan memuat {name} …")
            muat = validasi.MUAT[kind]
            loaded = muat(cur, wb, kode_unit=kode_unit, tahun=tahun)
            hasil.errors.extend(p for p in loaded.problems if p.level == "error")
            hasil.warnings.extend(p for p in loaded.problems if p.level != "error")
            hasil.dilewati += loaded.dilewati
            if any(p.level == "error" for p in loaded.problems):
                continue
            sid = submisi.catat(
                cur, jenis=kind, kode_unit=loaded.kode_unit, tahun=loaded.tahun,
                nama_berkas=name, isi=data, oleh=oleh.strip(), baris=loaded.baris,
                baris_dilewati=loaded.dilewati,
                peringatan=sum(p.level != "error" for p in loaded.problems),
            )
            loaded.simpan(cur, sid)
            submisi.gantikan_lainnya(cur, sid)
            hasil.submissions.append({"id": sid, "jenis": kind, "kode_unit": loaded.kode_unit,
                                      "tahun": loaded.tahun, "baris": loaded.baris,
                                      "file": name})
        if hasil.errors:
            cur.execute("ROLLBACK")
            hasil.ok = False
            hasil.submissions = []
        else:
            cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    report(1.0, "Selesai")
    return hasil


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
            wb = read_workbook(name, data)
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
