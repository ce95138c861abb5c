"""The object store: current objects, versions, and the append-only change log.

Every write produces one :class:`Change` record: what changed (old → new), who did
it and why. Records and the objects they point at are never modified afterwards;
subscribers must not modify them either (the client-go rule). Callbacks are kept
in a list so they run in a fixed order, and their exceptions propagate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from .objects import Key, Manifest, key_of, uid_of

ADDED = "ADDED"
MODIFIED = "MODIFIED"
DELETED = "DELETED"


class Change(NamedTuple):
    """One write to the store.

    ``old`` is None for ADDED, ``new`` is None for DELETED. ``actor`` is the component
    that wrote (``kubectl``, ``persistentvolume-controller``, ...); ``reason`` says why
    in a few words (``bind: set claimRef``) so every change can be explained.
    """

    seq: int
    time_ms: int
    action: str
    key: Key
    old: Mapping[str, Any] | None
    new: Mapping[str, Any] | None
    actor: str
    reason: str

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def obj(self) -> Mapping[str, Any]:
        """The object as it is after the change (as it was, for a deletion)."""
        return self.new if self.new is not None else self.old  # type: ignore[return-value]

    @property
    def uid(self) -> str:
        return uid_of(self.obj)


Subscriber = Callable[[Change], None]
_new_tuple = tuple.__new__


class Store:
    """Objects by kind, keyed ``(kind, namespace, name)``, with a global version counter."""

    def __init__(self, now_ms: Callable[[], int]) -> None:
        self._now_ms = now_ms
        self._by_kind: dict[str, dict[Key, Manifest]] = {}
        self._by_uid: dict[str, Key] = {}
        self._version = 0
        self._seq = 0
        self._subscribers: list[Subscriber] = []
        self.log: list[Change] = []

    # ---- reading -------------------------------------------------------------------
    def get(self, kind: str, namespace: str, name: str) -> Manifest | None:
        table = self._by_kind.get(kind)
        return table.get((kind, namespace, name)) if table else None

    def get_key(self, key: Key) -> Manifest | None:
        if type(key) is tuple and len(key) == 3:
            # The stored keys are these very tuples: no need to build another one.
            table = self._by_kind.get(key[0])
            return table.get(key) if table else None
        return self.get(*key)

    def by_uid(self, uid: str) -> Manifest | None:
        key = self._by_uid.get(uid)
        return self.get_key(key) if key else None

    def list(self, kind: str, namespace: str | None = None) -> list[Manifest]:
        """Objects of ``kind`` sorted by (namespace, name); ``namespace=None`` means all."""
        table = self._by_kind.get(kind, {})
        keys = sorted(k for k in table if namespace is None or k[1] == namespace)
        return [table[k] for k in keys]

    def iter_kind(self, kind: str) -> Iterator[Manifest]:
        """Objects of ``kind`` in insertion order (cheaper than :meth:`list`)."""
        return iter(list(self._by_kind.get(kind, {}).values()))

    def count(self, kind: str) -> int:
        return len(self._by_kind.get(kind, {}))

    def kinds(self) -> list[str]:
        return [k for k, table in self._by_kind.items() if table]

    def all_objects(self) -> list[Manifest]:
        out: list[Manifest] = []
        for kind in self._by_kind:
            out.extend(self.list(kind))
        return out

    @property
    def version(self) -> int:
        return self._version

    # ---- writing -------------------------------------------------------------------
    def ensure_version_at_least(self, version: int) -> None:
        self._version = max(self._version, version)

    def next_resource_version(self) -> str:
        self._version += 1
        return str(self._version)

    def put(self, obj: Manifest, *, actor: str, reason: str, bump_version: bool = True,
            key: Key | None = None, owned: bool = False) -> Manifest:
        """Add or replace ``obj`` (its key comes from the object); return what was stored.

        ``key`` may be passed when the caller already knows it (it must be ``key_of(obj)``);
        ``owned`` says ``obj`` is a fresh top-level copy nobody else holds, so the new
        resourceVersion may go into it without copying it once more.
        """
        if key is None:
            key = key_of(obj)
        if bump_version:
            self._version += 1
            metadata = {**obj["metadata"], "resourceVersion": str(self._version)}
            if owned:
                obj["metadata"] = metadata  # type: ignore[index]
            else:
                obj = {**obj, "metadata": metadata}
        table = self._by_kind.get(key[0])
        if table is None:
            table = self._by_kind[key[0]] = {}
        old = table.get(key)
        table[key] = obj
        uid = obj["metadata"].get("uid") or ""
        if old is not None:
            old_uid = old["metadata"].get("uid") or ""
            if old_uid != uid:
                self._by_uid.pop(old_uid, None)
        if uid:
            self._by_uid[uid] = key
        # _record, inlined: this is the path of every write.
        self._seq += 1
        change = _new_tuple(Change, (self._seq, self._now_ms(), ADDED if old is None else MODIFIED,
                                     key, old, obj, actor, reason))
        self.log.append(change)
        for callback in self._subscribers:
            callback(change)
        return obj

    def remove(self, key: Key, *, actor: str, reason: str) -> Manifest | None:
        table = self._by_kind.get(key[0])
        old = table.pop(key, None) if table else None
        if old is None:
            return None
        self._by_uid.pop(uid_of(old), None)
        self._record(DELETED, key, old, None, actor, reason)
        return old

    def _record(self, action: str, key: Key, old: Manifest | None, new: Manifest | None,
                actor: str, reason: str) -> None:
        self._seq += 1
        # tuple.__new__ skips the NamedTuple's Python-level __new__ (same record).
        change = _new_tuple(Change, (self._seq, self._now_ms(), action, key, old, new, actor,
                                     reason))
        self.log.append(change)
        for callback in self._subscribers:
            callback(change)

    # ---- observers -----------------------------------------------------------------
    # The list is replaced, never changed in place, so a callback may (un)subscribe
    # while a change is being delivered without disturbing that delivery.
    def subscribe(self, callback: Subscriber) -> None:
        self._subscribers = [*self._subscribers, callback]

    def unsubscribe(self, callback: Subscriber) -> None:
        self._subscribers = [c for c in self._subscribers if c != callback]

    def changes_since(self, seq: int) -> list[Change]:
        """Records with ``seq`` greater than the one given (the log is 1-based)."""
        return self.log[seq:]

    @property
    def last_seq(self) -> int:
        return self._seq
