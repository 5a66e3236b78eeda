"""The registry of commands and what every command module shares (shared/spec/cli.md).

A command module registers its commands here at import time and imports its heavy
dependencies (pandas, DuckDB, the writers) inside the command function, so that building the
parser — `python -m lkip_core --help`, or a typo in a command's name — loads none of them. This
module imports only the standard library; `cli.py` imports the command modules, and they import
this module, never `cli.py`.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

COMMANDS: dict[str, tuple[str, tuple, object]] = {}


def arg(*names, **kwargs) -> tuple:
    """One argparse argument of a command, declared next to the command."""
    return names, kwargs


def command(name: str, help: str, *arguments: tuple):
    """Register a command: `@command("import", "…", arg("files", nargs="+"))`."""
    def wrap(fn):
        COMMANDS[name] = (help, arguments, fn)
        return fn
    return wrap


def say(msg: str) -> None:
    print(msg, file=sys.stderr)


def emit_json(obj) -> None:
    from lkip_core.fmt import json_default  # the core's one JSON encoder (standard library only)

    json.dump(obj, sys.stdout, default=json_default, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")


def path_db(args) -> Path:
    from lkip_core import db

    return Path(args.db) if args.db else db.default_path()


def open_db(args):
    """The database for this command, held until the command ends (the app waits meanwhile)."""
    from lkip_core import db
    from lkip_core.db.basis import basis

    if args.db == ":memory:":
        return db.connect(":memory:")
    b = basis(path_db(args))
    b.lepas = 0  # a command lets go of the file as soon as it is done
    sesi = getattr(args, "sesi", None)
    if sesi is None:  # called outside main(), e.g. by a test
        sesi = args.sesi = contextlib.ExitStack()
    return sesi.enter_context(b.sesi())
