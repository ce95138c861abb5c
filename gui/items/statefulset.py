"""StatefulSet: a card with two more peeking out behind it (its numbered replicas)."""

from __future__ import annotations

from gui.items import icons
from gui.items.base import NodeItem
from gui.items.texts import words


class StatefulSetItem(NodeItem):
    KIND = "StatefulSet"
    WIDTH_FACTOR = 0.92

    def make_decoration(self, w, h):
        return icons.stack_backs(w, h, 4.0 * self.theme.scale), None

    def label_lines(self) -> tuple[str, str]:
        n = self.node
        templates = ", ".join(n.fact("templates", ()) or ())
        line1 = words("{replicas} replicas · {policy}", replicas=n.fact("replicas"),
                   policy=n.fact("policy"))
        line2 = (words("claim template: {templates}", templates=templates) if templates
                 else words("no claim templates"))
        return line1, line2

    def chip_text(self) -> str:
        if self.node.status == "Terminating":
            return "Terminating"
        return words("{ready} ready", ready=self.node.fact("ready"))
