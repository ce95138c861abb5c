"""``python main.py [FILE.yaml ...]``: the desktop app.

With no files it opens the bundled demo (the seed's NFS example) settled, so it
starts in the interesting state: web-0 Running on pv0001, web-1 Pending.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

NO_DISPLAY = ("pvgraph: no display available (DISPLAY and WAYLAND_DISPLAY are not set); "
              "run headless instead: `python main.py script FILE` or "
              "`python main.py render FILE --out DIR`")

#: Set to 1 to print ``PVGRAPH_FIRST_FRAME <unix time>`` at the first painted frame and
#: quit (startup benchmark, subprocess tests).
FIRST_FRAME_ENV = "PVGRAPH_EXIT_AFTER_FIRST_FRAME"


def display_missing(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """True where Qt would abort for want of a display (Linux without X11/Wayland)."""
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if not plat.startswith("linux"):
        return False
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="pvgraph", description="See how Kubernetes binds storage: a live, explained graph.")
    parser.add_argument("files", nargs="*", help="manifests to apply (default: the bundled demo)")
    parser.add_argument("--theme", choices=("light", "dark"), help="colour theme")
    parser.add_argument("--presentation", action="store_true",
                        help="start in presentation mode (projectors)")
    parser.add_argument("--reduced-motion", action="store_true", help="no animations")
    parser.add_argument("--paused", action="store_true", help="start with time paused")
    return parser.parse_args(list(argv))


def demo_paths() -> list[Path]:
    from assets import demo_files

    return demo_files()


def build_window(paths: Sequence[str | Path] | None = None, *, settings_path: str | None = None,
                 motion: bool | None = None, theme: str | None = None, reporter=None,
                 asynchronous: bool | None = None):
    """Engine, bridge and window, wired; the files (default: the demo) loaded."""
    from gui.bridge import EngineBridge
    from gui.main_window import MainWindow
    from gui.settings import AppSettings

    settings = AppSettings(settings_path)
    if theme is not None:
        settings.theme = theme
    bridge = EngineBridge()
    window = MainWindow(bridge, settings, motion=motion, reporter=reporter)
    bridge.load_paths(list(paths) if paths else demo_paths(), asynchronous=asynchronous)
    return window


def _first_frame_probe(window) -> None:
    """Quit right after the graph's first paint (startup measurement)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Probe(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and not window.bridge.busy:
                watched.removeEventFilter(self)
                # After this paint has finished.
                QTimer.singleShot(0, done)
            return False

    def done() -> None:
        sys.stdout.write(f"PVGRAPH_FIRST_FRAME {time.time():.6f}\n")
        sys.stdout.flush()
        window.close()
        QApplication.instance().quit()

    probe = Probe(window)
    window.view.viewport().installEventFilter(probe)


def app_main(argv: Sequence[str]) -> int:
    if display_missing():
        sys.stderr.write(NO_DISPLAY + "\n")
        return 2
    args = parse_args(argv)
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from gui.panels.errors import ErrorReporter

    if QApplication.instance() is None:
        # Fractional scale factors stay fractional: crisp on 150 % screens.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pvgraph"])
    app.setApplicationName("pvgraph")
    app.setOrganizationName("pvgraph")
    app.setApplicationDisplayName("pvgraph")
    from gui import i18n
    from gui.settings import AppSettings

    # Before any window exists: every text is translated as it is created.
    i18n.install(i18n.resolve(AppSettings().language), app)
    reporter = ErrorReporter()
    reporter.install()
    try:
        window = build_window(args.files or None, motion=False if args.reduced_motion else None,
                              theme=args.theme, reporter=reporter)
        if args.presentation:
            window.set_presentation(True)
        if not args.paused:
            window.player.play()
        if os.environ.get(FIRST_FRAME_ENV) == "1":
            _first_frame_probe(window)
        window.show()
        return app.exec()
    finally:
        reporter.uninstall()
