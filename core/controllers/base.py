"""The shape every simulated controller shares: a work queue and a level-triggered sync."""

from __future__ import annotations

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
    #: Period of the full resync, or None.
    resync_ms: int | None = None

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.store = cluster.store
        self.api = cluster.api
        self.clock = cluster.clock
        self.recorder = cluster.recorder
        self.settings = cluster.settings
        self.queue: dict[Key, None] = {}

    def enqueue(self, key: Key) -> None:
        self.queue[key] = None

    def on_change(self, change: Change) -> None:
        """Called for every store change; queue what this controller should look at."""
        if change.kind in self.watches:
            self.enqueue(change.key)

    def pop(self) -> Key | None:
        if not self.queue:
            return None
        key = next(iter(self.queue))
        del self.queue[key]
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
