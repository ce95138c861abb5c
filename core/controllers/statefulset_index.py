"""What the statefulset-controller knows about each set's pods, kept current by the watch.

Kubernetes' controller lists a set's pods and walks every replica on every sync, which
costs O(replicas) per sync and O(replicas²) to scale a set up one pod at a time. The
simulator keeps the same decisions but remembers what does not change between syncs:

* :class:`Members` — the pods named like a set's members, by name and by ordinal, with
  running totals for the status (replicas, ready, per revision) per owner uid;
* :class:`Progress` — for one version of a set's spec, what processing concluded for
  each in-range pod version (blocked or not, healthy or not). Only ordinals without a
  valid conclusion (``todo``) are looked at again, so a sync costs O(changes).

Stored objects are replaced, never changed, on every write, so "the same version of a
pod" is object identity.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .. import statefulsets as rules
from ..clock import parse_timestamp
from ..objects import Manifest


class PodFacts:
    """What the controller needs to know about one version of a pod, computed once."""

    __slots__ = ("pod", "name", "ordinal", "ready", "running_ready", "ready_since", "deleting",
                 "finished", "pending", "revision", "owner_uid", "labels", "match")

    def __init__(self, pod: Manifest) -> None:
        metadata = pod.get("metadata") or {}
        status = pod.get("status") or {}
        self.pod = pod
        self.name = str(metadata.get("name") or "")
        self.ordinal = rules.parent_and_ordinal(self.name)[1]
        phase = status.get("phase") or ""
        ready = None
        for condition in status.get("conditions") or ():
            if isinstance(condition, dict) and condition.get("type") == "Ready":
                ready = condition
                break
        self.ready = ready is not None and ready.get("status") == "True"
        self.running_ready = self.ready and phase == "Running"
        stamp = ready.get("lastTransitionTime") if self.ready and ready else None
        self.ready_since = parse_timestamp(str(stamp)) if stamp else None
        self.deleting = bool(metadata.get("deletionTimestamp"))
        self.finished = phase in ("Failed", "Succeeded")
        self.pending = phase in ("", "Pending")
        self.labels = metadata.get("labels") or {}
        self.revision = str(self.labels.get(rules.REVISION_LABEL) or "")
        ref = rules.controller_of(pod)
        self.owner_uid = str(ref.get("uid") or "") if ref is not None else None
        # (selector object, whether it matches these labels), filled in on first use.
        self.match: tuple[Any, bool] | None = None

    def same_for_controller(self, other: PodFacts) -> bool:
        """Whether every fact the controller's decisions and the set's status read is the
        same in ``other`` (a later version of the pod)."""
        return (self.ready == other.ready and self.running_ready == other.running_ready
                and self.ready_since == other.ready_since and self.deleting == other.deleting
                and self.finished == other.finished and self.pending == other.pending
                and self.owner_uid == other.owner_uid and self.revision == other.revision
                and self.labels == other.labels)

    def available_at(self, min_ready_s: int) -> int | None:
        """When this Ready pod counts as Available (see rules.available_at_ms)."""
        if not self.ready:
            return None
        if min_ready_s <= 0:
            return 0
        if self.ready_since is None:
            return None
        return self.ready_since + min_ready_s * 1000 + 1

    def available(self, min_ready_s: int, now_ms: int) -> bool:
        at = self.available_at(min_ready_s)
        return at is not None and at <= now_ms

    def healthy(self, min_ready_s: int, now_ms: int) -> bool:
        """Not terminating, Running and Ready, and Available (isUnavailable negated)."""
        return not self.deleting and self.running_ready and self.available(min_ready_s, now_ms)

    def waiting_out_min_ready(self, min_ready_s: int, now_ms: int) -> bool:
        """Ready but not yet Available: the only state that changes with time alone."""
        return self.ready and not self.available(min_ready_s, now_ms)


class Counts:
    """Running totals over one owner's pods (with a valid ordinal) for the status."""

    __slots__ = ("replicas", "ready", "live_revisions", "all_revisions", "ready_since")

    def __init__(self) -> None:
        self.replicas = 0
        self.ready = 0
        self.live_revisions: Counter[str] = Counter()
        self.all_revisions: Counter[str] = Counter()
        # Running-and-Ready pods -> when they became Ready (for minReadySeconds).
        self.ready_since: dict[str, int | None] = {}

    def add(self, facts: PodFacts, sign: int) -> None:
        self.replicas += sign
        self.all_revisions[facts.revision] += sign
        if not facts.deleting:
            self.live_revisions[facts.revision] += sign
        if facts.running_ready:
            self.ready += sign
            if sign > 0:
                self.ready_since[facts.name] = facts.ready_since
            else:
                self.ready_since.pop(facts.name, None)

    def available(self, min_ready_s: int, now_ms: int) -> tuple[int, int | None]:
        """(available pods, when the next Ready pod becomes Available or None)."""
        if min_ready_s <= 0:
            return self.ready, None
        count, upcoming = 0, None
        for since in self.ready_since.values():
            if since is None:
                continue
            at = since + min_ready_s * 1000 + 1
            if at <= now_ms:
                count += 1
            elif upcoming is None or at < upcoming:
                upcoming = at
        return count, upcoming


