"""One script line → what a terminal would print (the script language of interfaces.md).

``execute(cluster, line)`` runs one line and returns its output (without the ``$ line``
echo); a failing line raises :class:`~core.errors.CommandError` whose ``str()`` is
everything the terminal shows, kubectl's error text last. Lines are kubectl commands
(the word ``kubectl`` is required) or the simulator's own verbs: ``settle``,
``sleep``, ``nfs``, ``node``, ``snapshot``, ``say``, ``explain``.

Commands take no simulated time: ``kubectl delete`` returns at once (it does not wait
for finalizers or grace periods as a terminal would); ``settle`` is the wait. Two kubectl
commands wait the way they do in a terminal, and so let time pass: ``kubectl get -w``
prints the list and then every change until the cluster settles (as if Ctrl-C were
pressed once nothing moves; see core/kubectl/watch.py), and ``kubectl rollout status``
runs the cluster until the rollout is done (core/kubectl/rollout.py).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import ApiError, CommandError, ManifestError
from .hostvars import assign, assignment, expand
from .kubectl.apply import Outcome
from .kubectl.apply import apply_documents as _apply_docs
from .kubectl.flags import GLOBAL_FLAGS, parse_flags
from .kubectl.messages import api_error_text
from .loops import is_loop, run_loop

if TYPE_CHECKING:
    from .cluster import Cluster


class CommandFailed(CommandError):
    """A command that printed some output and then failed (``kubectl apply`` of a file
    with one invalid object). ``str()`` is the whole terminal text."""

    def __init__(self, output: str, errors: list[str]) -> None:
        self.output = output
        self.errors = list(errors)
        super().__init__("\n".join(part for part in [output, *self.errors] if part))


_CAPTION = re.compile(r"^say(?:\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?))?(?:[ \t]+(.*))?$", re.S)


def _scan(line: str, prose: bool) -> tuple[str, bool, bool]:
    quote = ""
    escaped = False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
            continue
        if quote:
            if ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
            continue
        if ch == "\\":
            escaped = True
        elif ch in "'\"" and not prose:
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip(), False, True
    if escaped and not quote:
        return line[:-1], True, True
    return line.rstrip(), False, not quote


def scan_line(line: str) -> tuple[str, bool, bool]:
    """(text before any comment, ends with a continuation backslash, quotes balanced).

    ``#`` starts a comment at the start of a word outside quotes, as in a shell. A caption
    whose quotes do not balance (``say the claim's events``) is read as prose instead.
    """
    scanned = _scan(line, prose=False)
    if not scanned[2] and _CAPTION.match(line.strip()):
        return _scan(line, prose=True)
    return scanned


def tokenize(line: str) -> list[str]:
    """Shell-like words (``'...'``, ``"..."``, backslashes); comments are already gone."""
    try:
        return shlex.split(line, comments=False, posix=True)
    except ValueError as err:
        raise CommandError(f"error: cannot parse the line: {str(err).lower()}") from None


def finish(outcome: Outcome) -> str:
    """The text of a finished command, raising when it reported errors."""
    if outcome.errors:
        raise CommandFailed("\n".join(outcome.lines), outcome.errors)
    return "\n".join(outcome.lines)


# ---- kubectl ----------------------------------------------------------------------------
def _kubectl(cluster: Cluster, argv: list[str]) -> str:
    from .kubectl import verbs

    # Global flags may come before the verb (`kubectl -n demo get pods`).
    leading: list[str] = []
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        leading.append(argv[i])
        flag = argv[i]
        i += 1
        if flag in ("-n", "--namespace", "--context", "--kubeconfig") and i < len(argv):
            leading.append(argv[i])
            i += 1
    if i >= len(argv):
        raise CommandError("error: a kubectl command is needed, e.g. kubectl get pv "
                           "(see the script language in interfaces.md)")
    verb, rest = argv[i], leading + argv[i + 1:]
    handler = verbs.VERBS.get(verb)
    if handler is None:
        raise CommandError(f'error: unknown command "{verb}" for "kubectl"')
    return handler(cluster, rest)


# ---- the simulator's verbs ----------------------------------------------------------------
def _settle(cluster: Cluster, argv: list[str]) -> str:
    if argv:
        raise CommandError("error: settle takes no arguments")
    result = cluster.settle()
    return "" if result.settled else str(result)


#: The longest one ``sleep`` may be (simulated): a week, kubectl wait's "forever" too.
MAX_SLEEP_MS = 7 * 86_400_000


def _sleep(cluster: Cluster, argv: list[str]) -> str:
    from .clock import parse_duration

    if len(argv) != 1:
        raise CommandError("error: usage: sleep DURATION (e.g. sleep 30s, sleep 2m)")
    try:
        ms = parse_duration(argv[0])
    except ValueError:
        raise CommandError(f'error: invalid duration "{argv[0]}" (use e.g. 30s, 2m, 1h30m)'
                           ) from None
    if ms < 0:
        raise CommandError(f'error: invalid duration "{argv[0]}": time only moves forward')
    if ms > MAX_SLEEP_MS:
        # Background resyncs run all the way: a simulated year would take minutes of real time.
        raise CommandError(f'error: sleep {argv[0]} is longer than the simulator allows in one '
                           f'step ({MAX_SLEEP_MS // 86_400_000} days)')
    cluster.advance(ms)
    return ""


def _server_path(text: str) -> tuple[str, str]:
    server, colon, path = text.partition(":")
    if not colon or not server or not path:
        raise CommandError(f'error: expected SERVER:PATH (e.g. 192.168.6.189:/nfs/pv1), '
                           f'got "{text}"')
    return server, path


def _nfs(cluster: Cluster, argv: list[str]) -> str:
    from . import nfs

    usage = "error: usage: nfs write SERVER:PATH TEXT | nfs cat SERVER:PATH | nfs ls SERVER:PATH"
    if len(argv) < 2:
        raise CommandError(usage)
    action, target = argv[0], argv[1]
    if action not in ("write", "cat", "ls") or (action == "write") != (len(argv) >= 3):
        raise CommandError(usage)
    server, path = _server_path(target)
    if action == "write":
        return nfs.nfs_write(cluster, server, path, " ".join(argv[2:]))
    if action in ("cat", "ls") and len(argv) == 2:
        return (nfs.nfs_cat if action == "cat" else nfs.nfs_ls)(cluster, server, path)
    raise CommandError(usage)


def _node(cluster: Cluster, argv: list[str]) -> str:
    from . import workloads

    if len(argv) != 2 or argv[0] not in ("fail", "recover"):
        raise CommandError("error: usage: node fail NODE | node recover NODE")
    action = getattr(workloads, "fail_node" if argv[0] == "fail" else "recover_node", None)
    if action is None:
        raise CommandError(f"error: node {argv[0]} is not available in this build")
    return action(cluster, argv[1])


def _snapshot(cluster: Cluster, argv: list[str]) -> str:
    if len(argv) != 1:
        raise CommandError("error: usage: snapshot NAME")
    return ""


def caption(line: str) -> tuple[str | None, str] | None:
    """(language or None for English, text) of a ``say`` / ``say.LANG`` line, else None.

    The text is the line's shell words joined by spaces (``say 'a  b'`` prints ``a  b``);
    a caption whose quotes do not balance is printed as written.
    """
    match = _CAPTION.match(line.strip())
    if match is None:
        return None
    rest = (match.group(2) or "").strip()
    try:
        text = " ".join(shlex.split(rest, posix=True))
    except ValueError:
        text = rest
    return match.group(1), text


def say_text(line: str) -> str | None:
    """What a ``say`` (or ``say.LANG``) line prints, or None for other lines."""
    found = caption(line)
    return None if found is None else found[1]


def _say(cluster: Cluster, argv: list[str]) -> str:
    return " ".join(argv)


def _explain(cluster: Cluster, argv: list[str]) -> str:
    from .kubectl.resources import resolve_kind

    parsed = parse_flags("explain", argv, GLOBAL_FLAGS)
    if len(parsed.args) != 2:
        raise CommandError("error: usage: explain pvc NAME [-n NAMESPACE] | explain pv NAME")
    info = resolve_kind(parsed.args[0])
    name = parsed.args[1]
    try:
        from . import explain
    except ImportError:
        raise CommandError("error: explain is not available in this build") from None
    if info.kind == "PersistentVolumeClaim":
        namespace = parsed.text("namespace") or "default"
        if cluster.store.get("PersistentVolumeClaim", namespace, name) is None:
            raise ApiError("NotFound", f'persistentvolumeclaims "{name}" not found')
        return explain.explain_claim(cluster, namespace, name).text().rstrip("\n")
    if info.kind == "PersistentVolume":
        if cluster.store.get("PersistentVolume", "", name) is None:
            raise ApiError("NotFound", f'persistentvolumes "{name}" not found')
        return explain.explain_volume(cluster, name).text().rstrip("\n")
    raise CommandError(f"error: explain works on claims and volumes (pvc, pv), not "
                       f"{info.plural}")


def _echo(cluster: Cluster, argv: list[str]) -> str:
    """The shell's echo (the tutorials end a loop's template output with one)."""
    return " ".join(argv)


VERBS = {
    "echo": _echo,
    "settle": _settle,
    "sleep": _sleep,
    "nfs": _nfs,
    "node": _node,
    "snapshot": _snapshot,
    "say": _say,
    "explain": _explain,
}


def execute(cluster: Cluster, line: str) -> str:
    """Run one script line; return what it prints (raises CommandError on failure)."""
    line, _continues, _balanced = scan_line(line)
    caption = say_text(line)
    if caption is not None:
        return caption
    assigned = assignment(line)
    if assigned is not None:
        return assign(cluster, *assigned, run=lambda command: execute(cluster, command))
    line = expand(cluster, line)
    if is_loop(line):
        return run_loop(line, lambda command: execute(cluster, command))
    words = tokenize(line)
    if not words:
        return ""
    head, rest = words[0], words[1:]
    try:
        if head == "kubectl":
            return _kubectl(cluster, rest)
        verb = VERBS.get(head)
        if verb is None:
            raise CommandError(
                f'error: unknown command "{head}": a line is a kubectl command (kubectl get pv)'
                f" or one of settle, sleep, nfs, node, snapshot, say, explain")
        return verb(cluster, rest)
    except ApiError as err:
        # kubectl's wording (an Invalid error lists its causes), not the API message.
        raise CommandError(api_error_text(err)) from None
    except ManifestError as err:
        raise CommandError(f"error: {err}") from None


# ---- manifests as Python calls --------------------------------------------------------------
def apply_documents(cluster: Cluster, docs: Iterable[Any]) -> tuple[str, list[str]]:
    """``kubectl apply`` of manifest Documents: (output lines, error texts)."""
    outcome = _apply_docs(cluster, docs)
    return "\n".join(outcome.lines), outcome.errors


def apply_text(cluster: Cluster, text: str, source: str = "<input>") -> str:
    """``kubectl apply`` of YAML/JSON text; raises CommandFailed if anything was refused."""
    from .manifests import load_text

    problems: list[ManifestError] = []
    try:
        docs = load_text(text, source, errors=problems)
    except ManifestError as err:
        raise CommandError(f"error: {err}") from None
    outcome = _apply_docs(cluster, docs)
    outcome.errors.extend(f"error: {err}" for err in problems)
    return finish(outcome)


__all__ = ["CommandFailed", "apply_documents", "apply_text", "execute", "finish", "tokenize"]
