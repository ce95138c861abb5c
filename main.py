"""Composition root: parse arguments, then run the desktop app, a script, or the renderer."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "script":
        from core.cli import script_main

        return script_main(args[1:])
    if args and args[0] == "render":
        from gui.render import render_main

        return render_main(args[1:])
    from gui.app import app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
