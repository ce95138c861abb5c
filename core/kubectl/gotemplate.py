"""``-o go-template`` / ``--template``: the subset of Go's text/template kubectl users write.

Supported: text; ``{{.a.b}}`` and ``{{$v.a}}`` field chains (``$``, ``.``); string,
number and boolean literals; ``range`` (with ``$i, $v :=`` or ``$v :=`` or none),
``if``/``else if``/``else``, ``with``, ``end``; the functions ``index``, ``len``,
``not``, ``and``, ``or``, ``eq``, ``ne``, ``printf`` (``%s``/``%d``/``%v``) and kubectl's
``exists``; pipelines with ``|``; ``{{-``/``-}}`` trimming. Values print as Go prints
them: a missing map key is ``<no value>``, a map is ``map[k:v]``, a list ``[a b]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import CommandError

NO_VALUE = object()
FUNCTIONS = frozenset({"index", "len", "not", "and", "or", "eq", "ne", "lt", "le", "gt", "ge",
                       "printf", "exists", "print", "println"})


class TemplateError(Exception):
    pass


@dataclass
class _Node:
    kind: str  # text | action | range | if | with
    text: str = ""
    pipe: list[list[str]] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    body: list[_Node] = field(default_factory=list)
    orelse: list[_Node] = field(default_factory=list)


_ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.S)
_WORD = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|\||[^\s()|]+')


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            "\\": "\\", '"': '"'}
_HEX_ESCAPE = {"x": 2, "u": 4, "U": 8}


def go_unquote(word: str) -> str:
    """A Go interpreted string literal's value (strconv.Unquote); raises TemplateError
    ("invalid syntax") for an escape Go does not accept."""
    body, out, i = word[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        code = body[i + 1] if i + 1 < len(body) else ""
        if code in _ESCAPES:
            out.append(_ESCAPES[code])
            i += 2
        elif code in _HEX_ESCAPE:
            digits = body[i + 2:i + 2 + _HEX_ESCAPE[code]]
            if len(digits) != _HEX_ESCAPE[code] or not all(c in "0123456789abcdefABCDEF"
                                                           for c in digits):
                raise TemplateError("invalid syntax")
            value = int(digits, 16)
            # \x is a byte; \u and \U must be valid code points (no surrogates).
            if code != "x" and (value > 0x10FFFF or 0xD800 <= value <= 0xDFFF):
                raise TemplateError("invalid syntax")
            out.append(chr(value))
            i += 2 + len(digits)
        elif code in "01234567" and code:
            digits = body[i + 1:i + 4]
            if len(digits) != 3 or not all(c in "01234567" for c in digits) or \
                    int(digits, 8) > 255:
                raise TemplateError("invalid syntax")
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            raise TemplateError("invalid syntax")
    return "".join(out)


def _pipeline(text: str) -> list[list[str]]:
    commands: list[list[str]] = [[]]
    depth = 0
    for word in _words(text):
        if word == "(":
            depth += 1
        elif word == ")":
            depth -= 1
            if depth < 0:
                raise TemplateError("unexpected right paren")
        if word == "|" and depth == 0:
            commands.append([])
        else:
            if word.startswith('"'):
                if len(word) < 2 or not word.endswith('"'):
                    raise TemplateError("unterminated quoted string")
                go_unquote(word)  # a bad escape is a parse error, as in Go
            commands[-1].append(word)
    if depth:
        raise TemplateError("unclosed left paren")
    if any(not c for c in commands):
        raise TemplateError("missing value for command")
    for command in commands:
        for word in command:
            if re.fullmatch(r"[A-Za-z_]\w*", word) and word not in FUNCTIONS and \
                    word not in ("true", "false", "nil"):
                raise TemplateError(f'function "{word}" not defined')
    return commands


def _parse(source: str) -> list[_Node]:
    root: list[_Node] = []
    stack: list[tuple[_Node, list[_Node]]] = []
    current = root
    pos = 0
    pieces: list[tuple[str, str]] = []
    for match in _ACTION.finditer(source):
        text = source[pos:match.start()]
        if match.group(1) and pieces is not None:
            text = text.rstrip()
        pieces.append(("text", text))
        pieces.append(("action", match.group(2).strip()))
        pos = match.end()
        if match.group(3):
            rest = source[pos:]
            pos += len(rest) - len(rest.lstrip())
    pieces.append(("text", source[pos:]))
    for kind, text in pieces:
        if kind == "text":
            if text:
                current.append(_Node("text", text))
            continue
        if text.startswith("/*"):
            continue
        word = text.split(None, 1)[0] if text else ""
        rest = text[len(word):].strip()
        if word in ("range", "if", "with"):
            node = _Node(word)
            if word in ("range", "with") and ":=" in rest:
                names, _, rest = rest.partition(":=")
                node.variables = [n.strip() for n in names.split(",")]
            node.pipe = _pipeline(rest)
            current.append(node)
            stack.append((node, current))
            current = node.body
        elif word == "else":
            if not stack:
                raise TemplateError("unexpected {{else}}")
            node, parent = stack[-1]
            if rest.startswith("if "):
                nested = _Node("if", pipe=_pipeline(rest[3:]))
                node.orelse = [nested]
                stack[-1] = (nested, parent)
                current = nested.body
                # The nested if closes with the outer one's {{end}}.
                continue
            current = node.orelse
        elif word == "end":
            if not stack:
                raise TemplateError("unexpected {{end}}")
            _, current = stack.pop()
        else:
            current.append(_Node("action", pipe=_pipeline(text)))
    if stack:
        raise TemplateError("unexpected EOF")
    return root


def _field(value: Any, name: str) -> Any:
    if isinstance(value, Mapping):
        return value.get(name, NO_VALUE)
    if value is None or value is NO_VALUE:
        return NO_VALUE
    raise TemplateError(f"can't evaluate field {name} in type {_go_type(value)}")


def _go_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "[]interface {}"
    return "interface {}"


def _truth(value: Any) -> bool:
    return value not in (None, NO_VALUE, False, 0, "") and not (
        isinstance(value, (list, dict)) and not value)


def format_value(value: Any) -> str:
    """How Go's fmt prints a JSON value inside a template."""
    if value is NO_VALUE:
        return "<no value>"
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "map[" + " ".join(f"{k}:{format_value(value[k])}" for k in sorted(value)) + "]"
    if isinstance(value, list):
        return "[" + " ".join(format_value(v) for v in value) + "]"
    return str(value)


