"""The script language: parse lines, run them, print what a terminal would show.

One command per line. ``#`` starts a comment when it begins a word outside quotes
(as in a shell: ``a#b`` and ``'#'`` are text). ``say TEXT`` prints a caption (its
shell words; a caption whose apostrophe leaves a quote open prints as written) and
``say.LANG TEXT`` its translation (``say.zh``). Blank lines are ignored; a line ending
in an unquoted backslash continues on the next. Each command is echoed as
``$ <line>`` followed by its output; a failing command prints kubectl's error text
and stops the run with status 1 unless ``keep_going`` is set (then the run goes on,
and still ends with status 1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .commands import caption, execute, scan_line, tokenize
from .errors import CommandError
from .kubectl.messages import error_text

if TYPE_CHECKING:
    from .cluster import Cluster


@dataclass(frozen=True)
class ScriptLine:
    #: 1-based number of the line the command starts on.
    lineno: int
    #: The command without its comment, as echoed after ``$ ``.
    text: str


def parse_script(text: str) -> list[ScriptLine]:
    """The commands of a script, with the line each starts on."""
    out: list[ScriptLine] = []
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        body, continues, _balanced = scan_line(raw)
        if not pending:
            start = number
            pending = body
        else:
            # A continued line joins with one space, as the shell would split it.
            pending = f"{pending.rstrip()} {body.lstrip()}"
        if continues:
            continue
        command = pending.strip()
        pending = ""
        if command:
            out.append(ScriptLine(start, command))
    if pending.strip():
        out.append(ScriptLine(start, pending.strip()))
    return out


def _special(text: str) -> tuple[str, str]:
    """("say"|"snapshot"|"", argument) for lines a caller may want to see."""
    found = caption(text)
    if found is not None:
        # Only the main caption is reported; ``say.LANG`` lines are its translations.
        return ("say", found[1]) if found[0] is None else ("", "")
    try:
        words = tokenize(text)
    except CommandError:
        return "", ""
    if words and words[0] in ("say", "snapshot"):
        return words[0], " ".join(words[1:])
    return "", ""


def run_script(cluster: Cluster, text: str, *, base_dir: str | Path | None = None,
               keep_going: bool = False, out: TextIO,
               on_say: Callable[[str], None] | None = None,
               on_snapshot: Callable[[str], None] | None = None) -> int:
    """Run ``text`` against ``cluster``, writing the transcript to ``out``; 0 or 1."""
    if base_dir is not None:
        cluster.script_dir = Path(base_dir)
    status = 0
    for line in parse_script(text):
        out.write(f"$ {line.text}\n")
        try:
            output = execute(cluster, line.text)
        except Exception as err:  # noqa: BLE001 - no traceback may reach the user
            out.write(error_text(err).rstrip("\n") + "\n")
            status = 1
            if not keep_going:
                return status
            continue
        if output:
            out.write(output if output.endswith("\n") else output + "\n")
        kind, argument = _special(line.text)
        if kind == "say" and on_say is not None:
            on_say(argument)
        elif kind == "snapshot" and on_snapshot is not None:
            on_snapshot(argument)
    return status
