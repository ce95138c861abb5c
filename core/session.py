"""Saved sessions: the loaded files, the inputs, the clock and settings in one file.

A session file is JSON::

    {
      "format": "pvgraph-session",
      "version": 1,
      "settings": {"pv_resync_ms": 15000, ...},      # core.settings.SimSettings
      "files": [{"id": "...", "name": "seed-pvs.yaml", "text": "..."}],
      "inputs": [{"kind": "command", "line": "kubectl apply -f seed-pvs.yaml",
                  "cwd": "/home/me/demo", "reads": {"/home/me/demo/seed-pvs.yaml": "..."}},
                 {"kind": "settle"}, ...],
      "state": {"last_seq": 57, "now_ms": 15000},     # what opening must reproduce
      "meta": {}                                      # free-form, for the app (view, lesson...)
    }

Opening replays the inputs on a fresh cluster (:mod:`core.journal`); the engine is
deterministic, so the change log, the objects and the clock come back identical.
``state`` is checked after the replay; a mismatch (a session saved by a different
engine version, say) is reported in :attr:`Session.warnings`, not as an error, so
the work is not lost.

Saving is atomic: the JSON goes to a temporary file in the same folder, is flushed
to disk (fsync), and replaces the target with ``os.replace``; a crash leaves either
the old file or the new one. Opening never raises anything but :class:`SessionError`
(missing, unreadable, not JSON, truncated, wrong format or version, altered files),
and builds a new journal and cluster: nothing already loaded is touched.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CommandError
from .journal import Journal
from .settings import SimSettings

if TYPE_CHECKING:
    from .cluster import Cluster

FORMAT = "pvgraph-session"
VERSION = 1
SUFFIX = ".pvgraph.json"


class SessionError(CommandError):
    """A session file could not be saved or opened; ``str()`` names the file and why."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass
class Session:
    """An opened session: its journal, the replayed cluster and the app's metadata."""

    path: Path
    journal: Journal
    cluster: Cluster
    meta: dict[str, Any] = field(default_factory=dict)
    #: Differences between the saved state and the replay (empty when identical).
    warnings: list[str] = field(default_factory=list)


def settings_to_json(settings: SimSettings) -> dict[str, Any]:
    return asdict(settings)


def settings_from_json(data: Any) -> SimSettings:
    """SimSettings from JSON; unknown names are ignored (newer files), types checked."""
    if not isinstance(data, dict):
        raise ValueError("'settings' must be an object")
    known = {f.name: f for f in fields(SimSettings)}
    values: dict[str, Any] = {}
    defaults = SimSettings()
    for name, value in data.items():
        if name not in known:
            continue
        expected = type(getattr(defaults, name))
        if type(value) is not expected:
            raise ValueError(f"setting {name!r} must be {expected.__name__}, "
                             f"not {type(value).__name__}")
        if isinstance(value, int) and value < 0:
            raise ValueError(f"setting {name!r} must not be negative")
        values[name] = value
    return SimSettings(**values)


def session_json(journal: Journal, cluster: Cluster | None = None,
                 meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON document for a session (``cluster``: the live cluster, for ``state``)."""
    if cluster is None:
        cluster = journal.replay()
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": settings_to_json(journal.settings),
        **journal.to_json(),
        "state": {"last_seq": cluster.store.last_seq, "now_ms": cluster.clock.now_ms},
        "meta": dict(meta or {}),
    }


def save_session(path: str | os.PathLike[str], journal: Journal, cluster: Cluster | None = None,
                 *, meta: Mapping[str, Any] | None = None) -> Path:
    """Write the session to ``path`` atomically; returns the path. Raises SessionError."""
    target = Path(path)
    try:
        text = json.dumps(session_json(journal, cluster, meta), ensure_ascii=False, indent=1)
    except (TypeError, ValueError) as exc:
        raise SessionError(target, f"cannot be saved: {exc}") from None
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        tmp_name = ""
        _fsync_folder(folder)
    except OSError as exc:
        raise SessionError(target, f"cannot be saved: {exc.strerror or exc}") from None
    finally:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target


def _fsync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder entry is on disk (POSIX).
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_session(path: str | os.PathLike[str], *, journal_class: type[Journal] = Journal,
                 ) -> tuple[Journal, dict[str, Any], dict[str, Any]]:
    """Parse and check a session file without replaying it: (journal, state, meta)."""
    source = Path(path)
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise SessionError(source, "no such file") from None
    except IsADirectoryError:
        raise SessionError(source, "is a folder, not a session file") from None
    except OSError as exc:
        raise SessionError(source, f"cannot be read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise SessionError(source, "is empty (not a pvgraph session)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SessionError(source, f"is not a pvgraph session (not UTF-8 text: byte "
                                   f"{exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        stripped = text.strip()
        if stripped.startswith("{") and not stripped.endswith("}"):
            problem = (f"is truncated: the JSON stops before its end ({exc.msg} at line "
                       f"{exc.lineno}, column {exc.colno})")
        else:
            problem = (f"is not a pvgraph session: not valid JSON ({exc.msg} at line "
                       f"{exc.lineno}, column {exc.colno})")
        raise SessionError(source, problem) from None
    except RecursionError:
        raise SessionError(source, "is damaged: its JSON is nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        what = f' (format is "{found}")' if isinstance(found, str) else ""
        raise SessionError(source, f'is not a pvgraph session: no "format": "{FORMAT}"{what}')
    version = data.get("version")
    if type(version) is not int:
        raise SessionError(source, "is damaged: its version is missing or not a number")
    if version > VERSION:
        raise SessionError(source, f"was saved by a newer pvgraph (session version {version}; "
                                   f"this version reads up to {VERSION})")
    if version < 1:
        raise SessionError(source, f"has an unknown session version {version}")
    try:
        settings = settings_from_json(data.get("settings", {}))
        journal = journal_class.from_json(data, settings)
        state = data.get("state", {})
        if not isinstance(state, dict) or not all(
                type(state.get(k)) is int for k in ("last_seq", "now_ms")):
            raise ValueError("'state' must hold integer 'last_seq' and 'now_ms'")
        meta = data.get("meta", {})
        if not isinstance(meta, dict):
            raise ValueError("'meta' must be an object")
    except ValueError as exc:
        raise SessionError(source, f"is damaged: {exc}") from None
    return journal, state, meta


def open_session(path: str | os.PathLike[str], *,
                 journal_class: type[Journal] = Journal) -> Session:
    """Open a session file: replay it to the saved state. Raises only SessionError.

    ``journal_class`` replays with another command set (a Journal subclass).
    """
    journal, state, meta = read_session(path, journal_class=journal_class)
    source = Path(path)
    try:
        cluster = journal.replay()
    except Exception as exc:  # an engine failure must still not lose what is open
        raise SessionError(source, f"could not be replayed: {type(exc).__name__}: {exc}") \
            from None
    warnings = [f"input {n.index + 1} ({n.input.describe()}) {n.message}" for n in journal.notes]
    if cluster.store.last_seq != state["last_seq"] or cluster.clock.now_ms != state["now_ms"]:
        warnings.append(
            f"the replay ended at change {cluster.store.last_seq} and time "
            f"{cluster.clock.now_ms} ms, the saved session at change {state['last_seq']} and "
            f"time {state['now_ms']} ms (saved by a different version of the engine?)")
    return Session(source, journal, cluster, dict(meta), warnings)
