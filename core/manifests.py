"""Reading Kubernetes manifests (YAML or JSON) and remembering where each field is.

``load_text(text, source)`` / ``load_path(path)`` return one :class:`Document` per
object: multi-document YAML (``---``), a stream of JSON objects, and ``kind: List``
(as ``kubectl get -o yaml`` prints it; ``<Kind>List`` too) expanded into its items.
``Document.line_of("spec.accessModes[0]")`` gives the 1-based line of a field, so
every error can say ``file:line``.

How the text is read, and why:

* YAML is parsed into events by libyaml (``yaml.CSafeLoader``'s parser, falling back
  to the pure-Python one) and turned into plain dicts/lists here, not by PyYAML's
  constructor. That keeps memory bounded (no node tree), lets us count alias
  expansion, and resolves scalars the way Kubernetes' YAML library (go-yaml v2) does:
  ``y``/``n``/``yes``/``on``/``off`` are booleans, timestamps stay strings, ``1e3`` is
  a number.
* Like kubectl, a file is split at ``---`` lines before parsing, so a syntax error in
  one document does not hide the others.
* Field positions are not kept while loading (they cost time and memory for every
  object, and are only needed for errors). ``line_of`` re-reads that one document's
  lines on first use and caches the answer.

Bad input gives one :class:`~core.errors.ManifestError` naming file and line, never a
traceback, in time and memory bounded by the limits below. Errors that belong to one
document (unknown kind, a YAML error in it, a value that is not a mapping...) are
collected in ``errors`` when a list is passed, so the other documents still load
(``kubectl apply`` applies the valid objects of a file and reports the rest); without
a list the first one is raised. Errors about the whole input (binary, too large,
undecodable) are always raised.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from .errors import ManifestError
from .kinds import KINDS, api_versions

_LOADER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

#: Largest input accepted (bytes for files, characters for text). Real manifest
#: files are kilobytes; 50 MiB holds well over 100,000 objects.
MAX_MANIFEST_BYTES = 50 * 1024 * 1024
#: Values a single document may reach through YAML aliases (``*name``). Real
#: manifests use a handful; a "billion laughs" document needs billions.
MAX_ALIAS_EXPANSION = 100_000
#: Nesting depth of mappings/sequences; Kubernetes objects nest about 15 deep.
MAX_DEPTH = 200
#: File name endings kubectl reads from a directory.
MANIFEST_SUFFIXES = (".json", ".yaml", ".yml")

_SEPARATOR = re.compile(r"^---[ \t]*(?:#[^\n]*)?\r?$", re.M)
_MERGE = object()
_IN_PROGRESS = object()


# ---- documents ---------------------------------------------------------------------------
class _Text:
    """The whole input, shared by its documents; line starts computed on demand."""

    __slots__ = ("text", "_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._starts

    def line_at(self, offset: int) -> int:
        """0-based line of a character offset."""
        return bisect.bisect_right(self.starts(), offset) - 1

    def lines(self, first: int, last: int) -> str:
        starts = self.starts()
        end = starts[last + 1] if last + 1 < len(starts) else len(self.text)
        return self.text[starts[first]:end]


class _Span:
    """Where one YAML/JSON document sits in its input; field positions on demand."""

    __slots__ = ("source", "first", "last", "_positions")

    def __init__(self, source: _Text, first: int, last: int) -> None:
        self.source = source
        self.first = first  # 0-based, inclusive
        self.last = last
        self._positions: dict[tuple[Any, ...], int] | None = None

    def positions(self) -> dict[tuple[Any, ...], int]:
        if self._positions is None:
            try:
                self._positions = _field_positions(
                    self.source.lines(self.first, self.last), self.first)
            except (yaml.YAMLError, _DocumentError, RecursionError, ValueError):
                self._positions = {}
        return self._positions


@dataclass(eq=False)
class Document:
    """One object read from a manifest, with where it came from."""

    obj: dict[str, Any]
    source: str
    line: int
    #: Ordinal of the YAML/JSON document in its file (0-based, empty documents skipped).
    index: int = 0
    #: Position in the ``items`` of a List, None for a plain document.
    item: int | None = None
    _span: _Span | None = field(default=None, repr=False)
    _prefix: tuple[Any, ...] = field(default=(), repr=False)

    # -- identity, for callers that report duplicates or errors per object --------------
    @property
    def kind(self) -> str:
        return str(self.obj.get("kind") or "")

    @property
    def api_version(self) -> str:
        return str(self.obj.get("apiVersion") or "")

    @property
    def name(self) -> str:
        meta = self.obj.get("metadata")
        return str(meta.get("name") or "") if isinstance(meta, dict) else ""

    @property
    def namespace(self) -> str | None:
        """``metadata.namespace`` as written, or None when the manifest leaves it out."""
        meta = self.obj.get("metadata")
        ns = meta.get("namespace") if isinstance(meta, dict) else None
        return str(ns) if ns else None

    def key(self, default_namespace: str = "default") -> tuple[str, str, str]:
        """``(kind, namespace, name)`` as the store keys it once created."""
        info = KINDS.get(self.kind)
        if info is not None and not info.namespaced:
            return (self.kind, "", self.name)
        return (self.kind, self.namespace or default_namespace, self.name)

    # -- positions ---------------------------------------------------------------------
    def line_of(self, field_path: str) -> int:
        """1-based line of ``field_path`` (``spec.accessModes[0]``, ``spec.capacity[storage]``).

        Falls back to the nearest parent that is in the text, then to :attr:`line`.
        """
        if self._span is None:
            return self.line
        positions = self._span.positions()
        tokens = self._prefix + tuple(split_path(field_path))
        for end in range(len(tokens), len(self._prefix), -1):
            found = positions.get(tokens[:end])
            if found is not None:
                return found + 1
        return self.line

    def line_for(self, error: BaseException) -> int:
        """The line an API error is about: its first field error, else the object."""
        field_errors = getattr(error, "field_errors", None)
        if field_errors:
            first = field_errors[0]
            return self.line_of(getattr(first, "locate", "") or first.path)
        path = getattr(error, "path", "") or getattr(error, "field", "")
        return self.line_of(path) if path else self.line

    def error(self, message: str, field_path: str = "") -> ManifestError:
        """A ManifestError located at this document (at ``field_path`` if given)."""
        line = self.line_of(field_path) if field_path else self.line
        return ManifestError(message, file=self.source, line=line, field=field_path)


_PATH_TOKEN = re.compile(r"\[([^\]]*)\]|([^.\[\]]+)")


def split_path(field_path: str) -> list[str | int]:
    """``spec.resources[storage]`` → ``["spec", "resources", "storage"]``; indices as ints."""
    tokens: list[str | int] = []
    for match in _PATH_TOKEN.finditer(field_path):
        bracket, plain = match.groups()
        if bracket is not None:
            tokens.append(int(bracket) if bracket.isdigit() else bracket)
        else:
            tokens.append(plain)
    return tokens


# ---- public entry points -------------------------------------------------------------------
def load_path(path: str | os.PathLike[str], errors: list[ManifestError] | None = None,
              ) -> list[Document]:
    """Read a manifest file (or every ``.yaml``/``.yml``/``.json`` file of a directory)."""
    name = os.fspath(path)
    p = Path(name)
    if not p.exists():
        raise ManifestError(f'the path "{name}" does not exist', file=name)
    if p.is_dir():
        docs: list[Document] = []
        for child in sorted(p.iterdir()):
            if child.is_file() and child.name.endswith(MANIFEST_SUFFIXES):
                docs.extend(load_path(os.path.join(name, child.name), errors))
        return docs
    if not p.is_file():
        raise ManifestError("is not a regular file", file=name)
    size = p.stat().st_size
    if size > MAX_MANIFEST_BYTES:
        raise ManifestError(_too_large(size), file=name)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ManifestError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    return load_text(data, name, errors)


def load_text(text: str | bytes, source: str, errors: list[ManifestError] | None = None,
              ) -> list[Document]:
    """Parse YAML or JSON text into documents (see the module docstring)."""
    if len(text) > MAX_MANIFEST_BYTES:
        raise ManifestError(_too_large(len(text)), file=source)
    if isinstance(text, bytes):
        text = _decode(text, source)
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ManifestError("is not a text file (it contains NUL bytes); expected YAML or JSON",
                            file=source, line=line)
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = _Reader(_Text(text), source, errors)
    if text.lstrip()[:1] == "{":
        reader.read_json()
    else:
        reader.read_yaml()
    return reader.documents


def _too_large(size: int) -> str:
    return (f"is too large ({size / 1024 / 1024:.1f} MiB); manifests larger than "
            f"{MAX_MANIFEST_BYTES // 1024 // 1024} MiB are refused")


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ManifestError(f"is not a text file (invalid {encoding.split('-sig')[0].upper()} "
                            f"at byte {exc.start}); expected YAML or JSON",
                            file=source, line=line) from None


# ---- turning text into documents ------------------------------------------------------------
class _DocumentError(Exception):
    """A problem confined to one document; ``line`` is 0-based in the whole input."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Reader:
    def __init__(self, text: _Text, source: str, errors: list[ManifestError] | None) -> None:
        self.text = text
        self.source = source
        self.errors = errors
        self.documents: list[Document] = []
        self.count = 0

    def fail(self, message: str, line0: int) -> None:
        err = ManifestError(message, file=self.source, line=line0 + 1)
        if self.errors is None:
            raise err
        self.errors.append(err)

    # -- YAML -----------------------------------------------------------------------------
    def read_yaml(self) -> None:
        whole = self.text.text
        reported = len(self.errors) if self.errors is not None else 0
        try:
            for value, span, root_line, item_lines in _yaml_documents(whole, 0, self.text):
                self.accept(value, span, root_line, item_lines)
            return
        except yaml.YAMLError:
            pass
        # A syntax error somewhere: like kubectl, read each `---` section on its own so the
        # other documents still load and the error names its own section.
        self.documents.clear()
        self.count = 0
        if self.errors is not None:
            del self.errors[reported:]
        for chunk, line0 in _sections(whole):
            try:
                for value, span, root_line, item_lines in _yaml_documents(chunk, line0, self.text):
                    self.accept(value, span, root_line, item_lines)
            except yaml.YAMLError as exc:
                message, line = _yaml_problem(exc, chunk, line0)
                self.fail(message, line)

    # -- JSON -----------------------------------------------------------------------------
    def read_json(self) -> None:
        text = self.text.text
        decoder = json.JSONDecoder(object_pairs_hook=_json_object,
                                   parse_constant=_json_constant)
        pos = 0
        size = len(text)
        while True:
            while pos < size and text[pos] in " \t\r\n":
                pos += 1
            if pos >= size:
                return
            start_line = self.text.line_at(pos)
            try:
                value, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                self.fail(f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno - 1)
                return
            except _DuplicateKey as exc:
                line = self._duplicate_line(pos, start_line)
                self.fail(f'invalid JSON: duplicate field "{exc.key}"', line)
                return
            except RecursionError:
                self.fail("invalid JSON: nested too deeply", start_line)
                return
            except ValueError as exc:  # e.g. an integer with thousands of digits
                self.fail(f"invalid JSON: {exc}", start_line)
                return
            span = _Span(self.text, start_line, self.text.line_at(max(end - 1, pos)))
            item_lines = None
            if isinstance(value, dict) and isinstance(value.get("items"), list):
                item_lines = [start_line] * len(value["items"])
                positions = span.positions()
                for i in range(len(item_lines)):
                    item_lines[i] = positions.get(("items", i), start_line)
            self.accept(value, span, start_line, item_lines)
            pos = end

    def _duplicate_line(self, pos: int, fallback: int) -> int:
        """Find the duplicate key's line by reading the rest as YAML (JSON is YAML)."""
        try:
            for value, _span, _line, _items in _yaml_documents(
                    self.text.text[pos:], self.text.line_at(pos), self.text):
                if isinstance(value, _DocumentError):
                    return value.line
                break
        except (yaml.YAMLError, RecursionError, ValueError):
            pass
        return fallback

    # -- one parsed value ------------------------------------------------------------------
    def accept(self, value: Any, span: _Span, root_line: int,
               item_lines: list[int] | None) -> None:
        if isinstance(value, _DocumentError):
            self.fail(value.message, value.line)
            return
        if value is None:
            return  # an empty document, as kubectl skips it
        index = self.count
        self.count += 1
        self.add(value, span, root_line, index, None, (), item_lines, depth=0)

    def add(self, value: Any, span: _Span, line0: int, index: int, item: int | None,
            prefix: tuple[Any, ...], item_lines: list[int] | None, depth: int) -> None:
        if not isinstance(value, dict):
            what = "an item of this List" if item is not None else "this document"
            self.fail(f"{what} is {_json_kind(value, article=True)}, not an object: a manifest "
                      "must be a mapping with apiVersion, kind and metadata", line0)
            return
        doc = Document(value, self.source, line0 + 1, index, item, span, prefix)
        problem, where = _type_meta_problem(value)
        if problem:
            self.fail(problem, doc.line_of(where) - 1 if where else line0)
            return
        kind = value["kind"]
        if kind == "List" or (kind.endswith("List") and "items" in value):
            self.expand_list(doc, item_lines, depth)
            return
        info = KINDS.get(kind)
        version = value["apiVersion"]
        if info is None or version not in api_versions(kind):
            self.fail(f'no matches for kind "{kind}" in version "{version}"',
                      doc.line_of("kind") - 1)
            return
        self.documents.append(doc)

    def expand_list(self, doc: Document, item_lines: list[int] | None, depth: int) -> None:
        items = doc.obj.get("items")
        if items is None:
            return
        if not isinstance(items, list):
            self.fail(f"json: cannot unmarshal {_json_kind(items)} into Go struct field "
                      "List.items of type []runtime.RawExtension", doc.line_of("items") - 1)
            return
        if depth >= 5:
            self.fail("Lists nested more than 5 deep are refused", doc.line - 1)
            return
        # `kubectl get pvc -o yaml` items carry their own kind; API lists (PersistentVolumeList)
        # may leave it to the list.
        item_kind = doc.kind[:-4] if doc.kind != "List" else ""
        for i, item in enumerate(items):
            if item_lines is not None and i < len(item_lines):
                line0 = item_lines[i]
            else:
                line0 = doc.line_of(f"items[{i}]") - 1
            if isinstance(item, dict) and item_kind in KINDS and not item.get("kind"):
                item = dict(item)
                item["kind"] = item_kind
                item.setdefault("apiVersion", doc.obj.get("apiVersion"))
            self.add(item, doc._span, line0, doc.index, i, doc._prefix + ("items", i), None,  # type: ignore[arg-type]
                     depth + 1)


