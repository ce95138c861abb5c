"""``EngineBridge``: the one QObject that talks to the engine.

Commands go down as script lines (``run_command``), change records come up as Qt
signals. Every view connects to the bridge, never to the cluster.

History is a list of operations applied on top of the loaded files: command lines,
applied YAML texts and engine steps. The engine is deterministic, so undo is exact:
rebuild the cluster from the loaded files and replay every operation before the
last command. Redo replays the undone segment on the current cluster.

All engine calls happen on the GUI thread. Only reading and parsing YAML (pure
functions, no cluster) may run on a worker thread, so a large file does not freeze
the window; building a big cluster is chunked on a zero-delay timer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from core import Cluster, CommandError
from core.settings import SimSettings
from core.store import Change

#: Above this many bytes of YAML, parse on a worker thread and build in chunks.
ASYNC_BYTES = 256 * 1024
#: Documents applied per chunk when building in the background.
APPLY_CHUNK = 200
#: Engine steps between two yields of the background builder.
STEP_CHUNK = 256
#: Wall-clock budget of one background chunk; keeps the window repainting.
CHUNK_BUDGET_S = 0.03
#: How long one play tick may run engine steps looking for a visible change.
TICK_BUDGET_S = 0.02
#: Simulated time one play tick lets pass when nothing is queued.
PLAY_ADVANCE_MS = 1000
#: The step button gives up after this much simulated time without a change.
STEP_MAX_WAIT_MS = 300_000


@dataclass(frozen=True)
class Source:
    """A loaded file: the name it was given by and its text."""

    name: str
    text: str


@dataclass(frozen=True)
class Op:
    """One operation of history. ``line``/``apply`` are user commands (undo units)."""

    kind: str  # "line" | "apply" | "step" (count steps) | "advance" (count ms)
    line: str = ""
    text: str = ""
    source: str = ""
    count: int = 0

    @property
    def is_command(self) -> bool:
        return self.kind in ("line", "apply")


@dataclass
class _Parsed:
    docs: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def parse_source(source: Source) -> _Parsed:
    """Parse one file's YAML; never raises (errors come back as located text)."""
    from core.errors import ManifestError
    from core.manifests import load_text

    parsed = _Parsed()
    collected: list[Any] = []
    # Worded as kubectl prints them, so the console reads like a terminal.
    try:
        parsed.docs = list(load_text(source.text, source.name, errors=collected))
    except ManifestError as exc:
        parsed.errors.append(f"error: {exc}")
    except CommandError as exc:
        parsed.errors.append(f"error: {source.name}: {exc}")
    parsed.errors.extend(f"error: {e}" for e in collected)
    return parsed


def apply_parsed(cluster: Cluster, docs: Sequence[Any]) -> tuple[str, list[str]]:
    """Apply parsed documents; returns kubectl's output and the error texts."""
    from core.commands import apply_documents

    try:
        output, errors = apply_documents(cluster, list(docs))
    except CommandError as exc:
        return "", [str(exc)]
    return output or "", [str(e) for e in (errors or [])]


def engine_busy(cluster: Cluster) -> bool:
    """Whether the engine still has work: queued syncs or foreground timed tasks."""
    return cluster.has_work() or cluster.clock.next_foreground_time() is not None


def read_source(path: str | Path) -> Source:
    """Read a file as a Source (raises OSError / UnicodeDecodeError)."""
    p = Path(path)
    data = p.read_bytes()
    return Source(str(path), data.decode("utf-8-sig"))


class _ParseTask(QRunnable):
    """Reads and parses files off the GUI thread (pure functions only)."""

    class Signals(QObject):
        done = Signal(object)

    def __init__(self, paths: Sequence[str | Path], sources: Sequence[Source]) -> None:
        super().__init__()
        self.paths = list(paths)
        self.sources = list(sources)
        self.signals = self.Signals()

    def run(self) -> None:
        result = parse_all(self.paths, self.sources)
        self.signals.done.emit(result)


def parse_all(paths: Sequence[str | Path],
              sources: Sequence[Source]) -> list[tuple[Source | None, _Parsed]]:
    """Read ``paths`` (then take ``sources`` as given) and parse each; never raises."""
    out: list[tuple[Source | None, _Parsed]] = []
    for path in paths:
        try:
            src = read_source(path)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            out.append((None, _Parsed(errors=[f"error: {path}: cannot read file: {reason}"])))
            continue
        out.append((src, parse_source(src)))
    for src in sources:
        out.append((src, parse_source(src)))
    return out


