"""Node (a worker machine): a box with a solid header band and the chip icon."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

from gui.items import icons
from gui.items.base import NodeItem


class NodeMachineItem(NodeItem):
    KIND = "Node"

    def make_body(self, w, h):
        return icons.rounded_body(w, h, 3.0)

    def make_decoration(self, w, h):
        band = QPainterPath()
        band.addRect(QRectF(-w / 2 + 4, h / 2 - 9, w - 8, 3))
        return None, band

    def label_lines(self) -> tuple[str, str]:
        parts = self.node.status.split(",")
        return ", ".join(parts[1:]), ""

    def chip_text(self) -> str:
        return self.node.status.split(",")[0]
