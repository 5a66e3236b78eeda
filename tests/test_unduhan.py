"""The one safe writer (lkip_core/unduhan.py): text stays text, numbers print Indonesian."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from lkip_core.unduhan import LOKAL_ID, buku_kerja, kode_indonesia, tabel_xlsx


@pytest.mark.parametrize("kode, hasil", [
    ("#,##0", "[$-421]#,##0"), ("0.00", "[$-421]0.00"), ("#,##0.00", "[$-421]#,##0.00"),
    ('0" %"', '[$-421]0" %"'),
    ("dd/mm/yyyy", "dd/mm/yyyy"), ("dd/mm/yyyy hh:mm", "dd/mm/yyyy hh:mm"),  # dates alone
    ("@", "@"), ("General", "General"), ("[$-409]#,##0", "[$-409]#,##0"),  # already tagged
])
def test_numeric_codes_are_tagged_indonesian(kode, hasil):
    assert kode_indonesia(kode) == hasil


def test_tables_are_written_with_indonesian_number_formats():
    df = pd.DataFrame({"Unit": ["A"], "Pagu": [1234567], "Serapan": [57.28],
                       "Tanggal": [pd.Timestamp("2025-03-31 10:00")]})
    ws = openpyxl.load_workbook(io.BytesIO(tabel_xlsx({"Data": df})))["Data"]
    assert ws["B2"].number_format == f"{LOKAL_ID}#,##0"
    assert ws["C2"].number_format == f"{LOKAL_ID}#,##0.00"
    assert ws["D2"].number_format == "dd/mm/yyyy hh:mm"
    assert ws["A2"].value == "A" and ws["B2"].value == 1234567


def test_hooks_run_before_closing_and_plain_workbooks_stay_locale_neutral():
    for indonesia, kode in ((False, "0.00"), (True, f"{LOKAL_ID}0.00")):
        buf = io.BytesIO()
        wb = buku_kerja(buf, indonesia=indonesia)
        ws = wb.add_worksheet("a")
        ws.write_number(0, 0, 1.5, wb.add_format({"num_format": "0.00"}))
        # A hook sees the sheets written after it was registered (the correction workbook).
        wb.sebelum_tutup.append(lambda w: w.get_worksheet_by_name("b").write_string(0, 0, "ok"))
        wb.add_worksheet("b")
        wb.close()
        buku = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
        assert buku["a"]["A1"].number_format == kode
        assert buku["b"]["A1"].value == "ok"


def test_unsafe_options_are_refused():
    with pytest.raises(ValueError, match="strings_to_formulas"):
        buku_kerja(io.BytesIO(), strings_to_formulas=True)