class EngineBridge(QObject):
    """Owns the cluster, its graph projection and the command history."""

    #: Change records of one operation, in order.
    changes_applied = Signal(list)
    #: The cluster was rebuilt (load, undo, reset); carries the new GraphSnapshot.
    reset = Signal(object)
    #: Simulated time in ms, after it moved.
    clock_changed = Signal(int)
    #: A message for the error panel (load errors, failed actions, internal errors).
    error = Signal(str)
    #: Every command run: the line as a terminal would echo it, its output, success.
    command_ran = Signal(str, str, bool)
    history_changed = Signal()
    busy_changed = Signal(bool)
    #: A short progress note while loading ("Applying big.yaml: 1200/5000").
    progress = Signal(str)

    def __init__(self, parent: QObject | None = None, *,
                 sim_settings: Callable[[], SimSettings] | None = None) -> None:
        super().__init__(parent)
        self._sim_settings = sim_settings or SimSettings
        self._cluster = Cluster(self._sim_settings())
        self._projection: Any = None
        self._sources: list[Source] = []
        self._parsed: list[_Parsed] = []
        self._ops: list[Op] = []
        self._redo: list[list[Op]] = []
        self._pending: list[Change] = []
        self._busy = False
        self._job: _Job | None = None
        self._tasks: set[_ParseTask] = set()
        self._last_clock = 0
        #: Whether the last command or apply succeeded.
        self.last_ok = True
        self._attach(self._cluster)

    # ---- reading ---------------------------------------------------------------------
    @property
    def cluster(self) -> Cluster:
        return self._cluster

    @property
    def projection(self) -> Any:
        if self._projection is None:
            from core.graph import GraphProjection

            self._projection = GraphProjection(self._cluster)
        return self._projection

    def snapshot(self) -> Any:
        return self.projection.snapshot()

    @property
    def sources(self) -> list[Source]:
        return list(self._sources)

    @property
    def ops(self) -> list[Op]:
        return list(self._ops)

    @property
    def busy(self) -> bool:
        return self._busy

    def can_undo(self) -> bool:
        return not self._busy and any(op.is_command for op in self._ops)

    def can_redo(self) -> bool:
        return not self._busy and bool(self._redo)

    def engine_busy(self) -> bool:
        return engine_busy(self._cluster)

    def work_summary(self) -> str:
        """What the engine still has to do, in a few words."""
        queued = sum(len(c.queue) for c in self._cluster.controllers)
        if queued:
            return f"{queued} queued"
        next_ms = self._cluster.clock.next_foreground_time()
        if next_ms is not None:
            return f"next change at {format_clock(next_ms)[4:]}"
        resync = self._cluster.clock.peek()
        if resync is not None:
            return f"settled · next resync at {format_clock(resync)[4:]}"
        return "settled"

    # ---- loading ---------------------------------------------------------------------
    def load_paths(self, paths: Sequence[str | Path], *,
                   asynchronous: bool | None = None) -> None:
        """Make these files the loaded state: a fresh cluster, apply them all, settle."""
        self._load(list(paths), [], asynchronous)

    def load_sources(self, sources: Sequence[Source], *,
                     asynchronous: bool | None = None) -> None:
        self._load([], list(sources), asynchronous)

    def _load(self, paths: list[str | Path], sources: list[Source],
              asynchronous: bool | None) -> None:
        if self._busy:
            self.error.emit("Still loading: wait for the current load to finish.")
            return
        if asynchronous is None:
            asynchronous = _total_size(paths, sources) > ASYNC_BYTES
        if not asynchronous:
            self._loaded(parse_all(paths, sources), asynchronous=False)
            return
        self._set_busy(True)
        self.progress.emit("Reading files…")
        task = _ParseTask(paths, sources)
        self._tasks.add(task)

        def done(result: list[tuple[Source | None, _Parsed]]) -> None:
            self._tasks.discard(task)
            self._set_busy(False)
            self._loaded(result, asynchronous=True)

        task.signals.done.connect(done)
        QThreadPool.globalInstance().start(task)

    def _loaded(self, result: list[tuple[Source | None, _Parsed]], *, asynchronous: bool) -> None:
        for _src, parsed in result:
            for message in parsed.errors:
                self.error.emit(message)
        kept = [(src, parsed) for src, parsed in result if src is not None]
        self._sources = [src for src, _ in kept]
        self._parsed = [parsed for _, parsed in kept]
        self._ops = []
        self._redo = []
        self._rebuild(asynchronous=asynchronous, report=True)

    # ---- rebuilding ------------------------------------------------------------------
    def _build(self, cluster: Cluster, ops: Sequence[Op], report: bool) -> Iterator[str]:
        """Loaded files → settled cluster → replayed ops; yields between chunks."""
        for src, parsed in zip(self._sources, self._parsed):
            docs = parsed.docs
            for start in range(0, len(docs), APPLY_CHUNK):
                _out, errors = apply_parsed(cluster, docs[start:start + APPLY_CHUNK])
                if report:
                    for message in errors:
                        self.error.emit(message)
                yield f"Applying {Path(src.name).name}: {min(start + APPLY_CHUNK, len(docs))}" \
                      f"/{len(docs)}"
        limit = cluster.settings.settle_max_steps
        steps = 0
        # Same order of work as Cluster.settle, in steps, so the window can breathe.
        while steps < limit and engine_busy(cluster):
            cluster.step()
            steps += 1
            if steps % STEP_CHUNK == 0:
                yield f"Settling… {steps} steps"
        for index, op in enumerate(ops):
            _replay(cluster, op)
            if index % 16 == 15:
                yield f"Replaying {index + 1}/{len(ops)}"

    def _rebuild(self, *, asynchronous: bool = False, report: bool = False,
                 ops: Sequence[Op] | None = None) -> None:
        ops = list(self._ops if ops is None else ops)
        cluster = Cluster(self._sim_settings())
        cluster.script_dir = self._script_dir()
        builder = self._build(cluster, ops, report)

        def finish() -> None:
            self._install(cluster)

        if not asynchronous:
            for _ in builder:
                pass
            finish()
            return
        self._set_busy(True)

        def done(exc: BaseException | None) -> None:
            self._job = None
            self._set_busy(False)
            if exc is not None:
                self.error.emit(f"Loading failed: {type(exc).__name__}: {exc}")
            finish()

        self._job = _Job(builder, self.progress.emit, done)
        self._job.start()

    def _script_dir(self) -> Path:
        for src in self._sources:
            path = Path(src.name)
            if path.is_file():
                return path.resolve().parent
        return Path.cwd()

    def _install(self, cluster: Cluster) -> None:
        self._detach(self._cluster)
        if self._projection is not None:
            self._projection.close()
        self._cluster = cluster
        self._projection = None
        self._pending = []
        self._attach(cluster)
        self._last_clock = cluster.clock.now_ms
        self.reset.emit(self.snapshot())
        self.clock_changed.emit(cluster.clock.now_ms)
        self.history_changed.emit()

    def _attach(self, cluster: Cluster) -> None:
        cluster.subscribe(self._on_change)

    def _detach(self, cluster: Cluster) -> None:
        cluster.unsubscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        self._pending.append(change)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
            self.history_changed.emit()

    def _flush(self) -> list[Change]:
        """Hand the records of the last operation to the views."""
        changes, self._pending = self._pending, []
        if changes:
            self.changes_applied.emit(changes)
        now = self._cluster.clock.now_ms
        if now != self._last_clock:
            self._last_clock = now
            self.clock_changed.emit(now)
        return changes

    # ---- commands --------------------------------------------------------------------
    def run_command(self, line: str, *, report: bool = True) -> str:
        """Run one script line as the console would; returns what it printed.

        A failing line returns kubectl's error text; it is also echoed as failed and,
        with ``report``, sent to the error panel (the console shows it already).
        """
        line = line.strip()
        if not line:
            return ""
        if self._busy:
            text = "The cluster is still loading; try again in a moment."
            self.command_ran.emit(line, text, False)
            return text
        before = self._mark()
        ok = True
        try:
            output = self._cluster.run(line)
        except CommandError as exc:
            ok = False
            output = str(exc)
        self._record(Op("line", line=line), before)
        self.last_ok = ok
        self.command_ran.emit(line, output or "", ok)
        if not ok and report:
            self.error.emit(output)
        self._flush()
        return output or ""

    def apply_text(self, text: str, source: str, *, line: str | None = None,
                   report: bool = True) -> str:
        """``kubectl apply`` of YAML text (the editor panel, the new-object forms)."""
        display = line or f"kubectl apply -f {source}"
        if self._busy:
            text_ = "The cluster is still loading; try again in a moment."
            self.command_ran.emit(display, text_, False)
            return text_
        parsed = parse_source(Source(source, text))
        return self._apply_parsed(Source(source, text), parsed, display, report)

    def _apply_parsed(self, src: Source, parsed: _Parsed, display: str, report: bool) -> str:
        before = self._mark()
        output, errors = apply_parsed(self._cluster, parsed.docs)
        errors = parsed.errors + errors
        self._record(Op("apply", line=display, text=src.text, source=src.name), before)
        shown = "\n".join(part for part in (output.rstrip("\n"), *errors) if part)
        self.last_ok = not errors
        self.command_ran.emit(display, shown, not errors)
        if report:
            for message in errors:
                self.error.emit(message)
        self._flush()
        return shown

    def apply_paths(self, paths: Sequence[str | Path], *,
                    asynchronous: bool | None = None) -> None:
        """``kubectl apply -f PATH`` for each file, onto the current cluster."""
        paths = list(paths)
        if self._busy:
            self.error.emit("Still loading: wait for the current load to finish.")
            return
        if asynchronous is None:
            asynchronous = _total_size(paths, []) > ASYNC_BYTES

        def apply_all(result: list[tuple[Source | None, _Parsed]]) -> None:
            for path, (src, parsed) in zip(paths, result):
                if src is None:
                    message = "\n".join(parsed.errors)
                    self.command_ran.emit(f"kubectl apply -f {path}", message, False)
                    for text in parsed.errors:
                        self.error.emit(text)
                    continue
                self._apply_parsed(src, parsed, f"kubectl apply -f {path}", True)

        if not asynchronous:
            apply_all(parse_all(paths, []))
            return
        self._set_busy(True)
        self.progress.emit("Reading files…")
        task = _ParseTask(paths, [])
        self._tasks.add(task)

        def done(result: list[tuple[Source | None, _Parsed]]) -> None:
            self._tasks.discard(task)
            self._set_busy(False)
            apply_all(result)
            self.progress.emit("")

        task.signals.done.connect(done)
        QThreadPool.globalInstance().start(task)

    # ---- time ------------------------------------------------------------------------
    def step_change(self, *, budget_s: float = TICK_BUDGET_S,
                    max_advance_ms: int = PLAY_ADVANCE_MS) -> list[Change]:
        """One play tick: queued syncs until an object (not just an Event) changes; with
        nothing queued, time flows toward the next timed task by at most
        ``max_advance_ms`` (taking the task when it falls due), so waits such as an
        image pull or the PV controller's periodic resync are seen to pass."""
        if self._busy:
            return []
        cluster = self._cluster
        before = self._mark()
        deadline = time.perf_counter() + budget_s
        steps = 0
        while cluster.has_work():
            changes = cluster.step()
            steps += 1
            if any(c.kind != "Event" for c in changes) or time.perf_counter() > deadline:
                break
        else:
            due = cluster.clock.peek()
            if due is not None and due - cluster.clock.now_ms <= max_advance_ms:
                cluster.step()  # the task falls due within this tick: run it
                steps += 1
            elif due is not None:
                if steps:
                    self._record(Op("step", count=steps), before, force=True)
                    steps = 0
                    before = self._mark()
                cluster.advance(max_advance_ms)
                self._record(Op("advance", count=max_advance_ms), before, force=True)
        if steps:
            self._record(Op("step", count=steps), before, force=True)
        return self._flush()

    def step_until_change(self, max_steps: int = 100_000,
                          max_wait_ms: int = STEP_MAX_WAIT_MS) -> list[Change]:
        """The "step" button: run until at least one change record appears, letting
        time pass to the next timed task (periodic resyncs too) when nothing is queued."""
        if self._busy:
            return []
        cluster = self._cluster
        before = self._mark()
        start_ms = cluster.clock.now_ms
        steps = 0
        while steps < max_steps and (cluster.has_work() or cluster.clock.peek() is not None):
            if not cluster.has_work() and cluster.clock.peek() - start_ms > max_wait_ms:
                break  # nothing happens in the foreseeable future
            changes = cluster.step()
            steps += 1
            if changes:
                break
        if steps:
            self._record(Op("step", count=steps), before, force=True)
        return self._flush()

    # ---- history ---------------------------------------------------------------------
    def _mark(self) -> tuple[int, int]:
        return (self._cluster.store.last_seq, self._cluster.clock.now_ms)

    def _record(self, op: Op, before: tuple[int, int], *, force: bool = False) -> None:
        if not force and self._mark() == before:
            return  # read-only commands are not history
        if op.kind in ("step", "advance") and self._ops and self._ops[-1].kind == op.kind:
            op = Op(op.kind, count=self._ops[-1].count + op.count)
            self._ops[-1] = op
        else:
            self._ops.append(op)
        if op.is_command:
            self._redo.clear()
        self.history_changed.emit()

    def undo(self) -> bool:
        """Back to the moment before the last command (exact: rebuild and replay)."""
        if not self.can_undo():
            return False
        last = max(i for i, op in enumerate(self._ops) if op.is_command)
        self._redo.append(self._ops[last:])
        self._ops = self._ops[:last]
        self._rebuild(asynchronous=self._big())
        return True

    def redo(self) -> bool:
        """Replay the last undone command and the time that followed it."""
        if not self.can_redo():
            return False
        segment = self._redo.pop()
        for op in segment:
            _replay(self._cluster, op)
        self._ops.extend(segment)
        self._flush()
        self.history_changed.emit()
        return True

    def reset_to_loaded(self) -> None:
        """Back to the loaded files; redo brings the whole session back."""
        if self._busy:
            return
        if self._ops:
            self._redo = [list(self._ops)]
        self._ops = []
        self._rebuild(asynchronous=self._big())

    def _big(self) -> bool:
        return sum(len(s.text) for s in self._sources) > ASYNC_BYTES

    def wait_idle_now(self) -> None:
        """Finish a background build synchronously (tests, shutdown)."""
        if self._job is not None:
            self._job.finish_now()


