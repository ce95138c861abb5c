"""Reading manifests: documents, Lists, JSON, scalars as Kubernetes reads them, positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from core.errors import ManifestError
from core.manifests import Document, load_path, load_text, split_path

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def one(text: str, source: str = "m.yaml") -> Document:
    docs = load_text(text, source)
    assert len(docs) == 1
    return docs[0]


def test_seed_pvs_load_with_lines():
    path = SEED / "seed-pvs.yaml"
    if not path.exists():
        pytest.skip("seed not available")
    docs = load_path(path)
    assert [d.name for d in docs] == ["pv0001", "pv0002", "pv0003", "pv0004"]
    assert [d.line for d in docs] == [3, 19, 35, 51]
    pv2 = docs[1]
    lines = path.read_text().splitlines()
    assert lines[pv2.line_of("spec.accessModes[0]") - 1].strip() == "- ReadOnlyMany"
    assert lines[pv2.line_of("spec.capacity[storage]") - 1].strip() == "storage: 2Gi"
    assert lines[pv2.line_of("spec.nfs.server") - 1].strip() == "server: 192.168.6.189"
    assert all(d.source == str(path) for d in docs)


def test_multi_document_yaml_skips_empty_documents():
    text = ("---\n# nothing here\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n"
            "---\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n...\n")
    docs = load_text(text, "ns.yaml")
    assert [(d.name, d.line, d.index) for d in docs] == [("a", 4, 0), ("b", 10, 1)]


def test_yaml_and_pyyaml_agree_on_ordinary_manifests():
    text = (SEED / "seed-web.yaml").read_text() if (SEED / "seed-web.yaml").exists() else (
        "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 80}]}\n")
    ours = [d.obj for d in load_text(text, "web.yaml")]
    assert ours == [d for d in yaml.safe_load_all(text) if d]


def test_kind_list_expands_items_with_their_lines():
    text = """apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: v1
  kind: PersistentVolume
  metadata:
    name: a
  spec:
    accessModes:
    - ReadWriteOnce
- apiVersion: v1
  kind: PersistentVolumeClaim
  metadata:
    name: b
    namespace: team
  spec:
    resources:
      requests:
        storage: 1Gi
  status:
    phase: Bound
