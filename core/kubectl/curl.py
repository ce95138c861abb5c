"""``kubectl exec POD -- curl URL``, ``-- chmod MODE PATH`` and ``sh -c '... $(cmd) ...'``.

These are what the StatefulSet tutorial runs beyond what the simulator's container shell
(core/podexec.py) knows; substitution is in core/kubectl/substitution.py.

The tutorial's point is that nginx serves ``/usr/share/nginx/html/index.html`` from the
pod's volume, so the data written through one pod outlives it. The simulator answers
``curl`` the way that container would:

* ``curl`` exists in containers whose image names ``nginx`` (the tutorial's
  nginx-slim has it); elsewhere it is not found, as the pod's shell says.
* The host resolves like cluster DNS and ``/etc/hosts``: ``localhost``, ``127.0.0.1``
  and the pod's own hostname are the pod itself; a pod IP is that pod;
  ``<hostname>.<service>[.<namespace>[.svc[.cluster.local]]]`` is a pod listed by the
  headless Service's endpoints (ready pods only, unless ``publishNotReadyAddresses``);
  ``<service>[...]`` is the first ready endpoint. Anything else: ``curl: (6) Could not
  resolve host``.
* Whatever listens on port 80 of a running nginx container serves its root
  ``/usr/share/nginx/html`` through the container's mounts: a file → its bytes; a
  directory path ending in ``/`` → its ``index.html``, else ``403 Forbidden`` (nginx
  has no autoindex); a directory without the ``/`` → ``301 Moved Permanently``; nothing
  → ``404 Not Found``. Error pages are nginx's, without a version in the footer. Other
  ports or containers: ``curl: (7) ... Couldn't connect to server``.

``chmod`` succeeds on paths that exist on a volume (the simulator keeps no permission
bits, so the tutorial's 403 workaround changes nothing) and fails as coreutils does
elsewhere.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from .. import dns
from ..errors import CommandError

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]
WEB_ROOT = "/usr/share/nginx/html"
_NO_VALUE_FLAGS = {"-s", "--silent", "-S", "--show-error", "-f", "--fail", "-L", "--location",
                   "-i", "--include", "-I", "--head", "-k", "--insecure", "-v", "--verbose",
                   "-sS", "-fsSL", "-sSL", "-fsS", "-sL", "-fs", "-sf", "-4", "-6"}
_VALUE_FLAGS = {"-o", "--output", "-m", "--max-time", "--connect-timeout", "-H", "--header",
                "-X", "--request", "-w", "--write-out", "-A", "--user-agent"}


class _Exit(Exception):
    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


def _serves_http(container: Obj) -> bool:
    return "nginx" in str(container.get("image") or "")


def _running_container(pod: Obj) -> Obj | None:
    """The pod's nginx container when it is running, else None."""
    running = {str(cs.get("name")) for cs in (pod.get("status") or {}).get(
        "containerStatuses") or () if isinstance(cs, Mapping)
        and isinstance((cs.get("state") or {}).get("running"), Mapping)}
    for container in (pod.get("spec") or {}).get("containers") or ():
        if isinstance(container, Mapping) and _serves_http(container) \
                and str(container.get("name")) in running:
            return container
    return None


def _pod_by_ip(cluster: Cluster, ip: str) -> Obj | None:
    return next((p for p in cluster.store.iter_kind("Pod")
                 if (p.get("status") or {}).get("podIP") == ip), None)


def _service_backend(cluster: Cluster, ip: str) -> Obj | None:
    """The pod kube-proxy sends a connection to a Service's cluster IP to (the first ready
    endpoint: the simulator picks deterministically where kube-proxy picks at random)."""
    for svc in cluster.store.iter_kind("Service"):
        if (svc.get("spec") or {}).get("clusterIP") != ip:
            continue
        meta = svc.get("metadata") or {}
        endpoints = cluster.store.get("Endpoints", str(meta.get("namespace") or ""),
                                      str(meta.get("name") or "")) or {}
        for subset in endpoints.get("subsets") or ():
            for address in subset.get("addresses") or ():
                target = _pod_by_ip(cluster, str(address.get("ip") or ""))
                if target is not None:
                    return target
    return None


