"""Graph polish: the lesson highlight, honest DNS labels, text inside boxes, readable fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFontMetricsF

from core.cluster import Cluster
from gui.items.constants import LOD_TEXT
from gui.theme import DARK, LIGHT, presentation
from tests.core.test_graph_fixtures import seed_documents
from tests.gui.test_scene_support import Setup


def live_seed() -> Cluster:
    cluster = Cluster()
    for doc in seed_documents():
        cluster.api.create(doc)
    cluster.settle()
    return cluster


def count_color(image, color: QColor, tolerance: int = 40) -> int:
    hits = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if (abs(c.red() - color.red()) + abs(c.green() - color.green())
                    + abs(c.blue() - color.blue())) < tolerance:
                hits += 1
    return hits


def test_highlight_outlines_exactly_the_given_objects_and_survives_changes(qtbot):
    s = Setup(qtbot, live_seed(), size=(1000, 600))
    web1 = s.item("Pod", "web-1")
    pv2 = s.item("PersistentVolume", "pv0002")
    glow = LIGHT.color("highlight")
    before = count_color(s.grab(), glow)
    s.scene.set_highlighted([web1.uid, pv2.node_id])
    assert web1.highlighted and pv2.highlighted
    assert sum(i.highlighted for i in s.scene.node_items()) == 2
    assert count_color(s.grab(), glow) > before + 50
    # A change staged with motion (and the reconcile that clears flashes) keeps it.
    s.scene.set_motion(True, 4.0)
    since = s.cluster.store.last_seq
    s.cluster.run("kubectl delete pvc www-web-1")
    s.cluster.settle()
    s.sync(since)
    s.scene.finish_animations()
    assert web1.highlighted and pv2.highlighted
    s.scene.set_highlighted([pv2.uid])
    assert not web1.highlighted and pv2.highlighted
    # Objects arriving later under a highlighted uid light up too; reset keeps the set.
    s.scene.reset(s.projection.snapshot())
    assert s.scene.item_for(pv2.uid).highlighted
    s.scene.set_highlighted(())
    assert not any(i.highlighted for i in s.scene.node_items())
    s.grab()


def test_a_pending_pod_does_not_show_a_working_dns_name(qtbot):
    s = Setup(qtbot, live_seed())
    running = s.item("Pod", "web-0").label_lines()[1]
    pending = s.item("Pod", "web-1").label_lines()[1]
    assert running == "web-0.nginx.default.svc.cluster.local"
    assert pending.startswith("DNS after Ready")
    s.grab()


@pytest.mark.parametrize("theme", [LIGHT, DARK, presentation(LIGHT)], ids=lambda t: t.name)
def test_every_label_stays_inside_its_box(qtbot, theme):
    s = Setup(qtbot, live_seed(), theme=theme)
    s.grab()  # paint: labels are laid out lazily
    checked = 0
    for item in s.scene.node_items():
        item._ensure_content()
        body = item._geo.body
        for pos, text, _strong, font in item._texts:
            metrics = QFontMetricsF(font)
            width = metrics.horizontalAdvance(text)
            for corner in (QPointF(pos.x(), pos.y() - metrics.ascent() + 2),
                           QPointF(pos.x() + width, pos.y() - metrics.ascent() + 2),
                           QPointF(pos.x(), pos.y() + metrics.descent() - 1),
                           QPointF(pos.x() + width, pos.y() + metrics.descent() - 1)):
                assert body.contains(corner), (theme.name, item.node.name, text)
            checked += 1
    assert checked > 30


def test_the_seed_fitted_in_a_default_window_shows_its_labels(qtbot, tmp_path):
    from gui.app import build_window

    window = build_window(settings_path=str(tmp_path / "s.ini"), motion=False)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.view.fit_all()
    assert window.view.zoom() >= LOD_TEXT
    assert not window.grab().isNull()


def test_dialogs_speak_chinese_when_zh_cn_is_installed(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox, QFormLayout

    from gui import i18n
    from gui.dialogs.about import AboutDialog
    from gui.dialogs.forms import NfsWriteDialog

    assert i18n.install("zh_CN")
    try:
        dialog = NfsWriteDialog(["192.168.6.189"], "192.168.6.189", "/nfs/pv1/index.html")
        qtbot.addWidget(dialog)
        about = AboutDialog()
        qtbot.addWidget(about)
        assert dialog.windowTitle() == "在 NFS 服务器上写入文件"
        assert about.windowTitle() == "关于 pvgraph"
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "写入"
        form = dialog.findChild(QFormLayout)
        labels = [form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget().text()
                  for i in range(form.rowCount())]
        assert labels == ["服务器：", "路径：", "文本："]
        assert not dialog.grab().isNull()
    finally:
        i18n.install("en")