"""
    docs = load_text(text, "list.yaml")
    assert [(d.kind, d.name, d.item, d.line) for d in docs] == [
        ("PersistentVolume", "a", 0, 6), ("PersistentVolumeClaim", "b", 1, 13)]
    assert docs[0].line_of("spec.accessModes[0]") == 12
    assert docs[1].line_of("spec.resources.requests.storage") == 21
    assert docs[1].line_of("status.phase") == 23
    assert docs[1].obj["status"] == {"phase": "Bound"}
    assert docs[1].key() == ("PersistentVolumeClaim", "team", "b")
    assert docs[0].key() == ("PersistentVolume", "", "a")


def test_typed_list_items_take_kind_from_the_list():
    text = json.dumps({"apiVersion": "v1", "kind": "PersistentVolumeList",
                       "items": [{"metadata": {"name": "p"}, "spec": {}}]}, indent=1)
    (doc,) = load_text(text, "pvs.json")
    assert doc.kind == "PersistentVolume" and doc.api_version == "v1" and doc.name == "p"
    assert doc.line == 5


def test_json_stream_and_positions():
    text = ('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}\n'
            '{\n  "apiVersion": "v1",\n  "kind": "PersistentVolume",\n  "metadata": {\n'
            '    "name": "b"\n  },\n  "spec": {\n\t"accessModes": ["ReadWriteOnce"]\n  }\n}\n')
    docs = load_text(text, "x.json")
    assert [(d.name, d.line) for d in docs] == [("a", 1), ("b", 2)]
    assert docs[1].line_of("metadata.name") == 6
    assert docs[1].line_of("spec.accessModes[0]") == 9


def test_bytes_input_with_bom_and_utf16():
    body = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ü\n"
    assert one(("\ufeff" + body).encode("utf-8")).name == "ü"
    assert one(body.encode("utf-16")).name == "ü"


@pytest.mark.parametrize(("scalar", "value"), [
    ("yes", True), ("y", True), ("on", True), ("off", False), ("n", False), ("true", True),
    ("null", None), ("~", None), ("", None), ("12", 12), ("0x1F", 31), ("0777", 511),
    ("1_000", 1000), ("1.5", 1.5), ("1e3", 1000.0), ("1Gi", "1Gi"), ("'yes'", "yes"),
    ('"12"', "12"), ("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), ("!!str 12", "12"),
    ("!!int '7'", 7), ("1:30", "1:30"), (".inf", float("inf")),
])
def test_scalars_resolve_like_go_yaml_v2(scalar, value):
    doc = one(f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\nvalue: {scalar}\n")
    assert doc.obj["value"] == value
    assert type(doc.obj["value"]) is type(value)


def test_non_string_keys_become_strings_and_merge_keys_work():
    doc = one("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n"
              "base: &b {a: 1, b: 2}\nmerged:\n  <<: *b\n  b: 3\n  1: one\n  true: t\n")
    assert doc.obj["merged"] == {"a": 1, "b": 3, "1": "one", "true": "t"}


def test_line_of_falls_back_to_parent_then_document():
    doc = one("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: a\nspec:\n"
              "  accessModes: [ReadWriteOnce]\n")
    assert doc.line_of("spec.accessModes[0]") == 6
    assert doc.line_of("spec.accessModes[5]") == 6
    assert doc.line_of("spec.capacity[storage]") == 5
    assert doc.line_of("status.phase") == 1
    assert doc.line_of("") == 1


def test_line_for_uses_the_first_field_error():
    from core.validation import validate

    doc = one("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: a\nspec:\n"
              "  capacity: {storage: 1Gi}\n  nfs: {server: s, path: /x}\n  accessModes:\n"
              "  - ReadWriteOnce\n  - ReadOnlyManyy\n")
    errors = validate(doc.obj, None)
    assert [str(e) for e in errors] == [
        'spec.accessModes: Unsupported value: "ReadOnlyManyy": supported values: '
        '"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']

    class Invalid(Exception):
        field_errors = errors

    assert doc.line_for(Invalid()) == 10


@pytest.mark.parametrize(("path", "tokens"), [
    ("spec.accessModes[0]", ["spec", "accessModes", 0]),
    ("spec.resources[storage]", ["spec", "resources", "storage"]),
    ("metadata.annotations[storageclass.kubernetes.io/is-default-class]",
     ["metadata", "annotations", "storageclass.kubernetes.io/is-default-class"]),
    ("spec.template.spec.containers[1].ports[0].name",
     ["spec", "template", "spec", "containers", 1, "ports", 0, "name"]),
])
def test_split_path(path, tokens):
    assert split_path(path) == tokens


def test_load_path_reads_a_directory_like_kubectl(tmp_path):
    (tmp_path / "b.yaml").write_text("apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n")
    (tmp_path / "a.json").write_text('{"apiVersion": "v1", "kind": "Namespace", '
                                     '"metadata": {"name": "a"}}')
    (tmp_path / "notes.txt").write_text("not a manifest")
    docs = load_path(tmp_path)
    assert [(Path(d.source).name, d.name) for d in docs] == [("a.json", "a"), ("b.yaml", "b")]


def test_missing_path_says_so(tmp_path):
    with pytest.raises(ManifestError) as exc:
        load_path(tmp_path / "nope.yaml")
    assert 'the path "' in str(exc.value) and 'does not exist' in str(exc.value)


def test_documents_share_no_mutable_state_with_later_loads():
    text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n"
    first = one(text)
    second = one(text)
    assert first.obj == second.obj and first.obj is not second.obj


def test_many_documents_match_pyyaml_and_keep_lines():
    doc = ("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv{i}\nspec:\n"
           "  capacity:\n    storage: {i}Gi\n  accessModes:\n  - ReadWriteOnce\n"
           "  nfs:\n    server: 10.0.0.1\n    path: /nfs/{i}\n")
    text = "---\n".join(doc.format(i=i) for i in range(1, 400))
    docs = load_text(text, "many.yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert [d.obj for d in docs] == list(yaml.load_all(text, Loader=loader))
    assert docs[-1].line_of("spec.nfs.path") == text.count("\n")


def test_crlf_files_split_at_separators_too():
    text = ("apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: a}\r\n---\r\n"
            "apiVersion: v1\r\nkind: Namespace\r\nmetadata: [\r\n---\r\n"
            "apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: c}\r\n")
    errors: list[ManifestError] = []
    docs = load_text(text, "crlf.yaml", errors)
    assert [(d.name, d.line) for d in docs] == [("a", 1), ("c", 9)]
    assert len(errors) == 1 and str(errors[0]).startswith("crlf.yaml:8: invalid YAML")


def test_pure_python_parser_gives_the_same_answers(monkeypatch):
    from core import manifests

    text = ("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: a\nspec:\n"
            "  accessModes: [ReadWriteOnce]\n  capacity: {storage: 1Gi}\n---\n"
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\nflag: yes\nquoted: 'yes'\n")
    fast_errors: list[ManifestError] = []
    fast = load_text(text + "---\nbad: [\n", "p.yaml", fast_errors)
    monkeypatch.setattr(manifests, "_LOADER", yaml.SafeLoader)
    slow_errors: list[ManifestError] = []
    slow = load_text(text + "---\nbad: [\n", "p.yaml", slow_errors)
    assert [d.obj for d in slow] == [d.obj for d in fast]
    assert [d.line for d in slow] == [d.line for d in fast]
    assert slow[0].line_of("spec.capacity[storage]") == fast[0].line_of("spec.capacity[storage]")
    assert [e.line for e in slow_errors] == [e.line for e in fast_errors] == [16]
