"""Reading one table out of a sheet: find the header, match columns, parse every cell.

This is where the reading rules of inputs.md live: the header is looked for in the first 30
rows, a two-row header ("Realisasi" merged over "TW I | TW II …") is read as "Realisasi TW I",
column names are matched through synonyms, empty and subtotal rows are skipped, and every cell
problem is collected with its sheet, row, column and value — never only the first.

The table is read column by column (berkas_kolom.KolomSel, parsing_kolom): a 1,000,000-line LPJ
never becomes Python rows, and a small master sheet goes the same way, so every file is read by
the same rules.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lkip_core.errors import Problem
from lkip_core.masukan import parsing
from lkip_core.masukan.berkas import CellError, Sheet, column_letter
from lkip_core.masukan.berkas_kolom import WS, KolomSel, teks_berisi
from lkip_core.masukan.kolom import Kolom, Lembar
from lkip_core.masukan.parsing_kolom import parse_kolom

HEADER_SEARCH_ROWS = 30
# Columns that hand-made sheets carry and that mean nothing to us; ignored without a note.
IGNORED_HEADERS = frozenset({"no", "no urut", "nomor", "nomor urut", "nourut"})


@dataclass
class TabelTerbaca:
    """What was read from one sheet: parsed columns, the rows they came from, and problems."""

    lembar: Lembar
    file: str
    sheet: str
    header_row: int | None = None  # spreadsheet row of the (last) header row
    kolom: dict[str, int] = field(default_factory=dict)  # canonical name -> column index
    judul: dict[str, str] = field(default_factory=dict)  # canonical name -> header as written
    # canonical name -> parsed values: a list, or an Arrow array when read with kolom=True
    data: dict[str, list | pa.Array | pa.ChunkedArray] = field(default_factory=dict)
    # spreadsheet row of each data row (a NumPy array when read with kolom=True)
    baris: list[int] | np.ndarray = field(default_factory=list)
    dilewati: int = 0  # empty and subtotal rows skipped
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.baris)

    def problem(self, message: str, *, row: int | None = None, kolom: str | None = None,
                value: object = None, level: str = "error") -> None:
        self.problems.append(
            Problem(
                message=message, file=self.file, sheet=self.sheet,
                row=None if row is None else int(row),
                column=self.nama_kolom(kolom) if kolom else None,
                value=_tampil(value), level=level,
            )
        )

    def urutkan(self) -> None:
        """Problems in reading order (row, then column), as a person goes through the sheet."""
        self.problems.sort(key=lambda p: (p.row or 0, self.kolom.get(_canon(self, p.column), -1)))

    def nama_kolom(self, kolom: str) -> str:
        """'D (Realisasi TW I)': the letter the user sees and the header they wrote."""
        if kolom in self.kolom:
            return f"{column_letter(self.kolom[kolom])} ({self.judul[kolom]})"
        return kolom

    def rows(self):
        """Iterate data rows as (spreadsheet row, {column: value})."""
        names = list(self.data)
        for i, row_no in enumerate(self.baris):
            yield row_no, {n: self.data[n][i] for n in names}


def _tampil(value: object) -> str | None:
    """A cell value as the user typed it: 0.0 from a number cell reads "0", not "0.0"."""
    if value is None:
        return None
    if type(value) is float and value.is_integer():
        return str(int(value))
    return str(value)


def _canon(t: TabelTerbaca, shown: str | None) -> str | None:
    for name in t.kolom:
        if shown == t.nama_kolom(name):
            return name
    return None


def synonym_map(lembar: Lembar) -> dict[str, str]:
    """Normalised header text -> canonical column name, for one sheet layout."""
    out: dict[str, str] = {}
    for k in lembar.kolom:
        for name in (k.nama, k.header, *k.sinonim):
            out.setdefault(parsing.normalise_header(name), k.nama)
    return out


def _text(v: object) -> str:
    if v is None or isinstance(v, CellError):
        return ""
    return str(v).strip()


def _match(names: list[str], synonyms: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    found: dict[str, int] = {}
    unknown: list[str] = []
    for j, raw in enumerate(names):
        if not raw:
            continue
        key = parsing.normalise_header(raw)
        canon = synonyms.get(key)
        if canon and canon not in found:
            found[canon] = j
        elif not canon and key not in IGNORED_HEADERS:
            unknown.append(raw)
    return found, unknown


def _two_row_names(upper: list, lower: list, width: int) -> list[str]:
    """Combine a grouping row with the row below it ("Realisasi" + "TW I" → "Realisasi TW I").

    A merged cell only holds its text in its first column, so the grouping text is carried to
    the right over the columns that have a sub-header below them.
    """
    names: list[str] = []
    carried = ""
    for j in range(width):
        up = _text(upper[j]) if j < len(upper) else ""
        low = _text(lower[j]) if j < len(lower) else ""
        if up:
            carried = up
        if low and (up or carried):
            names.append(f"{up or carried} {low}")
        elif low:
            names.append(low)
        else:
            names.append(up)
            carried = up
    return names


def find_header(sheet: Sheet, lembar: Lembar):
    """Return (last header row index, column map, headers as written, unknown) or None."""
    synonyms = synonym_map(lembar)
    required = {k.nama for k in lembar.wajib}
    rows = sheet.head(HEADER_SEARCH_ROWS + 1)
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    has_text = [any(_text(v) for v in rows[i]) for i in range(min(len(rows), limit + 1))]
    for i in range(limit):
        if not has_text[i]:
            continue
        single = [_text(v) for v in rows[i]]
        found1, unknown1 = _match(single, synonyms)
        best = (i, found1, single, unknown1)
        if i + 1 < len(has_text) and has_text[i + 1]:
            width = max(len(rows[i]), len(rows[i + 1]))
            double = _two_row_names(rows[i], rows[i + 1], width)
            found2, unknown2 = _match(double, synonyms)
            if len(found2) > len(found1):
                best = (i + 1, found2, double, unknown2)
        if required <= set(best[1]):
            row, found, names, unknown = best
            return row, found, {c: names[j] for c, j in found.items()}, unknown
    return None


def nearest_header(sheet: Sheet, lembar: Lembar) -> tuple[int, set[str]] | None:
    """The row (1-based) that looks most like a header, and the canonical columns it has."""
    synonyms = synonym_map(lembar)
    best: tuple[int, set[str]] | None = None
    for i, row in enumerate(sheet.head(HEADER_SEARCH_ROWS)):
        found, _ = _match([_text(v) for v in row], synonyms)
        if found and (best is None or len(found) > len(best[1])):
            best = (i + 1, set(found))
    return best


Progress = Callable[[float, str], None]


def baca_tabel(sheet: Sheet, lembar: Lembar, file: str, *, kolom: bool = False,
               progress: Progress | None = None) -> TabelTerbaca:
    """Read one table; problems (not exceptions) report everything that is wrong.

    `kolom=True`: the parsed columns stay Arrow arrays (for a large table that is loaded as it
    is); otherwise they are lists of Python values.
    """
    t = TabelTerbaca(lembar=lembar, file=file, sheet=sheet.name)
    header = find_header(sheet, lembar)
    if header is None:
        near = nearest_header(sheet, lembar)
        if near is None:
            missing = ", ".join(k.header for k in lembar.wajib)
            t.problem(
                f"Baris judul kolom tidak ditemukan di 30 baris pertama. Kolom wajib: {missing}. "
                "Pastikan nama kolom ditulis seperti pada template."
            )
        else:
            row, found = near
            missing = ", ".join(k.header for k in lembar.wajib if k.nama not in found)
            t.problem(
                f"Kolom wajib tidak ditemukan: {missing}. Tambahkan kolom itu pada baris judul "
                "(nama kolom seperti pada template atau sinonimnya).", row=row)
        return t
    hrow, t.kolom, t.judul, unknown = header
    t.header_row = hrow + 1
    for name in unknown:
        t.problem(f"Kolom '{name}' tidak dikenal dan diabaikan.", level="warning")
    say = progress or (lambda _f, _t: None)
    columns = sheet.kolom()
    keep, t.dilewati = _baris_data(columns, hrow + 1, sheet.n_rows, lembar, t.kolom)
    t.baris = (keep + 1).astype(np.int32) if kolom else (keep + 1).tolist()
    used = [k for k in lembar.kolom if k.nama in t.kolom]

    besar = len(keep) > _BESAR

    def parse(k: Kolom):
        j = t.kolom[k.nama]
        out = parse_kolom(k.jenis, columns[j].ambil(keep) if j < len(columns)
                          else KolomSel(len(keep)))
        if besar:
            # The intermediates of a large column stay cached in this thread's part of Arrow's
            # allocator, where the next step — DuckDB storing the rows, with its own allocator
            # — cannot use them: given back here (issue 12: ~30 MB of the peak importing
            # 400,000 LPJ lines; measured no slower).
            pa.default_memory_pool().release_unused()
        return out

    # Columns are parsed side by side: Arrow's kernels let go of the GIL, so a large table
    # uses every core; problems are still recorded column by column, in the layout's order.
    with ThreadPoolExecutor(_PEKERJA if besar else 1) as pool:
        parsed = pool.map(parse, used)
        for step, (k, (values, problems)) in enumerate(zip(used, parsed)):
            say((step + 1) / len(used), f"Memeriksa {file}, sheet {sheet.name}: kolom "
                f"{t.judul[k.nama]} ({step + 1} dari {len(used)}), {_ribuan(len(keep))} baris")
            _catat(t, k.nama, k.wajib, values, problems)
            t.data[k.nama] = values if kolom else values.to_pylist()
    if besar:  # and what finding the rows left in this thread's part (see `parse`)
        pa.default_memory_pool().release_unused()
    t.urutkan()
    return t


_PEKERJA = min(4, os.cpu_count() or 1)
_BESAR = 10_000  # rows from which a table is parsed in threads and its memory given back


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _catat(t: TabelTerbaca, name: str, wajib: bool, values, problems) -> None:
    """The problems of one column, in row order: a cell that is wrong, or empty and required."""
    empty: list[int] = []
    if wajib and values.null_count:
        nulls = np.asarray(pc.is_null(values).to_numpy(zero_copy_only=False), dtype=bool)
        empty = [i for i in np.flatnonzero(nulls).tolist() if i not in problems]
    for i in sorted([*problems, *empty]):
        if i in problems:
            message, value = problems[i]
            t.problem(message, row=t.baris[i], kolom=name, value=value)
        else:
            t.problem("Kolom wajib ini kosong. Isi nilainya.", row=t.baris[i], kolom=name)


# A subtotal label starts with one of these letters (in any case) after whitespace; only rows
# whose first text does are looked at by parsing.is_subtotal_label.
_MUNGKIN_SUBTOTAL = "^" + WS + "*(?:[jtsgJTSG]|[^\\x00-\\x7f])"


def _baris_data(columns: list[KolomSel], start: int, n: int, lembar: Lembar,
                found: dict[str, int]) -> tuple[np.ndarray, int]:
    """Indexes of the data rows below the header, and how many rows were skipped.

    Skipped: rows with nothing but blank text, and subtotal rows — whose first text cell is a
    subtotal label ("JUMLAH", "Total Belanja") while no required code column holds another
    value ("Jumlah ASN" beside a code is an indicator's name, not a subtotal).
    """
    if start >= n:
        return np.arange(start, n), 0
    below = [c.ambil(np.arange(start, n)) for c in columns]  # a run of rows: slices, no copy
    m = n - start
    content = np.zeros(m, dtype=bool)
    first = np.full(m, -1, dtype=np.int32)  # column of the first non-blank text cell
    # Left to right, each column only for rows still open. The usual table has text in its
    # first column on every row: then nothing is indexed or copied (issue 12: memory).
    for j, c in enumerate(below):
        if j == 0:
            berisi = None if c.teks is None else teks_berisi(c.teks)
            content |= c.isi(berisi)
            if berisi is not None:
                first[berisi] = 0
            continue
        open_ = np.flatnonzero(first < 0)
        if not len(open_):
            break
        part = c.ambil(open_)
        berisi = None if part.teks is None else teks_berisi(part.teks)
        content[open_] |= part.isi(berisi)
        if berisi is not None:
            first[open_[berisi]] = j
    subtotal = np.zeros(m, dtype=bool)
    code_cols = [found[k.nama] for k in lembar.wajib if k.jenis == "code"]
    for j in range(len(below)):
        on = first == j
        if not on.any():
            continue
        at = None if on.all() else np.flatnonzero(on)
        texts = below[j].teks if at is None else below[j].teks.take(pa.array(at))
        maybe = pc.fill_null(pc.match_substring_regex(texts, _MUNGKIN_SUBTOTAL), False)
        hits = np.flatnonzero(np.asarray(maybe.to_numpy(zero_copy_only=False), dtype=bool))
        for i, text in zip((hits if at is None else at[hits]).tolist(),
                           texts.filter(maybe).to_pylist()):
            codes = [below[c].nilai(i) for c in code_cols if c < len(below)]
            if parsing.is_subtotal_label(text) and all(v in (None, "", text) for v in codes):
                subtotal[i] = True
    keep = np.flatnonzero(content & ~subtotal) + start
    return keep, m - len(keep)
