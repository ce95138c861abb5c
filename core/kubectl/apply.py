"""``kubectl apply|create|delete -f``: manifests in, one line per object out.

Like kubectl, every valid object of the files is acted on, in order, and the errors
(invalid objects, unknown kinds, unreadable documents) are reported after the output;
nothing already in the cluster is lost because of another object's error. Each error is
kept in two wordings (:class:`Failure`): located (``file:line: ...``, for the GUI's error
panel and the Python API) and kubectl's own, which the kubectl verbs print: one error
alone as ``cmdutil.CheckErr`` prints it (``The PersistentVolume "pv0002" is invalid:
...``), several as its ``MultipleErrors`` list (``Error from server (Invalid): error when
creating "pvs.yaml": PersistentVolume "pv0002" is invalid: ...``, one per line).

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
from .messages import api_error_text, located, located_api_error
from .output import compact_json, to_name
from .patch import strategic_merge_patch, three_way_patch

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


@dataclass(frozen=True)
class Failure:
    """One refused object or unreadable document, in each wording it is shown in."""

    #: With ``file:line``, for the GUI's error panel and ``core.commands.apply_*``.
    located: str
    #: What kubectl prints when this is the command's only error.
    alone: str
    #: Its line when kubectl reports several errors at once.
    listed: str


def _without_error_prefix(text: str) -> str:
    # MultipleErrors prints each error's own text: the "error: " that checkErr adds to a
    # lone plain error is not part of it.
    return text[len("error: "):] if text.startswith("error: ") else text


@dataclass
class Outcome:
    """What a manifest verb prints: ``lines`` as it goes, then ``errors``."""

    lines: list[str] = field(default_factory=list)
    #: The located wording of every error (what the GUI and the Python API show).
    errors: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.lines + self.errors)

    def fail(self, located: str, alone: str | None = None, listed: str | None = None) -> None:
        """Record an error; ``alone``/``listed`` default to the located text."""
        alone = located if alone is None else alone
        self.add(Failure(located, alone, _without_error_prefix(alone)
                         if listed is None else listed))

    def add(self, failure: Failure, *, first: bool = False) -> None:
        """Record ``failure``, after the others or (``first``) before them."""
        at = 0 if first else len(self.failures)
        self.errors.insert(at, failure.located)
        self.failures.insert(at, failure)

    def kubectl_errors(self) -> list[str]:
        """The errors as kubectl ends the command: one alone, or the list of several."""
        if len(self.failures) == 1:
            return [self.failures[0].alone]
        return [failure.listed for failure in self.failures]


def _qualified_kind(kind: str) -> str:
    """``schema.GroupKind.String()``: ``PersistentVolume``, ``StatefulSet.apps``."""
    info = KINDS.get(kind)
    return f"{kind}.{info.group}" if info is not None and info.group else kind


def _status_message(err: ApiError) -> str:
    """The API server's Status message: an Invalid error's is ``NewInvalid``'s sentence
    (causes deduplicated, several in brackets), others' is the error's own message."""
    if err.reason != "Invalid" or not err.causes:
        return err.message
    causes = list(dict.fromkeys(err.causes))
    joined = causes[0] if len(causes) == 1 else "[" + ", ".join(causes) + "]"
    return f'{_qualified_kind(err.kind)} "{err.name}" is invalid: {joined}'


def _patch_target(obj: Mapping[str, Any]) -> str:
    """``resource.Info.String()`` of the object ``kubectl apply`` patched."""
    kind = str(obj.get("kind") or "")
    info = KINDS.get(kind)
    group, _, version = str(obj.get("apiVersion") or "").rpartition("/")
    resource = info.plural if info is not None else kind.lower() + "s"
    metadata = obj.get("metadata") or {}
    return (f'Resource: "{group}/{version}, Resource={resource}", GroupVersionKind: '
            f'"{group}/{version}, Kind={kind}"\nName: "{metadata.get("name") or ""}", '
            f'Namespace: "{metadata.get("namespace") or ""}"')


def _api_failure(outcome: Outcome, doc: Any, err: ApiError, verb: str,
                 context: str = "") -> None:
    """An API refusal of ``doc``'s object. ``verb`` is AddSourceToErr's (``creating``,
    ``patching``, ``deleting``); ``context`` the outer one ``kubectl apply`` wraps a failed
    patch in (``applying patch:\n{...}\nto:\n<info>\nfor:``)."""
    source = str(getattr(doc, "source", "") or "")
    message = _status_message(err)
    if source:
        message = f'error when {verb} "{source}": {message}'
        if context:
            message = f'error when {context} "{source}": {message}'
    listed = f"Error from server ({err.reason}): {message}"
    # A lone Invalid error is printed from its details (kind, name, causes), which the
    # source does not reach; any other lone error is printed like a listed one.
    alone = api_error_text(err) if err.reason == "Invalid" and err.causes else listed
    outcome.fail(located_api_error(doc, err, verb), alone, listed)


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


def _reading_failure(err: ManifestError, file: Path) -> Failure:
    """A document that could not be read: located for the GUI, kubectl's words if it is a
    YAML syntax error kubectl would word (see core/kubectl/yamlerrors.py)."""
    from .yamlerrors import kubectl_parse_error

    located_text = f"error: {err}"
    kubectl_text = None
    if err.message.startswith("invalid YAML"):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = None
        if text is not None:
            kubectl_text = kubectl_parse_error(text, err.file, err.line)
    alone = kubectl_text or located_text
    return Failure(located_text, alone, _without_error_prefix(alone))


def read_documents(cluster: Cluster, path_text: str, *, recursive: bool = False,
                   ) -> tuple[list[Any], list[Failure]]:
    """Documents of a file or directory named relative to the script's folder.

    Returns (documents, per-document failures); a path that does not exist or a file
    that cannot be read at all raises CommandError, before anything is applied.
    """
    from ..manifests import load_path

    if path_text.startswith(("http://", "https://")):
        resolved = _known_example(path_text)
    else:
        resolved = Path(path_text)
        if not resolved.is_absolute():
            resolved = Path(cluster.script_dir) / resolved
    if not resolved.exists():
        raise CommandError(f'error: the path "{path_text}" does not exist')
    shown_root = os.fspath(resolved)
    docs: list[Any] = []
    errors: list[Failure] = []
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
        errors.extend(_reading_failure(_relabel(err, shown), file) for err in problems)
    return docs, errors


#: The tutorials' example manifests, bundled: the simulator has no network, but these URLs
#: (k8s.io/examples, kubernetes.io/examples, the website repository) are known by heart.
KNOWN_EXAMPLES = {
    "application/web/web.yaml": "web.yaml",
    "application/web/web-parallel.yaml": "web-parallel.yaml",
}


def _known_example(url: str) -> Path:
    from assets import asset_path

    for suffix, name in KNOWN_EXAMPLES.items():
        if url.rstrip("/").endswith("/examples/" + suffix):
            return Path(asset_path("scripts", name))
    raise CommandError(f'error: unable to read URL "{url}": the simulated cluster has no '
                       f"network; download the file and apply it by path (known by heart: "
                       + ", ".join(f"https://k8s.io/examples/{s}" for s in KNOWN_EXAMPLES)
                       + ")")


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
            outcome.fail(str(err))
            continue
        modified = _annotated(_strip_server_metadata(obj))
        name = to_name(modified)
        current = cluster.store.get_key(key_of(modified))
        patch: dict[str, Any] | None = None
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
            updated = keep_status(str(modified["kind"]), strategic_merge_patch(current, patch),
                                  current)
            cluster.api.update(updated, actor="kubectl", reason="kubectl apply: configure")
            outcome.lines.append(f"{name} configured")
        except ApiError as err:
            if current is None:
                _api_failure(outcome, doc, err, "creating")
            else:
                context = (f"applying patch:\n{compact_json(patch or {})}\nto:\n"
                           f"{_patch_target(modified)}\nfor:")
                _api_failure(outcome, doc, err, "patching", context)
    return outcome


def create_documents(cluster: Cluster, docs: Iterable[Any], *, namespace: str | None = None,
                     save_config: bool = False) -> Outcome:
    """``kubectl create -f``: AlreadyExists for objects that are there."""
    outcome = Outcome()
    for doc in docs:
        try:
            obj = _strip_server_metadata(_with_namespace(doc, namespace))
        except CommandError as err:
            outcome.fail(str(err))
            continue
        if save_config:
            obj = _annotated(obj)
        try:
            cluster.api.create(obj, actor="kubectl", reason="kubectl create")
            outcome.lines.append(f"{to_name(obj)} created")
        except ApiError as err:
            _api_failure(outcome, doc, err, "creating")
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
            outcome.fail(str(err))
            continue
        kind, ns, name = key_of(obj)
        if not kind or not name:
            outcome.fail(located(doc, "resource name may not be empty"))
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
            _api_failure(outcome, doc, err, "deleting")
    return outcome