def _type_meta_problem(obj: dict[str, Any]) -> tuple[str, str]:
    """kubectl's complaint about a missing or malformed kind/apiVersion, and where."""
    for key, label in (("kind", "Kind"), ("apiVersion", "apiVersion")):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return (f"couldn't get version/kind; json parse error: json: cannot unmarshal "
                    f"{_json_kind(value)} into Go struct field .{key} of type string", key)
        if not value:
            return f"Object '{label}' is missing in '{_compact_json(obj)}'", ""
    return "", ""


def _compact_json(obj: Any, limit: int = 200) -> str:
    try:
        text = json.dumps(obj, separators=(",", ":"), sort_keys=True, default=str)
    except (ValueError, RecursionError):
        text = "{...}"
    return text if len(text) <= limit else text[:limit] + "..."


def _json_kind(value: Any, article: bool = False) -> str:
    if isinstance(value, bool):
        kind, a = "bool", "a"
    elif isinstance(value, (int, float)):
        kind, a = "number", "a"
    elif isinstance(value, str):
        kind, a = "string", "a"
    elif isinstance(value, list):
        kind, a = "array", "an"
    elif value is None:
        kind, a = "null", "a"
    else:
        kind, a = "object", "an"
    return f"{a} {kind}" if article else kind


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _sections(text: str) -> Iterator[tuple[str, int]]:
    """The text between ``---`` lines, with the 0-based line each section starts on."""
    start = 0
    line = 0
    for match in _SEPARATOR.finditer(text):
        chunk = text[start:match.start()]
        yield chunk, line
        line += chunk.count("\n") + 1
        start = match.end() + 1
    yield text[start:], line


