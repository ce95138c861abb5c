"""``GraphView``: zoom, pan, fit, an overview map, a legend, and keyboard navigation.

Keyboard (the view has focus):

- Tab / Shift+Tab: next / previous object in reading order (column by column).
- Arrow keys with an object focused: Up/Down move within its column, Left/Right to
  the neighbouring column (a connected object first, else the nearest by height).
  With nothing focused the arrows pan.
- Enter: ``activated_uid`` for the focused object (the window opens the inspector);
  on a collapsed group's card it expands the group.
- C: collapse the innermost group (StatefulSet, else namespace, else NFS server) of
  the focused object; on a collapsed group's card, expand it. Shift+C: expand all.
- Escape: clear selection and focus.  + / -: zoom.  0 or F: fit everything.

With the mouse: click the ⊟ before a group's title (or double-click the title) to
collapse it; click the ⊞ on its card (or double-click the card) to expand it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from gui.items import NodeItem
from gui.items.collapsed import CollapsedGroupItem
from gui.items.constants import LOD_FLAT
from gui.legend import LegendOverlay
from gui.scene import GraphScene
from gui.theme import Theme, presentation

MIN_ZOOM = 0.02
MAX_ZOOM = 4.0
ZOOM_STEP = 1.2
#: Fitting never blows a small picture up past this (text would look bloated).
FIT_MAX_ZOOM = 1.25


class GraphView(QGraphicsView):
    """The main view of a :class:`GraphScene`."""

    #: Enter on the focused object (its uid).
    activated_uid = Signal(str)
    #: The zoom factor after every change.
    zoom_changed = Signal(float)

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self._scene = scene
        theme = scene.theme
        self._base_theme = theme.base if theme.presentation and theme.base else theme
        self._presentation = theme.presentation
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A canvas: panned by dragging, arrow keys, the wheel with Shift, or the overview.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Storage graph")
        self.setAccessibleDescription("Objects and their relations; Tab and arrow keys move "
                                      "between objects, Enter inspects, C collapses or "
                                      "expands a group, Shift+C expands all")
        self._legend = LegendOverlay(scene.theme, self.viewport())
        self._legend.hide()
        self._minimap = Minimap(self, self.viewport())
        self._minimap.hide()
        self._minimap_mode = "auto"
        self._cursor: NodeItem | None = None
        #: Where the last context menu was asked for (scene coordinates): the window's
        #: menu offers to collapse / expand the group there.
        self.context_point: QPointF | None = None
        self.customContextMenuRequested.connect(self._remember_context_point)

    # ---- zoom and fit ----------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        current = self.zoom()
        if abs(factor - current) < 1e-9:
            return
        if anchor is None:
            old = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(factor / current, factor / current)
            self.setTransformationAnchor(old)
        else:
            self.scale(factor / current, factor / current)
        self._after_zoom()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def fit_all(self) -> None:
        """Show the whole picture (never enlarged beyond a comfortable size)."""
        picture = self._scene.picture_rect()
        if picture.isNull() or not self._scene.node_items():
            return
        margin = 16.0 * self._scene.theme.scale
        self.fitInView(picture.adjusted(-margin, -margin, margin, margin),
                       Qt.AspectRatioMode.KeepAspectRatio)
        rect = picture
        if self.zoom() > FIT_MAX_ZOOM:
            self.set_zoom(FIT_MAX_ZOOM)
            self.centerOn(rect.center())
        elif self.zoom() < MIN_ZOOM:
            self.set_zoom(MIN_ZOOM)
        self._after_zoom()

    def center_on_uid(self, uid: str) -> bool:
        item = self._scene.item_for(uid)
        if item is None:
            return False
        self.centerOn(item)
        return True

    def _after_zoom(self) -> None:
        # Where a group's painted title would be under ~6 px, show its fixed-size label.
        self._scene.set_overview(self.zoom() * self._scene.theme.group_px < 6.0)
        # Objects that are flat rectangles at this zoom are drawn in batches.
        self._scene.set_flat(self.zoom() < LOD_FLAT)
        self._update_overlays()
        self.zoom_changed.emit(self.zoom())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # A scene built flat on a guess, shown by this view before it zoomed: as it
        # would have been without the guess (the next zoom decides again).
        self._scene.settle_flat()
        super().paintEvent(event)

    # ---- themes ------------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        """Light / dark (kept in presentation mode if that is on). A presentation theme
        given here counts as its base theme; :meth:`set_presentation` decides the mode."""
        self._base_theme = theme.base if theme.presentation and theme.base else theme
        self._apply_theme()

    def set_presentation(self, enabled: bool) -> None:
        """Projector mode: large type, thick lines, high contrast; the view stays centred."""
        if enabled == self._presentation:
            return
        self._presentation = enabled
        self._apply_theme()

    @property
    def presentation(self) -> bool:
        return self._presentation

    def _apply_theme(self) -> None:
        theme = presentation(self._base_theme) if self._presentation else self._base_theme
        old_scale = self._scene.theme.scale
        center = self.mapToScene(self.viewport().rect().center())
        self._scene.set_theme(theme)
        factor = theme.scale / old_scale
        self.centerOn(center * factor)
        self._legend.set_theme(theme)
        self._minimap.invalidate()
        self._update_overlays()

    # ---- overlays ----------------------------------------------------------------------------
    def set_legend_visible(self, visible: bool) -> None:
        self._legend.setVisible(visible)
        self._update_overlays()

    def legend_visible(self) -> bool:
        return self._legend.isVisible()

    def set_minimap_visible(self, visible: bool | None) -> None:
        """True / False, or None for automatic (shown when the picture does not fit)."""
        self._minimap_mode = "auto" if visible is None else ("on" if visible else "off")
        self._update_overlays()

    def minimap(self) -> Minimap:
        return self._minimap

    def _update_overlays(self) -> None:
        vp = self.viewport().rect()
        if self._legend.isVisible():
            self._legend.fit_to(QSize(vp.width() - 20, vp.height() - 20))
        self._legend.move(10, 10)
        if self._minimap_mode == "auto":
            visible_rect = self.mapToScene(vp).boundingRect()
            picture = self._scene.picture_rect()
            slack = 0.02 * max(picture.width(), picture.height())
            show = not picture.isNull() and not visible_rect.adjusted(
                -slack, -slack, slack, slack).contains(picture)
        else:
            show = self._minimap_mode == "on"
        self._minimap.setVisible(show)
        if show:
            self._minimap.place()
            self._minimap.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if hasattr(self, "_minimap"):
            self._update_overlays()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt's name
        super().scrollContentsBy(dx, dy)
        minimap = getattr(self, "_minimap", None)  # called while the base class is built
        if minimap is not None and minimap.isVisible():
            minimap.update()

    # ---- groups --------------------------------------------------------------------------------
    def _remember_context_point(self, pos) -> None:
        self.context_point = self.mapToScene(pos)

    def context_group(self):
        """The innermost group under the last context-menu point, or None."""
        if self.context_point is None:
            return None
        return self._scene.group_at(self.context_point)

    def toggle_focused_group(self) -> bool:
        """C: fold the focused object's innermost group, or unfold the focused card."""
        focused = self.focused_item()
        if focused is None:
            return False
        scene = self._scene
        if isinstance(focused, CollapsedGroupItem):
            gid = focused.group_id
            scene.expand_group(gid)
            group = scene.group(gid)
            member = next((scene.item_for(m) for m in sorted(group.members)), None) \
                if group is not None else None
            if member is not None and member.isVisible():
                self.focus_item(member)
            return True
        groups = [g for g in scene.groups_of(focused.node_id)
                  if not scene.is_collapsed(g.id)]
        if not groups:
            return False
        scene.collapse_group(groups[0].id)
        card = scene.card_hiding(focused.node_id)
        if card is not None:
            self.focus_item(card)
        return True

    # ---- input ---------------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        delta = event.angleDelta().y()
        if delta == 0 or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        self.set_zoom(self.zoom() * (ZOOM_STEP ** (delta / 120.0)), anchor=event.position())
        event.accept()

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt's name
        # Tab walks the graph's objects instead of leaving the view.
        self.move_focus(1 if next_ else -1)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        focused = self.focused_item()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key in (Qt.Key.Key_0, Qt.Key.Key_F) and not event.modifiers():
            self.fit_all()
        elif key == Qt.Key.Key_Tab:
            self.move_focus(1)
        elif key == Qt.Key.Key_Backtab:
            self.move_focus(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and focused is not None:
            if isinstance(focused, CollapsedGroupItem):
                self.toggle_focused_group()
            else:
                self.activated_uid.emit(focused.uid)
        elif key == Qt.Key.Key_C and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            self._scene.expand_all()
        elif key == Qt.Key.Key_C and not event.modifiers():
            self.toggle_focused_group()
        elif key == Qt.Key.Key_Escape:
            self._cursor = None
            self._scene.select_item(None)
            self._scene.setFocusItem(None)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            if focused is None:
                self._pan(key)
            else:
                self.move_focus_direction(key)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _pan(self, key) -> None:
        step = 60
        bar = self.horizontalScrollBar() if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) \
            else self.verticalScrollBar()
        sign = -1 if key in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1
        bar.setValue(bar.value() + sign * step)

    # ---- keyboard navigation of objects -------------------------------------------------------
    def focused_item(self) -> NodeItem | None:
        """The keyboard cursor: the object last moved to, else the selected one.

        Kept by the view rather than read from the scene's focus item, which an inactive
        window keeps (and cannot clear) until it is activated again.
        """
        cursor = self._cursor
        if cursor is not None and cursor.scene() is self._scene and cursor.isSelected():
            return cursor
        selected = [i for i in self._scene.selectedItems() if isinstance(i, NodeItem)]
        return selected[0] if selected else None

    def _visible_objects(self) -> list[NodeItem]:
        """What the keyboard walks: shown objects and the cards of collapsed groups."""
        return [i for i in self._scene.node_items() if i.isVisible()] \
            + self._scene.collapsed_items()

    def _reading_order(self) -> list[NodeItem]:
        items = self._visible_objects()
        pitch = self._scene.theme.column_pitch
        return sorted(items, key=lambda i: (round(i.pos().x() / pitch), i.pos().y(), i.node.name))

    def focus_item(self, item: NodeItem | None) -> None:
        """Focus and select ``item`` and scroll it into view."""
        if item is None:
            return
        self._cursor = item
        self._scene.select_item(item)
        self.ensureVisible(item, 40, 40)

    def move_focus(self, step: int) -> NodeItem | None:
        order = self._reading_order()
        if not order:
            return None
        current = self.focused_item()
        if current is None or current not in order:
            target = order[0] if step > 0 else order[-1]
        else:
            target = order[(order.index(current) + step) % len(order)]
        self.focus_item(target)
        return target

    def move_focus_direction(self, key) -> NodeItem | None:
        current = self.focused_item()
        if current is None:
            return None
        pitch = self._scene.theme.column_pitch
        here = current.pos()
        items = [i for i in self._visible_objects() if i is not current]
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            below = key == Qt.Key.Key_Down
            same = [i for i in items if abs(i.pos().x() - here.x()) < pitch / 2
                    and ((i.pos().y() > here.y()) if below else (i.pos().y() < here.y()))]
            target = min(same, key=lambda i: abs(i.pos().y() - here.y()), default=None)
        else:
            sign = 1 if key == Qt.Key.Key_Right else -1
            side = [i for i in items if sign * (i.pos().x() - here.x()) > pitch / 2]
            if side:
                nearest_x = min(abs(i.pos().x() - here.x()) for i in side)
                column = [i for i in side if abs(abs(i.pos().x() - here.x()) - nearest_x) < pitch / 2]
                linked = {e.source_item for e in current.edges} | {e.target_item for e in current.edges}
                connected = [i for i in column if i in linked]
                pool = connected or column
                target = min(pool, key=lambda i: (abs(i.pos().y() - here.y()), i.node.name))
            else:
                target = None
        if target is not None:
            self.focus_item(target)
        return target


