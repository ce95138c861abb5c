"""PersistentVolumeClaim: a claim ticket (a tag with a punched hole)."""

from __future__ import annotations

from gui.items import icons
from gui.items.base import NodeItem
from gui.items.texts import words


def class_text(node) -> str:
    """``nfs``, ``""`` (explicitly no class) or ``unset`` (the default class may apply)."""
    if not node.fact("class_set"):
        return "class unset"
    return node.fact("class") or 'class ""'


class ClaimItem(NodeItem):
    KIND = "PersistentVolumeClaim"
    INSET_LEFT = 14.0

    def make_body(self, w, h):
        return icons.tag_body(w, h)[0]

    def make_decoration(self, w, h):
        return None, icons.tag_body(w, h)[1]

    def label_lines(self) -> tuple[str, str]:
        n = self.node
        modes = ",".join(n.fact("modes", ()) or ()) or words("no modes")
        line1 = f"{n.fact('request') or '?'} · {modes} · {class_text(n)}"
        capacity = n.fact("capacity")
        line2 = ""
        if n.fact("volume"):
            line2 = words("volume {volume}", volume=n.fact("volume"))
            if capacity and capacity != n.fact("request"):
                line2 += " · " + words("got {capacity}", capacity=capacity)
        return line1, line2

    def kind_label(self) -> str:
        return "PersistentVolumeClaim"
