"""Lesson mode: a lesson script played step by step in front of a class.

``LessonPlayer`` drives a :class:`core.lessons.LessonRunner` on the bridge's journal:
Next runs one step's commands (the clock is paused between steps: only the
step's own ``settle``/``sleep`` lines move it), Back and Restart replay the journal
to an earlier step and the bridge adopts the rebuilt cluster. ``LessonBar`` shows
the caption in large type over the graph, readable on a projector, with the
buttons; the objects the step touched are highlighted in the graph.

Modal questions (the gallery, file pickers) are module functions so tests can
replace them with ``monkeypatch.setattr``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.journal import Journal
from core.lessons import Lesson, LessonInfo, LessonRunner, list_lessons, load_lesson
from gui import i18n

if TYPE_CHECKING:
    from gui.main_window import MainWindow

translate = QCoreApplication.translate

#: The caption's size relative to the window's font: big enough for the back row.
CAPTION_SCALE = 2.0
LESSON_FILTER = "Lessons (*.txt *.script);;All files (*)"


# ---- modal questions ----------------------------------------------------------------------
def ask_lesson(parent: QWidget | None, infos: Sequence[LessonInfo], lang: str) -> Path | None:
    """The gallery: pick a bundled lesson (its path), or None when cancelled."""
    dialog = LessonGallery(infos, lang, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


def ask_lesson_file(parent: QWidget | None) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("LessonPlayer", "Open a lesson"), "",
        translate("LessonPlayer", "Lessons (*.txt *.script);;All files (*)"))
    return path or None


class LessonGallery(QDialog):
    """The bundled lessons, by title (in the UI language) with their descriptions."""

    def __init__(self, infos: Sequence[LessonInfo], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonGallery")
        self.setWindowTitle(translate("LessonPlayer", "Lessons"))
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(translate("LessonPlayer", "Pick a lesson. It runs one step at a time: "
                                                 "Space or → for the next step, ← to go back, "
                                                 "Home to restart."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for info in infos:
            steps = translate("LessonPlayer", "{n} steps").format(n=info.step_count)
            item = QListWidgetItem(f"{info.title.text(lang)}  ·  {steps}\n"
                                   f"{info.description.text(lang)}")
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(info.description.text(lang))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Open).setText(
            translate("LessonPlayer", "Open"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("LessonPlayer", "Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


# ---- the caption bar ------------------------------------------------------------------------
class LessonBar(QFrame):
    """The lesson's caption in large type, the step counter, Back / Next / Restart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 8, 12, 10)
        outer.setSpacing(16)
        text = QVBoxLayout()
        text.setSpacing(2)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("lessonTitle")
        self.counter = QLabel(self)
        self.counter.setObjectName("lessonCounter")
        top.addWidget(self.title, 1)
        top.addWidget(self.counter)
        text.addLayout(top)
        self.caption = QLabel(self)
        self.caption.setObjectName("lessonCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        text.addWidget(self.caption)
        outer.addLayout(text, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("lessonNext")
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("lessonBack")
        self.restart_button = QPushButton(self)
        self.restart_button.setObjectName("lessonRestart")
        self.leave_button = QPushButton(self)
        self.leave_button.setObjectName("lessonLeave")
        self.leave_button.setFlat(True)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        buttons.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(self.restart_button)
        row2.addWidget(self.leave_button)
        buttons.addLayout(row2)
        outer.addLayout(buttons)
        for button in (self.next_button, self.back_button, self.restart_button,
                       self.leave_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_large(False)
        self.setVisible(False)

    def bind_actions(self, next_, back, restart, leave) -> None:
        for button, action in ((self.next_button, next_), (self.back_button, back),
                               (self.restart_button, restart), (self.leave_button, leave)):
            button.setText(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            button.setEnabled(action.isEnabled())

    def set_large(self, presenting: bool) -> None:
        base = QFont(self.font())
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        caption = QFont(base)
        caption.setPointSizeF(size * (CAPTION_SCALE * (1.25 if presenting else 1.0)))
        caption.setBold(True)
        self.caption.setFont(caption)
        small = QFont(base)
        small.setPointSizeF(size * (1.3 if presenting else 1.1))
        self.title.setFont(small)
        self.counter.setFont(small)
        button_font = QFont(base)
        button_font.setPointSizeF(size * (1.4 if presenting else 1.15))
        button_font.setBold(True)
        for button in (self.next_button, self.back_button, self.restart_button):
            button.setFont(button_font)
            button.setMinimumHeight(int(button_font.pointSizeF() * 2.6))

    def set_colours(self, dark: bool) -> None:
        # A band of its own colour: the caption reads as the lesson, not as the app.
        background, text, accent = (("#10243e", "#f0f6fc", "#79c0ff") if dark
                                    else ("#eaf2ff", "#0b1b33", "#0550ae"))
        self.setStyleSheet(
            f"#lessonBar {{ background: {background}; border-bottom: 3px solid {accent}; }}"
            f"#lessonBar QLabel {{ color: {text}; }}"
            f"#lessonTitle, #lessonCounter {{ color: {accent}; }}")

    def show_step(self, title: str, caption: str, position: int, count: int) -> None:
        self.title.setText(title)
        if position == 0:
            self.counter.setText(translate("LessonPlayer", "{count} steps · press Space to "
                                                           "start").format(count=count))
        else:
            self.counter.setText(translate("LessonPlayer", "Step {position} of {count}").format(
                position=position, count=count))
        self.caption.setText(caption)


# ---- the player ---------------------------------------------------------------------------
class LessonPlayer(QObject):
    """Runs a lesson on the window's bridge; the window's actions call it."""

    #: After every move (start, next, back, restart, leave).
    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bridge = window.bridge
        self.runner: LessonRunner | None = None
        self.highlighted: frozenset[str] = frozenset()
        self._adopting = False
        self.bridge.reset.connect(self._on_bridge_reset)

    # ---- state -------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.runner is not None

    @property
    def lesson(self) -> Lesson | None:
        return self.runner.lesson if self.runner else None

    def caption(self) -> str:
        if self.runner is None:
            return ""
        return self.runner.current_caption(i18n.caption_language())

    def title(self) -> str:
        if self.runner is None:
            return ""
        return self.runner.lesson.title.text(i18n.caption_language())

    # ---- opening -----------------------------------------------------------------------
    def gallery(self) -> None:
        path = ask_lesson(self.window, list_lessons(), i18n.caption_language())
        if path is not None:
            self.open_path(path)

    def open_file(self) -> None:
        path = ask_lesson_file(self.window)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        """Open a lesson file (LessonError goes to the error panel, nothing changes)."""
        from core.lessons import LessonError

        try:
            lesson = load_lesson(path)
        except LessonError as exc:
            self.bridge.error.emit(str(exc))
            return
        self.start(lesson)

    def start(self, lesson: Lesson) -> None:
        """A fresh cluster, the lesson at its first caption, time paused."""
        self.window.player.pause()
        self.bridge.back_to_now()
        journal = Journal(self.bridge.journal.settings)
        self.runner = LessonRunner(lesson, journal)
        self._adopt(self.runner.cluster)
        self.window.lesson_mode_changed(True)
        self._after()

    # ---- moving ------------------------------------------------------------------------
    def next(self) -> None:
        runner = self._ready()
        if runner is None or runner.at_end:
            return
        result = runner.next()
        if result is not None:
            for line, output in result.transcript:
                ok = not any(line == failed for _n, failed, _e in result.errors)
                self.bridge.command_ran.emit(line, output, ok)
            for _lineno, _line, message in result.errors:
                self.bridge.error.emit(message)
        # Later experiments can be undone; the lesson's own steps are the floor.
        self._adopting = True
        try:
            self.bridge.flush()
        finally:
            self._adopting = False
        self.bridge._base_inputs = len(runner.journal.inputs)
        self.bridge.history_changed.emit()
        self._after()

    def back(self) -> None:
        runner = self._ready()
        if runner is None or runner.at_start:
            return
        self._adopt(runner.back())
        self._after()

    def restart(self) -> None:
        runner = self._ready()
        if runner is None:
            return
        self._adopt(runner.restart())
        self._after()

    def leave(self) -> None:
        if self.runner is None:
            return
        self.runner = None
        self._set_highlight(frozenset())
        self.window.lesson_mode_changed(False)
        self.changed.emit()

    # ---- internals ---------------------------------------------------------------------
    def _ready(self) -> LessonRunner | None:
        if self.runner is None:
            return None
        self.window.player.pause()
        self.bridge.back_to_now()
        return self.runner

    def _adopt(self, cluster: Any) -> None:
        assert self.runner is not None
        self._adopting = True
        try:
            self.bridge.adopt(cluster, self.runner.journal,
                              base_inputs=len(self.runner.journal.inputs), sources=[])
        finally:
            self._adopting = False

    def _on_bridge_reset(self, _snapshot: Any) -> None:
        # Undo, branch or a load replaced the lesson's cluster: the lesson is over.
        if self.runner is None or self._adopting or self.bridge.viewing_past:
            return
        if self.bridge.live_cluster is not self.runner.cluster:
            self.leave()

    def _after(self) -> None:
        runner = self.runner
        if runner is None:
            return
        self.window.player.pause()
        self.window.lesson_bar.show_step(self.title(), self.caption(), runner.position,
                                         runner.step_count)
        self._set_highlight(runner.touched_uids())
        self.window.update_lesson_actions()
        self.changed.emit()

    def _set_highlight(self, uids: frozenset[str]) -> None:
        # The scene keeps highlights as state, through animations and resets.
        self.highlighted = uids
        self.window.scene.set_highlighted(uids)
