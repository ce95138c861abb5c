"""``-l`` label selectors and ``--field-selector`` as kubectl parses them.

Label selectors: ``k=v``, ``k==v``, ``k!=v``, ``k``, ``!k``, ``k in (a,b)``,
``k notin (a,b)``, joined by commas (all must hold). Field selectors: ``f=v``,
``f==v``, ``f!=v`` on a few dotted fields (``metadata.name``,
``involvedObject.name``, ``type``, ``reason``, ``spec.nodeName``, ``status.phase``...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import CommandError

Matcher = Callable[[Mapping[str, Any]], bool]

_SET_EXPR = re.compile(r"^\s*(!?)\s*([A-Za-z0-9_./-]+)\s*(?:(notin|in)\s*\(([^)]*)\))?\s*$")
_EQ_EXPR = re.compile(r"^\s*([A-Za-z0-9_./-]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)\s*$")


def _split_terms(text: str) -> list[str]:
    """Split on commas that are not inside ``( )``."""
    terms, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            terms.append(text[start:i])
            start = i + 1
    terms.append(text[start:])
    return terms


def parse_label_selector(text: str) -> Callable[[Mapping[str, str]], bool]:
    """A predicate over labels; raises CommandError with kubectl's wording for bad input."""
    requirements: list[Callable[[Mapping[str, str]], bool]] = []
    if not text.strip():
        return lambda labels: True
    for term in _split_terms(text):
        eq = _EQ_EXPR.match(term)
        if eq:
            key, op, value = eq.groups()
            if op == "!=":
                requirements.append(lambda lab, k=key, v=value: lab.get(k) != v)
            else:
                requirements.append(lambda lab, k=key, v=value: k in lab and lab[k] == v)
            continue
        st = _SET_EXPR.match(term)
        if not st:
            raise CommandError(f"error: unable to parse requirement: found '{term.strip()}', "
                               f"expected: identifier")
        negate, key, op, values = st.groups()
        if op:
            if negate:
                raise CommandError(f"error: unable to parse requirement: found '{term.strip()}'"
                                   f", expected: identifier")
            wanted = {v.strip() for v in values.split(",") if v.strip()}
            if op == "in":
                requirements.append(lambda lab, k=key, w=wanted: k in lab and lab[k] in w)
            else:
                requirements.append(lambda lab, k=key, w=wanted: k not in lab or lab[k] not in w)
        elif negate:
            requirements.append(lambda lab, k=key: k not in lab)
        else:
            requirements.append(lambda lab, k=key: k in lab)
    return lambda labels: all(req(labels) for req in requirements)


def _field(obj: Mapping[str, Any], dotted: str) -> str:
    current: Any = obj
    for part in dotted.split("."):
        if not isinstance(current, Mapping):
            return ""
        current = current.get(part)
    return "" if current is None else str(current)


def parse_field_selector(text: str) -> Matcher:
    """A predicate over whole objects for ``--field-selector``."""
    checks: list[Matcher] = []
    if not text.strip():
        return lambda obj: True
    for term in text.split(","):
        match = re.match(r"^\s*([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*?)\s*$", term)
        if not match:
            raise CommandError(f'error: invalid selector: \'{text}\'; can\'t understand '
                               f'\'{term}\'')
        field, op, value = match.groups()
        if op == "!=":
            checks.append(lambda obj, f=field, v=value: _field(obj, f) != v)
        else:
            checks.append(lambda obj, f=field, v=value: _field(obj, f) == v)
    return lambda obj: all(check(obj) for check in checks)
