"""A script line that is a shell ``for`` loop, as the StatefulSet tutorials type them::

    for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done

The loop runs its body once per word, with ``$i`` / ``${i}`` replaced where the host shell
would expand it (not inside single quotes: ``'echo "$(hostname)"'`` reaches the pod as
written). As in bash without ``set -e``, a failing command prints its error and the loop
goes on; the line fails only if the last command did. Nothing else of the shell is
modelled (no pipes, no ``while``, no other variables).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

from .errors import CommandError

_LOOP = re.compile(r"^\s*for\s+([A-Za-z_]\w*)\s+in\s+(.*?)\s*;\s*do\s+(.*?)\s*;?\s*done\s*$", re.S)


def is_loop(line: str) -> bool:
    return line.lstrip().startswith("for ") and _LOOP.match(line) is not None


def _split_commands(body: str) -> list[str]:
    """The body's commands: split at ``;`` outside quotes."""
    parts, current, quote = [], [], ""
    for char in body:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == ";":
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def substitute(command: str, name: str, value: str) -> str:
    """``$name`` and ``${name}`` replaced by ``value``, except inside single quotes."""
    out, i, quote = [], 0, ""
    plain, braced = "$" + name, "${" + name + "}"
    while i < len(command):
        char = command[i]
        if quote == "'":
            if char == "'":
                quote = ""
        elif char == "'" and quote == "":
            quote = "'"
        elif char == '"':
            quote = "" if quote == '"' else '"'
        elif command.startswith(braced, i):
            out.append(value)
            i += len(braced)
            continue
        elif command.startswith(plain, i) and not (
                i + len(plain) < len(command) and (command[i + len(plain)].isalnum()
                                                   or command[i + len(plain)] == "_")):
            out.append(value)
            i += len(plain)
            continue
        out.append(char)
        i += 1
    return "".join(out)


def run_loop(line: str, run: Callable[[str], str]) -> str:
    """Run the loop with ``run`` for each command; the text of all of them, in order."""
    match = _LOOP.match(line)
    if match is None:
        raise CommandError("error: the simulator runs loops of the form "
                           "for VAR in WORDS; do COMMAND; ...; done")
    name, words_text, body = match.groups()
    try:
        words = shlex.split(words_text)
    except ValueError as err:
        raise CommandError(f"error: cannot read the loop's words: {err}") from None
    commands = _split_commands(body)
    outputs: list[str] = []
    failed: CommandError | None = None
    for word in words:
        for command in commands:
            try:
                text = run(substitute(command, name, word))
                failed = None
            except CommandError as err:
                text, failed = str(err), err
            if text:
                outputs.append(text)
    result = "\n".join(outputs)
    if failed is not None:
        raise CommandError(result)
    return result


__all__ = ["is_loop", "run_loop", "substitute"]
