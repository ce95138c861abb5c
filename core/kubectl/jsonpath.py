"""``-o jsonpath=...``: the subset of kubectl's JSONPath people type.

Text outside braces is printed as is; inside, ``.a.b``, ``['a']``, ``[0]``, ``[-1]``,
``[*]``, ``..a`` (recursive descent), filters ``[?(@.type=="Ready")]`` (``==``/``!=``
and bare ``[?(@.a)]``), string literals ``{"\\n"}`` and ``{range PATH}...{end}``.
Several results of one expression are joined by spaces; missing keys print nothing
(kubectl's printer allows missing keys); maps and lists print as compact JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ..errors import CommandError

_SEGMENT = re.compile(r"""\.\.([\w-]+)|\.((?:[\w/-]|\\\.)+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]"""
                      r"""|\[\s*(-?\d+)\s*\]|\[\s*\*\s*\]|\.\*|\[\?\((.*?)\)\]"""
                      r"""|\[\s*(-?\d*)\s*:\s*(-?\d*)\s*(?::\s*(-?\d*)\s*)?\]"""
                      r"""|\[\s*((?:-?\d+|'[^']*')(?:\s*,\s*(?:-?\d+|'[^']*'))+)\s*\]""")
_FILTER = re.compile(r"""@((?:\.[\w-]+)+)\s*(?:(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?\d+)))?""")


def _select(values: list[Any], path: str) -> list[Any]:
    pos = 0
    path = path.strip()
    if path in ("", ".", "@", "$"):
        return values
    if path.startswith(("$", "@")):
        path = path[1:]
    while pos < len(path):
        match = _SEGMENT.match(path, pos)
        if match is None:
            raise ValueError(f"unrecognized identifier {path[pos:]}")
        pos = match.end()
        (recursive, name, quoted, dquoted, index, condition, start, end, step,
         union) = match.groups()
        out: list[Any] = []
        for value in values:
            if start is not None:
                if isinstance(value, list):
                    out.extend(_slice(value, start, end, step))
            elif union is not None:
                for part in (p.strip() for p in union.split(",")):
                    if part.startswith("'"):
                        if isinstance(value, Mapping) and part[1:-1] in value:
                            out.append(value[part[1:-1]])
                    elif isinstance(value, list) and -len(value) <= int(part) < len(value):
                        out.append(value[int(part)])
            elif recursive is not None:
                out.extend(_descend(value, recursive))
            elif name is not None or quoted is not None or dquoted is not None:
                key = name.replace("\\.", ".") if name is not None else \
                    quoted if quoted is not None else dquoted
                if isinstance(value, Mapping) and key in value:
                    out.append(value[key])
            elif index is not None:
                if isinstance(value, list) and -len(value) <= int(index) < len(value):
                    out.append(value[int(index)])
            elif condition is not None:
                items = value if isinstance(value, list) else []
                out.extend(item for item in items if _keep(item, condition))
            elif isinstance(value, list):
                out.extend(value)
            elif isinstance(value, Mapping):
                out.extend(value[k] for k in sorted(value))
        values = out
    return values


def _slice(items: list[Any], start_text: str, end_text: str, step_text: str | None
           ) -> list[Any]:
    """client-go's array slice: negative ends count from the back, and (unlike Python)
    ends outside the list are an error, not clipped."""
    length = len(items)
    start = int(start_text) if start_text else 0
    end = int(end_text) if end_text else length
    if start < 0:
        start += length
    if end < 0:
        end += length
    if start == end:
        return []
    if not 0 <= start < length:
        raise ValueError(f"array index out of bounds: index {start}, length {length}")
    if not 0 <= end <= length:
        raise ValueError(f"array index out of bounds: index {end - 1}, length {length}")
    if start > end:
        raise ValueError(f"starting index {start} is greater than ending index {end}")
    step = int(step_text) if step_text else 1
    if step <= 0:
        raise ValueError("step must be > 0")
    return items[start:end:step]


def _descend(value: Any, name: str) -> list[Any]:
    found: list[Any] = []
    if isinstance(value, Mapping):
        if name in value:
            found.append(value[name])
        for key in sorted(value):
            found.extend(_descend(value[key], name))
    elif isinstance(value, list):
        for item in value:
            found.extend(_descend(item, name))
    return found


def _keep(item: Any, condition: str) -> bool:
    match = _FILTER.fullmatch(condition.strip())
    if match is None:
        raise ValueError(f"unrecognized filter {condition}")
    chain, op, text, text2, number = match.groups()
    found = _select([item], chain)
    if op is None:
        return bool(found)
    wanted: Any = text if text is not None else text2 if text2 is not None else int(number)
    hit = any(v == wanted for v in found)
    return hit if op == "==" else not hit


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (Mapping, list)):
        return json.dumps(value, separators=(",", ":"), sort_keys=True)
    return str(value)


def _tokens(template: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(template):
        start = template.find("{", pos)
        if start < 0:
            out.append(("text", template[pos:]))
            break
        if start > pos:
            out.append(("text", template[pos:start]))
        depth, end = 0, start
        while end < len(template):
            if template[end] == "{":
                depth += 1
            elif template[end] == "}":
                depth -= 1
                if depth == 0:
                    break
            end += 1
        if end >= len(template):
            raise ValueError("unclosed action")
        out.append(("expr", template[start + 1:end].strip()))
        pos = end + 1
    return out


def _run(tokens: list[tuple[str, str]], i: int, dot: Any, out: list[str]) -> int:
    while i < len(tokens):
        kind, text = tokens[i]
        i += 1
        if kind == "text":
            out.append(text)
        elif text == "end":
            return i
        elif text.startswith("range "):
            items = _select([dot], text[6:])
            body_end = _skip(tokens, i)
            for item in items:
                _run(tokens, i, item, out)
            i = body_end
        elif text.startswith(('"', "'")):
            out.append(bytes(text[1:-1], "utf-8").decode("unicode_escape"))
        else:
            out.append(" ".join(_text(v) for v in _select([dot], text)))
    return i


def _skip(tokens: list[tuple[str, str]], i: int) -> int:
    depth = 1
    while i < len(tokens):
        kind, text = tokens[i]
        i += 1
        if kind == "expr" and text.startswith("range "):
            depth += 1
        elif kind == "expr" and text == "end":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError("not in range, nothing to end")


def select(obj: Any, path: str) -> list[Any]:
    """The values ``path`` (``.a.b``, no braces) finds in ``obj``; [] when none (missing keys
    allowed, as the sorter's parser allows them)."""
    try:
        return [v for v in _select([obj], path) if v is not None]
    except ValueError as err:
        raise CommandError(f"error: error parsing jsonpath {{{path}}}, {err}") from None


def render(template: str, obj: Any) -> str:
    """What ``kubectl get -o jsonpath=TEMPLATE`` prints for ``obj``."""
    out: list[str] = []
    try:
        _run(_tokens(template), 0, obj, out)
    except ValueError as err:
        raise CommandError(f"error: error parsing jsonpath {template}, {err}") from None
    return "".join(out)


def custom_columns(spec: str, obj: Any) -> str:
    """``-o custom-columns=HEADER:PATH,...`` for an object or a List (one row per item)."""
    from .tables import render as render_table

    columns: list[tuple[str, str]] = []
    for part in spec.split(","):
        header, colon, path = part.partition(":")
        if not colon:
            raise CommandError(f'error: unexpected custom-columns spec: {part}, expected '
                               '<header>:<json-path-expr>')
        path = path.strip()
        if path.startswith("{") and path.endswith("}"):
            path = path[1:-1]
        columns.append((header, path if path.startswith(".") else "." + path))
    items = obj.get("items") if isinstance(obj, Mapping) and obj.get("kind") == "List" else [obj]
    rows = [[header for header, _ in columns]]
    for item in items or ():
        row = []
        for _, path in columns:
            try:
                found = _select([item], path)
            except ValueError as err:
                raise CommandError(f"error: error parsing jsonpath {{{path}}}, {err}") from None
            row.append(",".join(_text(v) for v in found) if found else "<none>")
        rows.append(row)
    return render_table(rows).rstrip("\n")


__all__ = ["custom_columns", "render"]