class _Runner:
    def __init__(self, root: Any) -> None:
        self.vars: list[tuple[str, Any]] = [("$", root)]
        self.out: list[str] = []

    def lookup(self, name: str) -> Any:
        for var, value in reversed(self.vars):
            if var == name:
                return value
        raise TemplateError(f'undefined variable "{name}"')

    def term(self, word: str, dot: Any) -> Any:
        if word.startswith('"'):
            return go_unquote(word)
        if word.startswith("`"):
            return word[1:-1]
        if word in ("true", "false"):
            return word == "true"
        if word == "nil":
            return None
        if re.fullmatch(r"[-+]?\d+", word):
            return int(word)
        if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?", word):
            return float(word)
        if re.fullmatch(r"[-+]?0[xX][0-9a-fA-F]+", word):
            return int(word, 16)
        if word == ".":
            return dot
        if word.startswith("."):
            value = dot
            for part in word[1:].split("."):
                value = _field(value, part)
            return value
        if word.startswith("$"):
            head, _, chain = word.partition(".")
            value = self.lookup(head)
            for part in chain.split(".") if chain else ():
                value = _field(value, part)
            return value
        raise TemplateError(f'function "{word}" not defined')

    def operands(self, words: list[str], dot: Any) -> list[Any]:
        """Each word's value; a parenthesised group is a pipeline of its own."""
        out: list[Any] = []
        i = 0
        while i < len(words):
            if words[i] != "(":
                out.append(self.term(words[i], dot))
                i += 1
                continue
            depth, j = 1, i + 1
            while j < len(words) and depth:
                depth += {"(": 1, ")": -1}.get(words[j], 0)
                j += 1
            inner = words[i + 1:j - 1]
            commands: list[list[str]] = [[]]
            level = 0
            for word in inner:
                level += {"(": 1, ")": -1}.get(word, 0)
                if word == "|" and level == 0:
                    commands.append([])
                else:
                    commands[-1].append(word)
            if any(not c for c in commands):
                raise TemplateError("missing value for command")
            out.append(self.pipe(commands, dot))
            i = j
        return out

    def command(self, words: list[str], dot: Any, piped: Any = NO_VALUE) -> Any:
        head, args = words[0], words[1:]
        if head == "(":
            values = self.operands(words, dot)
            if len(values) > 1 or piped is not NO_VALUE:
                raise TemplateError("can't give argument to non-function")
            return values[0]
        if head not in FUNCTIONS:
            if args or piped is not NO_VALUE:
                raise TemplateError(f"can't give argument to non-function {head}")
            return self.term(head, dot)
        values = self.operands(args, dot)
        if piped is not NO_VALUE:
            values.append(piped)
        return _call(head, values)

    def pipe(self, commands: list[list[str]], dot: Any) -> Any:
        value: Any = NO_VALUE
        for i, words in enumerate(commands):
            value = self.command(words, dot, value if i else NO_VALUE)
        return value

    def run(self, nodes: Sequence[_Node], dot: Any) -> None:
        for node in nodes:
            if node.kind == "text":
                self.out.append(node.text)
            elif node.kind == "action":
                self.out.append(format_value(self.pipe(node.pipe, dot)))
            elif node.kind == "if":
                self.run(node.body if _truth(self.pipe(node.pipe, dot)) else node.orelse, dot)
            elif node.kind == "with":
                value = self.pipe(node.pipe, dot)
                if _truth(value):
                    mark = len(self.vars)
                    if node.variables:
                        self.vars.append((node.variables[0], value))
                    self.run(node.body, value)
                    del self.vars[mark:]
                else:
                    self.run(node.orelse, dot)
            else:
                self._range(node, dot)

    def _range(self, node: _Node, dot: Any) -> None:
        value = self.pipe(node.pipe, dot)
        if isinstance(value, Mapping):
            items = [(k, value[k]) for k in sorted(value)]
        elif isinstance(value, list):
            items = list(enumerate(value))
        elif value in (None, NO_VALUE):
            items = []
        else:
            raise TemplateError(f"range can't iterate over {format_value(value)}")
        if not items:
            self.run(node.orelse, dot)
            return
        for key, item in items:
            mark = len(self.vars)
            if len(node.variables) == 2:
                self.vars += [(node.variables[0], key), (node.variables[1], item)]
            elif node.variables:
                self.vars.append((node.variables[0], item))
            self.run(node.body, item)
            del self.vars[mark:]


