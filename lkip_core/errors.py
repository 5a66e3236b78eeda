"""The project's own error types and the problem record every check produces.

Messages are in Indonesian and say where (file, sheet, row, column) and what to do, because
they are shown to a Kabid or a staff member, not to a developer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file (an error blocks the import, a warning does not)."""

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None  # the row number as the spreadsheet shows it (1-based)
    column: str | None = None  # column letter and header, e.g. "D (Realisasi TW I)"
    value: str | None = None
    level: str = "error"  # "error" | "warning"

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("level")
        return d

    def where(self) -> str:
        """A short Indonesian location such as "realisasi.xlsx, sheet kinerja, baris 7, kolom D"."""
        parts = [p for p in (self.file,) if p]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)


class LkipError(Exception):
    """Base of every error the project raises on purpose; its message is for the user."""


class InputRefused(LkipError):
    """Input that cannot be accepted as it is (command-line exit status 2)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


class FileRefused(InputRefused):
    """A whole file cannot be read: empty, not a spreadsheet, damaged, too large, hostile."""


class NotFound(InputRefused):
    """A year, unit or submission that does not exist."""


class CellProblem(ValueError):
    """Raised by a cell parser; the caller adds file, sheet, row and column."""


class BasisDataTerkunci(LkipError):
    """The database is held by another program longer than we may wait (exit status 2)."""


class BasisDataRusak(LkipError):
    """The database file is damaged or not an LKIP database at all (exit status 2)."""


class SedangSibuk(LkipError):
    """Another change to the same data is running; nothing was lost, try again shortly."""
