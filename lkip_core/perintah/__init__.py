"""Command-line commands, one module per SOP area; importing this registers them all."""

from . import analisis, data, lampiran, pimpinan, rekonsiliasi  # noqa: F401
