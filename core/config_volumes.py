"""What a pod gets from ConfigMaps and Secrets: volume files and environment variables,
and the kubelet's errors when they are missing (``pkg/volume/configmap``,
``pkg/volume/secret``, ``pkg/volume/projected``, ``kubelet_pods.go``).

Wording carried over from the kubelet: a missing object is ``configmap "x" not found``
/ ``secret "x" not found`` (the kubelet's object managers name the resource in the
singular), a missing key listed in ``items`` is ``configmap references non-existent
config key: k`` / ``references non-existent secret key: k``, and for environment
variables ``couldn't find key k in ConfigMap ns/x`` / ``... in Secret ns/x``. A
projected volume joins several errors as ``utilerrors.NewAggregate`` prints them.

The ``kube-root-ca.crt`` ConfigMap, which a real cluster publishes in every namespace
for the service-account volume, is treated as present even though the simulator does
not store it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .gobase64 import decoded_text
from .objects import Manifest, get_path, is_map
from .store import Store

ROOT_CA = "kube-root-ca.crt"
#: A stand-in certificate for ``ca.crt`` (not a real key: nothing here verifies TLS).
_ROOT_CA_PEM = ("-----BEGIN CERTIFICATE-----\n"
                "MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy\n"
                "-----END CERTIFICATE-----\n")
_TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InB2Z3JhcGgifQ.eyJzdWIiOiJwdmdyYXBoIn0.c2lnbmF0dXJl"

KIND_TAGS = {"ConfigMap": "configmap", "Secret": "secret"}


def tag(kind: str, namespace: str, name: str) -> str:
    """The kubelet's interest tag for an object (``configmap:ns/name``)."""
    return f"{KIND_TAGS[kind]}:{namespace}/{name}"


def lookup(store: Store, kind: str, namespace: str, name: str) -> Manifest | None:
    obj = store.get(kind, namespace, name)
    if obj is None and kind == "ConfigMap" and name == ROOT_CA:
        return {"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": ROOT_CA, "namespace": namespace},
                "data": {"ca.crt": _ROOT_CA_PEM}}
    return obj


def values_of(obj: Mapping[str, Any]) -> dict[str, str]:
    """Every key of a ConfigMap or Secret with its content as text."""
    out: dict[str, str] = {}
    if obj.get("kind") == "Secret":
        for k, v in (obj.get("data") or {}).items():
            out[str(k)] = decoded_text(str(v or ""))
        return out
    for k, v in (obj.get("data") or {}).items():
        out[str(k)] = "" if v is None else str(v)
    for k, v in (obj.get("binaryData") or {}).items():
        out[str(k)] = decoded_text(str(v or ""))
    return out


def _not_found(kind: str, name: str) -> str:
    return f'{KIND_TAGS[kind]} "{name}" not found'


def _missing_key(kind: str, key: str) -> str:
    if kind == "ConfigMap":
        return f"configmap references non-existent config key: {key}"
    return f"references non-existent secret key: {key}"


@dataclass
class Payload:
    """The files of one volume (paths relative to its root), or why it cannot be set up."""

    files: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)

    @property
    def error(self) -> str:
        if len(self.errors) == 1:
            return self.errors[0]
        return "[" + ", ".join(self.errors) + "]"


def _project(store: Store, kind: str, namespace: str, source: Mapping[str, Any], name: str,
             out: Payload) -> None:
    """``MakePayload`` for one ConfigMap or Secret source (plain or projected)."""
    out.tags.add(tag(kind, namespace, name))
    optional = source.get("optional") is True
    obj = lookup(store, kind, namespace, name)
    if obj is None:
        if not optional:
            out.errors.append(_not_found(kind, name))
        return
    values = values_of(obj)
    items = [i for i in source.get("items") or () if is_map(i)]
    if not items:
        out.files.update(values)
        return
    for item in items:
        key = str(item.get("key") or "")
        if key not in values:
            if optional:
                continue
            out.errors.append(_missing_key(kind, key))
            return
        out.files[str(item.get("path") or key)] = values[key]


def _downward(pod: Mapping[str, Any], source: Mapping[str, Any], out: Payload) -> None:
    for item in source.get("items") or ():
        if not is_map(item):
            continue
        field_path = str(get_path(item, "fieldRef", "fieldPath", default="") or "")
        if not field_path:
            continue
        if field_path in ("metadata.labels", "metadata.annotations"):
            pairs = get_path(pod, *field_path.split(".")) or {}
            text = "\n".join(f'{k}="{pairs[k]}"' for k in sorted(pairs))
        else:
            text = str(get_path(pod, *field_path.split("."), default="") or "")
        out.files[str(item.get("path") or "")] = text


