"""``python main.py render FILE --out DIR``: the headless renderer (built with the lessons work)."""

from __future__ import annotations

import sys


def render_main(argv: list[str]) -> int:
    sys.stderr.write("render: not implemented yet\n")
    return 2
