"""Small accessors the printers share, each mirroring a kubectl/apimachinery helper."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..quantity import QuantityError, parse

ANN_BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class"
ANN_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class"
ANN_BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class"
ANN_LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

_SHORT_MODES = (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"),
                ("ReadWriteOncePod", "RWOP"))


def section(obj: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    value = obj.get(name) if isinstance(obj, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def meta(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    return section(obj, "metadata")


def spec(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    return section(obj, "spec")


def status(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    return section(obj, "status")


def str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): "" if v is None else str(v) for k, v in value.items()}


def as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def qty(value: Any) -> str:
    """``Quantity.String()``: canonical form; Go's zero quantity prints ``0``."""
    if value is None or value == "":
        return "0"
    return _canonical(str(value)) if isinstance(value, (str, int)) else str(value)


@lru_cache(maxsize=4096)
def _canonical(text: str) -> str:
    # Tables print thousands of the same few capacities.
    try:
        return str(parse(text))
    except QuantityError:
        return text


def access_modes(modes: Any) -> str:
    """``GetAccessModesAsString``: ``RWO,ROX`` in a fixed order, unknown modes dropped."""
    present = {str(m) for m in as_list(modes)}
    return ",".join(short for long, short in _SHORT_MODES if long in present)


def pv_class(pv: Mapping[str, Any]) -> str:
    """``GetPersistentVolumeClass``: the beta annotation wins over ``spec.storageClassName``."""
    annotations = str_map(meta(pv).get("annotations"))
    if ANN_BETA_STORAGE_CLASS in annotations:
        return annotations[ANN_BETA_STORAGE_CLASS]
    return str(spec(pv).get("storageClassName") or "")


def pvc_class(pvc: Mapping[str, Any]) -> str:
    """``GetPersistentVolumeClaimClass``: the beta annotation, then spec, else ""."""
    annotations = str_map(meta(pvc).get("annotations"))
    if ANN_BETA_STORAGE_CLASS in annotations:
        return annotations[ANN_BETA_STORAGE_CLASS]
    value = spec(pvc).get("storageClassName")
    return "" if value is None else str(value)


def is_default_class(sc: Mapping[str, Any]) -> bool:
    annotations = str_map(meta(sc).get("annotations"))
    return (annotations.get(ANN_DEFAULT_CLASS) == "true"
            or annotations.get(ANN_BETA_DEFAULT_CLASS) == "true")


def format_labels(labels: Any) -> str:
    """``labels.FormatLabels``: ``k=v,k2=v2`` sorted by key, ``<none>`` when empty."""
    pairs = str_map(labels)
    if not pairs:
        return "<none>"
    return ",".join(f"{k}={pairs[k]}" for k in sorted(pairs))


def selector_string(selector: Any) -> str:
    """``LabelSelectorAsSelector(...).String()``: requirements sorted by key; "" for none."""
    if not isinstance(selector, Mapping):
        return ""
    parts: list[tuple[str, str]] = []
    for key, value in str_map(selector.get("matchLabels")).items():
        parts.append((key, f"{key}={value}"))
    for expr in as_list(selector.get("matchExpressions")):
        if not isinstance(expr, Mapping):
            continue
        key = str(expr.get("key") or "")
        op = str(expr.get("operator") or "")
        values = sorted(str(v) for v in as_list(expr.get("values")))
        if op == "In":
            parts.append((key, f"{key} in ({','.join(values)})"))
        elif op == "NotIn":
            parts.append((key, f"{key} notin ({','.join(values)})"))
        elif op == "Exists":
            parts.append((key, key))
        elif op == "DoesNotExist":
            parts.append((key, f"!{key}"))
    parts.sort(key=lambda p: p[0])
    return ",".join(text for _, text in parts)


def format_label_selector(selector: Any) -> str:
    """``metav1.FormatLabelSelector``: ``<none>`` for nil or empty."""
    text = selector_string(selector)
    return text if text else "<none>"


def controller_of(obj: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """``metav1.GetControllerOf``: the owner reference marked ``controller: true``."""
    for ref in as_list(meta(obj).get("ownerReferences")):
        if isinstance(ref, Mapping) and ref.get("controller") is True:
            return ref
    return None


def go_list(values: Any) -> str:
    """Go's ``%v`` of a string slice: ``[a b]``."""
    return "[" + " ".join(str(v) for v in as_list(values)) + "]"
