"""``kubectl label`` and ``kubectl annotate``: change an object's labels or annotations.

Labels matter for storage: a claim's ``selector`` only matches PVs with the right labels,
so labelling a PV is how an administrator makes it eligible (the PV controller notices
the change and binds). Messages and errors are kubectl's (``pkg/cmd/label``,
``pkg/cmd/annotate``): ``pod/web-0 labeled`` / ``unlabeled`` / ``not labeled`` /
``label(s) changed``, ``... annotated``, ``'app' already has a value (nginx), and
--overwrite is false``, ``label "x" not found.``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ApiError, CommandError
from ..objects import name_of
from ..validation_common import is_label_value
from .apply import keep_status
from .flags import GLOBAL_FLAGS, Flag, Parsed, parse_flags
from .messages import api_error_text
from .resources import parse_resource_args
from .selectors import parse_label_selector

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]

FLAGS = GLOBAL_FLAGS + [
    Flag("overwrite", takes_value=False), Flag("all", takes_value=False),
    Flag("selector", "l"), Flag("list", takes_value=False), Flag("resource-version"),
    Flag("dry-run"), Flag("output", "o"), Flag("field-selector"),
    Flag("all-namespaces", "A", takes_value=False), Flag("local", takes_value=False),
    Flag("filename", "f", repeated=True),
]


def _split(args: list[str], command: str) -> tuple[list[str], list[str]]:
    """``cmdutil.GetResourcesAndPairs``: resource words first, then KEY=VAL / KEY- pairs."""
    resources: list[str] = []
    pairs: list[str] = []
    for arg in args:
        if "=" in arg or arg.endswith("-"):
            pairs.append(arg)
        elif pairs:
            raise CommandError(f"error: all resources must be specified before {command} "
                               f"changes: {arg}")
        else:
            resources.append(arg)
    return resources, pairs


def _parse_pairs(pairs: list[str], noun: str) -> tuple[dict[str, str], list[str]]:
    new: dict[str, str] = {}
    remove: list[str] = []
    for pair in pairs:
        if "=" in pair:
            parts = pair.split("=")
            if len(parts) != 2:
                raise CommandError(f"error: invalid {noun} spec: {pair}")
            if noun == "label":
                # kubectl checks label values itself, before asking the server.
                problems = is_label_value(parts[1])
                if problems:
                    raise CommandError(f'error: invalid label value: "{pair}": '
                                       f'{";".join(problems)}')
            new[parts[0]] = parts[1]
        elif pair.endswith("-"):
            remove.append(pair[:-1])
        else:  # pragma: no cover - _split only passes these two shapes
            raise CommandError(f"error: unknown {noun} spec: {pair}")
    both = [key for key in remove if key in new]
    if both and noun == "label":
        raise CommandError("error: can not both modify and remove a label in the same command")
    if both:
        raise CommandError("error: can not both modify and remove the following annotation(s) "
                           f"in the same command: {', '.join(both)}")
    return new, remove


def _aggregate(errors: list[str]) -> str:
    return errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"


def _targets(cluster: Cluster, parsed: Parsed, resources: list[str]) -> list[tuple[Any, list]]:
    """(kind info, objects or names-not-found) for each resource argument."""
    from .verbs import get_object, list_objects

    requests = parse_resource_args(resources)
    namespace = parsed.text("namespace") or "default"
    select_all = parsed.has("all") or parsed.has("selector")
    wanted = parse_label_selector(parsed.text("selector")) if parsed.has("selector") else None

    def matches(obj: Obj) -> bool:
        if wanted is None:
            return True
        labels = (obj.get("metadata") or {}).get("labels") or {}
        return wanted({str(k): str(v) for k, v in labels.items()})

    out = []
    for request in requests:
        if request.names is None:
            if not select_all:
                raise CommandError("error: resource(s) were provided, but no name was specified")
            ns = None if parsed.has("all-namespaces") else namespace
            out.append((request.info, [o for o in list_objects(cluster, request.info, ns)
                                       if matches(o)]))
        else:
            found: list[Any] = []
            for name in request.names:
                obj = get_object(cluster, request.info, namespace, name)
                found.append(obj if obj is not None else name)
            out.append((request.info, found))
    return out


def _change_message(old: Mapping[str, str], new: Mapping[str, str]) -> str:
    """kubectl's ``updateDataChangeMsg``."""
    unlabeled = any(k not in new for k in old)
    labeled = any(k in new and new[k] != v for k, v in old.items()) or \
        any(k not in old for k in new)
    if labeled and unlabeled:
        return "label(s) changed"
    if labeled:
        return "labeled"
    if unlabeled:
        return "unlabeled"
    return "not labeled"


