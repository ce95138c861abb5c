"""Placeholder for the endpoints-controller (being written)."""

from __future__ import annotations

from .base import Controller


class EndpointsController(Controller):
    name = "endpoints-controller"

    def sync(self, key) -> None:
        return None
