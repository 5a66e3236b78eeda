"""The errors of accounts and permissions; messages are in Indonesian, for the person."""

from __future__ import annotations

from ..errors import InputRefused


class TidakDiizinkan(InputRefused):
    """The acting account's role (or unit) may not do this; nothing was changed."""


class MasukGagal(InputRefused):
    """Signing in failed. The message never tells whether the name exists."""


class Terkunci(MasukGagal):
    """Too many failed sign-ins for this name; `menit`: minutes until the next try."""

    def __init__(self, message: str, menit: int):
        super().__init__(message)
        self.menit = menit
