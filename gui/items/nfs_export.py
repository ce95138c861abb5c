"""An exported directory of an NFS server: a folder, indented under its server."""

from __future__ import annotations

from gui.items import icons
from gui.items.base import NodeItem
from gui.items.texts import words
from gui.theme import NEUTRAL, category


class NFSExportItem(NodeItem):
    KIND = "NFSExport"
    WIDTH_FACTOR = 0.86
    HEIGHT_FACTOR = 0.72
    BODY_SHIFT = 14.0

    def make_body(self, w, h):
        return icons.folder_body(w, h)

    @property
    def status_category(self) -> str:
        # Only the surprising case deserves colour: a path its server does not export.
        if self.node.fact("exported"):
            return NEUTRAL
        return category(self.node.status)

    def chip_text(self) -> str:
        return "" if self.status_category == NEUTRAL else self.node.status

    def label_lines(self) -> tuple[str, str]:
        return words("on {server}", server=self.node.fact("server")), ""

    def kind_label(self) -> str:
        return "NFS export"
