"""Kubernetes Events: recorded by controllers, aggregated the way client-go does.

An event with the same involved object, source, type, reason and message as an
earlier one does not make a new Event object: the earlier one's ``count`` and
``lastTimestamp`` go up, which kubectl shows as ``(x3 over 45s)``. Every emission is
also kept in order in :attr:`EventRecorder.emitted`, which is what Kubernetes' own
controller tests compare.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .clock import EPOCH, Clock, timestamp
from .kinds import KINDS
from .objects import Manifest, evolve, name_of, namespace_of, uid_of
from .store import Store

NORMAL = "Normal"
WARNING = "Warning"

_EPOCH_NS = int(EPOCH.timestamp()) * 1_000_000_000


class EventRecorder:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._by_key: dict[tuple, tuple[str, str]] = {}
        self._seq = 0
        self._emitted: list[tuple] = []

    def emit(self, involved: Mapping[str, Any], type_: str, reason: str, message: str, *,
             component: str, host: str = "") -> Manifest:
        """Record an event about ``involved``; return the (new or updated) Event object."""
        kind = str(involved.get("kind") or "")
        info = KINDS.get(kind)
        involved_ns = namespace_of(involved)
        # Events about cluster-scoped objects live in "default", as kubectl shows them.
        namespace = involved_ns or "default"
        api_version = str(involved.get("apiVersion") or (info.api_version if info else "v1"))
        # Key order as the API server serialises an ObjectReference.
        if involved_ns:
            involved_ref = {"kind": kind, "namespace": involved_ns, "name": name_of(involved),
                            "uid": uid_of(involved), "apiVersion": api_version}
        else:
            involved_ref = {"kind": kind, "name": name_of(involved), "uid": uid_of(involved),
                            "apiVersion": api_version}
        rv = (involved.get("metadata") or {}).get("resourceVersion")
        if rv:
            involved_ref["resourceVersion"] = str(rv)
        source = {"component": component, **({"host": host} if host else {})}
        agg_key = (namespace, kind, involved_ref["name"], involved_ref["uid"], type_, reason,
                   message, component, host)
        now = timestamp(self._clock.now_ms)
        existing_key = self._by_key.get(agg_key)
        existing = self._store.get("Event", *existing_key) if existing_key else None
        if existing is not None:
            event = evolve(existing, {
                "count": int(existing.get("count") or 1) + 1,
                "lastTimestamp": now,
                "involvedObject": involved_ref,
            })
            # evolve made a fresh top-level dict: the store may stamp it without a copy.
            event = self._store.put(event, actor=component, reason=f"event {reason} again",
                                    owned=True)
        else:
            self._seq += 1
            stamp_ns = _EPOCH_NS + self._clock.now_ms * 1_000_000 + self._seq
            name = f"{involved_ref['name']}.{stamp_ns:x}"
            event = {
                "apiVersion": "v1",
                "kind": "Event",
                "metadata": {
                    "name": name,
                    "namespace": namespace,
                    "uid": f"event-{self._seq:012d}",
                    "creationTimestamp": now,
                },
                "involvedObject": involved_ref,
                "reason": reason,
                "message": message,
                "source": source,
                "firstTimestamp": now,
                "lastTimestamp": now,
                "count": 1,
                "type": type_,
                "eventTime": None,
                "reportingComponent": component,
                "reportingInstance": host,
            }
            event = self._store.put(event, actor=component, reason=f"event {reason}",
                                    owned=True)
            self._by_key[agg_key] = (namespace, name)
        # Kept as a tuple (its dicts are never changed): most runs never read it.
        self._emitted.append((type_, reason, message, involved_ref, source,
                              event.get("count", 1), event.get("firstTimestamp"), now))
        return event

    @property
    def emitted(self) -> list[Manifest]:
        """Every emission in order, each a new dict (what Kubernetes' controller tests
        compare): type, reason, message, involvedObject, source, count, timestamps."""
        return [{"type": type_, "reason": reason, "message": message,
                 "involvedObject": dict(ref), "source": dict(source), "count": count,
                 "firstTimestamp": first, "lastTimestamp": last}
                for type_, reason, message, ref, source, count, first, last in self._emitted]

    def for_object(self, involved: Mapping[str, Any]) -> list[Manifest]:
        """Aggregated Event objects about ``involved`` (matched by uid, else by kind/name)."""
        uid = uid_of(involved)
        kind = involved.get("kind")
        name = name_of(involved)
        namespace = namespace_of(involved) or "default"
        out = []
        for event in self._store.list("Event", namespace):
            ref = event.get("involvedObject") or {}
            if ref.get("kind") != kind or ref.get("name") != name:
                continue
            if uid and ref.get("uid") and ref.get("uid") != uid:
                continue
            out.append(event)
        out.sort(key=lambda e: (e.get("lastTimestamp") or "", e["metadata"]["name"]))
        return out

    def forget(self, namespace: str, name: str) -> None:
        """Drop the aggregation entry for a deleted Event object."""
        for key, value in list(self._by_key.items()):
            if value == (namespace, name):
                del self._by_key[key]
