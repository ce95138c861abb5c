"""Plain-dict ports of the fixtures of Kubernetes' PV controller unit tests.

Mirrors ``pkg/controller/volume/persistentvolume/framework_test.go`` (``newVolume``,
``newClaim`` and their ``with*`` helpers, ``testSyncClaim`` / ``testSyncVolume``,
``runSyncTests`` / ``runMultisyncTests``) and the comparison done by
``pkg/controller/volume/persistentvolume/testing/testing.go`` (``CheckVolumes``,
``CheckClaims``) and ``checkEvents``, driven only through the public engine API:
``core.Cluster.from_manifests``, ``sync_claim``, ``sync_volume``, ``manifests()``,
``events()``.

How the comparison maps Go's ``reflect.DeepEqual`` onto manifests:

* ``resourceVersion`` is ignored (object and claimRef), as upstream does.
* Go zero values and absent keys are the same thing (``status.message: ""``, an empty
  annotation map, ``accessModes: []``), except where the Go field is a pointer and
  ``""`` differs from nil: a claim's ``spec.storageClassName`` and
  ``volumeAttributesClassName``, and ``status.currentVolumeAttributesClassName``.
* Quantities compare by value, not spelling.
* ``spec.claimRef`` compares kind, apiVersion, name, namespace and uid (all but its
  resourceVersion, as upstream).
* Metadata the simulator's loader fills in (uid of a PV that had none,
  ``creationTimestamp``) and ``status.lastPhaseTransitionTime`` (written by the
  real API server's registry, absent from upstream's fake reactor) are ignored.
* Events: like ``checkEvents``, the first ``len(expected)`` events must start with
  the expected ``"<type> <reason>"`` strings, in order; further events are not checked.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core import Cluster
from core.quantity import parse

# ---- names used by the upstream tests ----------------------------------------------
ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller"
ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed"
ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node"
ANN_DYNAMICALLY_PROVISIONED = "pv.kubernetes.io/provisioned-by"
ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner"
ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner"
ANN_MIGRATED_TO = "pv.kubernetes.io/migrated-to"
ANN_BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class"
ANN_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class"
#: framework_test.go: objects that live in the API server but not the controller cache.
ANN_SKIP_LOCAL_STORE = "pv-testing-skip-local-store"
PV_DELETION_IN_TREE_PROTECTION_FINALIZER = "kubernetes.io/pv-controller"

TEST_NAMESPACE = "default"
MOCK_PLUGIN_NAME = "kubernetes.io/mock-volume"

CLASS_GOLD = "gold"
CLASS_SILVER = "silver"
CLASS_COPPER = "copper"
CLASS_EMPTY = ""
CLASS_NON_EXISTING = "non-existing"
CLASS_EXTERNAL = "external"
CLASS_EXTERNAL_WAIT = "external-wait"
CLASS_UNKNOWN_INTERNAL = "unknown-internal"
CLASS_UNSUPPORTED_MOUNT_OPTIONS = "unsupported-mountoptions"
CLASS_LARGE = "large"
CLASS_WAIT = "wait"
CLASS_CSI = "csi"

RWO = "ReadWriteOnce"
ROX = "ReadOnlyMany"
RWX = "ReadWriteMany"
FILESYSTEM = "Filesystem"
BLOCK = "Block"

Manifest = dict[str, Any]


# ---- object builders (framework_test.go) --------------------------------------------
def _annotation_map(annotations: Iterable[str], special: Mapping[str, str]) -> dict[str, str]:
    return {a: special.get(a, "yes") for a in annotations}


def new_volume(name: str, capacity: str, bound_to_claim_uid: str, bound_to_claim_name: str,
               phase: str, reclaim_policy: str, class_: str, *annotations: str) -> Manifest:
    """``newVolume``: a GCE PD volume (RWO+ROX, Filesystem) with resourceVersion 1."""
    volume: Manifest = {
        "apiVersion": "v1",
        "kind": "PersistentVolume",
        "metadata": {"name": name, "resourceVersion": "1"},
        "spec": {
            "capacity": {"storage": capacity},
            "gcePersistentDisk": {},
            "accessModes": [RWO, ROX],
            "persistentVolumeReclaimPolicy": reclaim_policy,
            "storageClassName": class_,
            "volumeMode": FILESYSTEM,
        },
        "status": {"phase": phase},
    }
    if bound_to_claim_name:
        volume["spec"]["claimRef"] = {
            "kind": "PersistentVolumeClaim",
            "apiVersion": "v1",
            "uid": bound_to_claim_uid,
            "namespace": TEST_NAMESPACE,
            "name": bound_to_claim_name,
        }
    if annotations:
        volume["metadata"]["annotations"] = _annotation_map(
            annotations, {ANN_DYNAMICALLY_PROVISIONED: MOCK_PLUGIN_NAME})
    return volume


def new_external_provisioned_volume(name: str, capacity: str, bound_to_claim_uid: str,
                                    bound_to_claim_name: str, phase: str, reclaim_policy: str,
                                    class_: str, driver: str, finalizers: Sequence[str] | None,
                                    *annotations: str) -> Manifest:
    """``newExternalProvisionedVolume``: like ``new_volume`` but a CSI volume of ``driver``."""
    volume = new_volume(name, capacity, bound_to_claim_uid, bound_to_claim_name, phase,
                        reclaim_policy, class_)
    del volume["spec"]["gcePersistentDisk"]
    volume["spec"]["csi"] = {
        "driver": driver,
        "volumeHandle": "527b55dc-c7db-4574-9226-2e33318b06a3",
        "readOnly": False,
        "fsType": "ext4",
        "volumeAttributes": {"Test-Key": "Test-Value"},
    }
    if finalizers:
        volume["metadata"]["finalizers"] = list(finalizers)
    if annotations:
        volume["metadata"]["annotations"] = _annotation_map(
            annotations, {ANN_DYNAMICALLY_PROVISIONED: driver})
    return volume


def new_volume_with_finalizers(name: str, capacity: str, bound_to_claim_uid: str,
                               bound_to_claim_name: str, phase: str, reclaim_policy: str,
                               class_: str, finalizers: Sequence[str] | None,
                               *annotations: str) -> Manifest:
    volume = new_volume(name, capacity, bound_to_claim_uid, bound_to_claim_name, phase,
                        reclaim_policy, class_, *annotations)
    if finalizers:
        volume["metadata"]["finalizers"] = list(finalizers)
    return volume


def new_claim(name: str, claim_uid: str, capacity: str, bound_to_volume: str, phase: str,
              class_: str | None, *annotations: str) -> Manifest:
    """``newClaim``: RWO+ROX, Filesystem, namespace ``default``; a Bound claim gets the
    status a bound claim has (access modes and capacity copied from its spec)."""
    claim: Manifest = {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": TEST_NAMESPACE, "uid": claim_uid,
                     "resourceVersion": "1"},
        "spec": {
            "accessModes": [RWO, ROX],
            "resources": {"requests": {"storage": capacity}},
            "volumeName": bound_to_volume,
            "volumeMode": FILESYSTEM,
        },
        "status": {"phase": phase},
    }
    if class_ is not None:
        claim["spec"]["storageClassName"] = class_
    if annotations:
        claim["metadata"]["annotations"] = _annotation_map(
            annotations, {ANN_BETA_STORAGE_PROVISIONER: MOCK_PLUGIN_NAME,
                          ANN_STORAGE_PROVISIONER: MOCK_PLUGIN_NAME})
    if phase == "Bound":
        _set_bound_status(claim)
    return claim


def _set_bound_status(claim: Manifest) -> None:
    claim["status"]["accessModes"] = list(claim["spec"]["accessModes"])
    claim["status"]["capacity"] = dict(claim["spec"]["resources"]["requests"])
    vac = claim["spec"].get("volumeAttributesClassName")
    if vac is not None:
        claim["status"]["currentVolumeAttributesClassName"] = vac


def new_volume_array(*args: Any) -> list[Manifest]:
    return [new_volume(*args)]


def new_claim_array(*args: Any) -> list[Manifest]:
    return [new_claim(*args)]


# ---- the with* helpers (they change the first object and return the list) ---------------
def with_labels(labels: Mapping[str, str], volumes: list[Manifest]) -> list[Manifest]:
    volumes[0]["metadata"]["labels"] = dict(labels)
    return volumes


def with_label_selector(labels: Mapping[str, str], claims: list[Manifest]) -> list[Manifest]:
    claims[0]["spec"]["selector"] = {"matchLabels": dict(labels)}
    return claims


def with_volume_volume_mode(mode: str | None, volumes: list[Manifest]) -> list[Manifest]:
    _set_or_drop(volumes[0]["spec"], "volumeMode", mode)
    return volumes


def with_claim_volume_mode(mode: str | None, claims: list[Manifest]) -> list[Manifest]:
    _set_or_drop(claims[0]["spec"], "volumeMode", mode)
    return claims


def with_expected_capacity(capacity: str, claims: list[Manifest]) -> list[Manifest]:
    claims[0]["status"]["capacity"] = {"storage": capacity}
    return claims


def with_expected_vac(vac: str | None, claims: list[Manifest]) -> list[Manifest]:
    _set_or_drop(claims[0]["status"], "currentVolumeAttributesClassName", vac)
    return claims


def with_message(message: str, volumes: list[Manifest]) -> list[Manifest]:
    volumes[0]["status"]["message"] = message
    return volumes


def claim_with_vac(vac: str | None, claims: list[Manifest]) -> list[Manifest]:
    _set_or_drop(claims[0]["spec"], "volumeAttributesClassName", vac)
    return claims


def volumes_with_vac(vac: str, volumes: list[Manifest]) -> list[Manifest]:
    for volume in volumes:
        volume["spec"]["volumeAttributesClassName"] = vac
    return volumes


def claim_with_annotation(name: str, value: str, claims: list[Manifest]) -> list[Manifest]:
    claims[0]["metadata"].setdefault("annotations", {})[name] = value
    return claims


def annotate_claim(claim: Manifest, annotations: Mapping[str, str]) -> Manifest:
    claim["metadata"].setdefault("annotations", {}).update(annotations)
    return claim


def volume_with_annotation(name: str, value: str, volume: Manifest) -> Manifest:
    volume["metadata"].setdefault("annotations", {})[name] = value
    return volume


def claim_with_access_mode(modes: Sequence[str], claims: list[Manifest]) -> list[Manifest]:
    claims[0]["spec"]["accessModes"] = list(modes)
    return claims


def claim_with_data_source(name: str, kind: str, api_group: str,
                           claims: list[Manifest]) -> list[Manifest]:
    claims[0]["spec"]["dataSource"] = {"name": name, "kind": kind, "apiGroup": api_group}
    return claims


def with_volume_deletion_timestamp(volumes: list[Manifest]) -> list[Manifest]:
    for volume in volumes:
        volume["metadata"]["deletionTimestamp"] = "2020-02-18T10:30:30Z"
    return volumes


def volumes_with_finalizers(volumes: list[Manifest], finalizers: Sequence[str]) -> list[Manifest]:
    for volume in volumes:
        volume["metadata"]["finalizers"] = list(finalizers)
    return volumes


def _set_or_drop(target: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


# ---- other objects the tests put in the controller's listers -------------------------
def storage_class(name: str, *, provisioner: str | None = None, binding_mode: str | None = None,
                  reclaim_policy: str | None = None, parameters: Mapping[str, str] | None = None,
                  mount_options: Sequence[str] | None = None, default: bool = False) -> Manifest:
    sc: Manifest = {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                    "metadata": {"name": name}}
    if default:
        sc["metadata"]["annotations"] = {ANN_DEFAULT_CLASS: "true"}
    for key, value in (("provisioner", provisioner), ("volumeBindingMode", binding_mode),
                       ("reclaimPolicy", reclaim_policy), ("parameters", parameters),
                       ("mountOptions", mount_options)):
        if value is not None:
            sc[key] = copy.deepcopy(value)
    return sc


def pod(name: str, claim_name: str, phase: str, namespace: str = TEST_NAMESPACE) -> Manifest:
    """recycle_test.go's pods: one PVC volume, a phase, no node."""
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"volumes": [{"name": "vol1",
                              "persistentVolumeClaim": {"claimName": claim_name}}]},
        "status": {"phase": phase},
    }


