"""``kubectl get --sort-by=FIELD`` (``pkg/cmd/get/sorter.go``).

The field is a relaxed JSONPath (``.metadata.name``, ``metadata.name`` or
``{.metadata.name}``); objects without it sort first, and if no object has it kubectl
refuses. Values compare as the sorter's ``isLess`` does for decoded JSON: numbers by
value, strings as resource quantities when both parse as one (so ``2Gi`` < ``10Gi``),
else in natural order (``web-2`` < ``web-10``, github.com/fvbommel/sortorder).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cmp_to_key
from typing import Any

from ..errors import CommandError
from ..quantity import QuantityError, parse
from .jsonpath import select

_RELAXED = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$")
_MISSING = object()


def relaxed_path(text: str) -> str:
    """RelaxedJSONPathExpression: ``{.a.b}`` from ``a.b``, ``.a.b`` or ``{a.b}``."""
    match = _RELAXED.match(text)
    if match is None:
        raise CommandError("error: unexpected path string, expected a 'name1.name2' or "
                           "'.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
    return "{." + (match.group(1) or match.group(2)) + "}"


def natural_less(left: str, right: str) -> bool:
    """sortorder.NaturalLess, byte for byte: digit runs compare as numbers, digits first."""
    a, b = left.encode(), right.encode()
    i = j = 0
    while i < len(a) and j < len(b):
        da, db = 48 <= a[i] <= 57, 48 <= b[j] <= 57
        if da != db:
            return da
        if not da:
            if a[i] != b[j]:
                return a[i] < b[j]
            i += 1
            j += 1
            continue
        while i < len(a) and a[i] == 48:
            i += 1
        while j < len(b) and b[j] == 48:
            j += 1
        start_a, start_b = i, j
        while i < len(a) and 48 <= a[i] <= 57:
            i += 1
        while j < len(b) and 48 <= b[j] <= 57:
            j += 1
        if i - start_a != j - start_b:
            return i - start_a < j - start_b
        if a[start_a:i] != b[start_b:j]:
            return a[start_a:i] < b[start_b:j]
        if start_a != start_b:
            return start_a < start_b
    return len(a) < len(b)


def _quantity(text: str) -> Any:
    try:
        return parse(text).value
    except (QuantityError, ValueError):
        return None


def _less(left: Any, right: Any, field: str) -> bool:
    if isinstance(left, (bool, Mapping, list)):
        # isLess switches on the left value's type: these have no case there.
        kind = "bool" if isinstance(left, bool) else "map[string]interface {}" if \
            isinstance(left, Mapping) else "[]interface {}"
        raise CommandError(f"error: Field {field} in *unstructured.Unstructured is an "
                           f"unsortable type: interface, err: unsortable type: {kind}")
    if left is None or right is None:
        return left is None and right is not None
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left < right
    if isinstance(left, str) and isinstance(right, str):
        ql, qr = _quantity(left), _quantity(right)
        if ql is not None and qr is not None:
            return ql < qr
        return natural_less(left, right)
    raise CommandError(f"error: Field {field} in *unstructured.Unstructured is an unsortable "
                       f"type: interface, err: unsortable interface: interface")


def sort_objects(objs: Sequence[Mapping[str, Any]], field_text: str) -> list[Mapping[str, Any]]:
    """``objs`` in ``--sort-by`` order (a stable sort: ties keep the server's order)."""
    field = relaxed_path(field_text)
    values = []
    for obj in objs:
        found = select(obj, field[1:-1])
        values.append(found[0] if found else _MISSING)
    if objs and all(v is _MISSING for v in values):
        raise CommandError(f'error: couldn\'t find any field with path "{field}" in the list '
                           "of objects")

    def compare(x: tuple[int, Any], y: tuple[int, Any]) -> int:
        (_, a), (_, b) = x, y
        if a is _MISSING or b is _MISSING:
            if a is b:
                return 0
            return -1 if a is _MISSING else 1  # objects without the field come first
        if _less(a, b, field):
            return -1
        return 1 if _less(b, a, field) else 0

    order = sorted(enumerate(values), key=cmp_to_key(compare))
    return [objs[i] for i, _ in order]


__all__ = ["natural_less", "relaxed_path", "sort_objects"]