def cannot_fail(volume: Mapping[str, Any]) -> bool:
    """A projected volume of only a token, the downward API and ``kube-root-ca.crt`` (the
    ServiceAccount volume every pod gets): nothing it reads can be missing."""
    projected = volume.get("projected")
    if type(projected) is not dict:
        return False
    for item in projected.get("sources") or ():
        if type(item) is not dict:
            return False
        config_map = item.get("configMap")
        if config_map is not None:
            if type(config_map) is not dict or config_map.get("name") != ROOT_CA:
                return False
        elif item.get("serviceAccountToken") is None and item.get("downwardAPI") is None:
            return False
    return True


def volume_payload(store: Store, pod: Mapping[str, Any],
                   volume: Mapping[str, Any]) -> Payload | None:
    """The files a configMap, secret or projected volume holds; None for other volumes."""
    namespace = str(get_path(pod, "metadata", "namespace", default="default") or "default")
    out = Payload()
    if is_map(volume.get("configMap")):
        source = volume["configMap"]
        _project(store, "ConfigMap", namespace, source, str(source.get("name") or ""), out)
    elif is_map(volume.get("secret")):
        source = volume["secret"]
        _project(store, "Secret", namespace, source, str(source.get("secretName") or ""), out)
    elif is_map(volume.get("projected")):
        for item in volume["projected"].get("sources") or ():
            if not is_map(item):
                continue
            if is_map(item.get("configMap")):
                source = item["configMap"]
                _project(store, "ConfigMap", namespace, source, str(source.get("name") or ""),
                         out)
            elif is_map(item.get("secret")):
                source = item["secret"]
                _project(store, "Secret", namespace, source, str(source.get("name") or ""), out)
            elif is_map(item.get("downwardAPI")):
                _downward(pod, item["downwardAPI"], out)
            elif is_map(item.get("serviceAccountToken")):
                path = str(item["serviceAccountToken"].get("path") or "token")
                out.files[path] = _TOKEN
    elif is_map(volume.get("downwardAPI")):
        _downward(pod, volume["downwardAPI"], out)
    else:
        return None
    return out


def tree_contents(files: Mapping[str, str]) -> tuple[set[str], dict[str, str]]:
    """Directories and files (absolute paths) of a volume holding ``files``."""
    dirs = {"/"}
    out: dict[str, str] = {}
    for rel, text in files.items():
        path = posixpath.normpath("/" + rel)
        out[path] = text
        parent = posixpath.dirname(path)
        while parent != "/":
            dirs.add(parent)
            parent = posixpath.dirname(parent)
    return dirs, out


# ---- environment variables ---------------------------------------------------------------------
def env_error(store: Store, namespace: str, container: Mapping[str, Any]) -> tuple[str, set[str]]:
    """The error ``makeEnvironmentVariables`` gives for a container ("" if none) and the
    objects it read, in the kubelet's order: ``envFrom`` first, then ``env``."""
    tags: set[str] = set()
    for source in container.get("envFrom") or ():
        if not is_map(source):
            continue
        for field_name, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            ref = source.get(field_name)
            if not is_map(ref):
                continue
            name = str(ref.get("name") or "")
            tags.add(tag(kind, namespace, name))
            if lookup(store, kind, namespace, name) is None and ref.get("optional") is not True:
                return _not_found(kind, name), tags
    for env in container.get("env") or ():
        value_from = env.get("valueFrom") if is_map(env) else None
        if not is_map(value_from):
            continue
        for field_name, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
            ref = value_from.get(field_name)
            if not is_map(ref):
                continue
            name, key = str(ref.get("name") or ""), str(ref.get("key") or "")
            optional = ref.get("optional") is True
            tags.add(tag(kind, namespace, name))
            obj = lookup(store, kind, namespace, name)
            if obj is None:
                if optional:
                    continue
                return _not_found(kind, name), tags
            if key not in values_of(obj) and not optional:
                return f"couldn't find key {key} in {kind} {namespace}/{name}", tags
    return "", tags


def env_values(store: Store, namespace: str, container: Mapping[str, Any]) -> dict[str, str]:
    """The container's environment from ``envFrom`` and ``env`` (later entries win)."""
    out: dict[str, str] = {}
    for source in container.get("envFrom") or ():
        if not is_map(source):
            continue
        prefix = str(source.get("prefix") or "")
        for field_name, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            ref = source.get(field_name)
            obj = lookup(store, kind, namespace, str(ref.get("name") or "")) \
                if is_map(ref) else None
            if obj is not None:
                out.update({prefix + k: v for k, v in values_of(obj).items()})
    for env in container.get("env") or ():
        if not is_map(env):
            continue
        name = str(env.get("name") or "")
        value_from = env.get("valueFrom")
        if not is_map(value_from):
            out[name] = str(env.get("value") or "")
            continue
        for field_name, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
            ref = value_from.get(field_name)
            if not is_map(ref):
                continue
            obj = lookup(store, kind, namespace, str(ref.get("name") or ""))
            values = values_of(obj) if obj is not None else {}
            key = str(ref.get("key") or "")
            if key in values:
                out[name] = values[key]
    return out
