"""Exports: the WHOLE scene (not the visible part), with title and legend, PNG and SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from gui.export import export_scene
from gui.legend import Legend
from gui.theme import DARK, LIGHT, edge_style, presentation
from tests.gui.test_scene_support import Setup, distinct_colors


def column_has_ink(image: QImage, x0: int, x1: int, background: QColor) -> bool:
    for x in range(x0, x1, 3):
        for y in range(0, image.height(), 5):
            if QColor(image.pixel(x, y)).rgb() != background.rgb():
                return True
    return False


def test_png_is_the_whole_scene_at_the_requested_size(qtbot, tmp_path):
    s = Setup(qtbot)
    # The view shows one PV up close; the export must not care.
    s.view.set_zoom(3.0)
    s.view.centerOn(s.item("PersistentVolume", "pv0001"))
    s.grab()
    path = export_scene(s.scene, tmp_path / "seed.png", "png", "The seed after settle", LIGHT,
                        size=(1200, 800))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (2400, 1600)  # device pixel ratio 2
    background = LIGHT.color("background")
    # Ink at the far left (NFS exports), the middle (claims) and far right (nodes).
    for x0, x1 in ((60, 400), (1000, 1400), (2000, 2340)):
        assert column_has_ink(image, x0, x1, background), (x0, x1)
    assert distinct_colors(image) > 40
    assert s.view.zoom() == pytest.approx(3.0)  # the view was left alone


def test_svg_is_vector_with_title_text_and_size(qtbot, tmp_path):
    s = Setup(qtbot)
    s.grab()
    path = export_scene(s.scene, tmp_path / "seed.svg", "svg", "Seed", LIGHT, size=(1000, 700))
    text = path.read_text()
    root = ET.fromstring(text)
    assert root.tag.endswith("svg")
    assert root.get("viewBox") == "0 0 1000 700"
    assert "pv0001" in text and "www-web-1" in text and "Seed" in text
    assert "Legend" not in text or "Relations" in text
    assert "Relations" in text  # the legend came along
    # The edges (drawn by one layer item) are in it as vector strokes, one per
    # export edge at least, besides the legend's sample line.
    export = LIGHT.edge_pen(edge_style("export", "")).color().name()
    exports = sum(e.edge.relation == "export" for e in s.scene.edge_items())
    assert text.count(f'stroke="{export}"') > exports


def test_exporting_in_another_theme_leaves_the_scene_as_it_was(qtbot, tmp_path):
    s = Setup(qtbot)
    positions = s.scene.positions()
    path = export_scene(s.scene, tmp_path / "dark.png", None, "", DARK, size=(600, 400))
    image = QImage(str(path))
    corner = QColor(image.pixel(3, 3))
    assert corner.lightness() < 60  # dark background
    assert s.scene.theme == LIGHT
    assert s.scene.positions() == positions
    export_scene(s.scene, tmp_path / "p.png", "png", "Big", presentation(LIGHT), size=(600, 400))
    assert s.scene.theme == LIGHT
    s.grab()


def test_selection_is_not_in_the_picture_but_is_kept(qtbot, tmp_path):
    s = Setup(qtbot)
    item = s.item("Pod", "web-0")
    s.scene.select_item(item)
    export_scene(s.scene, tmp_path / "x.png", "png", "", LIGHT, size=(400, 300))
    assert item.isSelected()
    s.grab()


def test_natural_size_and_bad_format(qtbot, tmp_path):
    s = Setup(qtbot)
    path = export_scene(s.scene, tmp_path / "natural.png")
    image = QImage(str(path))
    assert image.width() >= 2 * int(s.scene.picture_rect().width())
    with pytest.raises(ValueError, match="unknown export format"):
        export_scene(s.scene, tmp_path / "x.gif", "gif")
    s.grab()


@pytest.mark.parametrize("columns", [1, 3])
def test_legend_lists_kinds_relations_and_statuses(qtbot, columns):
    legend = Legend(LIGHT, columns=columns)
    size = legend.size()
    image = QImage(int(size.width()) + 4, int(size.height()) + 4, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    legend.paint(painter, image.rect().topLeft().toPointF())
    painter.end()
    assert distinct_colors(image, step=2) > 30
    if columns == 3:
        assert size.width() > size.height()
    s = Setup(qtbot)
    s.grab()