def _yaml_problem(exc: yaml.YAMLError, chunk: str, line0: int) -> tuple[str, int]:
    """One readable sentence and the 0-based line for a YAML syntax error."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if problem is None:  # a ReaderError: bad character at a character position
        position = getattr(exc, "position", 0) or 0
        line = chunk.count("\n", 0, position)
        reason = getattr(exc, "reason", "") or str(exc)
        character = getattr(exc, "character", None)
        if isinstance(character, int):
            reason = f"unacceptable character #x{character:04x}: {reason}"
        return f"invalid YAML: {reason}", line0 + line
    line = mark.line if mark is not None else 0
    text = f"invalid YAML: {problem}"
    if mark is not None:
        text += f" (column {mark.column + 1}"
        context, cmark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and cmark is not None and cmark.line != mark.line:
            text += f"; {context} that starts at line {cmark.line + line0 + 1}"
        elif context:
            text += f"; {context}"
        text += ")"
    return text, line0 + line


# ---- YAML events → Python values -------------------------------------------------------------
# go-yaml v2 (what kubectl uses) reads these plain scalars as booleans.
_BOOLS = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"),
                    True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"),
                    False),
}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_INT = re.compile(r"[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0[0-7_]*|[1-9][0-9_]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIALS = frozenset("0123456789+-.~nNtTfFyYoO<")
_FLOAT_WORDS = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf,
                "+.Inf": math.inf, "+.INF": math.inf, "-.inf": -math.inf, "-.Inf": -math.inf,
                "-.INF": -math.inf, ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan}
_TAG = "tag:yaml.org,2002:"


def _plain(value: str) -> Any:
    """Resolve an untagged plain scalar as go-yaml v2 does."""
    if not value:
        return None
    if value[0] not in _SPECIALS:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.fullmatch(value):
        return _to_int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value in _FLOAT_WORDS:
        return _FLOAT_WORDS[value]
    if value == "<<":
        return _MERGE
    return value


def _to_int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if digits.startswith(("0b", "0o", "0x")):
        return sign * int(digits, 0)
    if len(digits) > 1 and digits.startswith("0"):
        return sign * int(digits, 8)  # YAML 1.1 octal, as go-yaml v2 reads it
    return sign * int(digits)


def _tagged(tag: str, value: str, line: int) -> Any:
    short = tag[len(_TAG):] if tag.startswith(_TAG) else tag
    if short in ("str", "binary", "timestamp", "!"):
        return value
    if short == "null":
        return None
    if short == "bool" and value in _BOOLS:
        return _BOOLS[value]
    if short == "int" and _INT.fullmatch(value):
        return _to_int(value)
    if short == "float":
        if _FLOAT.fullmatch(value) or _INT.fullmatch(value):
            return float(value.replace("_", ""))
        if value in _FLOAT_WORDS:
            return _FLOAT_WORDS[value]
    if short in ("bool", "int", "float"):
        raise _DocumentError(f"invalid YAML: cannot decode {value!r} as !!{short}", line)
    raise _DocumentError(f"invalid YAML: unknown tag {tag!r}", line)


def _key_text(key: Any, line: int) -> str:
    """Mapping keys become strings, as Kubernetes' YAML-to-JSON conversion makes them."""
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        return repr(key)
    raise _DocumentError("invalid YAML: a mapping key must be a scalar, not a "
                         f"{'list' if isinstance(key, list) else 'mapping'}", line)


