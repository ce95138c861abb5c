"""What every object's item shares: geometry, labels, status chip, states, level of detail.

A subclass per kind (one module each) only says what it looks like: its body
outline, extra decoration, and which facts go on its two detail lines. Everything
painted is prepared in setters (:meth:`NodeItem.set_node`, :meth:`set_theme`);
``paint()`` only draws cached paths, pens and static texts.

Items of one kind share their geometry (paths, rectangles), and items in one status
share their pens and brushes: 5,000 items cost 5,000 small label sets, not 5,000
copies of everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from core.graph import GraphNode
from gui.items import icons
from gui.items.constants import (
    LOD_FLAT,
    LOD_TEXT,
    TYPE_NODE,
    Z_NODE,
    Z_NODE_ACTIVE,
    detail_floor,
)
from gui.items.edge_limits import HUB_DEGREE
from gui.theme import BADGE, NEUTRAL, TERMINATING, Theme, category


@dataclass(frozen=True)
class _Geometry:
    body: QPainterPath
    behind: QPainterPath | None
    front: QPainterPath | None
    body_rect: QRectF
    shape: QPainterPath
    bounds: QRectF
    ring: QPainterPath
    icon: QPainterPath
    icon_origin: QPointF
    text_left: float
    text_right: float
    line_left: float
    #: bounds plus room for a status chip on the top border (fixed, so a status
    #: change never changes the bounding rect).
    paint_bounds: QRectF
    #: paint_bounds' edges relative to body_rect's (x0, y0, x1, y1).
    paint_deltas: tuple[float, float, float, float]
    #: body_rect as (x0, y0, x1, y1).
    body_box: tuple[float, float, float, float]


@dataclass(frozen=True)
class _Look:
    fill: QBrush
    outline: QPen
    deco: QPen
    flat: QBrush
    chip_fill: QBrush
    chip_border: QPen
    chip_solid: QBrush
    badge: QBrush
    accent: QColor


@dataclass(frozen=True)
class _Pens:
    icon: QPen
    mark: QPen
    selection: QPen
    focus: QPen
    hover: QPen
    pin: QPen
    text: QColor
    muted: QColor


@dataclass(frozen=True)
class _Fonts:
    title: QFont
    body: QFont
    chip: QFont
    title_m: QFontMetricsF
    body_m: QFontMetricsF
    chip_m: QFontMetricsF


@lru_cache(maxsize=256)
def _look(theme: Theme, cat: str, implied: bool, dashed: bool) -> _Look:
    fill = QBrush(theme.color("surface_implied" if implied else "surface"))
    if cat != NEUTRAL:
        outline = QPen(theme.status_color(cat), 2.2 * theme.line_scale)
    else:
        outline = QPen(theme.color("border"), 1.3 * theme.line_scale)
    if dashed:
        outline.setDashPattern([4.0, 2.5])
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    deco = QPen(outline)
    deco.setWidthF(max(1.0, outline.widthF() * 0.7))
    accent = theme.status_color(cat) if cat != NEUTRAL else theme.color("border")
    return _Look(fill, outline, deco, QBrush(accent), QBrush(theme.chip_fill(cat)),
                 QPen(accent, 1.2 * theme.line_scale), QBrush(theme.color("surface")),
                 QBrush(theme.status_color(cat)), accent)


@lru_cache(maxsize=16)
def _pens(theme: Theme) -> _Pens:
    s = theme.scale
    icon = QPen(theme.color("icon"), 1.4 * theme.line_scale)
    icon.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    icon.setCapStyle(Qt.PenCapStyle.RoundCap)
    mark = QPen(theme.color("surface"), 1.8 * s)
    mark.setCapStyle(Qt.PenCapStyle.RoundCap)
    mark.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return _Pens(icon, mark, QPen(theme.color("selection"), 3.5 * theme.line_scale),
                 QPen(theme.color("focus"), 1.5 * theme.line_scale, Qt.PenStyle.DashLine),
                 QPen(theme.color("hover"), 1.2 * theme.line_scale),
                 QPen(theme.color("icon"), 1.6 * theme.line_scale),
                 theme.color("text"), theme.color("text_muted"))


@lru_cache(maxsize=16)
def _highlight_pens(theme: Theme) -> tuple[QPen, QPen]:
    """A soft wide halo (stays inside the item's margin) and a solid outline on top."""
    halo = QColor(theme.color("highlight"))  # a copy: theme colours are shared
    halo.setAlphaF(0.5)
    return (QPen(halo, 12.0 * theme.line_scale),
            QPen(theme.color("highlight"), 3.5 * theme.line_scale))


@lru_cache(maxsize=16)
def _fonts(theme: Theme) -> _Fonts:
    title, body, chip = theme.font("title"), theme.font("body"), theme.font("chip")
    return _Fonts(title, body, chip, QFontMetricsF(title), QFontMetricsF(body), QFontMetricsF(chip))


_GEOMETRY: dict[tuple[type, Theme], _Geometry] = {}
#: Bumped whenever an object's item moves, shows, hides, scales, restyles or changes
#: scene: the scene caches what the picture covers until it changes (fit, overlays
#: and the scene rect ask for it several times per change).
PICTURE_GENERATION = [0]
# No ItemSendsGeometryChanges and no itemChange() override: a Python itemChange is
# called for every flag, scene, z and position change of every item (six calls per
# object while a 5,000-object scene is built and first painted, measured at ~12% of
# it). Moves, visibility and scale go through the Python setters below instead, a
# drag through mouseMoveEvent, and selection through the scene's selectionChanged.
_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
          | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
          | QGraphicsItem.GraphicsItemFlag.ItemIsMovable)


