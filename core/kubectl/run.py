"""``kubectl run``: one pod from an image, as kubectl's run-pod generator builds it.

``kubectl run web --image=nginx`` creates ``pod/web`` (label ``run=web``, one container
named like the pod). With ``-i``/``--attach`` kubectl waits for the pod to run and
attaches to it; a script has no terminal, so the command given after ``--`` runs in the
container and its output is printed (this lets simulated time pass, like ``settle``).
With ``--rm`` the pod is deleted afterwards. This is how the StatefulSet tutorial checks
DNS: ``kubectl run -i --rm dns-test --image=busybox:1.28 --restart=Never -- nslookup
web-0.nginx``. An attached pod's process is not modelled as exiting: without ``--rm``
it stays Running.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ApiError, CommandError
from .flags import GLOBAL_FLAGS, Flag, parse_flags
from .messages import api_error_text
from .printing import deleted_line

if TYPE_CHECKING:
    from ..cluster import Cluster

FLAGS = GLOBAL_FLAGS + [
    Flag("image"), Flag("restart"), Flag("labels", "l"), Flag("env", repeated=True),
    Flag("port"), Flag("command", takes_value=False), Flag("stdin", "i", takes_value=False),
    Flag("tty", "t", takes_value=False), Flag("rm", takes_value=False),
    Flag("attach", takes_value=False), Flag("quiet", "q", takes_value=False),
    Flag("image-pull-policy"), Flag("dry-run"), Flag("output", "o"),
    Flag("pod-running-timeout"), Flag("annotations", repeated=True),
]
RESTART_POLICIES = ("Always", "OnFailure", "Never")


def _pairs(text: str, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in filter(None, text.split(",")):
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise CommandError(f"error: invalid {what} format: {item}")
        out[key] = value
    return out


def pod_manifest(name: str, image: str, *, restart: str, labels: dict[str, str],
                 env: list[str], port: str, command: bool, argv: list[str] | None,
                 stdin: bool, tty: bool, pull_policy: str, namespace: str) -> dict[str, Any]:
    container: dict[str, Any] = {"name": name, "image": image}
    if argv:
        container["command" if command else "args"] = list(argv)
    if port:
        try:
            container["ports"] = [{"containerPort": int(port)}]
        except ValueError:
            raise CommandError(f'error: invalid argument "{port}" for "--port" flag: '
                               f'strconv.ParseInt: parsing "{port}": invalid syntax') from None
    if env:
        variables = []
        for item in env:
            key, _, value = item.partition("=")
            variables.append({"name": key, "value": value})
        container["env"] = variables
    if pull_policy:
        container["imagePullPolicy"] = pull_policy
    if stdin:
        container["stdin"] = True
        container["stdinOnce"] = True
    if tty:
        container["tty"] = True
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {"containers": [container], "restartPolicy": restart,
                     "dnsPolicy": "ClusterFirst"}}


def run(cluster: Cluster, argv: list[str]) -> str:
    from ..nfs import pod_exec

    parsed = parse_flags("run", argv, FLAGS)
    if not parsed.args:
        raise CommandError("error: NAME is required for run")
    name = parsed.args[0]
    image = parsed.text("image")
    if not image:
        raise CommandError("error: --image is required")
    restart = parsed.text("restart") or "Always"
    if restart not in RESTART_POLICIES:
        raise CommandError(f"error: invalid restart policy: {restart}")
    attach = parsed.has("stdin") or parsed.has("attach")
    if parsed.has("rm") and not attach:
        raise CommandError("error: --rm should only be used for attached containers")
    if parsed.has("dry-run"):
        raise CommandError("error: --dry-run is not simulated: the simulator only changes "
                           "the cluster or refuses")
    namespace = parsed.text("namespace") or "default"
    labels = _pairs(parsed.text("labels"), "label") if parsed.has("labels") else {"run": name}
    pod = pod_manifest(name, image, restart=restart, labels=labels,
                       env=[str(e) for e in parsed.values.get("env") or ()],
                       port=parsed.text("port"), command=parsed.has("command"),
                       argv=parsed.rest, stdin=parsed.has("stdin"), tty=parsed.has("tty"),
                       pull_policy=parsed.text("image-pull-policy"), namespace=namespace)
    try:
        cluster.api.create(pod, actor="kubectl", reason="kubectl run")
    except ApiError as err:
        raise CommandError(api_error_text(err)) from None
    if not attach:
        return f"pod/{name} created"
    if not parsed.rest:
        _remove(cluster, namespace, name, parsed.has("rm"))
        raise CommandError("error: an interactive shell cannot run in a script: give the "
                           "command after --, e.g. kubectl run -i --rm dns-test "
                           "--image=busybox:1.28 --restart=Never -- nslookup web-0.nginx")
    cluster.settle()
    lines: list[str] = []
    failure: CommandError | None = None
    try:
        output = pod_exec(cluster, namespace, name, list(parsed.rest))
        if output:
            lines.append(output)
    except CommandError as err:
        text = str(err)
        output, marker, _status = text.rpartition("command terminated with exit code ")
        if marker:
            # The process exited non-zero: its output, then kubectl's verdict on the pod.
            if output.rstrip("\n"):
                lines.append(output.rstrip("\n"))
            text = f"pod {namespace}/{name} terminated (Error)"
        elif text.startswith("error: unable to upgrade connection") or \
                "does not have a host assigned" in text:
            # kubectl's wait for the pod to run gives up (--pod-running-timeout, 1m).
            text = "error: timed out waiting for the condition"
        failure = CommandError(text)
    if parsed.has("rm"):
        lines.append(_remove(cluster, namespace, name, True))
    if failure is not None:
        from ..commands import CommandFailed

        raise CommandFailed("\n".join(line for line in lines if line), [str(failure)])
    return "\n".join(line for line in lines if line)


def _remove(cluster: Cluster, namespace: str, name: str, remove: bool) -> str:
    if not remove:
        return ""
    current = cluster.store.get("Pod", namespace, name)
    if current is None:
        return ""
    cluster.api.delete("Pod", namespace, name, actor="kubectl", reason="kubectl run --rm")
    cluster.settle()
    return deleted_line(current)
