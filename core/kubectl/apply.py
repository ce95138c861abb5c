"""``kubectl apply|create|delete -f``: manifests in, one line per object out.

Like kubectl, every valid object of the files is acted on, in order, and the errors
(invalid objects, unknown kinds, unreadable documents) are reported after the output,
each with ``file:line``; nothing already in the cluster is lost because of another
object's error.

``apply`` keeps the ``kubectl.kubernetes.io/last-applied-configuration`` annotation
(compact sorted JSON of the object as written, namespace filled in, ``annotations: {}``
when there were none, ending in a newline) and updates with a three-way merge: fields
set in the file win, fields dropped since the last apply are removed, fields nobody
wrote in the file (claimRef, volumeName, status, finalizers added by controllers)
stay. An object whose patch is empty is ``unchanged``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ApiError, CommandError, ManifestError
from ..kinds import KINDS
from ..objects import deep_copy, key_of
from .fields import ANN_LAST_APPLIED
from .messages import located, located_api_error
from .output import compact_json, to_name
from .patch import merge_patch, three_way_patch

if TYPE_CHECKING:
    from ..cluster import Cluster

#: Kinds whose status the API server takes only through the status subresource: a
#: user's update or patch of the object leaves their status as it was.
STATUS_SUBRESOURCE = frozenset({"PersistentVolume", "PersistentVolumeClaim", "Pod",
                                "StatefulSet", "Service", "Node", "Namespace", "NFSServer"})
#: Metadata the server owns; a file that carries it (an edited ``get -o yaml``) does
#: not get to change it.
SERVER_METADATA = ("resourceVersion", "uid", "creationTimestamp", "generation",
                   "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields",
                   "selfLink")
MISSING_ANNOTATION_WARNING = (
    "Warning: resource {plural}/{name} is missing the kubectl.kubernetes.io/last-applied-"
    "configuration annotation which is required by kubectl apply. kubectl apply should only "
    "be used on resources created declaratively by either kubectl create --save-config or "
    "kubectl apply. The missing annotation will be patched automatically.")


@dataclass
class Outcome:
    """What a manifest verb prints: ``lines`` as it goes, then ``errors``."""

    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.lines + self.errors)


# ---- reading ----------------------------------------------------------------------------------
def _files(path: Path, recursive: bool) -> list[Path]:
    if not path.is_dir():
        return [path]
    out: list[Path] = []
    for child in sorted(path.iterdir()):
        if child.is_dir() and recursive:
            out.extend(_files(child, recursive))
        elif child.is_file() and child.name.endswith((".json", ".yaml", ".yml")):
            out.append(child)
    return out


def read_documents(cluster: Cluster, path_text: str, *, recursive: bool = False,
                   ) -> tuple[list[Any], list[str]]:
    """Documents of a file or directory named relative to the script's folder.

    Returns (documents, per-document error texts); a path that does not exist or a file
    that cannot be read at all raises CommandError, before anything is applied.
    """
    from ..manifests import load_path

    resolved = Path(path_text)
    if not resolved.is_absolute():
        resolved = Path(cluster.script_dir) / resolved
    if not resolved.exists():
        raise CommandError(f'error: the path "{path_text}" does not exist')
    shown_root = os.fspath(resolved)
    docs: list[Any] = []
    errors: list[str] = []
    for file in _files(resolved, recursive):
        shown = path_text if file == resolved else os.path.join(
            path_text, os.path.relpath(file, shown_root))
        problems: list[ManifestError] = []
        try:
            loaded = load_path(file, errors=problems)
        except ManifestError as err:
            raise CommandError(f"error: {_relabel(err, shown)}") from None
        for doc in loaded:
            doc.source = shown
            docs.append(doc)
        errors.extend(f"error: {_relabel(err, shown)}" for err in problems)
    return docs, errors


def _relabel(err: ManifestError, shown: str) -> ManifestError:
    return ManifestError(err.message, file=shown, line=err.line, field=err.field)


# ---- shaping objects ------------------------------------------------------------------------------
def _with_namespace(doc: Any, namespace: str | None) -> dict[str, Any]:
    """The object with kubectl's namespace rules applied (``-n`` or ``default``)."""
    obj = deep_copy(doc.obj)
    info = KINDS.get(str(obj.get("kind") or ""))
    metadata = obj.get("metadata")
    if not isinstance(metadata, dict):
        metadata = {}
        obj["metadata"] = metadata
    if info is not None and info.namespaced:
        written = metadata.get("namespace")
        if namespace and written and written != namespace:
            raise CommandError(
                f'error: the namespace from the provided object "{written}" does not match the '
                f'namespace "{namespace}". You must pass \'--namespace={written}\' to perform '
                f"this operation.")
        if not written:
            metadata["namespace"] = namespace or "default"
    return obj


