"""The simulated clock: a heap of timed work keyed ``(time, priority, sequence)``.

No wall-clock time is read anywhere in ``core/``; the same inputs give the same
history. Times are integer milliseconds since the simulation's epoch.

Tasks are *foreground* (work that is still to happen: a container starting, a
provisioner finishing) or *background* (periodic resyncs). ``settle`` waits for
foreground work only; background tasks run when time passes them.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache

# A fixed, recognisable epoch so timestamps in output are deterministic.
EPOCH = datetime(2025, 1, 1, 0, 0, 0, tzinfo=timezone.utc)


@dataclass(order=True)
class _Task:
    at_ms: int
    priority: int
    seq: int
    callback: Callable[[], None] = field(compare=False)
    background: bool = field(compare=False, default=False)
    cancelled: bool = field(compare=False, default=False)
    label: str = field(compare=False, default="")


class TaskHandle:
    """Returned by :meth:`Clock.schedule`; lets the owner cancel the task."""

    __slots__ = ("_task",)

    def __init__(self, task: _Task) -> None:
        self._task = task

    def cancel(self) -> None:
        self._task.cancelled = True

    @property
    def at_ms(self) -> int:
        return self._task.at_ms


class Clock:
    def __init__(self, start_ms: int = 0) -> None:
        self.now_ms = start_ms
        self._heap: list[_Task] = []
        self._seq = 0
        self._foreground = 0

    @property
    def scheduled(self) -> int:
        """How many tasks were ever scheduled (tells a caller whether some code scheduled one)."""
        return self._seq

    @property
    def now(self) -> float:
        """Seconds since the epoch of the simulation."""
        return self.now_ms / 1000

    def schedule(self, delay_ms: int, callback: Callable[[], None], *, priority: int = 0,
                 background: bool = False, label: str = "") -> TaskHandle:
        """Run ``callback`` ``delay_ms`` from now (never in the past)."""
        self._seq += 1
        task = _Task(self.now_ms + max(0, int(delay_ms)), priority, self._seq, callback,
                     background, False, label)
        heapq.heappush(self._heap, task)
        if not background:
            self._foreground += 1
        return TaskHandle(task)

    def _drop_cancelled(self) -> None:
        while self._heap and self._heap[0].cancelled:
            task = heapq.heappop(self._heap)
            if not task.background:
                self._foreground -= 1

    def peek(self) -> int | None:
        """Time of the next task, or None."""
        self._drop_cancelled()
        return self._heap[0].at_ms if self._heap else None

    def has_foreground(self) -> bool:
        """Whether any non-periodic work is still scheduled."""
        return any(not t.cancelled and not t.background for t in self._heap)

    def next_foreground_time(self) -> int | None:
        times = [t.at_ms for t in self._heap if not t.cancelled and not t.background]
        return min(times) if times else None

    def pop_due(self, until_ms: int) -> Callable[[], None] | None:
        """Advance to and return the next task due at or before ``until_ms``."""
        self._drop_cancelled()
        if not self._heap or self._heap[0].at_ms > until_ms:
            return None
        task = heapq.heappop(self._heap)
        if not task.background:
            self._foreground -= 1
        self.now_ms = max(self.now_ms, task.at_ms)
        return task.callback

    def advance_to(self, until_ms: int) -> None:
        """Move time forward with no task in between (callers run due tasks first)."""
        self.now_ms = max(self.now_ms, until_ms)


@lru_cache(maxsize=1)
def timestamp(ms: int) -> str:
    """RFC 3339 text for a simulated time, as Kubernetes prints it."""
    # Many writes in a row happen at the same simulated millisecond: format it once.
    return (EPOCH + timedelta(milliseconds=ms)).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: str) -> int | None:
    """Milliseconds since the epoch for an RFC 3339 timestamp, or None."""
    return _parse_timestamp(str(text))


@lru_cache(maxsize=4096)
def _parse_timestamp(text: str) -> int | None:
    # Memoised: the same few stamps are read again on every sync.
    try:
        value = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return int((value - EPOCH).total_seconds() * 1000)


def parse_duration(text: str) -> int:
    """Milliseconds for a Go-style duration such as ``30s``, ``2m``, ``1h30m``, ``500ms``."""
    import re

    text = text.strip()
    if re.fullmatch(r"[0-9]+", text):
        return int(text) * 1000
    parts = re.findall(r"([0-9]+(?:\.[0-9]+)?)(ms|h|m|s)", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ValueError(f'invalid duration "{text}"')
    scale = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}
    return int(sum(float(n) * scale[u] for n, u in parts))
