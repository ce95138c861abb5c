"""``kubectl patch`` and ``kubectl apply`` patch logic, on plain JSON-like values.

* JSON merge patch (RFC 7386): objects merge recursively, ``null`` deletes a key, any
  other value (lists included) replaces. ``{"spec":{"claimRef":null}}`` is the classic
  way to free a Released PV.
* JSON patch (RFC 6902): ``add``, ``remove``, ``replace``, ``move``, ``copy``, ``test``
  with JSON pointers (``~0``/``~1`` escapes, ``-`` for the end of an array).
* Strategic merge patch: a merge patch whose lists of objects merge by their merge key
  (containers by ``name``, ports by ``containerPort``...), with the ``$patch`` directive;
  for the kinds the simulator knows that is the only difference that shows.
* The three-way patch of ``kubectl apply``: fields set in the file win, fields the
  user dropped since the last apply are deleted, fields nobody mentioned (claimRef,
  volumeName, status, finalizers set by controllers, list items the API server added)
  are left alone; it is a strategic merge patch, applied with ``strategic_merge_patch``.

Every function returns new values; inputs are never modified.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any


class PatchError(ValueError):
    """A patch that cannot be applied; ``str()`` is the reason."""


# ---- RFC 7386 -------------------------------------------------------------------------
def merge_patch(target: Any, patch: Any) -> Any:
    """Apply a JSON merge patch to ``target``."""
    if not isinstance(patch, Mapping):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


# ---- strategic merge patch ---------------------------------------------------------------
#: patchMergeKey of the list fields that merge rather than replace (by field name).
MERGE_KEYS: dict[str, str] = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "volumeDevices": "devicePath",
    "env": "name",
    "imagePullSecrets": "name",
    "conditions": "type",
    "volumeClaimTemplates": "",
    "ownerReferences": "uid",
}
#: Lists of scalars that merge as sets (``patchStrategy: merge``).
SET_LISTS = frozenset({"finalizers"})
_DELETE_FROM = "$deleteFromPrimitiveList/"
_ORDER = "$setElementOrder/"


def _set_order(items: list[Any], order: Any) -> list[Any]:
    """$setElementOrder: the listed items in that order, then the items only the server has
    (a token volume it added, say) in the order they were."""
    if not isinstance(order, list) or not order or not isinstance(order[0], Mapping):
        return items
    key = next(iter(order[0]))
    wanted = [entry.get(key) for entry in order if isinstance(entry, Mapping)]
    position = {value: n for n, value in enumerate(wanted)}
    listed = sorted((i for i in items if isinstance(i, Mapping) and i.get(key) in position),
                    key=lambda i: position[i.get(key)])
    rest = [i for i in items if not (isinstance(i, Mapping) and i.get(key) in position)]
    return listed + rest


def _port_key(items: list[Any]) -> str:
    # Container ports merge by containerPort, service ports by port.
    for item in items:
        if isinstance(item, Mapping):
            return "containerPort" if "containerPort" in item else "port"
    return "port"


def strategic_merge_patch(target: Any, patch: Any) -> Any:
    """Apply a strategic merge patch (``kubectl patch`` without ``--type``)."""
    if not isinstance(patch, Mapping):
        return copy.deepcopy(patch)
    if patch.get("$patch") == "replace":
        return {k: copy.deepcopy(v) for k, v in patch.items() if k != "$patch"}
    if patch.get("$patch") == "delete":
        return None
    result = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        # $deleteFromPrimitiveList/<field>: drop those values from a set-like list first.
        if key.startswith(_DELETE_FROM) and isinstance(value, list):
            field = key[len(_DELETE_FROM):]
            kept = [v for v in result.get(field) or () if v not in value]
            if kept:
                result[field] = kept
            else:
                result.pop(field, None)
    for key, value in patch.items():
        if key.startswith("$"):
            continue
        if isinstance(value, list) and _ORDER + key in patch and \
                isinstance(result.get(key), list):
            merged = _merge_list(key, result[key], value)
            result[key] = _set_order(merged, patch[_ORDER + key])
            continue
        if value is None:
            result.pop(key, None)
        elif isinstance(value, list) and isinstance(result.get(key), list):
            result[key] = _merge_list(key, result[key], value)
        elif isinstance(value, Mapping):
            merged = strategic_merge_patch(result.get(key), value)
            if merged is None:
                result.pop(key, None)
            else:
                result[key] = merged
        else:
            result[key] = copy.deepcopy(value)
    return result


def _merge_list(field: str, current: list[Any], patch: list[Any]) -> list[Any]:
    if field in SET_LISTS:
        out = list(current)
        for item in patch:
            if item not in out:
                out.append(copy.deepcopy(item))
        return out
    key = _port_key(patch) if field == "ports" else MERGE_KEYS.get(field, "")
    if not key or not all(isinstance(i, Mapping) and key in i for i in patch):
        return copy.deepcopy(patch)
    out = [dict(i) if isinstance(i, Mapping) else i for i in current]
    for item in patch:
        index = next((n for n, old in enumerate(out)
                      if isinstance(old, Mapping) and old.get(key) == item[key]), None)
        if item.get("$patch") == "delete":
            if index is not None:
                out.pop(index)
        elif index is None:
            out.append({k: copy.deepcopy(v) for k, v in item.items() if k != "$patch"})
        else:
            out[index] = strategic_merge_patch(out[index], item)
    return out


# ---- RFC 6902 ------------------------------------------------------------------------------
def _pointer(path: Any) -> list[str]:
    if not isinstance(path, str):
        raise PatchError(f"invalid JSON pointer: {path!r}")
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f'JSON pointer must start with "/": "{path}"')
    return [part.replace("~1", "/").replace("~0", "~") for part in path[1:].split("/")]


def _index(container: list[Any], token: str, *, allow_end: bool) -> int:
    if allow_end and token == "-":
        return len(container)
    if not token.isdigit() or (len(token) > 1 and token.startswith("0")):
        raise PatchError(f'invalid array index "{token}"')
    index = int(token)
    limit = len(container) if allow_end else len(container) - 1
    if index > limit:
        raise PatchError(f"array index out of bounds: {index}")
    return index


def _get(doc: Any, tokens: list[str]) -> Any:
    current = doc
    for token in tokens:
        if isinstance(current, Mapping):
            if token not in current:
                raise PatchError(f'path "/{"/".join(tokens)}" not found')
            current = current[token]
        elif isinstance(current, list):
            current = current[_index(current, token, allow_end=False)]
        else:
            raise PatchError(f'path "/{"/".join(tokens)}" not found')
    return current


def _parent(doc: Any, tokens: list[str]) -> Any:
    parent = _get(doc, tokens[:-1])
    if not isinstance(parent, (dict, list)):
        raise PatchError(f'path "/{"/".join(tokens[:-1])}" is not a container')
    return parent


def _add(doc: Any, tokens: list[str], value: Any) -> Any:
    if not tokens:
        return copy.deepcopy(value)
    parent = _parent(doc, tokens)
    if isinstance(parent, dict):
        parent[tokens[-1]] = copy.deepcopy(value)
    else:
        parent.insert(_index(parent, tokens[-1], allow_end=True), copy.deepcopy(value))
    return doc


def _remove(doc: Any, tokens: list[str]) -> tuple[Any, Any]:
    if not tokens:
        raise PatchError("cannot remove the whole document")
    parent = _parent(doc, tokens)
    if isinstance(parent, dict):
        if tokens[-1] not in parent:
            raise PatchError(f'unable to remove nonexistent key: {tokens[-1]}: missing value')
        return doc, parent.pop(tokens[-1])
    return doc, parent.pop(_index(parent, tokens[-1], allow_end=False))


def json_patch(doc: Any, operations: Any) -> Any:
    """Apply an RFC 6902 JSON patch (a list of operations) to a copy of ``doc``."""
    if not isinstance(operations, list):
        raise PatchError("json patch must be a list of operations")
    result = copy.deepcopy(doc)
    for operation in operations:
        if not isinstance(operation, Mapping) or "op" not in operation:
            raise PatchError("each json patch operation needs an \"op\"")
        op = operation["op"]
        tokens = _pointer(operation.get("path"))
        if op in ("add", "replace", "test") and "value" not in operation:
            raise PatchError(f'operation "{op}" needs a "value"')
        if op == "add":
            result = _add(result, tokens, operation["value"])
        elif op == "remove":
            result, _ = _remove(result, tokens)
        elif op == "replace":
            _get(result, tokens)
            if not tokens:
                result = copy.deepcopy(operation["value"])
            else:
                result, _ = _remove(result, tokens)
                result = _add(result, tokens, operation["value"])
        elif op in ("move", "copy"):
            source = _pointer(operation.get("from"))
            if op == "move" and tokens[:len(source)] == source and tokens != source:
                raise PatchError("cannot move a value into one of its own children")
            if op == "move":
                result, value = _remove(result, source)
            else:
                value = copy.deepcopy(_get(result, source))
            result = _add(result, tokens, value)
        elif op == "test":
            if _get(result, tokens) != operation["value"]:
                raise PatchError(f"testing value /{'/'.join(tokens)} failed: test failed")
        else:
            raise PatchError(f'unexpected op "{op}"')
    return result


# ---- kubectl apply's three-way patch ---------------------------------------------------------
def three_way_patch(original: Any, modified: Mapping[str, Any],
                    current: Mapping[str, Any]) -> dict[str, Any]:
    """The strategic merge patch ``kubectl apply`` sends: additions and changes from
    ``modified`` relative to ``current``, and deletions of what ``original`` (the last
    applied configuration) had but ``modified`` no longer has. Lists with a merge key
    (containers, volumes, volumeMounts, ports...) are patched item by item, so items the
    API server added (the ServiceAccount token volume and its mounts) stay. ``{}`` means
    nothing to do."""
    deletions = _deletions(original if isinstance(original, Mapping) else {}, modified)
    changes = _changes(current, modified)
    return _merge_patches(deletions, changes)


def _list_key(field: str, *lists: Any) -> str:
    """The merge key of a list field when every item of every list given has it, else ""."""
    items = [i for lst in lists if isinstance(lst, list) for i in lst]
    key = _port_key(items) if field == "ports" else MERGE_KEYS.get(field, "")
    if not key or not all(isinstance(lst, list) for lst in lists) or \
            not all(isinstance(i, Mapping) and key in i for i in items):
        return ""
    return key


def _deletions(original: Mapping[str, Any], modified: Mapping[str, Any]) -> dict[str, Any]:
    patch: dict[str, Any] = {}
    for key, old in original.items():
        if key not in modified:
            patch[key] = None
        elif isinstance(old, Mapping) and isinstance(modified[key], Mapping):
            nested = _deletions(old, modified[key])
            if nested:
                patch[key] = nested
        elif (merge_key := _list_key(key, old, modified[key])):
            items = _item_deletions(merge_key, old, modified[key])
            if items:
                patch[key] = items
        elif key in SET_LISTS and isinstance(old, list) and isinstance(modified[key], list):
            dropped = [v for v in old if v not in modified[key]]
            if dropped:
                patch[_DELETE_FROM + key] = dropped
    return patch


def _item_deletions(merge_key: str, original: list[Any], modified: list[Any]) -> list[Any]:
    """``$patch: delete`` for items dropped since the last apply; nested deletions for
    items kept."""
    kept = {item[merge_key]: item for item in modified}
    out: list[Any] = []
    for item in original:
        value = item[merge_key]
        if value not in kept:
            out.append({merge_key: value, "$patch": "delete"})
        else:
            nested = _deletions(item, kept[value])
            nested.pop(merge_key, None)
            if nested:
                out.append({merge_key: value, **nested})
    return out


def _contains(current: Any, wanted: Any) -> bool:
    """Whether ``current`` already says everything ``wanted`` says. Lists compare item by
    item, so fields the API server defaulted inside list items (a port's protocol, a
    container's imagePullPolicy) do not count as a change, as with strategic merge."""
    if isinstance(wanted, Mapping):
        return isinstance(current, Mapping) and all(
            key in current and _contains(current[key], value) for key, value in wanted.items()
            if value is not None) and all(current.get(key) is None
                                          for key, value in wanted.items() if value is None)
    if isinstance(wanted, list):
        return (isinstance(current, list) and len(current) == len(wanted)
                and all(_contains(c, w) for c, w in zip(current, wanted)))
    return current == wanted


def _changes(current: Mapping[str, Any], modified: Mapping[str, Any]) -> dict[str, Any]:
    patch: dict[str, Any] = {}
    for key, new in modified.items():
        old = current.get(key) if isinstance(current, Mapping) else None
        if isinstance(new, Mapping) and isinstance(old, Mapping):
            nested = _changes(old, new)
            if nested:
                patch[key] = nested
        elif (merge_key := _list_key(key, old, new)):
            items = _item_changes(merge_key, old, new)
            wanted = [item[merge_key] for item in new]
            present = [item[merge_key] for item in old if item[merge_key] in set(wanted)]
            if items or present != wanted:
                # The file's order, as kubectl's $setElementOrder/<list> carries it.
                patch[key] = items
                patch[_ORDER + key] = [{merge_key: value} for value in wanted]
        elif key in SET_LISTS and isinstance(old, list) and isinstance(new, list):
            missing = [v for v in new if v not in old]  # a set: only what is not there yet
            if missing:
                patch[key] = missing
        elif key not in current or not _contains(old, new):
            # A null in the file means "unset", which a merge patch says the same way.
            patch[key] = copy.deepcopy(new)
    return patch


def _item_changes(merge_key: str, current: list[Any], modified: list[Any]) -> list[Any]:
    """New items whole, changed items as their changes; items only the server has stay."""
    present = {item[merge_key]: item for item in current}
    out: list[Any] = []
    for item in modified:
        old = present.get(item[merge_key])
        if old is None:
            out.append(copy.deepcopy(item))
            continue
        nested = _changes(old, item)
        nested.pop(merge_key, None)
        if nested:
            out.append({merge_key: item[merge_key], **nested})
    return out


def _merge_patches(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    out = dict(first)
    for key, value in second.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge_patches(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = value
    return out
