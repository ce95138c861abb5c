"""The error panel and the guard that keeps exceptions out of Qt's event loop.

Load errors, failed actions and internal errors all end up here: shown in a
non-blocking, dismissible strip above the graph and (for exceptions) logged to
stderr with the traceback. Nothing is swallowed and nothing is fatal.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate

#: How many messages stay on screen; older ones are dropped (they are in the console).
MAX_MESSAGES = 5


class ErrorReporter(QObject):
    """Turns exceptions from slots and actions into reports instead of crashes."""

    #: (severity, title, detail); severity is "error" | "internal".
    reported = Signal(str, str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self._previous_hook: Any = None

    def report(self, title: str, detail: str = "", severity: str = "error") -> None:
        self.count += 1
        self.reported.emit(severity, title, detail)

    def report_exception(self, exc: BaseException, where: str = "") -> None:
        self.count += 1
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        sys.stderr.write(f"pvgraph: internal error{' in ' + where if where else ''}:\n{text}")
        sys.stderr.flush()
        title = f"Internal error{' in ' + where if where else ''}: {type(exc).__name__}: {exc}"
        self.reported.emit("internal", title, text)

    def guard(self, fn: Callable[..., Any], *, where: str = "",
              pass_args: bool = True) -> Callable[..., Any]:
        """Wrap a slot so an exception in it is reported, not raised into Qt."""
        label = where or getattr(fn, "__name__", "handler")

        @functools.wraps(fn)
        def guarded(*args: Any) -> Any:
            try:
                return fn(*args) if pass_args else fn()
            except Exception as exc:
                self.report_exception(exc, label)
                return None

        return guarded

    # ---- process-wide hook ---------------------------------------------------------
    def excepthook(self, etype: type[BaseException], value: BaseException, tb: Any) -> None:
        if issubclass(etype, KeyboardInterrupt):
            (self._previous_hook or sys.__excepthook__)(etype, value, tb)
            return
        value.__traceback__ = tb
        self.report_exception(value, "a Qt callback")

    def install(self) -> None:
        if self._previous_hook is None:
            self._previous_hook = sys.excepthook
            sys.excepthook = self.excepthook

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None


class _Message(QFrame):
    dismissed = Signal(object)

    def __init__(self, severity: str, title: str, detail: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.severity = severity
        self.title = title
        self.detail = detail
        self.setObjectName("errorMessage")
        self.setProperty("severity", severity)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        glyph = QLabel("✖" if severity == "internal" else "⚠", self)
        glyph.setAccessibleName("error" if severity == "internal" else "warning")
        glyph.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(glyph)
        body = QVBoxLayout()
        body.setSpacing(2)
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        body.addWidget(self.title_label)
        self.detail_label: QLabel | None = None
        self.toggle: QToolButton | None = None
        if detail and severity == "internal":
            toggle = QToolButton(self)
            self.toggle = toggle
            toggle.setCheckable(True)
            self.detail_label = QLabel(detail, self)
            self.detail_label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_label.setStyleSheet("font-family: monospace;")
            self.detail_label.setVisible(False)
            toggle.toggled.connect(self.detail_label.setVisible)
            body.addWidget(toggle)
            body.addWidget(self.detail_label)
        layout.addLayout(body, 1)
        close = QPushButton(self)
        self.close_button = close
        close.setFlat(True)
        close.clicked.connect(lambda: self.dismissed.emit(self))
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate()

    def retranslate(self) -> None:
        """The panel's own words in the current language (the message stays as sent)."""
        prefixes = {translate("ErrorPanel", "Internal error"), translate("ErrorPanel", "Error"),
                    "Internal error", "Error"}
        prefix = translate("ErrorPanel", "Internal error") if self.severity == "internal" \
            else translate("ErrorPanel", "Error")
        title = self.title
        first = title if title.startswith(tuple(prefixes)) else f"{prefix}: {title}"
        self.title_label.setText(first)
        if self.toggle is not None:
            self.toggle.setText(translate("ErrorPanel", "Show details"))
        self.close_button.setText(translate("ErrorPanel", "✕ Dismiss"))
        self.close_button.setToolTip(translate("ErrorPanel", "Dismiss this message"))


class ErrorPanel(QWidget):
    """A dismissible stack of messages above the graph; hidden when empty."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorPanel")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 0)
        self._layout.setSpacing(2)
        header = QHBoxLayout()
        self._summary = QLabel(self)
        header.addWidget(self._summary, 1)
        self._clear = QPushButton(self)
        self._clear.setFlat(True)
        self._clear.clicked.connect(self.clear)
        header.addWidget(self._clear)
        self._layout.addLayout(header)
        self._messages: list[_Message] = []
        self._dropped = 0
        self.retranslate()

    def retranslate(self) -> None:
        self._clear.setText(translate("ErrorPanel", "Dismiss all"))
        for message in self._messages:
            message.retranslate()
        self._refresh()

    def add(self, severity: str, title: str, detail: str = "") -> None:
        if self._messages and self._messages[-1].title == title \
                and self._messages[-1].detail == detail:
            return  # the same failure twice in a row says nothing new
        message = _Message(severity, title, detail, self)
        message.dismissed.connect(self._dismiss)
        self._messages.append(message)
        self._layout.addWidget(message)
        while len(self._messages) > MAX_MESSAGES:
            self._remove(self._messages[0])
            self._dropped += 1
        self._refresh()

    def add_error(self, text: str) -> None:
        """A message from the engine (load error, failed command): its text as is."""
        first, _, rest = text.partition("\n")
        self.add("error", first, rest)

    def messages(self) -> list[str]:
        return [m.title + (("\n" + m.detail) if m.detail else "") for m in self._messages]

    def clear(self) -> None:
        for message in list(self._messages):
            self._remove(message)
        self._dropped = 0
        self._refresh()

    def _dismiss(self, message: _Message) -> None:
        self._remove(message)
        self._refresh()

    def _remove(self, message: _Message) -> None:
        if message in self._messages:
            self._messages.remove(message)
        self._layout.removeWidget(message)
        message.hide()
        message.deleteLater()

    def _refresh(self) -> None:
        count = len(self._messages)
        more = translate("ErrorPanel", " ({n} older dismissed)").format(n=self._dropped) \
            if self._dropped else ""
        text = translate("ErrorPanel", "{n} message") if count == 1 else translate("ErrorPanel", "{n} messages")
        self._summary.setText(text.format(n=count) + more)
        self._summary.setVisible(count > 1 or bool(self._dropped))
        self._clear.setVisible(count > 1)
        self.setVisible(count > 0)
        self.changed.emit()