class NodeItem(QGraphicsItem):
    """An object in the graph. Centred on its position; the layout gives the centre.

    A plain QGraphicsItem, not a QGraphicsObject: constructing a QObject costs about
    six times more, which matters at 5,000 objects. Animations drive the setters
    (``setOpacity``, ``setScale``, :meth:`set_flash`) from a QVariantAnimation.
    """

    KIND = ""
    TYPE = TYPE_NODE
    #: Body size relative to the theme's item size.
    WIDTH_FACTOR = 1.0
    HEIGHT_FACTOR = 1.0
    #: Horizontal room the body outline takes from the text at the left / right.
    INSET_LEFT = 0.0
    INSET_RIGHT = 0.0
    #: Body shifted right inside the slot (exports hang under their server).
    BODY_SHIFT = 0.0
    LINE1_ELIDE = Qt.TextElideMode.ElideMiddle
    LINE2_ELIDE = Qt.TextElideMode.ElideMiddle
    #: Above this many edges ports are not spread (hubs: a class with 5,000 volumes).
    MAX_SPREAD = 12

    # Per-instance state, defaulted here: attribute writes on a Qt wrapper are slow and
    # a big scene builds 7,000 items. Instances override them when they change.
    _ports: dict | None = None
    _hover = False
    _flash = 0.0
    _highlighted = False
    _pinned = False
    _rect = (0.0, 0.0, 0.0, 0.0)  # x0, y0, x1, y1 of the body in the scene
    #: The scene's FlatLayer while it draws this item (zoomed far out), else None.
    _flat = None
    #: The body's scene rect as a QRectF, kept for the flat layer's batches.
    _flat_rect: QRectF | None = None
    #: Opacity and scale are not at rest (mid-animation): the flat layer draws the
    #: item on its own. Tracked here: the layer asks 7,000 items at once.
    _unsettled = False
    #: Label layouts, built when first drawn in detail (see _ensure_content).
    _texts: list | None = None

    def __init__(self, node: GraphNode, theme: Theme, pos: QPointF | None = None) -> None:
        super().__init__()
        if pos is not None:
            QGraphicsItem.setPos(self, pos)  # nothing to re-route yet
            x, y = pos.x(), pos.y()
        else:
            x = y = 0.0
        self._node = node
        self._theme = theme
        self._edges: dict[int, object] = {}  # id → EdgeItem, in attach order (hubs have thousands)
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        # Z_NODE is Qt's default z: setting it would be two more itemChange calls.
        geo = self._geo = self._geometry()
        self._restyle()
        x0, y0, x1, y1 = geo.body_box
        self._rect = (x + x0, y + y0, x + x1, y + y1)

    # ---- identity --------------------------------------------------------------------
    def type(self) -> int:  # noqa: A003 - Qt's name
        return self.TYPE

    @property
    def node(self) -> GraphNode:
        return self._node

    @property
    def node_id(self) -> str:
        return self._node.id

    @property
    def uid(self) -> str:
        """The object's uid, or the node id for implied nodes (NFS exports...)."""
        return self._node.uid or self._node.id

    @property
    def status_category(self) -> str:
        return category(self._node.status)

    @property
    def status_text(self) -> str:
        return self._node.status

    @property
    def theme(self) -> Theme:
        return self._theme

    def label_texts(self) -> list[str]:
        """What the label shows (name, detail lines, chip), for tests and accessibility."""
        self._ensure_content()
        texts = [text for _, text, _, _ in self._texts]
        if self._chip is not None:
            texts.append(self._chip[0])
        return texts

    # ---- state setters (idempotent, guarded) ---------------------------------------------
    def set_node(self, node: GraphNode) -> bool:
        """Show ``node``'s current facts; returns True when anything visible changed."""
        if node == self._node:
            return False
        self._node = node
        self._restyle()
        self.update()
        if self._flat is not None:
            self._flat.changed(self)
        return True

    def set_theme(self, theme: Theme) -> None:
        if theme == self._theme:
            return
        self.prepareGeometryChange()
        PICTURE_GENERATION[0] += 1
        old = self.scene_paint_box() if self._flat is not None else None
        self._theme = theme
        self._geo = self._geometry()
        self._restyle()
        self._moved(old)  # (the old box from the old geometry)
        self.update()

    def set_pinned(self, pinned: bool) -> None:
        if pinned != self._pinned:
            self._pinned = pinned
            self.update()

    @property
    def pinned(self) -> bool:
        return self._pinned

    @property
    def flash(self) -> float:
        """0..1, a highlight ring that state-change animations fade out."""
        return self._flash

    @property
    def highlighted(self) -> bool:
        return self._highlighted

    def set_highlighted(self, on: bool) -> None:
        """The lesson's "look here" glow; independent of the animation flash."""
        if on != self._highlighted:
            self._highlighted = on
            self.update()
            if self._flat is not None:
                self._flat.changed(self)

    def set_flash(self, value: float) -> None:
        value = float(value)
        if value != self._flash:
            self._flash = value
            self.update()

    # ---- edges and their ports ------------------------------------------------------------
    def add_edge(self, edge) -> None:
        self._edges[id(edge)] = edge
        self._ports = None

    def remove_edge(self, edge) -> None:
        if self._edges.pop(id(edge), None) is not None:
            self._ports = None

    @property
    def edges(self) -> list:
        return list(self._edges.values())

    def neighbour_items(self) -> list[NodeItem]:
        return [e.target_item if e.source_item is self else e.source_item
                for e in self._edges.values()]

    @property
    def rect_tuple(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)`` of the body in scene coordinates (plain floats: edges
        route thousands of times and Qt calls from Python are not free)."""
        return self._rect

    def side_of(self, other: NodeItem) -> str:
        """Which side of this item an edge to ``other`` leaves from."""
        x0, y0, x1, y1 = self._rect
        ox0, oy0, ox1, oy1 = other._rect
        if ox0 >= x1 + 8:
            return "right"
        if ox1 <= x0 - 8:
            return "left"
        return "bottom" if oy0 + oy1 >= y0 + y1 else "top"

    def anchor(self, edge, side: str) -> tuple[float, float]:
        """Where ``edge`` attaches on ``side``: spread along the side, ordered by the far
        end's height, with the most level edge at the middle so straight rows stay straight."""
        x0, y0, x1, y1 = self._rect
        if side == "top":
            return ((x0 + x1) / 2, y0)
        if side == "bottom":
            return ((x0 + x1) / 2, y1)
        x = x1 if side == "right" else x0
        cy = (y0 + y1) / 2
        if len(self._edges) < 2 or len(self._edges) > self.MAX_SPREAD:
            return (x, cy)
        if self._ports is None:
            self._ports = self._compute_ports()
        return (x, cy + self._ports.get((id(edge), side), 0.0))

    def _compute_ports(self) -> dict:
        x0, y0, x1, y1 = self._rect
        cy = (y0 + y1) / 2
        by_side: dict[str, list] = {}
        for e in self._edges.values():
            other = e.target_item if e.source_item is self else e.source_item
            # Edges hidden inside a collapsed group take no port (their bundle does).
            if other is self or e.folded:
                continue
            side = self.side_of(other)
            if side in ("left", "right"):
                ox0, oy0, ox1, oy1 = other._rect
                x = x1 if side == "right" else x0
                by_side.setdefault(side, []).append(
                    ((oy0 + oy1) / 2, abs((ox0 + ox1) / 2 - x), e.key, id(e)))
        ports = {}
        spacing_max = 11.0 * self._theme.scale
        for side, same in by_side.items():
            if len(same) < 2:
                continue
            same.sort()
            # The most level edge (the nearest, on a tie) keeps the middle.
            level = min(range(len(same)), key=lambda k: (abs(same[k][0] - cy), same[k][1], k))
            spacing = min(spacing_max, (y1 - y0) * 0.8 / len(same))
            for index, t in enumerate(same):
                ports[(t[3], side)] = (index - level) * spacing
        return ports

    def invalidate_ports(self) -> None:
        self._ports = None

    def edges_changed(self, edge=None) -> None:
        """An edge was attached or detached: re-spread the ports (hubs never spread, so
        there only the new edge needs routing)."""
        self._ports = None
        count = len(self._edges)
        # At MAX_SPREAD ports stop spreading; past HUB_DEGREE edges become stubs: both
        # thresholds change how every edge of this item is drawn.
        if count <= self.MAX_SPREAD + 1 or count in (HUB_DEGREE, HUB_DEGREE + 1):
            for e in self._edges.values():
                e.adjust()
        elif edge is not None and id(edge) in self._edges:
            edge.adjust()

    def adjust_edges(self, neighbours: bool = True) -> None:
        """Re-route this item's edges (and its neighbours': their port order may change)."""
        touched = dict(self._edges)
        if neighbours and len(self._edges) <= self.MAX_SPREAD:
            for other in self.neighbour_items():
                if len(other._edges) <= self.MAX_SPREAD:
                    other._ports = None
                    touched.update(other._edges)
        self._ports = None
        for edge in touched.values():
            edge.adjust()

    def _update_rect(self) -> None:
        pos = self.pos()
        x0, y0, x1, y1 = self._geo.body_box
        x, y = pos.x(), pos.y()
        self._rect = (x + x0, y + y0, x + x1, y + y1)
        self._flat_rect = None

    def flat_rect(self) -> QRectF:
        """The body's scene rect (shared: callers must not change it)."""
        rect = self._flat_rect
        if rect is None:
            x0, y0, x1, y1 = self._rect
            rect = self._flat_rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        return rect

    def _moved(self, old_box: tuple[float, float, float, float] | None = None) -> None:
        if self._flat is not None and old_box is None:
            # _rect is still where the item was (Qt may have moved it already).
            old_box = self.scene_paint_box()
        self._update_rect()
        if self._flat is not None:
            self._flat.changed(self, old_box)
        if self._edges:
            self.adjust_edges()

    def body_rect(self) -> QRectF:
        return QRectF(self._geo.body_rect)

    @property
    def overview_brush(self) -> QBrush:
        """The flat status colour used when zoomed far out (and by the overview map)."""
        return self._look.flat

    def scene_paint_box(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)`` of what the item paints, in the scene: its
        sceneBoundingRect() as plain floats (the scene measures 7,000 of these)."""
        scale = self.scale()
        if scale != 1.0:
            r = self.sceneBoundingRect()
            return (r.left(), r.top(), r.right(), r.bottom())
        dx0, dy0, dx1, dy1 = self._geo.paint_deltas
        x0, y0, x1, y1 = self._rect
        return (x0 + dx0, y0 + dy0, x1 + dx1, y1 + dy1)

    def scene_body_rect(self) -> QRectF:
        x0, y0, x1, y1 = self._rect
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    # ---- geometry: one per kind and theme ------------------------------------------------
    def body_size(self) -> tuple[float, float]:
        return (self._theme.item_width * self.WIDTH_FACTOR,
                self._theme.item_height * self.HEIGHT_FACTOR)

    def make_body(self, w: float, h: float) -> QPainterPath:
        """The body outline centred on the origin (subclasses draw their kind's shape)."""
        return icons.rounded_body(w, h, 8.0 * self._theme.scale)

    def make_decoration(self, w: float, h: float) -> tuple[QPainterPath | None, QPainterPath | None]:
        """``(behind, front)`` extra outlines: drawn before / after the body fill."""
        return None, None

    def _geometry(self) -> _Geometry:
        key = (type(self), self._theme)
        geo = _GEOMETRY.get(key)
        if geo is None:
            geo = self._build_geometry()
            _GEOMETRY[key] = geo
        return geo

    def _build_geometry(self) -> _Geometry:
        theme = self._theme
        s = theme.scale
        w, h = self.body_size()
        body = self.make_body(w, h)
        behind, front = self.make_decoration(w, h)
        if self.BODY_SHIFT:
            shift = self.BODY_SHIFT * s
            body = body.translated(shift, 0)
            behind = behind.translated(shift, 0) if behind is not None else None
            front = front.translated(shift, 0) if front is not None else None
        rect = body.boundingRect()
        shape = QPainterPath(body)
        if behind is not None:
            shape = shape.united(behind)
        margin = 7.0 * theme.line_scale + 3
        bounds = shape.boundingRect().adjusted(-margin, -margin, margin, margin)
        stroker = QPainterPathStroker()
        stroker.setWidth(6.0 * theme.line_scale)
        ring = stroker.createStroke(body).united(body)
        pad = 9.0 * s
        icon_size = 18.0 * s
        left = rect.left() + pad + self.INSET_LEFT * s
        right = rect.right() - pad - self.INSET_RIGHT * s
        icon = icons.kind_icon(self.KIND, icon_size)
        chip_h = _fonts(theme).chip_m.height() + 3 * s
        paint_bounds = bounds.united(QRectF(rect.left(), rect.top() - chip_h * 0.55 - 3,
                                            rect.width(), chip_h))
        deltas = (paint_bounds.left() - rect.left(), paint_bounds.top() - rect.top(),
                  paint_bounds.right() - rect.right(), paint_bounds.bottom() - rect.bottom())
        return _Geometry(body, behind, front, rect, shape, bounds, ring, icon,
                         QPointF(left, rect.top() + pad + 1 * s), left + icon_size + 6 * s,
                         right, left, paint_bounds, deltas,
                         (rect.left(), rect.top(), rect.right(), rect.bottom()))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._geo.paint_bounds

    def flat_special(self) -> bool:
        """Not just a rectangle at overview zoom (the flat layer paints it on its own)."""
        return self._highlighted or self._unsettled or self.isSelected()

    def update(self, *rect) -> None:
        """Repaint; through the flat layer while it draws this item (Qt does not
        repaint an item without contents)."""
        QGraphicsItem.update(self, *rect)
        if self._flat is not None:
            self._flat.repaint(self)

    def shape(self) -> QPainterPath:
        return self._geo.shape

    # ---- content (built when facts or theme change) ----------------------------------
    def label_lines(self) -> tuple[str, str]:
        """The two detail lines under the name."""
        return "", ""

    def title_text(self) -> str:
        return self._node.name

    def chip_text(self) -> str:
        return self._node.status

    def tooltip_rows(self) -> list[tuple[str, str]]:
        """Facts for the hover tooltip, in reading order."""
        rows = []
        for key, value in self._node.facts:
            if isinstance(value, tuple):
                value = ", ".join(str(v) for v in value) or "—"
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            if value in ("", None):
                continue
            rows.append((key.replace("_", " "), str(value)))
        return rows

    def kind_label(self) -> str:
        return self._node.kind

    def _restyle(self) -> None:
        """Colours follow the status at once; the labels are laid out when next drawn."""
        node = self._node
        cat = self.status_category
        self._cat = cat
        implied = node.implied and node.kind != "NFSExport"
        self._look = _look(self._theme, cat, implied, implied or cat == TERMINATING)
        self._texts = None

    def _ensure_content(self) -> None:
        # Laid out on first detailed paint, not at construction: in a 5,000-object
        # overview no label is ever drawn, and building them would dominate start-up.
        if self._texts is None:
            self._build_content()

    def _build_content(self) -> None:
        theme, geo = self._theme, self._geo
        fonts = _fonts(theme)
        cat = self._cat
        s = theme.scale
        rect = geo.body_rect
        chip_text = self.chip_text()
        self._chip = None
        y_title = rect.top() + 7.0 * s
        if chip_text:
            # The chip hangs on the top border, right-aligned, like a sticker: the name
            # keeps its whole row and the detail lines the full width.
            badge_r = 5.0 * s
            chip_w = min(fonts.chip_m.horizontalAdvance(chip_text) + badge_r * 2 + 14 * s,
                         rect.width() - 24 * s)
            chip_h = fonts.chip_m.height() + 3 * s
            chip_rect = QRectF(rect.right() - 10 * s - chip_w, rect.top() - chip_h * 0.55,
                               chip_w, chip_h)
            elided = _elide(theme, "chip", chip_text, Qt.TextElideMode.ElideRight,
                            chip_w - badge_r * 2 - 12 * s)
            name = BADGE.get(cat, "")
            badge = icons.badge(name, badge_r) if name else (None, None)
            self._chip = (elided, chip_rect, badge,
                          QPointF(chip_rect.left() + 5 * s + badge_r, chip_rect.center().y()),
                          QPointF(chip_rect.left() + 8 * s + badge_r * 2,
                                  chip_rect.center().y() - fonts.chip_m.height() / 2
                                  + fonts.chip_m.ascent()))
            y_title += 2 * s
        title = _elide(theme, "title", self.title_text(), Qt.TextElideMode.ElideMiddle,
                       max(10.0, geo.text_right - geo.text_left))
        line1, line2 = self.label_lines()
        width = max(0.0, geo.text_right - geo.line_left)
        line1 = _elide(theme, "body", line1, self.LINE1_ELIDE, width)
        line2 = _elide(theme, "body", line2, self.LINE2_ELIDE, width)
        y1 = y_title + fonts.title_m.height() + 3 * s
        y2 = y1 + fonts.body_m.height() + 1 * s
        # Baselines; plain drawText (no QStaticText objects: 5,000 items would build
        # 20,000 of them, and text is only drawn for the few items zoomed in on).
        texts = [(QPointF(geo.text_left, y_title + fonts.title_m.ascent()), title, True,
                  fonts.title),
                 (QPointF(geo.line_left, y1 + fonts.body_m.ascent()), line1, False, fonts.body),
                 (QPointF(geo.line_left, y2 + fonts.body_m.ascent()), line2, False, fonts.body)]
        self._texts = [t for t in texts if t[1]]

    def tooltip_html(self) -> str:
        node = self._node
        head = f"<b>{escape(self.kind_label())} {escape(node.name)}</b>"
        if node.namespace:
            head += f" ({escape(node.namespace)})"
        if node.status:
            head += f"<br>status: <b>{escape(node.status)}</b>"
        rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>"
                       for k, v in self.tooltip_rows())
        pinned = "<br><i>pinned where you dragged it (Re-layout frees it)</i>" \
            if self._pinned else ""
        return f"{head}<table>{rows}</table>{pinned}"

    # ---- painting: cached things only ---------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        geo, look = self._geo, self._look
        lod = max(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()),
                  detail_floor())
        # isSelected(), not option.state: flag arithmetic on PySide enums costs several
        # Python calls, and a fitted 5,000-object scene paints 7,000 items.
        selected = self.isSelected()
        if lod < LOD_FLAT:
            painter.fillRect(geo.body_rect, look.flat)
            if self._highlighted:
                painter.setPen(_highlight_pens(self._theme)[1])
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(geo.body_rect)
            if selected:
                painter.setPen(_pens(self._theme).selection)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(geo.body_rect)
            return
        pens = _pens(self._theme)
        self._ensure_content()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._flash > 0.0:
            color = QColor(look.accent if self._cat != NEUTRAL else self._theme.color("selection"))
            color.setAlphaF(0.45 * self._flash)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPath(geo.ring)
        if self._highlighted:
            glow, _ = _highlight_pens(self._theme)
            painter.setPen(glow)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(geo.body)
        if geo.behind is not None:
            painter.setPen(look.deco)
            painter.setBrush(look.fill)
            painter.drawPath(geo.behind)
        painter.setPen(look.outline)
        painter.setBrush(look.fill)
        painter.drawPath(geo.body)
        if geo.front is not None:
            painter.setPen(look.deco)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(geo.front)
        if self._highlighted:
            painter.setPen(_highlight_pens(self._theme)[1])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(geo.body)
        if selected:
            painter.setPen(pens.selection)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(geo.ring)
        elif self._hover:
            painter.setPen(pens.hover)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(geo.ring)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(pens.focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(geo.bounds.adjusted(2, 2, -2, -2))
        painter.translate(geo.icon_origin)
        painter.setPen(pens.icon)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(geo.icon)
        painter.translate(-geo.icon_origin)
        chip = self._chip
        if chip is not None:
            _, rect, (fill, mark), badge_at, _ = chip
            if lod >= LOD_TEXT:
                # Opaque first: the chip overlaps the border and the gap above.
                radius = rect.height() / 2
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(look.chip_solid)
                painter.drawRoundedRect(rect, radius, radius)
                painter.setPen(look.chip_border)
                painter.setBrush(look.chip_fill)
                painter.drawRoundedRect(rect, radius, radius)
            if fill is not None:
                painter.save()
                painter.translate(badge_at)
                if lod < LOD_TEXT:
                    painter.scale(1.8, 1.8)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(look.badge)
                painter.drawPath(fill)
                if not mark.isEmpty():
                    painter.setPen(pens.mark)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawPath(mark)
                painter.restore()
        if lod < LOD_TEXT:
            return
        for pos, text, strong, font in self._texts:
            painter.setFont(font)
            painter.setPen(pens.text if strong else pens.muted)
            painter.drawText(pos, text)
        if chip is not None:
            painter.setFont(_fonts(self._theme).chip)
            painter.setPen(pens.text)
            painter.drawText(chip[4], chip[0])
        if self._pinned:
            r = geo.body_rect
            painter.setPen(pens.pin)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(r.left() + 7, r.bottom() - 12), 2.5, 2.5)
            painter.drawLine(QPointF(r.left() + 7, r.bottom() - 9.5), QPointF(r.left() + 7, r.bottom() - 5))

    # ---- interaction -------------------------------------------------------------------
    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._hover = True
        self.setToolTip(self.tooltip_html())
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def setPos(self, *pos) -> None:  # noqa: N802 - Qt's name
        """Move, and re-route this item's edges."""
        QGraphicsItem.setPos(self, *pos)
        PICTURE_GENERATION[0] += 1
        self._moved()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        QGraphicsItem.setVisible(self, visible)
        PICTURE_GENERATION[0] += 1
        if self._flat is not None:
            self._flat.changed(self)

    def setScale(self, factor: float) -> None:  # noqa: N802 - Qt's name
        old = self.scene_paint_box() if self._flat is not None else None
        QGraphicsItem.setScale(self, factor)
        PICTURE_GENERATION[0] += 1
        self._unsettled = factor != 1.0 or self.opacity() != 1.0
        if self._flat is not None:
            self._flat.changed(self, old)

    def setOpacity(self, opacity: float) -> None:  # noqa: N802 - Qt's name
        QGraphicsItem.setOpacity(self, opacity)
        self._unsettled = opacity != 1.0 or self.scale() != 1.0
        if self._flat is not None:
            self._flat.changed(self)

    def selection_changed(self, selected: bool) -> None:
        """Called by the scene when this item was selected or deselected."""
        self.setZValue(Z_NODE_ACTIVE if selected else Z_NODE)
        if self._flat is not None:
            self._flat.changed(self)
        # A selected object shows all its relations in full, hub or not.
        for edge in self._edges.values():
            edge.set_expanded(selected or edge.other_end(self).isSelected())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Qt moves every selected movable item (C++ setPos): re-route them all.
        super().mouseMoveEvent(event)
        scene = self.scene()
        moved = [i for i in scene.selectedItems() if isinstance(i, NodeItem)] if scene else []
        if self not in moved:
            moved.append(self)
        PICTURE_GENERATION[0] += 1
        for item in moved:
            item._moved()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._press_pos = self.pos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        start = getattr(self, "_press_pos", None)
        scene = self.scene()
        if start is not None and start != self.pos() and scene is not None \
                and hasattr(scene, "item_dragged"):
            scene.item_dragged(self)