# ---- one upstream table row -----------------------------------------------------------------
@dataclass
class ControllerTest:
    """``controllerTest``: ``test`` is ``claim`` (testSyncClaim), ``claim_error``
    (testSyncClaimError) or ``volume`` (testSyncVolume)."""

    name: str
    initial_volumes: list[Manifest]
    expected_volumes: list[Manifest]
    initial_claims: list[Manifest]
    expected_claims: list[Manifest]
    expected_events: list[str]
    test: str
    skip: str = ""
    classes: list[Manifest] = field(default_factory=list)
    pods: list[Manifest] = field(default_factory=list)
    #: After the sync, let the simulator finish timed operations (see ``settle_after``).
    settle_after: bool = False
    #: Kinds whose final state is compared ("PersistentVolume", "PersistentVolumeClaim").
    compare: tuple[str, ...] = ("PersistentVolume", "PersistentVolumeClaim")
    #: Finalizers other controllers add while settling (upstream runs no such controller).
    ignored_finalizers: tuple[str, ...] = ()


def params(tests: Sequence[ControllerTest]) -> list[Any]:
    """pytest params named after the upstream ids; ``skip`` rows are marked skipped."""
    import pytest

    out = []
    for test in tests:
        marks = [pytest.mark.skip(reason=test.skip)] if test.skip else []
        out.append(pytest.param(test, id=test.name, marks=marks))
    return out


