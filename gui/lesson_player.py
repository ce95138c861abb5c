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
            button.clicked.connect(action.trigger)
            # Text too: a language switch renames the actions.
            action.changed.connect(lambda b=button, a=action: _follow(b, a))
            _follow(button, action)

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


def _find_lesson(saved: dict[str, Any]) -> Lesson | None:
    """The saved lesson: its file if it is still there, else the bundled one by id."""
    from core.lessons import LessonError, find_lesson

    source = saved.get("source")
    lesson_id = saved.get("id")
    if isinstance(source, str) and source and Path(source).is_file():
        try:
            lesson = load_lesson(source)
        except LessonError:
            lesson = None
        if lesson is not None and (not isinstance(lesson_id, str) or lesson.id == lesson_id):
            return lesson
    if isinstance(lesson_id, str) and lesson_id:
        try:
            return find_lesson(lesson_id)
        except LessonError:
            return None
    return None


def _replay_tail(runner: LessonRunner, saved: Journal, boundary: int) -> bool:
    """Run what the session did after the lesson's last step on the runner's cluster.

    Only through the journal's public verbs, so it is recorded as if done live; a
    command that read files cannot be repeated exactly (the files may have changed
    since): then False.
    """
    from core.errors import CommandError
    from core.journal import ADVANCE, APPLY, COMMAND, SETTLE, STEP

    journal, cluster = runner.journal, runner.cluster
    done = [(i.kind, i.line, sorted(i.reads.values())) for i in journal.inputs]
    if done != [(i.kind, i.line, sorted(i.reads.values())) for i in saved.inputs[:boundary]]:
        return False
    for inp in saved.inputs[boundary:]:
        if inp.limit is not None or (inp.kind == COMMAND and inp.reads):
            return False
        try:
            if inp.kind == COMMAND:
                journal.run(cluster, inp.line, cwd=inp.cwd or None)
            elif inp.kind == APPLY:
                (blob,) = inp.reads.values()
                journal.apply_file(cluster, inp.line, saved.blobs[blob])
            elif inp.kind == STEP:
                for _ in range(inp.count):
                    journal.step(cluster)
            elif inp.kind == ADVANCE:
                journal.advance(cluster, inp.ms)
            elif inp.kind == SETTLE:
                journal.settle(cluster)
        except CommandError:
            if inp.ok:
                return False
    return True


def _same_state(cluster: Any, saved: Any) -> bool:
    return (cluster.store.last_seq == saved.store.last_seq
            and cluster.clock.now_ms == saved.clock.now_ms
            and cluster.manifests() == saved.manifests())


def _follow(button: QPushButton, action: Any) -> None:
    button.setText(action.text().replace("&", ""))
    button.setToolTip(action.toolTip())
    button.setEnabled(action.isEnabled())


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

    # ---- sessions ----------------------------------------------------------------------
    def session_meta(self) -> dict[str, Any] | None:
        """What a saved session keeps about the running lesson (None outside lessons)."""
        if self.runner is None:
            return None
        lesson = self.runner.lesson
        return {"id": lesson.id, "source": lesson.source, "step": self.runner.position}

    def resume(self, saved: Any) -> bool:
        """Reopen a session's lesson at its step, on the session the bridge just opened.

        The lesson's steps are run again (the engine is deterministic) and whatever was
        done after the last step is replayed on top; the result must be the opened
        session's state exactly. When it is not (the lesson file changed, say), the
        session stays as opened, without the lesson, and the error panel says why.
        Returns whether the lesson is back.
        """
        if not isinstance(saved, dict):
            return False
        step = saved.get("step", saved.get("position"))
        if type(step) is not int or step < 0:
            return False
        lesson = _find_lesson(saved)
        title = str(saved.get("id") or saved.get("source") or "?")
        if lesson is None:
            self._not_resumed(title, translate("LessonPlayer", "the lesson file is not found"))
            return False
        if step > len(lesson.steps):
            self._not_resumed(title, translate("LessonPlayer", "it has no step {step}").format(
                step=step))
            return False
        saved_journal = self.bridge.journal
        saved_cluster = self.bridge.live_cluster
        # In a lesson the bridge's base is the end of the last step (undo stops there).
        boundary = self.bridge.base_inputs
        runner = LessonRunner(lesson, Journal(saved_journal.settings))
        try:
            runner.goto(step)
            same = _replay_tail(runner, saved_journal, boundary)
        except Exception as exc:  # an engine failure must not lose the opened session
            self._not_resumed(title, f"{type(exc).__name__}: {exc}")
            return False
        if not same or not _same_state(runner.cluster, saved_cluster):
            self._not_resumed(title, translate(
                "LessonPlayer", "running it again does not give the saved state (was the "
                                "lesson changed?)"))
            return False
        self.window.player.pause()
        self.runner = runner
        self._adopting = True
        try:
            self.bridge.adopt(runner.cluster, runner.journal, base_inputs=boundary, sources=[])
        finally:
            self._adopting = False
        self.window.lesson_mode_changed(True)
        self._after()
        return True

    def _not_resumed(self, title: str, why: str) -> None:
        self.bridge.error.emit(translate(
            "LessonPlayer", "The session's lesson {lesson} was not reopened: {why}").format(
            lesson=title, why=why))

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

    def retranslate(self) -> None:
        """Show the caption again, in the interface's (new) language."""
        if self.runner is not None:
            self.window.lesson_bar.show_step(self.title(), self.caption(),
                                             self.runner.position, self.runner.step_count)

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
