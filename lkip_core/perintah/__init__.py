"""Command-line commands, one module per SOP area; importing this registers them all."""

from . import data  # noqa: F401
