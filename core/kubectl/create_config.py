"""``kubectl create configmap NAME`` and ``kubectl create secret generic NAME`` from
``--from-literal=key=value`` (and ``--from-file=[key=]path``), with kubectl's messages
(``create_configmap.go``, ``create_secret.go``).

The object is built as kubectl builds it and sent to the API server, whose errors come
back wrapped: ``error: failed to create configmap: configmaps "x" already exists``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import ApiError, CommandError
from ..gobase64 import encode as base64_encode
from ..validation_config import is_config_map_key
from .flags import GLOBAL_FLAGS, Flag, parse_flags

if TYPE_CHECKING:
    from ..cluster import Cluster

_SOURCE_FLAGS = [Flag("from-literal", repeated=True), Flag("from-file", repeated=True),
                 Flag("from-env-file", repeated=True), Flag("append-hash", takes_value=False),
                 Flag("dry-run"), Flag("output", "o"), Flag("save-config", takes_value=False),
                 Flag("validate")]


def _one_name(command: str, args: list[str]) -> str:
    if len(args) != 1:
        raise CommandError(f"error: exactly one NAME is required, got {len(args)}\n"
                           f"See 'kubectl {command} -h' for help and examples")
    return args[0]


def _literal(source: str) -> tuple[str, str]:
    """``util.ParseLiteralSource``."""
    key, sep, value = source.partition("=")
    if not sep or not key:
        raise CommandError(f"error: invalid literal source {source}, expected key=value")
    return key, value


def _file(source: str) -> tuple[str, str]:
    """``util.ParseFileSource`` plus reading the file: ``[key=]path``."""
    key, sep, path = source.partition("=")
    if not sep:
        key, path = os.path.basename(source), source
    elif not key or not path:
        raise CommandError(f"error: key names or file paths cannot be empty: {source!r}")
    if os.path.isdir(path):
        raise CommandError("error: reading a directory with --from-file is not available in "
                           "the simulator; name the files one by one")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return key, handle.read()
    except OSError:
        raise CommandError(f"error: error reading {path}: no such file or directory") from None


def _entries(parsed: Any, what: str, name: str) -> dict[str, str]:
    if parsed.get("from-env-file"):
        raise CommandError("error: --from-env-file is not available in the simulator; use "
                           "--from-literal")
    out: dict[str, str] = {}
    sources = [_file(str(s)) for s in parsed.get("from-file") or []]
    sources += [_literal(str(s)) for s in parsed.get("from-literal") or []]
    for key, value in sources:
        problems = is_config_map_key(key)
        if problems:
            raise CommandError(f'error: "{key}" is not a valid key name for a {what}: '
                               + ",".join(problems))
        if key in out:
            raise CommandError(f'error: cannot add key "{key}", another key by that name '
                               f'already exists in Data for {what} "{name}"')
        out[key] = value
    return out


def _refuse_dry_run(parsed: Any) -> None:
    if parsed.text("dry-run") not in ("", "none"):
        raise CommandError("error: --dry-run is not available in the simulator (commands here "
                           "always change the simulated cluster); run it without --dry-run")


def _create(cluster: Cluster, obj: dict[str, Any], what: str) -> str:
    try:
        cluster.api.create(obj, actor="kubectl", reason=f"kubectl create {what}")
    except ApiError as err:
        raise CommandError(f"error: failed to create {what}: {err.message}") from None
    return f"{what}/{obj['metadata']['name']} created"


def _metadata(parsed: Any, name: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": name}
    if parsed.text("namespace"):
        metadata["namespace"] = parsed.text("namespace")
    return metadata


def create_configmap(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("create configmap", argv, GLOBAL_FLAGS + _SOURCE_FLAGS)
    name = _one_name("create configmap", parsed.args)
    _refuse_dry_run(parsed)
    data = _entries(parsed, "ConfigMap", name)
    return _create(cluster, {"apiVersion": "v1", "kind": "ConfigMap",
                             "metadata": _metadata(parsed, name), "data": data}, "configmap")


def create_secret(cluster: Cluster, argv: list[str]) -> str:
    """``kubectl create secret generic``; the tls and docker-registry forms are refused."""
    if not argv or argv[0] != "generic":
        form = f"kubectl create secret {argv[0]}" if argv else "kubectl create secret without a type"
        raise CommandError(f"error: {form} is not available in the simulator; use kubectl "
                           "create secret generic NAME --from-literal=key=value, or apply a "
                           "Secret manifest")
    parsed = parse_flags("create secret generic", argv[1:],
                         GLOBAL_FLAGS + _SOURCE_FLAGS + [Flag("type")])
    name = _one_name("create secret generic", parsed.args)
    _refuse_dry_run(parsed)
    data = _entries(parsed, "Secret", name)
    obj: dict[str, Any] = {"apiVersion": "v1", "kind": "Secret",
                           "metadata": _metadata(parsed, name),
                           "data": {k: base64_encode(v) for k, v in data.items()}}
    if parsed.text("type"):
        obj["type"] = parsed.text("type")
    return _create(cluster, obj, "secret")


#: ``kubectl create <subcommand>`` handlers, for the create verb to dispatch to.
SUBCOMMANDS = {"configmap": create_configmap, "cm": create_configmap, "secret": create_secret}
