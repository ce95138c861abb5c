"""Lessons: scripts with captions, run one step at a time.

A lesson is a script in the language of ``interfaces.md`` (one command per line,
``#`` comments, paths relative to the script's folder), so ``python main.py script
LESSON`` runs it like any other script. Three things make it a lesson:

Headers. Comment lines at the very top of the file (before the first command) of
the form ``# key: value`` describe it::

    # title: Why web-1 stays Pending
    # title.zh: 为什么 web-1 一直处于 Pending
    # description: The seed's StatefulSet, step by step, in a real cluster's terms.
    # description.zh: ……
    # confusion: 1

``title`` and ``description`` (with ``.LANG`` variants) are shown in the gallery; any
other key is kept in :attr:`Lesson.meta`. A header line whose text starts with two
or more spaces after the ``#`` continues the previous value.

Captions. ``say TEXT`` is the caption (English). A ``say.LANG TEXT`` line right after
it carries the same caption in another language; the bundled lessons use
``say.zh`` for Simplified Chinese. Kubernetes terms, kubectl output and event
messages stay in English in every language, as in a real cluster. The caption is
what the script runner prints for the line (:func:`core.commands.caption`): its shell
words joined by spaces, so write ``'""'`` to show ``""``; a caption whose quotes do
not balance (an apostrophe) is shown as written.

Steps. A step runs the lines from one caption to the next:

* a step's caption is the first ``say`` after the previous step ended;
* a step ends just before a ``say`` once it already has a caption, or right after a
  ``snapshot NAME`` line (the snapshot names the state the step ends in);
* commands before the first caption (or between a snapshot and the next ``say``)
  belong to the step of that next caption, and run before it is shown;
* trailing commands with no caption after them form a last, caption-less step.

So ``say`` + commands + ``snapshot`` is one step, and a caption-only step (``say``
followed directly by ``say``) is a pause for explanation.

Running. :class:`LessonRunner` runs a step's commands through a
:class:`~core.journal.Journal` (``settle`` and ``sleep`` lines inside the step are
the only things that move the clock: between steps it stands still). ``back()``
and ``restart()`` rebuild the cluster by replaying the journal to the end of an
earlier step, so ``runner.cluster`` is a *new* object after them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import CommandError
from .journal import Journal

if TYPE_CHECKING:
    from .cluster import Cluster
    from .store import Change

DEFAULT_LANG = "en"
SCRIPT_NAME = "lesson.txt"

_HEADER = re.compile(r"#\s?([a-z][a-z0-9_-]*(?:\.[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)?):\s*(.*)$")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)$")
_SNAPSHOT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*$")


class LessonError(CommandError):
    """A lesson file is malformed; ``str()`` is ``file:line: what is wrong``."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


def lang_key(lang: str) -> str:
    """``zh_CN``, ``zh-Hans``, ``ZH`` → ``zh``; ``en_US`` → ``en``."""
    return re.split(r"[-_.]", lang.strip())[0].lower() or DEFAULT_LANG


