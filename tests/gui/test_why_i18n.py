"""The WHY panel in Simplified Chinese: the engine's sentences (summaries, details,
hints, what holds a PV, why a claim waits) come from core.explain as message
templates and are shown translated; names, sizes, modes, commands and the Kubernetes
values inside them stay as they are. Switching back to English shows the engine's
English again, exactly.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication

from core.explain import LIST_SEPARATOR, explain_claim, explain_volume
from gui import i18n
from gui.panels import explain_texts
from tests.core.test_explain_messages import source_templates
from tests.gui.conftest import pick_language, shown_window
from tests.gui.test_i18n import CJK, WORD, allowed_words

PLACEHOLDER = re.compile(r"\{\w+\}")
#: Words that stay English in the WHY panel besides test_i18n's Kubernetes terms: field
#: and check names, the simulator's reason codes, selector syntax, units.
FIELD_WORDS = {"spec", "volumeName", "storageClassName", "StorageClass", "PersistentVolume",
               "ProvisioningFailed", "accessModes", "capacity", "uid", "G", "Ki", "k8s", "io",
               "storage", "pv", "protection", "finalizer", "persistentVolumeReclaimPolicy"}


pytestmark = pytest.mark.usefixtures("english_afterwards")


def make(qtbot, tmp_path):
    return shown_window(qtbot, tmp_path / "settings.ini")


def shown_texts(why) -> list[str]:
    """Every text the panel shows: its labels, the table's cells, headers and tooltips."""
    out = list(why.texts)
    for table in why.tables:
        for row in range(table.rowCount()):
            out.append(table.verticalHeaderItem(row).text())
            for column in range(table.columnCount()):
                item = table.item(row, column)
                if item is not None:
                    out += [item.text(), item.toolTip()]
    return [t for t in out if t]


def english_sentences(text: str, words: set[str], quotes: list[str]) -> list[str]:
    """Runs of two or more English words that are not Kubernetes terms or names, once
    the Kubernetes event texts the panel quotes verbatim are taken out."""
    for quote in quotes:
        text = text.replace(quote, " ")
    runs, current = [], []
    for token in re.split(r"[\s:;,()\"'“”]+", text):
        if WORD.fullmatch(token) and token not in words:
            current.append(token)
            continue
        if len(current) >= 2:
            runs.append(" ".join(current))
        current = []
    if len(current) >= 2:
        runs.append(" ".join(current))
    return runs


def quoted_events(cluster) -> list[str]:
    """Event messages (kubectl describe shows them in English; the panel quotes them)."""
    return sorted({str(e.get("message") or "") for e in cluster.events()} - {""},
                  key=len, reverse=True)


def test_every_core_template_is_listed_and_translated(qtbot):
    assert set(explain_texts.TEMPLATES) == source_templates()
    assert explain_texts.SEPARATOR == LIST_SEPARATOR
    assert i18n.install("zh_CN")
    for template in (*explain_texts.TEMPLATES, explain_texts.SEPARATOR):
        translated = QCoreApplication.translate("Explain", template)
        assert set(PLACEHOLDER.findall(translated)) == set(PLACEHOLDER.findall(template)), template
        if re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", template)) or template == ", ":
            assert translated != template, f"not translated: {template!r}"


