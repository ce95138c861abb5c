"""Placeholder for the script commands (being written)."""

from __future__ import annotations

from .errors import CommandError


def execute(cluster, line: str) -> str:
    raise CommandError(f"unknown command: {line}")


def apply_text(cluster, text: str, source: str) -> str:
    raise CommandError("apply not yet available")
