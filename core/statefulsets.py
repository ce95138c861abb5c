"""StatefulSet rules (identity, claims, health, revisions, retention) and the verbs on them.

The statefulset-controller (``core/controllers/statefulset.py``) decides with these
pure functions; ``kubectl scale``, the GUI and the explanations use the public ones:
:func:`scale`, :func:`describe_ordering` / :func:`ordering_report`, :func:`pod_dns_names`.
Written from Kubernetes' ``pkg/controller/statefulset`` (``stateful_set_utils.go``,
``stateful_pod_control.go``, ``stateful_set_control.go``); see kubernetes-semantics.md §6.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .apiserver import not_found
from .clock import parse_timestamp
from .errors import CommandError
from .objects import (
    Manifest,
    deep_copy,
    evolve,
    get_path,
    is_deleting,
    is_map,
    labels_of,
    meta,
    name_of,
    namespace_of,
    phase_of,
    uid_of,
)

if TYPE_CHECKING:
    from .cluster import Cluster

POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name"
REVISION_LABEL = "controller-revision-hash"
POD_INDEX_LABEL = "apps.kubernetes.io/pod-index"
CLUSTER_DOMAIN = "cluster.local"
RETAIN = "Retain"
DELETE = "Delete"
PARALLEL = "Parallel"
ORDERED_READY = "OrderedReady"
ROLLING_UPDATE = "RollingUpdate"
ON_DELETE = "OnDelete"

#: The simulator refuses larger replica counts (Kubernetes accepts any int32): every replica
#: is a pod and a claim animated one by one, and 10,000 keeps a run within minutes.
MAX_REPLICAS = 10_000

_POD_NAME = re.compile(r"^(.*)-([0-9]+)$")
_INT32_MAX = 2**31 - 1


# ---- identity -----------------------------------------------------------------------
def parent_and_ordinal(pod_name: str) -> tuple[str, int]:
    """``("web", 1)`` for ``web-1``; ``("", -1)`` for a name no StatefulSet could have made."""
    match = _POD_NAME.match(pod_name)
    if not match:
        return "", -1
    ordinal = int(match.group(2))
    if ordinal > _INT32_MAX:
        # Go parses the ordinal as int32; an overflowing one keeps the parent but no ordinal.
        return match.group(1), -1
    return match.group(1), ordinal


def ordinal_of(pod: Mapping[str, Any]) -> int:
    return parent_and_ordinal(name_of(pod))[1]


def pod_name(set_name: str, ordinal: int) -> str:
    return f"{set_name}-{ordinal}"


def claim_name(template_name: str, set_name: str, ordinal: int) -> str:
    return f"{template_name}-{set_name}-{ordinal}"


def desired_replicas(sts: Mapping[str, Any]) -> int:
    value = get_path(sts, "spec", "replicas")
    return 1 if value is None else int(value)


def start_ordinal(sts: Mapping[str, Any]) -> int:
    return int(get_path(sts, "spec", "ordinals", "start", default=0) or 0)


def end_ordinal(sts: Mapping[str, Any]) -> int:
    """The last ordinal in range (inclusive); ``start - 1`` when scaled to zero."""
    return start_ordinal(sts) + desired_replicas(sts) - 1


def in_range(ordinal: int, sts: Mapping[str, Any]) -> bool:
    return start_ordinal(sts) <= ordinal <= end_ordinal(sts)


def is_parallel(sts: Mapping[str, Any]) -> bool:
    return get_path(sts, "spec", "podManagementPolicy") == PARALLEL


def min_ready_seconds(sts: Mapping[str, Any]) -> int:
    return int(get_path(sts, "spec", "minReadySeconds", default=0) or 0)


def service_name(sts: Mapping[str, Any]) -> str:
    return str(get_path(sts, "spec", "serviceName", default="") or "")


def claim_templates(sts: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    templates = get_path(sts, "spec", "volumeClaimTemplates", default=[]) or []
    return [t for t in templates if is_map(t) and name_of(t)]


def retention_policy(sts: Mapping[str, Any]) -> tuple[str, str]:
    """``(whenDeleted, whenScaled)``; Retain where unset."""
    policy = get_path(sts, "spec", "persistentVolumeClaimRetentionPolicy", default={}) or {}
    return (str(policy.get("whenDeleted") or RETAIN), str(policy.get("whenScaled") or RETAIN))


def update_strategy(sts: Mapping[str, Any]) -> tuple[str, int | None]:
    """``(type, partition)``; partition is None without a ``rollingUpdate`` block."""
    strategy = get_path(sts, "spec", "updateStrategy", default={}) or {}
    kind = str(strategy.get("type") or ROLLING_UPDATE)
    rolling = strategy.get("rollingUpdate")
    if kind != ROLLING_UPDATE or not is_map(rolling):
        return kind, None
    return kind, int(rolling.get("partition") or 0)


# ---- owner references ---------------------------------------------------------------
def controller_ref(owner: Mapping[str, Any]) -> dict[str, Any]:
    """A controller ownerReference to ``owner`` (``metav1.NewControllerRef``)."""
    return {
        "apiVersion": str(owner.get("apiVersion") or ("apps/v1" if owner.get("kind") == "StatefulSet"
                                                     else "v1")),
        "kind": str(owner.get("kind")),
        "name": name_of(owner),
        "uid": uid_of(owner),
        "controller": True,
        "blockOwnerDeletion": True,
    }


def owner_refs(obj: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    refs = meta(obj).get("ownerReferences")
    return [r for r in refs if is_map(r)] if isinstance(refs, list) else []


def controller_of(obj: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for ref in owner_refs(obj):
        if ref.get("controller") is True:
            return ref
    return None


def _matches_ref(ref: Mapping[str, Any], name: str, kind: str, api_version: str) -> bool:
    return ref.get("apiVersion") == api_version and ref.get("kind") == kind and ref.get("name") == name


def _is_set_ref(ref: Mapping[str, Any], sts: Mapping[str, Any]) -> bool:
    return _matches_ref(ref, name_of(sts), "StatefulSet", "apps/v1")


def _is_pod_ref(ref: Mapping[str, Any], pod_name_: str) -> bool:
    return _matches_ref(ref, pod_name_, "Pod", "v1")


# ---- label selectors ----------------------------------------------------------------
def selector_matches(selector: Mapping[str, Any] | None, labels: Mapping[str, str]) -> bool:
    """A metav1.LabelSelector against labels; a missing selector matches nothing."""
    if not is_map(selector):
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key = expr.get("key")
        op = expr.get("operator")
        values = expr.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


# ---- claims -------------------------------------------------------------------------
def claims_for(sts: Mapping[str, Any], ordinal: int) -> list[Manifest]:
    """The claims a pod of this ordinal needs, in template order (getPersistentVolumeClaims)."""
    match_labels = dict(get_path(sts, "spec", "selector", "matchLabels", default={}) or {})
    out = []
    for template in claim_templates(sts):
        metadata = {k: deep_copy(v) for k, v in meta(template).items()
                    if k not in ("name", "namespace", "uid", "resourceVersion",
                                 "creationTimestamp", "generateName")}
        # The selector's labels win over the template's (matchExpressions are not copied).
        metadata["labels"] = {**dict(metadata.get("labels") or {}), **match_labels}
        if not metadata["labels"]:
            del metadata["labels"]
        metadata = {"name": claim_name(name_of(template), name_of(sts), ordinal),
                    "namespace": namespace_of(sts), **metadata}
        claim: Manifest = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": metadata,
                           "spec": deep_copy(template.get("spec") or {})}
        out.append(claim)
    return out


def claim_names_for(sts: Mapping[str, Any], ordinal: int) -> list[str]:
    return [claim_name(name_of(t), name_of(sts), ordinal) for t in claim_templates(sts)]


def has_stale_pod_ref(claim: Mapping[str, Any], pod_name_: str, pod_uid: str) -> bool:
    """The claim still names an earlier pod of this name (hasStaleOwnerRef)."""
    for ref in owner_refs(claim):
        if _is_pod_ref(ref, pod_name_):
            return ref.get("uid") != pod_uid
    return False


def _has_stale_set_ref(claim: Mapping[str, Any], sts: Mapping[str, Any]) -> bool:
    for ref in owner_refs(claim):
        if _is_set_ref(ref, sts):
            return ref.get("uid") != uid_of(sts)
    return False


def _has_owner_uid(claim: Mapping[str, Any], uid: str) -> bool:
    return bool(uid) and any(ref.get("uid") == uid for ref in owner_refs(claim))


def has_unexpected_controller(claim: Mapping[str, Any], sts: Mapping[str, Any],
                              pod: Mapping[str, Any]) -> bool:
    """Another controller owns the claim, so the retention policy leaves it alone."""
    if retention_policy(sts) == (RETAIN, RETAIN):
        return False
    for ref in owner_refs(claim):
        if _is_set_ref(ref, sts):
            if ref.get("uid") != uid_of(sts):
                return True
            continue
        if _is_pod_ref(ref, name_of(pod)):
            if ref.get("uid") != uid_of(pod):
                return True
            continue
        if ref.get("controller") is True:
            return True
    return False


def _has_non_controller_owner(claim: Mapping[str, Any], sts: Mapping[str, Any],
                              pod: Mapping[str, Any]) -> bool:
    for ref in owner_refs(claim):
        if ref.get("uid") in (uid_of(sts), uid_of(pod)) and ref.get("controller") is not True:
            return True
    return False


def claim_owner_up_to_date(claim: Mapping[str, Any], sts: Mapping[str, Any],
                           pod: Mapping[str, Any]) -> bool:
    """Whether the claim's ownerReferences follow the retention policy (§6.5 table)."""
    if _has_stale_set_ref(claim, sts) or has_stale_pod_ref(claim, name_of(pod), uid_of(pod)):
        # Left from an earlier set or pod of the same name: the garbage collector's business.
        return True
    set_owned = _has_owner_uid(claim, uid_of(sts))
    pod_owned = _has_owner_uid(claim, uid_of(pod))
    if has_unexpected_controller(claim, sts, pod):
        return not (set_owned or pod_owned)
    if _has_non_controller_owner(claim, sts, pod):
        return False
    when_deleted, when_scaled = retention_policy(sts)
    scaled_down = not in_range(ordinal_of(pod), sts)
    if when_scaled == DELETE and when_deleted == DELETE:
        return scaled_down != set_owned and scaled_down == pod_owned
    if when_scaled == DELETE:
        return not set_owned and scaled_down == pod_owned
    if when_deleted == DELETE:
        return set_owned and not pod_owned
    return not set_owned and not pod_owned


