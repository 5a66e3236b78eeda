"""Reading one table out of a sheet: find the header, match columns, parse every cell.

This is where the reading rules of inputs.md live: the header is looked for in the first 30
rows, a two-row header ("Realisasi" merged over "TW I | TW II …") is read as "Realisasi TW I",
column names are matched through synonyms, empty and subtotal rows are skipped, and every cell
problem is collected with its sheet, row, column and value — never only the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from . import parsing
from .berkas import CellError, Sheet, column_letter
from .errors import CellProblem, Problem
from .kolom import Lembar

HEADER_SEARCH_ROWS = 30
# Columns that hand-made sheets carry and that mean nothing to us; ignored without a note.
IGNORED_HEADERS = frozenset({"no", "no urut", "nomor", "nomor urut", "nourut"})


def _parsers() -> dict[str, Callable[[object], object]]:
    base: dict[str, Callable[[object], object]] = {
        "code": parsing.parse_code,
        "text": parsing.parse_text,
        "number": parsing.parse_number,
        "money": parsing.parse_number,
        "percent": parsing.parse_number,
        "year": parsing.parse_year,
        "date": parsing.parse_date,
        "flag": parsing.parse_flag,
    }
    for name in parsing.ENUMS:
        base[f"enum:{name}"] = partial(parsing.parse_enum, field=name)
    return base


PARSERS = _parsers()


@dataclass
class TabelTerbaca:
    """What was read from one sheet: parsed columns, the rows they came from, and problems."""

    lembar: Lembar
    file: str
    sheet: str
    header_row: int | None = None  # spreadsheet row of the (last) header row
    kolom: dict[str, int] = field(default_factory=dict)  # canonical name -> column index
    judul: dict[str, str] = field(default_factory=dict)  # canonical name -> header as written
    data: dict[str, list] = field(default_factory=dict)  # canonical name -> parsed values
    baris: list[int] = field(default_factory=list)  # spreadsheet row of each data row
    dilewati: int = 0  # empty and subtotal rows skipped
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.baris)

    def problem(self, message: str, *, row: int | None = None, kolom: str | None = None,
                value: object = None, level: str = "error") -> None:
        self.problems.append(
            Problem(
                message=message, file=self.file, sheet=self.sheet, row=row,
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
    rows = sheet.rows
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
    for i in range(min(len(sheet.rows), HEADER_SEARCH_ROWS)):
        found, _ = _match([_text(v) for v in sheet.rows[i]], synonyms)
        if found and (best is None or len(found) > len(best[1])):
            best = (i + 1, set(found))
    return best


def baca_tabel(sheet: Sheet, lembar: Lembar, file: str) -> TabelTerbaca:
    """Read one table; problems (not exceptions) report everything that is wrong."""
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
    cols = [(k.nama, t.kolom[k.nama], PARSERS[k.jenis], k.wajib)
            for k in lembar.kolom if k.nama in t.kolom]
    # A subtotal row names no object: a "Jumlah …" text beside a code is an indicator's name.
    code_cols = [t.kolom[k.nama] for k in lembar.wajib if k.jenis == "code"]
    rows = sheet.rows
    keep: list[int] = []  # indexes of data rows
    for i in range(hrow + 1, len(rows)):
        row = rows[i]
        empty = row.count(None)
        if empty == len(row) or all(type(v) is str and not v.strip() for v in row
                                    if v is not None):
            t.dilewati += 1
            continue
        first_text = next((v for v in row if type(v) is str and v.strip()), None)
        if (first_text is not None and parsing.is_subtotal_label(first_text)
                and not any(j < len(row) and row[j] not in (None, "") and row[j] != first_text
                            for j in code_cols)):
            t.dilewati += 1
            continue
        keep.append(i)
    t.baris = [i + 1 for i in keep]
    # Column by column: one parser per column keeps the per-cell work small (100,000-row files).
    for name, j, parse, wajib in cols:
        out: list = []
        append = out.append
        for i in keep:
            row = rows[i]
            v = row[j] if j < len(row) else None
            if v is None:
                if wajib:
                    t.problem("Kolom wajib ini kosong. Isi nilainya.", row=i + 1, kolom=name)
                append(None)
                continue
            if type(v) is CellError:
                t.problem(
                    f"Sel berisi galat rumus {v.code}. Perbaiki rumusnya atau ketik nilainya.",
                    row=i + 1, kolom=name, value=v.code,
                )
                append(None)
                continue
            try:
                parsed = parse(v)
            except CellProblem as exc:
                t.problem(str(exc), row=i + 1, kolom=name, value=v)
                parsed = None
            else:
                if parsed is None and wajib:
                    t.problem("Kolom wajib ini kosong. Isi nilainya.", row=i + 1, kolom=name)
            append(parsed)
        t.data[name] = out
    t.urutkan()
    return t