def build_cluster(test: ControllerTest) -> Cluster:
    """``runSyncTests`` set-up: the volumes, claims, classes and pods, nothing else.

    Later objects with the same name replace earlier ones, as the fake API server does.
    """
    objects = [*test.classes, *test.pods, *test.initial_claims, *test.initial_volumes]
    return Cluster.from_manifests(copy.deepcopy(objects))


def call_test(cluster: Cluster, test: ControllerTest) -> None:
    """``testSyncClaim`` / ``testSyncVolume``: one sync of the first claim / volume."""
    if test.test in ("claim", "claim_error"):
        first = test.initial_claims[0]
        cluster.sync_claim(first["metadata"].get("namespace", TEST_NAMESPACE),
                           first["metadata"]["name"])
    elif test.test == "volume":
        cluster.sync_volume(test.initial_volumes[0]["metadata"]["name"])
    else:  # pragma: no cover - a typo in a table
        raise AssertionError(f"unknown test call {test.test!r}")


def run_sync_test(test: ControllerTest) -> Cluster:
    cluster = build_cluster(test)
    call_test(cluster, test)
    if test.settle_after:
        cluster.settle()
    evaluate(cluster, test)
    return cluster


def run_multisync_test(test: ControllerTest, max_rounds: int = 50) -> Cluster:
    """``runMultisyncTests``: the test call, then sync every claim and volume again and
    again until a whole round changes nothing."""
    cluster = build_cluster(test)
    call_test(cluster, test)
    settle_pv_controller(cluster, test.name, max_rounds)
    evaluate(cluster, test)
    return cluster


