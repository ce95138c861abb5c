"""The graph's own words follow the interface language, live; Kubernetes' words stay."""

from __future__ import annotations

import pytest

from gui import i18n
from gui.items.texts import TEMPLATES
from tests.gui.conftest import shown_window
from tests.gui.test_i18n import CJK

pytestmark = pytest.mark.usefixtures("english_afterwards")


def labels(window, kind, namespace, name):
    obj = window.bridge.cluster.get(kind, namespace, name)
    return window.scene.item_for(obj["metadata"]["uid"]).label_texts()


def test_every_item_template_is_translated_with_its_placeholders(qapp):
    import re

    assert i18n.install("zh_CN")
    from PySide6.QtCore import QCoreApplication

    for template in TEMPLATES:
        translated = QCoreApplication.translate("Items", template)
        assert re.findall(r"{\w+}", translated) == re.findall(r"{\w+}", template), template
        if template not in ("headless", "claimRef {claim}"):  # Kubernetes' own words
            assert CJK.search(translated), template


def test_labels_switch_language_live_and_back(qtbot, tmp_path):
    window = shown_window(qtbot, tmp_path / "settings.ini")
    english_pod = labels(window, "Pod", "default", "web-1")
    assert any("not scheduled" in t for t in english_pod)
    window.switch_language("zh_CN")
    chinese_pod = labels(window, "Pod", "default", "web-1")
    assert any("未调度" in t for t in chinese_pod)
    assert chinese_pod[0] == english_pod[0] == "web-1"  # names never change
    assert not window.grab().isNull()
    window.switch_language("en")
    assert labels(window, "Pod", "default", "web-1") == english_pod


def test_a_collapsed_card_counts_in_the_interface_language(qtbot, tmp_path):
    window = shown_window(qtbot, tmp_path / "settings.ini")
    scene = window.scene
    assert scene.collapse_group("sts:default/web")
    english = scene.card_for("sts:default/web").label_texts()
    assert "2 claims: 1 Bound · 1 Pending" in english
    window.switch_language("zh_CN")
    chinese = scene.card_for("sts:default/web").label_texts()
    assert "2 个 claim: 1 Bound · 1 Pending" in chinese  # statuses are Kubernetes' words
    assert chinese[0] == english[0] and chinese[-1] == english[-1] == "2 Pending"
    assert "已折叠" in scene.card_for("sts:default/web").tooltip_html()
    assert not window.grab().isNull()
    window.switch_language("en")
    assert scene.card_for("sts:default/web").label_texts() == english
