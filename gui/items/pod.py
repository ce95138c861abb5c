"""Pod: a rounded box with the cube icon."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.items.base import NodeItem
from gui.items.texts import words


class PodItem(NodeItem):
    KIND = "Pod"
    # The DNS name is read from its start: web-0.nginx.default.svc...
    LINE2_ELIDE = Qt.TextElideMode.ElideRight

    def label_lines(self) -> tuple[str, str]:
        n = self.node
        where = words("on {node}", node=n.fact("node")) if n.fact("node") else words("not scheduled")
        if n.fact("ip"):
            where += f" · {n.fact('ip')}"
        dns = str(n.fact("dns") or "")
        if dns and not n.fact("dns_ready"):
            # Not resolvable yet: never show the name as if it worked.
            return where, words("DNS after Ready: {dns}", dns=dns)
        return where, dns

    def chip_text(self) -> str:
        status = self.node.status
        ready = self.node.fact("ready")
        return f"{status} {ready}" if status == "Running" and ready else status