_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def build_items(nodes, positions: dict, theme: Theme, classes: dict,
                no_contents: bool = False) -> list[NodeItem]:
    """Items for the objects of a scene being built, centred at ``positions[node.id]``.

    Each is what ``classes.get(node.kind, NodeItem)(node, theme, QPointF(x, y))`` makes,
    with ``ItemHasNoContents`` set too when ``no_contents`` (created for a flat layer,
    see gui.items.flat_layer). Built in one loop: what items of a kind share (geometry)
    and of a status share (look) is looked up once, not per item, and no point object
    is made per item; a big scene builds 7,000 of them. Kinds whose class constructs or
    styles itself differently go through their own constructor.
    """
    flags = (_FLAGS | _NO_CONTENTS) if no_contents else _FLAGS
    init = QGraphicsItem.__init__
    set_pos = QGraphicsItem.setPos
    set_flags = QGraphicsItem.setFlags
    set_hover = QGraphicsItem.setAcceptHoverEvents
    plain_status = NodeItem.status_category
    kinds: dict[str, tuple] = {}
    looks: dict[tuple, tuple] = {}
    built: list[NodeItem] = []
    append = built.append
    for node in nodes:
        x, y = positions[node.id]
        kind = kinds.get(node.kind)
        if kind is None or not kind[1]:
            # The first of a kind is made as usual (its geometry is cached on the way).
            cls = classes.get(node.kind, NodeItem)
            item = cls(node, theme, QPointF(x, y))
            if no_contents:
                item.setFlag(_NO_CONTENTS, True)
            append(item)
            if kind is None:
                lean = (cls.__init__ is NodeItem.__init__ and cls._restyle is NodeItem._restyle
                        and cls._geometry is NodeItem._geometry)
                kinds[node.kind] = (cls, lean, item._geo, cls.status_category is plain_status)
            continue
        cls, _lean, geo, plain = kind
        item = cls.__new__(cls)
        init(item)
        set_pos(item, x, y)
        set_flags(item, flags)
        set_hover(item, True)
        item._node = node
        item._theme = theme
        item._edges = {}
        item._geo = geo
        implied = not node.uid and node.kind != "NFSExport"
        key = (cls, node.status, implied) if plain else None
        look = looks.get(key) if plain else None
        if look is None:
            cat = item.status_category
            look = (cat, _look(theme, cat, implied, implied or cat == TERMINATING))
            if plain:
                looks[key] = look
        item._cat, item._look = look
        x0, y0, x1, y1 = geo.body_box
        item._rect = (x + x0, y + y0, x + x1, y + y1)
        append(item)
    return built


@lru_cache(maxsize=16384)
def _elide(theme: Theme, role: str, text: str, mode: Qt.TextElideMode, width: float) -> str:
    """Labels repeat a lot ("1Gi · RWO · nfs"): elide each text once per width."""
    if not text:
        return ""
    metrics = {"title": _fonts(theme).title_m, "body": _fonts(theme).body_m,
               "chip": _fonts(theme).chip_m}[role]
    return metrics.elidedText(text, mode, width)
