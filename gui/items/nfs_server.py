"""NFS server: a rack; its exports hang below it in the same column."""

from __future__ import annotations

from gui.items import icons
from gui.items.base import NodeItem
from gui.items.texts import words


class NFSServerItem(NodeItem):
    KIND = "NFSServer"
    WIDTH_FACTOR = 0.86
    BODY_SHIFT = -14.0

    def make_body(self, w, h):
        return icons.rounded_body(w, h, 3.0)

    def title_text(self) -> str:
        return str(self.node.fact("address") or self.node.name)

    def label_lines(self) -> tuple[str, str]:
        n = self.node
        origin = words("declared: {name}", name=n.name) if n.fact("declared") else words("implied by PVs")
        count = n.fact("export_count", 0)
        return origin, (words("NFS server · {count} export", count=count) if count == 1
                        else words("NFS server · {count} exports", count=count))

    def kind_label(self) -> str:
        return "NFS server"
