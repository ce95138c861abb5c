"""An index of PersistentVolumes that answers the PV controller's search fast.

Kubernetes' controller walks every PV of an access-mode group for every claim. This
index gives exactly the same answer as :func:`core.binding.find_best_match` over the
same PVs (a property test checks it) without the walk:

* PVs pre-bound to a claim are found by the claimRef's namespace/name;
* per (access-mode group, class), the free PVs (no claimRef, phase Available, not
  being deleted) are kept sorted by (capacity, name), so the smallest one that fits
  is found by bisection; the walk forward only skips volumeMode, VAC and selector
  misfits.

It is kept current from the store's change records (:meth:`VolumeIndex.apply`).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from . import binding
from .binding import AccessModeKey, Manifest
from .objects import labels_of, name_of, namespace_of


class _Entry(NamedTuple):
    volume: Manifest
    group: AccessModeKey
    storage_class: str
    nanos: int
    ref_key: tuple[str, str] | None
    free: bool


# tuple.__new__ builds the same _Entry without the NamedTuple's Python-level __new__.
_new_entry = tuple.__new__


def _is_free(volume: Manifest, has_ref: bool) -> bool:
    if has_ref:
        return False
    status, metadata = volume.get("status"), volume.get("metadata")
    if type(status) is dict and type(metadata) is dict:
        # Plain dicts (always, in the store): the same test without the ABC checks.
        return (str(status.get("phase") or "") == binding.AVAILABLE
                and metadata.get("deletionTimestamp") is None)
    return binding.phase(volume) == binding.AVAILABLE and not binding.is_deleting(volume)


def _entry(volume: Manifest) -> _Entry:
    ref = binding.claim_ref_of(volume)
    ref_key = None
    if ref is not None:
        ref_key = (str(ref.get("namespace") or ""), str(ref.get("name") or ""))
    return _Entry(volume, binding.access_mode_key(binding.access_modes_of(volume)),
                  binding.volume_class(volume), binding.capacity_nanos(volume), ref_key,
                  _is_free(volume, ref is not None))


def _annotations(volume: Manifest) -> Any:
    metadata = volume.get("metadata")
    return metadata.get("annotations") if isinstance(metadata, dict) else None


def _no_class_annotation(volume: Manifest) -> bool:
    """True when surely no beta storage-class annotation is set (plain dicts only)."""
    metadata = volume.get("metadata")
    if type(metadata) is not dict:
        return False
    annotations = metadata.get("annotations")
    return annotations is None or (
        type(annotations) is dict and binding.ANN_BETA_STORAGE_CLASS not in annotations)


def _updated_entry(volume: Manifest, old: _Entry | None) -> _Entry:
    """The entry for ``volume``, reusing what an older entry already computed.

    Objects are copy-on-write: an untouched part of a new version is the very same
    object, so a status write (same spec) or a claimRef write (same capacity, modes and
    class) needs no re-parsing of quantities or access modes.
    """
    if old is None:
        return _entry(volume)
    if _annotations(old.volume) is not _annotations(volume) and not (
            # Of the annotations only the beta class one counts (see volume_class); a bind
            # adds bound-by-controller, which changes nothing here.
            _no_class_annotation(volume) and _no_class_annotation(old.volume)):
        return _entry(volume)
    spec, old_spec = volume.get("spec"), old.volume.get("spec")
    if spec is old_spec:
        ref_key = old.ref_key
        return _new_entry(_Entry, (volume, old.group, old.storage_class, old.nanos, ref_key,
                                   _is_free(volume, ref_key is not None)))
    if (type(spec) is dict and type(old_spec) is dict
            and spec.get("capacity") is old_spec.get("capacity")
            and spec.get("accessModes") is old_spec.get("accessModes")
            and spec.get("storageClassName") == old_spec.get("storageClassName")):
        ref = binding.claim_ref_of(volume)
        ref_key = None
        if ref is not None:
            ref_key = (str(ref.get("namespace") or ""), str(ref.get("name") or ""))
        return _Entry(volume, old.group, old.storage_class, old.nanos, ref_key,
                      _is_free(volume, ref is not None))
    return _entry(volume)


class VolumeIndex:
    """PVs by name, by access-mode group and class (free ones sorted), and by claimRef."""

    def __init__(self, volumes: Iterable[Manifest] = ()) -> None:
        self._entries: dict[str, _Entry] = {}
        self._group_sizes: dict[AccessModeKey, int] = {}
        self._free: dict[tuple[AccessModeKey, str], list[tuple[int, str]]] = {}
        self._prebound: dict[tuple[str, str], set[str]] = {}
        self._groups_cache: dict[frozenset[str], list[AccessModeKey]] = {}
        for volume in volumes:
            self.put(volume)

    # ---- maintenance -------------------------------------------------------------------
    def put(self, volume: Manifest, name: str | None = None) -> None:
        """Add or replace a PV (by name, as Kubernetes' index does; pass it when known)."""
        if name is None:
            name = name_of(volume)
        old = self._entries.get(name)
        entry = _updated_entry(volume, old)
        self._entries[name] = entry
        if old is None or old.group != entry.group:
            if old is not None:
                self._shrink_group(old.group)
            size = self._group_sizes.get(entry.group, 0)
            if size == 0:
                self._groups_cache.clear()
            self._group_sizes[entry.group] = size + 1
        old_slot = (old.group, old.storage_class, old.nanos) if old is not None and old.free else None
        new_slot = (entry.group, entry.storage_class, entry.nanos) if entry.free else None
        if old_slot != new_slot:
            if old_slot is not None:
                self._unfree(old_slot, name)
            if new_slot is not None:
                insort(self._free.setdefault(new_slot[:2], []), (entry.nanos, name))
        old_ref = old.ref_key if old is not None else None
        if old_ref != entry.ref_key:
            if old_ref is not None:
                self._unref(old_ref, name)
            if entry.ref_key is not None:
                self._prebound.setdefault(entry.ref_key, set()).add(name)

    def _shrink_group(self, group: AccessModeKey) -> None:
        size = self._group_sizes[group] - 1
        if size:
            self._group_sizes[group] = size
        else:
            del self._group_sizes[group]
            self._groups_cache.clear()

    def _unfree(self, slot: tuple[AccessModeKey, str, int], name: str) -> None:
        bucket = self._free[slot[:2]]
        del bucket[bisect_left(bucket, (slot[2], name))]
        if not bucket:
            del self._free[slot[:2]]

    def _unref(self, ref_key: tuple[str, str], name: str) -> None:
        names = self._prebound[ref_key]
        names.discard(name)
        if not names:
            del self._prebound[ref_key]

    def remove(self, name: str) -> None:
        entry = self._entries.pop(name, None)
        if entry is None:
            return
        self._shrink_group(entry.group)
        if entry.free:
            self._unfree((entry.group, entry.storage_class, entry.nanos), name)
        if entry.ref_key is not None:
            self._unref(entry.ref_key, name)

    def apply(self, change: Any) -> None:
        """Follow one store change record (only PersistentVolume records matter)."""
        if change.key[0] != "PersistentVolume":
            return
        if change.new is None:
            self.remove(change.key[2])
        else:
            self.put(change.new, change.key[2])

    # ---- reading -------------------------------------------------------------------------
    def get(self, name: str) -> Manifest | None:
        entry = self._entries.get(name)
        return entry.volume if entry else None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._entries))

    def volumes(self) -> list[Manifest]:
        """Every indexed PV, sorted by name."""
        return [self._entries[n].volume for n in sorted(self._entries)]

    def group_keys(self) -> list[AccessModeKey]:
        return sorted(self._group_sizes, key=lambda k: (len(k), k))

    def groups_for(self, modes: Iterable[str]) -> list[AccessModeKey]:
        """The groups a claim asking ``modes`` searches, in search order."""
        wanted = frozenset(modes)
        cached = self._groups_cache.get(wanted)
        if cached is None:
            cached = binding.matching_access_mode_groups(wanted, self._group_sizes)
            self._groups_cache[wanted] = cached
        return cached

    def prebound_to(self, namespace: str, name: str) -> list[Manifest]:
        """PVs whose claimRef names ``namespace/name`` (any uid), sorted by name."""
        names = self._prebound.get((namespace, name), ())
        return [self._entries[n].volume for n in sorted(names)]

    # ---- the search -------------------------------------------------------------------------
    def find_best_match(self, claim: Manifest, *, delay_binding: bool = False,
                        vac_enabled: bool = True) -> Manifest | None:
        """Exactly :func:`core.binding.find_best_match` over the indexed PVs, by lookup."""
        binding.check_vac_feature(claim, vac_enabled)
        selector = binding._claim_selector(claim)
        requested = binding.requested_nanos(claim)
        requested_class = binding.claim_class(claim)
        claim_vac = binding.vac_of(claim)
        claim_mode = binding.volume_mode_of(claim)
        prebound = self._prebound.get((namespace_of(claim), name_of(claim)))

        def fits(volume: Mapping[str, Any]) -> bool:
            if binding.volume_mode_of(volume) != claim_mode:
                return False
            volume_vac = binding.vac_of(volume)
            if vac_enabled:
                return claim_vac == volume_vac
            return not volume_vac

        for group in self.groups_for(binding.access_modes_of(claim)):
            if prebound:
                # Pre-bound PVs return at once, whatever their phase, class or labels.
                for name in sorted(prebound):
                    entry = self._entries[name]
                    if entry.group != group or entry.nanos < requested:
                        continue
                    volume = entry.volume
                    if (binding.is_volume_bound_to_claim(volume, claim) and fits(volume)
                            and not binding.is_deleting(volume)):
                        return volume
            if delay_binding:
                continue
            bucket = self._free.get((group, requested_class))
            if not bucket:
                continue
            for i in range(bisect_left(bucket, (requested, "")), len(bucket)):
                volume = self._entries[bucket[i][1]].volume
                if not fits(volume):
                    continue
                if selector is not None and not selector(labels_of(volume)):
                    continue
                return volume
        return None
