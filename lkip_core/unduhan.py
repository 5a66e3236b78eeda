"""Plain tables as downloadable xlsx (validation results, recaps): readable, not print layouts.

The print-ready annexes have their own writer; this one only makes a table a Kabid can open,
filter and act on: a bold header, frozen, filtered, sensible widths and number formats.

Every workbook the project writes is opened with `buku_kerja`: text a unit typed (a
permasalahan of `=HYPERLINK("http://…","klik")`, a rejected value) must come back as text,
never as a live formula or link (issue 10 item 8). Only our own totals are formulas, written
on purpose with `write_formula`.

Numbers print the Indonesian way (1.234.567,89) wherever the file is opened: a plain `#,##0.00`
follows the reader's regional settings (LibreOffice on an English machine shows 1,234,567.89),
so `buku_kerja(..., indonesia=True)` prefixes every numeric code with the locale tag `[$-421]`
(Bahasa Indonesia) just before the file is written. LibreOffice then uses Indonesian separators
on any machine. Excel keeps the separators of the reader's Windows settings whatever the tag
says (it reads the tag for date names only), so in Excel the tag does no harm and no good; a
number written as text would print right everywhere but could not be summed, so numbers stay
numbers.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable

import pandas as pd
import xlsxwriter

# xlsxwriter's `write()` turns "=…" into a formula, "http://…" into a link and "1e5" into a
# number unless told otherwise; these cannot be switched back on through `buku_kerja`.
_AMAN = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
LOKAL_ID = "[$-421]"  # Windows LCID 0x0421: Bahasa Indonesia
_KODE_ANGKA = re.compile(r"[0#]")


class Buku(xlsxwriter.Workbook):
    """An xlsxwriter Workbook that runs `sebelum_tutup` hooks (each `f(workbook)`) when closed:
    a writer that adds sheets in another module's workbook can still mark cells of sheets
    written after its own (the correction workbook marks cells of `kinerja`). `indonesia`:
    tag every numeric format Indonesian after the hooks ran (`format_indonesia`)."""

    def __init__(self, *args, indonesia: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sebelum_tutup: list[Callable[[Buku], None]] = []
        self.indonesia = indonesia

    def close(self):
        hooks, self.sebelum_tutup = self.sebelum_tutup, []
        for f in hooks:
            f(self)
        if self.indonesia:
            format_indonesia(self)
        return super().close()


def kode_indonesia(kode: str) -> str:
    """`#,##0.00` → `[$-421]#,##0.00`; codes without digits (dates, text) and codes that
    already name a locale are left alone."""
    if not isinstance(kode, str) or "[$" in kode or not _KODE_ANGKA.search(kode):
        return kode
    if re.search(r"[dmyhs]", re.sub(r'"[^"]*"', "", kode), re.IGNORECASE):
        return kode  # a date or time code
    return LOKAL_ID + kode


def format_indonesia(wb: xlsxwriter.Workbook) -> None:
    """Every numeric number format of `wb` tagged Indonesian (see the module's docstring)."""
    for f in wb.formats:
        if isinstance(f.num_format, str):
            f.set_num_format(kode_indonesia(f.num_format))


def buku_kerja(buf, *, indonesia: bool = False, **opsi) -> Buku:
    """A new xlsxwriter Workbook writing into `buf` (in memory unless `in_memory=False`), with
    text always kept as text. `indonesia`: numbers print with Indonesian separators in any
    locale (see above). `opsi`: other xlsxwriter options (constant_memory, …)."""
    ditolak = [k for k in _AMAN if opsi.get(k)]
    if ditolak:
        raise ValueError(f"{', '.join(ditolak)} tidak boleh dinyalakan: teks unggahan harus "
                         "tetap teks")
    return Buku(buf, {"in_memory": True, **opsi, **_AMAN}, indonesia=indonesia)


def tulis_sel(ws, r: int, c: int, v, fmt=None) -> None:
    """One value by its type: text always through write_string, never `write()`'s guessing."""
    if v is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(v, str):
        ws.write_string(r, c, v, fmt)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v, fmt)
    elif isinstance(v, (int, float)) and math.isfinite(v):
        ws.write_number(r, c, v, fmt)
    else:
        ws.write_string(r, c, str(v), fmt)


def _nilai(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def tabel_xlsx(lembar: dict[str, pd.DataFrame], judul: str | None = None) -> bytes:
    """Write each frame to its own sheet (sheet names cut to Excel's 31 characters)."""
    buf = io.BytesIO()
    wb = buku_kerja(buf, indonesia=True, remove_timezone=True)
    bold = wb.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True,
                          "valign": "top"})
    title = wb.add_format({"bold": True, "font_size": 12})
    fmt_int = wb.add_format({"num_format": "#,##0"})
    fmt_dec = wb.add_format({"num_format": "#,##0.00"})
    fmt_date = wb.add_format({"num_format": "dd/mm/yyyy"})
    fmt_dt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for name, df in lembar.items():
        ws = wb.add_worksheet(name[:31])
        top = 0
        if judul:
            ws.write_string(0, 0, judul, title)
            top = 2
        for j, col in enumerate(df.columns):
            ws.write_string(top, j, str(col), bold)
            series = df[col]
            fmt = None
            if pd.api.types.is_integer_dtype(series):
                fmt = fmt_int
            elif pd.api.types.is_float_dtype(series) or series.dtype == object and any(
                    hasattr(v, "as_tuple") for v in series.head(20)):
                fmt = fmt_dec
            elif pd.api.types.is_datetime64_any_dtype(series):
                fmt = fmt_dt
            width = max([len(str(col))] + [len(str(v)) for v in series.head(200)]) + 2
            ws.set_column(j, j, min(max(width, 8), 60), fmt)
            for i, v in enumerate(series.tolist()):
                v = _nilai(v)
                if v is None:
                    continue
                if hasattr(v, "as_tuple"):
                    v = float(v)
                if isinstance(v, (list, tuple)):
                    v = ", ".join(str(x) for x in v)
                if hasattr(v, "year") and not hasattr(v, "hour"):
                    ws.write_datetime(top + 1 + i, j, pd.Timestamp(v).to_pydatetime(), fmt_date)
                elif hasattr(v, "hour") and hasattr(v, "year"):
                    ws.write_datetime(top + 1 + i, j, pd.Timestamp(v).to_pydatetime(), fmt_dt)
                else:
                    tulis_sel(ws, top + 1 + i, j, v)
        if len(df.columns):
            ws.freeze_panes(top + 1, 0)
            ws.autofilter(top, 0, top + max(len(df), 1), len(df.columns) - 1)
    wb.close()
    return buf.getvalue()
