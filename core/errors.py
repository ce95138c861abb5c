"""Errors with the text kubectl or the API server would print."""

from __future__ import annotations


class CommandError(Exception):
    """A command failed; ``str()`` is exactly what kubectl would print."""


class ApiError(CommandError):
    """An API-server refusal (NotFound, AlreadyExists, Invalid, BadRequest, Conflict...).

    ``message`` is the server's status message; ``str()`` is kubectl's rendering of it
    (``Error from server (NotFound): persistentvolumeclaims "x" not found``), except
    for Invalid, which kubectl prints as ``The Kind "name" is invalid: ...``.
    """

    def __init__(self, reason: str, message: str, *, kind: str = "", name: str = "",
                 causes: list[str] | None = None) -> None:
        self.reason = reason
        self.message = message
        self.kind = kind
        self.name = name
        self.causes = list(causes or [])
        super().__init__(self.kubectl_text())

    def kubectl_text(self, source: str = "", verb: str = "") -> str:
        if self.reason == "Invalid" and self.causes:
            joined = self.causes[0] if len(self.causes) == 1 else "[" + ", ".join(self.causes) + "]"
            return f'The {self.kind} "{self.name}" is invalid: {joined}'
        where = f'error when {verb} "{source}": ' if source and verb else ""
        return f"Error from server ({self.reason}): {where}{self.message}"


class ManifestError(CommandError):
    """A manifest could not be read or was refused; says file, line and field path."""

    def __init__(self, message: str, *, file: str = "", line: int | None = None,
                 field: str = "") -> None:
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        super().__init__(self.located())

    def located(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"