def _resolve(cluster: Cluster, pod: Obj, host: str) -> Obj:
    """The pod a host name reaches from ``pod`` (raises curl's exit 6 when it does not)."""
    meta = pod.get("metadata") or {}
    namespace = str(meta.get("namespace") or "default")
    own = str((pod.get("spec") or {}).get("hostname") or meta.get("name") or "")
    host = host.strip("[]").rstrip(".").lower()
    if host in ("localhost", "127.0.0.1", "::1", own) or \
            host == str((pod.get("status") or {}).get("podIP") or ""):
        return pod
    if host.replace(".", "").isdigit():
        address = host
    else:
        answers = dns.lookup(cluster, namespace, host)
        if not answers:
            raise _Exit(6, f"curl: (6) Could not resolve host: {host}")
        address = answers[0].ip
    target = _pod_by_ip(cluster, address) or _service_backend(cluster, address)
    if target is None:
        raise _Exit(7, f"curl: (7) Failed to connect to {host} port 80 after 0 ms: "
                       "Couldn't connect to server")
    return target


def _page(code: int, reason: str) -> str:
    return (f"<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
            f"<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
            "</body>\r\n</html>\r\n")


def _serve(cluster: Cluster, target: Obj, container: Obj, path: str) -> tuple[int, str]:
    """(HTTP status, body) nginx returns for ``path``."""
    from ..nfs import pod_exec

    meta = target.get("metadata") or {}
    namespace, name = str(meta.get("namespace") or "default"), str(meta.get("name"))
    file_path = posixpath.normpath(WEB_ROOT + "/" + path.lstrip("/"))
    if not (file_path + "/").startswith(WEB_ROOT + "/"):
        return 400, _page(400, "Bad Request")

    def run(*argv: str) -> str | None:
        try:
            return pod_exec(cluster, namespace, name, list(argv),
                            container=str(container.get("name")))
        except CommandError:
            return None

    if path.endswith("/"):
        body = run("cat", file_path + "/index.html")
        if body is not None:
            return 200, body + "\n" if body else body
        return (403, _page(403, "Forbidden")) if run("ls", file_path) is not None \
            else (404, _page(404, "Not Found"))
    body = run("cat", file_path)
    if body is not None:
        return 200, body + "\n" if body else body
    if run("ls", file_path) is not None:
        return 301, _page(301, "Moved Permanently")
    return 404, _page(404, "Not Found")


_REASONS = {200: "OK", 301: "Moved Permanently", 400: "Bad Request", 403: "Forbidden",
            404: "Not Found"}


def _curl(cluster: Cluster, pod: Obj, args: list[str]) -> str:
    flags: set[str] = set()
    values: dict[str, str] = {}
    urls: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg in _VALUE_FLAGS:
            if i >= len(args):
                raise _Exit(2, f"curl: option {arg}: requires parameter\ncurl: try 'curl "
                               "--help' or 'curl --manual' for more information")
            values[{"--output": "-o", "--write-out": "-w"}.get(arg, arg)] = args[i]
            i += 1
        elif arg.startswith("--") and arg in _NO_VALUE_FLAGS:
            flags.add(arg)
        elif arg.startswith("-") and len(arg) > 1:
            flags.update(f"-{ch}" for ch in arg[1:])
        else:
            urls.append(arg)
    if not urls:
        raise _Exit(2, "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' "
                       "for more information")
    silent = bool(flags & {"-s", "--silent"}) and not flags & {"-S", "--show-error"}
    out: list[str] = []
    for url in urls:
        try:
            parts = urlsplit(url if "://" in url else "http://" + url)
        except ValueError:
            raise _Exit(3, "".join(out) + "curl: (3) URL rejected: Malformed input to a URL "
                                          "function\n") from None
        if parts.scheme not in ("http", "https"):
            raise _Exit(1, "".join(out) + f'curl: (1) Protocol "{parts.scheme}" not supported'
                                          "\n")
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise _Exit(3, "".join(out) + "curl: (3) URL rejected: Port number was not a "
                                          "decimal number between 0 and 65535\n") from None
        try:
            target = _resolve(cluster, pod, host)
            container = _running_container(target)
            if container is None or port != 80:
                raise _Exit(7, f"curl: (7) Failed to connect to {host} port {port} after 0 ms: "
                               "Couldn't connect to server")
            code, body = _serve(cluster, target, container, unquote(parts.path or "/"))
        except _Exit as err:
            raise _Exit(err.status, "".join(out) + ("" if silent else err.text + "\n")) from None
        if code >= 400 and flags & {"-f", "--fail"}:
            tail = "" if silent else f"curl: (22) The requested URL returned error: {code}\n"
            raise _Exit(22, "".join(out) + tail)
        head = f"HTTP/1.1 {code} {_REASONS[code]}\r\nServer: nginx\r\nContent-Type: text/html\r\n"\
               f"Content-Length: {len(body.encode())}\r\n\r\n"
        if flags & {"-I", "--head"}:
            body = ""
        text = (head if flags & {"-i", "--include", "-I", "--head"} else "") + body
        output = values.get("-o")
        if output is not None and output != "/dev/null":
            raise _Exit(23, "".join(out) + ("" if silent else
                                            "curl: (23) Failure writing output to destination\n"))
        out.append("" if output == "/dev/null" else text)
        if "-w" in values:
            out.append(values["-w"].replace("%{http_code}", str(code)).replace("\\n", "\n"))
    return "".join(out)


