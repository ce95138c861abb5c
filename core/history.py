"""The timeline: the cluster's state at any past change, read from its change log.

Every store write is one :class:`~core.store.Change` holding the object before and
after, so the state after change ``k`` is the log's first ``k`` records applied to
an empty store. Scrubbing must be fast for logs of 10k+ changes, so :class:`History`
keeps *checkpoints* (the key → object table after some change, sharing the objects
themselves, which are never modified) and starts from the nearest one, walking
forward with ``new`` or backward with ``old``. A checkpoint is taken when the
changes since the previous one reach the size of the table (at least
``min_interval``): building any state then costs about twice a copy of the table,
and the checkpoints together take memory proportional to the log.

The history is read-only. To continue from a past moment, :meth:`History.branch_at`
replays the input journal up to there (:mod:`core.journal`), which gives a live
cluster whose future can differ.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .objects import Key, Manifest
from .store import Change, Store

if TYPE_CHECKING:
    from .cluster import Cluster
    from .journal import Journal


class History:
    """Past states of one cluster (or store), computed on demand from its log.

    The log keeps growing as the cluster runs; the history follows it. ``k`` counts
    changes: ``state_at(0)`` is the empty store, ``state_at(tick_count)`` the store
    as it is now.
    """

    def __init__(self, source: Cluster | Store, *, min_interval: int = 256) -> None:
        self._store: Store = source if isinstance(source, Store) else source.store
        self._min_interval = max(1, int(min_interval))
        # (seq, table after that change); seq 0 is the empty store.
        self._cp_seqs: list[int] = [0]
        self._cp_tables: list[dict[Key, Manifest]] = [{}]
        # The last state built, to make small moves (scrubbing) cheap.
        self._cursor_seq = 0
        self._cursor: dict[Key, Manifest] = {}

    # ---- the log ---------------------------------------------------------------------
    @property
    def tick_count(self) -> int:
        """Number of changes so far (the last seq)."""
        return self._store.last_seq

    def change(self, k: int) -> Change:
        """The record of change ``k`` (1-based)."""
        self._check(k, allow_zero=False)
        return self._store.log[k - 1]

    def time_at(self, k: int) -> int:
        """Simulated time (ms) of change ``k``; 0 for the start."""
        self._check(k)
        return self._store.log[k - 1].time_ms if k else 0

    def seq_at_time(self, ms: int) -> int:
        """The last change made at or before time ``ms`` (0 if none)."""
        log = self._store.log
        lo, hi = 0, len(log)
        while lo < hi:
            mid = (lo + hi) // 2
            if log[mid].time_ms <= ms:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def changes_between(self, a: int, b: int) -> list[Change]:
        """Changes after ``a`` up to and including ``b`` (``a < seq <= b``), in order."""
        self._check(a)
        self._check(b)
        if b <= a:
            return []
        return self._store.log[a:b]

    # ---- states ----------------------------------------------------------------------
    def state_at(self, k: int) -> Mapping[Key, Manifest]:
        """A read-only view of every object (Events included) after change ``k``.

        The objects are the store's own, shared with the log: never modify them.
        """
        return MappingProxyType(dict(self._table_at(k)))

    def objects_at(self, k: int, kind: str, namespace: str | None = None) -> list[Manifest]:
        """Objects of ``kind`` after change ``k``, sorted like ``Store.list``."""
        table = self._table_at(k)
        keys = sorted(key for key in table
                      if key[0] == kind and (namespace is None or key[1] == namespace))
        return [table[key] for key in keys]

    def cluster_at(self, k: int) -> Cluster:
        """A detached cluster holding the state after change ``k``, for reading only.

        It has the same objects (not copies' copies: ``from_manifests`` copies them)
        and its clock shows the time of change ``k``; no controller has run in it, so
        printing ``kubectl get`` tables from it shows the past as it was.
        """
        from .cluster import Cluster

        table = self._table_at(k)
        cluster = Cluster.from_manifests(list(table.values()), keep_status=True)
        cluster.clock.advance_to(self.time_at(k))
        return cluster

    def branch_at(self, k: int, journal: Journal) -> Cluster:
        """A live cluster continuing from change ``k``: the journal is cut there.

        The journal keeps its inputs up to the last stop point at or before ``k``
        (see :meth:`Journal.truncate_after`; what was dropped can be redone), and the
        returned cluster is its replay. ``store.last_seq`` says where it stopped.
        """
        self._check(k)
        journal.truncate_after(k)
        return journal.replay()

    # ---- internals ---------------------------------------------------------------------
    def _check(self, k: int, *, allow_zero: bool = True) -> None:
        if not isinstance(k, int) or k < (0 if allow_zero else 1) or k > self.tick_count:
            raise IndexError(f"change {k} is outside the history (0..{self.tick_count})")

    def _table_at(self, k: int) -> dict[Key, Manifest]:
        """The table after change ``k``; the caller must not modify or keep it."""
        self._check(k)
        self._extend_checkpoints(k)
        log = self._store.log
        index = bisect_right(self._cp_seqs, k) - 1
        cp_seq = self._cp_seqs[index]
        # Start from whichever is nearer: the checkpoint at or before k, or the cursor.
        if abs(self._cursor_seq - k) < k - cp_seq:
            table, at = self._cursor, self._cursor_seq
        else:
            table, at = dict(self._cp_tables[index]), cp_seq
        if at <= k:
            _forward(table, log, at, k)
        else:
            _backward(table, log, at, k)
        self._cursor, self._cursor_seq = table, k
        return table

    def _extend_checkpoints(self, k: int) -> None:
        """Take the checkpoints every state up to ``k`` needs (amortised: log length)."""
        last = self._cp_seqs[-1]
        table = self._cp_tables[-1]
        log = self._store.log
        while True:
            interval = max(self._min_interval, len(table))
            if last + interval > k:
                return
            table = dict(table)
            _forward(table, log, last, last + interval)
            last += interval
            self._cp_seqs.append(last)
            self._cp_tables.append(table)


def _forward(table: dict[Key, Any], log: list[Change], start: int, end: int) -> None:
    """Apply changes ``start < seq <= end`` to ``table``."""
    for change in log[start:end]:
        if change.new is None:
            table.pop(change.key, None)
        else:
            table[change.key] = change.new


def _backward(table: dict[Key, Any], log: list[Change], start: int, end: int) -> None:
    """Undo changes ``end < seq <= start`` on ``table`` (newest first)."""
    for index in range(start - 1, end - 1, -1):
        change = log[index]
        if change.old is None:
            table.pop(change.key, None)
        else:
            table[change.key] = change.old
