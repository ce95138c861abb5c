"""Placeholder for the persistentvolume-controller (being written)."""

from __future__ import annotations

from .base import Controller


class PersistentVolumeController(Controller):
    name = "persistentvolume-controller"

    def sync(self, key) -> None:
        return None
