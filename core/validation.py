"""API-server validation: what ``kubectl apply`` would be told is invalid, in its words.

``validate(obj, old)`` returns the field errors for creating ``obj`` (``old`` None) or
for updating ``old`` to ``obj``, in the order the API server reports them. The server
(``core.apiserver``) turns a non-empty list into ``ApiError("Invalid")``, printed as
``The PersistentVolume "pv0002" is invalid: spec.accessModes: Unsupported value:
"ReadOnlyManyy": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
"ReadWriteOncePod"``.

Before validating, the body is *decoded* as the server does: a value of the wrong
JSON type, a malformed quantity or an unknown field is not a field error but a
BadRequest, so ``validate`` raises :class:`DecodeError` (an ``ApiError``) for those.

Each :class:`FieldError` has ``path`` (printed) and ``locate`` (a finer path, e.g.
``spec.accessModes[1]``), for ``Document.line_of`` to find the line.

Simplifications, all on the side of accepting: update validation does not require a
resourceVersion (kubectl's apply sends a patch), errors the server repeats (a PV's
spec errors on update) are reported once, and only the fields the simulator uses are
checked in pods and Services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .validation_common import FieldError, go_quote, go_value
from .validation_config import (
    validate_config_map,
    validate_config_map_update,
    validate_secret,
    validate_secret_update,
)
from .validation_decode import DecodeError, decode_check
from .validation_storage import (
    validate_nfs_server,
    validate_nfs_server_update,
    validate_pv,
    validate_pv_update,
    validate_pvc,
    validate_pvc_update,
    validate_storage_class,
    validate_storage_class_update,
)
from .validation_workloads import (
    validate_controller_revision,
    validate_controller_revision_update,
    validate_generic,
    validate_generic_update,
    validate_namespace,
    validate_namespace_update,
    validate_node,
    validate_node_update,
    validate_pod,
    validate_pod_update,
    validate_service,
    validate_service_update,
    validate_statefulset,
    validate_statefulset_update,
)

__all__ = ["DecodeError", "FieldError", "decode_check", "go_quote", "go_value", "validate"]

Check = Callable[[Mapping[str, Any]], list[FieldError]]
UpdateCheck = Callable[[Mapping[str, Any], Mapping[str, Any]], list[FieldError]]

_CREATE: dict[str, Check] = {
    "PersistentVolume": validate_pv,
    "PersistentVolumeClaim": validate_pvc,
    "StorageClass": validate_storage_class,
    "Pod": validate_pod,
    "StatefulSet": validate_statefulset,
    "Service": validate_service,
    "Node": validate_node,
    "Namespace": validate_namespace,
    "NFSServer": validate_nfs_server,
    "Endpoints": lambda obj: validate_generic(obj, True),
    "Event": lambda obj: validate_generic(obj, True),
    "ControllerRevision": validate_controller_revision,
    "ConfigMap": validate_config_map,
    "Secret": validate_secret,
}
_UPDATE: dict[str, UpdateCheck] = {
    "PersistentVolume": validate_pv_update,
    "PersistentVolumeClaim": validate_pvc_update,
    "StorageClass": validate_storage_class_update,
    "Pod": validate_pod_update,
    "StatefulSet": validate_statefulset_update,
    "Service": validate_service_update,
    "Node": validate_node_update,
    "Namespace": validate_namespace_update,
    "NFSServer": validate_nfs_server_update,
    "Endpoints": lambda new, old: validate_generic_update(new, old, True),
    "Event": lambda new, old: validate_generic_update(new, old, True),
    "ControllerRevision": validate_controller_revision_update,
    "ConfigMap": validate_config_map_update,
    "Secret": validate_secret_update,
}


def validate(obj: Mapping[str, Any], old: Mapping[str, Any] | None) -> list[FieldError]:
    """Errors for ``obj`` (and, with ``old``, for an update of it); empty when valid.

    Raises :class:`DecodeError` when ``obj`` would not even decode (wrong types,
    bad quantity syntax, unknown fields).
    """
    decode_check(obj)
    kind = obj.get("kind")
    if not isinstance(kind, str):
        return []
    if old is None:
        create = _CREATE.get(kind)
        return create(obj) if create else []
    update = _UPDATE.get(kind)
    if update is None:
        return []
    # A stored object always reads back defaulted in Kubernetes (defaults apply on decode
    # from etcd); objects loaded as they were (Cluster.from_manifests) may not be.
    from .defaults import apply_defaults

    try:
        old = apply_defaults(old)
    except DecodeError:
        pass
    return update(obj, old)
