"""``kubectl exec``: a container's filesystem seen through its volume mounts, and a tiny shell.

A simulated container's own filesystem (its image) is modelled as **read-only**, as if
the pod set ``securityContext.readOnlyRootFilesystem: true``: only volume mounts are
writable. So ``echo hi > /tmp/x`` fails with the shell's ``Read-only file system``, and
every byte a pod writes lands on a volume where the graph can show it. Mounts map a
path inside the container to their backing store:

* an NFS volume (a PV's ``spec.nfs`` through a bound claim, or an inline ``nfs:``
  volume) → ``server:path`` (+ ``subPath``) on the NFS server (store writes);
* other volume types (emptyDir, hostPath, local, CSI...) → an in-memory directory kept on
  the cluster object (emptyDir per pod, hostPath per node, PVs per volume name); these
  are not store objects.

Supported commands: ``cat``, ``ls [-a]``, ``echo [-n]``, ``mkdir [-p]``, ``rm [-rf]``,
``touch``, ``hostname``, ``pwd``, ``true``, ``false`` and ``sh|bash -c SCRIPT`` with
``;``, ``&&``, ``||``, ``>`` and ``>>``. Messages follow Debian's dash and coreutils
(the nginx image), or BusyBox for images whose name says ``busybox`` or ``alpine``.
A failing command ends with kubectl's ``command terminated with exit code N``.
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import nfs
from . import nodes as nodemod
from . import pods as podmod
from .apiserver import not_found
from .errors import ApiError, CommandError
from .objects import get_path, phase_of, uid_of

if TYPE_CHECKING:
    from .cluster import Cluster

ENOENT = "No such file or directory"
EISDIR = "Is a directory"
ENOTDIR = "Not a directory"
EROFS = "Read-only file system"
EEXIST = "File exists"
ESTALE = "Stale file handle"
EBUSY = "Device or resource busy"


class _FsError(Exception):
    def __init__(self, errno_text: str) -> None:
        super().__init__(errno_text)
        self.text = errno_text


# ---- backing stores ---------------------------------------------------------------------
@dataclass
class MemTree:
    """A directory tree kept in memory (emptyDir, hostPath and non-NFS volumes)."""

    dirs: set[str] = field(default_factory=lambda: {"/"})
    files: dict[str, str] = field(default_factory=dict)


def _mem_trees(cluster: Cluster) -> dict[tuple[str, str], MemTree]:
    trees = getattr(cluster, "_pvgraph_volume_data", None)
    if trees is None:
        trees = {}
        cluster._pvgraph_volume_data = trees  # type: ignore[attr-defined]
    return trees


def _trees_by_pod(cluster: Cluster) -> dict[str, set[tuple[str, str]]]:
    index = getattr(cluster, "_pvgraph_pod_trees", None)
    if index is None:
        index = {}
        cluster._pvgraph_pod_trees = index  # type: ignore[attr-defined]
    return index


def pod_tree(cluster: Cluster, kind: str, pod_uid: str, volume: str) -> MemTree:
    """The in-memory tree of one pod's volume (``emptyDir``, or ``volume`` for configMap,
    secret, projected and downwardAPI files); it lives as long as the pod."""
    key = (kind, f"{pod_uid}/{volume}")
    trees = _mem_trees(cluster)
    tree = trees.get(key)
    if tree is None:
        tree = trees[key] = MemTree()
        _trees_by_pod(cluster).setdefault(pod_uid, set()).add(key)
    return tree


def forget_pod_trees(cluster: Cluster, pod_uid: str) -> None:
    """The pod is gone: so is what only it held (emptyDir data, its config files)."""
    trees = _mem_trees(cluster)
    for key in _trees_by_pod(cluster).pop(pod_uid, ()):
        trees.pop(key, None)


class _Backing:
    """Uniform file operations over an NFS server or a MemTree (paths are absolute)."""

    def __init__(self, cluster: Cluster, *, server: str = "", tree: MemTree | None = None,
                 actor: str = "kubectl", who: str = "") -> None:
        self.cluster = cluster
        self.server = server
        self.tree = tree
        self.actor = actor
        self.who = who

    def _state(self) -> nfs.ServerState | MemTree:
        """A writable copy (NFS) or the tree itself."""
        if self.tree is not None:
            return self.tree
        st = nfs.state(self.cluster, self.server)
        if st is None:
            raise _FsError(ESTALE)
        return st

    def _view(self) -> nfs.Snapshot | MemTree:
        if self.tree is not None:
            return self.tree
        snap = nfs.snapshot(self.cluster, self.server)
        if snap is None:
            raise _FsError(ESTALE)
        return snap

    def is_dir(self, path: str) -> bool:
        st = self._view()
        return path == "/" or path in st.dirs

    def is_file(self, path: str) -> bool:
        return path in self._view().files

    def read(self, path: str) -> str:
        return self._view().files[path]

    def children(self, path: str) -> list[str]:
        st = self._view()
        if isinstance(st, nfs.Snapshot):
            return st.children(path)
        prefix = "/" if path == "/" else path + "/"
        names = {p[len(prefix):] for p in (*st.dirs, *st.files)
                 if p.startswith(prefix) and "/" not in p[len(prefix):]}
        return sorted(n for n in names if n)

    def _commit(self, st: nfs.ServerState | MemTree, reason: str) -> None:
        if isinstance(st, nfs.ServerState):
            nfs.save(self.cluster, st, actor=self.actor,
                     reason=f"{self.who}: {reason}" if self.who else reason)

    def write(self, path: str, text: str, append: bool) -> None:
        st = self._state()
        st.files[path] = (st.files.get(path, "") if append else "") + text
        where = f"{self.server}:{path}" if self.server else path
        self._commit(st, f"{'append to' if append else 'write'} {where}")

    def mkdir(self, path: str) -> None:
        st = self._state()
        if isinstance(st, nfs.ServerState):
            st.mkdir(path)
        else:
            st.dirs.update(nfs.parents(path))
        self._commit(st, f"mkdir {self.server}:{path}" if self.server else f"mkdir {path}")

    def remove(self, path: str) -> None:
        st = self._state()
        prefix = path + "/"
        st.dirs = {d for d in st.dirs if d != path and not d.startswith(prefix)}
        st.files = {f: t for f, t in st.files.items() if f != path and not f.startswith(prefix)}
        self._commit(st, f"rm {self.server}:{path}" if self.server else f"rm {path}")


@dataclass
class Mount:
    path: str            # inside the container
    volume: str          # the pod volume's name
    backing: _Backing
    base: str            # directory on the backing store
    read_only: bool


# ---- the container's filesystem ---------------------------------------------------------
_IMAGE_DIRS = ("/bin", "/dev", "/etc", "/home", "/proc", "/root", "/run", "/sbin", "/sys",
               "/tmp", "/usr", "/usr/bin", "/usr/share", "/var", "/var/log")
_NGINX_INDEX = """<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
"""


class ContainerFS:
    """Paths inside one container: the read-only image plus its mounts."""

    def __init__(self, image: str, mounts: list[Mount], files: dict[str, str]) -> None:
        self.mounts = sorted(mounts, key=lambda m: -len(m.path))
        self.image_files = dict(files)
        dirs = set(_IMAGE_DIRS)
        if "nginx" in image:
            dirs |= {"/etc/nginx", "/usr/share/nginx", "/usr/share/nginx/html", "/var/log/nginx"}
            self.image_files.setdefault("/usr/share/nginx/html/index.html", _NGINX_INDEX)
            self.image_files.setdefault("/usr/share/nginx/html/50x.html",
                                        "<!DOCTYPE html>\n<title>Error</title>\n")
        for path in self.image_files:
            dirs.update(nfs.parents(posixpath.dirname(path)))
        for mount in self.mounts:
            dirs.update(nfs.parents(mount.path))
        self.image_dirs = dirs | {"/"}

    def locate(self, path: str) -> tuple[Mount | None, str]:
        for mount in self.mounts:
            if path == mount.path or mount.path == "/" or path.startswith(mount.path + "/"):
                rest = path[len(mount.path):] if mount.path != "/" else path
                target = nfs.norm(mount.base + "/" + rest) if rest.strip("/") else mount.base
                return mount, target
        return None, path

    def _hidden(self, path: str) -> bool:
        """Image content under a mount point is hidden by the mount."""
        return any(path.startswith(m.path + "/") or path == m.path for m in self.mounts)

    def _check_base(self, mount: Mount) -> None:
        # A subPath may name a file (a ConfigMap key mounted over /etc/nginx/nginx.conf).
        if not (mount.backing.is_dir(mount.base) or mount.backing.is_file(mount.base)):
            raise _FsError(ESTALE)

    def kind(self, path: str) -> str:
        """``dir``, ``file`` or ``missing``."""
        mount, target = self.locate(path)
        if mount is not None:
            self._check_base(mount)
            if mount.backing.is_dir(target):
                return "dir"
            return "file" if mount.backing.is_file(target) else "missing"
        if path in self.image_dirs:
            return "dir"
        return "file" if path in self.image_files and not self._hidden(path) else "missing"

    def read(self, path: str) -> str:
        kind = self.kind(path)
        if kind == "dir":
            raise _FsError(EISDIR)
        if kind == "missing":
            raise _FsError(ENOENT)
        mount, target = self.locate(path)
        return mount.backing.read(target) if mount else self.image_files[path]

    def listdir(self, path: str) -> list[str]:
        mount, target = self.locate(path)
        if mount is not None:
            self._check_base(mount)
            names = set(mount.backing.children(target))
        else:
            prefix = "/" if path == "/" else path + "/"
            names = {p[len(prefix):] for p in (*self.image_dirs, *self.image_files)
                     if p.startswith(prefix) and "/" not in p[len(prefix):] and p != path}
        prefix = "/" if path == "/" else path + "/"
        names |= {m.path[len(prefix):] for m in self.mounts
                  if m.path.startswith(prefix) and "/" not in m.path[len(prefix):]}
        return sorted(n for n in names if n)

    def _writable(self, path: str) -> tuple[Mount, str]:
        mount, target = self.locate(path)
        if mount is None:
            raise _FsError(EROFS)
        self._check_base(mount)
        if mount.read_only:
            raise _FsError(EROFS)
        return mount, target

    def write(self, path: str, text: str, append: bool) -> None:
        kind = self.kind(path)
        if kind == "dir":
            raise _FsError(EISDIR)
        parent = posixpath.dirname(path)
        if self.kind(parent) != "dir":
            raise _FsError(ENOENT)
        mount, target = self._writable(path)
        mount.backing.write(target, text, append)

    def mkdir(self, path: str, parents: bool) -> None:
        kind = self.kind(path)
        if kind != "missing":
            if parents and kind == "dir":
                return
            raise _FsError(EEXIST)
        if not parents and self.kind(posixpath.dirname(path)) != "dir":
            raise _FsError(ENOENT)
        mount, target = self._writable(path)
        mount.backing.mkdir(target)

    def remove(self, path: str, recursive: bool) -> None:
        kind = self.kind(path)
        if kind == "missing":
            raise _FsError(ENOENT)
        if kind == "dir" and not recursive:
            raise _FsError(EISDIR)
        if any(m.path == path for m in self.mounts):
            raise _FsError(EBUSY)
        mount, target = self._writable(path)
        mount.backing.remove(target)


# ---- resolving a pod's mounts -----------------------------------------------------------
def _volume_backing(cluster: Cluster, pod: Mapping[str, Any], volume: Mapping[str, Any],
                    who: str) -> tuple[_Backing, str, bool] | None:
    """(backing store, base directory, read-only) for one pod volume."""
    namespace = str(get_path(pod, "metadata", "namespace", default="default") or "default")
    node = podmod.node_name(pod)
    read_only = False
    source: Mapping[str, Any] = volume
    pv_name = ""
    claim_ref = volume.get("persistentVolumeClaim")
    if isinstance(claim_ref, Mapping):
        read_only = bool(claim_ref.get("readOnly"))
        claim = cluster.store.get("PersistentVolumeClaim", namespace, str(claim_ref.get("claimName")))
        pv_name = str(get_path(claim, "spec", "volumeName", default="") or "")
        pv = cluster.store.get("PersistentVolume", "", pv_name) if pv_name else None
        if pv is None:
            return None
        source = pv.get("spec") or {}
    nfs_src = nfs.nfs_source({"nfs": source.get("nfs")}) if source.get("nfs") else None
    if nfs_src is not None:
        server, path, ro = nfs_src
        st = nfs.state(cluster, server)
        export_ro = False
        if st is not None:
            covering = st.exports_covering(path)
            export_ro = bool(covering) and covering[0].read_only
        return _Backing(cluster, server=server, who=who), path, read_only or ro or export_ro
    trees = _mem_trees(cluster)
    if pv_name:
        tree = trees.setdefault(("pv", pv_name), MemTree())
    elif "emptyDir" in source:
        tree = pod_tree(cluster, "emptyDir", uid_of(pod), str(volume.get("name")))
    elif isinstance(source.get("hostPath"), Mapping):
        tree = trees.setdefault(("hostPath", f"{node}:{source['hostPath'].get('path')}"),
                                MemTree())
    else:
        tree = pod_tree(cluster, "volume", uid_of(pod), str(volume.get("name")))
        read_only = True  # configMap, secret, projected, downwardAPI: read-only to the container
    return _Backing(cluster, tree=tree), "/", read_only


def container_mounts(cluster: Cluster, pod: Mapping[str, Any], container: Mapping[str, Any],
                     who: str = "") -> list[Mount]:
    by_name = {str(v.get("name")): v for v in podmod.volumes(pod)}
    out = []
    for vm in container.get("volumeMounts") or ():
        if not isinstance(vm, Mapping):
            continue
        volume = by_name.get(str(vm.get("name")))
        if volume is None:
            continue
        resolved = _volume_backing(cluster, pod, volume, who)
        if resolved is None:
            continue
        backing, base, read_only = resolved
        sub = str(vm.get("subPath") or "")
        if sub:
            # rstrip: normpath keeps a leading "//" (POSIX allows it), so "/" + "/x" would stay.
            base = nfs.norm(base.rstrip("/") + "/" + sub)
        out.append(Mount(nfs.norm(str(vm.get("mountPath") or "/")), str(vm.get("name")), backing,
                         base, read_only or bool(vm.get("readOnly"))))
    return out


# ---- the shell --------------------------------------------------------------------------
class _Shell:
    def __init__(self, fs: ContainerFS, hostname: str, busybox: bool,
                 resolve: Callable[[str], tuple[int, str]] | None = None) -> None:
        self.fs = fs
        self.hostname = hostname
        self.busybox = busybox
        # nslookup's answer for a name, from the pod's namespace (BusyBox images only).
        self.resolve = resolve
        self.out: list[str] = []

    def err(self, text: str) -> None:
        self.out.append(text + "\n")

    def path(self, text: str) -> str:
        return nfs.norm(text if text.startswith("/") else "/" + text)

    # -- builtins: each returns an exit status --
    def run(self, argv: list[str], *, in_shell: bool) -> int:
        if not argv:
            return 0
        name, args = posixpath.basename(argv[0]), argv[1:]
        command = getattr(self, f"cmd_{name}", None)
        if name == "nslookup" and not (self.busybox and self.resolve):
            command = None  # Debian's nginx image has no nslookup
        if name in ("sh", "bash", "ash", "dash") and args[:1] == ["-c"] and len(args) >= 2:
            return self.script(args[1])
        if command is None:
            if in_shell:
                self.err(f"sh: {name}: not found" if self.busybox else f"sh: 1: {name}: not found")
            else:
                self.err("OCI runtime exec failed: exec failed: unable to start container process: "
                         f'exec: "{argv[0]}": executable file not found in $PATH: unknown')
            return 127
        return command(args)

    def cmd_true(self, args: list[str]) -> int:
        return 0

    def cmd_false(self, args: list[str]) -> int:
        return 1

    def cmd_pwd(self, args: list[str]) -> int:
        self.out.append("/\n")
        return 0

    def cmd_nslookup(self, args: list[str]) -> int:
        names = [a for a in args if not a.startswith("-")]
        if not names:
            self.err("BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\n"
                     "Usage: nslookup [HOST] [SERVER]")
            return 1
        assert self.resolve is not None
        status, text = self.resolve(names[0])
        self.out.append(text)
        return status

    def cmd_hostname(self, args: list[str]) -> int:
        self.out.append(self.hostname + "\n")
        return 0

    def cmd_echo(self, args: list[str]) -> int:
        newline = True
        if args[:1] == ["-n"]:
            newline, args = False, args[1:]
        self.out.append(" ".join(args) + ("\n" if newline else ""))
        return 0

    def cmd_cat(self, args: list[str]) -> int:
        status = 0
        for arg in args:
            path = self.path(arg)
            try:
                self.out.append(self.fs.read(path))
            except _FsError as exc:
                self.err(f"cat: can't open '{arg}': {exc.text}" if self.busybox
                         else f"cat: {arg}: {exc.text}")
                status = 1
        return status

    def cmd_ls(self, args: list[str]) -> int:
        show_all = any(a.startswith("-") and "a" in a for a in args)
        paths = [a for a in args if not a.startswith("-")] or ["."]
        status = 0
        listings = []
        for arg in paths:
            path = self.path(arg)
            try:
                kind = self.fs.kind(path)
                if kind == "missing":
                    raise _FsError(ENOENT)
            except _FsError as exc:
                self.err(f"ls: {arg}: {exc.text}" if self.busybox
                         else f"ls: cannot access '{arg}': {exc.text}")
                status = 1 if self.busybox else 2
                continue
            if kind == "file":
                listings.append((None, [arg]))
                continue
            names = self.fs.listdir(path)
            listings.append((arg, ([".", ".."] if show_all else []) + names))
        files = [n for head, names in listings if head is None for n in names]
        dirs = [(head, names) for head, names in listings if head is not None]
        chunks = []
        if files:
            chunks.append("".join(f"{n}\n" for n in files))
        for head, names in dirs:
            body = "".join(f"{n}\n" for n in names)
            chunks.append(f"{head}:\n{body}" if len(listings) > 1 else body)
        self.out.append("\n".join(chunks))
        return status

    def cmd_mkdir(self, args: list[str]) -> int:
        parents = any(a.startswith("-") and "p" in a for a in args)
        status = 0
        for arg in (a for a in args if not a.startswith("-")):
            try:
                self.fs.mkdir(self.path(arg), parents)
            except _FsError as exc:
                self.err(f"mkdir: can't create directory '{arg}': {exc.text}" if self.busybox
                         else f"mkdir: cannot create directory '{arg}': {exc.text}")
                status = 1
        return status

    def cmd_touch(self, args: list[str]) -> int:
        status = 0
        for arg in (a for a in args if not a.startswith("-")):
            path = self.path(arg)
            try:
                if self.fs.kind(path) == "missing":
                    self.fs.write(path, "", append=True)
                else:
                    self.fs._writable(path)
            except _FsError as exc:
                self.err(f"touch: {arg}: {exc.text}" if self.busybox
                         else f"touch: cannot touch '{arg}': {exc.text}")
                status = 1
        return status

    def cmd_rm(self, args: list[str]) -> int:
        flags = "".join(a[1:] for a in args if a.startswith("-"))
        recursive, force = ("r" in flags or "R" in flags), "f" in flags
        status = 0
        for arg in (a for a in args if not a.startswith("-")):
            try:
                self.fs.remove(self.path(arg), recursive)
            except _FsError as exc:
                if force and exc.text == ENOENT:
                    continue
                self.err(f"rm: can't remove '{arg}': {exc.text}" if self.busybox
                         else f"rm: cannot remove '{arg}': {exc.text}")
                status = 1
        return status

    # -- sh -c --
    def script(self, text: str) -> int:
        lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|<>")
        lexer.whitespace_split = True
        try:
            tokens = list(lexer)
        except ValueError:
            self.err("sh: Syntax error: Unterminated quoted string" if not self.busybox
                     else "sh: syntax error: unterminated quoted string")
            return 2
        status = 0
        command: list[str] = []
        skip = False
        joiner = ";"
        for token in [*tokens, ";"]:
            if token in (";", "&&", "||", "&"):
                if command and not skip:
                    status = self.simple(command)
                elif not command and token != ";":
                    self.err(f"sh: 1: Syntax error: \"{token}\" unexpected" if not self.busybox
                             else f"sh: syntax error: unexpected \"{token}\"")
                    return 2
                command = []
                joiner = token
                skip = (joiner == "&&" and status != 0) or (joiner == "||" and status == 0)
                continue
            if token in ("|", "|||", "<", "<<"):
                self.err("sh: the simulator's shell supports ; && || > and >> only")
                return 2
            command.append(token)
        return status

    def simple(self, tokens: list[str]) -> int:
        argv: list[str] = []
        redirect: tuple[str, bool] | None = None
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token in (">", ">>") and i + 1 < len(tokens):
                redirect = (tokens[i + 1], token == ">>")
                i += 2
                continue
            argv.append(token)
            i += 1
        if redirect is None:
            return self.run(argv, in_shell=True)
        target, append = redirect
        path = self.path(target)
        if path == "/dev/null":
            mark = len(self.out)
            status = self.run(argv, in_shell=True)
            del self.out[mark:]
            return status
        try:
            if self.fs.kind(path) == "dir":
                raise _FsError(EISDIR)
            if self.fs.kind(posixpath.dirname(path)) != "dir":
                raise _FsError("nonexistent directory" if self.busybox else "Directory nonexistent")
            self.fs._writable(path)
        except _FsError as exc:
            self.err(f"sh: can't create {target}: {exc.text}" if self.busybox
                     else f"sh: 1: cannot create {target}: {exc.text}")
            return 1 if self.busybox else 2
        mark = len(self.out)
        status = self.run(argv, in_shell=True)
        produced = "".join(self.out[mark:])
        del self.out[mark:]
        self.fs.write(path, produced, append)
        return status


# ---- entry point ------------------------------------------------------------------------
def exec_in_pod(cluster: Cluster, namespace: str, name: str, argv: list[str], *,
                container: str | None = None) -> str:
    namespace = namespace or "default"
    pod = cluster.store.get("Pod", namespace, name)
    if pod is None:
        raise not_found("Pod", name)
    node_name = podmod.node_name(pod)
    if not node_name:
        raise ApiError("BadRequest", f"pod {name} does not have a host assigned")
    phase = phase_of(pod)
    if phase in podmod.TERMINAL_PHASES:
        raise CommandError(f"error: cannot exec into a container in a completed pod; "
                           f"current phase is {phase}")
    specs = podmod.containers(pod)
    if container is None:
        chosen = specs[0] if specs else None
        container = str(chosen.get("name")) if chosen else ""
    else:
        chosen = next((c for c in specs if c.get("name") == container), None)
        if chosen is None:
            raise CommandError(f"error: container {container} not found in pod {name}")
    node = cluster.store.get("Node", "", node_name)
    if node is not None and nodemod.kubelet_stopped(node):
        raise CommandError(f"Error from server: error dialing backend: dial tcp "
                           f"{nodemod.internal_ip(node)}:10250: connect: no route to host")
    running = any(
        isinstance(cs, Mapping) and cs.get("name") == container
        and isinstance(get_path(cs, "state", "running"), Mapping)
        for cs in get_path(pod, "status", "containerStatuses", default=()) or ())
    if node is None or not running:
        raise CommandError(f'error: unable to upgrade connection: container not found ("{container}")')
    assert chosen is not None
    image = str(chosen.get("image") or "")
    who = f"exec {namespace}/{name}"
    host = podmod.hostname(pod)
    subdomain = get_path(pod, "spec", "subdomain", default="")
    ip = str(get_path(pod, "status", "podIP", default="") or "")
    fqdn = f"{host}.{subdomain}.{namespace}.svc.cluster.local" if subdomain else host
    hosts = ("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost "
             f"ip6-loopback\n{ip}\t{fqdn}\t{host}\n")
    fs = ContainerFS(image, container_mounts(cluster, pod, chosen, who),
                     {"/etc/hostname": host + "\n", "/etc/hosts": hosts})
    from .dns import nslookup_text

    shell = _Shell(fs, host, busybox=any(w in image for w in ("busybox", "alpine")),
                   resolve=lambda target: nslookup_text(cluster, namespace, target))
    status = shell.run(argv, in_shell=False)
    text = "".join(shell.out)
    if status != 0:
        raise CommandError(f"{text}command terminated with exit code {status}")
    return text[:-1] if text.endswith("\n") else text
