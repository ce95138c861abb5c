"""What kubectl prints for a manifest that is not valid YAML.

kubectl reads a file as a stream of documents (apimachinery's ``YAMLReader``: a document
ends at a line that starts with ``---`` followed by nothing but spaces or a comment),
converts each with sigs.k8s.io/yaml, and stops at the first that fails::

    error: error parsing pvs.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key

The line is go-yaml v2's (``parser.fail``): counted from the start of that document, and,
for a parser error, the 0-based line of the problem (so one less than the line an editor
shows); a scanner error gives the problem's 1-based line. The problem text is libyaml's,
which go-yaml ports and PyYAML's C loader wraps, so the words match.
"""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _is_separator(line: str) -> bool:
    if not line.startswith("---"):
        return False
    rest = line[3:].strip()
    return not rest or rest.startswith("#")


def document_at(text: str, line: int) -> str:
    """The document (as kubectl's reader cuts it) that holds 1-based ``line`` of ``text``."""
    chunk: list[str] = []
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        if _is_separator(raw):
            if number > line:
                break
            chunk = []
            continue
        chunk.append(raw)
    return "".join(chunk)


def go_yaml_problem(document: str) -> str | None:
    """``yaml: line N: <problem>`` for a document go-yaml cannot read, else None (also for
    errors whose wording differs between the two libraries)."""
    try:
        for _event in yaml.parse(document, Loader=_LOADER):
            pass
    except (yaml.scanner.ScannerError, yaml.parser.ParserError) as exc:
        problem = exc.problem or "unknown problem parsing YAML content"
        mark, context = exc.problem_mark, exc.context_mark
        number = 0
        if mark is not None and mark.line != 0:
            number = mark.line + (1 if isinstance(exc, yaml.scanner.ScannerError) else 0)
        elif context is not None:
            number = context.line
        where = f"line {number}: " if number else ""
        return f"yaml: {where}{problem}"
    except yaml.YAMLError:
        return None
    return None


def kubectl_parse_error(text: str, source: str, line: int | None) -> str | None:
    """kubectl's whole error for the YAML document of ``source`` around ``line``, or None
    when it cannot be told (the caller keeps its own wording then)."""
    if line is None:
        return None
    problem = go_yaml_problem(document_at(text, line))
    if problem is None:
        return None
    return f"error: error parsing {source}: error converting YAML to JSON: {problem}"


__all__ = ["document_at", "go_yaml_problem", "kubectl_parse_error"]
