"""``kubectl rollout status|restart`` for StatefulSets.

``rollout status`` prints the StatefulSet status viewer's message
(``polymorphichelpers/rollout_status.go``) for the set as it is, then, like kubectl's
watch, once more for every change of the set, until the message says the rollout is
done. In a script the cluster runs meanwhile (as ``settle`` would) and stops as soon as
the rollout is done, so the clock ends where kubectl would return. ``--watch=false``
prints one message. ``rollout restart`` stamps the pod template with
``kubectl.kubernetes.io/restartedAt``, which starts a rolling update.

``rollout history`` lists the set's ControllerRevisions (``REVISION  CHANGE-CAUSE``,
the change cause from the ``kubernetes.io/change-cause`` annotation the revision took
from the set), or prints one revision's pod template with ``--revision=N``, as
``polymorphichelpers/history.go`` does — through a prefix writer without a tabwriter,
so its fields are separated by tabs, as a terminal shows them. ``rollout undo`` is
``StatefulSetRollbacker``: the previous revision (or ``--to-revision``) is applied to
the set as a patch replacing its template; the controller then renumbers that revision
and rolls the pods back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..controllers.statefulset_history import (
    controlled_revisions,
    revision_number,
    revision_template,
    template_patch,
)
from ..errors import ApiError, CommandError
from .describe_parts import PrefixWriter, pod_template
from .flags import GLOBAL_FLAGS, Flag, go_int, parse_flags
from .resources import resolve_kind
from .tabwriter import TabWriter

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]

CHANGE_CAUSE = "kubernetes.io/change-cause"
#: history.go's tabbedString: minwidth 0, padding 2, spaces (tabwidth only matters for tabs).
HISTORY_WRITER = TabWriter(minwidth=0, padding=2)

ROLLOUT_USAGE = ("error: Required resource not specified.\nSee 'kubectl rollout status -h' "
                 "for help and examples")


def status_message(sts: Obj) -> tuple[str, bool]:
    """(message, done) of kubectl's StatefulSetStatusViewer; raises for OnDelete."""
    spec = sts.get("spec") or {}
    status = sts.get("status") or {}
    strategy = spec.get("updateStrategy") or {}
    if (strategy.get("type") or "RollingUpdate") != "RollingUpdate":
        raise CommandError("error: rollout status is only available for RollingUpdate "
                           "strategy type")
    generation = int((sts.get("metadata") or {}).get("generation") or 0)
    observed = int(status.get("observedGeneration") or 0)
    if observed == 0 or generation > observed:
        return "Waiting for statefulset spec update to be observed...", False
    replicas = spec.get("replicas")
    ready = int(status.get("readyReplicas") or 0)
    updated = int(status.get("updatedReplicas") or 0)
    if replicas is not None and ready < int(replicas):
        return f"Waiting for {int(replicas) - ready} pods to be ready...", False
    rolling = strategy.get("rollingUpdate")
    if isinstance(rolling, Mapping):
        partition = rolling.get("partition")
        if replicas is not None and partition is not None:
            wanted = int(replicas) - int(partition)
            if updated < wanted:
                return (f"Waiting for partitioned roll out to finish: {updated} out of {wanted} "
                        f"new pods have been updated..."), False
        return f"partitioned roll out complete: {updated} new pods have been updated...", True
    if status.get("updateRevision") != status.get("currentRevision"):
        return (f"waiting for statefulset rolling update to complete {updated} pods at "
                f"revision {status.get('updateRevision')}..."), False
    return (f"statefulset rolling update complete {int(status.get('currentReplicas') or 0)} "
            f"pods at revision {status.get('currentRevision')}..."), True


def _target(cluster: Cluster, command: str, args: list[str], namespace: str) -> Obj:
    if not args:
        raise CommandError(ROLLOUT_USAGE.replace("status", command))
    kind_text, slash, name = args[0].partition("/")
    if not slash:
        if len(args) < 2:
            raise CommandError(ROLLOUT_USAGE.replace("status", command))
        name = args[1]
    info = resolve_kind(kind_text)
    if info.kind != "StatefulSet":
        raise CommandError(f'error: no status viewer has been implemented for '
                           f'{info.kind}.{info.group or ""}'.rstrip(".")
                           if command == "status" else
                           f"error: {info.plural} \"{name}\" {command} is not supported here: "
                           "the simulator rolls out StatefulSets only")
    sts = cluster.store.get("StatefulSet", namespace, name)
    if sts is None:
        raise ApiError("NotFound", f'statefulsets.apps "{name}" not found')
    return sts


