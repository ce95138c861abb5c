"""ConfigMap and Secret validation (``ValidateConfigMap*`` / ``ValidateSecret*`` in
``pkg/apis/core/validation``), with the API server's wording.

Values arrive already decoded and defaulted: a Secret's ``stringData`` has been merged
into ``data`` (so its keys are reported as ``data[key]``), ``binaryData`` and ``data``
values decode as base64 (a bad one was a BadRequest before validation). Go walks maps
in random order; errors here follow the keys' sorted order so runs are repeatable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from .gobase64 import Base64Error
from .gobase64 import decode as decode_base64
from .validation_common import (
    ErrorList,
    FieldError,
    forbidden,
    immutable,
    invalid,
    key,
    m,
    max_len_error,
    name_is_dns_subdomain,
    regex_error,
    required,
    s,
    too_long,
    validate_object_meta,
    validate_object_meta_update,
)

#: ``core.MaxSecretSize``: also the limit for a ConfigMap's data and binaryData together.
MAX_SECRET_SIZE = 1 * 1024 * 1024
CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+"
CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
_CONFIG_KEY = re.compile(CONFIG_KEY_FMT)
IMMUTABLE_SET = "field is immutable when `immutable` is set"

# Secret types and the keys they require (core/types.go).
SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token"
SERVICE_ACCOUNT_NAME_KEY = "kubernetes.io/service-account.name"
DOCKERCFG = "kubernetes.io/dockercfg"
DOCKERCFG_KEY = ".dockercfg"
DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson"
DOCKER_CONFIG_JSON_KEY = ".dockerconfigjson"
BASIC_AUTH = "kubernetes.io/basic-auth"
SSH_AUTH = "kubernetes.io/ssh-auth"
TLS = "kubernetes.io/tls"
REDACTED = "<secret contents redacted>"


def is_config_map_key(value: str) -> list[str]:
    """``validation.IsConfigMapKey``: also the rule for Secret keys."""
    errs = []
    if len(value) > 253:
        errs.append(max_len_error(253))
    if not _CONFIG_KEY.fullmatch(value):
        errs.append(regex_error(CONFIG_KEY_MSG, CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"))
    if value == ".":
        errs.append("must not be '.'")
    elif value == "..":
        errs.append("must not be '..'")
    elif value.startswith(".."):
        errs.append("must not start with '..'")
    return errs


def _decoded_len(value: Any) -> int:
    try:
        return len(decode_base64(s(value)))
    except Base64Error:
        return 0


# ---- ConfigMap ------------------------------------------------------------------------------
def validate_config_map(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), True, name_is_dns_subdomain)
    data, binary = m(obj.get("data")), m(obj.get("binaryData"))
    total = 0
    for k in sorted(data):
        path = key("data", k)
        errs.extend(invalid(path, k, msg) for msg in is_config_map_key(k))
        if k in binary:
            errs.append(invalid(path, k, "duplicate of key present in binaryData"))
        # Go's len() of a string counts bytes.
        total += len(s(data[k]).encode())
    for k in sorted(binary):
        errs.extend(invalid(key("binaryData", k), k, msg) for msg in is_config_map_key(k))
        total += _decoded_len(binary[k])
    if total > MAX_SECRET_SIZE:
        # field.NewPath(""): the error is about the whole object, printed as "[]".
        errs.append(too_long("[]", MAX_SECRET_SIZE))
    return errs


def validate_config_map_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    if old.get("immutable") is True:
        if new.get("immutable") is not True:
            errs.append(forbidden("immutable", IMMUTABLE_SET))
        if _bag(new, "data") != _bag(old, "data"):
            errs.append(forbidden("data", IMMUTABLE_SET))
        if _bag(new, "binaryData") != _bag(old, "binaryData"):
            errs.append(forbidden("binaryData", IMMUTABLE_SET))
    errs.extend(validate_config_map(new))
    return errs


def _bag(obj: Mapping[str, Any], field: str) -> dict[str, Any]:
    # reflect.DeepEqual of Go maps: a nil map and an empty one differ, but both decode
    # from an absent or empty field the same way here, which is what users compare.
    return dict(m(obj.get(field)))


# ---- Secret ---------------------------------------------------------------------------------
def validate_secret(obj: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta(obj.get("metadata"), True, name_is_dns_subdomain)
    data = m(obj.get("data"))
    total = 0
    for k in sorted(data):
        errs.extend(invalid(key("data", k), k, msg) for msg in is_config_map_key(k))
        total += _decoded_len(data[k])
    if total > MAX_SECRET_SIZE:
        errs.append(too_long("data", MAX_SECRET_SIZE))
    errs.extend(_type_checks(obj, data))
    return errs


def _type_checks(obj: Mapping[str, Any], data: Mapping[str, Any]) -> ErrorList:
    secret_type = s(obj.get("type"))
    if secret_type == SERVICE_ACCOUNT_TOKEN:
        annotations = m(m(obj.get("metadata")).get("annotations"))
        if not s(annotations.get(SERVICE_ACCOUNT_NAME_KEY)):
            return [required(key("metadata.annotations", SERVICE_ACCOUNT_NAME_KEY))]
    elif secret_type in (DOCKERCFG, DOCKER_CONFIG_JSON):
        data_key = DOCKERCFG_KEY if secret_type == DOCKERCFG else DOCKER_CONFIG_JSON_KEY
        if data_key not in data:
            return [required(key("data", data_key))]
        problem = go_json_object_error(_decoded(data[data_key]))
        if problem:
            return [invalid(key("data", data_key), REDACTED, problem)]
    elif secret_type == BASIC_AUTH:
        # Either may be empty, but one of the two must be present.
        if "username" not in data and "password" not in data:
            return [required(key("data", "username")), required(key("data", "password"))]
    elif secret_type == SSH_AUTH:
        if not _decoded(data.get("ssh-privatekey")):
            return [required(key("data", "ssh-privatekey"))]
    elif secret_type == TLS:
        return [required(key("data", k)) for k in ("tls.crt", "tls.key") if k not in data]
    return []


def _decoded(value: Any) -> bytes:
    try:
        return decode_base64(s(value))
    except Base64Error:
        return b""


def validate_secret_update(new: Mapping[str, Any], old: Mapping[str, Any]) -> ErrorList:
    errs = validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    errs.extend(immutable(s(new.get("type")), s(old.get("type")), "type"))
    if old.get("immutable") is True:
        if new.get("immutable") is not True:
            errs.append(forbidden("immutable", IMMUTABLE_SET))
        if _bag(new, "data") != _bag(old, "data"):
            errs.append(forbidden("data", IMMUTABLE_SET))
    errs.extend(validate_secret(new))
    return errs


# ---- json.Unmarshal into map[string]interface{} ---------------------------------------------
def _quote_char(ch: str) -> str:
    """encoding/json's ``quoteChar``."""
    if ch == "'":
        return "'\\''"
    if ch == '"':
        return "'\"'"
    text = json.dumps(ch)[1:-1]
    return f"'{text}'"