@dataclass(frozen=True)
class Caption:
    """One text in several languages (``texts[lang]``; English is ``en``)."""

    texts: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The text in ``lang``, else English, else any language there is."""
        key = lang_key(lang)
        if key in self.texts:
            return self.texts[key]
        if DEFAULT_LANG in self.texts:
            return self.texts[DEFAULT_LANG]
        return next(iter(self.texts.values()), "")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.texts)

    def __bool__(self) -> bool:
        return bool(self.texts)


class LessonLine(NamedTuple):
    """A command line of a lesson, with its 1-based line number in the file."""

    lineno: int
    text: str


@dataclass(frozen=True)
class LessonStep:
    index: int
    caption: Caption
    commands: tuple[LessonLine, ...]
    snapshot: str | None
    lineno: int


@dataclass(frozen=True)
class Lesson:
    id: str
    source: str
    base_dir: Path
    title: Caption
    description: Caption
    meta: Mapping[str, str]
    steps: tuple[LessonStep, ...]

    @property
    def snapshots(self) -> tuple[str, ...]:
        return tuple(s.snapshot for s in self.steps if s.snapshot)

    @property
    def languages(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for caption in (self.title, *(s.caption for s in self.steps)):
            seen.update(dict.fromkeys(caption.languages))
        return tuple(seen)


@dataclass(frozen=True)
class LessonInfo:
    """What the gallery shows about a lesson, without running it."""

    id: str
    path: Path
    title: Caption
    description: Caption
    step_count: int
    snapshots: tuple[str, ...]
    meta: Mapping[str, str]


# ---- parsing ---------------------------------------------------------------------------
def script_lines(text: str) -> list[LessonLine]:
    """The lines a script runs, with line numbers: exactly what the script runner runs
    (comments, blank lines and continuations handled by :func:`core.script.parse_script`)."""
    from .script import parse_script

    return [LessonLine(line.lineno, line.text) for line in parse_script(text)]


def caption_of(line: str) -> tuple[str | None, str] | None:
    """(language or None for English, text) of a ``say``/``say.LANG`` line, else None;
    the text is exactly what the script runner prints for the line."""
    from .commands import caption

    return caption(line)


def _parse_headers(text: str, source: str) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    captions: dict[str, dict[str, str]] = {"title": {}, "description": {}}
    meta: dict[str, str] = {}
    last: tuple[str, str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            last = None
            continue
        if not line.startswith("#"):
            break
        cont = _CONTINUATION.match(line)
        if cont and last is not None:
            name, lang = last
            target = captions[name] if name in captions else meta
            key = lang if name in captions else name
            target[key] = f"{target[key]} {cont.group(1).strip()}".strip()
            continue
        match = _HEADER.match(line)
        if not match:
            last = None
            continue
        name, _, lang = match.group(1).partition(".")
        value = match.group(2).strip()
        if name in captions:
            captions[name][lang_key(lang) if lang else DEFAULT_LANG] = value
            last = (name, lang_key(lang) if lang else DEFAULT_LANG)
        else:
            meta[match.group(1)] = value
            last = (match.group(1), "")
    return captions, meta


def parse_lesson(text: str, *, source: str = "<lesson>", base_dir: str | Path | None = None,
                 lesson_id: str | None = None) -> Lesson:
    """Split a lesson script into steps (rules in the module docstring)."""
    headers, meta = _parse_headers(text, source)
    steps: list[LessonStep] = []
    caption: dict[str, str] = {}
    commands: list[LessonLine] = []
    first = 0
    last_was_say = False

    def close(snapshot: str | None) -> None:
        nonlocal caption, commands, first
        if caption or commands or snapshot:
            steps.append(LessonStep(len(steps), Caption(dict(caption)), tuple(commands),
                                    snapshot, first))
        caption, commands, first = {}, [], 0

    for line in script_lines(text):
        words = line.text.split(None, 1)
        verb = words[0]
        said = caption_of(line.text)
        if said is not None:
            lang, words_text = said
            if not words_text:
                raise LessonError(source, line.lineno, f"{verb} needs the caption text")
            if lang is None:
                if caption:
                    close(None)
                caption[DEFAULT_LANG] = words_text
                first = first or line.lineno
                last_was_say = True
                continue
            if not last_was_say:
                raise LessonError(source, line.lineno,
                                  f"{verb} must come right after the say line it translates")
            if lang_key(lang) in caption:
                raise LessonError(source, line.lineno, f"a second {verb} for the same caption")
            caption[lang_key(lang)] = words_text
            continue
        last_was_say = False
        first = first or line.lineno
        if verb == "snapshot":
            name = words[1].strip() if len(words) > 1 else ""
            if not _SNAPSHOT_NAME.match(name):
                raise LessonError(source, line.lineno,
                                  "snapshot needs a name of letters, digits, '.', '-' or '_'")
            close(name)
            continue
        commands.append(line)
    close(None)
    folder = Path(base_dir) if base_dir is not None else Path.cwd()
    return Lesson(
        id=lesson_id or Path(source).stem,
        source=source,
        base_dir=folder,
        title=Caption(headers["title"]),
        description=Caption(headers["description"]),
        meta=meta,
        steps=tuple(steps),
    )


def load_lesson(path: str | Path) -> Lesson:
    """Read a lesson file, or a lesson folder holding ``lesson.txt``."""
    path = Path(path)
    script = path / SCRIPT_NAME if path.is_dir() else path
    try:
        text = script.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LessonError(str(script), None, f"cannot be read: {exc}") from None
    lesson_id = script.parent.name if script.name == SCRIPT_NAME else script.stem
    return parse_lesson(text, source=str(script), base_dir=script.parent, lesson_id=lesson_id)


def check_lesson(lesson: Lesson, languages: tuple[str, ...] = (DEFAULT_LANG,)) -> list[str]:
    """What keeps a lesson from being shown well (empty when it is fine)."""
    problems = []
    for lang in languages:
        if lang not in lesson.title.texts:
            problems.append(f"no title in {lang}")
        if lang not in lesson.description.texts:
            problems.append(f"no description in {lang}")
    names = [s.snapshot for s in lesson.steps if s.snapshot]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"snapshot {name!r} is used twice")
    for step in lesson.steps:
        where = f"step {step.index + 1} (line {step.lineno})"
        if not step.caption:
            problems.append(f"{where} has no caption")
            continue
        for lang in languages:
            if lang not in step.caption.texts:
                problems.append(f"{where} has no {lang} caption")
    return problems


# ---- the gallery -----------------------------------------------------------------------
def lessons_dir() -> Path:
    """The bundled lessons' folder."""
    try:
        from assets import asset_path
    except ImportError:  # pragma: no cover - assets not importable (unusual install)
        return Path(__file__).resolve().parents[1] / "assets" / "lessons"
    return asset_path("lessons")