def _replay(cluster: Cluster, op: Op) -> None:
    if op.kind == "line":
        try:
            cluster.run(op.line)
        except CommandError:
            pass  # it failed the first time too, after doing what it did
    elif op.kind == "apply":
        parsed = parse_source(Source(op.source, op.text))
        apply_parsed(cluster, parsed.docs)
    elif op.kind == "step":
        for _ in range(op.count):
            cluster.step()
    elif op.kind == "advance":
        cluster.advance(op.count)


def _total_size(paths: Sequence[str | Path], sources: Sequence[Source]) -> int:
    total = sum(len(s.text) for s in sources)
    for path in paths:
        try:
            total += Path(path).stat().st_size
        except OSError:
            pass
    return total


def format_clock(ms: int) -> str:
    """Simulated time for people: ``t = 1m05s``."""
    seconds, millis = divmod(int(ms), 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    frac = f".{millis // 100}" if millis and not hours else ""
    if hours:
        return f"t = {hours}h{minutes:02d}m{secs:02d}s"
    if minutes:
        return f"t = {minutes}m{secs:02d}{frac}s"
    return f"t = {secs}{frac}s"


class _Job(QObject):
    """Runs a generator a few chunks per zero-delay timer tick, within a time budget."""

    def __init__(self, generator: Iterator[str], on_progress: Callable[[str], None],
                 on_done: Callable[[BaseException | None], None]) -> None:
        super().__init__()
        self._gen = generator
        self._on_progress = on_progress
        self._on_done = on_done
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._finished = False

    def start(self) -> None:
        self._timer.start()

    def _tick(self) -> None:
        deadline = time.perf_counter() + CHUNK_BUDGET_S
        note = ""
        try:
            while time.perf_counter() < deadline:
                note = next(self._gen)
        except StopIteration:
            self._finish(None)
            return
        except Exception as exc:  # an engine bug: report it, keep what was built
            import traceback

            traceback.print_exc()
            self._finish(exc)
            return
        if note:
            self._on_progress(note)
        self._timer.start()

    def finish_now(self) -> None:
        if self._finished:
            return
        self._timer.stop()
        try:
            for _ in self._gen:
                pass
        except Exception as exc:
            self._finish(exc)
            return
        self._finish(None)

    def _finish(self, exc: BaseException | None) -> None:
        if self._finished:
            return
        self._finished = True
        self._timer.stop()
        self._on_progress("")
        self._on_done(exc)
