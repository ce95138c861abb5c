"""Placeholder for the pvc/pv protection controllers (being written)."""

from __future__ import annotations

from .base import Controller


class PVCProtectionController(Controller):
    name = "pvc-protection-controller"

    def sync(self, key) -> None:
        return None


class PVProtectionController(Controller):
    name = "pv-protection-controller"

    def sync(self, key) -> None:
        return None