#: text/template's builtins: (fewest arguments, most or None) — checked before the call.
_ARITY = {"index": (1, None), "len": (1, 1), "not": (1, 1), "and": (1, None), "or": (1, None),
          "eq": (1, None), "ne": (2, 2), "lt": (2, 2), "le": (2, 2), "gt": (2, 2), "ge": (2, 2),
          "printf": (1, None), "exists": (1, None)}


def _call(name: str, values: list[Any]) -> Any:
    fewest, most = _ARITY.get(name, (0, None))
    if len(values) < fewest or (most is not None and len(values) > most):
        want = f"at least {fewest}" if most is None else str(fewest)
        raise TemplateError(f"at <{name}>: wrong number of args for {name}: want {want} got "
                            f"{len(values)}")
    if name == "eq" and len(values) < 2:
        raise TemplateError(f"at <{name}>: error calling {name}: missing argument for comparison")
    if name == "index":
        value = values[0]
        for key in values[1:]:
            if isinstance(value, list) and isinstance(key, int):
                if not 0 <= key < len(value):
                    raise TemplateError(f"error calling index: index out of range: {key}")
                value = value[key]
            elif isinstance(value, Mapping):
                value = value.get(key, NO_VALUE)
            else:
                raise TemplateError(f"error calling index: can't index item of type "
                                    f"{_go_type(value)}")
        return value
    if name == "len":
        if not isinstance(values[0], (list, Mapping, str)):
            raise TemplateError(f"error calling len: len of type {_go_type(values[0])}")
        return len(values[0])
    if name == "not":
        return not _truth(values[0])
    if name == "and":
        return next((v for v in values if not _truth(v)), values[-1])
    if name == "or":
        return next((v for v in values if _truth(v)), values[-1])
    if name in ("lt", "le", "gt", "ge"):
        left, right = values[0], values[1]
        numbers = (int, float)
        comparable = (isinstance(left, numbers) and isinstance(right, numbers)
                      and not isinstance(left, bool) and not isinstance(right, bool)) or \
            (isinstance(left, str) and isinstance(right, str))
        if not comparable:
            raise TemplateError(f"at <{name}>: error calling {name}: incompatible types for "
                                "comparison")
        return {"lt": left < right, "le": left <= right, "gt": left > right,
                "ge": left >= right}[name]
    if name in ("eq", "ne"):
        same = any(values[0] == v for v in values[1:])
        return same if name == "eq" else not same
    if name == "exists":
        value = values[0]
        for key in values[1:]:
            value = value.get(key, NO_VALUE) if isinstance(value, Mapping) else NO_VALUE
        return value is not NO_VALUE
    if name == "printf":
        fmt, args = str(values[0]), list(values[1:])

        def one(match: re.Match[str]) -> str:
            if match.group(0) == "%%":
                return "%"
            return format_value(args.pop(0)) if args else "%!" + match.group(0)[-1] + "(MISSING)"

        return re.sub(r"%[-+# 0-9.]*[sdvqt%]", one, fmt)
    text = "".join(format_value(v) for v in values)
    return text + "\n" if name == "println" else text


def render(template: str, obj: Any) -> str:
    """What ``kubectl get -o go-template=TEMPLATE`` prints for ``obj``."""
    try:
        nodes = _parse(template)
    except TemplateError as err:
        raise CommandError(f"error: error parsing template {template}, template: output:1: "
                           f"{err}") from None
    runner = _Runner(obj)
    try:
        runner.run(nodes, obj)
    except TemplateError as err:
        # Go names the failing function as `executing "output" at <printf>: ...`.
        where = f" {err}" if str(err).startswith("at <") else f": {err}"
        raise CommandError(f"error: error executing template \"{template}\": template: "
                           f"output:1: executing \"output\"{where}") from None
    return "".join(runner.out)


__all__ = ["format_value", "render"]
