"""StorageClass: an octagon with the layers icon; a class only named, not existing, is dashed."""

from __future__ import annotations

from gui.items import icons
from gui.items.base import NodeItem
from gui.items.texts import words


class StorageClassItem(NodeItem):
    KIND = "StorageClass"
    WIDTH_FACTOR = 0.86
    # Text keeps clear of the cut corners (the lower line runs past the diagonal
    # otherwise once presentation fonts grow faster than the box).
    INSET_LEFT = 3.0
    INSET_RIGHT = 3.0

    def make_body(self, w, h):
        return icons.octagon_body(w, h, 14.0 * self.theme.scale)

    def label_lines(self) -> tuple[str, str]:
        n = self.node
        if n.fact("missing"):
            return words("no such StorageClass"), words("matching by name only")
        return (str(n.fact("provisioner") or words("no provisioner")),
                f"{n.fact('binding_mode')} · {n.fact('reclaim')}")

    def chip_text(self) -> str:
        n = self.node
        if n.status:
            return n.status
        return words("default") if n.fact("default") else ""
