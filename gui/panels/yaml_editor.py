"""Paste or type YAML and apply it (``kubectl apply -f -``).

Errors name the line; the editor puts the cursor there.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

translate = QCoreApplication.translate

EDITOR_SOURCE = "<editor>"

PLACEHOLDER = """# Paste manifests here and press Apply (Ctrl+Enter), e.g.
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv0005
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: nfs
  nfs:
    path: /nfs/pv5
    server: 192.168.6.189
"""

_LINE = re.compile(re.escape(EDITOR_SOURCE) + r":(\d+)")


class YamlEditor(QWidget):
    #: The text to apply; the window runs it through the bridge.
    apply_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QPlainTextEdit(self)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTabChangesFocus(False)
        layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 4)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.status, 1)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.editor.clear)
        row.addWidget(self.clear_button)
        self.apply_button = QPushButton(self)
        self.apply_button.clicked.connect(self.request_apply)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.request_apply)
        self.retranslate()

    def retranslate(self) -> None:
        self.editor.setPlaceholderText(PLACEHOLDER.replace(
            "# Paste manifests here and press Apply (Ctrl+Enter), e.g.",
            "# " + translate("YamlEditor", "Paste manifests here and press Apply (Ctrl+Enter), e.g.")))
        self.clear_button.setText(translate("YamlEditor", "Clear"))
        self.apply_button.setText(translate("YamlEditor", "Apply  (Ctrl+Enter)"))
        self.apply_button.setToolTip(translate("YamlEditor", "kubectl apply -f - with this text"))

    def set_text(self, text: str) -> None:
        self.editor.setPlainText(text)

    def text(self) -> str:
        return self.editor.toPlainText()

    def request_apply(self) -> None:
        text = self.text()
        if not text.strip():
            self.status.setText(translate("YamlEditor", "Nothing to apply: paste YAML first."))
            return
        self.apply_requested.emit(text)

    def show_result(self, output: str, ok: bool) -> None:
        """Show the apply's output; on an error, put the cursor on the line it names."""
        self.status.setText(("✓ " if ok else "✗ ") + (output.strip() or translate("YamlEditor", "applied")))
        if ok:
            return
        match = _LINE.search(output)
        if match:
            line = int(match.group(1))
            block = self.editor.document().findBlockByLineNumber(max(0, line - 1))
            if block.isValid():
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.LineUnderCursor)
                self.editor.setTextCursor(cursor)
                self.editor.centerCursor()