class Minimap(QWidget):
    """An overview of the whole picture with the visible part outlined; click to go there.

    The picture is rendered once into an image at the widget's device pixel ratio and
    re-rendered (debounced) when the scene changes, so scrolling stays cheap.
    """

    WIDTH = 240

    def __init__(self, view: GraphView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._image: QImage | None = None
        self._source = QRectF()
        self._target = QRectF()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.invalidate)
        view.scene().picture_changed.connect(self._schedule)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move the view")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.WIDTH, 160)

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def place(self) -> None:
        picture = self._view.scene().picture_rect()
        aspect = picture.height() / picture.width() if picture.width() > 0 else 0.6
        w = self.WIDTH
        h = int(min(260, max(80, w * aspect)))
        if w * aspect > 260:
            w = int(260 / aspect)
        vp = self._view.viewport().rect()
        size = QSize(max(60, w), h)
        if size != self.size():
            self.resize(size)
            self._image = None
        self.move(vp.right() - self.width() - 10, vp.bottom() - self.height() - 10)

    def invalidate(self) -> None:
        self._image = None
        if self.isVisible():
            self.update()

    def _render(self) -> None:
        # Drawn from the items' boxes and status colours, not with scene.render():
        # one fillRect per object keeps a 5,000-object overview at a few milliseconds.
        scene = self._view.scene()
        theme = scene.theme
        picture = scene.picture_rect()
        dpr = self.devicePixelRatioF()
        image = QImage(int(self.width() * dpr), int(self.height() * dpr),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(theme.color("background"))
        if not picture.isNull():
            target = QRectF(4, 4, self.width() - 8, self.height() - 8)
            scale = min(target.width() / picture.width(), target.height() / picture.height())
            w, h = picture.width() * scale, picture.height() * scale
            self._target = QRectF(target.center().x() - w / 2, target.center().y() - h / 2, w, h)
            self._source = picture
            painter = QPainter(image)
            painter.translate(self._target.topLeft())
            painter.scale(scale, scale)
            painter.translate(-picture.topLeft())
            painter.setPen(Qt.PenStyle.NoPen)
            for group in scene.group_items():
                if group.isVisible():
                    painter.setBrush(theme.color("frame_namespace" if group.kind != "nfs"
                                                 else "frame_nfs"))
                    painter.drawRect(group.rect())
            for item in (*scene.node_items(), *scene.collapsed_items()):
                if item.isVisible():
                    painter.fillRect(item.scene_body_rect(), item.overview_brush)
            painter.end()
        self._image = image

    def _to_widget(self, point: QPointF) -> QPointF:
        s, t = self._source, self._target
        if s.width() <= 0 or s.height() <= 0:
            return QPointF()
        return QPointF(t.left() + (point.x() - s.left()) * t.width() / s.width(),
                       t.top() + (point.y() - s.top()) * t.height() / s.height())

    def _to_scene(self, point: QPointF) -> QPointF:
        s, t = self._source, self._target
        if t.width() <= 0 or t.height() <= 0:
            return QPointF()
        return QPointF(s.left() + (point.x() - t.left()) * s.width() / t.width(),
                       s.top() + (point.y() - t.top()) * s.height() / t.height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._image is None:
            self._render()
        painter = QPainter(self)
        painter.drawImage(QPointF(0, 0), self._image)
        theme = self._view.scene().theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        visible = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        rect = QRectF(self._to_widget(visible.topLeft()), self._to_widget(visible.bottomRight()))
        painter.setPen(QPen(theme.color("selection"), 2))
        fill = QColor(theme.color("selection"))
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.drawRect(rect.intersected(QRectF(self.rect())))
        painter.setPen(QPen(theme.color("border"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._view.centerOn(self._to_scene(event.position()))
        self.update()
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._view.centerOn(self._to_scene(event.position()))
            self.update()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.accept()
