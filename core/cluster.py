"""``core.Cluster``: the simulated cluster that every face of the app drives.

It composes the object store, the clock, the event recorder, the API server and
the controllers, and runs them deterministically: work queued by controllers is
done round-robin, one key at a time, in a fixed controller order; when no queue has
work the clock jumps to the next timed task.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .apiserver import ApiServer
from .clock import Clock
from .controllers import build_controllers
from .controllers.base import Controller
from .events import EventRecorder
from .objects import Manifest, deep_copy
from .settings import SimSettings
from .store import Change, Store


@dataclass(frozen=True)
class SettleResult:
    settled: bool
    steps: int
    elapsed_ms: int

    def __str__(self) -> str:
        if self.settled:
            return f"settled after {self.elapsed_ms / 1000:g}s of simulated time"
        return (f"settle gave up after {self.steps} steps and {self.elapsed_ms / 1000:g}s "
                f"of simulated time: something keeps changing")


@contextmanager
def _few_gc_pauses() -> Iterator[None]:
    """Collect cyclic garbage less often while controllers run.

    A settle allocates hundreds of thousands of small dicts that form no reference
    cycles (objects are copy-on-write trees), yet each batch of 700 allocations
    triggers a collection that walks the ever-growing store and change log: that
    costs more than half of a large settle. Raising the first threshold for the
    duration, and restoring it after, keeps cycle collection but stops the churn.
    """
    old = gc.get_threshold()
    if old[0] >= 50_000 or old[0] == 0:
        yield
        return
    gc.set_threshold(50_000, old[1], old[2])
    # What exists before the run (the store, the change log) is not garbage the run
    # makes: frozen, it is left out of the collections the run triggers.
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()
        gc.set_threshold(*old)


class Cluster:
    """A simulated Kubernetes cluster (storage and workloads)."""

    def __init__(self, settings: SimSettings | None = None, *, default_nodes: bool = True) -> None:
        self.settings = settings or SimSettings()
        self.clock = Clock()
        # getattr bound by partial: the store reads the time on every write, and this
        # is cheaper than a lambda (the clock object is never replaced).
        self.store = Store(partial(getattr, self.clock, "now_ms"))
        self.recorder = EventRecorder(self.store, self.clock)
        self.api = ApiServer(self.store, self.clock)
        self.script_dir: Path = Path.cwd()
        self.controllers: list[Controller] = build_controllers(self)
        self._by_name = {type(c).__name__: c for c in self.controllers}
        self._cursor = 0
        self._routes: dict[str, list[Callable[[Change], None]]] = {}
        #: Called just before each unit of work (one sync, or one timed task) starts.
        #: The journal uses it to find the points a replay can stop at; it may raise to
        #: stop the run before that unit happens.
        self.unit_hook: Callable[[], None] | None = None
        self.store.subscribe(self._dispatch)
        for controller in self.controllers:
            if controller.resync_ms:
                self._schedule_resync(controller)
        if default_nodes:
            from .workloads import create_default_nodes

            create_default_nodes(self)

    # ---- wiring --------------------------------------------------------------------
    def _dispatch(self, change: Change) -> None:
        routes = self._routes.get(change.key[0])
        if routes is None:
            routes = self._routes[change.key[0]] = [
                c.on_change for c in self.controllers
                if c.interests is None or change.key[0] in c.interests]
        for on_change in routes:
            on_change(change)

    def _schedule_resync(self, controller: Controller) -> None:
        def fire() -> None:
            controller.resync()
            self._schedule_resync(controller)

        assert controller.resync_ms
        self.clock.schedule(controller.resync_ms, fire, background=True,
                            label=f"{controller.name} resync")

    def controller(self, class_name: str) -> Controller:
        return self._by_name[class_name]

    def subscribe(self, callback: Callable[[Change], None]) -> None:
        """Call ``callback`` with every change record, in order (exceptions propagate)."""
        self.store.subscribe(callback)

    def unsubscribe(self, callback: Callable[[Change], None]) -> None:
        self.store.unsubscribe(callback)

    # ---- construction --------------------------------------------------------------
    @classmethod
    def from_manifests(cls, manifests: Iterable[Mapping[str, Any]], *, keep_status: bool = True,
                       settings: SimSettings | None = None) -> Cluster:
        """A cluster holding exactly these objects: no defaulting, no controller has run."""
        cluster = cls(settings, default_nodes=False)
        for manifest in manifests:
            obj = deep_copy(dict(manifest))
            if not keep_status:
                obj.pop("status", None)
            cluster.api.restore(obj)
        for controller in cluster.controllers:
            controller.queue.clear()
        return cluster

    def namespace_exists(self, namespace: str) -> bool:
        return self.api.namespace_exists(namespace)

    # ---- running -------------------------------------------------------------------
    def has_work(self) -> bool:
        return any(c.queue for c in self.controllers)

    def _sync_one(self) -> bool:
        """Run one queued sync, round-robin over controllers; False when all queues are empty."""
        if self.unit_hook is not None and self.has_work():
            self.unit_hook()
        controllers = self.controllers
        count = len(controllers)
        cursor = self._cursor
        for offset in range(count):
            index = cursor + offset
            if index >= count:
                index -= count
            controller = controllers[index]
            # Most queues are empty most of the time: look before popping.
            if controller.queue:
                key = controller.pop()
                if key is not None:
                    self._cursor = index + 1 if index + 1 < count else 0
                    controller.sync(key)
                    return True
        return False

    def _pop_task(self, until_ms: int) -> Callable[[], None] | None:
        """The next timed task due by ``until_ms`` (the clock moves to it), or None."""
        due = self.clock.peek()
        if due is None or due > until_ms:
            return None
        if self.unit_hook is not None:
            self.unit_hook()
        return self.clock.pop_due(until_ms)

    def step(self) -> list[Change]:
        """One unit of work: a queued sync, else the next timed task. Returns its changes."""
        before = self.store.last_seq
        if not self._sync_one():
            due = self.clock.peek()
            if due is not None:
                task = self._pop_task(due)
                if task:
                    task()
        return self.store.changes_since(before)

    def drain(self, max_steps: int | None = None) -> int:
        """Run queued syncs (no time passes) until every queue is empty."""
        limit = max_steps or self.settings.settle_max_steps
        steps = 0
        with _few_gc_pauses():
            while steps < limit and self._sync_one():
                steps += 1
        return steps

    def settle(self) -> SettleResult:
        """Run every controller, and the clock through pending timed work, until quiet."""
        with _few_gc_pauses():
            return self._settle()

    def _settle(self) -> SettleResult:
        start = self.clock.now_ms
        steps = 0
        max_steps = self.settings.settle_max_steps
        deadline = start + self.settings.settle_max_ms
        while steps < max_steps:
            if self._sync_one():
                steps += 1
                continue
            next_fg = self.clock.next_foreground_time()
            if next_fg is None:
                return SettleResult(True, steps, self.clock.now_ms - start)
            if next_fg > deadline:
                break
            # Run everything due up to that time, background resyncs included.
            while True:
                task = self._pop_task(next_fg)
                if task is None:
                    break
                task()
                steps += 1
                self.drain()
        return SettleResult(False, steps, self.clock.now_ms - start)

    def advance(self, ms: int) -> None:
        """Let ``ms`` of simulated time pass, doing all work that falls due meanwhile."""
        with _few_gc_pauses():
            self._advance(ms)

    def _advance(self, ms: int) -> None:
        until = self.clock.now_ms + ms
        self.drain()
        while True:
            task = self._pop_task(until)
            if task is None:
                break
            task()
            self.drain()
        self.clock.advance_to(until)

    # ---- commands ------------------------------------------------------------------
    def run(self, line: str) -> str:
        """Run one script line; return what it prints. Raises CommandError on failure."""
        from .commands import execute

        return execute(self, line)

    def apply_manifests(self, text: str, source: str = "<input>") -> str:
        """``kubectl apply`` of YAML/JSON text; returns kubectl's output lines."""
        from .commands import apply_text

        return apply_text(self, text, source)

    # ---- the PV controller, one sync at a time --------------------------------------
    def sync_claim(self, namespace: str, name: str) -> None:
        """One PV-controller sync of that claim and nothing else (Kubernetes' syncClaim)."""
        self.controller("PersistentVolumeController").sync_claim_by_key(namespace, name)

    def sync_volume(self, name: str) -> None:
        """One PV-controller sync of that volume and nothing else (Kubernetes' syncVolume)."""
        self.controller("PersistentVolumeController").sync_volume_by_name(name)

    # ---- reading -------------------------------------------------------------------
    def manifests(self) -> list[Manifest]:
        """Every current object (but Events) as a manifest, status and annotations included."""
        return [deep_copy(o) for o in self.store.all_objects() if o.get("kind") != "Event"]

    def events(self) -> list[dict[str, Any]]:
        """Every event emitted, in order: type, reason, message, involvedObject, count..."""
        return self.recorder.emitted  # fresh dicts every time

    def get(self, kind: str, namespace: str, name: str) -> Manifest | None:
        return self.store.get(kind, namespace, name)

    @property
    def now_ms(self) -> int:
        return self.clock.now_ms
