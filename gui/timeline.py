"""The timeline: every change is a tick; drag to any past moment to see it.

``TimelineStrip`` draws the change log compactly (ticks are binned per pixel
column, so tens of thousands cost the same as a hundred) and turns clicks, drags
and arrow keys into ``bridge.view_past(k)``. ``PastBanner`` is the unmissable
strip shown while the past is on screen, with "Back to now" and "Branch from
here". Scrubbing is coalesced: only the latest position asked for is built, on a
zero-delay timer, so a fast drag never queues up stale states.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from gui.bridge import EngineBridge, format_clock

translate = QCoreApplication.translate

#: Left/right padding of the strip, so the first and last ticks can be grabbed.
MARGIN = 8


def bins(kinds_are_events: list[bool], columns: int) -> tuple[list[int], list[int]]:
    """Per pixel column, how many object changes and how many Events fall in it."""
    objects = [0] * max(1, columns)
    events = [0] * max(1, columns)
    n = len(kinds_are_events)
    if not n or columns <= 0:
        return objects, events
    for index, is_event in enumerate(kinds_are_events):
        column = min(columns - 1, index * columns // n)
        if is_event:
            events[column] += 1
        else:
            objects[column] += 1
    return objects, events


class TimelineStrip(QWidget):
    """A compact strip of ticks with a cursor at the moment on screen."""

    #: The change a click or drag asked for (already sent to the bridge).
    scrubbed = Signal(int)

    def __init__(self, bridge: EngineBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self._bridge = bridge
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(30)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()
        self._cache_key: tuple[int, int] | None = None
        self._cache: tuple[list[int], list[int]] = ([], [])
        self._wanted: int | None = None
        self._apply = QTimer(self)
        self._apply.setSingleShot(True)
        self._apply.setInterval(0)
        self._apply.timeout.connect(self._apply_wanted)
        bridge.history_changed.connect(self.update)
        bridge.past_changed.connect(lambda _k: self.update())
        bridge.reset.connect(lambda _s: self.update())

    # ---- geometry ------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setToolTip(translate("Timeline", "Every change is a tick: click or drag to see the "
                                              "cluster at that moment (read-only)"))
        self.setAccessibleName(translate("Timeline", "Timeline"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(400, 34)

    @property
    def tick_count(self) -> int:
        return self._bridge.history.tick_count

    def cursor_seq(self) -> int:
        past = self._bridge.past_seq
        return self.tick_count if past is None else past

    def _span(self) -> float:
        return max(1.0, float(self.width() - 2 * MARGIN))

    def x_of(self, seq: int) -> float:
        n = max(1, self.tick_count)
        return MARGIN + self._span() * seq / n

    def seq_at(self, x: float) -> int:
        n = self.tick_count
        frac = (x - MARGIN) / self._span()
        return max(0, min(n, round(frac * n)))

    # ---- painting ------------------------------------------------------------------
    def _bins(self, columns: int) -> tuple[list[int], list[int]]:
        key = (self.tick_count, columns)
        if key != self._cache_key:
            log = self._bridge.history
            kinds = [log.change(k).kind == "Event" for k in range(1, self.tick_count + 1)] \
                if self.tick_count < 200_000 else []
            self._cache = bins(kinds, columns)
            self._cache_key = key
        return self._cache

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(palette.ColorRole.Base)
        text = palette.color(palette.ColorRole.Text)
        highlight = palette.color(palette.ColorRole.Highlight)
        painter.fillRect(self.rect(), base)
        columns = int(self._span())
        objects, events = self._bins(columns)
        height = self.height()
        top, bottom = 5, height - 5
        full = bottom - top
        peak = max(1, max(objects, default=1), max(events, default=1))
        obj_colour = QColor(text)
        ev_colour = QColor(text)
        ev_colour.setAlphaF(0.35)
        cursor = self.cursor_seq()
        cursor_x = self.x_of(cursor)
        for column in range(columns):
            x = MARGIN + column + 0.5
            future = x > cursor_x + 0.5
            for count, colour in ((events[column], ev_colour), (objects[column], obj_colour)):
                if not count:
                    continue
                # A lone change is half height, a busy column full height.
                size = full * (0.45 + 0.55 * min(1.0, count / peak))
                c = QColor(colour)
                if future:
                    c.setAlphaF(c.alphaF() * 0.35)
                painter.setPen(QPen(c, 1))
                painter.drawLine(int(x), int(bottom - size), int(x), bottom)
        # The cursor: the moment on screen.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor("#d1242f") if self._bridge.viewing_past else highlight
        painter.setPen(QPen(colour, 3))
        painter.drawLine(int(cursor_x), 1, int(cursor_x), height - 1)
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(cursor_x - 5, 0, 10, 10))
        if self.hasFocus():
            pen = QPen(highlight, 1, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    # ---- input ---------------------------------------------------------------------
    def scrub_to(self, seq: int, *, now: bool = False) -> None:
        """Ask for change ``seq``; built at once with ``now``, else on the next idle."""
        self._wanted = max(0, min(int(seq), self.tick_count))
        self.scrubbed.emit(self._wanted)
        if now:
            self._apply.stop()
            self._apply_wanted()
        else:
            self._apply.start()

    def _apply_wanted(self) -> None:
        if self._wanted is None:
            return
        wanted, self._wanted = self._wanted, None
        self._bridge.view_past(wanted)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.tick_count:
            self.scrub_to(self.seq_at(event.position().x()))
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        x = event.position().x()
        if event.buttons() & Qt.MouseButton.LeftButton and self.tick_count:
            self.scrub_to(self.seq_at(x))
        self._hover_tip(self.seq_at(x))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self._wanted is not None:
            self._apply.stop()
            self._apply_wanted()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        seq = self.cursor_seq()
        big = max(1, self.tick_count // 20)
        moves = {Qt.Key.Key_Left: seq - 1, Qt.Key.Key_Right: seq + 1,
                 Qt.Key.Key_PageUp: seq - big, Qt.Key.Key_PageDown: seq + big,
                 Qt.Key.Key_Home: 0, Qt.Key.Key_End: self.tick_count}
        if key in moves:
            self.scrub_to(moves[key], now=True)
            event.accept()
            return
        super().keyPressEvent(event)

    def _hover_tip(self, seq: int) -> None:
        if not seq or seq > self.tick_count:
            return
        change = self._bridge.history.change(seq)
        kind, ns, name = change.key
        where = f"{ns}/{name}" if ns else name
        self.setToolTip(translate("Timeline", "change {seq} · {time}\n{what}").format(
            seq=seq, time=format_clock(change.time_ms),
            what=f"{change.action} {kind} {where} ({change.actor}: {change.reason})"))


class PastBanner(QFrame):
    """Shown while a past moment is on screen: where we are, and the two ways out."""

    def __init__(self, bridge: EngineBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pastBanner")
        self._bridge = bridge
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#pastBanner { background: #fff1c2; border: 2px solid #bf8700; }"
                           "#pastBanner QLabel { color: #3d2a00; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel(self)
        self.label.setObjectName("pastLabel")
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.label.setFont(font)
        layout.addWidget(self.label, 1)
        self.now_button = QPushButton(self)
        self.now_button.setObjectName("backToNow")
        self.branch_button = QPushButton(self)
        self.branch_button.setObjectName("branchHere")
        layout.addWidget(self.now_button)
        layout.addWidget(self.branch_button)
        self.setVisible(False)
        bridge.past_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.now_button.setText(translate("Timeline", "Back to now"))
        self.now_button.setToolTip(translate("Timeline", "Show the cluster as it is now (End)"))
        self.branch_button.setText(translate("Timeline", "Branch from here"))
        self.branch_button.setToolTip(translate(
            "Timeline", "Continue from this moment: what came after it is dropped (Redo "
                        "brings it back)"))
        self.refresh()

    def refresh(self, *_args) -> None:
        past = self._bridge.past_seq
        self.setVisible(past is not None)
        if past is None:
            return
        history = self._bridge.history
        self.label.setText(translate(
            "Timeline", "Viewing the past — {time} — change {seq} of {count} (read-only)").format(
            time=format_clock(history.time_at(past)), seq=past, count=history.tick_count))
