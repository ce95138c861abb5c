"""Pictures of the WHOLE scene (not the visible part), with a title and the legend.

Used by the window's export menu and by the headless ``render`` command. PNG is
rendered with QPainter into a QImage at device pixel ratio 2 (crisp when zoomed or
on HiDPI screens); SVG with QSvgGenerator (PySide6-Essentials ships QtSvg), so text
stays text and lines stay vectors.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from gui.items.constants import LOD_TEXT, raised_detail
from gui.legend import Legend
from gui.scene import GraphScene
from gui.theme import Theme

FORMATS = ("png", "svg")
#: Natural size limit when no size is asked for (keeps a 5,000-object PNG sane).
MAX_NATURAL = 8000


def export_scene(scene: GraphScene, path: str | Path, fmt: str | None = None, title: str = "",
                 theme: Theme | None = None, *, size: tuple[int, int] | None = None,
                 dpr: float = 2.0, legend: bool = True) -> Path:
    """Write the whole scene to ``path`` as PNG or SVG; returns the path written.

    ``size`` is the picture size in logical pixels (a PNG has ``size × dpr`` pixels);
    without it the scene is drawn at 1:1 (capped). ``theme`` draws the picture in that
    theme and puts the scene back afterwards. Animations are finished first.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "png").lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    scene.finish_animations()
    original = scene.theme
    if theme is not None and theme != original:
        scene.set_theme(theme)
    try:
        selected = scene.selectedItems()
        focus = scene.focusItem()
        for item in selected:
            item.setSelected(False)
        scene.setFocusItem(None)
        try:
            return _write(scene, path, fmt, title, size, dpr, legend)
        finally:
            for item in selected:
                item.setSelected(True)
            if focus is not None:
                scene.setFocusItem(focus)
    finally:
        if theme is not None and theme != original:
            scene.set_theme(original)


def _write(scene: GraphScene, path: Path, fmt: str, title: str, size: tuple[int, int] | None,
           dpr: float, legend: bool) -> Path:
    theme = scene.theme
    picture = scene.picture_rect()
    if picture.isNull():
        picture = QRectF(0, 0, 400, 300)
    margin = 40.0 * theme.scale  # edge stubs and bulges reach past the objects
    source = picture.adjusted(-margin, -margin, margin, margin)
    key = Legend(theme, columns=3) if legend else None
    title_font = theme.font("export")
    title_h = QFontMetricsF(title_font).height() * 1.6 if title else 0.0
    legend_size = key.size() if key else QSizeF(0, 0)
    if size is None:
        scale = min(1.0, MAX_NATURAL / max(source.width(), source.height()))
        width = max(source.width() * scale, legend_size.width() + 2 * margin)
        height = title_h + source.height() * scale + legend_size.height() + 2 * margin
        size = (int(width), int(height))
    width, height = size
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "png":
        image = QImage(int(width * dpr), int(height * dpr), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(theme.color("background"))
        painter = QPainter(image)
        _paint(painter, scene, source, width, height, title, title_font, title_h, key, dpr=dpr)
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
    else:
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setTitle(title or "pvgraph")
        generator.setDescription("Storage graph exported by pvgraph")
        painter = QPainter(generator)
        painter.fillRect(QRectF(0, 0, width, height), theme.color("background"))
        _paint(painter, scene, source, width, height, title, title_font, title_h, key,
               vector=True)
        painter.end()
    return path


def _paint(painter: QPainter, scene: GraphScene, source: QRectF, width: float, height: float,
           title: str, title_font, title_h: float, key: Legend | None, *, dpr: float = 1.0,
           vector: bool = False) -> None:
    theme = scene.theme
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    pad = 16.0 * theme.scale
    if title:
        painter.setFont(title_font)
        painter.setPen(theme.color("text"))
        painter.drawText(QRectF(pad, 0, width - 2 * pad, title_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    legend_h = key.size().height() if key else 0.0
    # The legend sits at the bottom; if it is wider than the picture, it shrinks to fit.
    area = QRectF(pad, title_h, width - 2 * pad, height - title_h - legend_h - 2 * pad)
    picture_bottom = area.bottom()
    if area.height() > 10 and area.width() > 10:
        scale = min(area.width() / source.width(), area.height() / source.height())
        w, h = source.width() * scale, source.height() * scale
        # Centred across, at the top: spare height gathers above the legend.
        target = QRectF(area.center().x() - w / 2, area.top(), w, h)
        # Labels whenever the output can show them: vectors always; pixels when the
        # body text comes out at least ~5 device pixels tall.
        pixels = scale * dpr * theme.body_px
        floor = LOD_TEXT if vector or pixels >= 5.0 else 0.0
        with raised_detail(floor):
            scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        picture_bottom = target.bottom()
    if key is not None:
        size = key.size()
        factor = min(1.0, (width - 2 * pad) / size.width())
        painter.save()
        # Right under the picture: spare height collects at the bottom of the page.
        top = min(picture_bottom + pad, height - pad - size.height() * factor)
        painter.translate(pad, top)
        painter.scale(factor, factor)
        key.paint(painter, QPointF(0, 0))
        painter.restore()