def settle_pv_controller(cluster: Cluster, what: str = "", max_rounds: int = 50) -> None:
    """Only the PV controller, as upstream's reactor-driven tests run it: sync every claim,
    then every volume, until a whole round changes nothing. No other controller runs."""
    for _ in range(max_rounds):
        before = _storage_state(cluster)
        for claim in _objects(cluster, "PersistentVolumeClaim"):
            cluster.sync_claim(claim["metadata"]["namespace"], claim["metadata"]["name"])
        for volume in _objects(cluster, "PersistentVolume"):
            cluster.sync_volume(volume["metadata"]["name"])
        if _storage_state(cluster) == before:
            return
    raise AssertionError(f"{what}: the PV controller did not settle in {max_rounds} rounds")


def _objects(cluster: Cluster, kind: str) -> list[Manifest]:
    return [o for o in cluster.manifests() if o.get("kind") == kind]


def _storage_state(cluster: Cluster) -> list[Any]:
    return [(o["kind"], normalize(o)) for o in cluster.manifests()
            if o.get("kind") in ("PersistentVolume", "PersistentVolumeClaim")]


# ---- comparison (CheckVolumes / CheckClaims / checkEvents) ---------------------------------
def evaluate(cluster: Cluster, test: ControllerTest) -> None:
    problems: list[str] = []
    if "PersistentVolumeClaim" in test.compare:
        problems += diff_objects("claim", test.expected_claims,
                                 _objects(cluster, "PersistentVolumeClaim"),
                                 test.ignored_finalizers)
    if "PersistentVolume" in test.compare:
        problems += diff_objects("volume", test.expected_volumes,
                                 _objects(cluster, "PersistentVolume"), test.ignored_finalizers)
    problems += diff_events(test.expected_events, cluster.events())
    assert not problems, f"{test.name}:\n  " + "\n  ".join(problems)


def diff_objects(what: str, expected: Iterable[Manifest], actual: Iterable[Manifest],
                 ignored_finalizers: Sequence[str] = ()) -> list[str]:
    """Keyed by name, as upstream's maps are (the test namespace is the only one)."""
    want = {o["metadata"]["name"]: o for o in expected}
    got = {o["metadata"]["name"]: _without_finalizers(o, ignored_finalizers) for o in actual}
    problems = []
    for name in sorted(set(want) | set(got)):
        if name not in got:
            problems.append(f"{what} {name}: expected but missing")
        elif name not in want:
            problems.append(f"{what} {name}: present but not expected:\n    {normalize(got[name])}")
        else:
            w, g = normalize(want[name], keep_uid=True), normalize(got[name])
            if "uid" not in w["metadata"]:
                g["metadata"].pop("uid", None)
            if w != g:
                problems.append(f"{what} {name} differs:\n    expected {w}\n    got      {g}")
    return problems


