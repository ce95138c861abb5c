"""Pods as the scheduler and the kubelet see them: volumes, claims, QoS, conditions, images."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from . import quantity
from .objects import get_path, is_map, meta, name_of, namespace_of, phase_of

#: The order a kubelet lists pod conditions in (``kubectl describe pod`` shows this).
CONDITION_ORDER = ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                   "PodScheduled")
TERMINAL_PHASES = ("Succeeded", "Failed")
DEFAULT_SCHEDULER = "default-scheduler"
RWOP = "ReadWriteOncePod"


# ---- spec -------------------------------------------------------------------------------
def volumes(pod: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [v for v in get_path(pod, "spec", "volumes", default=()) or () if is_map(v)]


def claim_names(pod: Mapping[str, Any]) -> list[str]:
    """Claims the pod's volumes name, in volume order, without repeats."""
    out: list[str] = []
    for volume in volumes(pod):
        name = get_path(volume, "persistentVolumeClaim", "claimName")
        if name and name not in out:
            out.append(str(name))
    return out


def containers(pod: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in get_path(pod, "spec", "containers", default=()) or ()
            if is_map(c)]


def init_containers(pod: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in get_path(pod, "spec", "initContainers", default=()) or ()
            if is_map(c)]


def tolerations(pod: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [t for t in get_path(pod, "spec", "tolerations", default=()) or ()
            if is_map(t)]


def node_name(pod: Mapping[str, Any]) -> str:
    spec = pod.get("spec")
    if type(spec) is dict:
        value = spec.get("nodeName")
        if type(value) is str:
            return value
    return str(get_path(pod, "spec", "nodeName", default="") or "")


def is_terminal(pod: Mapping[str, Any]) -> bool:
    return phase_of(pod) in TERMINAL_PHASES


def scheduler_name(pod: Mapping[str, Any]) -> str:
    return str(get_path(pod, "spec", "schedulerName", default="") or DEFAULT_SCHEDULER)


def controller_ref(pod: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for ref in meta(pod).get("ownerReferences") or ():
        if is_map(ref) and ref.get("controller"):
            return ref
    return None


def key_text(pod: Mapping[str, Any]) -> str:
    return f"{namespace_of(pod) or 'default'}/{name_of(pod)}"


# ---- resources --------------------------------------------------------------------------
def amount(text: Any) -> Fraction:
    try:
        return quantity.parse(str(text)).value
    except Exception:  # noqa: BLE001 - validation rejects bad quantities before pods get here
        return Fraction(0)


def requests(pod: Mapping[str, Any]) -> dict[str, Fraction]:
    """Effective requests: containers summed, init containers by maximum, plus overhead."""
    total: dict[str, Fraction] = {}
    for container in containers(pod):
        for resource, value in (get_path(container, "resources", "requests", default={}) or {}).items():
            total[resource] = total.get(resource, Fraction(0)) + amount(value)
    for container in init_containers(pod):
        for resource, value in (get_path(container, "resources", "requests", default={}) or {}).items():
            total[resource] = max(total.get(resource, Fraction(0)), amount(value))
    for resource, value in (get_path(pod, "spec", "overhead", default={}) or {}).items():
        total[resource] = total.get(resource, Fraction(0)) + amount(value)
    return total


def qos_class(pod: Mapping[str, Any]) -> str:
    """``GetPodQOS``: BestEffort, Guaranteed or Burstable."""
    all_containers = [*containers(pod), *init_containers(pod)]
    any_set = False
    guaranteed = True
    for container in all_containers:
        reqs = get_path(container, "resources", "requests", default={}) or {}
        lims = get_path(container, "resources", "limits", default={}) or {}
        for resource in ("cpu", "memory"):
            req, lim = reqs.get(resource), lims.get(resource)
            if req is not None or lim is not None:
                any_set = True
            if lim is None:
                guaranteed = False
            elif req is not None and amount(req) != amount(lim):
                guaranteed = False
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


# ---- conditions -------------------------------------------------------------------------
def condition(pod: Mapping[str, Any], kind: str) -> Mapping[str, Any] | None:
    for cond in get_path(pod, "status", "conditions", default=()) or ():
        if is_map(cond) and cond.get("type") == kind:
            return cond
    return None


def is_ready(pod: Mapping[str, Any]) -> bool:
    cond = condition(pod, "Ready")
    return bool(cond) and cond.get("status") == "True"


def with_conditions(existing: Iterable[Mapping[str, Any]],
                    updates: Mapping[str, tuple[str, str, str]], now: str) -> list[dict[str, Any]]:
    """``existing`` with ``updates`` (type → (status, reason, message)) applied.

    lastTransitionTime moves only when a condition's status changes. The kubelet's own
    conditions come first in its usual order; others keep their place after them.
    """
    by_type: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for cond in existing:
        if is_map(cond) and cond.get("type"):
            by_type[str(cond["type"])] = dict(cond)
            order.append(str(cond["type"]))
    for kind, (status, reason, message) in updates.items():
        old = by_type.get(kind)
        new: dict[str, Any] = {"type": kind, "status": status, "lastProbeTime": None}
        same = old is not None and old.get("status") == status
        new["lastTransitionTime"] = (old or {}).get("lastTransitionTime") if same else now
        if not new["lastTransitionTime"]:
            new["lastTransitionTime"] = now
        if reason:
            new["reason"] = reason
        if message:
            new["message"] = message
        by_type[kind] = new
        if kind not in order:
            order.append(kind)
    ranked = [k for k in CONDITION_ORDER if k in by_type]
    ranked += [k for k in order if k not in CONDITION_ORDER]
    return [by_type[k] for k in ranked]


# ---- images -----------------------------------------------------------------------------
def image_reference(image: str) -> str:
    """The fully qualified name the runtime reports (``nginx`` → ``docker.io/library/nginx:latest``)."""
    name, digest = (image.split("@", 1) + [""])[:2]
    first = name.split("/", 1)[0]
    has_registry = "/" in name and ("." in first or ":" in first or first == "localhost")
    if not has_registry:
        name = f"docker.io/{name}" if "/" in name else f"docker.io/library/{name}"
    last = name.rsplit("/", 1)[-1]
    if ":" not in last and not digest:
        name += ":latest"
    return f"{name}@{digest}" if digest else name


def image_repository(image: str) -> str:
    ref = image_reference(image).split("@", 1)[0]
    head, _, last = ref.rpartition("/")
    return f"{head}/{last.split(':', 1)[0]}"


def image_id(image: str) -> str:
    digest = hashlib.sha256(f"image:{image_reference(image)}".encode()).hexdigest()
    return f"{image_repository(image)}@sha256:{digest}"


def image_size(image: str) -> int:
    """A stable, plausible compressed size (20–200 MB) for an image name."""
    digest = hashlib.sha256(f"size:{image_reference(image)}".encode()).digest()
    return 20_000_000 + int.from_bytes(digest[:4], "big") % 180_000_000


def pull_policy(container: Mapping[str, Any]) -> str:
    """The API default when unset: Always for ``:latest`` or untagged images."""
    policy = container.get("imagePullPolicy")
    if policy:
        return str(policy)
    image = str(container.get("image") or "")
    last = image.split("@", 1)[0].rsplit("/", 1)[-1]
    if "@" in image:
        return "IfNotPresent"
    if ":" not in last or last.endswith(":latest"):
        return "Always"
    return "IfNotPresent"


def container_id(pod_uid: str, container: str) -> str:
    return "containerd://" + hashlib.sha256(f"{pod_uid}/{container}".encode()).hexdigest()


def go_duration(ms: int) -> str:
    """Go's ``time.Duration.String`` for whole milliseconds (``1.2s``, ``800ms``, ``1m30s``)."""
    if ms == 0:
        return "0s"
    if ms < 1000:
        return f"{ms}ms"
    total_s = Fraction(ms, 1000)
    hours, rest = divmod(total_s, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{float(seconds):.3f}".rstrip("0").rstrip(".") + "s"
    if hours:
        return f"{int(hours)}h{int(minutes)}m{text}"
    if minutes:
        return f"{int(minutes)}m{text}"
    return text


def hostname(pod: Mapping[str, Any]) -> str:
    return str(get_path(pod, "spec", "hostname", default="") or name_of(pod))
