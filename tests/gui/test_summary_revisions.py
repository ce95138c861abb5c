"""The inspector's summary of a StatefulSet names its ControllerRevisions: how many are
kept, the current one, and the one being rolled out."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

PATCH = ("kubectl patch statefulset web --type=json -p '[{\"op\": \"replace\", \"path\": "
         "\"/spec/template/spec/containers/0/image\", \"value\": \"nginx:1.28\"}]'")


def summary_texts(window) -> dict[str, str]:
    form = window.inspector.form
    out = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, form.ItemRole.LabelRole).widget()
        value = form.itemAt(row, form.ItemRole.FieldRole).widget()
        if isinstance(label, QLabel) and isinstance(value, QLabel):
            out[label.text().rstrip(":")] = value.text()
    return out


def test_statefulset_summary_names_its_revisions(window):
    cluster = window.bridge.cluster
    window.select_object("StatefulSet", "default", "web")
    window.inspector.show_tab("Summary")
    first = cluster.get("StatefulSet", "default", "web")["status"]["currentRevision"]
    assert summary_texts(window)["Revisions"] == f"1 kept · current {first} (#1)"
    window.run_command(PATCH)
    cluster.drain()  # no time passes: revision 2 is recorded and the roll-out starts
    window.inspector.refresh()
    update = cluster.get("StatefulSet", "default", "web")["status"]["updateRevision"]
    assert update != first
    assert summary_texts(window)["Revisions"] == \
        f"2 kept · current {first} (#1)\nrolling out {update} (#2)"
    assert not window.grab().isNull()
