"""Pod: a rounded box with the cube icon."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.items.base import NodeItem


class PodItem(NodeItem):
    KIND = "Pod"
    # The DNS name is read from its start: web-0.nginx.default.svc...
    LINE2_ELIDE = Qt.TextElideMode.ElideRight

    def label_lines(self) -> tuple[str, str]:
        n = self.node
        where = f"on {n.fact('node')}" if n.fact("node") else "not scheduled"
        if n.fact("ip"):
            where += f" · {n.fact('ip')}"
        return where, str(n.fact("dns") or "")

    def chip_text(self) -> str:
        status = self.node.status
        ready = self.node.fact("ready")
        return f"{status} {ready}" if status == "Running" and ready else status
