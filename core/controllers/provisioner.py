"""Placeholder for the nfs-subdir-external-provisioner (being written)."""

from __future__ import annotations

from .base import Controller


class NFSProvisioner(Controller):
    name = "nfs-subdir-external-provisioner"

    def sync(self, key) -> None:
        return None
