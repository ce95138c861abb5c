"""Time: the player that drives the engine from a QTimer, and the bar that shows it.

In play mode each tick runs engine steps until an object changes (or the tick's
budget is used), so changes appear one at a time at a pace people can follow; with
nothing queued, simulated time flows (a second per tick) toward the next timed
task, so waits such as an image pull or the PV controller's 15 s resync are seen
to pass. Pause stops the timer; "step" runs until at least one change record
appears.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from gui.bridge import EngineBridge, format_clock
from gui.settings import SPEEDS

translate = QCoreApplication.translate

#: Tick interval at 1× speed: slow enough to follow one change at a time.
BASE_INTERVAL_MS = 700


class Player(QObject):
    playing_changed = Signal(bool)
    speed_changed = Signal(float)
    #: Called with each tick's changes (empty when idle); for tests and the status bar.
    ticked = Signal(list)

    def __init__(self, bridge: EngineBridge, parent: QObject | None = None, *,
                 speed: float = 1.0, guard=None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._speed = speed if speed in SPEEDS else 1.0
        self._timer = QTimer(self)
        self._timer.setInterval(self.interval_ms())
        tick = self._tick if guard is None else guard(self._tick, where="the play timer")
        self._timer.timeout.connect(tick)

    # ---- state ---------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def speed(self) -> float:
        return self._speed

    def interval_ms(self) -> int:
        return max(10, int(BASE_INTERVAL_MS / self._speed))

    # ---- control -------------------------------------------------------------------
    def play(self) -> None:
        if not self._timer.isActive():
            self._timer.start()
            self.playing_changed.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playing_changed.emit(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self) -> list:
        """One step of history: run until at least one change record appears."""
        self.pause()
        return self._bridge.step_until_change()

    def set_speed(self, speed: float) -> None:
        if speed not in SPEEDS or speed == self._speed:
            return
        self._speed = speed
        self._timer.setInterval(self.interval_ms())
        self.speed_changed.emit(speed)

    def faster(self) -> None:
        index = SPEEDS.index(self._speed)
        self.set_speed(SPEEDS[min(index + 1, len(SPEEDS) - 1)])

    def slower(self) -> None:
        index = SPEEDS.index(self._speed)
        self.set_speed(SPEEDS[max(index - 1, 0)])

    def _tick(self) -> None:
        if self._bridge.busy:
            self.ticked.emit([])
            return
        try:
            changes = self._bridge.step_change()
        except Exception:
            # An engine failure would repeat on every tick: stop, then let it be reported.
            self.pause()
            raise
        self.ticked.emit(changes)


def speed_label(speed: float) -> str:
    return f"{speed:g}×"


class TimeBar(QWidget):
    """Play / pause / step / settle, speed, and the simulated clock (``t = 1m05s``)."""

    def __init__(self, player: Player, bridge: EngineBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeBar")
        self._player = player
        self._bridge = bridge
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.caption = QLabel(self)
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.setVisible(False)
        layout.addWidget(self.caption, 1)
        self.play_button = QToolButton(self)
        self.step_button = QToolButton(self)
        self.settle_button = QToolButton(self)
        for button in (self.play_button, self.step_button, self.settle_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(button)
        self.speed_box = QComboBox(self)
        for speed in SPEEDS:
            self.speed_box.addItem(speed_label(speed), speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(player.speed))
        self.speed_box.currentIndexChanged.connect(
            lambda i: player.set_speed(self.speed_box.itemData(i)))
        layout.addWidget(self.speed_box)
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("clock")
        layout.addWidget(self.clock_label)
        self.work_label = QLabel(self)
        self.work_label.setObjectName("work")
        self.work_label.setMinimumWidth(120)
        layout.addWidget(self.work_label)
        layout.insertStretch(1)
        player.speed_changed.connect(self._on_speed)
        bridge.clock_changed.connect(self.refresh)
        bridge.changes_applied.connect(lambda _c: self.refresh())
        bridge.reset.connect(lambda _s: self.refresh())
        player.playing_changed.connect(lambda _p: self.refresh())
        self.set_large(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language (the buttons follow their actions)."""
        self.speed_box.setToolTip(translate("TimeBar", "Speed of play"))
        self.clock_label.setToolTip(translate("TimeBar", "Simulated time since the cluster started"))
        self.refresh()

    def bind_actions(self, play, step, settle) -> None:
        self.play_button.setDefaultAction(play)
        self.step_button.setDefaultAction(step)
        self.settle_button.setDefaultAction(settle)

    def set_large(self, large: bool) -> None:
        """Presentation mode: the clock and caption readable from the back of the room."""
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * (1.25 if large else 1.15))
        self.clock_label.setFont(font)
        caption = QFont(self.font())
        caption.setBold(large)
        self.caption.setFont(caption)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def _on_speed(self, speed: float) -> None:
        index = SPEEDS.index(speed)
        if self.speed_box.currentIndex() != index:
            self.speed_box.setCurrentIndex(index)

    def refresh(self, *_args) -> None:
        self.clock_label.setText(format_clock(self._bridge.cluster.clock.now_ms))
        state = translate("TimeBar", "playing") if self._player.playing else translate("TimeBar", "paused")
        self.work_label.setText(f"{state} · {self._bridge.work_summary()}")
