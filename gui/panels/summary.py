"""The facts that matter about one object, as (label, value) pairs for the inspector.

Display only: every value is read from the manifest as the API shows it; no
Kubernetes rule is decided here (the engine's explain module does that).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.clock import parse_timestamp
from core.controllers.statefulset_history import controlled_revisions
from core.objects import get_path, labels_of, name_of, namespace_of, phase_of

translate = QCoreApplication.translate

ACCESS_SHORT = {
    "ReadWriteOnce": "RWO",
    "ReadOnlyMany": "ROX",
    "ReadWriteMany": "RWX",
    "ReadWriteOncePod": "RWOP",
}

Facts = list[tuple[str, str]]


def modes_text(modes: Any) -> str:
    if not modes:
        return translate("Summary", "(none)")
    return ", ".join(f"{ACCESS_SHORT.get(m, m)} ({m})" for m in modes)


def class_text(obj: Mapping[str, Any]) -> str:
    spec = obj.get("spec") or {}
    if "storageClassName" not in spec or spec.get("storageClassName") is None:
        return translate("Summary", "(unset: the default class, if any, is filled in)")
    if spec.get("storageClassName") == "":
        return translate("Summary", '"" (no class: only PVs without a class)')
    return str(spec["storageClassName"])


def _age(obj: Mapping[str, Any], now_ms: int) -> str:
    from gui.panels.event_log import human_age

    created = parse_timestamp(str(get_path(obj, "metadata", "creationTimestamp") or ""))
    return human_age(now_ms - created) if created is not None else ""


def _condition(obj: Mapping[str, Any], type_: str) -> Mapping[str, Any] | None:
    for cond in get_path(obj, "status", "conditions", default=[]) or []:
        if isinstance(cond, Mapping) and cond.get("type") == type_:
            return cond
    return None


def pod_state(pod: Mapping[str, Any]) -> str:
    """What ``kubectl get pod`` shows in STATUS (ContainerCreating, Terminating...)."""
    if get_path(pod, "metadata", "deletionTimestamp"):
        return "Terminating"
    for status in get_path(pod, "status", "containerStatuses", default=[]) or []:
        waiting = get_path(status, "state", "waiting", "reason")
        if waiting:
            return str(waiting)
    return phase_of(pod) or "Pending"


def facts_for(cluster, obj: Mapping[str, Any]) -> Facts:
    kind = str(obj.get("kind") or "")
    now = cluster.clock.now_ms
    facts: Facts = []
    builder = _BUILDERS.get(kind)
    if builder is not None:
        facts.extend(builder(cluster, obj))
    age = _age(obj, now)
    if age:
        facts.append((translate("Summary", "Age"), age))
    labels = labels_of(obj)
    if labels:
        facts.append((translate("Summary", "Labels"), ", ".join(f"{k}={v}" for k, v in labels.items())))
    if get_path(obj, "metadata", "deletionTimestamp"):
        finalizers = get_path(obj, "metadata", "finalizers", default=[]) or []
        facts.append((translate("Summary", "Deleting"), translate("Summary", "yes; waiting for {what}").format(
            what=", ".join(finalizers) or translate("Summary", "grace period"))))
    return facts


def _pv(cluster, pv) -> Facts:
    spec = pv.get("spec") or {}
    claim = spec.get("claimRef") or {}
    facts: Facts = [
        (translate("Summary", "Status"), phase_of(pv) or "Pending"),
        (translate("Summary", "Capacity"), str(get_path(spec, "capacity", "storage") or "")),
        (translate("Summary", "Access modes"), modes_text(spec.get("accessModes"))),
        (translate("Summary", "Reclaim policy"), str(spec.get("persistentVolumeReclaimPolicy") or "")),
        (translate("Summary", "Storage class"), str(spec.get("storageClassName") or '""')),
        (translate("Summary", "Volume mode"), str(spec.get("volumeMode") or "Filesystem")),
        (translate("Summary", "Claim"), f"{claim.get('namespace', '')}/{claim.get('name', '')}" if claim else translate("Summary", "(none)")),
    ]
    nfs = spec.get("nfs") or {}
    if nfs:
        facts.append((translate("Summary", "NFS export"), f"{nfs.get('server', '')}:{nfs.get('path', '')}"))
    if spec.get("nodeAffinity"):
        facts.append((translate("Summary", "Node affinity"), translate("Summary", "set (only nodes that match can use it)")))
    message = get_path(pv, "status", "message")
    if message:
        facts.append((translate("Summary", "Message"), str(message)))
    return facts


def _pvc(cluster, pvc) -> Facts:
    spec = pvc.get("spec") or {}
    facts: Facts = [
        (translate("Summary", "Status"), phase_of(pvc) or "Pending"),
        (translate("Summary", "Volume"), str(spec.get("volumeName") or translate("Summary", "(none yet)"))),
        (translate("Summary", "Requested"), str(get_path(spec, "resources", "requests", "storage") or "")),
        (translate("Summary", "Capacity"), str(get_path(pvc, "status", "capacity", "storage") or translate("Summary", "(not bound)"))),
        (translate("Summary", "Access modes"), modes_text(spec.get("accessModes"))),
        (translate("Summary", "Storage class"), class_text(pvc)),
        (translate("Summary", "Volume mode"), str(spec.get("volumeMode") or "Filesystem")),
    ]
    users = [name_of(p) for p in cluster.store.list("Pod", namespace_of(pvc))
             if any(get_path(v, "persistentVolumeClaim", "claimName") == name_of(pvc)
                    for v in get_path(p, "spec", "volumes", default=[]) or [])]
    facts.append((translate("Summary", "Used by"), ", ".join(users) or translate("Summary", "(no pod)")))
    return facts


def _pod(cluster, pod) -> Facts:
    spec = pod.get("spec") or {}
    facts: Facts = [
        (translate("Summary", "Status"), pod_state(pod)),
        (translate("Summary", "Node"), str(spec.get("nodeName") or translate("Summary", "(not scheduled)"))),
        (translate("Summary", "IP"), str(get_path(pod, "status", "podIP") or translate("Summary", "(none)"))),
    ]
    hostname, subdomain = spec.get("hostname"), spec.get("subdomain")
    if hostname and subdomain:
        facts.append(("DNS name",
                      f"{hostname}.{subdomain}.{namespace_of(pod)}.svc.cluster.local"))
    claims = [str(get_path(v, "persistentVolumeClaim", "claimName"))
              for v in spec.get("volumes") or [] if get_path(v, "persistentVolumeClaim")]
    facts.append((translate("Summary", "Claims"), ", ".join(claims) or translate("Summary", "(none)")))
    owners = get_path(pod, "metadata", "ownerReferences", default=[]) or []
    if owners:
        facts.append((translate("Summary", "Controlled by"), ", ".join(f"{o.get('kind')}/{o.get('name')}"
                                                 for o in owners)))
    scheduled = _condition(pod, "PodScheduled")
    if scheduled and scheduled.get("status") == "False":
        facts.append((translate("Summary", "Not scheduled"), str(scheduled.get("message") or scheduled.get("reason"))))
    return facts


def _sts(cluster, sts) -> Facts:
    spec = sts.get("spec") or {}
    status = sts.get("status") or {}
    templates = [name_of(t) for t in spec.get("volumeClaimTemplates") or []]
    retention = spec.get("persistentVolumeClaimRetentionPolicy") or {}
    facts: Facts = [
        (translate("Summary", "Replicas"), f"{spec.get('replicas', 1)} desired · {status.get('replicas', 0)} current · "
                     f"{status.get('readyReplicas', 0)} ready"),
        (translate("Summary", "Service"), str(spec.get("serviceName") or "")),
        (translate("Summary", "Claim templates"), ", ".join(templates) or translate("Summary", "(none)")),
        (translate("Summary", "Pod management"), str(spec.get("podManagementPolicy") or "OrderedReady")),
    ]
    if retention:
        facts.append((translate("Summary", "Claim retention"), ", ".join(f"{k}: {v}" for k, v in retention.items())))
    revisions = controlled_revisions(cluster.store, sts)
    if revisions:
        current = str(status.get("currentRevision") or "")
        update = str(status.get("updateRevision") or "")
        numbers = {name_of(r): r.get("revision") for r in revisions}
        text = translate("Summary", "{count} kept · current {name} (#{number})").format(
            count=len(revisions), name=current, number=numbers.get(current, "?"))
        if update and update != current:
            text += "\n" + translate("Summary", "rolling out {name} (#{number})").format(
                name=update, number=numbers.get(update, "?"))
        facts.append((translate("Summary", "Revisions"), text))
    return facts


def _node(cluster, node) -> Facts:
    ready = _condition(node, "Ready")
    pods = [name_of(p) for p in cluster.store.list("Pod")
            if get_path(p, "spec", "nodeName") == name_of(node)]
    return [
        (translate("Summary", "Ready"), str(ready.get("status")) if ready else "Unknown"),
        (translate("Summary", "Schedulable"), translate("Summary", "no (cordoned)") if get_path(node, "spec", "unschedulable")
         else translate("Summary", "yes")),
        (translate("Summary", "Pods"), ", ".join(pods) or translate("Summary", "(none)")),
    ]


def _sc(cluster, sc) -> Facts:
    default = (get_path(sc, "metadata", "annotations", default={}) or {}).get(
        "storageclass.kubernetes.io/is-default-class") == "true"
    return [
        (translate("Summary", "Provisioner"), str(sc.get("provisioner") or "")),
        (translate("Summary", "Reclaim policy"), str(sc.get("reclaimPolicy") or "Delete")),
        (translate("Summary", "Binding mode"), str(sc.get("volumeBindingMode") or "Immediate")),
        (translate("Summary", "Default class"), "yes" if default else "no"),
    ]


def _svc(cluster, svc) -> Facts:
    spec = svc.get("spec") or {}
    return [
        (translate("Summary", "Cluster IP"), str(spec.get("clusterIP") or "")
         + (translate("Summary", " (headless)") if spec.get("clusterIP") == "None" else "")),
        (translate("Summary", "Selector"), ", ".join(f"{k}={v}" for k, v in (spec.get("selector") or {}).items())),
        (translate("Summary", "Ports"), ", ".join(str(p.get("port")) for p in spec.get("ports") or [])),
    ]


def _nfs(cluster, server) -> Facts:
    spec = server.get("spec") or {}
    exports = spec.get("exports") or []
    return [
        (translate("Summary", "Address"), str(spec.get("address") or spec.get("server") or name_of(server))),
        (translate("Summary", "Exports"), ", ".join(str(e.get("path", e)) if isinstance(e, Mapping) else str(e)
                              for e in exports) or translate("Summary", "(none)")),
    ]


_BUILDERS = {
    "PersistentVolume": _pv,
    "PersistentVolumeClaim": _pvc,
    "Pod": _pod,
    "StatefulSet": _sts,
    "Node": _node,
    "StorageClass": _sc,
    "Service": _svc,
    "NFSServer": _nfs,
}


def status_word(obj: Mapping[str, Any]) -> str:
    """The one word for the inspector's header."""
    kind = obj.get("kind")
    if kind == "Pod":
        return pod_state(obj)
    if kind == "Node":
        ready = _condition(obj, "Ready")
        return "Ready" if ready and ready.get("status") == "True" else "NotReady"
    if get_path(obj, "metadata", "deletionTimestamp"):
        return "Terminating"
    return phase_of(obj)
