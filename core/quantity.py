"""Kubernetes resource quantities (``1Gi``, ``500M``, ``1.5e3``), exact.

Values are ``fractions.Fraction`` so ``1Gi`` and ``1G`` stay different and ``800E``
(beyond int64) still compares correctly. Parsing and printing follow
``k8s.io/apimachinery/pkg/api/resource/quantity.go``: the suffix family a value was
written in (binary, decimal, exponent) is kept and used again when printing, in
canonical form (``1536Mi``, ``1500M``, ``100m``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

# The API server's own pattern; its text is part of the error message users see.
QUANTITY_PATTERN = r"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"
_SPLIT = re.compile(QUANTITY_PATTERN)
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")

BINARY_SI = "BinarySI"
DECIMAL_SI = "DecimalSI"
DECIMAL_EXPONENT = "DecimalExponent"

_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_DECIMAL_BY_EXP = {v: k for k, v in _DECIMAL.items()}
_BINARY_BY_EXP = {v: k for k, v in _BINARY.items()}

# Exponents beyond this are refused: Python would happily build 10**10**9 and hang.
# Real clusters never see them; the API server's own limit is far looser but moot.
MAX_DECIMAL_EXPONENT = 100
_NANO = Fraction(1, 10**9)


class QuantityError(ValueError):
    """A string that is not a Kubernetes quantity; ``str()`` is the API server's text."""


FORMAT_ERROR = f"quantities must match the regular expression '{QUANTITY_PATTERN}'"


@dataclass(frozen=True, order=False)
class Quantity:
    """An exact amount plus the suffix family it was written in."""

    value: Fraction
    format: str = DECIMAL_SI

    def __str__(self) -> str:
        return format_quantity(self.value, self.format)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Quantity):
            return self.value == other.value
        return NotImplemented

    def __lt__(self, other: Quantity) -> bool:
        return self.value < other.value

    def __le__(self, other: Quantity) -> bool:
        return self.value <= other.value

    def __gt__(self, other: Quantity) -> bool:
        return self.value > other.value

    def __ge__(self, other: Quantity) -> bool:
        return self.value >= other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def bytes_rounded_up(self) -> int:
        """``Quantity.Value()``: the integer amount, rounded up (used by checkVolumeSatisfyClaim)."""
        return math.ceil(self.value)


def parse(text: object) -> Quantity:
    """Parse a quantity as the API server does; raise QuantityError with its message."""
    if isinstance(text, bool):
        raise QuantityError(FORMAT_ERROR)
    if isinstance(text, int):
        return Quantity(Fraction(text), DECIMAL_SI)
    if isinstance(text, float):
        # YAML turns `1.5` into a float; Kubernetes reads the same digits as a string.
        if not math.isfinite(text):
            raise QuantityError(FORMAT_ERROR)
        text = repr(text)
    if not isinstance(text, str):
        raise QuantityError(FORMAT_ERROR)
    match = _SPLIT.match(text.strip())
    if not match or not text.strip():
        raise QuantityError(FORMAT_ERROR)
    number, suffix = match.group(1), match.group(2)
    if not _NUMBER.match(number):
        raise QuantityError("unable to parse numeric part of quantity")
    amount = Fraction(number.lstrip("+")) if number not in ("+", "-") else None
    if amount is None:
        raise QuantityError("unable to parse numeric part of quantity")
    if suffix in _BINARY:
        value, fmt = amount * (2 ** _BINARY[suffix]), BINARY_SI
    elif suffix in _DECIMAL:
        value, fmt = amount * Fraction(10) ** _DECIMAL[suffix], DECIMAL_SI
    elif suffix[:1] in ("e", "E") and re.fullmatch(r"[eE][-+]?[0-9]+", suffix):
        exponent = int(suffix[1:])
        if abs(exponent) > MAX_DECIMAL_EXPONENT:
            raise QuantityError("unable to parse quantity's suffix")
        value, fmt = amount * Fraction(10) ** exponent, DECIMAL_EXPONENT
    else:
        raise QuantityError("unable to parse quantity's suffix")
    # Kubernetes keeps at most nano precision and rounds the rest up.
    if (value / _NANO).denominator != 1:
        value = Fraction(math.ceil(value / _NANO)) * _NANO
    return Quantity(value, fmt)


def parse_value(text: object) -> Fraction:
    """Shorthand: the exact amount of a quantity string."""
    return parse(text).value


def try_parse(text: object) -> Quantity | None:
    """The quantity, or None where ``text`` is not one (absent counts as None)."""
    if text is None:
        return None
    try:
        return parse(text)
    except QuantityError:
        return None


def format_quantity(value: Fraction, fmt: str = DECIMAL_SI) -> str:
    """Print like ``Quantity.String()``: canonical within the family it was written in."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    magnitude = -value if value < 0 else value
    if fmt == BINARY_SI and magnitude >= 1024 and magnitude.denominator == 1:
        number, exponent = int(magnitude), 0
        while number % 1024 == 0 and exponent < 60:
            number //= 1024
            exponent += 10
        return f"{sign}{number}{_BINARY_BY_EXP[exponent] if exponent else ''}"
    # DecimalSI (also binary values that would lose precision or are below 1024).
    mantissa, exponent = _decimal_mantissa(magnitude)
    if fmt == DECIMAL_EXPONENT:
        return f"{sign}{mantissa}" + (f"e{exponent}" if exponent else "")
    # Choose the largest multiple-of-3 exponent that keeps an integer mantissa.
    shift = exponent % 3
    mantissa *= 10**shift
    exponent -= shift
    if exponent > 18:
        mantissa *= 10 ** (exponent - 18)
        exponent = 18
    return f"{sign}{mantissa}{_DECIMAL_BY_EXP[exponent]}"


def _decimal_mantissa(magnitude: Fraction) -> tuple[int, int]:
    """Write ``magnitude`` as ``mantissa * 10**exponent`` with no trailing zeros."""
    exponent = 0
    scaled = magnitude
    while scaled.denominator != 1:
        scaled *= 10
        exponent -= 1
    number = int(scaled)
    while number % 10 == 0:
        number //= 10
        exponent += 1
    return number, exponent


def human(value: Fraction) -> str:
    """Print a byte count briefly for labels (``1Gi``, ``1.5Gi``, ``500M``)."""
    if value.denominator == 1:
        number = int(value)
        for exp in (60, 50, 40, 30, 20, 10):
            unit = 2**exp
            if number >= unit and (number * 10) % unit == 0:
                whole = Fraction(number, unit)
                text = f"{float(whole):g}"
                return f"{text}{_BINARY_BY_EXP[exp]}"
    return format_quantity(value)