def _status(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("rollout status", argv, GLOBAL_FLAGS + [
        Flag("watch", "w", takes_value=False, default=True), Flag("timeout"),
        Flag("revision"), Flag("filename", "f", repeated=True)])
    namespace = parsed.text("namespace") or "default"
    sts = _target(cluster, "status", parsed.args, namespace)
    key = ("StatefulSet", namespace, str((sts.get("metadata") or {}).get("name")))
    lines: list[str] = []
    message, done = status_message(sts)
    lines.append(message)
    if done or not parsed.flag("watch"):
        return "\n".join(lines)
    start = cluster.clock.now_ms
    limit_ms = cluster.settings.settle_max_ms
    for _ in range(cluster.settings.settle_max_steps):
        if not cluster.has_work() and cluster.clock.next_foreground_time() is None:
            break
        if cluster.clock.now_ms - start > limit_ms:
            break
        for change in cluster.step():
            if change.key != key:
                continue
            if change.new is None:
                raise CommandError("\n".join(lines) + '\nerror: object has been deleted')
            message, done = status_message(change.new)
            lines.append(message)
            if done:
                return "\n".join(lines)
    lines.append("error: timed out waiting for the condition (the simulated cluster settled "
                 "before the rollout finished)")
    raise CommandError("\n".join(lines))


def _restart(cluster: Cluster, argv: list[str]) -> str:
    from ..clock import timestamp

    parsed = parse_flags("rollout restart", argv, GLOBAL_FLAGS + [
        Flag("filename", "f", repeated=True), Flag("selector", "l"), Flag("output", "o")])
    namespace = parsed.text("namespace") or "default"
    sts = _target(cluster, "restart", parsed.args, namespace)
    template = dict((sts.get("spec") or {}).get("template") or {})
    meta = dict(template.get("metadata") or {})
    meta["annotations"] = {**(meta.get("annotations") or {}),
                           "kubectl.kubernetes.io/restartedAt": timestamp(cluster.clock.now_ms)}
    template["metadata"] = meta
    updated = {**sts, "spec": {**(sts.get("spec") or {}), "template": template}}
    cluster.api.update(updated, actor="kubectl", reason="kubectl rollout restart")
    return f"statefulset.apps/{(sts.get('metadata') or {}).get('name')} restarted"


def _revision_flag(parsed: Any, name: str) -> int:
    text = parsed.text(name)
    if text is None or text == "":
        return 0
    try:
        return go_int(text)
    except ValueError as err:
        raise CommandError(f'error: invalid argument "{text}" for "--{name}" flag: '
                           f'strconv.ParseInt: parsing "{text}": {err}') from None


def _history(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("rollout history", argv, GLOBAL_FLAGS + [
        Flag("revision"), Flag("filename", "f", repeated=True), Flag("selector", "l")])
    revision = _revision_flag(parsed, "revision")
    if revision < 0:
        raise CommandError(f"error: revision must be a positive integer: {revision}")
    namespace = parsed.text("namespace") or "default"
    sts = _target(cluster, "history", parsed.args, namespace)
    name = (sts.get("metadata") or {}).get("name")
    by_number = {revision_number(r): r for r in controlled_revisions(cluster.store, sts)}
    if not by_number:
        body = "No rollout history found."
    elif revision > 0:
        chosen = by_number.get(revision)
        if chosen is None:
            raise CommandError("error: unable to find the specified revision")
        w = PrefixWriter(aligned=False)  # printTemplate: tabs stay tabs
        pod_template(w, revision_template(chosen))
        body = w.text()
    else:
        rows = ["REVISION\tCHANGE-CAUSE\n"]
        for number in sorted(by_number):
            annotations = (by_number[number].get("metadata") or {}).get("annotations") or {}
            rows.append(f"{number}\t{annotations.get(CHANGE_CAUSE) or '<none>'}\n")
        body = HISTORY_WRITER.format("".join(rows))
    with_revision = f"with revision #{revision}" if revision > 0 else ""
    # The name printer with the operation "<with revision>\n<history>": hence the space
    # after the name when there is no revision, and the blank line at the end.
    return f"statefulset.apps/{name} {with_revision}\n{body}"


def _undo(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("rollout undo", argv, GLOBAL_FLAGS + [
        Flag("to-revision"), Flag("filename", "f", repeated=True), Flag("selector", "l")])
    to_revision = _revision_flag(parsed, "to-revision")
    namespace = parsed.text("namespace") or "default"
    sts = _target(cluster, "undo", parsed.args, namespace)
    name = (sts.get("metadata") or {}).get("name")
    if to_revision < 0:
        raise CommandError(f"error: unable to find specified revision {to_revision} in history")
    history = controlled_revisions(cluster.store, sts)
    if to_revision == 0:
        if len(history) <= 1:
            raise CommandError("error: no last revision to roll back to")
        chosen = history[-2]  # findHistory: the second highest revision
    else:
        chosen = next((r for r in history if revision_number(r) == to_revision), None)
        if chosen is None:
            raise CommandError(
                f"error: unable to find specified revision {to_revision} in history")
    spec = sts.get("spec") or {}
    if template_patch(spec.get("template") or {}) == chosen.get("data"):
        return (f"statefulset.apps/{name} skipped rollback (current template already matches "
                f"revision {to_revision})")
    template = revision_template(chosen) or {}
    cluster.api.update({**sts, "spec": {**spec, "template": template}}, actor="kubectl",
                       reason=f"kubectl rollout undo: template of revision "
                              f"{revision_number(chosen)}")
    return f"statefulset.apps/{name} rolled back"


def rollout(cluster: Cluster, argv: list[str]) -> str:
    if not argv or argv[0].startswith("-"):
        raise CommandError('error: unknown command "" for "kubectl rollout"' if not argv else
                           "error: a rollout subcommand is needed: status, restart, history, undo")
    sub, rest = argv[0], argv[1:]
    if sub == "status":
        return _status(cluster, rest)
    if sub == "restart":
        return _restart(cluster, rest)
    if sub == "history":
        return _history(cluster, rest)
    if sub == "undo":
        return _undo(cluster, rest)
    if sub in ("pause", "resume"):
        parsed = parse_flags(f"rollout {sub}", rest, GLOBAL_FLAGS)
        sts = _target(cluster, sub, parsed.args, parsed.text("namespace") or "default")
        verb = "pausing" if sub == "pause" else "resuming"
        raise CommandError(f'error: statefulsets.apps "{(sts.get("metadata") or {}).get("name")}"'
                           f" {verb} is not supported")
    raise CommandError(f'error: unknown command "{sub}" for "kubectl rollout"')


__all__ = ["rollout", "status_message"]
