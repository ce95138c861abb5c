"""``kubectl wait``: run the cluster until a condition holds (``pkg/cmd/wait``).

``--for=condition=NAME[=VALUE]`` (VALUE ``true`` unless given, compared without case, a
condition carrying an ``observedGeneration`` older than the object's generation does not
count), ``--for=jsonpath='{PATH}'[=VALUE]`` (the value printed at PATH, or just that it
exists), ``--for=delete`` and ``--for=create``. Targets are resolved once, as kubectl's
resource builder does: a named object that does not exist is kubectl's NotFound (but
for ``delete``, where it has already happened), and a selector that matches nothing is
``error: no matching resources found``.

Each target is waited for in turn, and ``<kind>/<name> condition met`` is printed as it
is. Meanwhile the simulated cluster runs (syncs, then timed work), up to ``--timeout``
of simulated time (30s by default, as kubectl's); when the cluster has nothing left to
do before the deadline, the clock moves to it and the wait fails with kubectl's
``timed out waiting for the condition on pods/web-0``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..clock import parse_duration
from ..errors import CommandError
from ..kinds import KINDS
from ..objects import key_of
from ..validation_common import go_quote
from .flags import GLOBAL_FLAGS, Flag, parse_flags
from .jsonpath import select
from .output import resource_name, to_name
from .resources import parse_resource_args
from .sorting import relaxed_path
from .verbs import request_objects, selectors

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]
Check = Callable[[Obj | None], bool]

WAIT_FLAGS = GLOBAL_FLAGS + [
    Flag("for"), Flag("timeout"), Flag("selector", "l"), Flag("field-selector"),
    Flag("all", takes_value=False), Flag("all-namespaces", "A", takes_value=False),
    Flag("filename", "f", repeated=True), Flag("local", takes_value=False),
    Flag("output", "o"),
]
DEFAULT_TIMEOUT_MS = 30_000
#: ``--timeout=-1`` waits "a week".
WEEK_MS = 7 * 24 * 3_600_000


def _condition_check(spec: str) -> Check:
    name, _, value = spec.partition("=")
    if not name:
        raise CommandError(f"error: invalid condition: {go_quote(spec)}")
    wanted = value or "true"

    def check(obj: Obj | None) -> bool:
        if obj is None:
            return False
        generation = (obj.get("metadata") or {}).get("generation")
        for condition in (obj.get("status") or {}).get("conditions") or ():
            # strings.EqualFold for the type and the status: "ready" finds "Ready".
            if not isinstance(condition, Mapping) or \
                    str(condition.get("type") or "").lower() != name.lower():
                continue
            observed = condition.get("observedGeneration")
            if observed is None:
                observed = (obj.get("status") or {}).get("observedGeneration")
            if observed is not None and generation is not None and observed < generation:
                return False
            return str(condition.get("status") or "").lower() == wanted.lower()
        return False

    return check


def _split_jsonpath(text: str) -> list[str]:
    """splitJSONPathInput: split at ``=`` outside braces (a filter's ``==`` stays)."""
    parts, current, in_braces = [], [], False
    for char in text:
        if char == "{":
            in_braces = True
        elif char == "}":
            in_braces = False
        elif char == "=" and not in_braces:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    if len(parts) > 2:
        raise CommandError("error: jsonpath wait format must be "
                           "--for=jsonpath='{.status.readyReplicas}'=3 or "
                           "--for=jsonpath='{.status.readyReplicas}'")
    return parts


def _jsonpath_check(spec: str) -> Check:
    parts = _split_jsonpath(spec)
    expression = relaxed_path(parts[0].strip("'\""))[1:-1]
    any_value = len(parts) == 1
    value = "" if any_value else parts[1].strip("'\"")
    if not any_value and value == "":
        raise CommandError("error: jsonpath wait has to have a value after equal sign, like "
                           "--for=jsonpath='{.status.readyReplicas}'=3")

    def check(obj: Obj | None) -> bool:
        if obj is None:
            return False
        found = select(obj, expression)
        if not found:
            return False
        if len(found) > 1:
            raise CommandError("error: given jsonpath expression matches more than one value")
        if isinstance(found[0], (Mapping, list)):
            raise CommandError("error: jsonpath leads to a nested object or list which is not "
                               "supported")
        if any_value:
            return True
        return go_print(found[0]).strip() == value.strip()

    return check


def go_print(value: Any) -> str:
    """fmt's %v of a decoded JSON scalar."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_for(spec: str | None) -> tuple[str, Check]:
    """(kind of wait, check on the object as it is now, None when it does not exist)."""
    if not spec:
        raise CommandError("error: --for must be set")
    lowered = spec.lower()
    if lowered == "delete":
        return "delete", lambda obj: obj is None
    if lowered == "create":
        return "create", lambda obj: obj is not None
    # The prefixes are case-sensitive in kubectl (only delete and create are not).
    if spec.startswith("condition="):
        return "condition", _condition_check(spec[len("condition="):])
    if spec.startswith("jsonpath="):
        return "jsonpath", _jsonpath_check(spec[len("jsonpath="):])
    raise CommandError(f"error: unrecognized condition: {go_quote(spec)}")


def _timeout_ms(text: str | None) -> int:
    if text is None or text == "":
        return DEFAULT_TIMEOUT_MS
    if text.strip().startswith("-"):
        return WEEK_MS
    try:
        # At most a week of simulated time (kubectl's "-1"): background resyncs run all along.
        return min(parse_duration(text), WEEK_MS)
    except ValueError:
        raise CommandError(f'error: invalid argument "{text}" for "--timeout" flag: '
                           f'time: invalid duration "{text}"') from None


def _run_until(cluster: Cluster, done: Callable[[], bool], deadline_ms: int) -> bool:
    """Step the cluster until ``done()`` or nothing is left to do before the deadline."""
    limit = cluster.settings.settle_max_steps
    for _ in range(limit):
        if done():
            return True
        if cluster.has_work():
            cluster.step()
            continue
        due = cluster.clock.peek()
        if due is None or due > deadline_ms:
            break
        cluster.step()
    if done():
        return True
    if cluster.clock.now_ms < deadline_ms:
        cluster.advance(deadline_ms - cluster.clock.now_ms)
    return done()


def wait(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("wait", argv, WAIT_FLAGS)
    kind, check = parse_for(parsed.text("for"))
    timeout_ms = _timeout_ms(parsed.text("timeout"))
    namespace = parsed.text("namespace") or "default"
    all_namespaces = bool(parsed.flag("all-namespaces"))
    requests = parse_resource_args(parsed.args)
    if not requests:
        raise CommandError("error: resource(s) were provided, but no name was specified" if
                           parsed.args else "error: at least one resource must be specified "
                           "to use a selector" if parsed.has("selector") else
                           "error: You must provide one or more resources by argument or "
                           "filename.")
    matches = selectors(parsed)
    errors: list[str] = []
    targets: list[tuple[str, tuple[str, str, str]]] = []
    for request in requests:
        if request.names is None and not (parsed.flag("all") or parsed.has("selector")
                                          or parsed.has("field-selector")):
            raise CommandError("error: resource(s) were provided, but no name was specified")
        if kind == "create" and request.names is not None:
            # Waiting for an object to appear: it need not exist yet.
            for name in request.names:
                ns = namespace if request.info.namespaced else ""
                targets.append((f"{resource_name(request.info)}/{name}",
                                (request.info.kind, ns, name)))
            continue
        objs = request_objects(cluster, request, None if all_namespaces else namespace,
                               namespace, matches, errors, ignore_not_found=kind == "delete")
        targets.extend((to_name(obj), key_of(obj)) for obj in objs)
    if errors:
        raise CommandError("\n".join(errors))
    if not targets:
        if kind == "delete":
            return ""
        raise CommandError("error: no matching resources found")
    deadline = cluster.clock.now_ms + timeout_ms
    lines: list[str] = []
    for label, key in targets:
        if not _run_until(cluster, lambda key=key: check(cluster.store.get_key(key)), deadline):
            plural = KINDS[key[0]].plural
            message = (f"error: condition not met for {plural}/{key[2]}" if timeout_ms == 0 else
                       f"error: timed out waiting for the condition on {plural}/{key[2]}")
            raise CommandError("\n".join([*lines, message]))
        lines.append(f"{label} condition met")
    return "\n".join(lines)


__all__ = ["parse_for", "wait"]
