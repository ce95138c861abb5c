"""PersistentVolume: a drum lying on its side (storage), its end cap showing."""

from __future__ import annotations

from gui.items import icons
from gui.items.base import NodeItem
from gui.items.texts import words


class VolumeItem(NodeItem):
    KIND = "PersistentVolume"
    INSET_LEFT = 8.0
    INSET_RIGHT = 16.0

    def make_body(self, w, h):
        return icons.cylinder_body(w, h)[0]

    def make_decoration(self, w, h):
        return None, icons.cylinder_body(w, h)[1]

    def label_lines(self) -> tuple[str, str]:
        n = self.node
        modes = ",".join(n.fact("modes", ()) or ()) or words("no modes")
        cls = n.fact("class") or words("no class")
        line1 = f"{n.fact('capacity') or '?'} · {modes} · {cls}"
        line2 = str(n.fact("reclaim") or "")
        if n.fact("claim") and n.fact("phase") != "Bound":
            line2 += " · " + words("claimRef {claim}", claim=n.fact("claim"))
        return line1, line2

    def kind_label(self) -> str:
        return "PersistentVolume"
