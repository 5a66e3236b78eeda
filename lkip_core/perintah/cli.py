"""The command line (shared/spec/cli.md): a thin shell over the same core the app uses.

The commands live in this package, one module per SOP area, registered in `daftar.py`; building
the parser imports them, and they import their heavy dependencies only when run.

Exit status: 0 done; 1 an unexpected failure (message on stderr, traceback only with --debug);
2 the input was refused (validation errors, unknown year or unit). With --json, stdout carries
exactly one JSON document; people's messages go to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback

from lkip_core.errors import BasisDataRusak, BasisDataTerkunci, InputRefused, LkipError
from lkip_core.perintah.daftar import COMMANDS, say


def build_parser() -> argparse.ArgumentParser:
    from lkip_core import perintah  # noqa: F401  (registers the commands)

    p = argparse.ArgumentParser(prog="python -m lkip_core", description="LKIP Dashboard")
    p.add_argument("--db", help="berkas basis data (bawaan: data/lkip.duckdb atau LKIP_DB)")
    p.add_argument("--debug", action="store_true", help="tampilkan traceback bila gagal")
    sub = p.add_subparsers(dest="command", required=True)
    for name, (help_text, arguments, fn) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        for names, kwargs in arguments:
            sp.add_argument(*names, **kwargs)
        sp.set_defaults(run=fn)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.sesi = contextlib.ExitStack()
    try:
        with args.sesi:
            return int(args.run(args) or 0)
    except BrokenPipeError:
        # `... | head` closed the pipe: what was wanted has been read; end quietly.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (BasisDataTerkunci, BasisDataRusak) as exc:
        say(f"Gagal: {exc}")
        return 2
    except InputRefused as exc:
        say(f"Ditolak: {exc}")
        for prob in exc.problems:
            say(f"  - {prob.where()}: {prob.message}")
        return 2
    except LkipError as exc:
        say(f"Gagal: {exc}")
        if args.debug:
            traceback.print_exc()
        return 1
    except Exception as exc:  # noqa: BLE001 — the command line's last line of defence
        say(f"Gagal karena kesalahan tak terduga: {type(exc).__name__}: {exc}")
        if args.debug:
            traceback.print_exc()
        else:
            say("Jalankan lagi dengan --debug untuk rinciannya.")
        return 1