def _run(cluster: Cluster, argv: list[str], command: str) -> str:
    from ..commands import CommandFailed
    from .verbs import refuse_dry_run

    field = "labels" if command == "label" else "annotations"
    noun = "label" if command == "label" else "annotation"
    parsed = parse_flags(command, argv, FLAGS)
    refuse_dry_run(parsed)
    resources, pairs = _split(parsed.args, command)
    new, remove = _parse_pairs(pairs, noun)
    listing = command == "label" and parsed.has("list")
    if parsed.has("all") and parsed.has("selector"):
        raise CommandError("error: cannot set --all and --selector at the same time")
    if not resources:
        raise CommandError("error: one or more resources must be specified as <resource> "
                           "<name> or <resource>/<name>")
    if not new and not remove and not listing:
        raise CommandError(f"error: at least one {noun} update is required")
    lines: list[str] = []
    errors: list[str] = []
    for info, objects in _targets(cluster, parsed, resources):
        for obj in objects:
            if isinstance(obj, str):
                errors.append(f'Error from server (NotFound): {info.qualified} "{obj}" not found')
                continue
            metadata = obj.get("metadata") or {}
            current: dict[str, str] = {str(k): str(v) for k, v in
                                       (metadata.get(field) or {}).items()}
            if listing and not new and not remove:
                lines.extend(f"{k}={v}" for k, v in current.items())
                continue
            if not parsed.has("overwrite"):
                clashes = [(k, current[k]) for k in new if k in current and current[k] != new[k]
                           and not (noun == "annotation" and k == "kubernetes.io/change-cause")]
                if clashes and noun == "label":
                    errors.append("error: " + _aggregate(
                        [f"'{k}' already has a value ({v}), and --overwrite is false"
                         for k, v in clashes]))
                    continue
                if clashes:
                    errors.append("error: --overwrite is false but found the following declared "
                                  "annotation(s): " + "; ".join(
                                      f"'{k}' already has a value ({v})" for k, v in clashes))
                    continue
            if noun == "label":
                lines.extend(f'label "{k}" not found.' for k in remove if k not in current)
            updated_map = {**current, **new}
            for key in remove:
                updated_map.pop(key, None)
            message = _change_message(current, updated_map) if noun == "label" else "annotated"
            label = f"{info.qualified_singular}/{name_of(obj)}"
            if updated_map != current:
                updated = dict(obj)
                meta = dict(metadata)
                if updated_map:
                    meta[field] = updated_map
                else:
                    meta.pop(field, None)
                updated["metadata"] = meta
                try:
                    cluster.api.update(keep_status(info.kind, updated, obj), actor="kubectl",
                                       reason=f"kubectl {command}")
                except ApiError as err:
                    errors.append(api_error_text(err))
                    continue
            lines.append(f"{label} {message}")
    text = "\n".join(lines)
    if errors:
        raise CommandFailed(text, errors)
    return text


def label(cluster: Cluster, argv: list[str]) -> str:
    return _run(cluster, argv, "label")


def annotate(cluster: Cluster, argv: list[str]) -> str:
    return _run(cluster, argv, "annotate")
