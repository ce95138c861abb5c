"""What the app remembers between runs: window layout, theme, motion, speed.

Backed by QSettings. Tests and subprocesses pass a file path (or set
``PVGRAPH_SETTINGS``) so they never touch the user's real settings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

THEMES = ("light", "dark")
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)


def _as_bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


class AppSettings:
    """Typed access to the app's QSettings."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            path = os.environ.get("PVGRAPH_SETTINGS") or None
        if path is not None:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._q = QSettings("pvgraph", "pvgraph")

    @property
    def qsettings(self) -> QSettings:
        return self._q

    # ---- window layout -------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self._q.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._q.setValue("window/geometry", data)

    def window_state(self) -> QByteArray | None:
        value = self._q.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, data: QByteArray) -> None:
        self._q.setValue("window/state", data)

    # ---- look ----------------------------------------------------------------------
    @property
    def theme(self) -> str:
        value = str(self._q.value("view/theme", "light"))
        return value if value in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        self._q.setValue("view/theme", value if value in THEMES else "light")

    @property
    def motion(self) -> bool:
        """Animations on (False = reduced motion: instant state changes)."""
        return _as_bool(self._q.value("view/motion"), True)

    @motion.setter
    def motion(self, value: bool) -> None:
        self._q.setValue("view/motion", bool(value))

    @property
    def speed(self) -> float:
        try:
            value = float(self._q.value("time/speed", 1.0))
        except (TypeError, ValueError):
            return 1.0
        return value if value in SPEEDS else 1.0

    @speed.setter
    def speed(self, value: float) -> None:
        self._q.setValue("time/speed", float(value))

    @property
    def language(self) -> str:
        """The interface language picked in View → Language; "" follows the system."""
        value = str(self._q.value("view/language", "") or "")
        return value if value in ("en", "zh_CN") else ""

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("view/language", value if value in ("en", "zh_CN") else "")

    # ---- the graph -----------------------------------------------------------------
    @property
    def collapsed_groups(self) -> list[str]:
        """Ids of the graph's groups folded into cards (View → Collapse), sorted."""
        # Stored as JSON text: QSettings' INI lists come back as a str for one item
        # and as None for none.
        raw = self._q.value("view/collapsed_groups", "")
        try:
            value = json.loads(str(raw)) if raw else []
        except ValueError:
            return []
        if not isinstance(value, list):
            return []
        return sorted({v for v in value if isinstance(v, str) and v})

    @collapsed_groups.setter
    def collapsed_groups(self, ids: list[str]) -> None:
        self._q.setValue("view/collapsed_groups",
                         json.dumps(sorted({str(i) for i in ids if i})))

    def sync(self) -> None:
        self._q.sync()
