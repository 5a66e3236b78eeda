"""Downloads the upload and audit pages offer (and the reconciliation's findings) carry headers
a person reads — never a database key such as kode_unit or submission_id (issue 14 item 4)."""

from __future__ import annotations

import io
import re

import openpyxl
from contoh import KINERJA_BID1, realisasi_xlsx

from lkip_core import akun
from lkip_core.masukan.impor import impor
from lkip_core.unduhan import tabel_xlsx

KUNCI = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")  # snake_case: a column's name in the database


def _judul_kolom(isi: bytes) -> dict[str, list[str]]:
    """Each sheet's header row: the first row whose cells are all text, after any title."""
    wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            sel = [v for v in row if v is not None]
            if len(sel) > 1 and all(isinstance(v, str) for v in sel):
                out[ws.title] = sel
                break
    return out


def _tanpa_kunci(isi: bytes) -> dict[str, list[str]]:
    judul = _judul_kolom(isi)
    assert judul, "no header row found"
    kunci = {s: [h for h in hs if KUNCI.match(h)] for s, hs in judul.items()}
    assert not any(kunci.values()), kunci
    return judul


def test_the_check_list_of_a_refused_upload_has_readable_headers(con_master):
    rusak = [r[:] for r in KINERJA_BID1]
    rusak[1][7] = -5  # a negative realisation: one error row
    hasil = impor(con_master, [("realisasi.xlsx", realisasi_xlsx(rusak))], oleh="uji")
    assert not hasil.ok
    judul = _tanpa_kunci(tabel_xlsx({"Masalah": hasil.problems_frame()}))
    assert judul["Masalah"][:3] == ["Tingkat", "Berkas", "Sheet"] and "Pesan" in judul["Masalah"]


def test_the_audit_log_download_has_readable_headers(con_master):
    akun.audit.catat(con_master.cursor(), "uji", "rollback", "#3", tahun=2025)
    tabel = akun.audit.ke_tabel(akun.audit.daftar(con_master.cursor()))
    judul = _tanpa_kunci(tabel_xlsx({"Audit": tabel}, judul="Log audit LKIP Dashboard"))
    assert {"Waktu", "Oleh", "Aksi"} <= set(judul["Audit"])


def test_the_check_finds_a_key(con_master):
    """The check itself bites: a frame with a database column name is caught."""
    import pandas as pd
    import pytest

    with pytest.raises(AssertionError, match="kode_unit"):
        _tanpa_kunci(tabel_xlsx({"Rekap": pd.DataFrame({"kode_unit": ["A"], "Nama": ["x"]})}))