class Members:
    """The pods whose names say they may belong to one set (``<set>-<ordinal>``)."""

    __slots__ = ("facts", "by_ordinal", "ordinals", "counts", "attention", "checked")

    def __init__(self) -> None:
        self.facts: dict[str, PodFacts] = {}
        self.by_ordinal: dict[int, PodFacts] = {}
        self.ordinals: list[int] = []
        self.counts: dict[str | None, Counts] = {}
        # Pods to check for adoption or release: orphans and pods whose labels changed.
        self.attention: set[str] = set()
        # (selector, uid) the whole membership was last checked against.
        self.checked: tuple[Any, str] | None = None

    def update(self, name: str, pod: Manifest | None) -> tuple[PodFacts | None, PodFacts | None]:
        old = self.facts.pop(name, None)
        if old is not None and old.ordinal >= 0:
            del self.by_ordinal[old.ordinal]
            del self.ordinals[bisect.bisect_left(self.ordinals, old.ordinal)]
            self.counts[old.owner_uid].add(old, -1)
        new = PodFacts(pod) if pod is not None else None
        if new is not None:
            self.facts[name] = new
            if new.ordinal >= 0:
                self.by_ordinal[new.ordinal] = new
                bisect.insort(self.ordinals, new.ordinal)
                counts = self.counts.get(new.owner_uid)
                if counts is None:
                    counts = self.counts[new.owner_uid] = Counts()
                counts.add(new, 1)
            if new.owner_uid is None or old is None or old.labels != new.labels:
                self.attention.add(name)
        else:
            self.attention.discard(name)
        return old, new

    def owned(self, ordinal: int, uid: str) -> PodFacts | None:
        facts = self.by_ordinal.get(ordinal)
        return facts if facts is not None and facts.owner_uid == uid else None

    def outside(self, start: int, end: int, uid: str, *, descending: bool = True
                ) -> Iterator[PodFacts]:
        """Owned pods with an ordinal outside ``start..end`` (condemned), highest first
        unless ``descending`` is False. Lazy: ordered scale-down looks at one pod a sync."""
        above = bisect.bisect_right(self.ordinals, end)
        below = bisect.bisect_left(self.ordinals, start)
        if descending:
            indexes = itertools.chain(range(len(self.ordinals) - 1, above - 1, -1),
                                      range(below - 1, -1, -1))
        else:
            indexes = itertools.chain(range(0, below), range(above, len(self.ordinals)))
        ordinals = self.ordinals
        for index in indexes:
            if index >= len(ordinals):
                continue
            facts = self.owned(ordinals[index], uid)
            if facts is not None:
                yield facts

    def counts_for(self, uid: str) -> Counts:
        return self.counts.get(uid) or Counts()


class Progress:
    """For one version of a set's spec: what processing concluded for each in-range pod.

    ``memo[name] = (pod, blocked, healthy)`` holds while that pod version, its claims and
    the spec stay the same; ``todo`` lists (sorted) the in-range ordinals without one;
    ``stuck`` and ``sick`` the ordinals whose conclusion was blocked / unhealthy;
    ``outdated`` the in-range ordinals whose pod is not at the update revision;
    ``unverified`` the condemned pods whose claims' owners were not checked since they
    (or their claims) last changed.
    """

    __slots__ = ("spec", "uid", "start", "end", "update_name", "memo", "todo", "stuck", "sick",
                 "outdated", "unverified")

    def __init__(self, spec: Any, uid: str, start: int, end: int, update_name: str,
                 members: Members) -> None:
        self.spec = spec
        self.uid = uid
        self.start = start
        self.end = end
        self.update_name = update_name
        self.memo: dict[str, tuple[Manifest, bool, bool]] = {}
        self.todo: list[int] = list(range(start, end + 1))
        self.stuck: list[int] = []
        self.sick: list[int] = []
        self.outdated: set[int] = set()
        for ordinal in self.todo:
            self.note(ordinal, members.owned(ordinal, uid))
        self.unverified: set[str] = {f.name for f in members.outside(start, end, uid)}

    def matches(self, spec: Any, uid: str, update_name: str) -> bool:
        return self.spec is spec and self.uid == uid and self.update_name == update_name

    def in_range(self, ordinal: int) -> bool:
        return self.start <= ordinal <= self.end

    def note(self, ordinal: int, facts: PodFacts | None) -> None:
        """Record the revision of the pod now at ``ordinal`` (for the rolling update)."""
        if facts is not None and facts.revision != self.update_name:
            self.outdated.add(ordinal)
        else:
            self.outdated.discard(ordinal)

    def invalidate(self, ordinal: int, name: str) -> None:
        """The pod at ``ordinal`` or one of its claims changed: look at it again."""
        if not self.in_range(ordinal):
            self.unverified.add(name)
            return
        self.memo.pop(name, None)
        _discard(self.stuck, ordinal)
        _discard(self.sick, ordinal)
        _add(self.todo, ordinal)

    def conclude(self, ordinal: int, facts: PodFacts, blocked: bool, healthy: bool) -> None:
        self.memo[facts.name] = (facts.pod, blocked, healthy)
        _discard(self.todo, ordinal)
        if blocked:
            _add(self.stuck, ordinal)
        if not healthy:
            _add(self.sick, ordinal)


def _add(items: list[int], value: int) -> None:
    index = bisect.bisect_left(items, value)
    if index == len(items) or items[index] != value:
        items.insert(index, value)


def _discard(items: list[int], value: int) -> None:
    index = bisect.bisect_left(items, value)
    if index < len(items) and items[index] == value:
        del items[index]
