"""Passwords: the rule a new one must meet, and argon2id hashing (argon2-cffi).

Only the hash is stored; it carries its own salt and cost parameters, so raising the cost later
only needs `perlu_hash_ulang` at the next successful sign-in.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import InputRefused

PANJANG_MINIMAL = 10

# argon2-cffi's defaults follow RFC 9106's second recommendation (64 MiB, 3 passes); stated
# here so an upgrade of the library does not silently change what new hashes cost.
_HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4, hash_len=32,
                         salt_len=16, type=Type.ID)



@functools.cache
def _hash_tiruan(hasher: PasswordHasher) -> str:
    """Verified against when a name is unknown, so that a wrong name costs as long as a wrong
    password and the time taken does not tell whether the account exists. Made on first use,
    not at import: a hash costs 64 MiB and a second, which every command would otherwise pay."""
    return hasher.hash("bukan-kata-sandi-siapa-pun")


def periksa_aturan(sandi: str) -> None:
    """Refuse a new password that breaks the rule (InputRefused, Indonesian message)."""
    if not isinstance(sandi, str) or len(sandi) < PANJANG_MINIMAL:
        raise InputRefused(
            f"Kata sandi minimal {PANJANG_MINIMAL} karakter"
            + (f" (yang diberikan {len(sandi)})." if isinstance(sandi, str) else ".")
            + " Pakai kalimat pendek yang mudah diingat, misalnya tiga kata acak.")
    if not sandi.strip():
        raise InputRefused("Kata sandi tidak boleh hanya berisi spasi.")


def buat_hash(sandi: str, *, aturan: bool = True) -> str:
    """The argon2id hash of a password that meets the rule (`aturan=False`: re-hashing a
    password already in use at sign-in, which an older, shorter rule may have allowed)."""
    if aturan:
        periksa_aturan(sandi)
    return _HASHER.hash(sandi)


def cocok(sandi_hash: str | None, sandi: str) -> bool:
    """Whether `sandi` is the password of `sandi_hash`; with no hash, still spends the time."""
    try:
        return _HASHER.verify(sandi_hash or _hash_tiruan(_HASHER), sandi) and sandi_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def perlu_hash_ulang(sandi_hash: str) -> bool:
    """True when the hash was made with other parameters than today's."""
    return _HASHER.check_needs_rehash(sandi_hash)
