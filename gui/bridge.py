"""``EngineBridge``: the one QObject that talks to the engine.

Commands go down as script lines (``run_command``), change records come up as Qt
signals. Every view connects to the bridge, never to the cluster.

History lives in a :class:`core.journal.Journal`: the loaded files, then every
input that changed the cluster (command lines, applied YAML texts, clock steps).
The engine is deterministic, so undo, redo, reset and branching from a past moment
are all "replay a prefix of the journal" on a fresh cluster. The inputs that load
the files (the first ``base_inputs``) are the floor undo stops at.

The timeline shows past states through :class:`core.history.History`: while a
past moment is on screen, ``cluster`` is a detached read-only copy of that moment
and every command is refused until ``back_to_now`` or ``branch_here``.

All engine calls happen on the GUI thread. Only reading and parsing YAML (pure
functions, no cluster) may run on a worker thread, so a large file does not freeze
the window; building a big cluster is chunked on a zero-delay timer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from core import Cluster, CommandError
from core.history import History
from core.journal import USER_KINDS, Input, Journal
from core.settings import SimSettings
from core.store import Change

translate = QCoreApplication.translate

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
#: Verbs that only read: a line of these that changed nothing is not history.
READ_ONLY_VERBS = frozenset({"get", "describe", "explain", "logs", "cat", "ls", "say",
                             "help", "version", "api-resources", "events", "top"})


@dataclass(frozen=True)
class Source:
    """A loaded file: the name it was given by and its text."""

    name: str
    text: str


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


def is_read_only(line: str) -> bool:
    words = line.split()
    if not words:
        return True
    if words[0] == "kubectl":
        verbs = [w for w in words[1:] if not w.startswith("-")]
        return bool(verbs) and verbs[0] in READ_ONLY_VERBS
    if words[0] == "nfs" and len(words) > 1:
        return words[1] in ("cat", "ls")
    return words[0] in READ_ONLY_VERBS


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
    """Owns the live cluster, its journal, its history and the graph projection."""

    #: Change records of one operation, in order.
    changes_applied = Signal(list)
    #: The cluster was rebuilt (load, undo, reset, past view); carries the GraphSnapshot.
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
    #: The change shown from the past (an int), or None back at now.
    past_changed = Signal(object)

    def __init__(self, parent: QObject | None = None, *,
                 sim_settings: Callable[[], SimSettings] | None = None) -> None:
        super().__init__(parent)
        self._sim_settings = sim_settings or SimSettings
        self._journal = Journal(self._sim_settings())
        self._cluster = self._journal.new_cluster()
        self._history = History(self._cluster)
        self._base_inputs = 0
        self._projection: Any = None
        self._past: int | None = None
        self._past_cluster: Cluster | None = None
        self._past_projection: Any = None
        self._sources: list[Source] = []
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
        """The cluster on screen: the live one, or a read-only copy of a past moment."""
        return self._past_cluster if self._past_cluster is not None else self._cluster

    @property
    def live_cluster(self) -> Cluster:
        return self._cluster

    @property
    def journal(self) -> Journal:
        return self._journal

    @property
    def history(self) -> History:
        return self._history

    @property
    def base_inputs(self) -> int:
        """How many journal inputs load the files (undo and reset stop there)."""
        return self._base_inputs

    @property
    def past_seq(self) -> int | None:
        """The change shown from the past, None when the present is on screen."""
        return self._past

    @property
    def viewing_past(self) -> bool:
        return self._past is not None

    @property
    def projection(self) -> Any:
        from core.graph import GraphProjection

        if self._past_cluster is not None:
            if self._past_projection is None:
                self._past_projection = GraphProjection(self._past_cluster)
            return self._past_projection
        if self._projection is None:
            self._projection = GraphProjection(self._cluster)
        return self._projection

    def snapshot(self) -> Any:
        return self.projection.snapshot()

    @property
    def sources(self) -> list[Source]:
        return list(self._sources)

    @property
    def ops(self) -> list[Input]:
        """The inputs recorded since the files were loaded (user actions and time)."""
        return list(self._journal.inputs[self._base_inputs:])

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def read_only(self) -> bool:
        """Nothing may change the cluster: loading, or a past moment on screen."""
        return self._busy or self._past is not None

    def can_undo(self) -> bool:
        return not self.read_only and any(
            inp.kind in USER_KINDS for inp in self._journal.inputs[self._base_inputs:])

    def can_redo(self) -> bool:
        return not self.read_only and self._journal.can_redo()

    def engine_busy(self) -> bool:
        return engine_busy(self.cluster) if self._past is None else False

    def work_summary(self) -> str:
        """What the engine still has to do, in a few words."""
        if self._past is not None:
            return translate("EngineBridge", "viewing the past")
        queued = sum(len(c.queue) for c in self._cluster.controllers)
        if queued:
            return translate("EngineBridge", "%n queued", "", queued)
        next_ms = self._cluster.clock.next_foreground_time()
        if next_ms is not None:
            return translate("EngineBridge", "next change at {time}").format(
                time=format_clock(next_ms)[4:])
        resync = self._cluster.clock.peek()
        if resync is not None:
            return translate("EngineBridge", "settled · next resync at {time}").format(
                time=format_clock(resync)[4:])
        return translate("EngineBridge", "settled")

    def _refuse(self, display: str) -> str | None:
        """The refusal text when the cluster may not change now, else None."""
        if self._busy:
            text = translate("EngineBridge", "The cluster is still loading; try again in a moment.")
        elif self._past is not None:
            text = translate("EngineBridge", "Viewing the past: go back to now, or branch from "
                                             "here, before changing the cluster.")
        else:
            return None
        self.command_ran.emit(display, text, False)
        return text

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
            self.error.emit(translate("EngineBridge",
                                      "Still loading: wait for the current load to finish."))
            return
        if asynchronous is None:
            asynchronous = _total_size(paths, sources) > ASYNC_BYTES
        if not asynchronous:
            self._loaded(parse_all(paths, sources), asynchronous=False)
            return
        self._set_busy(True)
        self.progress.emit(translate("EngineBridge", "Reading files…"))
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
        journal = Journal(self._sim_settings())
        journal.record_files({src.name: src.text for src, _ in kept})
        cluster = journal.new_cluster()
        cluster.script_dir = self._script_dir()
        builder = self._build(cluster, journal, kept)

        def finish() -> None:
            self._install(cluster, journal, base_inputs=len(journal.inputs))

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
                self.error.emit(translate("EngineBridge", "Loading failed: {error}").format(
                    error=f"{type(exc).__name__}: {exc}"))
            finish()

        self._job = _Job(builder, self.progress.emit, done)
        self._job.start()

    def _build(self, cluster: Cluster, journal: Journal,
               kept: Sequence[tuple[Source, _Parsed]]) -> Iterator[str]:
        """Loaded files → settled cluster, recorded in ``journal``; yields between chunks."""
        for src, parsed in kept:
            docs = parsed.docs
            failed = bool(parsed.errors)
            for start in range(0, len(docs), APPLY_CHUNK):
                _out, errors = apply_parsed(cluster, docs[start:start + APPLY_CHUNK])
                failed = failed or bool(errors)
                for message in errors:
                    self.error.emit(message)
                yield translate("EngineBridge", "Applying {name}: {done}/{total}").format(
                    name=Path(src.name).name, done=min(start + APPLY_CHUNK, len(docs)),
                    total=len(docs))
            # Applied in chunks, replayed whole: kubectl apply goes document by document
            # either way, so the change log is the same.
            journal.record_apply(src.name, src.text, ok=not failed)
        limit = cluster.settings.settle_max_steps
        steps = 0
        # Same order of work as Cluster.settle, in steps, so the window can breathe.
        while steps < limit and engine_busy(cluster):
            cluster.step()
            steps += 1
            if steps % STEP_CHUNK == 0:
                yield translate("EngineBridge", "Settling… {steps} steps").format(steps=steps)
        if steps:
            journal.record_step(steps)

    def _script_dir(self) -> Path:
        for src in self._sources:
            path = Path(src.name)
            if path.is_file():
                return path.resolve().parent
        return Path.cwd()

    # ---- installing a cluster ----------------------------------------------------------
    def adopt(self, cluster: Cluster, journal: Journal | None = None, *,
              base_inputs: int | None = None, sources: Sequence[Source] | None = None) -> None:
        """Show ``cluster`` (driven by ``journal``) from now on: a lesson, a session."""
        if sources is not None:
            self._sources = list(sources)
        self._install(cluster, journal, base_inputs=base_inputs)

    def _install(self, cluster: Cluster, journal: Journal | None = None, *,
                 base_inputs: int | None = None) -> None:
        self._leave_past(emit=False)
        self._detach(self._cluster)
        if self._projection is not None:
            self._projection.close()
        if journal is not None:
            self._journal = journal
        if base_inputs is not None:
            self._base_inputs = base_inputs
        self._base_inputs = min(self._base_inputs, len(self._journal.inputs))
        self._cluster = cluster
        self._history = History(cluster)
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

    def flush(self) -> list[Change]:
        """Hand the records of the last operation to the views."""
        changes, self._pending = self._pending, []
        if changes:
            self.changes_applied.emit(changes)
            self.history_changed.emit()
        now = self._cluster.clock.now_ms
        if now != self._last_clock:
            self._last_clock = now
            self.clock_changed.emit(now)
        return changes

    _flush = flush

    # ---- commands --------------------------------------------------------------------
    def run_command(self, line: str, *, report: bool = True) -> str:
        """Run one script line as the console would; returns what it printed.

        A failing line returns kubectl's error text; it is also echoed as failed and,
        with ``report``, sent to the error panel (the console shows it already).
        """
        line = line.strip()
        if not line:
            return ""
        refused = self._refuse(line)
        if refused is not None:
            return refused
        cluster = self._cluster
        before = self._mark()
        folder = Path(cluster.script_dir)
        ok = True
        try:
            output = cluster.run(line)
        except CommandError as exc:
            ok = False
            output = str(exc)
        # A line that changed nothing is not history unless it could have queued work
        # without writing (anything but a plain read, which fails or succeeds alike).
        if self._mark() != before or not (is_read_only(line) or not ok):
            self._journal.record_command(line, cwd=folder, ok=ok)
            self.history_changed.emit()
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
        refused = self._refuse(display)
        if refused is not None:
            return refused
        parsed = parse_source(Source(source, text))
        return self._apply_parsed(Source(source, text), parsed, display, report)

    def _apply_parsed(self, src: Source, parsed: _Parsed, display: str, report: bool) -> str:
        before = self._mark()
        output, errors = apply_parsed(self._cluster, parsed.docs)
        errors = parsed.errors + errors
        if self._mark() != before:
            self._journal.record_apply(src.name, src.text, ok=not errors)
            self.history_changed.emit()
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
            self.error.emit(translate("EngineBridge",
                                      "Still loading: wait for the current load to finish."))
            return
        if self._past is not None:
            self._refuse(f"kubectl apply -f {paths[0]}" if paths else "kubectl apply")
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
        self.progress.emit(translate("EngineBridge", "Reading files…"))
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
        if self.read_only:
            return []
        cluster = self._cluster
        journal = self._journal
        deadline = time.perf_counter() + budget_s
        while cluster.has_work():
            changes = journal.step(cluster)
            if any(c.kind != "Event" for c in changes) or time.perf_counter() > deadline:
                break
        else:
            due = cluster.clock.peek()
            if due is not None and due - cluster.clock.now_ms <= max_advance_ms:
                journal.step(cluster)  # the task falls due within this tick: run it
            elif due is not None:
                journal.advance(cluster, max_advance_ms)
        return self._flush()

    def step_until_change(self, max_steps: int = 100_000,
                          max_wait_ms: int = STEP_MAX_WAIT_MS) -> list[Change]:
        """The "step" button: run until at least one change record appears, letting
        time pass to the next timed task (periodic resyncs too) when nothing is queued."""
        if self.read_only:
            return []
        cluster = self._cluster
        start_ms = cluster.clock.now_ms
        steps = 0
        while steps < max_steps and (cluster.has_work() or cluster.clock.peek() is not None):
            if not cluster.has_work() and cluster.clock.peek() - start_ms > max_wait_ms:
                break  # nothing happens in the foreseeable future
            changes = self._journal.step(cluster)
            steps += 1
            if changes:
                break
        return self._flush()

    # ---- history ---------------------------------------------------------------------
    def _mark(self) -> tuple[int, int]:
        return (self._cluster.store.last_seq, self._cluster.clock.now_ms)

    def _last_action(self) -> int | None:
        """The last user action since the load that changed something (else the last)."""
        journal = self._journal
        fallback = None
        for index in range(len(journal.inputs) - 1, self._base_inputs - 1, -1):
            if journal.inputs[index].kind not in USER_KINDS:
                continue
            start = journal.end_seq(index - 1) if index else journal.base_seq
            if journal.end_seq(index) > start:
                return index
            if fallback is None:
                fallback = index
        return fallback

    def undo(self) -> bool:
        """Back to the moment before the last command (exact: replay the journal)."""
        if not self.can_undo():
            return False
        index = self._last_action()
        if index is None:
            return False
        self._journal.truncate_inputs(index)
        self._install(self._journal.replay())
        return True

    def redo(self) -> bool:
        """Put back the last undone command and the time that followed it."""
        if not self.can_redo():
            return False
        cluster = self._journal.redo()
        if cluster is None:
            return False
        self._install(cluster)
        return True

    def reset_to_loaded(self) -> None:
        """Back to the loaded files; redo brings the whole session back."""
        if self.read_only:
            return
        if len(self._journal.inputs) > self._base_inputs:
            self._journal.truncate_inputs(self._base_inputs)
            self._install(self._journal.replay())

    # ---- the past ----------------------------------------------------------------------
    def view_past(self, k: int) -> None:
        """Show the state after change ``k`` (read-only); the last change is now."""
        if self._busy:
            return
        k = max(0, min(int(k), self._history.tick_count))
        if k == self._history.tick_count:
            self.back_to_now()
            return
        if k == self._past:
            return
        if self._past_projection is not None:
            self._past_projection.close()
        self._past = k
        self._past_cluster = self._history.cluster_at(k)
        self._past_projection = None
        self.reset.emit(self.snapshot())
        self.clock_changed.emit(self._past_cluster.clock.now_ms)
        self.past_changed.emit(k)
        self.history_changed.emit()

    def back_to_now(self) -> None:
        if self._past is None:
            return
        self._leave_past(emit=True)

    def _leave_past(self, *, emit: bool) -> None:
        if self._past is None:
            return
        if self._past_projection is not None:
            self._past_projection.close()
        self._past = None
        self._past_cluster = None
        self._past_projection = None
        if emit:
            self.reset.emit(self.snapshot())
            self.clock_changed.emit(self._cluster.clock.now_ms)
            self.history_changed.emit()
        self.past_changed.emit(None)

    def branch_here(self) -> int:
        """Continue from the past moment on screen: the journal is cut there (redo puts
        the cut future back) and the cluster rebuilt. Returns the change it stopped at."""
        k = self._past
        if k is None or self._busy:
            return self._cluster.store.last_seq
        cluster = self._history.branch_at(k, self._journal)
        self._install(cluster)
        return cluster.store.last_seq

    # ---- sessions ------------------------------------------------------------------------
    def save_session(self, path: str | Path, meta: Mapping[str, Any] | None = None) -> Path:
        """Save the journal (files, inputs, clock) atomically; raises SessionError."""
        from core.session import save_session

        self._journal.record_files({s.name: s.text for s in self._sources})
        data = {"base_inputs": self._base_inputs, "sources": [s.name for s in self._sources]}
        data.update(meta or {})
        return save_session(path, self._journal, self._cluster, meta=data)

    def open_session(self, path: str | Path) -> dict[str, Any]:
        """Open a saved session (replayed to its saved state); returns its meta.

        Raises SessionError and leaves everything open as it was when the file is
        damaged; replay differences are reported to the error panel.
        """
        from core.session import open_session

        if self._busy:
            raise CommandError(translate("EngineBridge", "Still loading: wait for the current "
                                                         "load to finish."))
        session = open_session(path)
        files = session.journal.loaded_files()
        names = session.meta.get("sources")
        if not isinstance(names, list):
            names = list(files)
        sources = [Source(n, files[n]) for n in names if isinstance(n, str) and n in files]
        base = session.meta.get("base_inputs", 0)
        if type(base) is not int or base < 0:
            base = 0
        self.adopt(session.cluster, session.journal, base_inputs=base, sources=sources)
        for warning in session.warnings:
            self.error.emit(f"{session.path}: {warning}")
        return dict(session.meta)

    def wait_idle_now(self) -> None:
        """Finish a background build synchronously (tests, shutdown)."""
        if self._job is not None:
            self._job.finish_now()


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