def retention_owner_refs(claim: Mapping[str, Any], sts: Mapping[str, Any],
                         pod: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The claim's ownerReferences rewritten for the policy (updateClaimOwnerRefForSetAndPod)."""
    unexpected = has_unexpected_controller(claim, sts, pod)
    refs = [dict(r) for r in owner_refs(claim)
            if not (_is_set_ref(r, sts) or _is_pod_ref(r, name_of(pod)))]
    if unexpected:
        return refs
    when_deleted, when_scaled = retention_policy(sts)
    scaled_down = not in_range(ordinal_of(pod), sts)
    wanted: list[Mapping[str, Any]] = []
    if when_scaled == DELETE and scaled_down:
        wanted.append(pod)
    if when_deleted == DELETE and not (when_scaled == DELETE and scaled_down):
        wanted.append(sts)
    for owner in wanted:
        if not any(r.get("uid") == uid_of(owner) for r in refs):
            refs.append(controller_ref(owner))
    return refs


# ---- pod health ---------------------------------------------------------------------
def pod_condition(pod: Mapping[str, Any], kind: str) -> Mapping[str, Any] | None:
    for condition in get_path(pod, "status", "conditions", default=[]) or []:
        if is_map(condition) and condition.get("type") == kind:
            return condition
    return None


def is_ready(pod: Mapping[str, Any]) -> bool:
    condition = pod_condition(pod, "Ready")
    return condition is not None and condition.get("status") == "True"


def is_running_and_ready(pod: Mapping[str, Any]) -> bool:
    return phase_of(pod) == "Running" and is_ready(pod)


def ready_since_ms(pod: Mapping[str, Any]) -> int | None:
    condition = pod_condition(pod, "Ready")
    if condition is None or condition.get("status") != "True":
        return None
    stamp = condition.get("lastTransitionTime")
    return parse_timestamp(str(stamp)) if stamp else None


def available_at_ms(pod: Mapping[str, Any], min_ready_s: int) -> int | None:
    """When a Ready pod counts as Available (podutil.IsPodAvailable), or None if not Ready."""
    if not is_ready(pod):
        return None
    if min_ready_s <= 0:
        return 0
    since = ready_since_ms(pod)
    if since is None:
        return None
    # IsPodAvailable wants lastTransitionTime + minReadySeconds strictly before now.
    return since + min_ready_s * 1000 + 1


def is_available(pod: Mapping[str, Any], min_ready_s: int, now_ms: int) -> bool:
    at = available_at_ms(pod, min_ready_s)
    return at is not None and at <= now_ms


def is_running_and_available(pod: Mapping[str, Any], min_ready_s: int, now_ms: int) -> bool:
    return is_running_and_ready(pod) and is_available(pod, min_ready_s, now_ms)


def is_healthy(pod: Mapping[str, Any], min_ready_s: int, now_ms: int) -> bool:
    """Neither terminating nor short of Running, Ready and Available (isUnavailable negated)."""
    return (not is_deleting(pod) and is_running_and_ready(pod)
            and is_available(pod, min_ready_s, now_ms))


def is_pending(pod: Mapping[str, Any]) -> bool:
    # A pod the API server has just stored may not show its phase yet: that is Pending.
    return phase_of(pod) in ("", "Pending")


def is_finished(pod: Mapping[str, Any]) -> bool:
    return phase_of(pod) in ("Failed", "Succeeded")


def pod_revision(pod: Mapping[str, Any]) -> str:
    return str(labels_of(pod).get(REVISION_LABEL) or "")


# ---- revisions ----------------------------------------------------------------------
_SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"


def _fnv1_32(data: bytes) -> int:
    value = 0x811C9DC5
    for byte in data:
        value = (value * 0x01000193) & 0xFFFFFFFF
        value ^= byte
    return value


def revision_hash(template: Mapping[str, Any], collision_count: int = 0) -> str:
    """Kubernetes' revision hash: FNV-1 of the revision's patch, safe-encoded.

    The patch is ``{"spec":{"template":{...,"$patch":"replace"}}}`` as Go's json.Marshal
    writes it (sorted keys, no spaces, HTML characters escaped), then the collision count.
    """
    patch = {"spec": {"template": {**dict(template), "$patch": "replace"}}}
    raw = json.dumps(patch, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    raw = raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    digest = _fnv1_32(raw.encode() + str(collision_count).encode())
    return "".join(_SAFE_ALPHABET[b % len(_SAFE_ALPHABET)] for b in str(digest).encode())


def revision_name(sts: Mapping[str, Any], template: Mapping[str, Any] | None = None) -> str:
    """``web-7b9c6d8f5`` (ControllerRevisionName: prefix cut so the label fits 63 characters)."""
    digest = revision_hash(template if template is not None else
                           (get_path(sts, "spec", "template", default={}) or {}))
    return revision_name_for(name_of(sts), digest)


def revision_name_for(set_name: str, digest: str) -> str:
    """ControllerRevisionName: ``<set>-<hash>``, the prefix cut so it fits a label value."""
    room = 63 - len(digest) - 1
    return f"{set_name[:room]}-{digest}"


# ---- new pods -----------------------------------------------------------------------
def new_pod(sts: Mapping[str, Any], template: Mapping[str, Any], ordinal: int,
            revision: str) -> Manifest:
    """The pod the controller creates for ``ordinal`` (newStatefulSetPod + setPodRevision)."""
    set_name = name_of(sts)
    name = pod_name(set_name, ordinal)
    template_meta = template.get("metadata") or {}
    labels = {**dict(template_meta.get("labels") or {}), REVISION_LABEL: revision,
              POD_NAME_LABEL: name, POD_INDEX_LABEL: str(ordinal)}
    metadata: Manifest = {"name": name, "generateName": f"{set_name}-",
                          "namespace": namespace_of(sts), "labels": labels}
    if template_meta.get("annotations"):
        metadata["annotations"] = dict(template_meta["annotations"])
    if template_meta.get("finalizers"):
        metadata["finalizers"] = list(template_meta["finalizers"])
    metadata["ownerReferences"] = [controller_ref(sts)]
    spec: Manifest = deep_copy(dict(template.get("spec") or {}))
    spec["hostname"] = name
    if service_name(sts):
        spec["subdomain"] = service_name(sts)
    # One volume per claim template; a template-pod volume of the same name is replaced.
    claim_volumes = [{"name": name_of(t), "persistentVolumeClaim": {
        "claimName": claim_name(name_of(t), set_name, ordinal)}} for t in claim_templates(sts)]
    replaced = {v["name"] for v in claim_volumes}
    others = [v for v in spec.get("volumes") or [] if v.get("name") not in replaced]
    if claim_volumes or others:
        spec["volumes"] = claim_volumes + others
    return {"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec}


def identity_matches(sts: Mapping[str, Any], pod: Mapping[str, Any]) -> bool:
    parent, ordinal = parent_and_ordinal(name_of(pod))
    return (ordinal >= 0 and parent == name_of(sts) and namespace_of(pod) == namespace_of(sts)
            and labels_of(pod).get(POD_NAME_LABEL) == name_of(pod))


def storage_matches(sts: Mapping[str, Any], pod: Mapping[str, Any]) -> bool:
    ordinal = ordinal_of(pod)
    if ordinal < 0:
        return False
    volumes = {v.get("name"): v for v in get_path(pod, "spec", "volumes", default=[]) or []}
    for template in claim_templates(sts):
        volume = volumes.get(name_of(template))
        wanted = claim_name(name_of(template), name_of(sts), ordinal)
        if get_path(volume, "persistentVolumeClaim", "claimName") != wanted:
            return False
    return True


def claim_names_of_pod(pod: Mapping[str, Any]) -> list[str]:
    return [str(get_path(v, "persistentVolumeClaim", "claimName"))
            for v in get_path(pod, "spec", "volumes", default=[]) or []
            if get_path(v, "persistentVolumeClaim", "claimName")]


# ---- kubectl scale ------------------------------------------------------------------
def scale(cluster: Cluster, namespace: str, name: str, replicas: int) -> str:
    """``kubectl scale statefulset NAME --replicas=N``: set spec.replicas, as kubectl does."""
    if replicas < 0:
        # kubectl refuses before asking the server (ScaleOptions.Validate).
        raise CommandError("error: The --replicas=COUNT flag is required, and COUNT must be "
                           "greater than or equal to 0")
    sts = cluster.store.get("StatefulSet", namespace, name)
    if sts is None:
        raise not_found("StatefulSet", name)
    if replicas > MAX_REPLICAS:
        raise CommandError(
            f"error: --replicas={replicas} is more than this simulator runs: at most "
            f"{MAX_REPLICAS} replicas (a real cluster would accept it); nothing was changed")
    cluster.api.update(evolve(sts, {"spec": {"replicas": replicas}}), actor="kubectl",
                       reason=f"scale to {replicas}")
    return f"statefulset.apps/{name} scaled"


# ---- explaining the ordering --------------------------------------------------------
@dataclass(frozen=True)
class OrderingReport:
    """What a StatefulSet does next and what it waits for, in the controller's terms.

    ``next_action`` is ``create web-1`` / ``delete web-2`` / ``update web-1`` / ``""``;
    ``waiting_for`` the pod that blocks it (``""`` if none); ``reason`` why, in a few words.
    """

    statefulset: str
    policy: str
    desired: int
    ready: int
    next_action: str
    waiting_for: str
    reason: str

    def text(self) -> str:
        head = f"StatefulSet {self.statefulset} ({self.policy}): {self.ready}/{self.desired} ready"
        if not self.next_action and not self.waiting_for:
            return f"{head}; {self.reason}" if self.reason else f"{head}; nothing to do"
        if self.waiting_for:
            subject = self.next_action.split(" ", 1)[-1] if self.next_action else self.statefulset
            return f"{head}\n{subject} waits: {self.waiting_for} {self.reason}"
        return f"{head}\nnext: {self.next_action} ({self.reason})"


def _why_not_healthy(cluster: Cluster, pod: Mapping[str, Any], min_ready_s: int) -> str:
    if is_deleting(pod):
        return "is Terminating (the next step waits until it is gone)"
    phase = phase_of(pod) or "Pending"
    if phase == "Pending":
        for claim in claim_names_of_pod(pod):
            pvc = cluster.store.get("PersistentVolumeClaim", namespace_of(pod), claim)
            if pvc is None:
                return f"is Pending: its claim {claim} does not exist"
            if is_deleting(pvc):
                return f"is Pending: its claim {claim} is being deleted"
            if phase_of(pvc) != "Bound":
                return f"is Pending: its claim {claim} is {phase_of(pvc) or 'Pending'} (not bound)"
        scheduled = pod_condition(pod, "PodScheduled")
        if scheduled is not None and scheduled.get("status") == "False":
            message = scheduled.get("message") or scheduled.get("reason") or "unschedulable"
            return f"is Pending, not scheduled: {message}"
        if not get_path(pod, "spec", "nodeName"):
            return "is Pending: not scheduled yet"
        return "is Pending: its containers are starting"
    if phase != "Running":
        return f"is {phase}"
    if not is_ready(pod):
        return "is Running but not Ready"
    return f"is Ready but not yet Available (minReadySeconds: {min_ready_s})"


def ordering_report(cluster: Cluster, namespace: str, name: str) -> OrderingReport:
    """Follow the controller's rules (§6.3) on the current state and say where it stops."""
    sts = cluster.store.get("StatefulSet", namespace, name)
    if sts is None:
        raise not_found("StatefulSet", name)
    now = cluster.clock.now_ms
    min_ready = min_ready_seconds(sts)
    parallel = is_parallel(sts)
    policy = PARALLEL if parallel else ORDERED_READY
    desired = desired_replicas(sts)
    pods = {}
    for pod in cluster.store.list("Pod", namespace):
        parent, ordinal = parent_and_ordinal(name_of(pod))
        ref = controller_of(pod)
        if parent == name and ordinal >= 0 and (ref is None or ref.get("uid") == uid_of(sts)):
            pods[ordinal] = pod
    ready = sum(1 for p in pods.values() if is_running_and_ready(p))

    def report(action: str, waiting: str, reason: str) -> OrderingReport:
        return OrderingReport(name, policy, desired, ready, action, waiting, reason)

    if is_deleting(sts):
        return report("", "", "being deleted: the garbage collector removes its pods")
    start, end = start_ordinal(sts), end_ordinal(sts)
    for ordinal in range(start, end + 1):
        pod = pods.get(ordinal)
        if pod is None:
            if parallel:
                continue
            return report(f"create {pod_name(name, ordinal)}", "",
                          "the first ordinal" if ordinal == start else
                          "every lower ordinal is Running and Ready")
        if parallel or is_healthy(pod, min_ready, now):
            continue
        later = next((o for o in range(ordinal + 1, end + 1) if o not in pods), None)
        if later is not None:
            return report(f"create {pod_name(name, later)}", name_of(pod),
                          _why_not_healthy(cluster, pod, min_ready))
        condemned = sorted((o for o in pods if not start <= o <= end), reverse=True)
        if condemned:
            return report(f"delete {pod_name(name, condemned[0])}", name_of(pod),
                          _why_not_healthy(cluster, pod, min_ready))
        return report("", name_of(pod), _why_not_healthy(cluster, pod, min_ready))
    missing = [o for o in range(start, end + 1) if o not in pods]
    if parallel and missing:
        return report(f"create {pod_name(name, missing[0])}", "",
                      "Parallel: pods are created without waiting for each other")
    condemned = sorted((o for o in pods if not start <= o <= end), reverse=True)
    if condemned:
        top = pods[condemned[0]]
        if is_deleting(top):
            return report(f"delete {pod_name(name, condemned[1])}" if len(condemned) > 1 else "",
                          name_of(top), "is Terminating (scale-down goes one pod at a time)")
        first_unhealthy = next((pods[o] for o in reversed(condemned)
                                if not is_healthy(pods[o], min_ready, now)), None)
        if not parallel and first_unhealthy is not None and first_unhealthy is not top and \
                not is_healthy(top, min_ready, now):
            return report(f"delete {name_of(top)}", name_of(first_unhealthy),
                          _why_not_healthy(cluster, first_unhealthy, min_ready))
        return report(f"delete {name_of(top)}", "", "scale-down removes the highest ordinal first")
    if parallel:
        waiting = [p for o, p in sorted(pods.items()) if not is_healthy(p, min_ready, now)]
        if waiting:
            return report("", name_of(waiting[0]), _why_not_healthy(cluster, waiting[0], min_ready))
    if not pods:
        return report("", "", "no pods (scaled to zero)")
    return report("", "", "every pod is Running and Ready")


def describe_ordering(cluster: Cluster, namespace: str, name: str) -> str:
    """One or two lines: e.g. ``web-1 waits: web-0 is Pending: its claim www-web-0 is ...``."""
    return ordering_report(cluster, namespace, name).text()


# ---- DNS ----------------------------------------------------------------------------
def is_headless(service: Mapping[str, Any]) -> bool:
    return get_path(service, "spec", "clusterIP") == "None"


def service_dns_name(service: Mapping[str, Any]) -> str:
    return f"{name_of(service)}.{namespace_of(service)}.svc.{CLUSTER_DOMAIN}"


def pod_dns_names(cluster: Cluster, pod: Mapping[str, Any]) -> list[str]:
    """The pod's own DNS name, e.g. ``web-0.nginx.default.svc.cluster.local``.

    Cluster DNS publishes it only while the pod is an endpoint address, with its hostname,
    of the headless Service its ``spec.subdomain`` names (ready pods only, unless the
    Service sets publishNotReadyAddresses). Otherwise the list is empty.
    """
    hostname = str(get_path(pod, "spec", "hostname", default="") or "")
    subdomain = str(get_path(pod, "spec", "subdomain", default="") or "")
    namespace = namespace_of(pod)
    if not hostname or not subdomain:
        return []
    service = cluster.store.get("Service", namespace, subdomain)
    if service is None or not is_headless(service):
        return []
    endpoints = cluster.store.get("Endpoints", namespace, subdomain)
    for subset in get_path(endpoints, "subsets", default=[]) or []:
        for address in subset.get("addresses") or []:
            if address.get("hostname") == hostname and \
                    get_path(address, "targetRef", "name") == name_of(pod):
                return [f"{hostname}.{subdomain}.{namespace}.svc.{CLUSTER_DOMAIN}"]
    return []
