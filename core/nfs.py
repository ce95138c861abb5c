"""NFS servers: who exports what, which directories and files exist, and mounting.

The simulator's own kind ``NFSServer`` (``simulator.pvgraph.dev/v1alpha1``) describes a
server: ``spec.address`` (what PVs put in ``spec.nfs.server``), ``spec.exports``
(``/etc/exports`` lines: ``path``, ``clients`` such as ``*`` or ``192.168.6.0/24``,
``options`` such as ``[rw, sync]``) and ``spec.directories`` (what exists on its disk).
Its ``status`` holds the server's disk: ``directories`` (sorted absolute paths) and
``files`` (path → text). Every file operation is one store write, so the timeline and
the graph see it.

Servers come from two places:

* **declared**: an NFSServer a user applies. It exports exactly what it lists; a PV
  naming a path outside its exports fails to mount (``access denied by server``), as
  the seed post's ``/nfsdata`` export does for PVs at ``/nfs/pv1``.
* **implied**: a server that only PVs name. The simulator assumes it exists, exports
  every path the PVs name (to ``*``, read-write) and that those directories exist. It
  keeps such a server in the store as an NFSServer annotated
  ``simulator.pvgraph.dev/implied: "true"`` (created by the ``nfs-server`` component),
  so its files have a home. Paths stay exported after their PV is deleted: the data
  outlives the PV. A declared server for the same address replaces the implied one.

Server-side verbs (``nfs write|cat|ls SERVER:PATH``) act like a root shell on the
server machine; they are not limited to exported paths. ``kubectl exec`` goes through
a pod's mounts instead (see :mod:`core.podexec`).
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import CommandError
from .kinds import SIM_API_GROUP
from .objects import DELETE, Manifest, annotations_of, get_path, name_of, uid_of

if TYPE_CHECKING:
    from .cluster import Cluster

KIND = "NFSServer"
API_VERSION = f"{SIM_API_GROUP}/v1alpha1"
ANN_IMPLIED = f"{SIM_API_GROUP}/implied"
IMPLIED_OPTIONS = ("rw", "sync", "no_subtree_check", "no_root_squash")
ACTOR = "nfs-server"


class NFSError(CommandError):
    """A file operation failed; ``str()`` is what the shell on the server would print."""


@dataclass(frozen=True)
class NFSExport:
    """One ``/etc/exports`` line: ``path clients(options)``."""

    path: str
    clients: str = "*"
    options: tuple[str, ...] = ("rw", "sync")

    @property
    def read_only(self) -> bool:
        return "ro" in self.options

    def line(self) -> str:
        return f"{self.path} {self.clients}({','.join(self.options)})"

    def covers(self, path: str) -> bool:
        return path == self.path or self.path == "/" or path.startswith(self.path + "/")


@dataclass(frozen=True)
class NFSServerView:
    """One server as the GUI shows it."""

    name: str
    address: str
    implied: bool
    exports: tuple[NFSExport, ...]
    directories: tuple[str, ...]
    #: ``(path, size in bytes)`` of every file, sorted by path.
    files: tuple[tuple[str, int], ...]
    #: PersistentVolumes that name this server.
    volumes: tuple[str, ...]
    uid: str = ""


@dataclass(frozen=True)
class MountCheck:
    """Whether a node may mount ``server:path``; ``output`` is mount.nfs's error text."""

    ok: bool
    read_only: bool = False
    output: str = ""
    explanation: str = ""


# ---- paths ------------------------------------------------------------------------------
def norm(path: str) -> str:
    """``/nfs/pv1/`` → ``/nfs/pv1``; relative paths are taken from ``/``."""
    text = str(path or "/")
    if not text.startswith("/"):
        text = "/" + text
    out = posixpath.normpath(text)
    return "/" if out in ("/", "//") else out


def parents(path: str) -> list[str]:
    """``/a/b/c`` → ``['/a', '/a/b', '/a/b/c']`` (the root is implicit)."""
    path = norm(path)
    if path == "/":
        return []
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]