_GO_JSON_KINDS = {list: "array", str: "string", bool: "bool", int: "number", float: "number"}


def go_json_object_error(raw: bytes) -> str:
    """The error ``json.Unmarshal(raw, &map[string]interface{}{})`` gives, "" if none.

    Covers the usual mistakes (truncated or non-JSON text, a JSON value that is not an
    object) with Go's wording; rarer scanner errors get the closest of these texts.
    """
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        return "unexpected end of JSON input"
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()):
            return "unexpected end of JSON input"
        ch = _quote_char(text[exc.pos])
        if exc.msg.startswith("Extra data"):
            return f"invalid character {ch} after top-level value"
        if exc.msg.startswith("Expecting property name"):
            return f"invalid character {ch} looking for beginning of object key string"
        if exc.msg.startswith("Expecting ':'"):
            return f"invalid character {ch} after object key"
        if exc.msg.startswith("Expecting ','"):
            inside = _innermost(text[:exc.pos])
            where = "object key:value pair" if inside == "{" else "array element"
            return f"invalid character {ch} after {where}"
        return f"invalid character {ch} looking for beginning of value"
    if value is None or isinstance(value, dict):
        return ""
    kind = _GO_JSON_KINDS.get(type(value), "value")
    return f"json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}"


def _innermost(prefix: str) -> str:
    """The innermost open bracket of the JSON text before an error (strings skipped)."""
    stack: list[str] = []
    in_string = escaped = False
    for ch in prefix:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            stack.append(ch)
        elif ch in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else ""


__all__ = ["FieldError", "MAX_SECRET_SIZE", "go_json_object_error", "is_config_map_key",
           "validate_config_map", "validate_config_map_update", "validate_secret",
           "validate_secret_update"]
