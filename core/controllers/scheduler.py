"""Placeholder for the default-scheduler (being written)."""

from __future__ import annotations

from .base import Controller


class Scheduler(Controller):
    name = "default-scheduler"

    def sync(self, key) -> None:
        return None
