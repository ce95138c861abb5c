"""The input journal: everything that drove a cluster, so it can be rebuilt exactly.

A session is the files that were read plus the ordered inputs that drove the
cluster: script/console lines (``kubectl ...``, ``settle``, ``sleep 30s``...), files
applied from the GUI, single clock steps, ``advance(ms)`` and ``settle``. The engine
is deterministic (simulated clock, counted uids, fixed controller order), so running
the same inputs on a fresh :class:`~core.cluster.Cluster` gives the same change log:
the same seq numbers, the same objects, byte for byte. Undo, redo, branching from a
past moment and saved sessions are all "replay a prefix of the journal".

Files. A line such as ``kubectl apply -f pvs.yaml`` reads a file; the journal keeps
the text that was read (content-addressed, so a file edited and applied again keeps
both versions) and, on replay, writes those texts into a private folder that mirrors
the original paths and runs the line there. Replays never read the user's disk.

Stopping inside an input. Replay can stop part-way through an input (a ``settle``
of 300 changes, say), at a *stop point*: the start of an input, or the start of
any unit of work inside it (one controller sync, or one timed task taken from the
clock). The journal finds those points through the cluster's ``unit_hook``, set
for the duration of an input; the marks (``store.last_seq``
at each stop point) are recorded while the input runs, or computed by one
instrumented replay when they are not known (inputs recorded with ``record_*``, or
read from a session file). ``replay(upto_seq=k)`` stops at the last stop point whose
preceding work ends at or before change ``k``; the cluster it returns is between
two units of work, so it can be driven further like any other.

Cost: a replay is a fresh run of every input, so it costs what the original run
cost in engine time (see ``tests/core/test_journal.py::test_replay_cost``).
"""

from __future__ import annotations

import hashlib
import shlex
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cluster import Cluster, SettleResult
    from .settings import SimSettings
    from .store import Change

COMMAND = "command"
APPLY = "apply"
STEP = "step"
ADVANCE = "advance"
SETTLE = "settle"
KINDS = (COMMAND, APPLY, STEP, ADVANCE, SETTLE)

#: Inputs that are a person's action: what undo takes back (with what followed it).
USER_KINDS = (COMMAND, APPLY)

Executor = Callable[["Cluster", str], str]