def test_why_panel_speaks_chinese_and_back(qtbot, tmp_path):
    w = make(qtbot, tmp_path)
    bridge = w.bridge
    why = w.inspector.why
    w.select_object("PersistentVolumeClaim", "default", "www-web-1")
    w.inspector.show_tab("Why")
    english_claim = shown_texts(why)
    exp = explain_claim(bridge.cluster, "default", "www-web-1")
    assert any(exp.hints[0] in t for t in english_claim)
    assert not any(CJK.search(t) for t in english_claim)

    pick_language(w, "zh_CN")
    words = allowed_words(bridge.cluster) | FIELD_WORDS
    quotes = quoted_events(bridge.cluster)
    texts = shown_texts(why)
    hints = [t for t in why.texts if t.startswith("→ 提示")]
    assert len(hints) == len(exp.hints) and all(CJK.search(h.removeprefix("→ 提示")) for h in hints)
    assert not any(hint in t for hint in exp.hints for t in texts)
    table = why.tables[0]
    assert table.cell_text("pv0002", "result") == "✗ 不匹配\n提供 ROX;claim 需要 RWO"
    assert table.cell_text("pv0001", "result").endswith("claimRef:已绑定到 default/www-web-0")
    assert table.cell_text("pv0004", "result").endswith('class 不同:"nfs-nginx" ≠ "nfs"')
    blocking = next(t for t in why.texts if t.startswith("⚠"))
    assert "没有匹配的 PersistentVolume" in blocking
    assert 'storageclass.storage.k8s.io "nfs" not found' in blocking  # the event, quoted
    left = {t: english_sentences(t, words, quotes) for t in texts}
    assert not {t: runs for t, runs in left.items() if runs}
    assert not w.grab().isNull()

    # A Released PV: what holds it and its hints in Chinese, the command as typed.
    bridge.run_command("kubectl delete statefulset web")
    bridge.run_command("kubectl delete pvc www-web-0")
    w.actions_["settle"].trigger()
    w.select_object("PersistentVolume", "", "pv0001")
    w.inspector.show_tab("Why")
    volume = explain_volume(bridge.cluster, "pv0001")
    assert volume.phase == "Released"
    texts = shown_texts(why)
    holding = next(t for t in why.texts if volume.holding_message and "claimRef 仍然指向" in t)
    assert "default/www-web-0" in holding and "Retain 策略让它保持 Released" in holding
    assert volume.action in why.action_button.text()
    assert len([t for t in why.texts if t.startswith("→ 提示")]) == len(volume.hints) == 2
    quotes = quoted_events(bridge.cluster)
    words |= allowed_words(bridge.cluster)
    left = {t: english_sentences(t, words, [*quotes, volume.action]) for t in texts}
    assert not {t: runs for t, runs in left.items() if runs}
    assert not w.grab().isNull()

    # Back to English: the engine's own sentences, exactly.
    pick_language(w, "en")
    texts = shown_texts(why)
    assert not any(CJK.search(t) for t in texts)
    assert f"What holds it: {volume.holding}" in why.texts
    assert [t.removeprefix("→ Hint: ") for t in why.texts if t.startswith("→ Hint: ")] == \
        list(volume.hints)
    w.select_object("PersistentVolumeClaim", "default", "www-web-1")
    exp = explain_claim(bridge.cluster, "default", "www-web-1")
    assert [t.removeprefix("→ Hint: ") for t in why.texts if t.startswith("→ Hint: ")] == \
        list(exp.hints)
    assert f"⚠ Why not bound: {exp.blocking_reason}" in why.texts
    results = [why.tables[0].cell_text(v.volume, "result") for v in exp.verdicts]
    assert results == [f"✗ rejected\n{v.summary}" for v in exp.verdicts]
    assert not any(CJK.search(t) for t in shown_texts(why))
    assert not w.grab().isNull()


def test_english_sentences_are_found(qtbot, tmp_path):
    """The detector the Chinese checks rely on does see the engine's English."""
    w = make(qtbot, tmp_path)
    w.select_object("PersistentVolumeClaim", "default", "www-web-1")
    w.inspector.show_tab("Why")
    words = allowed_words(w.bridge.cluster) | FIELD_WORDS
    found = [t for t in shown_texts(w.inspector.why)
             if english_sentences(t, words, quoted_events(w.bridge.cluster))]
    assert len(found) >= 8  # hints, summaries, the reason, the title...
    assert not w.grab().isNull()


def test_why_panel_retranslate_redraws_the_same_object(qtbot, tmp_path):
    w = make(qtbot, tmp_path)
    why = w.inspector.why
    w.select_object("PersistentVolumeClaim", "default", "www-web-1")
    w.inspector.show_tab("Why")
    before = list(why.texts)
    assert i18n.install("zh_CN")
    why.retranslate()
    assert len(why.texts) == len(before) and why.texts != before
    assert all(CJK.search(t) for t in why.texts if t.startswith("→"))
    i18n.install("en")
    why.retranslate()
    assert why.texts == before
    assert not why.grab().isNull()