def _chmod(cluster: Cluster, pod: Obj, container: str, args: list[str]) -> str:
    from ..nfs import pod_exec
    from ..podexec import container_mounts

    operands = [a for a in args if not a.startswith("-")]
    if len(operands) < 2:
        raise _Exit(1, "chmod: missing operand\nTry 'chmod --help' for more information.")
    meta = pod.get("metadata") or {}
    namespace, name = str(meta.get("namespace") or "default"), str(meta.get("name"))
    spec = next((c for c in (pod.get("spec") or {}).get("containers") or ()
                 if isinstance(c, Mapping) and c.get("name") == container), {})
    mounts = [m.path for m in container_mounts(cluster, pod, spec)]
    errors: list[str] = []
    for operand in operands[1:]:
        path = posixpath.normpath("/" + operand.lstrip("/"))
        try:
            pod_exec(cluster, namespace, name, ["ls", path], container=container)
        except CommandError:
            errors.append(f"chmod: cannot access '{operand}': No such file or directory")
            continue
        if not any(path == m or path.startswith(m.rstrip("/") + "/") for m in mounts):
            errors.append(f"chmod: changing permissions of '{operand}': Read-only file system")
    if errors:
        raise _Exit(1, "\n".join(errors) + "\n")
    return ""


def exec_builtin(cluster: Cluster, namespace: str, pod_name: str, argv: list[str],
                 container: str | None) -> str | None:
    """Output of ``curl``/``chmod`` run by ``kubectl exec``, or None for other commands.

    A ``sh -c`` script with command substitutions is expanded and run here too.
    """
    from ..nfs import pod_exec
    from .substitution import needs_substitution, substitute

    program = posixpath.basename(argv[0]) if argv else ""
    kwargs = {"container": container} if container else {}
    if needs_substitution(argv):
        def run(command: str) -> str:
            try:
                return pod_exec(cluster, namespace, pod_name, ["sh", "-c", command], **kwargs)
            except CommandError:
                return ""

        pod_exec(cluster, namespace, pod_name, ["true"], **kwargs)
        script = substitute(argv[2], run)
        return pod_exec(cluster, namespace, pod_name, [argv[0], "-c", script, *argv[3:]],
                        **kwargs)
    if program not in ("curl", "chmod"):
        return None
    # Let the pod's own checks speak first: missing pod, not running, no such container.
    pod_exec(cluster, namespace, pod_name, ["true"], **kwargs)
    pod = cluster.store.get("Pod", namespace, pod_name) or {}
    specs = [c for c in (pod.get("spec") or {}).get("containers") or ()
             if isinstance(c, Mapping)]
    chosen = next((c for c in specs if c.get("name") == container), None) if container \
        else (specs[0] if specs else None)
    if chosen is None or (program == "curl" and not _serves_http(chosen)):
        return None
    try:
        if program == "curl":
            text = _curl(cluster, pod, argv[1:])
        else:
            text = _chmod(cluster, pod, str(chosen.get("name")), argv[1:])
    except _Exit as err:
        raise CommandError(f"{err.text}command terminated with exit code {err.status}") from None
    return text[:-1] if text.endswith("\n") else text


__all__ = ["exec_builtin"]
