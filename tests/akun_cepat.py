"""A cheap argon2id for tests that create many accounts: the real cost (64 MiB, 3 passes) is
right for a server and too slow for hundreds of hashes; test_akun checks the real parameters."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type

from lkip_core.akun import sandi

HASHER_ASLI = sandi._HASHER


@pytest.fixture
def sandi_cepat(monkeypatch):
    monkeypatch.setattr(sandi, "_HASHER", PasswordHasher(
        time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID))
