"""Placeholder for the garbage-collector (being written)."""

from __future__ import annotations

from .base import Controller


class GarbageCollector(Controller):
    name = "garbage-collector"

    def sync(self, key) -> None:
        return None
