"""How kubectl words API errors on the terminal (``cmdutil.CheckErr``).

An Invalid error prints as ``The PersistentVolume "pv0002" is invalid: <cause>``, or
with several causes as a ``* cause`` list; every other server error as
``Error from server (Reason): [error when creating "file": ]message``. Errors about a
manifest are prefixed with ``file:line:`` so the user can find the object.
"""

from __future__ import annotations

from typing import Any

from ..errors import ApiError, CommandError, ManifestError


def api_error_text(err: ApiError, source: str = "", verb: str = "") -> str:
    if err.reason == "Invalid" and err.causes:
        prefix = f'The {err.kind} "{err.name}" is invalid: '
        if len(err.causes) == 1:
            return prefix + err.causes[0]
        return prefix + "\n" + "\n".join(f"* {cause}" for cause in err.causes)
    return err.kubectl_text(source, verb)


def error_text(err: BaseException) -> str:
    """Any engine error as kubectl shows it (one line for unexpected ones)."""
    if isinstance(err, ApiError):
        return api_error_text(err)
    if isinstance(err, ManifestError):
        return f"error: {err}"
    if isinstance(err, CommandError):
        return str(err)
    return f"error: {type(err).__name__}: {err}"


def located_api_error(doc: Any, err: ApiError, verb: str) -> str:
    """An API error about the object of manifest document ``doc``."""
    if err.reason == "Invalid" and err.causes:
        line = doc.line_for(err) if hasattr(doc, "line_for") else getattr(doc, "line", 0)
        return f"{doc.source}:{line}: {api_error_text(err)}"
    return api_error_text(err, doc.source, verb)


def located(doc: Any, message: str) -> str:
    """A kubectl-side complaint about one manifest document, with where it is."""
    return f"error: {doc.source}:{doc.line}: {message}"
