"""The simulator's NFS machines: keeps NFSServer objects in step with PVs and declarations.

Not a Kubernetes controller: it plays the NFS servers themselves. A PV naming a server
nobody declared makes that server appear (implied: it exports what PVs name); a declared
server gets its disk (``status.directories``) filled in from its spec. Keys are
``("NFSServer", "", <address>)``.
"""

from __future__ import annotations

from .. import nfs
from ..objects import Key
from ..store import Change
from .base import Controller


class NFSServerController(Controller):
    name = nfs.ACTOR
    interests = ("PersistentVolume", nfs.KIND)

    def on_change(self, change: Change) -> None:
        kind = change.key[0]  # not the .kind property: this runs on every PV write
        if kind == "PersistentVolume":
            old, new = change.old, change.new
            if old is not None and new is not None and \
                    (old.get("spec") or {}).get("nfs") is (new.get("spec") or {}).get("nfs"):
                return  # the NFS source is untouched (writes share unchanged parts)
            for obj in (change.old, change.new):
                source = nfs.nfs_source(obj) if obj is not None else None
                if source:
                    self.enqueue(("NFSServer", "", source[0]))
        elif kind == nfs.KIND and change.actor != self.name:
            for obj in (change.old, change.new):
                if obj is not None:
                    self.enqueue(("NFSServer", "", nfs.server_address(obj)))

    def resync(self) -> None:
        for address in nfs.addresses(self.cluster):
            self.enqueue(("NFSServer", "", address))

    def sync(self, key: Key) -> None:
        nfs.reconcile(self.cluster, key[2])
