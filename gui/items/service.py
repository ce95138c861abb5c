"""Service: a capsule with the fan-out icon (one name, many pods)."""

from __future__ import annotations

from gui.items import icons
from gui.items.base import NodeItem
from gui.items.texts import words


class ServiceItem(NodeItem):
    KIND = "Service"
    WIDTH_FACTOR = 0.92
    INSET_LEFT = 10.0
    INSET_RIGHT = 10.0

    def make_body(self, w, h):
        return icons.stadium_body(w, h)

    def label_lines(self) -> tuple[str, str]:
        n = self.node
        ports = ", ".join(n.fact("ports", ()) or ())
        kind = words("headless") if n.fact("headless") else (n.fact("cluster_ip") or n.fact("type"))
        line1 = f"{kind} · {ports}" if ports else str(kind)
        selector = ", ".join(n.fact("selector", ()) or ())
        return line1, words("selects {selector}", selector=selector) if selector else words("no selector")
