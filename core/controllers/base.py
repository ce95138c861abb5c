"""The shape every simulated controller shares: a work queue and a level-triggered sync."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from ..objects import Key
from ..store import Change

if TYPE_CHECKING:
    from ..cluster import Cluster


class Controller:
    """Watches kinds, queues keys, and syncs one key at a time.

    Subclasses decide from the current state of the store in :meth:`sync`, not from
    which change arrived (level-triggered, like the real controllers), so a sync can
    run any number of times. The queue is an ordered set: a key queued twice is
    synced once, in first-queued order, which keeps runs deterministic.
    """

    #: The component name events are recorded under (``persistentvolume-controller``).
    name = "controller"
    #: Kinds whose changes enqueue their own key.
    watches: tuple[str, ...] = ()
    #: Kinds whose changes :meth:`on_change` must see; None means every kind. The
    #: cluster routes each change only to the controllers interested in its kind.
    interests: tuple[str, ...] | None = None
    #: Period of the full resync, or None.
    resync_ms: int | None = None

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.store = cluster.store
        self.api = cluster.api
        self.clock = cluster.clock
        self.recorder = cluster.recorder
        self.settings = cluster.settings
        # The dict is the set of queued keys; the deque keeps their order. Popping a
        # dict's first key instead would rescan deleted slots: O(n²) to drain n keys.
        self.queue: dict[Key, None] = {}
        self._order: deque[Key] = deque()

    def enqueue(self, key: Key) -> None:
        if key not in self.queue:
            self.queue[key] = None
            self._order.append(key)

    def on_change(self, change: Change) -> None:
        """Called for every store change; queue what this controller should look at."""
        if change.kind in self.watches:
            self.enqueue(change.key)

    def pop(self) -> Key | None:
        queue, order = self.queue, self._order
        if not queue:
            order.clear()
            return None
        while order:
            key = order.popleft()
            if key in queue:
                del queue[key]
                return key
        key = next(iter(queue))  # put into the dict directly, bypassing enqueue
        del queue[key]
        return key

    def sync(self, key: Key) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def resync(self) -> None:
        """Queue every watched object (the periodic resync)."""
        for kind in self.watches:
            for obj in self.store.iter_kind(kind):
                m = obj["metadata"]
                self.enqueue((kind, m.get("namespace") or "", m["name"]))

    def event(self, obj, type_: str, reason: str, message: str) -> None:
        self.recorder.emit(obj, type_, reason, message, component=self.name)
