"""The screenshots in docs/screenshots, made again from the current code.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m gui.screenshots [--out docs/screenshots]

Each picture is the real window (or scene) rendered offscreen with ``QWidget.grab()``,
on the bundled demo unless said otherwise, so the docs show what the app shows. ``make
screenshots`` runs it. Settings go to a temporary file: the user's are never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

WINDOW_SIZE = (1600, 1000)


def _settle_ui(app) -> None:
    for _ in range(5):
        app.processEvents()


def _window(app, settings_path: str, *, theme: str = "light"):
    from gui.app import build_window

    window = build_window(settings_path=settings_path, motion=False, theme=theme,
                          asynchronous=False)
    window.resize(*WINDOW_SIZE)
    window.show()
    _settle_ui(app)
    window.view.fit_all()
    _settle_ui(app)
    return window


def _why_of_web_1(window) -> None:
    window.select_object("PersistentVolumeClaim", "default", "www-web-1")
    window.inspector.show_tab("Why")


def _released_pv(window) -> None:
    window.run_command("kubectl delete statefulset web")
    window.run_command("kubectl delete pvc www-web-0")
    window.run_command("settle")
    window.select_object("PersistentVolume", "", "pv0001")
    window.inspector.show_tab("Why")


def _save(widget, path: Path) -> None:
    image = widget.grab()
    if image.isNull() or not image.save(str(path)):
        raise SystemExit(f"could not write {path}")
    sys.stdout.write(f"{path}\n")


def shots() -> dict[str, Callable]:
    """File name → how to make it (given the app, a settings path and the folder)."""

    def seed(theme: str, *, presentation: bool = False, language: str = "") -> Callable:
        def make(app, settings_path: str, out: Path, name: str) -> None:
            window = _window(app, settings_path, theme=theme)
            if language:
                window.switch_language(language)
            _why_of_web_1(window)
            if presentation:
                window.set_presentation(True)
            _settle_ui(app)
            window.view.fit_all()
            _settle_ui(app)
            _save(window, out / name)
            if language:
                # The catalogue is the application's: later pictures are in English.
                window.switch_language("en")
            window.close()
        return make

    def reclaim(app, settings_path: str, out: Path, name: str) -> None:
        window = _window(app, settings_path)
        _released_pv(window)
        _settle_ui(app)
        _save(window, out / name)
        window.close()

    return {
        "window-seed-light.png": seed("light"),
        "window-seed-dark.png": seed("dark"),
        "window-presentation.png": seed("light", presentation=True),
        "window-seed-zh.png": seed("light", language="zh_CN"),
        "window-reclaim.png": reclaim,
    }


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--only", action="append", default=[],
                        help="make only this file (repeatable)")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pvgraph-shots-") as folder:
        for name, make in shots().items():
            if args.only and name not in args.only:
                continue
            make(app, str(Path(folder) / f"{name}.ini"), out, name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
