"""Helpers for objects held as plain manifest dicts.

Stored objects are never mutated in place: every write builds a new dict with
:func:`evolve`, which copies only the path it changes and shares the rest. That keeps
every old version a change record points at exactly as it was (records are
immutable) at the cost of a few small dict copies per write.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Manifest = dict[str, Any]


class _Delete:
    __slots__ = ()

    def __repr__(self) -> str:
        return "DELETE"


#: Use as a value in :func:`evolve` to remove a key.
DELETE: Any = _Delete()


def evolve(obj: Mapping[str, Any], changes: Mapping[str, Any]) -> Manifest:
    """Return a copy of ``obj`` with ``changes`` merged in, sharing untouched parts.

    Nested mappings in ``changes`` merge recursively; any other value (lists included)
    replaces; :data:`DELETE` removes the key.
    """
    new = dict(obj)
    for key, value in changes.items():
        if value is DELETE:
            new.pop(key, None)
        elif type(value) in _LEAVES:
            # Scalars and lists replace; checked first because the Mapping ABC check is slow.
            new[key] = value
        elif type(value) is dict or isinstance(value, dict):
            # Plain-dict checks first: ABC isinstance checks dominate this hot path.
            current = new.get(key)
            if value and (type(current) is dict or isinstance(current, dict)):
                new[key] = evolve(current, value)
            else:
                new[key] = _strip_deletes(value)
        elif isinstance(value, Mapping):
            current = new.get(key)
            if value and isinstance(current, Mapping):
                new[key] = evolve(current, value)
            else:
                new[key] = _strip_deletes(value)
        else:
            new[key] = value
    return new


_LEAVES = frozenset((str, int, bool, float, list, type(None)))


def _strip_deletes(value: Mapping[str, Any]) -> Manifest:
    for v in value.values():
        if v is DELETE or type(v) not in _LEAVES:
            break
    else:
        return dict(value)  # only plain values (a claimRef, an annotation): a plain copy
    return {
        k: (_strip_deletes(v) if type(v) not in _LEAVES and isinstance(v, Mapping) else v)
        for k, v in value.items()
        if v is not DELETE
    }


def deep_copy(value: Any) -> Any:
    """Copy JSON-like data (dicts, lists, scalars); much faster than ``copy.deepcopy``."""
    if isinstance(value, dict):
        return {k: deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [deep_copy(v) for v in value]
    return value


def is_map(value: Any) -> bool:
    """``isinstance(value, Mapping)``, with plain dicts (nearly every value) answered first:
    the ABC check is several times slower, and the accessors run it very often."""
    return type(value) is dict or isinstance(value, Mapping)


def get_path(obj: Mapping[str, Any] | None, *path: str | int, default: Any = None) -> Any:
    """``obj[path[0]][path[1]]...`` or ``default`` where any step is missing or null."""
    current: Any = obj
    for step in path:
        # Plain dicts first: the ABC check below is slow and this runs very often.
        if type(current) is dict or isinstance(current, Mapping):
            current = current.get(step)
        elif isinstance(current, list) and isinstance(step, int) and -len(current) <= step < len(current):
            current = current[step]
        else:
            return default
        if current is None:
            return default
    return current


_EMPTY: Mapping[str, Any] = {}


def meta(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    m = obj.get("metadata")
    if type(m) is dict:
        return m
    return m if isinstance(m, Mapping) else _EMPTY


# The accessors below run hundreds of thousands of times per big settle: each has a fast
# path for the common case (plain dicts, string values) before the general one.
def name_of(obj: Mapping[str, Any]) -> str:
    m = obj.get("metadata")
    if type(m) is dict:
        value = m.get("name")
        if type(value) is str:
            return value
    return str(meta(obj).get("name") or "")


def namespace_of(obj: Mapping[str, Any]) -> str:
    m = obj.get("metadata")
    if type(m) is dict:
        value = m.get("namespace")
        if type(value) is str:
            return value
    return str(meta(obj).get("namespace") or "")


def uid_of(obj: Mapping[str, Any]) -> str:
    m = obj.get("metadata")
    if type(m) is dict:
        value = m.get("uid")
        if type(value) is str:
            return value
    return str(meta(obj).get("uid") or "")


def annotations_of(obj: Mapping[str, Any]) -> Mapping[str, str]:
    a = meta(obj).get("annotations")
    if type(a) is dict:
        return a
    # None (no annotations) is the common other case: skip the slow ABC check for it.
    return a if a is not None and isinstance(a, Mapping) else {}


def labels_of(obj: Mapping[str, Any]) -> Mapping[str, str]:
    labels = meta(obj).get("labels")
    return labels if type(labels) is dict or isinstance(labels, Mapping) else {}


def is_deleting(obj: Mapping[str, Any]) -> bool:
    m = obj.get("metadata")
    if type(m) is dict:
        return bool(m.get("deletionTimestamp"))
    return bool(meta(obj).get("deletionTimestamp"))


def finalizers_of(obj: Mapping[str, Any]) -> list[str]:
    f = meta(obj).get("finalizers")
    return list(f) if isinstance(f, list) else []


def phase_of(obj: Mapping[str, Any]) -> str:
    status = obj.get("status")
    if type(status) is dict:
        value = status.get("phase")
        if type(value) is str:
            return value
    return str(get_path(obj, "status", "phase", default="") or "")


Key = tuple[str, str, str]


def key_of(obj: Mapping[str, Any]) -> Key:
    """The store key ``(kind, namespace, name)``; namespace is "" for cluster-scoped kinds."""
    m = obj.get("metadata")
    if type(m) is not dict:
        m = meta(obj)
    kind, namespace, name = obj.get("kind") or "", m.get("namespace") or "", m.get("name") or ""
    # str() only where needed: this runs on every write.
    if type(kind) is str and type(namespace) is str and type(name) is str:
        return (kind, namespace, name)
    return (str(kind), str(namespace), str(name))


def ref_text(key: Key) -> str:
    kind, ns, name = key
    return f"{kind} {ns}/{name}" if ns else f"{kind} {name}"
