"""Command-line commands, one module per SOP area; importing this registers them all."""

from . import analisis, data  # noqa: F401
