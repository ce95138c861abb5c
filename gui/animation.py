"""Staged, purely cosmetic animation: one change at a time, object identity kept.

A *stage* is a callable ``stage(animate: bool) -> QAbstractAnimation | None`` that
puts the scene in its new state and, when asked to animate, returns the animation
that shows the step (items are already in their final state logically; the
animation only eases the look). :class:`StagePlayer` runs stages one after another;
with motion off (reduced motion, and in tests) every stage is applied at once.
When changes arrive faster than they can be shown, the backlog is applied
instantly so the picture never lags far behind the cluster.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import (
    QAbstractAnimation,
    QEasingCurve,
    QObject,
    QParallelAnimationGroup,
    QPointF,
    QVariantAnimation,
    Signal,
)
from PySide6.QtWidgets import QGraphicsItem

Stage = Callable[[bool], "QAbstractAnimation | None"]

#: Base durations in ms at speed 1.
APPEAR_MS = 380
PULSE_MS = 520
DRAW_MS = 420
FADE_MS = 320
MOVE_MS = 650


class Motion:
    """The reduced-motion switch and speed factor, shared by everything that animates."""

    def __init__(self, enabled: bool = True, speed: float = 1.0) -> None:
        self.enabled = enabled
        self.speed = speed

    def set(self, enabled: bool, speed: float | None = None) -> None:
        self.enabled = bool(enabled)
        if speed is not None:
            self.speed = max(0.05, float(speed))

    def ms(self, base: int) -> int:
        return max(1, round(base / self.speed))


class StagePlayer(QObject):
    """Runs stages in order, one animation at a time."""

    #: Emitted when the queue has drained and nothing is animating.
    idle = Signal()
    #: Stages waiting beyond this are applied instantly.
    MAX_BACKLOG = 24

    def __init__(self, motion: Motion, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._motion = motion
        self._queue: deque[Stage] = deque()
        self._current: QAbstractAnimation | None = None
        self._spent: QAbstractAnimation | None = None

    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    def push(self, stage: Stage) -> None:
        if not self._motion.enabled:
            self.flush()
            stage(False)
            return
        self._queue.append(stage)
        while len(self._queue) > self.MAX_BACKLOG:
            self._queue.popleft()(False)
        if self._current is None:
            self._next()

    def flush(self) -> None:
        """Finish the running animation and apply every queued stage instantly."""
        current, self._current = self._current, None
        if current is not None:
            current.finished.disconnect(self._on_finished)
            current.setCurrentTime(current.totalDuration())
            current.stop()
        while self._queue:
            self._queue.popleft()(False)
        if current is not None:
            self.idle.emit()

    def _next(self) -> None:
        while self._queue:
            stage = self._queue.popleft()
            animation = stage(self._motion.enabled)
            if animation is not None and animation.totalDuration() > 0:
                self._current = animation
                animation.finished.connect(self._on_finished)
                animation.start()
                return
        self._current = None
        self.idle.emit()

    def _on_finished(self) -> None:
        # Keep the finished animation alive until the next one finishes: dropping the
        # last reference here would delete it inside its own finished() emission.
        self._spent = self._current
        self._current = None
        self._next()


# ---- animation builders ---------------------------------------------------------------------
# Items are plain QGraphicsItems (cheap to build by the thousand), so animations are
# QVariantAnimations driving their setters rather than QPropertyAnimations.

def tween(setter: Callable[[float], None], start: float, end: float, ms: int,
          curve: QEasingCurve.Type = QEasingCurve.Type.OutCubic) -> QVariantAnimation:
    anim = QVariantAnimation()
    anim.setStartValue(float(start))
    anim.setEndValue(float(end))
    anim.setDuration(ms)
    anim.setEasingCurve(curve)
    anim.valueChanged.connect(setter)
    return anim


def appear(item: QGraphicsItem, motion: Motion) -> QAbstractAnimation:
    """Fade in while growing to full size: "this is new"."""
    group = QParallelAnimationGroup()
    item.setOpacity(0.0)
    group.addAnimation(tween(item.setOpacity, 0.0, 1.0, motion.ms(APPEAR_MS)))
    group.addAnimation(tween(item.setScale, 0.6, 1.0, motion.ms(APPEAR_MS),
                             QEasingCurve.Type.OutBack))
    return group


def pulse(item, motion: Motion) -> QAbstractAnimation:
    """A highlight ring that fades: "this just changed"."""
    return tween(item.set_flash, 1.0, 0.0, motion.ms(PULSE_MS), QEasingCurve.Type.InQuad)


def draw_in(edge, motion: Motion) -> QAbstractAnimation:
    """The edge grows from its source to its target."""
    edge.set_progress(0.0)
    return tween(edge.set_progress, 0.0, 1.0, motion.ms(DRAW_MS), QEasingCurve.Type.InOutCubic)


def fade_out(item: QGraphicsItem, motion: Motion, done: Callable[[], None]) -> QAbstractAnimation:
    anim = tween(item.setOpacity, item.opacity(), 0.0, motion.ms(FADE_MS))
    anim.finished.connect(done)
    return anim


class MoveAll(QVariantAnimation):
    """One animation moving many items at once (a relayout), not one per item."""

    def __init__(self, moves: Mapping[QGraphicsItem, tuple[QPointF, QPointF]], ms: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._moves = list(moves.items())
        self.setStartValue(0.0)
        self.setEndValue(1.0)
        self.setDuration(ms)
        self.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self.valueChanged.connect(self._step)

    def _step(self, t: float) -> None:
        for item, (start, end) in self._moves:
            item.setPos(start + (end - start) * t)

    def finish_now(self) -> None:
        self.stop()
        self._step(1.0)


def parallel(animations: Iterable[QAbstractAnimation | None]) -> QAbstractAnimation | None:
    anims = [a for a in animations if a is not None]
    if not anims:
        return None
    if len(anims) == 1:
        return anims[0]
    group = QParallelAnimationGroup()
    for a in anims:
        group.addAnimation(a)
    return group