def _without_finalizers(obj: Manifest, ignored: Sequence[str]) -> Manifest:
    finalizers = obj.get("metadata", {}).get("finalizers")
    if not ignored or not finalizers:
        return obj
    obj = copy.deepcopy(obj)
    obj["metadata"]["finalizers"] = [f for f in finalizers if f not in ignored]
    return obj


def event_strings(events: Iterable[Mapping[str, Any]]) -> list[str]:
    """``FakeRecorder``'s text: ``"<type> <reason> <message>"``."""
    return [f"{e.get('type')} {e.get('reason')} {e.get('message')}" for e in events]


def diff_events(expected: Sequence[str], events: Iterable[Mapping[str, Any]]) -> list[str]:
    got = event_strings(events)
    problems = []
    for i, want in enumerate(expected):
        if i >= len(got):
            problems.append(f"event {want!r} not emitted (got {got})")
        elif not got[i].startswith(want):
            problems.append(f"event {i}: expected prefix {want!r}, got {got[i]!r}")
    return problems


_POINTER_STRINGS = {
    ("PersistentVolumeClaim", "spec", "storageClassName"),
    ("PersistentVolumeClaim", "spec", "volumeAttributesClassName"),
    ("PersistentVolumeClaim", "status", "currentVolumeAttributesClassName"),
    ("PersistentVolume", "spec", "volumeAttributesClassName"),
}
_QUANTITY_MAPS = {("spec", "capacity"), ("spec", "resources", "requests"),
                  ("spec", "resources", "limits"), ("status", "capacity"),
                  ("status", "allocatedResources")}
_IGNORED_METADATA = {"resourceVersion", "creationTimestamp", "generation", "managedFields",
                     "selfLink"}


def normalize(obj: Mapping[str, Any], *, keep_uid: bool = True) -> dict[str, Any]:
    """The parts ``reflect.DeepEqual`` would see, with Go's zero values dropped."""
    kind = str(obj.get("kind") or "")
    metadata = {k: v for k, v in (obj.get("metadata") or {}).items()
                if k not in _IGNORED_METADATA and (keep_uid or k != "uid")}
    spec = copy.deepcopy(dict(obj.get("spec") or {}))
    status = copy.deepcopy(dict(obj.get("status") or {}))
    status.pop("lastPhaseTransitionTime", None)
    ref = spec.get("claimRef")
    if isinstance(ref, Mapping):
        spec["claimRef"] = {k: ref.get(k) for k in ("kind", "apiVersion", "name", "namespace",
                                                     "uid")}
    out = {"metadata": _drop_zero(metadata, (kind, "metadata")),
           "spec": _drop_zero(spec, (kind, "spec")),
           "status": _drop_zero(status, (kind, "status"))}
    for section, path in (("spec", ("spec",)), ("status", ("status",))):
        _quantities(out[section], path)
    # A claimRef that is present but empty still counts (any non-nil claimRef binds).
    if isinstance(ref, Mapping) and "claimRef" not in out["spec"]:
        out["spec"]["claimRef"] = {}
    return out


def _drop_zero(value: Any, path: tuple[str, ...]) -> Any:
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            sub = path + (str(k),)
            v = _drop_zero(v, sub)
            if v is None or v == {} or v == []:
                continue
            if v == "" and sub not in _POINTER_STRINGS:
                continue
            if v is False:
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [_drop_zero(v, path) for v in value]
    return value


def _quantities(section: dict[str, Any], path: tuple[str, ...]) -> None:
    for qpath in _QUANTITY_MAPS:
        if qpath[: len(path)] != path:
            continue
        node: Any = section
        for part in qpath[len(path):]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            for key, text in list(node.items()):
                try:
                    node[key] = parse(str(text)).value
                except ValueError:
                    pass


# ---- small helpers for the pure-function ports --------------------------------------------
def by_uid(volumes: Iterable[Manifest]) -> Callable[[Manifest | None], str]:
    """The upstream tests name the expected match by uid; map a result back to it."""
    ids = {id(v): str(v["metadata"].get("uid") or "") for v in volumes}

    def uid(found: Manifest | None) -> str:
        if found is None:
            return ""
        return ids.get(id(found), f"<not one of the given objects: {found['metadata']}>")

    return uid
