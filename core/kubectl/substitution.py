"""Command substitution (``$(cmd)``, `` `cmd` ``) for ``kubectl exec POD -- sh -c SCRIPT``.

The tutorial writes ``echo "$(hostname)" > .../index.html``: the container's shell runs
``hostname`` and puts its output, trailing newlines removed, in place of ``$(...)``.
The simulator's shell (core/podexec.py) has no substitution, so this pass runs each
substituted command in the same container first and hands the shell the result,
quoted so it stays one word inside double quotes and splits on blanks outside them,
as dash does. A failing inner command substitutes its output so far (usually nothing).
"""

from __future__ import annotations

from collections.abc import Callable

_SHELLS = ("sh", "bash", "ash", "dash")
_UNQUOTED_SPECIAL = set("\\'\"`$;&|<>()*?[]#~{}")


def needs_substitution(argv: list[str]) -> bool:
    return (len(argv) >= 3 and argv[0].rsplit("/", 1)[-1] in _SHELLS and argv[1] == "-c"
            and ("$(" in argv[2] or "`" in argv[2]))


def _closing_paren(text: str, start: int) -> int:
    """Index of the ``)`` closing the ``$(`` whose body starts at ``start``, or -1."""
    depth, quote, i = 1, "", start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "\\":
            i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _quote(value: str, in_double: bool) -> str:
    if in_double:
        return value.replace("\\", "\\\\").replace('"', '\\"')
    return "".join("\\" + ch if ch in _UNQUOTED_SPECIAL else ch for ch in value)


def substitute(script: str, run: Callable[[str], str]) -> str:
    """``script`` with every command substitution replaced by ``run(command)``'s output."""
    out: list[str] = []
    quote = ""
    i = 0
    while i < len(script):
        ch = script[i]
        if quote == "'":
            out.append(ch)
            if ch == "'":
                quote = ""
            i += 1
            continue
        if ch == "\\" and i + 1 < len(script):
            out.append(script[i:i + 2])
            i += 2
            continue
        inner: str | None = None
        if script.startswith("$(", i):
            end = _closing_paren(script, i + 2)
            if end > 0:
                inner, i = script[i + 2:end], end + 1
        elif ch == "`":
            end = script.find("`", i + 1)
            if end > 0:
                inner, i = script[i + 1:end], end + 1
        if inner is not None:
            out.append(_quote(run(substitute(inner, run)).rstrip("\n"), quote == '"'))
            continue
        if ch == '"':
            quote = "" if quote == '"' else '"'
        elif ch == "'" and not quote:
            quote = "'"
        out.append(ch)
        i += 1
    return "".join(out)


__all__ = ["needs_substitution", "substitute"]
