"""A read spreadsheet: a `Workbook` of `Sheet`s, as `berkas.read_workbook` returns it.

``rows[i][j]`` of a sheet is spreadsheet row i+1, column j+1 (A = 0); values are as berkas.py
documents them. Kept apart from the readers so that each reader (berkas.py for workbooks and
small CSVs, berkas_csv.py for large CSVs) can build sheets without importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lkip_core.masukan.berkas_batas import _ERROR_TEXT, CellError, Grid, Span
from lkip_core.masukan.berkas_kolom import KolomSel, dari_baris, ke_baris


def _clean(rows: Grid) -> Grid:
    # One pass: calamine's '' is an empty cell; error texts (CSV, ods strings) become CellError.
    return [[None if v == "" else
             CellError(v) if v.__class__ is str and (v[:1] == "#" or v[:4] == "Err:")
             and _ERROR_TEXT.fullmatch(v) else v for v in row] for row in rows]


class Sheet:
    """One worksheet: its cells by row (`rows`) or by column (`kolom()`).

    ``rows[i][j]`` is spreadsheet row i+1, column j+1 (A = 0). A reader gives one form (rows for
    a workbook, Arrow columns for a large CSV); the other is built when first asked for. The
    import reads a table through `kolom()`, so a large sheet never becomes Python rows.
    """

    def __init__(self, name: str, rows: Grid | None = None, hidden: bool = False,
                 merged: list[Span] | None = None, *, mentah: Grid | None = None,
                 kolom: list[KolomSel] | None = None, n_rows: int | None = None) -> None:
        self.name, self.hidden = name, hidden
        self.merged: list[Span] = merged or []  # (first_row, first_col, last_row, last_col)
        self._rows = rows  # values as documented in the module docstring
        self._mentah = mentah  # calamine's rows: "" for empty, error texts still text
        self._kolom = kolom
        self._n = n_rows

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, {self.n_rows} baris)"

    @property
    def rows(self) -> Grid:
        if self._rows is None:
            if self._mentah is not None:
                self._rows = _clean(self._mentah)
            else:
                self._rows = ke_baris(self._kolom or [], self._n)
        return self._rows

    @property
    def n_rows(self) -> int:
        for form in (self._rows, self._mentah):
            if form is not None:
                return len(form)
        return self._n or 0

    def kolom(self) -> list[KolomSel]:
        """The columns (the rows, when they were read as rows, are then let go)."""
        if self._kolom is None:
            self._n = self.n_rows
            self._kolom = dari_baris(self._mentah if self._mentah is not None else self._rows)
            self._mentah = None
        return self._kolom

    def head(self, n: int) -> Grid:
        """The first `n` rows (for finding the header), without building all rows."""
        if self._rows is not None:
            return self._rows[:n]
        if self._mentah is not None:
            return _clean(self._mentah[:n])
        top = np.arange(min(n, self.n_rows))
        return ke_baris([k.ambil(top) for k in self._kolom or []], len(top))


@dataclass
class Workbook:
    file_name: str
    format: str  # "xlsx" | "xlsm" | "xls" | "ods" | "csv"
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet | None:
        """The sheet called `name`; failing that, one whose name differs only in case/spaces."""
        wanted = name.strip().casefold()
        return next((s for s in self.sheets if s.name == name), None) or next(
            (s for s in self.sheets if s.name.strip().casefold() == wanted), None)
