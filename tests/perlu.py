"""Programs a test needs (LibreOffice, poppler): `make test` installs them, so in CI (CI=true) a
missing one fails the test; on a developer's machine it is skipped with the reason."""

from __future__ import annotations

import os
import shutil

import pytest


def perlu_program(*program: str) -> None:
    """Fail (CI) or skip (elsewhere) unless every program is on PATH."""
    kurang = [p for p in program if not shutil.which(p)]
    if not kurang:
        return
    pesan = f"{', '.join(kurang)} tidak terpasang; `make libreoffice` memasangnya"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(pesan)
    pytest.skip(pesan)