def lesson_paths(root: str | Path | None = None) -> list[Path]:
    """Lesson scripts in ``root``: ``<id>/lesson.txt`` folders and ``<id>.txt`` files."""
    folder = Path(root) if root is not None else lessons_dir()
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and (entry / SCRIPT_NAME).is_file():
            found.append(entry / SCRIPT_NAME)
        elif entry.is_file() and entry.suffix == ".txt":
            found.append(entry)
    return found


def list_lessons(root: str | Path | None = None) -> list[LessonInfo]:
    """The gallery: every lesson in ``root`` (default: the bundled ones), by id."""
    infos = []
    for path in lesson_paths(root):
        lesson = load_lesson(path)
        infos.append(LessonInfo(lesson.id, path, lesson.title, lesson.description,
                                len(lesson.steps), lesson.snapshots, lesson.meta))
    return infos


def find_lesson(lesson_id: str, root: str | Path | None = None) -> Lesson:
    for path in lesson_paths(root):
        candidate = path.parent.name if path.name == SCRIPT_NAME else path.stem
        if candidate == lesson_id:
            return load_lesson(path)
    raise LessonError(lesson_id, None, "no such lesson")


# ---- running ---------------------------------------------------------------------------
@dataclass(frozen=True)
class StepResult:
    """What running one step did."""

    index: int
    step: LessonStep
    #: ``(line, output)`` for every command, as a terminal would show it.
    transcript: tuple[tuple[str, str], ...]
    #: ``(lineno, line, kubectl's error text)`` for every command that failed.
    errors: tuple[tuple[int, str, str], ...]
    #: The step's changes are ``first_seq < seq <= last_seq``.
    first_seq: int
    last_seq: int