@dataclass(frozen=True)
class Input:
    """One recorded input.

    ``kind`` is one of :data:`KINDS`. ``line`` is the command line (COMMAND) or the
    source name printed in messages (APPLY). ``cwd`` is the folder relative paths in
    the line were resolved against; ``reads`` maps every file the input read (its
    path as the journal keys it) to the id of the text read. ``count`` is the number
    of clock steps (STEP), ``ms`` the time advanced (ADVANCE). ``ok`` says whether
    the input succeeded when it was recorded. ``limit`` (None = run it all) is the
    number of chunks of work to run before stopping, for an input cut short by
    :meth:`Journal.truncate_after`.
    """

    kind: str
    line: str = ""
    cwd: str = ""
    reads: Mapping[str, str] = field(default_factory=dict)
    count: int = 1
    ms: int = 0
    ok: bool = True
    limit: int | None = None

    def describe(self) -> str:
        if self.kind == COMMAND:
            return self.line
        if self.kind == APPLY:
            return f"apply {self.line}"
        if self.kind == STEP:
            return "step" if self.count == 1 else f"step x{self.count}"
        if self.kind == ADVANCE:
            return f"advance {self.ms}ms"
        return "settle"

    def to_json(self) -> dict[str, Any]:
        """The JSON form: ``kind`` plus every field that is not at its default."""
        out: dict[str, Any] = {"kind": self.kind}
        if self.line:
            out["line"] = self.line
        if self.cwd:
            out["cwd"] = self.cwd
        if self.reads:
            out["reads"] = dict(self.reads)
        if self.count != 1:
            out["count"] = self.count
        if self.ms:
            out["ms"] = self.ms
        if not self.ok:
            out["ok"] = False
        if self.limit is not None:
            out["limit"] = self.limit
        return out

    @classmethod
    def from_json(cls, data: Any) -> Input:
        """Build an input from its JSON form; ValueError says what is wrong."""
        if not isinstance(data, dict):
            raise ValueError(f"an input must be an object, not {type(data).__name__}")
        kind = data.get("kind")
        if kind not in KINDS:
            raise ValueError(f"unknown input kind {kind!r} (expected one of {', '.join(KINDS)})")
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown field(s) in {kind} input: {', '.join(sorted(unknown))}")
        types: dict[str, tuple[type, ...]] = {
            "line": (str,), "cwd": (str,), "reads": (dict,), "count": (int,), "ms": (int,),
            "ok": (bool,), "limit": (int, type(None)),
        }
        for name, allowed in types.items():
            if name in data and (not isinstance(data[name], allowed)
                                 or (bool not in allowed and isinstance(data[name], bool))):
                raise ValueError(f"{kind} input: field {name!r} has the wrong type")
        reads = data.get("reads", {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in reads.items()):
            raise ValueError(f"{kind} input: 'reads' must map file names to file ids")
        inp = cls(kind=kind, line=data.get("line", ""), cwd=data.get("cwd", ""),
                  reads=dict(reads), count=data.get("count", 1), ms=data.get("ms", 0),
                  ok=data.get("ok", True), limit=data.get("limit"))
        if inp.count < 1 or inp.ms < 0 or (inp.limit is not None and inp.limit < 1):
            raise ValueError(f"{kind} input: count, ms or limit out of range")
        if kind in (COMMAND, APPLY) and not inp.line:
            raise ValueError(f"{kind} input without a line")
        if kind == APPLY and len(inp.reads) != 1:
            raise ValueError("an apply input must read exactly one file")
        return inp


@dataclass
class _Marks:
    """``starts[i]`` = store.last_seq at the input's i-th stop point; ``end`` after it."""

    starts: list[int]
    end: int


@dataclass(frozen=True)
class ReplayNote:
    """An input whose outcome on replay differed from the recording (should not happen)."""

    index: int
    input: Input
    message: str


@dataclass
class _Tail:
    """Inputs dropped by an undo or a cut: put back from ``index`` on by redo."""

    index: int
    inputs: list[Input]
    marks: list[_Marks | None]


class _StopReplay(BaseException):
    # BaseException so that no `except Exception` in a command swallows it.
    pass


class _Probe:
    """Counts stop points inside one input; records marks, or stops at a limit."""

    def __init__(self, cluster: Cluster, limit: int | None, record: bool) -> None:
        self.cluster = cluster
        self.limit = limit
        self.count = 0
        self.starts: list[int] | None = [] if record else None

    def hit(self) -> None:
        if self.limit is not None and self.count >= self.limit:
            raise _StopReplay
        self.count += 1
        if self.starts is not None:
            self.starts.append(self.cluster.store.last_seq)


@contextmanager
def _instrumented(cluster: Cluster, probe: _Probe) -> Iterator[None]:
    """Report the start of every unit of work (sync or timed task) to ``probe``."""
    previous = cluster.unit_hook
    cluster.unit_hook = probe.hit
    try:
        yield
    finally:
        cluster.unit_hook = previous


def file_id(text: str) -> str:
    """Content address of a file's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def file_arguments(line: str) -> list[str]:
    """The paths a kubectl line reads (``-f PATH``, ``--filename=PATH``...)."""
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return []
    if not words or words[0] != "kubectl":
        return []
    paths: list[str] = []
    i = 1
    while i < len(words):
        word = words[i]
        if word in ("-f", "--filename") and i + 1 < len(words):
            paths.append(words[i + 1])
            i += 2
            continue
        for prefix in ("--filename=", "-f="):
            if word.startswith(prefix):
                paths.append(word[len(prefix):])
        i += 1
    return [p for p in paths if p and p != "-"]


_MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")


def _read_argument(path: Path) -> dict[str, str]:
    """Texts of a file argument (a folder: its manifests, as kubectl reads them)."""
    if path.is_dir():
        out = {}
        for child in sorted(path.iterdir()):
            if child.is_file() and child.suffix in _MANIFEST_SUFFIXES:
                out.update(_read_argument(child))
        return out
    try:
        return {path.as_posix(): path.read_text(encoding="utf-8")}
    except (OSError, UnicodeDecodeError):
        # The line will fail the same way on replay, where the file is missing too.
        return {}


def _mirror(root: Path, name: str) -> Path:
    """Where the file (or folder) known as ``name`` lives inside the replay folder."""
    parts = [p.replace(":", "") for p in PurePath(name).parts if p not in ("/", "\\")]
    if any(p == ".." for p in parts):
        parts = [p if p != ".." else "__up__" for p in parts]
    return root.joinpath("files", *parts)


class _Workdir:
    """A private folder holding the recorded files, written as inputs need them."""

    def __init__(self) -> None:
        self._root: Path | None = None
        self._written: dict[Path, str] = {}

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="pvgraph-replay-"))
            weakref.finalize(self, shutil.rmtree, self._root, True)
        return self._root

    def prepare(self, reads: Mapping[str, str], blobs: Mapping[str, str]) -> None:
        for name, blob in reads.items():
            target = _mirror(self.root, name)
            if self._written.get(target) == blob:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(blobs[blob], encoding="utf-8")
            self._written[target] = blob

    def folder(self, cwd: str) -> Path:
        path = _mirror(self.root, cwd or "/")
        path.mkdir(parents=True, exist_ok=True)
        return path


def _default_executor(cluster: Cluster, line: str) -> str:
    from .commands import execute

    return execute(cluster, line)


def _apply_text(cluster: Cluster, text: str, source: str) -> str:
    from .commands import apply_text

    return apply_text(cluster, text, source)


class Journal:
    """The ordered inputs that drove a cluster, and the files they read.

    Drive a cluster *through* the journal (``run``, ``apply_file``, ``step``,
    ``advance``, ``settle``) to execute and record in one go, or execute elsewhere
    and call the matching ``record_*`` method. Either way every input that changes
    the cluster must be in the journal, or replays will differ.
    """

    def __init__(self, settings: SimSettings | None = None, *,
                 executor: Executor | None = None) -> None:
        from .settings import SimSettings

        self.settings: SimSettings = replace(settings) if settings else SimSettings()
        self.inputs: list[Input] = []
        #: Every file text read by an input, by content id.
        self.blobs: dict[str, str] = {}
        #: Files open in the app (name → content id), see :meth:`record_files`.
        self.loaded: dict[str, str] = {}
        self._marks: list[_Marks | None] = []
        self._redo: list[_Tail] = []
        self._executor = executor or _default_executor
        self._workdir = _Workdir()
        self._base_seq: int | None = None
        #: Outcomes that differed on the last replay (empty when all is well).
        self.notes: list[ReplayNote] = []

    # ---- a fresh cluster -----------------------------------------------------------
    def new_cluster(self) -> Cluster:
        """A fresh cluster with the journal's settings (what every replay starts from)."""
        from .cluster import Cluster

        cluster = Cluster(replace(self.settings))
        if self._base_seq is None:
            self._base_seq = cluster.store.last_seq
        return cluster

    @property
    def base_seq(self) -> int:
        """The last change seq of a fresh cluster (its default nodes), before any input."""
        if self._base_seq is None:
            self.new_cluster()
        assert self._base_seq is not None
        return self._base_seq

    # ---- recording, with execution -------------------------------------------------
    def run(self, cluster: Cluster, line: str, *, cwd: str | Path | None = None) -> str:
        """Execute a script line on ``cluster`` and record it; CommandError propagates.

        ``cwd`` (default ``cluster.script_dir``) is the folder relative paths are read
        from. A failing line is recorded too (the part it did before failing is part
        of the history), marked ``ok=False``.
        """
        folder = (Path(cwd) if cwd is not None else Path(cluster.script_dir)).absolute()
        reads = self._snapshot_files(line, folder)
        inp = Input(COMMAND, line=line, cwd=folder.as_posix(), reads=reads)

        def work() -> str:
            saved = cluster.script_dir
            cluster.script_dir = folder
            try:
                return self._executor(cluster, line)
            finally:
                cluster.script_dir = saved

        return self._execute_live(cluster, inp, work)

    def apply_file(self, cluster: Cluster, name: str, text: str | None = None) -> str:
        """``kubectl apply`` of a file the user opened; ``text`` defaults to reading it."""
        if text is None:
            text = Path(name).read_text(encoding="utf-8")
        blob = self._keep(text)
        inp = Input(APPLY, line=str(name), reads={str(name): blob})
        return self._execute_live(cluster, inp, lambda: _apply_text(cluster, text, str(name)))

    def step(self, cluster: Cluster) -> list[Change]:
        """One ``cluster.step()``, recorded (consecutive steps share one input)."""
        changes: list[Change] = []

        def work() -> str:
            changes.extend(cluster.step())
            return ""

        self._execute_live(cluster, Input(STEP), work)
        return changes

    def advance(self, cluster: Cluster, ms: int) -> None:
        """``cluster.advance(ms)``, recorded."""
        self._execute_live(cluster, Input(ADVANCE, ms=int(ms)),
                           lambda: cluster.advance(int(ms)) or "")

    def settle(self, cluster: Cluster) -> SettleResult:
        """``cluster.settle()``, recorded (the GUI's settle button; a script's ``settle``
        line is a command)."""
        result: list[SettleResult] = []

        def work() -> str:
            result.append(cluster.settle())
            return str(result[0])

        self._execute_live(cluster, Input(SETTLE), work)
        return result[0]

    def _execute_live(self, cluster: Cluster, inp: Input, work: Callable[[], Any]) -> Any:
        probe = _Probe(cluster, None, record=True)
        failure: BaseException | None = None
        output: Any = ""
        with _instrumented(cluster, probe):
            probe.hit()
            try:
                output = work()
            except Exception as exc:  # recorded, then raised again below
                failure = exc
        marks = _Marks(probe.starts or [], cluster.store.last_seq)
        self._append(replace(inp, ok=failure is None), marks)
        if failure is not None:
            raise failure
        return output

    # ---- recording only --------------------------------------------------------------
    def record_files(self, files: Mapping[str, str]) -> None:
        """Keep files that are open in the app (name → text) with the session, whether or
        not an input has read them yet (an edited manifest, a lesson's script)."""
        for name, text in files.items():
            self.loaded[str(name)] = self._keep(text)

    def loaded_files(self) -> dict[str, str]:
        """The files kept by :meth:`record_files`: name → text."""
        return {name: self.blobs[blob] for name, blob in self.loaded.items()}

    def record_command(self, line: str, *, cwd: str | Path = "", ok: bool = True,
                       files: Mapping[str, str] | None = None) -> None:
        """Record a line that was executed elsewhere. ``files``: path → text it read
        (by default the files its ``-f`` arguments name, read now)."""
        folder = (Path(cwd) if cwd else Path.cwd()).absolute()
        if files is None:
            reads = self._snapshot_files(line, folder)
        else:
            reads = {self._file_key(Path(p), folder): self._keep(t) for p, t in files.items()}
        self._append(Input(COMMAND, line=line, cwd=folder.as_posix(), reads=reads, ok=ok), None)

    def record_apply(self, name: str, text: str, *, ok: bool = True) -> None:
        self._append(Input(APPLY, line=name, reads={name: self._keep(text)}, ok=ok), None)

    def record_step(self, count: int = 1) -> None:
        self._append(Input(STEP, count=count), None)

    def record_advance(self, ms: int) -> None:
        self._append(Input(ADVANCE, ms=int(ms)), None)

    def record_settle(self) -> None:
        self._append(Input(SETTLE), None)

    def _append(self, inp: Input, marks: _Marks | None) -> None:
        self._redo.clear()
        last = self.inputs[-1] if self.inputs else None
        if (inp.kind == STEP and last is not None and last.kind == STEP and last.limit is None
                and last.ok and inp.ok):
            # A played clock is thousands of steps: keep them as one input.
            prev = self._marks[-1]
            self.inputs[-1] = replace(last, count=last.count + inp.count)
            if prev is not None and marks is not None:
                # Replaying the merged input passes the step's units but not its own
                # start: drop that mark.
                self._marks[-1] = _Marks(prev.starts + marks.starts[1:], marks.end)
            else:
                self._marks[-1] = None
            return
        self.inputs.append(inp)
        self._marks.append(marks)

    def _keep(self, text: str) -> str:
        blob = file_id(text)
        self.blobs.setdefault(blob, text)
        return blob

    @staticmethod
    def _file_key(path: Path, folder: Path) -> str:
        full = path if path.is_absolute() else folder / path
        return full.as_posix()

    def _snapshot_files(self, line: str, folder: Path) -> dict[str, str]:
        reads: dict[str, str] = {}
        for arg in file_arguments(line):
            path = Path(arg) if Path(arg).is_absolute() else folder / arg
            for name, text in _read_argument(path).items():
                reads[name] = self._keep(text)
        return reads

    # ---- replay ----------------------------------------------------------------------
    def replay(self, upto_seq: int | None = None) -> Cluster:
        """A fresh cluster driven by the journal, up to change ``upto_seq`` (or all).

        With ``upto_seq`` the replay stops at the last stop point whose preceding work
        ends at or before that change; ``cluster.store.last_seq`` tells where exactly.
        """
        if upto_seq is None:
            return self._run(list(zip(self.inputs, [None] * len(self.inputs))))
        return self._run(self._plan(upto_seq))

    def stop_seq(self, upto_seq: int) -> int:
        """The change seq ``replay(upto_seq)`` ends at (a stop point at or before it)."""
        plan = self._plan(upto_seq)
        if not plan:
            return self.base_seq
        index, limit = len(plan) - 1, plan[-1][1]
        marks = self._marks[index]
        assert marks is not None
        return marks.end if limit is None or limit >= len(marks.starts) else marks.starts[limit]

    def _plan(self, upto_seq: int) -> list[tuple[Input, int | None]]:
        """Inputs to run, each with a chunk limit, so that no work past ``upto_seq`` runs."""
        self.ensure_marks()
        plan: list[tuple[Input, int | None]] = []
        for inp, marks in zip(self.inputs, self._marks):
            assert marks is not None
            ends = [*marks.starts[1:], marks.end]
            if ends[-1] <= upto_seq:
                plan.append((inp, inp.limit))
                continue
            chunks = 0
            while chunks < len(ends) and ends[chunks] <= upto_seq:
                chunks += 1
            # Chunks past the first over-the-limit one may be empty but cannot be
            # reached without running it, so stop here.
            if chunks:
                plan.append((inp, chunks if inp.limit is None else min(chunks, inp.limit)))
            break
        return plan

    def ensure_marks(self) -> None:
        """Compute unknown stop-point marks with one instrumented replay."""
        if all(m is not None for m in self._marks):
            return
        self._run(list(zip(self.inputs, [None] * len(self.inputs))))

    def _run(self, plan: list[tuple[Input, int | None]]) -> Cluster:
        cluster = self.new_cluster()
        self.notes = []
        record_marks = len(plan) == len(self.inputs) and any(m is None for m in self._marks)
        for index, (inp, limit) in enumerate(plan):
            effective = inp.limit if limit is None else limit
            probe = _Probe(cluster, effective, record=record_marks)
            error: BaseException | None = None
            with _instrumented(cluster, probe):
                try:
                    probe.hit()
                    self._replay_one(cluster, inp)
                except _StopReplay:
                    pass
                except Exception as exc:
                    error = exc
            if error is not None and inp.ok:
                self.notes.append(ReplayNote(index, inp, f"failed on replay: {error}"))
            if record_marks:
                self._marks[index] = _Marks(probe.starts or [], cluster.store.last_seq)
        # Further live commands read the real disk again, from where the last one did.
        cwd = next((Path(i.cwd) for i in reversed(self.inputs) if i.kind == COMMAND), None)
        cluster.script_dir = cwd if cwd is not None and cwd.is_dir() else Path.cwd()
        return cluster

    def _replay_one(self, cluster: Cluster, inp: Input) -> None:
        if inp.kind == COMMAND:
            self._workdir.prepare(inp.reads, self.blobs)
            cluster.script_dir = self._workdir.folder(inp.cwd)
            line = inp.line
            for name in inp.reads:
                # Absolute paths in the line point into the mirror instead.
                if PurePath(name).is_absolute():
                    for arg in file_arguments(line):
                        if PurePath(arg).is_absolute() and name.startswith(arg):
                            line = line.replace(arg, str(_mirror(self._workdir.root, arg)))
            self._executor(cluster, line)
        elif inp.kind == APPLY:
            (blob,) = inp.reads.values()
            _apply_text(cluster, self.blobs[blob], inp.line)
        elif inp.kind == STEP:
            for _ in range(inp.count):
                cluster.step()
        elif inp.kind == ADVANCE:
            cluster.advance(inp.ms)
        else:
            cluster.settle()

    # ---- where things happened -----------------------------------------------------
    def input_at(self, seq: int) -> int | None:
        """Index of the input whose work wrote change ``seq`` (None: before any input)."""
        self.ensure_marks()
        for index, marks in enumerate(self._marks):
            assert marks is not None
            if seq <= marks.end and (not marks.starts or seq > marks.starts[0]):
                return index
        return None

    def end_seq(self, index: int) -> int:
        """The last change seq written by input ``index`` (or before it, if none)."""
        self.ensure_marks()
        marks = self._marks[index]
        assert marks is not None
        return marks.end

    # ---- editing -----------------------------------------------------------------------
    def truncate_inputs(self, count: int) -> None:
        """Keep the first ``count`` inputs (the rest can come back with :meth:`redo`)."""
        if count >= len(self.inputs):
            return
        self._redo.append(_Tail(count, self.inputs[count:], self._marks[count:]))
        del self.inputs[count:]
        del self._marks[count:]

    def truncate_after(self, upto_seq: int) -> None:
        """Cut the journal so that it ends where ``replay(upto_seq)`` stops (a branch).

        An input cut part-way keeps its first chunks (``limit``); what was dropped
        comes back with :meth:`redo`.
        """
        plan = self._plan(upto_seq)
        keep = len(plan)
        cut = bool(plan) and plan[-1][1] != self.inputs[keep - 1].limit
        if keep == len(self.inputs) and not cut:
            return
        index = keep - 1 if cut else keep
        self._redo.append(_Tail(index, self.inputs[index:], self._marks[index:]))
        del self.inputs[keep:]
        del self._marks[keep:]
        if cut:
            limit = plan[-1][1]
            marks = self._marks[index]
            assert marks is not None and limit is not None
            end = marks.starts[limit] if limit < len(marks.starts) else marks.end
            self.inputs[index] = replace(self.inputs[index], limit=limit)
            self._marks[index] = _Marks(marks.starts[:limit], end)

    def branch(self, upto_seq: int) -> Journal:
        """A copy of this journal cut at ``upto_seq`` (this one is left as it is)."""
        copy = self.copy()
        copy.truncate_after(upto_seq)
        copy._redo.clear()
        return copy

    def copy(self) -> Journal:
        other = type(self)(self.settings, executor=self._executor)
        other.inputs = list(self.inputs)
        other.blobs = dict(self.blobs)
        other.loaded = dict(self.loaded)
        other._marks = [None if m is None else _Marks(list(m.starts), m.end) for m in self._marks]
        other._base_seq = self._base_seq
        return other

    # ---- undo / redo of user actions -------------------------------------------------
    def can_undo(self) -> bool:
        return any(inp.kind in USER_KINDS for inp in self.inputs)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Cluster | None:
        """Drop the last user action that changed something, with everything after it
        (looks, typos and clock work); rebuild. None if there is no action to undo."""
        index = self._last_action()
        if index is None:
            return None
        self.truncate_inputs(index)
        return self.replay()

    def _last_action(self) -> int | None:
        self.ensure_marks()
        fallback = None
        for index in range(len(self.inputs) - 1, -1, -1):
            if self.inputs[index].kind not in USER_KINDS:
                continue
            marks = self._marks[index]
            assert marks is not None
            if not marks.starts or marks.end > marks.starts[0]:
                return index
            if fallback is None:
                fallback = index
        # Nothing a user did changed the store (gets, failed lines): undo the last one.
        return fallback

    def redo(self) -> Cluster | None:
        """Put back what the last undo (or cut) dropped; rebuild. None if nothing to redo."""
        if not self._redo:
            return None
        tail = self._redo.pop()
        del self.inputs[tail.index:]
        del self._marks[tail.index:]
        self.inputs.extend(tail.inputs)
        self._marks.extend(tail.marks)
        return self.replay()

    # ---- serialisation ---------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """``files`` (every text kept, by id, with a name it was read as), ``loaded`` (the
        open files: name → id) and ``inputs``."""
        used = {blob for inp in self.inputs for blob in inp.reads.values()}
        used.update(self.loaded.values())
        names: dict[str, str] = {}
        for inp in self.inputs:
            for name, blob in inp.reads.items():
                names.setdefault(blob, name)
        for name, blob in self.loaded.items():
            names.setdefault(blob, name)
        return {
            "files": [{"id": blob, "name": names.get(blob, ""), "text": self.blobs[blob]}
                      for blob in sorted(used)],
            "loaded": dict(self.loaded),
            "inputs": [inp.to_json() for inp in self.inputs],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], settings: SimSettings | None = None, *,
                  executor: Executor | None = None) -> Journal:
        """Rebuild a journal from :meth:`to_json`'s form; ValueError says what is wrong."""
        journal = cls(settings, executor=executor)
        files = data.get("files", [])
        if not isinstance(files, list):
            raise ValueError("'files' must be a list")
        for i, entry in enumerate(files):
            if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) \
                    or not isinstance(entry.get("id"), str):
                raise ValueError(f"files[{i}] must have a string 'id' and 'text'")
            if file_id(entry["text"]) != entry["id"]:
                raise ValueError(f"files[{i}] ({entry.get('name') or entry['id']}): "
                                 "its text does not match its id (the file was altered)")
            journal.blobs[entry["id"]] = entry["text"]
        loaded = data.get("loaded", {})
        if not isinstance(loaded, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()):
            raise ValueError("'loaded' must map file names to file ids")
        missing_loaded = [n for n, b in loaded.items() if b not in journal.blobs]
        if missing_loaded:
            raise ValueError(f"the open file {missing_loaded[0]!r} is not in the session")
        journal.loaded = dict(loaded)
        inputs = data.get("inputs", [])
        if not isinstance(inputs, list):
            raise ValueError("'inputs' must be a list")
        for i, raw in enumerate(inputs):
            try:
                inp = Input.from_json(raw)
            except ValueError as exc:
                raise ValueError(f"inputs[{i}]: {exc}") from None
            missing = [b for b in inp.reads.values() if b not in journal.blobs]
            if missing:
                raise ValueError(f"inputs[{i}] reads a file that is not in the session "
                                 f"({missing[0]})")
            journal.inputs.append(inp)
            journal._marks.append(None)
        return journal

