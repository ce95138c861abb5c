"""The READY, STATUS and RESTARTS columns of ``kubectl get pods`` (``printPod``).

STATUS is not ``status.phase``: it is the phase, overridden by ``status.reason``, by a
waiting or terminated container's reason (``ContainerCreating``, ``Completed``,
``CrashLoopBackOff``), by init-container progress (``Init:0/1``), and finally by
``Terminating`` (a deletion timestamp on a pod that has not finished) or ``Unknown``
(a deletion timestamp on a pod whose node stopped reporting, reason ``NodeLost``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .duration import human_duration
from .fields import as_list, meta, section, spec, status

NODE_UNREACHABLE_REASON = "NodeLost"


def _restartable(container: Mapping[str, Any] | None) -> bool:
    return isinstance(container, Mapping) and container.get("restartPolicy") == "Always"


def _has_condition(pod: Mapping[str, Any], kind: str) -> bool:
    return any(isinstance(c, Mapping) and c.get("type") == kind and c.get("status") == "True"
               for c in as_list(status(pod).get("conditions")))


def _finished_at(container_status: Mapping[str, Any]) -> str:
    return str(section(section(container_status, "lastState"), "terminated").get("finishedAt")
               or "")


def pod_columns(pod: Mapping[str, Any], now_ms: int) -> tuple[str, str, str]:
    """(READY, STATUS, RESTARTS) for one pod."""
    from ..clock import parse_timestamp

    pod_status = status(pod)
    pod_spec = spec(pod)
    restarts = 0
    restartable_restarts = 0
    containers = as_list(pod_spec.get("containers"))
    init_containers = {str(c.get("name")): c for c in as_list(pod_spec.get("initContainers"))
                       if isinstance(c, Mapping)}
    total = len(containers) + sum(1 for c in init_containers.values() if _restartable(c))
    ready = 0
    last_restart = ""
    last_restartable_restart = ""
    phase = str(pod_status.get("phase") or "")
    reason = str(pod_status.get("reason") or "") or phase

    for condition in as_list(pod_status.get("conditions")):
        if (isinstance(condition, Mapping) and condition.get("type") == "PodScheduled"
                and condition.get("reason") == "SchedulingGated"):
            reason = "SchedulingGated"

    initializing = False
    init_statuses = [c for c in as_list(pod_status.get("initContainerStatuses"))
                     if isinstance(c, Mapping)]
    for index, container in enumerate(init_statuses):
        count = int(container.get("restartCount") or 0)
        restarts += count
        last_restart = max(last_restart, _finished_at(container))
        definition = init_containers.get(str(container.get("name")))
        if _restartable(definition):
            restartable_restarts += count
            last_restartable_restart = max(last_restartable_restart, _finished_at(container))
        state = section(container, "state")
        terminated = section(state, "terminated")
        waiting = section(state, "waiting")
        is_terminated = isinstance(state.get("terminated"), Mapping)
        if is_terminated and int(terminated.get("exitCode") or 0) == 0:
            continue
        if _restartable(definition) and container.get("started") is True:
            if container.get("ready"):
                ready += 1
            continue
        if is_terminated:
            if not terminated.get("reason"):
                signal = int(terminated.get("signal") or 0)
                reason = (f"Init:Signal:{signal}" if signal
                          else f"Init:ExitCode:{int(terminated.get('exitCode') or 0)}")
            else:
                reason = f"Init:{terminated.get('reason')}"
        elif waiting.get("reason") and waiting.get("reason") != "PodInitializing":
            reason = f"Init:{waiting.get('reason')}"
        else:
            reason = f"Init:{index}/{len(init_containers)}"
        initializing = True
        break

    if not initializing or _has_condition(pod, "Initialized"):
        restarts = restartable_restarts
        last_restart = last_restartable_restart
        has_running = False
        for container in reversed([c for c in as_list(pod_status.get("containerStatuses"))
                                   if isinstance(c, Mapping)]):
            restarts += int(container.get("restartCount") or 0)
            last_restart = max(last_restart, _finished_at(container))
            state = section(container, "state")
            waiting = section(state, "waiting")
            terminated = section(state, "terminated")
            if waiting.get("reason"):
                reason = str(waiting["reason"])
            elif terminated.get("reason"):
                reason = str(terminated["reason"])
            elif isinstance(state.get("terminated"), Mapping):
                signal = int(terminated.get("signal") or 0)
                reason = (f"Signal:{signal}" if signal
                          else f"ExitCode:{int(terminated.get('exitCode') or 0)}")
            elif container.get("ready") and "running" in state:
                has_running = True
                ready += 1
        if reason == "Completed" and has_running:
            reason = "Running" if _has_condition(pod, "Ready") else "NotReady"

    deleting = bool(meta(pod).get("deletionTimestamp"))
    if deleting and pod_status.get("reason") == NODE_UNREACHABLE_REASON:
        reason = "Unknown"
    elif deleting and phase not in ("Succeeded", "Failed"):
        reason = "Terminating"

    restarts_text = str(restarts)
    if restarts and last_restart:
        at = parse_timestamp(last_restart)
        if at is not None:
            restarts_text = f"{restarts} ({human_duration(now_ms - at)} ago)"
    return f"{ready}/{total}", reason, restarts_text
