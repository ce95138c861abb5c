"""``kubectl delete --cascade=background|foreground|orphan``.

Orphan deletion is what the API server and garbage collector do for
``propagationPolicy: Orphan``: the server adds the ``orphan`` finalizer and sets the
deletionTimestamp; the garbage collector removes the owner's reference from every
dependent, then the finalizer, and the owner disappears. The dependents (a StatefulSet's
pods) keep running, ownerless, until a controller whose selector matches adopts them.
The simulator does these writes at once, in that order (commands take no time).

Foreground deletion is not modelled (the garbage collector deletes dependents in the
background either way); ``--cascade=foreground`` deletes like ``background``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import CommandError
from ..objects import DELETE, key_of

if TYPE_CHECKING:
    from ..cluster import Cluster

ORPHAN_FINALIZER = "orphan"


def parse_cascade(raw: str | None) -> tuple[str, str]:
    """(policy, warning) for the ``--cascade`` value, as kubectl's GetCascadingStrategy."""
    if raw is None or raw == "":
        return "background", ""
    lowered = raw
    if lowered in ("true", "1", "t", "T", "TRUE", "True"):
        return "background", ("warning: --cascade=true is deprecated (boolean value) and can be "
                              "replaced with --cascade=background.")
    if lowered in ("false", "0", "f", "F", "FALSE", "False"):
        return "orphan", ("warning: --cascade=false is deprecated (boolean value) and can be "
                          "replaced with --cascade=orphan.")
    if raw in ("background", "foreground", "orphan"):
        return raw, ""
    raise CommandError(f'error: invalid cascade value ({raw}). Must be "background", '
                       f'"foreground", or "orphan".')


def _dependents(cluster: Cluster, uid: str) -> list[Mapping[str, Any]]:
    found = []
    for obj in cluster.store.all_objects():
        refs = (obj.get("metadata") or {}).get("ownerReferences") or ()
        if any(isinstance(r, Mapping) and r.get("uid") == uid for r in refs):
            found.append(obj)
    return sorted(found, key=key_of)


def delete(cluster: Cluster, obj: Mapping[str, Any], policy: str, *,
           grace_seconds: int | None, force: bool) -> None:
    """Delete ``obj`` with the propagation policy (raises ApiError like ``api.delete``)."""
    meta = obj.get("metadata") or {}
    kind, namespace, name = str(obj.get("kind")), str(meta.get("namespace") or ""), \
        str(meta.get("name"))
    uid = str(meta.get("uid") or "")
    dependents = _dependents(cluster, uid) if policy == "orphan" and uid else []
    if not dependents:
        cluster.api.delete(kind, namespace, name, actor="kubectl", reason="kubectl delete",
                           grace_seconds=grace_seconds, force=force)
        return
    api = cluster.api
    api.add_finalizer(obj, ORPHAN_FINALIZER, actor="kube-apiserver",
                      reason="delete with propagationPolicy Orphan: finalizer orphan")
    api.delete(kind, namespace, name, actor="kubectl", reason="kubectl delete --cascade=orphan",
               grace_seconds=grace_seconds, force=force)
    for dependent in dependents:
        current = cluster.store.get_key(key_of(dependent))
        if current is None:
            continue
        refs = [r for r in (current.get("metadata") or {}).get("ownerReferences") or ()
                if not (isinstance(r, Mapping) and r.get("uid") == uid)]
        api.write(current, {"metadata": {"ownerReferences": refs or DELETE}},
                  actor="garbage-collector",
                  reason=f"orphan: remove the owner reference to {kind} {name}")
    api.remove_finalizer(obj, ORPHAN_FINALIZER, actor="garbage-collector",
                         reason="dependents orphaned: remove finalizer orphan")


__all__ = ["delete", "parse_cascade"]
