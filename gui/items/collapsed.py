"""A collapsed group (namespace, StatefulSet, NFS server) drawn as one card.

The card stands where the group's first row was and spans the group's columns, so
edges from outside arrive from the same sides as before and nothing else moves.
It says what is folded inside in words — a count per kind and the statuses of
each kind ("3 claims: 2 Bound · 1 Pending") — and its chip names the most urgent
status with a badge, so status is never told by colour alone.

The card is not an object of the cluster: its ``uid`` is empty, so selecting it
selects nothing in the inspector, and it cannot be dragged (its place follows the
group's members, which keep their own positions while hidden).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from core.graph import GraphNode
from gui.items import icons
from gui.items.base import NodeItem, _elide, _fonts, _Geometry, _look
from gui.items.texts import words
from gui.theme import (
    AVAILABLE,
    CORDONED,
    FAILED,
    NEUTRAL,
    OK,
    PENDING,
    RELEASED,
    TERMINATING,
    Theme,
    category,
)

#: The kinds a card counts, in the order the columns show them, with their words (the
#: templates live in gui.items.texts so they are translated like every item's words).
KIND_WORDS = (
    ("NFSServer", "{count} NFS server", "{count} NFS servers"),
    ("NFSExport", "{count} export", "{count} exports"),
    ("PersistentVolumeClaim", "{count} claim", "{count} claims"),
    ("Pod", "{count} pod", "{count} pods"),
    ("StatefulSet", "{count} StatefulSet", "{count} StatefulSets"),
    ("Service", "{count} service", "{count} services"),
)
#: Most urgent first: the card's chip shows the first category any member is in.
URGENCY = (FAILED, PENDING, TERMINATING, RELEASED, CORDONED, AVAILABLE, OK, NEUTRAL)


@dataclass(frozen=True)
class Summary:
    """What a collapsed group says about its members."""

    title: str
    #: One line per kind present: "3 claims: 2 Bound · 1 Pending".
    lines: tuple[str, ...]
    #: The chip: "1 Pending" (the most urgent status and how many are in it), "all OK".
    chip: str
    category: str
    count: int


def _plural(n: int, one: str, many: str) -> str:
    return words(one if n == 1 else many, count=n)


def summarize(title: str, members: Iterable[GraphNode]) -> Summary:
    """Counts per kind and statuses per kind, in words."""
    by_kind: dict[str, list[GraphNode]] = {}
    for node in members:
        by_kind.setdefault(node.kind, []).append(node)
    lines = []
    known = {k for k, _, _ in KIND_WORDS}
    kinds = list(KIND_WORDS) + [(k, "{count} " + k, "{count} " + k + "s")
                                for k in sorted(by_kind) if k not in known]
    worst: tuple[int, str] | None = None
    statuses_all: Counter[str] = Counter()
    for kind, one, many in kinds:
        nodes = by_kind.get(kind)
        if not nodes:
            continue
        head = _plural(len(nodes), one, many)
        statuses = Counter(n.status for n in nodes if n.status)
        statuses_all.update(statuses)
        if statuses:
            ordered = sorted(statuses.items(), key=lambda kv: (-kv[1], kv[0]))
            head += ": " + " · ".join(f"{count} {status}" for status, count in ordered)
        lines.append(head)
        for status in statuses:
            rank = URGENCY.index(category(status))
            if worst is None or (rank, status) < worst:
                worst = (rank, status)
    count = sum(len(v) for v in by_kind.values())
    if worst is None:
        return Summary(title, tuple(lines), "", NEUTRAL, count)
    cat = URGENCY[worst[0]]
    if cat == OK:
        return Summary(title, tuple(lines), words("all OK"), OK, count)
    return Summary(title, tuple(lines), f"{statuses_all[worst[1]]} {worst[1]}", cat, count)


class CollapsedGroupItem(NodeItem):
    """A folded group: title, a line per kind, the most urgent status, a ⊞ to expand."""

    KIND = "CollapsedGroup"

    def __init__(self, group_id: str, group_kind: str, rect: QRectF, summary: Summary,
                 theme: Theme) -> None:
        self.group_id = group_id
        self.group_kind = group_kind
        self._summary = summary
        self._size = (rect.width(), rect.height())
        node = GraphNode(f"group:{group_id}", self.KIND, summary.title, "", "", summary.chip, ())
        super().__init__(node, theme, rect.center())
        # Not an object: never dragged (its members keep their slots).
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    # ---- identity: a view thing, not a cluster object --------------------------------
    @property
    def uid(self) -> str:
        return ""

    @property
    def node_id(self) -> str:
        # Empty like the uid: whoever maps items to objects finds none here.
        return ""

    @property
    def summary(self) -> Summary:
        return self._summary

    @property
    def status_category(self) -> str:
        return self._summary.category if hasattr(self, "_summary") else NEUTRAL

    def _restyle(self) -> None:
        # Solid, like a stored object: a dashed outline means "implied / not found".
        cat = self.status_category
        self._cat = cat
        self._look = _look(self.theme, cat, False, False)
        self._texts = None

    # ---- setters -------------------------------------------------------------------------
    def set_frame(self, rect: QRectF, summary: Summary) -> bool:
        """New place, size or summary; True when the summary changed (worth a pulse)."""
        changed = summary != self._summary
        size = (rect.width(), rect.height())
        resized = size != self._size
        if resized:
            self.prepareGeometryChange()
            self._size = size
            self._geo = self._geometry()
        if changed:
            self._summary = summary
            self._node = GraphNode(self._node.id, self.KIND, summary.title, "", "",
                                   summary.chip, ())
        if changed or resized:
            self._restyle()
        if rect.center() != self.pos():
            self.setPos(rect.center())  # re-routes the bundles
        elif changed:
            self._update_rect()
        self.update()
        return changed

    def set_theme(self, theme: Theme) -> None:
        # The scene sizes the card from the new frame right after (set_frame).
        super().set_theme(theme)

    # ---- geometry: per card (its size follows the group) --------------------------------
    def body_size(self) -> tuple[float, float]:
        return self._size

    def make_body(self, w: float, h: float) -> QPainterPath:
        return icons.rounded_body(w, h, 10.0 * self.theme.scale)

    def make_decoration(self, w, h):
        # Cards peeking out behind: several objects are folded in here.
        return icons.stack_backs(w, h, 4.0 * self.theme.scale), None

    def _geometry(self) -> _Geometry:
        return self._build_geometry()

    def toggle_rect(self) -> QRectF:
        """The ⊞ box (item coordinates): a click there expands the group."""
        geo = self._geo
        size = 18.0 * self.theme.scale
        return QRectF(geo.icon_origin, QPointF(geo.icon_origin.x() + size,
                                               geo.icon_origin.y() + size)).adjusted(-4, -4, 4, 4)

    # ---- content ---------------------------------------------------------------------------
    def chip_text(self) -> str:
        return self._summary.chip

    def title_text(self) -> str:
        return self._summary.title

    def _build_content(self) -> None:
        super()._build_content()
        theme, geo = self.theme, self._geo
        fonts = _fonts(theme)
        s = theme.scale
        title = self._texts[0] if self._texts else None
        lines = list(self._summary.lines)
        width = max(0.0, geo.text_right - geo.line_left)
        columns = 2 if len(lines) > 2 and is_wide(theme, self._size[0]) else 1
        per_column = -(-len(lines) // columns) if lines else 0
        col_w = (width - (columns - 1) * 16 * s) / columns
        top = geo.body_rect.top() + 7.0 * s + (2 * s if self._chip is not None else 0)
        top += fonts.title_m.height() + 3 * s
        texts = [title] if title is not None else []
        for index, line in enumerate(lines):
            col, row = divmod(index, per_column) if per_column else (0, index)
            x = geo.line_left + col * (col_w + 16 * s)
            y = top + row * (fonts.body_m.height() + 1 * s) + fonts.body_m.ascent()
            text = _elide(theme, "body", line, Qt.TextElideMode.ElideRight, col_w)
            texts.append((QPointF(x, y), text, False, fonts.body))
        self._texts = [t for t in texts if t[1]]

    def tooltip_html(self) -> str:
        rows = "".join(f"<li>{escape(line)}</li>" for line in self._summary.lines)
        return (f"<b>{escape(self._summary.title)}</b> {escape(words('(collapsed)'))}"
                f"<ul>{rows}</ul>"
                f"<i>{escape(words('Double-click, click ⊞ or press C to expand'))}</i>")

    # ---- interaction -----------------------------------------------------------------------
    # Expanding happens on release (the card goes away; its release must still land).
    _armed = False

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton \
                and self.toggle_rect().contains(event.pos()):
            self._armed = True
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._armed = True
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        if self._armed:
            self._armed = False
            self._expand()

    def _expand(self) -> None:
        scene = self.scene()
        if scene is not None and hasattr(scene, "expand_group"):
            scene.expand_group(self.group_id)


def is_wide(theme: Theme, width: float) -> bool:
    """Room for the kind lines in two columns (a card across several columns)."""
    return width >= 1.8 * theme.item_width


def card_height(theme: Theme, width: float, lines: int) -> float:
    """Tall enough for the title and the kind lines (two columns on a wide card)."""
    fonts = _fonts(theme)
    s = theme.scale
    rows = -(-lines // 2) if is_wide(theme, width) and lines > 2 else lines
    needed = 7 * s + 2 * s + fonts.title_m.height() + 3 * s + rows * (fonts.body_m.height() + s) \
        + 9 * s
    return max(theme.item_height, needed)