class _Frame:
    __slots__ = ("is_map", "value", "key", "key_line", "key_lines", "anchor", "start_total",
                 "merges", "line", "item_lines")

    def __init__(self, is_map: bool, anchor: str | None, start_total: int, line: int) -> None:
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.key: Any = _Frame  # sentinel: waiting for a key
        self.key_line = 0
        self.key_lines: dict[str, int] | None = {} if is_map else None
        self.anchor = anchor
        self.start_total = start_total
        self.merges: list[dict[str, Any]] | None = None
        self.line = line
        self.item_lines: list[int] | None = None


def _yaml_documents(text: str, line0: int, source: _Text,
                    ) -> Iterator[tuple[Any, _Span, int, list[int] | None]]:
    """Yield ``(value, span, root_line, items_lines)`` per document of ``text``.

    ``value`` is a :class:`_DocumentError` for a document that parsed but is refused
    (duplicate key, alias bomb...); syntax errors raise ``yaml.YAMLError``. Lines are
    0-based in the whole input (``line0`` is where ``text`` starts).
    """
    stack: list[_Frame] = []
    anchors: dict[str, Any] = {}
    total = 0  # values in the fully expanded document so far
    expanded = 0  # of which reached through aliases
    root: Any = None
    root_line = -1
    item_lines: list[int] | None = None
    failure: _DocumentError | None = None
    doc_first = line0

    for ev in yaml.parse(text, Loader=_LOADER):
        cls = ev.__class__
        if failure is not None and cls is not DocumentEndEvent:
            continue
        try:
            if cls is ScalarEvent:
                line = ev.start_mark.line + line0
                if ev.tag is None:
                    value = _plain(ev.value) if ev.implicit[0] else ev.value
                elif ev.tag == "!":
                    value = ev.value
                else:
                    value = _tagged(ev.tag, ev.value, line)
                total += 1
                if ev.anchor is not None:
                    anchors[ev.anchor] = (value, 1)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                line = ev.start_mark.line + line0
                if len(stack) >= MAX_DEPTH:
                    raise _DocumentError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep",
                                         line)
                if ev.tag is not None and ev.tag not in (
                        "!", _TAG + "map", _TAG + "omap", _TAG + "seq", _TAG + "set"):
                    raise _DocumentError(f"invalid YAML: unknown tag {ev.tag!r}", line)
                frame = _Frame(cls is MappingStartEvent, ev.anchor, total, line)
                total += 1
                if ev.anchor is not None:
                    anchors[ev.anchor] = _IN_PROGRESS
                if (not frame.is_map and len(stack) == 1 and stack[0].is_map
                        and stack[0].key == "items"):
                    frame.item_lines = []
                stack.append(frame)
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                value = frame.value
                line = frame.line
                if frame.merges:
                    for source_map in frame.merges:
                        for k, v in source_map.items():
                            if k not in value:
                                value[k] = v
                if frame.item_lines is not None:
                    item_lines = frame.item_lines
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, total - frame.start_total)
            elif cls is AliasEvent:
                line = ev.start_mark.line + line0
                entry = anchors.get(ev.anchor)
                if entry is None:
                    raise _DocumentError(f"invalid YAML: unknown anchor '{ev.anchor}' referenced",
                                         line)
                if entry is _IN_PROGRESS:
                    raise _DocumentError(f"invalid YAML: anchor '{ev.anchor}' refers to itself",
                                         line)
                value, size = entry
                total += size
                expanded += size
                if expanded > MAX_ALIAS_EXPANSION:
                    raise _DocumentError(
                        "invalid YAML: aliases expand to more than "
                        f"{MAX_ALIAS_EXPANSION} values (a \"billion laughs\" document?); "
                        "refused", line)
            elif cls is DocumentStartEvent:
                stack.clear()
                anchors = {}
                total = expanded = 0
                root, root_line, item_lines, failure = None, -1, None, None
                doc_first = ev.start_mark.line + line0
                continue
            elif cls is DocumentEndEvent:
                last = max(ev.end_mark.line + line0 - (1 if ev.end_mark.column == 0 else 0),
                           doc_first)
                span = _Span(source, doc_first, last)
                if failure is not None:
                    yield failure, span, failure.line, None
                else:
                    yield root, span, (root_line if root_line >= 0 else doc_first), item_lines
                continue
            else:
                continue

            # Attach the finished value to its parent.
            if not stack:
                root, root_line = value, line
                continue
            parent = stack[-1]
            if parent.is_map:
                if parent.key is _Frame:
                    if value is _MERGE and cls is ScalarEvent:
                        parent.key = _MERGE
                    else:
                        parent.key = _key_text(value, line)
                    parent.key_line = line
                    continue
                key = parent.key
                parent.key = _Frame
                if key is _MERGE:
                    sources = value if isinstance(value, list) else [value]
                    if not all(isinstance(s, dict) for s in sources):
                        raise _DocumentError("invalid YAML: a merge key (<<) needs a mapping or "
                                             "a list of mappings", parent.key_line)
                    parent.merges = (parent.merges or []) + sources
                    continue
                seen = parent.key_lines
                if key in seen:  # type: ignore[operator]
                    raise _DocumentError(
                        f'invalid YAML: mapping key "{key}" already defined at line '
                        f"{seen[key] + 1}", parent.key_line)  # type: ignore[index]
                seen[key] = parent.key_line  # type: ignore[index]
                parent.value[key] = value
            else:
                if parent.item_lines is not None:
                    parent.item_lines.append(line)
                parent.value.append(value)
        except _DocumentError as exc:
            failure = exc