class LessonRunner:
    """Runs a lesson step by step on a cluster driven through a journal.

    ``target`` is the journal to record into (its current inputs are the starting
    point), or a fresh cluster, or None for a new journal and cluster. Commands
    that fail do not stop the lesson: the error is in the step's result, as a
    terminal would show it.
    """

    def __init__(self, lesson: Lesson, target: Journal | Cluster | None = None, *,
                 cluster: Cluster | None = None) -> None:
        from .cluster import Cluster

        self.lesson = lesson
        if isinstance(target, Cluster):
            journal = Journal(target.settings)
            if target.store.last_seq != journal.base_seq:
                raise ValueError("a lesson starts from a fresh cluster; pass a Journal to "
                                 "continue from a cluster with history")
            cluster = target
        else:
            journal = target if target is not None else Journal()
            if cluster is None:
                cluster = journal.replay() if journal.inputs else journal.new_cluster()
        self.journal: Journal = journal
        self._cluster: Cluster = cluster
        self._start_inputs = len(journal.inputs)
        #: Journal length and last seq at the end of each completed step (0 = start).
        self._inputs_at: list[int] = [self._start_inputs]
        self._seq_at: list[int] = [cluster.store.last_seq]
        self._results: list[StepResult] = []

    # ---- where we are ----------------------------------------------------------------
    @property
    def cluster(self) -> Cluster:
        """The live cluster; a new object after :meth:`back`, :meth:`restart`, :meth:`goto`."""
        return self._cluster

    @property
    def position(self) -> int:
        """Number of steps done (0 before the first; ``step_count`` at the end)."""
        return len(self._inputs_at) - 1

    @property
    def step_count(self) -> int:
        return len(self.lesson.steps)

    @property
    def at_start(self) -> bool:
        return self.position == 0

    @property
    def at_end(self) -> bool:
        return self.position >= self.step_count

    @property
    def current_step(self) -> LessonStep | None:
        """The step whose result is on screen (the last one run), None at the start."""
        return self.lesson.steps[self.position - 1] if self.position else None

    @property
    def last_result(self) -> StepResult | None:
        return self._results[self.position - 1] if self.position else None

    def current_caption(self, lang: str = DEFAULT_LANG) -> str:
        """The caption of the step on screen; at the start, the lesson's title."""
        step = self.current_step
        if step is None:
            return self.lesson.title.text(lang)
        if not step.caption:
            # A caption-less step keeps the previous caption on screen.
            for earlier in reversed(self.lesson.steps[:step.index]):
                if earlier.caption:
                    return earlier.caption.text(lang)
            return self.lesson.title.text(lang)
        return step.caption.text(lang)

    def step_changes(self) -> list[Change]:
        """The change records the step on screen made."""
        if not self.position:
            return []
        return self._cluster.store.log[self._seq_at[-2]:self._seq_at[-1]]

    def touched_uids(self) -> frozenset[str]:
        """Uids of objects the step on screen changed, or that it recorded events about."""
        uids: set[str] = set()
        for change in self.step_changes():
            obj = change.obj
            if change.kind == "Event":
                uid = str((obj.get("involvedObject") or {}).get("uid") or "")
            else:
                uid = change.uid
            if uid:
                uids.add(uid)
        return frozenset(uids)

    # ---- moving ----------------------------------------------------------------------
    def next(self) -> StepResult | None:
        """Run the next step; None when the lesson is over."""
        if self.at_end:
            return None
        index = self.position
        step = self.lesson.steps[index]
        first_seq = self._cluster.store.last_seq
        transcript: list[tuple[str, str]] = []
        errors: list[tuple[int, str, str]] = []
        for line in step.commands:
            try:
                output = self.journal.run(self._cluster, line.text, cwd=self.lesson.base_dir)
            except CommandError as exc:
                output = str(exc)
                errors.append((line.lineno, line.text, str(exc)))
            transcript.append((line.text, output))
        result = StepResult(index, step, tuple(transcript), tuple(errors), first_seq,
                            self._cluster.store.last_seq)
        del self._results[index:]
        self._results.append(result)
        self._inputs_at.append(len(self.journal.inputs))
        self._seq_at.append(self._cluster.store.last_seq)
        return result

    def run_to_end(self) -> list[StepResult]:
        """Run every remaining step; their results in order."""
        out = []
        while (result := self.next()) is not None:
            out.append(result)
        return out

    def goto(self, position: int) -> Cluster:
        """Show the state after ``position`` steps: replay back, or run forward."""
        position = max(0, min(position, self.step_count))
        if position < self.position:
            del self._inputs_at[position + 1:]
            del self._seq_at[position + 1:]
            self.journal.truncate_inputs(self._inputs_at[-1])
            self._cluster = self.journal.replay()
            if self._cluster.store.last_seq != self._seq_at[-1]:
                raise RuntimeError(  # the engine is not deterministic: a bug worth surfacing
                    f"replay ended at change {self._cluster.store.last_seq}, "
                    f"expected {self._seq_at[-1]}")
        while self.position < position:
            self.next()
        return self._cluster

    def back(self) -> Cluster:
        """Go back to the end of the previous step (rebuilt by replaying the journal)."""
        return self.goto(self.position - 1)

    def restart(self) -> Cluster:
        """Back to before the first step."""
        return self.goto(0)
