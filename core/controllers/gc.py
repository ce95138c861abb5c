"""The garbage collector: deletes dependents whose owners are gone.

An object's ``metadata.ownerReferences`` name owners by kind, name and uid. When an
owner is removed, each dependent is checked: if none of its owners exists any more
(an owner with the same name but another uid does not count) it is deleted
(background propagation); if only some are gone, the dangling references are removed,
as Kubernetes' garbage collector does. Dependents are visited sorted by key, so runs
are deterministic. Pods are deleted through ``api.delete`` (graceful), so the kubelet
finishes them. Foreground deletion and ``blockOwnerDeletion`` are not modelled.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..kinds import KINDS
from ..objects import DELETE, Key, is_deleting, is_map, meta
from ..store import Change
from .base import Controller


def owner_references(obj: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    refs = meta(obj or {}).get("ownerReferences")
    return [r for r in refs if is_map(r)] if isinstance(refs, list) else []


def _has_owners(obj: Mapping[str, Any]) -> bool:
    metadata = obj.get("metadata")
    return bool(metadata.get("ownerReferences")) if type(metadata) is dict else bool(
        owner_references(obj))


class GarbageCollector(Controller):
    name = "garbage-collector"
    # Owner references can be on any kind but Events.
    interests = tuple(k for k in KINDS if k != "Event")

    def __init__(self, cluster: Any) -> None:
        super().__init__(cluster)
        # owner uid → keys of objects that name it as an owner
        self._dependents: dict[str, set[Key]] = {}

    def on_change(self, change: Change) -> None:
        old, new = change.old, change.new
        if old is not None and new is not None:
            old_meta, new_meta = old.get("metadata"), new.get("metadata")
            if type(old_meta) is dict and type(new_meta) is dict:
                old_refs = old_meta.get("ownerReferences")
                if old_refs is new_meta.get("ownerReferences"):
                    # The common case, checked cheaply: no owners before or after, or the
                    # very same list (a write that left the owners alone).
                    return
            elif not _has_owners(old) and not _has_owners(new):
                return
        old_owners = {str(r.get("uid") or "") for r in owner_references(change.old)}
        new_owners = {str(r.get("uid") or "") for r in owner_references(change.new)}
        for uid in old_owners - new_owners:
            keys = self._dependents.get(uid)
            if keys is not None:
                keys.discard(change.key)
                if not keys:
                    del self._dependents[uid]
        for uid in new_owners - old_owners:
            self._dependents.setdefault(uid, set()).add(change.key)
        if change.new is None:
            uid = str(meta(change.old or {}).get("uid") or "")
            for key in sorted(self._dependents.get(uid, ())):
                self.enqueue(key)
        elif new_owners - old_owners:
            # A dependent created after its owner is gone is collected too.
            self.enqueue(change.key)

    def _owner_exists(self, ref: Mapping[str, Any]) -> bool:
        owner = self.store.by_uid(str(ref.get("uid") or ""))
        return owner is not None and owner.get("kind") == ref.get("kind")

    def sync(self, key: Key) -> None:
        obj = self.store.get_key(key)
        if obj is None or is_deleting(obj):
            return
        refs = owner_references(obj)
        if not refs:
            return
        alive = [r for r in refs if self._owner_exists(r)]
        if len(alive) == len(refs):
            return
        if not alive:
            self.api.delete(key[0], key[1], key[2], actor=self.name,
                            reason="owner is gone (background cascading deletion)")
            return
        self.api.write(obj, {"metadata": {"ownerReferences": alive or DELETE}}, actor=self.name,
                       reason="remove references to owners that are gone")
