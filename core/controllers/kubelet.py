"""The kubelets of every node: pod start-up and shutdown, mounts, IPs and node status.

A pod bound to a node goes through the stages an animation should show, each one a
store write or an event, timed by :class:`~core.settings.SimSettings`:

1. admitted — phase Pending, containers ``waiting: ContainerCreating``, hostIP, startTime;
2. volumes mounted and the sandbox up — ``PodReadyToStartContainers``, podIP from the
   node's pod CIDR (never reused in a run while unused addresses remain); a volume that
   cannot be mounted keeps the pod here with a ``FailedMount`` warning, retried with
   backoff and whenever the claim, PV or NFS server changes; a configMap, secret or
   projected volume whose object (or listed key) is missing fails the same way until it
   appears, then its files are written where ``kubectl exec`` reads them (and rewritten
   when the object changes, as the kubelet's periodic sync does);
3. ``Pulling`` → after ``image_pull_ms`` ``Pulled``, ``Created`` (every image pulls;
   ``IfNotPresent`` images already on the node are not pulled again); a container whose
   ``env``/``envFrom`` names a missing ConfigMap, Secret or key is not created: waiting
   ``CreateContainerConfigError`` with a ``Failed`` event ``Error: ...``, retried with
   backoff and whenever that object changes;
4. after ``container_start_ms`` ``Started``: phase Running, containers running — and
   Ready at once when no container has a readiness probe, as a real kubelet reports it;
5. with readiness probes: Ready and ContainersReady after the largest
   ``initialDelaySeconds`` plus ``readiness_ms``.

A pod being deleted gets ``Killing``; ``pod_stop_ms`` later (bounded by its grace period)
its containers have exited: phase Succeeded (``0/1 Completed``, the terminal phase the
kubelet gives since 1.27) and then it is removed. One whose containers never started is
removed at once. A node whose
kubelet has stopped (``node fail``) does nothing at all until it recovers: its pods are
neither started nor removed. This class also registers Nodes (status, labels) and, until
the lead registers it separately, hosts the NFS server model
(:class:`~core.controllers.nfs_server.NFSServerController`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import config_volumes as cfgvol
from .. import nfs
from .. import nodes as nodemod
from .. import pods as podmod
from ..clock import TaskHandle
from ..events import NORMAL, WARNING
from ..objects import (
    Key,
    Manifest,
    get_path,
    is_deleting,
    is_map,
    labels_of,
    name_of,
    namespace_of,
    uid_of,
)
from ..podexec import container_mounts, forget_pod_trees, pod_tree
from ..store import Change
from .base import Controller

STAGES = ("new", "mounting", "pulling", "configerror", "starting", "running", "ready", "stopping",
          "stopped")


@dataclass
class _Runtime:
    """What the container runtime knows about one pod (the kubelet's memory)."""

    uid: str
    node: str
    stage: str = "new"
    timer: TaskHandle | None = None
    fired: bool = False
    ip: str = ""
    start_time: str = ""
    started_at: str = ""
    finished_at: str = ""
    init_done: bool = False
    backoff_ms: int = 0
    pulled: list[str] = field(default_factory=list)
    #: container name → why its configuration could not be built (CreateContainerConfigError)
    config_errors: dict[str, str] = field(default_factory=dict)


class _Pool:
    """host-local IPAM for one node's pod CIDR: sequential, no reuse until exhausted."""

    def __init__(self, cidr: str) -> None:
        self.network = ipaddress.ip_network(cidr, strict=False)
        self.first = int(self.network.network_address) + 2   # .1 is the bridge gateway
        self.last = int(self.network.broadcast_address) - 1
        self.cursor = self.first
        self.used: set[str] = set()
        self.ever: set[str] = set()

    def allocate(self) -> str | None:
        size = self.last - self.first + 1
        for offset in range(max(size, 0)):
            value = self.first + (self.cursor - self.first + offset) % size
            ip = str(ipaddress.ip_address(value))
            if ip in self.used:
                continue
            fresh = ip not in self.ever
            if not fresh and len(self.ever) < size:
                continue
            self.cursor = value + 1 if value < self.last else self.first
            self.used.add(ip)
            self.ever.add(ip)
            return ip
        return None

    def claim(self, ip: str) -> None:
        self.used.add(ip)
        self.ever.add(ip)

    def release(self, ip: str) -> None:
        self.used.discard(ip)

    def range_text(self) -> str:
        first = ipaddress.ip_address(int(self.network.network_address) + 1)
        return f"{first}-{ipaddress.ip_address(self.last)}"


class Kubelet(Controller):
    name = "kubelet"
    watches = ("Pod", "Node")
    interests = ("Pod", "Node", "PersistentVolumeClaim", "PersistentVolume", "NFSServer",
                 "ConfigMap", "Secret")

    def __init__(self, cluster) -> None:
        super().__init__(cluster)
        self._rt: dict[Key, _Runtime] = {}
        self._pools: dict[str, _Pool] = {}
        self._images: dict[str, set[str]] = {}
        self._cordoned: dict[str, bool] = {}
        self._interests: dict[Key, set[str]] = {}
        self._by_interest: dict[str, set[Key]] = {}
        # Pods with configMap/secret volumes set up: tag → pods whose files to refresh.
        self._volume_users: dict[str, set[Key]] = {}

    # ---- watching ------------------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        kind = change.key[0]  # not the .kind property: this runs on every write
        if kind == "Pod":
            if change.new is None:
                self._drop(change.key)
            elif podmod.node_name(change.new):
                self.enqueue(change.key)
        elif kind == "Node":
            self.enqueue(change.key)
            old, new = change.old, change.new
            if old is not None and new is not None and \
                    _unschedulable(old) != _unschedulable(new):
                self._cordoned[change.key[2]] = _unschedulable(new)
            if new is None or (old is not None and nodemod.kubelet_stopped(old)
                               and not nodemod.kubelet_stopped(new)):
                self._enqueue_pods_on(change.key[2])
        elif kind in cfgvol.KIND_TAGS:
            config_tag = cfgvol.tag(kind, change.key[1], change.key[2])
            self._refresh_volumes(config_tag)
            if self._by_interest:
                self._wake(config_tag)
        elif not self._by_interest:
            return  # no pod waits for a volume: nothing below can matter
        elif kind == "PersistentVolumeClaim":
            self._wake(f"pvc:{change.key[1]}/{change.key[2]}")
        elif kind == "PersistentVolume":
            self._wake(f"pv:{change.key[2]}")
            for obj in (change.old, change.new):
                source = nfs.nfs_source(obj) if obj is not None else None
                if source:
                    self._wake(f"nfs:{source[0]}")
        elif kind == nfs.KIND:
            for obj in (change.old, change.new):
                if obj is not None:
                    self._wake(f"nfs:{nfs.server_address(obj)}")
                    self._wake(f"nfs:{name_of(obj)}")

    def _enqueue_pods_on(self, node: str) -> None:
        for pod in self.store.iter_kind("Pod"):
            if podmod.node_name(pod) == node:
                self.enqueue(("Pod", namespace_of(pod), name_of(pod)))

    def _wake(self, tag: str) -> None:
        for key in sorted(self._by_interest.get(tag, ())):
            rt = self._rt.get(key)
            if rt is not None and rt.stage in ("mounting", "configerror") and rt.timer is not None:
                rt.timer.cancel()
                rt.fired = True
            self.enqueue(key)

    def _set_interests(self, key: Key, tags: set[str]) -> None:
        self._clear_interests(key)
        self._interests[key] = tags
        for tag in tags:
            self._by_interest.setdefault(tag, set()).add(key)

    def _clear_interests(self, key: Key) -> None:
        for tag in self._interests.pop(key, ()):
            self._by_interest.get(tag, set()).discard(key)

    # ---- dispatch ------------------------------------------------------------------------
    def sync(self, key: Key) -> None:
        if key[0] == "Node":
            self._sync_node(key[2])
        elif key[0] == "Pod":
            self._sync_pod(key)

    def _emit(self, pod: Mapping[str, Any], type_: str, reason: str, message: str) -> None:
        self.recorder.emit(pod, type_, reason, message, component=self.name,
                           host=podmod.node_name(pod))

    # ---- nodes ---------------------------------------------------------------------------
    def _sync_node(self, name: str) -> None:
        node = self.store.get("Node", "", name)
        if node is None:
            self._cordoned.pop(name, None)
            return
        if nodemod.kubelet_stopped(node):
            return
        if not nodemod.has_registered(node) or not nodemod.is_ready(node):
            self._post_ready(node)
            node = self.store.get("Node", "", name) or node
        changed = self._cordoned.pop(name, None)
        if changed is not None:
            status = "NodeNotSchedulable" if changed else "NodeSchedulable"
            self.recorder.emit(node, NORMAL, status, f"Node {name} status is now: {status}",
                               component=self.name, host=name)

    def _post_ready(self, node: Manifest) -> None:
        name = name_of(node)
        registered = nodemod.has_registered(node)
        existing = dict(node.get("status") or {})
        index = nodemod.index_of(self.store.list("Node"), name)
        fresh = nodemod.node_status(name, index, now=self.api.now(),
                                    max_pods=self.settings.node_max_pods,
                                    previous=existing.get("conditions") or ())
        status = {**fresh, **{k: v for k, v in existing.items() if k != "conditions"}}
        status["conditions"] = fresh["conditions"]
        changes: dict[str, Any] = {"status": status}
        missing = {k: v for k, v in nodemod.default_labels(name).items() if k not in labels_of(node)}
        if missing:
            changes["metadata"] = {"labels": missing}
        stored = self.api.write(node, changes, actor=self.name,
                                reason="node ready again" if registered else "register node")
        if registered:
            self.recorder.emit(stored, NORMAL, "NodeReady", f"Node {name} status is now: NodeReady",
                               component=self.name, host=name)

    # ---- pods ----------------------------------------------------------------------------
    def _sync_pod(self, key: Key) -> None:
        pod = self.store.get_key(key)
        if pod is None:
            self._drop(key)
            return
        node_name = podmod.node_name(pod)
        if not node_name:
            return
        node = self.store.get("Node", "", node_name)
        if node is None or nodemod.kubelet_stopped(node):
            return
        rt = self._rt.get(key)
        if rt is not None and (rt.uid != uid_of(pod) or rt.node != node_name):
            self._drop(key)
            rt = None
        if is_deleting(pod):
            self._stop(key, pod, rt)
            return
        if podmod.is_terminal(pod):
            return
        if rt is None:
            rt = self._adopt(key, pod, node_name)
        if rt.timer is not None and not rt.fired:
            return
        if rt.fired:
            rt.fired = False
            rt.timer = None
            self._advance(key, pod, node, rt)
            return
        if rt.stage in ("new", "mounting"):
            self._start(key, pod, node, rt)
        elif rt.stage == "running":
            self._after(key, rt, self._readiness_delay(pod) or 0, "ready")
        elif rt.stage == "ready" and not podmod.is_ready(pod):
            # The node controller marked it not ready while the node was unreachable.
            self._write_status(pod, rt, "status posted again")

    def _adopt(self, key: Key, pod: Manifest, node: str) -> _Runtime:
        """A pod we have no memory of (a loaded snapshot): trust its status."""
        rt = _Runtime(uid_of(pod), node)
        self._rt[key] = rt
        status = pod.get("status") or {}
        ip = str(status.get("podIP") or "")
        statuses = [s for s in status.get("containerStatuses") or () if is_map(s)]
        running = [s for s in statuses if is_map(get_path(s, "state", "running"))]
        if ip:
            self._pool(node).claim(ip)
            rt.ip = ip
        if ip and running and len(running) == len(podmod.containers(pod)):
            rt.stage = "ready" if podmod.is_ready(pod) else "running"
            rt.start_time = str(status.get("startTime") or self.api.now())
            rt.started_at = str(get_path(running[0], "state", "running", "startedAt") or rt.start_time)
            rt.init_done = True
        return rt

    def _after(self, key: Key, rt: _Runtime, delay_ms: int, label: str, *,
               background: bool = False) -> None:
        def fire() -> None:
            if self._rt.get(key) is rt:
                rt.fired = True
                self.enqueue(key)

        rt.fired = False
        rt.timer = self.clock.schedule(delay_ms, fire, background=background,
                                       label=f"{label} {key[1]}/{key[2]}")

    def _start(self, key: Key, pod: Manifest, node: Manifest, rt: _Runtime) -> None:
        if rt.stage == "new":
            rt.stage = "mounting"
            rt.start_time = self.api.now()
            pod = self._write_status(pod, rt, "admitted: creating containers")
        problems, interests = self._mount_problems(pod, node)
        if problems:
            self._set_interests(key, interests)
            for message in problems:
                self._emit(pod, WARNING, "FailedMount", message)
            rt.backoff_ms = min(max(rt.backoff_ms * 2, self.settings.mount_retry_ms),
                                self.settings.mount_retry_max_ms)
            self._after(key, rt, rt.backoff_ms, "retry mount", background=True)
            return
        self._clear_interests(key)
        rt.backoff_ms = 0
        self._write_volumes(key, pod)
        if not rt.ip:
            pool = self._pool(name_of(node))
            ip = pool.allocate()
            if ip is None:
                sandbox = podmod.container_id(rt.uid, "sandbox")[len("containerd://"):]
                self._emit(pod, WARNING, "FailedCreatePodSandBox",
                           f"Failed to create pod sandbox: rpc error: code = Unknown desc = failed "
                           f'to setup network for sandbox "{sandbox}": plugin type="bridge" failed '
                           f"(add): failed to allocate for range 0: no IP addresses available in "
                           f"range set: {pool.range_text()}")
                self._after(key, rt, self.settings.mount_retry_max_ms, "retry sandbox",
                            background=True)
                return
            rt.ip = ip
        self._make_subpaths(pod)
        rt.stage = "pulling"
        pod = self._write_status(pod, rt, f"sandbox ready: IP {rt.ip}")
        to_pull = []
        images = self._images.setdefault(name_of(node), set())
        for container in [*podmod.init_containers(pod), *podmod.containers(pod)]:
            image = str(container.get("image") or "")
            ref = podmod.image_reference(image)
            if podmod.pull_policy(container) != "Always" and (ref in images or ref in to_pull):
                continue
            to_pull.append(ref)
            rt.pulled.append(str(container.get("name")))
            self._emit(pod, NORMAL, "Pulling", f'Pulling image "{image}"')
        self._after(key, rt, self.settings.image_pull_ms if to_pull else 0, "pull")

    def _advance(self, key: Key, pod: Manifest, node: Manifest, rt: _Runtime) -> None:
        if rt.stage == "mounting":
            self._start(key, pod, node, rt)
        elif rt.stage == "configerror":
            # Each retry of startContainer ensures the image again before building the
            # container's configuration.
            for container in [*podmod.init_containers(pod), *podmod.containers(pod)]:
                self._emit(pod, NORMAL, "Pulled",
                           f'Container image "{container.get("image") or ""}" already present '
                           "on machine")
            if self._config_failed(key, pod, rt):
                return
            self._clear_interests(key)
            rt.backoff_ms = 0
            self._create_containers(key, pod, rt)
        elif rt.stage == "pulling":
            images = self._images.setdefault(name_of(node), set())
            took = podmod.go_duration(self.settings.image_pull_ms)
            for container in [*podmod.init_containers(pod), *podmod.containers(pod)]:
                image = str(container.get("image") or "")
                if str(container.get("name")) in rt.pulled:
                    self._emit(pod, NORMAL, "Pulled",
                               f'Successfully pulled image "{image}" in {took} ({took} including '
                               f"waiting). Image size: {podmod.image_size(image)} bytes.")
                else:
                    self._emit(pod, NORMAL, "Pulled",
                               f'Container image "{image}" already present on machine')
                images.add(podmod.image_reference(image))
            rt.pulled = []
            if self._config_failed(key, pod, rt):
                return
            self._create_containers(key, pod, rt)
        elif rt.stage == "starting":
            for container in podmod.containers(pod):
                self._emit(pod, NORMAL, "Started", f"Started container {container.get('name')}")
            rt.started_at = self.api.now()
            delay = self._readiness_delay(pod)
            if delay is None:
                # No readiness probe: a started container is ready at once, so the kubelet
                # reports Running and Ready in one status (1/1 Running, never 0/1 Running).
                rt.stage = "ready"
                self._write_status(pod, rt, "containers started and ready")
            else:
                rt.stage = "running"
                self._write_status(pod, rt, "containers started")
                self._after(key, rt, delay, "ready")
        elif rt.stage == "running":
            rt.stage = "ready"
            self._write_status(pod, rt, "readiness probe passed: containers ready")
        elif rt.stage == "stopping":
            self._finish_stop(key, pod, rt)

    def _create_containers(self, key: Key, pod: Manifest, rt: _Runtime) -> None:
        for container in podmod.init_containers(pod):
            self._emit(pod, NORMAL, "Created", f"Created container: {container.get('name')}")
            self._emit(pod, NORMAL, "Started", f"Started container {container.get('name')}")
        rt.init_done = True
        for container in podmod.containers(pod):
            self._emit(pod, NORMAL, "Created", f"Created container: {container.get('name')}")
        rt.stage = "starting"
        self._after(key, rt, self.settings.container_start_ms, "start")

    def _config_failed(self, key: Key, pod: Manifest, rt: _Runtime) -> bool:
        """``generateContainerConfig`` for every container: on a missing ConfigMap, Secret or
        key the container is not created (CreateContainerConfigError) and the kubelet
        retries with backoff, sooner when one of the objects it read changes."""
        ns = namespace_of(pod)
        errors: dict[str, str] = {}
        tags: set[str] = set()
        for container in [*podmod.init_containers(pod), *podmod.containers(pod)]:
            error, read = cfgvol.env_error(self.store, ns, container)
            tags |= read
            if error:
                errors[str(container.get("name") or "")] = error
        if not errors:
            if rt.config_errors:
                rt.config_errors = {}
            return False
        changed = errors != rt.config_errors or rt.stage != "configerror"
        rt.config_errors = errors
        rt.stage = "configerror"
        if changed:
            pod = self._write_status(pod, rt, "cannot create container: "
                                     + next(iter(errors.values())))
        for message in errors.values():
            self._emit(pod, WARNING, "Failed", f"Error: {message}")
        self._set_interests(key, tags)
        rt.backoff_ms = min(max(rt.backoff_ms * 2, self.settings.mount_retry_ms),
                            self.settings.mount_retry_max_ms)
        self._after(key, rt, rt.backoff_ms, "retry container config", background=True)
        return True

    def _readiness_delay(self, pod: Manifest) -> int | None:
        """How long after start the pod becomes Ready, or None without readiness probes: the
        first probe runs after the largest ``initialDelaySeconds`` and passes (taking
        ``readiness_ms``)."""
        delays = [int((c.get("readinessProbe") or {}).get("initialDelaySeconds") or 0)
                  for c in podmod.containers(pod) if c.get("readinessProbe")]
        if not delays:
            return None
        return max(delays) * 1000 + self.settings.readiness_ms

    def _finish_stop(self, key: Key, pod: Manifest, rt: _Runtime) -> None:
        """The containers have exited (SIGTERM, exit code 0). Since Kubernetes 1.27 the
        kubelet gives a pod that will not run again a terminal phase before it is removed,
        so a watch shows ``0/1 Completed`` between ``1/1 Terminating`` and the pod's end."""
        rt.stage = "stopped"
        rt.finished_at = self.api.now()
        self._write_status(pod, rt, "containers stopped: pod Succeeded")
        self._remove(key, pod)

    def _stop(self, key: Key, pod: Manifest, rt: _Runtime | None) -> None:
        if rt is not None and rt.stage == "stopping":
            if rt.fired:
                self._finish_stop(key, pod, rt)
            return
        if rt is None:
            rt = self._adopt(key, pod, podmod.node_name(pod))
        if rt.timer is not None:
            rt.timer.cancel()
            rt.timer = None
        rt.fired = False
        self._clear_interests(key)
        if rt.stage not in ("running", "ready"):
            self._remove(key, pod)
            return
        for container in podmod.containers(pod):
            self._emit(pod, NORMAL, "Killing", f"Stopping container {container.get('name')}")
        rt.stage = "stopping"
        grace = (pod.get("metadata") or {}).get("deletionGracePeriodSeconds")
        delay = self.settings.pod_stop_ms
        if grace is not None:
            delay = min(delay, int(grace) * 1000)
        self._after(key, rt, delay, "stop")

    def _remove(self, key: Key, pod: Manifest) -> None:
        self._drop(key)
        if self.store.get_key(key) is not None:
            # The kubelet's final delete (grace 0): finalizers on the pod still hold it.
            self.api.finish_pod(key, actor=self.name, reason="containers stopped: pod removed")

    def _drop(self, key: Key) -> None:
        rt = self._rt.pop(key, None)
        self._clear_interests(key)
        for users in self._volume_users.values():
            users.discard(key)
        if rt is None:
            return
        if rt.timer is not None:
            rt.timer.cancel()
        if rt.ip and rt.node in self._pools:
            self._pools[rt.node].release(rt.ip)
        forget_pod_trees(self.cluster, rt.uid)

    # ---- status --------------------------------------------------------------------------
    def _write_status(self, pod: Manifest, rt: _Runtime, reason: str) -> Manifest:
        node = self.store.get("Node", "", rt.node)
        status = self._status(pod, rt, node)
        return self.api.write(pod, {"status": status}, actor=self.name, reason=reason)

    def _status(self, pod: Manifest, rt: _Runtime, node: Manifest | None) -> dict[str, Any]:
        now = self.api.now()
        stage = rt.stage
        sandbox = stage in ("pulling", "configerror", "starting", "running", "ready", "stopping")
        started = stage in ("running", "ready") or (stage == "stopping" and bool(rt.started_at))
        ready = stage == "ready" or (stage == "stopping" and podmod.is_ready(pod))
        names = [str(c.get("name")) for c in podmod.containers(pod)]
        inits = [str(c.get("name")) for c in podmod.init_containers(pod)]
        unready = ("False", "ContainersNotReady", f"containers with unready status: [{' '.join(names)}]")
        if stage == "stopped":
            unready = ("False", "PodCompleted", "")
        updates = {
            "PodReadyToStartContainers": ("True" if sandbox else "False", "", ""),
            "Initialized": ("True", "", "") if not inits or rt.init_done else
            ("False", "ContainersNotInitialized", f"containers with incomplete status: [{' '.join(inits)}]"),
            "Ready": ("True", "", "") if ready else unready,
            "ContainersReady": ("True", "", "") if ready else unready,
        }
        conditions = podmod.with_conditions(get_path(pod, "status", "conditions", default=()) or (),
                                            updates, now)
        host_ip = nodemod.internal_ip(node) if node else ""
        status: dict[str, Any] = {
            "phase": "Succeeded" if stage == "stopped" else "Running" if started else "Pending",
            "conditions": conditions,
            "hostIP": host_ip,
            "hostIPs": [{"ip": host_ip}],
            "startTime": rt.start_time or now,
            "qosClass": get_path(pod, "status", "qosClass") or podmod.qos_class(pod),
        }
        if (sandbox or stage == "stopped") and rt.ip:
            status["podIP"] = rt.ip
            status["podIPs"] = [{"ip": rt.ip}]
        waiting_reason = "PodInitializing" if inits and not rt.init_done else "ContainerCreating"
        status["containerStatuses"] = [
            self._container_status(c, rt, started, ready, waiting_reason)
            for c in podmod.containers(pod)]
        if inits:
            status["initContainerStatuses"] = [
                self._init_status(c, rt) for c in podmod.init_containers(pod)]
        return status

    def _container_status(self, container: Mapping[str, Any], rt: _Runtime, started: bool,
                          ready: bool, waiting_reason: str) -> dict[str, Any]:
        image = str(container.get("image") or "")
        name = str(container.get("name") or "")
        if rt.stage == "stopped":
            container_id = podmod.container_id(rt.uid, name)
            return {"name": name, "containerID": container_id,
                    "image": podmod.image_reference(image), "imageID": podmod.image_id(image),
                    "lastState": {}, "ready": False, "restartCount": 0, "started": False,
                    "state": {"terminated": {"exitCode": 0, "reason": "Completed",
                                             "startedAt": rt.started_at,
                                             "finishedAt": rt.finished_at,
                                             "containerID": container_id}}}
        if not started:
            waiting = {"reason": waiting_reason}
            if name in rt.config_errors and rt.stage == "configerror":
                waiting = {"message": rt.config_errors[name],
                           "reason": "CreateContainerConfigError"}
            return {"name": name, "image": image, "imageID": "", "lastState": {}, "ready": False,
                    "restartCount": 0, "started": False, "state": {"waiting": waiting}}
        return {"name": name, "containerID": podmod.container_id(rt.uid, name),
                "image": podmod.image_reference(image), "imageID": podmod.image_id(image),
                "lastState": {}, "ready": ready, "restartCount": 0, "started": True,
                "state": {"running": {"startedAt": rt.started_at}}}

    def _init_status(self, container: Mapping[str, Any], rt: _Runtime) -> dict[str, Any]:
        image = str(container.get("image") or "")
        name = str(container.get("name") or "")
        if not rt.init_done:
            waiting = {"reason": "PodInitializing"}
            if name in rt.config_errors and rt.stage == "configerror":
                waiting = {"message": rt.config_errors[name],
                           "reason": "CreateContainerConfigError"}
            return {"name": name, "image": image, "imageID": "", "lastState": {}, "ready": False,
                    "restartCount": 0, "started": False, "state": {"waiting": waiting}}
        at = rt.started_at or rt.start_time
        return {"name": name, "containerID": podmod.container_id(rt.uid, name),
                "image": podmod.image_reference(image), "imageID": podmod.image_id(image),
                "lastState": {}, "ready": True, "restartCount": 0, "started": False,
                "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": at,
                                         "finishedAt": at,
                                         "containerID": podmod.container_id(rt.uid, name)}}}

    # ---- networking ----------------------------------------------------------------------
    def _pool(self, node_name: str) -> _Pool:
        pool = self._pools.get(node_name)
        if pool is not None:
            return pool
        node = self.store.get("Node", "", node_name)
        cidr = str(get_path(node, "spec", "podCIDR", default="") or "")
        if not cidr:
            index = nodemod.index_of(self.store.list("Node"), node_name)
            cidr = nodemod.pod_cidr(index, self.settings.node_cidr_mask_size)
        pool = _Pool(cidr)
        for pod in self.store.iter_kind("Pod"):
            ip = str(get_path(pod, "status", "podIP", default="") or "")
            if ip and podmod.node_name(pod) == node_name:
                pool.claim(ip)
        self._pools[node_name] = pool
        return pool

    # ---- volumes -------------------------------------------------------------------------
    def _mount_problems(self, pod: Manifest, node: Manifest) -> tuple[list[str], set[str]]:
        """FailedMount messages (empty when every volume can be mounted) and what to watch."""
        ns = namespace_of(pod)
        interests: set[str] = set()
        problems: list[str] = []
        for volume in podmod.volumes(pod):
            vol_name = str(volume.get("name") or "")
            if cfgvol.cannot_fail(volume):
                continue  # the ServiceAccount volume: skip building its files just to check
            payload = cfgvol.volume_payload(self.store, pod, volume)
            if payload is not None:
                interests |= payload.tags
                if payload.errors:
                    problems.append(f'MountVolume.SetUp failed for volume "{vol_name}" : '
                                    f"{payload.error}")
                continue
            source: Mapping[str, Any] = volume
            label = vol_name
            claim_ref = volume.get("persistentVolumeClaim")
            mount_options: list[str] = []
            if is_map(claim_ref):
                claim_name = str(claim_ref.get("claimName") or "")
                interests.add(f"pvc:{ns}/{claim_name}")
                claim = self.store.get("PersistentVolumeClaim", ns, claim_name)
                error, pv = self._claim_error(ns, claim_name, claim, interests)
                if error:
                    problems.append(
                        f"Unable to attach or mount volumes: unmounted volumes=[{vol_name}], "
                        f"unattached volumes=[], failed to process volumes=[{vol_name}]: "
                        f"error processing PVC {ns}/{claim_name}: {error}")
                    continue
                assert pv is not None
                source = pv.get("spec") or {}
                label = name_of(pv)
                mount_options = [str(o) for o in source.get("mountOptions") or ()]
                if claim_ref.get("readOnly"):
                    mount_options.append("ro")
            nfs_src = nfs.nfs_source({"nfs": source.get("nfs")}) if source.get("nfs") else None
            if nfs_src is None:
                continue
            server, path, read_only = nfs_src
            interests.add(f"nfs:{server}")
            check = nfs.check_mount(self.cluster, server, path, node)
            if check.ok:
                continue
            if read_only and "ro" not in mount_options:
                mount_options.append("ro")
            options = f" -o {','.join(mount_options)}" if mount_options else ""
            problems.append(
                f'MountVolume.SetUp failed for volume "{label}" : mount failed: exit status 32\n'
                f"Mounting command: mount\n"
                f"Mounting arguments: -t nfs{options} {server}:{path} "
                f"/var/lib/kubelet/pods/{uid_of(pod)}/volumes/kubernetes.io~nfs/{label}\n"
                f"Output: {check.output}")
        return problems, interests

    def _write_volumes(self, key: Key, pod: Manifest) -> None:
        """Write each configMap/secret/projected volume's files where the container sees them."""
        for volume in podmod.volumes(pod):
            payload = cfgvol.volume_payload(self.store, pod, volume)
            if payload is None or payload.errors:
                continue  # a failed refresh keeps the files already there, as the kubelet does
            for config_tag in payload.tags:
                self._volume_users.setdefault(config_tag, set()).add(key)
            tree = pod_tree(self.cluster, "volume", uid_of(pod), str(volume.get("name")))
            tree.dirs, tree.files = cfgvol.tree_contents(payload.files)

    def _refresh_volumes(self, config_tag: str) -> None:
        for key in sorted(self._volume_users.get(config_tag, ())):
            rt = self._rt.get(key)
            pod = self.store.get_key(key)
            if pod is None or rt is None or rt.stage in ("new", "mounting"):
                continue
            self._write_volumes(key, pod)

    def _claim_error(self, ns: str, name: str, claim: Manifest | None,
                     interests: set[str]) -> tuple[str, Manifest | None]:
        if claim is None:
            return (f"failed to fetch PVC from API server: persistentvolumeclaims \"{name}\" "
                    f"not found", None)
        if is_deleting(claim):
            return "PVC is being deleted", None
        if get_path(claim, "status", "phase") != "Bound":
            return "PVC is not bound", None
        volume = str(get_path(claim, "spec", "volumeName", default="") or "")
        interests.add(f"pv:{volume}")
        pv = self.store.get("PersistentVolume", "", volume) if volume else None
        if pv is None:
            return (f"failed to fetch PV {volume} from API server: persistentvolumes "
                    f"\"{volume}\" not found", None)
        ref_uid = get_path(pv, "spec", "claimRef", "uid", default="")
        if ref_uid != uid_of(claim):
            return (f"failed to fetch PV {volume}: the PV's claimRef does not point at this claim",
                    None)
        return "", pv

    def _make_subpaths(self, pod: Manifest) -> None:
        """The kubelet creates a missing ``subPath`` directory on the volume."""
        for container in [*podmod.init_containers(pod), *podmod.containers(pod)]:
            subs = {str(vm.get("name")): str(vm.get("subPath"))
                    for vm in container.get("volumeMounts") or ()
                    if is_map(vm) and vm.get("subPath")}
            if not subs:
                continue
            for mount in container_mounts(self.cluster, pod, container, who="kubelet"):
                if mount.volume in subs and mount.backing.server and \
                        not mount.backing.is_dir(mount.base):
                    mount.backing.actor = self.name
                    mount.backing.mkdir(mount.base)


def _unschedulable(node: Mapping[str, Any]) -> bool:
    return bool((node.get("spec") or {}).get("unschedulable"))