def last_applied(obj: Mapping[str, Any]) -> str:
    """The annotation value ``kubectl apply`` stores for ``obj``."""
    config = deep_copy(dict(obj))
    metadata = config.setdefault("metadata", {})
    annotations = dict(metadata.get("annotations") or {})
    annotations.pop(ANN_LAST_APPLIED, None)
    metadata["annotations"] = annotations
    return compact_json(config) + "\n"


def _annotated(obj: dict[str, Any]) -> dict[str, Any]:
    value = last_applied(obj)
    out = deep_copy(obj)
    metadata = out.setdefault("metadata", {})
    annotations = dict(metadata.get("annotations") or {})
    annotations[ANN_LAST_APPLIED] = value
    metadata["annotations"] = annotations
    return out


def _strip_server_metadata(obj: dict[str, Any]) -> dict[str, Any]:
    out = dict(obj)
    metadata = dict(out.get("metadata") or {})
    for key in SERVER_METADATA:
        metadata.pop(key, None)
    out["metadata"] = metadata
    return out


def keep_status(kind: str, new: dict[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """A user write never changes the status of kinds with a status subresource."""
    if kind not in STATUS_SUBRESOURCE:
        return new
    out = dict(new)
    if "status" in current:
        out["status"] = current["status"]
    else:
        out.pop("status", None)
    return out


# ---- the verbs ----------------------------------------------------------------------------
def apply_documents(cluster: Cluster, docs: Iterable[Any], *, namespace: str | None = None,
                    outcome: Outcome | None = None) -> Outcome:
    """``kubectl apply`` of each document, in order."""
    outcome = outcome or Outcome()
    for doc in docs:
        try:
            obj = _with_namespace(doc, namespace)
        except CommandError as err:
            outcome.errors.append(str(err))
            continue
        modified = _annotated(_strip_server_metadata(obj))
        name = to_name(modified)
        current = cluster.store.get_key(key_of(modified))
        try:
            if current is None:
                cluster.api.create(modified, actor="kubectl", reason="kubectl apply: create")
                outcome.lines.append(f"{name} created")
                continue
            recorded = (current.get("metadata") or {}).get("annotations") or {}
            original = None
            if ANN_LAST_APPLIED in recorded:
                try:
                    original = json.loads(recorded[ANN_LAST_APPLIED])
                except ValueError:
                    original = None
            else:
                info = KINDS[str(modified["kind"])]
                outcome.lines.append(MISSING_ANNOTATION_WARNING.format(
                    plural=info.qualified, name=(modified.get("metadata") or {}).get("name")))
            patch = three_way_patch(original, modified, current)
            if not patch:
                outcome.lines.append(f"{name} unchanged")
                continue
            updated = keep_status(str(modified["kind"]), merge_patch(current, patch), current)
            cluster.api.update(updated, actor="kubectl", reason="kubectl apply: configure")
            outcome.lines.append(f"{name} configured")
        except ApiError as err:
            outcome.errors.append(located_api_error(
                doc, err, "creating" if current is None else "patching"))
    return outcome


def create_documents(cluster: Cluster, docs: Iterable[Any], *, namespace: str | None = None,
                     save_config: bool = False) -> Outcome:
    """``kubectl create -f``: AlreadyExists for objects that are there."""
    outcome = Outcome()
    for doc in docs:
        try:
            obj = _strip_server_metadata(_with_namespace(doc, namespace))
        except CommandError as err:
            outcome.errors.append(str(err))
            continue
        if save_config:
            obj = _annotated(obj)
        try:
            cluster.api.create(obj, actor="kubectl", reason="kubectl create")
            outcome.lines.append(f"{to_name(obj)} created")
        except ApiError as err:
            outcome.errors.append(located_api_error(doc, err, "creating"))
    return outcome


def delete_documents(cluster: Cluster, docs: Iterable[Any], *, namespace: str | None = None,
                     grace_seconds: int | None = None, force: bool = False,
                     ignore_not_found: bool = False, cascade: str = "background") -> Outcome:
    """``kubectl delete -f``: each object of the files, NotFound reported per object."""
    from .cascade import delete as delete_with_policy
    from .printing import deleted_line

    outcome = Outcome()
    for doc in docs:
        try:
            obj = _with_namespace(doc, namespace)
        except CommandError as err:
            outcome.errors.append(str(err))
            continue
        kind, ns, name = key_of(obj)
        if not kind or not name:
            outcome.errors.append(located(doc, "resource name may not be empty"))
            continue
        try:
            current = cluster.store.get(kind, ns, name)
            if current is None:
                cluster.api.delete(kind, ns, name, actor="kubectl", reason="kubectl delete",
                                   grace_seconds=grace_seconds, force=force)
            else:
                delete_with_policy(cluster, current, cascade, grace_seconds=grace_seconds,
                                   force=force)
            outcome.lines.append(deleted_line(obj, force=grace_seconds == 0))
        except ApiError as err:
            if err.reason == "NotFound" and ignore_not_found:
                continue
            outcome.errors.append(located_api_error(doc, err, "deleting"))
    return outcome