# ---- positions of fields, for line_of ------------------------------------------------------------
def _field_positions(text: str, line0: int) -> dict[tuple[Any, ...], int]:
    """Map every field path of the first document in ``text`` to its 0-based line."""
    positions: dict[tuple[Any, ...], int] = {}
    # Each frame: [is_map, path, next_index_or_pending_key, expecting_key]
    stack: list[list[Any]] = []

    def place(line: int) -> tuple[Any, ...] | None:
        """Record the node starting at ``line`` under its parent; return its path."""
        if not stack:
            return ()
        frame = stack[-1]
        if frame[0]:
            if frame[3]:
                return None  # this node is a key, handled by the caller
            frame[3] = True
            return frame[1] + (frame[2],)
        path = frame[1] + (frame[2],)
        frame[2] += 1
        positions[path] = line
        return path

    for ev in yaml.parse(text, Loader=_LOADER):
        cls = ev.__class__
        if cls is DocumentEndEvent:
            break
        if cls is ScalarEvent or cls is AliasEvent:
            line = ev.start_mark.line + line0
            if stack and stack[-1][0] and stack[-1][3]:
                frame = stack[-1]
                raw = _plain(ev.value) if cls is ScalarEvent and ev.implicit[0] else \
                    getattr(ev, "value", None)
                try:
                    key = _key_text(raw, line)
                except _DocumentError:
                    key = str(raw)
                frame[2] = key
                frame[3] = False
                positions[frame[1] + (key,)] = line
            else:
                place(line)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            line = ev.start_mark.line + line0
            path = place(line)
            if path is None:
                path = stack[-1][1] + ("?",)
                stack[-1][3] = False
            if path == ():
                positions[()] = line
            stack.append([cls is MappingStartEvent, path, 0, True])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
    return positions
