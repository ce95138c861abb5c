"""``-o yaml``, ``-o json`` and ``-o name`` exactly as kubectl prints them.

kubectl prints objects as unstructured maps, so keys come out sorted: encoding/json
sorts by bytes (4-space indent, ``<``, ``>``, ``&`` escaped as ``\\u003c``...), and
sigs.k8s.io/yaml goes through go-yaml v2, which sorts keys in its own "natural"
order (non-letters before letters, digit runs compared as numbers), quotes a string
with double quotes when it would otherwise read as another type (``"2025-..."``,
``"1"``, ``"yes"``, ``""``), single-quotes it when plain style cannot hold it
(``': '``, a leading ``*``...), writes strings with newlines as ``|`` blocks, does
not indent lists under their key, and folds long plain strings at 80 columns.
PyYAML's emitter is a port of the same libyaml emitter, so it writes the nodes; the
style and key-order decisions are made here the way go-yaml makes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cmp_to_key
from typing import Any

import yaml

from ..kinds import KindInfo, lookup


def list_object(items: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``List`` kubectl prints for ``get KIND -o yaml|json`` (even for 0 or 1 item)."""
    return {"apiVersion": "v1", "items": list(items), "kind": "List",
            "metadata": {"resourceVersion": ""}}


# ---- JSON ------------------------------------------------------------------------------
_GO_HTML_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                    "\u2029": "\\u2029"}
_GO_HTML_RE = re.compile("[<>&\u2028\u2029]")


def _go_escape(text: str) -> str:
    # Outside strings JSON never holds these characters, so replacing them is safe.
    return _GO_HTML_RE.sub(lambda m: _GO_HTML_ESCAPES[m.group(0)], text)


def to_json(obj: Any) -> str:
    """``json.MarshalIndent(obj, "", "    ")`` plus the newline kubectl adds."""
    return _go_escape(json.dumps(obj, indent=4, sort_keys=True, ensure_ascii=False)) + "\n"


def compact_json(obj: Any) -> str:
    """``json.Marshal`` (compact, sorted keys, HTML-escaped), as in last-applied-configuration."""
    return _go_escape(json.dumps(obj, sort_keys=True, ensure_ascii=False,
                                 separators=(",", ":")))


# ---- YAML ------------------------------------------------------------------------------
def _go_yaml_key_less(a: str, b: str) -> bool:
    """go-yaml v2's ``keyList.Less`` for string keys."""
    ar, br = a, b
    for i in range(min(len(ar), len(br))):
        if ar[i] == br[i]:
            continue
        al, bl = ar[i].isalpha(), br[i].isalpha()
        if al and bl:
            return ar[i] < br[i]
        if al or bl:
            return bl
        an = bn = 0
        if ar[i] == "0" or br[i] == "0":
            j = i - 1
            while j >= 0 and ar[j].isdigit():
                if ar[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(ar) and ar[ai].isdigit():
            an = an * 10 + int(ar[ai])
            ai += 1
        bi = i
        while bi < len(br) and br[bi].isdigit():
            bn = bn * 10 + int(br[bi])
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ar[i] < br[i]
    return len(ar) < len(br)


def _go_key_cmp(a: str, b: str) -> int:
    if _go_yaml_key_less(a, b):
        return -1
    if _go_yaml_key_less(b, a):
        return 1
    return 0


_GO_KEY = cmp_to_key(_go_key_cmp)

# go-yaml v2's resolver: plain scalars that would not read back as a string.
_RESOLVE_MAP = frozenset([
    "", "~", "null", "Null", "NULL",
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
    "-.inf", "-.Inf", "-.INF",
])
# go-yaml only consults its resolver for scalars starting with one of these.
_HINTED = set("yYnNtTfFoO~.+-0123456789")
_YAML_STYLE_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BASE60_FLOAT = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_GO_INT = re.compile(r"^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$")
# go-yaml v2's allowedTimestampFormats (Go layouts allow 1-digit date and time fields).
_TIMESTAMP_FORMATS = (
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[-+]\d{2}:\d{2})$"),
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?$"),
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$"),
)


