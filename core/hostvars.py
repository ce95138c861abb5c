"""Shell variables on script lines, as the "Delete a StatefulSet" task page uses them::

    grace=$(kubectl get pods web-0 --template '{{.spec.terminationGracePeriodSeconds}}')
    sleep $grace

A line ``NAME=VALUE`` sets a variable (``VALUE`` may be quoted, or ``$(COMMAND)``, which runs
that script command and keeps its output without trailing newlines). Later lines get
``$NAME`` / ``${NAME}`` replaced where the host shell would expand them (not inside single
quotes). Only variables set this way are replaced: ``$(hostname)`` and ``$HOME``-like words
that a line hands to a pod's shell are left alone. Variables live as long as the cluster.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from typing import Any

from .loops import substitute

_ASSIGNMENT = re.compile(r"^\s*([A-Za-z_]\w*)=(.*)$", re.S)


def variables(cluster: Any) -> dict[str, str]:
    found = getattr(cluster, "_script_variables", None)
    if found is None:
        found = {}
        cluster._script_variables = found
    return found


def assignment(line: str) -> tuple[str, str] | None:
    """(name, value text) when the line is ``NAME=VALUE`` and nothing else."""
    match = _ASSIGNMENT.match(line)
    if match is None:
        return None
    value = match.group(2).strip()
    if value.startswith("$(") and value.endswith(")"):
        return match.group(1), value
    try:
        words = shlex.split(value) if value else [""]
    except ValueError:
        return None
    return (match.group(1), value) if len(words) == 1 else None


def assign(cluster: Any, name: str, value: str, run: Callable[[str], str]) -> str:
    """Set the variable; prints nothing, as the shell does."""
    if value.startswith("$(") and value.endswith(")"):
        result = run(value[2:-1]).rstrip("\n")
    else:
        result = shlex.split(value)[0] if value else ""
    variables(cluster)[name] = expand(cluster, result)
    return ""


def expand(cluster: Any, line: str) -> str:
    """``line`` with the variables set so far replaced (outside single quotes)."""
    for name, value in variables(cluster).items():
        if "$" + name in line or "${" + name + "}" in line:
            line = substitute(line, name, value)
    return line


__all__ = ["assign", "assignment", "expand", "variables"]
