"""Placeholder for the kubelet (being written)."""

from __future__ import annotations

from .base import Controller


class Kubelet(Controller):
    name = "kubelet"

    def sync(self, key) -> None:
        return None
