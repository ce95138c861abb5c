"""The desktop window as most GUI tests want it: the demo loaded, shown, no motion.

``shown_window`` builds one (tests that need two, or a settings file of their own, call
it); the ``settings_path`` and ``window`` fixtures are the common case. A test module may
still define its own ``window`` fixture on top of ``shown_window`` (one that runs a few
commands first, say).
"""

from __future__ import annotations

import pytest

from gui import i18n
from gui.app import build_window


def shown_window(qtbot, settings_path: str, **options):
    """A window on the demo with its settings in ``settings_path``, shown and exposed."""
    options.setdefault("motion", False)
    window = build_window(settings_path=str(settings_path), **options)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def settings_path(tmp_path) -> str:
    return str(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, settings_path):
    return shown_window(qtbot, settings_path)


@pytest.fixture
def english_afterwards():
    """Put the interface back in English after a test that switches it."""
    yield
    i18n.install("en")


def pick_language(window, code: str) -> None:
    """Choose a language from the View menu, as a user does."""
    next(a for a in window.actions_.language_actions if a.data() == code).trigger()
