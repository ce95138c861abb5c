"""API-server validation of objects (placeholder; filled in by the manifests work)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One validation failure, printed like Go's ``field.Error``."""

    path: str
    type: str
    value: Any = None
    detail: str = ""
    has_value: bool = True

    def __str__(self) -> str:
        body = self.type
        if self.type not in ("Required value", "Forbidden", "Internal error", "Too long") \
                and self.has_value:
            body += f": {_go_repr(self.value)}"
        if self.detail:
            body += f": {self.detail}"
        return f"{self.path}: {body}"


def _go_repr(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def validate(obj: Mapping[str, Any], old: Mapping[str, Any] | None) -> list[FieldError]:
    """Errors for ``obj`` (and, with ``old``, for an update of it); empty when valid."""
    return []
