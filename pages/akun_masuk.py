"""Masuk — the login page: the only page anyone reaches before signing in (pages/_akun.py)."""

from pages import _akun

_akun.halaman_masuk()
