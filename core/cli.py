"""``python main.py script FILE|- [--keep-going]``: run a script headless.

The transcript goes to standard output; usage problems go to standard error with
status 2. No traceback ever reaches the user: anything unexpected is one line.
"""

from __future__ import annotations

import sys
from pathlib import Path

USAGE = "usage: python main.py script FILE|- [--keep-going]"


def script_main(argv: list[str]) -> int:
    keep_going = False
    files: list[str] = []
    for arg in argv:
        if arg in ("--keep-going", "-k"):
            keep_going = True
        elif arg in ("-h", "--help"):
            print(USAGE)
            print("Runs each line of the script against a fresh simulated cluster and prints "
                  "what a terminal would show (see interfaces.md for the language).")
            return 0
        elif arg.startswith("-") and arg != "-":
            print(f"error: unknown option {arg}\n{USAGE}", file=sys.stderr)
            return 2
        else:
            files.append(arg)
    if len(files) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    name = files[0]
    try:
        if name == "-":
            text = sys.stdin.read()
            base_dir = Path.cwd()
        else:
            path = Path(name)
            text = path.read_text(encoding="utf-8")
            base_dir = path.resolve().parent
    except FileNotFoundError:
        print(f'error: the script "{name}" does not exist', file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as err:
        print(f'error: cannot read the script "{name}": {err}', file=sys.stderr)
        return 2
    try:
        from .cluster import Cluster
        from .script import run_script

        cluster = Cluster()
        return run_script(cluster, text, base_dir=base_dir, keep_going=keep_going,
                          out=sys.stdout)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - one line, never a traceback
        print(f"error: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
