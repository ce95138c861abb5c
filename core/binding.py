"""The matching rules of Kubernetes' PV controller and scheduler, as pure functions.

Manifests are plain dicts (what ``yaml.safe_load`` returns); functions return the very
object they were given, or None. The rules follow
``component-helpers/storage/volume/pv_helpers.go`` and ``helpers.go``
(``FindMatchingVolume``, ``IsVolumeBoundToClaim``, ``CheckVolumeModeMismatches``,
``CheckAccessModes``, ``IsDelayBindingMode``, ``GetPersistentVolume[Claim]Class``) and
the access-mode index of ``pkg/controller/volume/persistentvolume/index.go``; see
``kubernetes-semantics.md`` §1.

Where Kubernetes is non-deterministic the simulator fixes a rule:

* Access-mode groups of equal size (``{RWO,ROX}`` and ``{RWO,RWX}`` for a claim asking
  RWO) are searched in canonical order: modes are ranked ReadWriteOnce, ReadOnlyMany,
  ReadWriteMany, ReadWriteOncePod and groups compared as tuples of those ranks, so
  ``{RWO,ROX}`` comes before ``{RWO,RWX}``. Kubernetes sorts map-derived keys with an
  unstable sort.
* Inside a group the PVs are visited sorted by name, so among PVs of equal capacity
  the alphabetically first one wins. Kubernetes visits them in informer-cache order.

Quantities are compared exactly (``fractions.Fraction``), never as floats.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

from .objects import annotations_of, labels_of, name_of, namespace_of, uid_of
from .quantity import QuantityError, parse

Manifest = Mapping[str, Any]

# ---- annotations and well-known names --------------------------------------------
ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed"
ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller"
ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node"
ANN_DYNAMICALLY_PROVISIONED = "pv.kubernetes.io/provisioned-by"
ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner"
ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner"
ANN_MIGRATED_TO = "pv.kubernetes.io/migrated-to"
ANN_BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class"
ANN_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class"
ANN_BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class"
ANN_PRE_RESIZE_CAPACITY = "volume.alpha.kubernetes.io/pre-resize-capacity"
NOT_SUPPORTED_PROVISIONER = "kubernetes.io/no-provisioner"

RWO = "ReadWriteOnce"
ROX = "ReadOnlyMany"
RWX = "ReadWriteMany"
RWOP = "ReadWriteOncePod"
#: Canonical order of the access modes (also the tie-break order of index groups).
ACCESS_MODES: tuple[str, ...] = (RWO, ROX, RWX, RWOP)
SHORT_MODES = {RWO: "RWO", ROX: "ROX", RWX: "RWX", RWOP: "RWOP"}
_MODE_RANK = {mode: i for i, mode in enumerate(ACCESS_MODES)}

FILESYSTEM = "Filesystem"
BLOCK = "Block"
AVAILABLE = "Available"
WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer"

#: Go keeps quantities at nano precision; integer nanos make exact, fast sort keys.
NANOS = 10**9

AccessModeKey = tuple[str, ...]


# ---- small accessors ----------------------------------------------------------------
_EMPTY: Mapping[str, Any] = {}


def _spec(obj: Manifest) -> Mapping[str, Any]:
    spec = obj.get("spec")
    # ``type(...) is dict`` first: an ABC isinstance check is slow on this hot path.
    if type(spec) is dict or isinstance(spec, Mapping):
        return spec  # type: ignore[return-value]
    return _EMPTY


@lru_cache(maxsize=65536, typed=True)
def _quantity(text: Any) -> Fraction:
    try:
        return parse(text).value
    except QuantityError:
        # Unparsable values cannot reach a real controller (validation stops them);
        # loaded manifests may hold them. Go's zero Quantity is 0.
        return Fraction(0)


def quantity_value(text: Any) -> Fraction:
    """The exact amount of a quantity (0 for a missing or unreadable one, as Go's zero value)."""
    if text is None or isinstance(text, (dict, list)):
        return Fraction(0)
    return _quantity(text)


def requested_storage(claim: Manifest) -> Fraction:
    """``claim.spec.resources.requests.storage`` exactly (0 when absent)."""
    resources = _spec(claim).get("resources")
    requests = resources.get("requests") if isinstance(resources, Mapping) else None
    return quantity_value(requests.get("storage") if isinstance(requests, Mapping) else None)


def requested_nanos(claim: Manifest) -> int:
    """``to_nanos(requested_storage(claim))``, cached by the request text."""
    resources = _spec(claim).get("resources")
    requests = resources.get("requests") if isinstance(resources, Mapping) else None
    text = requests.get("storage") if isinstance(requests, Mapping) else None
    if text is None or isinstance(text, (dict, list)):
        return 0
    return _nanos(text)


def volume_capacity(volume: Manifest) -> Fraction:
    """``volume.spec.capacity.storage`` exactly (0 when absent)."""
    capacity = _spec(volume).get("capacity")
    return quantity_value(capacity.get("storage") if isinstance(capacity, Mapping) else None)


def to_nanos(value: Fraction) -> int:
    """An exact integer sort key for a quantity (quantities are kept at nano precision)."""
    return math.ceil(value * NANOS)


@lru_cache(maxsize=65536, typed=True)
def _nanos(text: Any) -> int:
    return to_nanos(_quantity(text))


def capacity_nanos(volume: Manifest) -> int:
    """``to_nanos(volume_capacity(volume))``, cached by the capacity text."""
    capacity = _spec(volume).get("capacity")
    text = capacity.get("storage") if isinstance(capacity, Mapping) else None
    if text is None or isinstance(text, (dict, list)):
        return 0
    return _nanos(text)


def claim_class(claim: Manifest) -> str:
    """``GetPersistentVolumeClaimClass``: the beta annotation wins, then spec, else ""."""
    annotations = annotations_of(claim)
    if ANN_BETA_STORAGE_CLASS in annotations:
        return str(annotations[ANN_BETA_STORAGE_CLASS] or "")
    value = _spec(claim).get("storageClassName")
    return "" if value is None else str(value)


def claim_has_class(claim: Manifest) -> bool:
    """``PersistentVolumeClaimHasClass``: False only for a nil class without the beta annotation."""
    if ANN_BETA_STORAGE_CLASS in annotations_of(claim):
        return True
    return _spec(claim).get("storageClassName") is not None


def volume_class(volume: Manifest) -> str:
    """``GetPersistentVolumeClass``: the beta annotation wins, then ``spec.storageClassName``."""
    annotations = annotations_of(volume)
    if ANN_BETA_STORAGE_CLASS in annotations:
        return str(annotations[ANN_BETA_STORAGE_CLASS] or "")
    return str(_spec(volume).get("storageClassName") or "")


def access_modes_of(obj: Manifest) -> list[str]:
    modes = _spec(obj).get("accessModes")
    return [str(m) for m in modes] if isinstance(modes, list) else []


def volume_mode_of(obj: Manifest) -> str:
    """The effective volumeMode: nil is Filesystem, as Kubernetes defaults it."""
    mode = _spec(obj).get("volumeMode")
    return FILESYSTEM if mode is None else str(mode)


def vac_of(obj: Manifest) -> str:
    """``spec.volumeAttributesClassName`` with nil and "" both meaning none."""
    return str(_spec(obj).get("volumeAttributesClassName") or "")


def claim_ref_of(volume: Manifest) -> Mapping[str, Any] | None:
    """The PV's claimRef; an empty ``{}`` is still a claimRef (it blocks the PV for everyone)."""
    ref = _spec(volume).get("claimRef")
    if ref is None:
        return None
    return ref if type(ref) is dict or isinstance(ref, Mapping) else {}


def is_volume_bound_to_claim(volume: Manifest, claim: Manifest) -> bool:
    """``IsVolumeBoundToClaim``: claimRef names the claim and its uid (if any) is the claim's."""
    ref = claim_ref_of(volume)
    if ref is None:
        return False
    if str(ref.get("name") or "") != name_of(claim):
        return False
    if str(ref.get("namespace") or "") != namespace_of(claim):
        return False
    ref_uid = str(ref.get("uid") or "")
    return not ref_uid or ref_uid == uid_of(claim)


def volume_mode_mismatch(claim: Manifest, volume: Manifest) -> bool:
    """``CheckVolumeModeMismatches``: nil counts as Filesystem on both sides."""
    return volume_mode_of(claim) != volume_mode_of(volume)


def check_access_modes(claim: Manifest, volume: Manifest) -> bool:
    """``CheckAccessModes``: True when the PV lists every mode the claim requests."""
    offered = set(access_modes_of(volume))
    return all(mode in offered for mode in access_modes_of(claim))


def is_deleting(obj: Manifest) -> bool:
    metadata = obj.get("metadata")
    return isinstance(metadata, Mapping) and metadata.get("deletionTimestamp") is not None


def phase(obj: Manifest) -> str:
    status = obj.get("status")
    return str(status.get("phase") or "") if type(status) is dict or isinstance(
        status, Mapping) else ""


# ---- storage classes ------------------------------------------------------------------
def _class_lookup(storage_classes: Any) -> Callable[[str], Manifest | None]:
    if callable(storage_classes):
        return storage_classes
    if isinstance(storage_classes, Mapping) and "kind" not in storage_classes:
        return lambda name: storage_classes.get(name)
    by_name = {name_of(c): c for c in (storage_classes or ())}
    return by_name.get


def is_delay_binding_mode(claim: Manifest, storage_classes: Any) -> bool:
    """``IsDelayBindingMode``: whether the claim's class is WaitForFirstConsumer.

    ``storage_classes`` is an iterable of StorageClass manifests, a mapping of name to
    manifest, or a lookup function. Class "" or a class that does not exist → False;
    a class without ``volumeBindingMode`` raises ValueError, as the Go helper errors.
    """
    name = claim_class(claim)
    if not name:
        return False
    storage_class = _class_lookup(storage_classes)(name)
    if storage_class is None:
        return False
    mode = storage_class.get("volumeBindingMode")
    if mode is None:
        raise ValueError(f'VolumeBindingMode not set for StorageClass "{name}"')
    return mode == WAIT_FOR_FIRST_CONSUMER


def is_default_class(storage_class: Manifest) -> bool:
    """``IsDefaultAnnotation``: only the exact string "true" counts (GA or beta key)."""
    annotations = annotations_of(storage_class)
    return (annotations.get(ANN_DEFAULT_CLASS) == "true"
            or annotations.get(ANN_BETA_DEFAULT_CLASS) == "true")


def default_storage_class(storage_classes: Iterable[Manifest]) -> Manifest | None:
    """``GetDefaultClass`` (1.26+): among defaults, the newest wins; ties → first name."""
    defaults = [c for c in storage_classes if is_default_class(c)]
    if not defaults:
        return None
    # RFC 3339 UTC timestamps of one format sort as text; newest first, then by name.
    defaults.sort(key=name_of)
    defaults.sort(key=lambda c: str((c.get("metadata") or {}).get("creationTimestamp") or ""),
                  reverse=True)
    return defaults[0]


# ---- label selectors and node affinity -------------------------------------------------
class SelectorError(ValueError):
    """A label or node selector that Kubernetes would refuse to compile."""


LabelMatcher = Callable[[Mapping[str, str]], bool]


def compile_label_selector(selector: Mapping[str, Any] | None) -> LabelMatcher | None:
    """``LabelSelectorAsSelector``: None for a nil selector; an empty one matches all."""
    if selector is None:
        return None
    if not isinstance(selector, Mapping):
        raise SelectorError("selector must be an object")
    match_labels = selector.get("matchLabels") or {}
    expressions = selector.get("matchExpressions") or []
    requirements: list[tuple[str, str, frozenset[str]]] = []
    for key, value in dict(match_labels).items():
        requirements.append((str(key), "In", frozenset([str(value)])))
    for expr in expressions:
        if not isinstance(expr, Mapping):
            raise SelectorError("matchExpressions entries must be objects")
        key = str(expr.get("key") or "")
        op = str(expr.get("operator") or "")
        values = frozenset(str(v) for v in (expr.get("values") or []))
        if op in ("In", "NotIn"):
            if not values:
                raise SelectorError("values: Invalid value: []: for 'in', 'notin' operators, "
                                    "values set can't be empty")
        elif op in ("Exists", "DoesNotExist"):
            if values:
                raise SelectorError("values: Invalid value: values set must be empty for "
                                    "exists and does not exist")
        else:
            raise SelectorError(f'"{op}" is not a valid label selector operator')
        requirements.append((key, op, values))

    def matches(labels: Mapping[str, str]) -> bool:
        for key, op, values in requirements:
            present = key in labels
            if op == "In":
                if not present or str(labels[key]) not in values:
                    return False
            elif op == "NotIn":
                if present and str(labels[key]) in values:
                    return False
            elif op == "Exists":
                if not present:
                    return False
            elif present:  # DoesNotExist
                return False
        return True

    return matches


def selector_matches(selector: Mapping[str, Any] | None, labels: Mapping[str, str]) -> bool:
    """A label selector against labels (nil matches everything); raises SelectorError."""
    matcher = compile_label_selector(selector)
    return True if matcher is None else matcher(labels)


def _node_requirement_matches(req: Mapping[str, Any], values_of: Mapping[str, str]) -> bool:
    key = str(req.get("key") or "")
    op = str(req.get("operator") or "")
    values = [str(v) for v in (req.get("values") or [])]
    present = key in values_of
    if op == "In":
        return present and str(values_of[key]) in values
    if op == "NotIn":
        return not present or str(values_of[key]) not in values
    if op == "Exists":
        return present
    if op == "DoesNotExist":
        return not present
    if op in ("Gt", "Lt"):
        if not present or len(values) != 1:
            return False
        try:
            have, want = int(values_of[key]), int(values[0])
        except ValueError:
            return False
        return have > want if op == "Gt" else have < want
    return False


def node_selector_matches(node_selector: Mapping[str, Any] | None, node: Manifest | None) -> bool:
    """``MatchNodeSelectorTerms``: terms ORed, requirements ANDed, an empty term matches nothing."""
    if node is None or not isinstance(node_selector, Mapping):
        return False
    labels = labels_of(node)
    fields = {"metadata.name": name_of(node)}
    for term in node_selector.get("nodeSelectorTerms") or []:
        if not isinstance(term, Mapping):
            continue
        exprs = term.get("matchExpressions") or []
        field_exprs = term.get("matchFields") or []
        if not exprs and not field_exprs:
            continue
        if all(_node_requirement_matches(r, labels) for r in exprs) and all(
                _node_requirement_matches(r, fields) for r in field_exprs):
            return True
    return False


def check_node_affinity(volume: Manifest, node: Manifest) -> bool:
    """``CheckNodeAffinity``: no ``nodeAffinity.required`` → valid; else the node must match."""
    affinity = _spec(volume).get("nodeAffinity")
    if not isinstance(affinity, Mapping) or affinity.get("required") is None:
        return True
    return node_selector_matches(affinity.get("required"), node)


# ---- the access-mode index's grouping ----------------------------------------------------
_MODE_KEYS: dict[tuple[str, ...], AccessModeKey] = {}


def access_mode_key(modes: Iterable[str]) -> AccessModeKey:
    """The index key of a PV: its known access modes as a set, in canonical order.

    Like ``GetAccessModesAsString``, unknown strings are dropped and duplicates merged.
    """
    modes = tuple(modes)
    key = _MODE_KEYS.get(modes)
    if key is None:
        present = set(modes)
        key = tuple(m for m in ACCESS_MODES if m in present)
        if len(_MODE_KEYS) < 4096:
            _MODE_KEYS[modes] = key
    return key


def short_modes(key: Iterable[str]) -> str:
    """``RWO,ROX`` for display."""
    return ",".join(SHORT_MODES.get(m, m) for m in key)


def _group_order(key: AccessModeKey) -> tuple[int, tuple[int, ...]]:
    return len(key), tuple(_MODE_RANK[m] for m in key)


def matching_access_mode_groups(requested: Iterable[str],
                                keys: Iterable[AccessModeKey]) -> list[AccessModeKey]:
    """``allPossibleMatchingAccessModes``: groups holding every requested mode, fewest first.

    Equal-size groups are ordered canonically (see the module docstring).
    """
    wanted = set(requested)
    found = [key for key in set(keys) if wanted.issubset(key)]
    found.sort(key=_group_order)
    return found


# ---- FindMatchingVolume ---------------------------------------------------------------------
def _claim_key(claim: Manifest) -> str:
    return f"{namespace_of(claim)}/{name_of(claim)}"


def _claim_selector(claim: Manifest) -> LabelMatcher | None:
    try:
        return compile_label_selector(_spec(claim).get("selector"))
    except SelectorError as err:
        raise ValueError(f"error creating internal label selector for claim: "
                         f"{_claim_key(claim)}: {err}") from err


def check_vac_feature(claim: Manifest, vac_enabled: bool) -> None:
    """The search refuses a claim with a VAC while the feature gate is off."""
    if not vac_enabled and vac_of(claim):
        raise ValueError(f"unsupported volumeAttributesClassName is set on claim "
                         f"{_claim_key(claim)} when the feature-gate VolumeAttributesClass "
                         f"is disabled")


def find_matching_volume(claim: Manifest, volumes: Iterable[Manifest], *,
                         node: Manifest | None = None, excluded: Collection[str] = (),
                         delay_binding: bool = False,
                         vac_enabled: bool = True) -> Manifest | None:
    """``FindMatchingVolume`` over ``volumes`` in the order given.

    Checks per PV, first failure skips it: excluded name; a claimRef not for this claim
    (any non-nil claimRef, even ``{}``); capacity < request; volumeMode; VAC; being
    deleted. A PV pre-bound to the claim then returns at once (or, with a ``node`` it
    does not fit, ends the search with None). Otherwise: skipped when binding is
    delayed and no node is given; phase must be Available; selector; class; node
    affinity; with a node, access modes. The smallest remaining PV wins, the first one
    seen among equals. Raises ValueError for an invalid selector or a VAC on the claim
    while ``vac_enabled`` is False.
    """
    check_vac_feature(claim, vac_enabled)
    requested = requested_storage(claim)
    requested_class = claim_class(claim)
    claim_vac = vac_of(claim)
    selector = _claim_selector(claim)
    excluded_names = set(excluded)
    best: Manifest | None = None
    best_qty = Fraction(0)
    for volume in volumes:
        if excluded_names and name_of(volume) in excluded_names:
            continue
        ref = claim_ref_of(volume)
        bound = ref is not None and is_volume_bound_to_claim(volume, claim)
        if ref is not None and not bound:
            continue
        qty = volume_capacity(volume)
        if qty < requested:
            continue
        if volume_mode_mismatch(claim, volume):
            continue
        volume_vac = vac_of(volume)
        if vac_enabled and claim_vac != volume_vac:
            continue
        if not vac_enabled and volume_vac:
            continue
        if is_deleting(volume):
            continue
        affinity_ok = True if node is None else check_node_affinity(volume, node)
        if bound:
            return volume if affinity_ok else None
        if node is None and delay_binding:
            continue
        if phase(volume) != AVAILABLE:
            continue
        if selector is not None and not selector(labels_of(volume)):
            continue
        if volume_class(volume) != requested_class:
            continue
        if not affinity_ok:
            continue
        if node is not None and not check_access_modes(claim, volume):
            continue
        if best is None or best_qty > qty:
            best, best_qty = volume, qty
    return best


def group_volumes(volumes: Iterable[Manifest]) -> dict[AccessModeKey, list[Manifest]]:
    """The index's view of ``volumes``: one PV per name (a later one replaces an earlier
    one, as adding to the index does), grouped by access-mode key, each group sorted by
    name (the simulator's fixed order)."""
    by_name: dict[str, Manifest] = {}
    for volume in volumes:
        by_name[name_of(volume)] = volume
    groups: dict[AccessModeKey, list[Manifest]] = {}
    for name in sorted(by_name):
        volume = by_name[name]
        groups.setdefault(access_mode_key(access_modes_of(volume)), []).append(volume)
    return groups


def find_best_match(claim: Manifest, volumes: Iterable[Manifest], *,
                    delay_binding: bool = False, vac_enabled: bool = True) -> Manifest | None:
    """The PV controller's search (``findBestMatchForClaim``), linear reference version.

    PVs are grouped by exact access-mode set; only groups containing every requested
    mode are searched, fewest modes first, and the first group that yields a PV wins —
    even if a later group holds a smaller PV or one pre-bound to this claim.
    """
    groups = group_volumes(volumes)
    for key in matching_access_mode_groups(access_modes_of(claim), groups):
        found = find_matching_volume(claim, groups[key], delay_binding=delay_binding,
                                     vac_enabled=vac_enabled)
        if found is not None:
            return found
    return None


# ---- the checks of a claim that names its volume ----------------------------------------
def check_volume_satisfy_claim(volume: Manifest, claim: Manifest) -> str | None:
    """``checkVolumeSatisfyClaim``: None, or the reason for the VolumeMismatch event.

    Sizes compare as whole units rounded up (``Quantity.Value()``). Phase, selector and
    node affinity are not checked: a claim that names its PV gets it regardless.
    """
    if is_deleting(volume):
        return f'the volume is marked for deletion "{name_of(volume)}"'
    if math.ceil(volume_capacity(volume)) < math.ceil(requested_storage(claim)):
        return "requested PV is too small"
    if volume_class(volume) != claim_class(claim):
        return "storageClassName does not match"
    if vac_of(volume) != vac_of(claim):
        return "volumeAttributesClassName does not match"
    if volume_mode_mismatch(claim, volume):
        return "incompatible volumeMode"
    if not check_access_modes(claim, volume):
        return "incompatible accessMode"
    return None


def claim_reference(claim: Manifest) -> dict[str, Any]:
    """The ObjectReference the controller writes into ``spec.claimRef`` (``GetReference``)."""
    ref: dict[str, Any] = {
        "apiVersion": str(claim.get("apiVersion") or "v1"),
        "kind": "PersistentVolumeClaim",
        "name": name_of(claim),
        "namespace": namespace_of(claim),
    }
    rv = (claim.get("metadata") or {}).get("resourceVersion")
    if rv:
        ref["resourceVersion"] = str(rv)
    uid = uid_of(claim)
    if uid:
        ref["uid"] = uid
    return ref


def pods_using_claim(pods: Iterable[Manifest], claim_name: str) -> list[Manifest]:
    """Pods whose ``spec.volumes[].persistentVolumeClaim.claimName`` is ``claim_name``."""
    out = []
    for pod in pods:
        for volume in _spec(pod).get("volumes") or []:
            source = volume.get("persistentVolumeClaim") if isinstance(volume, Mapping) else None
            if isinstance(source, Mapping) and source.get("claimName") == claim_name:
                out.append(pod)
                break
    return out


def is_pod_terminated(pod: Manifest) -> bool:
    """Finished pods (Succeeded/Failed) no longer count as users of a claim."""
    return phase(pod) in ("Succeeded", "Failed")


def sorted_by_name(volumes: Sequence[Manifest]) -> list[Manifest]:
    return sorted(volumes, key=name_of)


_HOSTPATH_DELETABLE = re.compile(r"/tmp/.+")


def hostpath_deletable(path: str) -> bool:
    """The hostPath deleter only deletes paths matching ``/tmp/.+`` (unanchored, as in Go)."""
    return bool(_HOSTPATH_DELETABLE.search(path))
