"""Command-line commands, one module per SOP area; importing this registers them all."""

from . import akun, analisis, cadangan, data, lampiran, naskah, pimpinan, rekonsiliasi  # noqa: F401
