"""Command-line flags the way kubectl's pflag parses them, with cobra's error texts.

``--name=value``, ``--name value``, ``-n value``, ``-nvalue``, ``-n=value``; booleans as
``--force`` or ``--force=false``; several boolean shorthands together (``-it``); ``--``
ends the flags. Unknown flags fail like kubectl::

    error: unknown flag: --frob
    See 'kubectl get --help' for usage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import CommandError


@dataclass(frozen=True)
class Flag:
    name: str
    short: str = ""
    takes_value: bool = True
    repeated: bool = False
    default: object = None


@dataclass
class Parsed:
    values: dict[str, object] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    #: Arguments after ``--`` (kubectl exec's command).
    rest: list[str] | None = None

    def get(self, name: str, default: object = None) -> object:
        return self.values.get(name, default)

    def text(self, name: str, default: str = "") -> str:
        value = self.values.get(name)
        return default if value is None else str(value)

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name))

    def has(self, name: str) -> bool:
        return name in self.values


def usage_error(command: str, message: str) -> CommandError:
    return CommandError(f"error: {message}\nSee 'kubectl {command} --help' for usage.")


_INT_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}
_INT64 = 1 << 63


def go_int(text: str) -> int:
    """``strconv.ParseInt(text, 0, 64)``, which pflag's int flags use: a sign, then decimal,
    ``0x``/``0o``/``0b`` or a leading-0 octal number, with ``_`` between digits; ASCII only.
    Raises ValueError("invalid syntax" or "value out of range")."""
    body = text[1:] if text[:1] in "+-" else text
    base, digits = 10, body
    if body[:2].lower() in ("0x", "0o", "0b"):
        base, digits = {"x": 16, "o": 8, "b": 2}[body[1].lower()], body[2:]
        prefixed = True
    elif len(body) > 1 and body[0] == "0":
        base, digits, prefixed = 8, body[1:], True
    else:
        prefixed = False
    # Underscores only separate digits (the base prefix counts as one).
    if not digits.replace("_", "") or "__" in digits or digits.endswith("_") or \
            (digits.startswith("_") and not prefixed):
        raise ValueError("invalid syntax")
    if any(c not in _INT_DIGITS[base] for c in digits.replace("_", "")):
        raise ValueError("invalid syntax")
    value = int(digits.replace("_", ""), base)
    value = -value if text.startswith("-") else value
    if not -_INT64 <= value < _INT64:
        raise ValueError("value out of range")
    return value


def int_flag(command: str, name: str, raw: str) -> int:
    """An int flag's value, or pflag's usage error for it."""
    try:
        return go_int(raw)
    except ValueError as err:
        raise usage_error(command, f'invalid argument "{raw}" for "--{name}" flag: '
                                   f'strconv.ParseInt: parsing "{raw}": {err}') from None


_TRUE = {"true", "t", "1", "TRUE", "True", "T"}
_FALSE = {"false", "f", "0", "FALSE", "False", "F"}


def _bool(command: str, flag: Flag, raw: str) -> bool:
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise usage_error(command, f'invalid argument "{raw}" for "--{flag.name}" flag: '
                               f'strconv.ParseBool: parsing "{raw}": invalid syntax')


def parse_flags(command: str, argv: list[str], flags: list[Flag]) -> Parsed:
    """Split ``argv`` into flag values, positional arguments and what follows ``--``."""
    by_name = {f.name: f for f in flags}
    by_short = {f.short: f for f in flags if f.short}
    parsed = Parsed()
    for f in flags:
        if f.default is not None:
            parsed.values[f.name] = list(f.default) if f.repeated else f.default

    def store(flag: Flag, value: object) -> None:
        if flag.repeated:
            current = parsed.values.get(flag.name)
            items = list(current) if isinstance(current, list) and flag.name in explicit else []
            items.append(value)
            parsed.values[flag.name] = items
        else:
            parsed.values[flag.name] = value
        explicit.add(flag.name)

    explicit: set[str] = set()
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            parsed.rest = list(argv[i:])
            break
        if arg.startswith("--") and len(arg) > 2:
            name, eq, inline = arg[2:].partition("=")
            flag = by_name.get(name)
            if flag is None:
                raise usage_error(command, f"unknown flag: --{name}")
            if not flag.takes_value:
                store(flag, _bool(command, flag, inline) if eq else True)
            elif eq:
                store(flag, inline)
            elif i < len(argv):
                store(flag, argv[i])
                i += 1
            else:
                raise usage_error(command, f"flag needs an argument: --{name}")
        elif arg.startswith("-") and len(arg) > 1:
            shorts = arg[1:]
            j = 0
            while j < len(shorts):
                ch = shorts[j]
                flag = by_short.get(ch)
                if flag is None:
                    raise usage_error(command, f"unknown shorthand flag: '{ch}' in {arg}")
                rest = shorts[j + 1:]
                if not flag.takes_value:
                    if rest.startswith("="):
                        store(flag, _bool(command, flag, rest[1:]))
                        break
                    store(flag, True)
                    j += 1
                    continue
                if rest:
                    store(flag, rest[1:] if rest.startswith("=") else rest)
                elif i < len(argv):
                    store(flag, argv[i])
                    i += 1
                else:
                    raise usage_error(command, f"flag needs an argument: '{ch}' in {arg}")
                break
        else:
            parsed.args.append(arg)
    return parsed


#: Flags every kubectl command accepts.
GLOBAL_FLAGS = [
    Flag("namespace", "n"),
    Flag("context"),
    Flag("kubeconfig"),
    Flag("request-timeout"),
    Flag("v", "v"),
]