def _closure(paths: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for path in paths:
        out.update(parents(path))
    return out


# ---- objects ----------------------------------------------------------------------------
def server_address(obj: Mapping[str, Any]) -> str:
    """What PVs call this server: ``spec.address`` (or ``server``/``host``), else its name."""
    spec = obj.get("spec") or {}
    for key in ("address", "server", "host"):
        if spec.get(key):
            return str(spec[key])
    return name_of(obj)


def is_implied(obj: Mapping[str, Any]) -> bool:
    return str(annotations_of(obj).get(ANN_IMPLIED) or "") == "true"


def nfs_source(obj: Mapping[str, Any]) -> tuple[str, str, bool] | None:
    """``(server, path, readOnly)`` of a PV's or an inline pod volume's ``nfs`` source."""
    source = obj.get("nfs") if "nfs" in obj else get_path(obj, "spec", "nfs")
    if not isinstance(source, Mapping) or not source.get("server"):
        return None
    return str(source["server"]), norm(str(source.get("path") or "/")), bool(source.get("readOnly"))


def _exports_of(obj: Mapping[str, Any]) -> list[NFSExport]:
    out = []
    for entry in get_path(obj, "spec", "exports", default=()) or ():
        if isinstance(entry, Mapping):
            if not entry.get("path"):
                continue
            out.append(NFSExport(norm(str(entry["path"])), str(entry.get("clients") or "*"),
                                 _options(entry.get("options"))))
        elif entry:
            out.append(NFSExport(norm(str(entry))))
    return out


def _options(value: Any) -> tuple[str, ...]:
    """Export options as a list (``[rw, sync]``) or as /etc/exports text (``rw,sync``)."""
    if value is None or value == "" or value == []:
        return ("rw", "sync")
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return tuple(o.strip() for o in items if o.strip())


def _objects_for(cluster: Cluster, address: str) -> tuple[list[Manifest], list[Manifest]]:
    """(declared, implied) NFSServer objects answering to ``address``, sorted by name."""
    declared, implied = [], []
    for obj in cluster.store.list(KIND):
        if address in (server_address(obj), name_of(obj)):
            (implied if is_implied(obj) else declared).append(obj)
    return declared, implied


class _Index:
    """Per-cluster cache: the paths PVs name per server, and parsed server snapshots.

    Mounting is frequent (every pod start) and a server may back thousands of PVs, so
    the PV → path map is kept up to date from the store's change records instead of
    being recomputed, and a server's parsed state is reused until it or a PV changes.
    """

    def __init__(self, cluster: Cluster) -> None:
        self.paths: dict[str, dict[str, int]] = {}
        self.sources: dict[str, tuple[str, str]] = {}
        self.version = 0
        self.snapshots: dict[str, tuple[tuple[Any, ...], Snapshot]] = {}
        for pv in cluster.store.iter_kind("PersistentVolume"):
            self._track(name_of(pv), pv)
        cluster.store.subscribe(self._on_change)

    def _track(self, name: str, pv: Mapping[str, Any] | None) -> None:
        old = self.sources.pop(name, None)
        source = nfs_source(pv) if pv is not None else None
        new = (source[0], source[1]) if source else None
        if old == new:
            if new:
                self.sources[name] = new
            return
        self.version += 1
        if old:
            counts = self.paths.get(old[0], {})
            counts[old[1]] = counts.get(old[1], 1) - 1
            if counts[old[1]] <= 0:
                del counts[old[1]]
        if new:
            self.sources[name] = new
            counts = self.paths.setdefault(new[0], {})
            counts[new[1]] = counts.get(new[1], 0) + 1

    def _on_change(self, change: Any) -> None:
        if change.key[0] == "PersistentVolume":
            self._track(change.key[2], change.new)


def _index(cluster: Cluster) -> _Index:
    index = getattr(cluster, "_pvgraph_nfs_index", None)
    if index is None:
        index = _Index(cluster)
        cluster._pvgraph_nfs_index = index  # type: ignore[attr-defined]
    return index


def implied_paths(cluster: Cluster, address: str) -> list[str]:
    """Paths that PersistentVolumes name on ``address`` (what an implied server exports)."""
    return sorted(_index(cluster).paths.get(address, {}))


def addresses(cluster: Cluster) -> list[str]:
    """Every server address known: declared, stored implied, and named by PVs."""
    out = {server_address(obj) for obj in cluster.store.iter_kind(KIND)}
    out.update(a for a, paths in _index(cluster).paths.items() if paths)
    return sorted(out)


# ---- a server's effective state ---------------------------------------------------------
class _Tree:
    """Reading a server's disk; ``dirs``, ``files`` and ``exports`` come from subclasses."""

    dirs: Any
    files: Any
    exports: Any

    def is_dir(self, path: str) -> bool:
        return path == "/" or path in self.dirs

    def is_file(self, path: str) -> bool:
        return path in self.files

    def exists(self, path: str) -> bool:
        return self.is_dir(path) or self.is_file(path)

    def children(self, path: str) -> list[str]:
        prefix = "/" if path == "/" else path + "/"
        names = {p[len(prefix):] for p in (*self.dirs, *self.files)
                 if p.startswith(prefix) and "/" not in p[len(prefix):]}
        return sorted(n for n in names if n)

    def exports_covering(self, path: str) -> list[NFSExport]:
        return sorted((e for e in self.exports if e.covers(path)), key=lambda e: -len(e.path))


@dataclass(frozen=True)
class Snapshot(_Tree):
    """A server as it is now (read-only): the stored object merged with what PVs imply."""

    address: str
    name: str
    implied: bool
    exports: tuple[NFSExport, ...]
    dirs: frozenset[str]
    files: Mapping[str, str]
    obj: Manifest | None
    stored_exports: tuple[NFSExport, ...]
    #: None while the server's status has never been written.
    stored_dirs: frozenset[str] | None
    by_path: Mapping[str, tuple[NFSExport, ...]] = field(default_factory=dict)

    def exports_covering(self, path: str) -> list[NFSExport]:
        """Exports of ``path`` or a parent, deepest first (looked up, not scanned)."""
        out: list[NFSExport] = []
        for candidate in reversed(["/", *parents(path)]):
            out.extend(self.by_path.get(candidate, ()))
        return out


@dataclass
class ServerState(_Tree):
    """A mutable copy of a server's disk; :func:`save` stores what changed."""

    address: str
    name: str
    implied: bool
    exports: list[NFSExport]
    dirs: set[str]
    files: dict[str, str]
    obj: Manifest | None = None
    _dirs0: set[str] = field(default_factory=set)
    _files0: dict[str, str] = field(default_factory=dict)
    _exports0: list[NFSExport] = field(default_factory=list)

    def mkdir(self, path: str) -> None:
        self.dirs.update(parents(path))

    def remove_tree(self, path: str) -> None:
        prefix = path + "/"
        self.dirs = {d for d in self.dirs if d != path and not d.startswith(prefix)}
        self.files = {f: t for f, t in self.files.items() if f != path and not f.startswith(prefix)}

    def clear_dir(self, path: str) -> None:
        prefix = "/" if path == "/" else path + "/"
        self.dirs = {d for d in self.dirs if not d.startswith(prefix)}
        self.files = {f: t for f, t in self.files.items() if not f.startswith(prefix)}

    def rename(self, old: str, new: str) -> None:
        def moved(p: str) -> str:
            return new + p[len(old):] if p == old or p.startswith(old + "/") else p

        self.dirs = {moved(d) for d in self.dirs} | set(parents(posixpath.dirname(new)))
        self.files = {moved(f): t for f, t in self.files.items()}

    def changed(self) -> bool:
        return (self.dirs != self._dirs0 or self.files != self._files0
                or self.exports != self._exports0)


def _sanitize(address: str) -> str:
    name = re.sub(r"[^a-z0-9.-]+", "-", address.lower()).strip("-.")
    return name or "nfs-server"


def snapshot(cluster: Cluster, server: str) -> Snapshot | None:
    """The server called ``server`` (address or object name) as it is now, or None."""
    index = _index(cluster)
    declared, implied = _objects_for(cluster, server)
    obj = declared[0] if declared else (implied[0] if implied else None)
    meta = (obj or {}).get("metadata") or {}
    key = (meta.get("uid"), meta.get("resourceVersion"), bool(declared),
           -1 if declared else index.version)
    cached = index.snapshots.get(server)
    if cached is not None and cached[0] == key:
        return cached[1]
    stored_dirs = get_path(obj or {}, "status", "directories", default=None)
    spec_dirs = [str(d) for d in get_path(obj or {}, "spec", "directories", default=()) or ()]
    exports = tuple(_exports_of(obj)) if obj else ()
    files = dict(get_path(obj or {}, "status", "files", default={}) or {})
    baseline = frozenset(norm(d) for d in stored_dirs) if isinstance(stored_dirs, list) else None
    dirs = set(baseline) if baseline is not None else \
        _closure([*spec_dirs, *(e.path for e in exports)])
    if declared:
        snap = Snapshot(server_address(obj), name_of(obj), False, exports, frozenset(dirs), files,
                        obj, exports, baseline)
    else:
        address = server_address(obj) if obj else server
        paths = implied_paths(cluster, address)
        if obj is None and not paths:
            return None
        known = {e.path for e in exports}
        merged = exports + tuple(NFSExport(p, "*", IMPLIED_OPTIONS) for p in paths if p not in known)
        snap = Snapshot(address, name_of(obj) if obj else _sanitize(address), True, merged,
                        frozenset(dirs | _closure(paths)), files, obj, exports, baseline)
    by_path: dict[str, list[NFSExport]] = {}
    for export in snap.exports:
        by_path.setdefault(export.path, []).append(export)
    object.__setattr__(snap, "by_path", {p: tuple(e) for p, e in by_path.items()})
    index.snapshots[server] = (key, snap)
    return snap


def state(cluster: Cluster, server: str) -> ServerState | None:
    """A mutable copy of the server called ``server``, or None if unknown.

    Its baseline (what ``save`` compares with) is what the store holds; for an implied
    server the paths PVs name now are merged in on top, so saving records them.
    """
    snap = snapshot(cluster, server)
    if snap is None:
        return None
    st = ServerState(snap.address, snap.name, snap.implied, list(snap.exports), set(snap.dirs),
                     dict(snap.files), snap.obj)
    st._dirs0 = set(snap.stored_dirs) if snap.stored_dirs is not None else set()
    st._files0 = dict(snap.files)
    st._exports0 = list(snap.stored_exports)
    return st


def save(cluster: Cluster, st: ServerState, *, actor: str = ACTOR, reason: str) -> Manifest | None:
    """Store ``st``'s changes as one write (creating an implied server's object)."""
    if not st.changed() and st.obj is not None:
        return st.obj
    status: dict[str, Any] = {"directories": sorted(st.dirs)}
    if st.obj is None:
        obj = {
            "apiVersion": API_VERSION,
            "kind": KIND,
            "metadata": {"name": _free_name(cluster, st.name),
                         "annotations": {ANN_IMPLIED: "true"}},
            "spec": {"address": st.address, "exports": [_export_dict(e) for e in st.exports],
                     "directories": sorted(p for p in {e.path for e in st.exports})},
            "status": {**status, "files": dict(sorted(st.files.items()))},
        }
        stored = cluster.api.restore(obj, actor=actor, reason=reason)
    else:
        changes: dict[str, Any] = {"status": status}
        old_files = st._files0
        delta: dict[str, Any] = {p: t for p, t in st.files.items() if old_files.get(p) != t}
        delta.update({p: DELETE for p in old_files if p not in st.files})
        if delta:
            changes["status"]["files"] = delta
        if st.implied and st.exports != st._exports0:
            changes["spec"] = {"exports": [_export_dict(e) for e in st.exports],
                               "directories": sorted({e.path for e in st.exports})}
        stored = cluster.api.write(st.obj, changes, actor=actor, reason=reason)
    st.obj = stored
    st._dirs0, st._files0, st._exports0 = set(st.dirs), dict(st.files), list(st.exports)
    return stored


def _free_name(cluster: Cluster, name: str) -> str:
    candidate, n = name, 1
    while cluster.store.get(KIND, "", candidate) is not None:
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def _export_dict(export: NFSExport) -> dict[str, str]:
    return {"path": export.path, "clients": export.clients, "options": list(export.options)}


def reconcile(cluster: Cluster, address: str) -> None:
    """Keep the stored servers for ``address`` in step with the PVs and declarations."""
    declared, implied = _objects_for(cluster, address)
    if declared:
        st = state(cluster, address)
        assert st is not None
        spec_dirs = get_path(declared[0], "spec", "directories", default=()) or ()
        st.dirs |= _closure([*(str(d) for d in spec_dirs), *(e.path for e in st.exports)])
        save(cluster, st, reason=f"disk of declared server {address}")
        for obj in implied:
            cluster.api.remove(("NFSServer", "", name_of(obj)), actor=ACTOR,
                               reason=f"replaced by declared server {name_of(declared[0])}")
        return
    paths = implied_paths(cluster, address)
    if not paths and not implied:
        return
    st = state(cluster, address)
    if st is None:
        return
    if st.obj is None:
        reason = f"implied by PersistentVolumes: export {', '.join(paths)}"
    else:
        known = {e.path for e in st._exports0}
        new = [e.path for e in st.exports if e.path not in known]
        reason = f"implied by PersistentVolumes: export {', '.join(new)}" if new else \
            "implied by PersistentVolumes: directories"
    save(cluster, st, reason=reason)


# ---- mounting ---------------------------------------------------------------------------
def _looks_like_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def check_mount(cluster: Cluster, server: str, path: str,
                node: Mapping[str, Any] | None) -> MountCheck:
    """What ``mount -t nfs server:path`` on ``node`` would do, with the reason in words."""
    from . import nodes as nodemod

    st = snapshot(cluster, server)
    target = f"{server}:{path}"
    if st is None:
        output = ("mount.nfs: Connection timed out" if _looks_like_ip(server) else
                  f"mount.nfs: Failed to resolve server {server}: Name or service not known")
        return MountCheck(False, output=output, explanation=(
            f"No NFS server {server} is known: no PersistentVolume names it and no "
            f"NFSServer declares it."))
    wanted = norm(path)
    covering = st.exports_covering(wanted)
    if not covering:
        listed = ", ".join(e.path for e in st.exports) or "nothing"
        return MountCheck(False, output=f"mount.nfs: access denied by server while mounting {target}",
                          explanation=(f"{server} exports {listed}; {wanted} is not inside any "
                                       f"export, so the server refuses the mount."))
    allowed = [e for e in covering if node is None or any(
        nodemod.client_matches(c, node) for c in e.clients.split())]
    if not allowed:
        export = covering[0]
        where = f"{name_of(node)} ({nodemod.internal_ip(node)})" if node else "this node"
        return MountCheck(False, output=f"mount.nfs: access denied by server while mounting {target}",
                          explanation=(f"{server} exports {export.path} only to {export.clients}; "
                                       f"node {where} is not one of those clients."))
    if not st.is_dir(wanted):
        return MountCheck(False, output=(f"mount.nfs: mounting {target} failed, reason given by "
                                         f"server: No such file or directory"),
                          explanation=f"{wanted} is exported by {server} but does not exist on its disk.")
    return MountCheck(True, read_only=allowed[0].read_only)


# ---- server-side verbs ------------------------------------------------------------------
def _require(cluster: Cluster, server: str) -> ServerState:
    st = state(cluster, server)
    if st is None:
        known = ", ".join(addresses(cluster)) or "none"
        raise NFSError(f'error: NFS server "{server}" not found: no PersistentVolume names it and '
                       f"no NFSServer declares it (known servers: {known})")
    return st


def _require_snapshot(cluster: Cluster, server: str) -> Snapshot:
    if snapshot(cluster, server) is None:
        _require(cluster, server)
    snap = snapshot(cluster, server)
    assert snap is not None
    return snap


def _abs(path: str) -> str:
    if not str(path).startswith("/"):
        raise NFSError(f'error: "{path}" is not an absolute path')
    return norm(path)


def nfs_write(cluster: Cluster, server: str, path: str, text: str, *, append: bool = False,
              actor: str = ACTOR) -> str:
    """``echo TEXT > PATH`` on the server (``>>`` with ``append``). Prints nothing."""
    st = _require(cluster, server)
    target = _abs(path)
    if st.is_dir(target):
        raise NFSError(f"bash: {target}: Is a directory")
    if not st.is_dir(posixpath.dirname(target)):
        raise NFSError(f"bash: {target}: No such file or directory")
    line = text if text.endswith("\n") else text + "\n"
    st.files[target] = (st.files.get(target, "") if append else "") + line
    save(cluster, st, actor=actor, reason=f"{'append to' if append else 'write'} {target}")
    return ""


def nfs_cat(cluster: Cluster, server: str, path: str) -> str:
    st = _require_snapshot(cluster, server)
    target = _abs(path)
    if st.is_dir(target):
        raise NFSError(f"cat: {target}: Is a directory")
    if not st.is_file(target):
        raise NFSError(f"cat: {target}: No such file or directory")
    return _strip_newline(st.files[target])


def nfs_ls(cluster: Cluster, server: str, path: str) -> str:
    st = _require_snapshot(cluster, server)
    target = _abs(path)
    if st.is_file(target):
        return target
    if not st.is_dir(target):
        raise NFSError(f"ls: cannot access '{target}': No such file or directory")
    return "\n".join(st.children(target))


def nfs_mkdir(cluster: Cluster, server: str, path: str, *, actor: str = ACTOR) -> str:
    """``mkdir -p PATH`` on the server."""
    st = _require(cluster, server)
    target = _abs(path)
    if st.is_file(target):
        raise NFSError(f"mkdir: cannot create directory '{target}': File exists")
    st.mkdir(target)
    save(cluster, st, actor=actor, reason=f"mkdir {target}")
    return ""


def _strip_newline(text: str) -> str:
    return text[:-1] if text.endswith("\n") else text


# ---- used by the PV controller (Recycle) and the provisioner -----------------------------
def make_dir(cluster: Cluster, server: str, path: str, *, actor: str = ACTOR) -> None:
    """``mkdir -p`` for a provisioner; an unknown server becomes an implied one."""
    st = state(cluster, server)
    if st is None:
        st = ServerState(server, _sanitize(server), True, [], set(), {})
    target = norm(path)
    if st.is_dir(target):
        return
    st.mkdir(target)
    save(cluster, st, actor=actor, reason=f"provision: mkdir {target}")


mkdir = make_dir


def scrub(cluster: Cluster, server: str, path: str, *, actor: str = ACTOR) -> bool:
    """Recycle: ``rm -rf PATH/*``, keeping the directory. False if there is nothing there."""
    st = state(cluster, server)
    target = norm(path)
    if st is None or not st.is_dir(target):
        return False
    st.clear_dir(target)
    save(cluster, st, actor=actor, reason=f"recycle: scrub {target}")
    return True


def rename(cluster: Cluster, server: str, old: str, new: str, *, actor: str = ACTOR) -> bool:
    st = state(cluster, server)
    source, target = norm(old), norm(new)
    if st is None or not st.exists(source) or st.exists(target):
        return False
    st.rename(source, target)
    save(cluster, st, actor=actor, reason=f"rename {source} to {target}")
    return True


def archive(cluster: Cluster, server: str, path: str, *, actor: str = ACTOR) -> str | None:
    """``archiveOnDelete``: ``/exports/x`` becomes ``/exports/archived-x``; returns the new path."""
    source = norm(path)
    parent, base = posixpath.split(source)
    target = posixpath.join(parent, f"archived-{base}")
    return target if rename(cluster, server, source, target, actor=actor) else None


def remove(cluster: Cluster, server: str, path: str, *, actor: str = ACTOR) -> bool:
    """``rm -rf PATH``."""
    st = state(cluster, server)
    target = norm(path)
    if st is None or not st.exists(target):
        return False
    st.remove_tree(target)
    save(cluster, st, actor=actor, reason=f"delete {target}")
    return True


# ---- views ------------------------------------------------------------------------------
def servers(cluster: Cluster) -> list[NFSServerView]:
    """Every NFS server (declared and implied) with exports, directories and files."""
    volumes: dict[str, list[str]] = {}
    for pv in cluster.store.list("PersistentVolume"):
        source = nfs_source(pv)
        if source:
            volumes.setdefault(source[0], []).append(name_of(pv))
    out = []
    seen: set[str] = set()
    for address in addresses(cluster):
        st = snapshot(cluster, address)
        if st is None or st.address in seen:
            continue
        seen.add(st.address)
        out.append(NFSServerView(
            name=st.name, address=st.address, implied=st.implied,
            exports=tuple(st.exports), directories=tuple(sorted(st.dirs)),
            files=tuple((p, len(t.encode())) for p, t in sorted(st.files.items())),
            volumes=tuple(volumes.get(st.address, ())), uid=uid_of(st.obj) if st.obj else ""))
    return out


def pod_exec(cluster: Cluster, namespace: str, pod: str, argv: list[str], *,
             container: str | None = None) -> str:
    """``kubectl exec POD -- ARGV``: run a command in a container, through its mounts."""
    from .podexec import exec_in_pod

    return exec_in_pod(cluster, namespace, pod, list(argv), container=container)