def _resolves_to_string(text: str) -> bool:
    """Whether go-yaml v2 would read ``text`` back, unquoted, as a string."""
    if text == "":
        return False
    if text[0] not in _HINTED:
        return True
    if text in _RESOLVE_MAP:
        return False
    first = text[0]
    if first == ".":
        try:
            float(text)
        except ValueError:
            return True
        return False
    if first.isdigit() or first in "+-":
        if any(p.match(text) for p in _TIMESTAMP_FORMATS):
            return False
        plain = text.replace("_", "")
        if _GO_INT.match(plain) or _YAML_STYLE_FLOAT.match(plain):
            return False
    return True


def _string_style(text: str) -> str | None:
    """go-yaml v2's choice for a string: ``|`` with newlines, plain if it reads back as a
    string, else double quotes. (The emitter may still demote plain to single quotes.)"""
    if "\n" in text:
        return "|"
    if _resolves_to_string(text) and not _BASE60_FLOAT.match(text):
        return None
    return '"'


# libyaml's emitter (what go-yaml ported) when PyYAML has it; the Python port otherwise.
# Both write the same text; the C one is about three times faster.
_BaseDumper: Any = getattr(yaml, "CSafeDumper", None) or yaml.SafeDumper


class _GoYamlDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Represents every scalar as a string node whose style go-yaml would pick."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _scalar(dumper: yaml.SafeDumper, value: str, style: str | None) -> yaml.ScalarNode:
    return yaml.ScalarNode("tag:yaml.org,2002:str", value, style=style)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return _scalar(dumper, data, _string_style(data))


def _represent_bool(dumper: yaml.SafeDumper, data: bool) -> yaml.ScalarNode:
    return _scalar(dumper, "true" if data else "false", None)


def _represent_int(dumper: yaml.SafeDumper, data: int) -> yaml.ScalarNode:
    return _scalar(dumper, str(data), None)


def _represent_float(dumper: yaml.SafeDumper, data: float) -> yaml.ScalarNode:
    if data != data:
        text = ".NaN"
    elif data in (float("inf"), float("-inf")):
        text = ".Inf" if data > 0 else "-.Inf"
    elif data == int(data) and abs(data) < 1e21:
        text = str(int(data))
    else:
        text = repr(data)
    return _scalar(dumper, text, None)


def _represent_none(dumper: yaml.SafeDumper, data: None) -> yaml.ScalarNode:
    return _scalar(dumper, "null", None)


def _represent_dict(dumper: yaml.SafeDumper, data: Mapping[Any, Any]) -> yaml.MappingNode:
    keys = sorted((str(k) for k in data), key=_GO_KEY)
    by_text = {str(k): v for k, v in data.items()}
    value = [(dumper.represent_data(k), dumper.represent_data(by_text[k])) for k in keys]
    return yaml.MappingNode("tag:yaml.org,2002:map", value, flow_style=False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    value = [dumper.represent_data(item) for item in data]
    return yaml.SequenceNode("tag:yaml.org,2002:seq", value, flow_style=False)


_GoYamlDumper.add_representer(str, _represent_str)
_GoYamlDumper.add_representer(bool, _represent_bool)
_GoYamlDumper.add_representer(int, _represent_int)
_GoYamlDumper.add_representer(float, _represent_float)
_GoYamlDumper.add_representer(type(None), _represent_none)
_GoYamlDumper.add_representer(dict, _represent_dict)
_GoYamlDumper.add_representer(list, _represent_list)
_GoYamlDumper.add_representer(tuple, _represent_list)
# Every node is a str-tagged scalar with an explicit style; no implicit resolution,
# so PyYAML's own (YAML 1.1, slightly different) resolver never forces quotes.
_GoYamlDumper.yaml_implicit_resolvers = {}


def to_yaml(obj: Any) -> str:
    """The object as ``kubectl get -o yaml`` prints it."""
    return yaml.dump(obj, Dumper=_GoYamlDumper, default_flow_style=False, allow_unicode=True,
                     width=80, indent=2, sort_keys=False)


# ---- -o name -----------------------------------------------------------------------------
def resource_name(info: KindInfo) -> str:
    """``persistentvolume``, ``statefulset.apps``, ``storageclass.storage.k8s.io``."""
    return info.qualified_singular


def to_name(obj: Mapping[str, Any]) -> str:
    """``persistentvolume/pv0001`` as ``-o name`` and ``apply`` print it."""
    info = lookup(str(obj.get("kind") or ""))
    kind = resource_name(info) if info else str(obj.get("kind") or "").lower()
    meta = obj.get("metadata") or {}
    return f"{kind}/{meta.get('name', '')}"
