"""kubectl's formatting primitives: Go's tabwriter, HumanDuration, -o yaml/json/name."""

from __future__ import annotations

import json

import pytest
import yaml

from core.kubectl.duration import human_duration, rfc1123z, since
from core.kubectl.output import list_object, to_json, to_name, to_yaml
from core.kubectl.tabwriter import DESCRIBE_WRITER, TABLE_WRITER, TabWriter

SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
YEAR = 365 * DAY


# ---- tabwriter ------------------------------------------------------------------------------
def test_table_writer_pads_three_spaces_and_six_columns_minimum():
    text = "NAME\tREADY\tAGE\nweb-0\t1/1\t5s\n"
    assert TABLE_WRITER.format(text) == ("NAME    READY   AGE\n"
                                         "web-0   1/1     5s\n")


def test_last_cell_of_a_line_is_not_padded():
    assert TABLE_WRITER.format("A\tB\nx\t\n") == "A     B\nx     \n"


def test_short_columns_take_the_minimum_width():
    # "A" + 3 padding is 4 < 6: the column is 6 wide, as in kubectl's AGE-like columns.
    assert TABLE_WRITER.format("A\tB\tC\n") == "A     B     C\n"


def test_a_line_without_the_column_ends_the_block():
    # Go aligns columns per block of consecutive lines: "Source:" has no tab, so the
    # lines after it align among themselves (describe's nested sections).
    text = ("Name:\tpv0001\nReclaim Policy:\tRetain\nSource:\n"
            "    Type:\tNFS\n    ReadOnly:\tfalse\nEvents:\t<none>\n")
    assert DESCRIBE_WRITER.format(text) == (
        "Name:            pv0001\n"
        "Reclaim Policy:  Retain\n"
        "Source:\n"
        "    Type:      NFS\n"
        "    ReadOnly:  false\n"
        "Events:        <none>\n")


def test_nested_columns_are_aligned_inside_their_block():
    writer = TabWriter(minwidth=0, padding=1)
    text = "a\tb\tc\naa\tbbbb\tc\nx\ny\tz\n"
    assert writer.format(text) == "a  b    c\naa bbbb c\nx\ny z\n"


def test_empty_cells_are_padded_like_go():
    assert DESCRIBE_WRITER.format("Claim:\t\nName:\tx\n") == "Claim:  \nName:   x\n"


# ---- durations ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("ms", "want"), [
    (SECOND, "1s"), (70 * SECOND, "70s"), (190 * SECOND, "3m10s"), (70 * MINUTE, "70m"),
    (47 * HOUR, "47h"), (49 * HOUR, "2d1h"), ((8 * 24 + 2) * HOUR, "8d"),
    (367 * DAY, "367d"), ((365 * 2 * 24 + 25) * HOUR, "2y1d"), ((365 * 8 * 24 + 2) * HOUR, "8y"),
])
def test_human_duration(ms, want):
    """apimachinery duration_test.go TestHumanDuration."""
    assert human_duration(ms) == want


@pytest.mark.parametrize(("ms", "want"), [
    (-2 * SECOND, "<invalid>"), (-2 * SECOND + 1, "0s"), (0, "0s"), (SECOND - 1, "0s"),
    (2 * MINUTE - 1, "119s"), (2 * MINUTE, "2m"), (2 * MINUTE + SECOND, "2m1s"),
    (10 * MINUTE - 1, "9m59s"), (10 * MINUTE, "10m"), (10 * MINUTE + SECOND, "10m"),
    (3 * HOUR - 1, "179m"), (3 * HOUR, "3h"), (3 * HOUR + MINUTE, "3h1m"),
    (8 * HOUR - 1, "7h59m"), (8 * HOUR, "8h"), (8 * HOUR + 59 * MINUTE, "8h"),
    (2 * DAY - 1, "47h"), (2 * DAY, "2d"), (2 * DAY + HOUR, "2d1h"), (8 * DAY - 1, "7d23h"),
    (8 * DAY, "8d"), (8 * DAY + 23 * HOUR, "8d"), (2 * YEAR - 1, "729d"), (2 * YEAR, "2y"),
    (2 * YEAR + 23 * HOUR, "2y"), (2 * YEAR + DAY - 1, "2y"), (2 * YEAR + DAY, "2y1d"),
    (3 * YEAR, "3y"), (8 * YEAR - 1, "7y364d"), (8 * YEAR, "8y"), (9 * YEAR, "9y"),
])
def test_human_duration_boundaries(ms, want):
    """apimachinery duration_test.go TestHumanDurationBoundaries."""
    assert human_duration(ms) == want


def test_since_uses_the_simulated_clock_and_unknown_for_missing():
    assert since("2025-01-01T00:00:00Z", 45 * SECOND) == "45s"
    assert since(None, 0) == "<unknown>"
    assert since("yesterday", 0) == "<unknown>"


def test_rfc1123z():
    assert rfc1123z("2025-01-01T00:00:03Z") == "Wed, 01 Jan 2025 00:00:03 +0000"
    assert rfc1123z(None) == "Mon, 01 Jan 0001 00:00:00 +0000"


# ---- -o yaml ------------------------------------------------------------------------------------
PV = {
    "apiVersion": "v1", "kind": "PersistentVolume",
    "metadata": {"name": "pv0001", "creationTimestamp": "2025-01-01T00:00:00Z",
                 "resourceVersion": "12", "finalizers": ["kubernetes.io/pv-protection"],
                 "annotations": {"pv.kubernetes.io/bound-by-controller": "yes"}},
    "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
             "nfs": {"server": "192.168.6.189", "path": "/nfs/pv1"}},
    "status": {"phase": "Bound"},
}


def test_yaml_sorts_keys_quotes_like_go_yaml_and_does_not_indent_lists():
    assert to_yaml(PV) == """\
apiVersion: v1
kind: PersistentVolume
metadata:
  annotations:
    pv.kubernetes.io/bound-by-controller: "yes"
  creationTimestamp: "2025-01-01T00:00:00Z"
  finalizers:
  - kubernetes.io/pv-protection
  name: pv0001
  resourceVersion: "12"
spec:
  accessModes:
  - ReadWriteOnce
  capacity:
    storage: 1Gi
  nfs:
    path: /nfs/pv1
    server: 192.168.6.189
status:
  phase: Bound
"""


@pytest.mark.parametrize(("value", "line"), [
    ("", 'v: ""'), ("true", 'v: "true"'), ("on", 'v: "on"'), ("null", 'v: "null"'),
    ("1e3", 'v: "1e3"'), ("0x1F", 'v: "0x1F"'), ("1:20", 'v: "1:20"'), ("2025-01-01", 'v: "2025-01-01"'),
    ("a: b", "v: 'a: b'"), ("*star", "v: '*star'"), ("- dash", "v: '- dash'"),
    ("plain text", "v: plain text"), ("kubernetes.io/pvc-protection", "v: kubernetes.io/pvc-protection"),
    ("10.244.1.2", "v: 10.244.1.2"), ("1Gi", "v: 1Gi"), (".5", 'v: ".5"'),
])
def test_yaml_string_styles(value, line):
    assert to_yaml({"v": value}).rstrip("\n") == line


def test_yaml_scalars_and_empty_collections():
    text = to_yaml({"a": 3, "b": True, "c": None, "d": [], "e": {}})
    assert text == "a: 3\nb: true\nc: null\nd: []\ne: {}\n"


def test_yaml_multiline_strings_are_literal_blocks():
    text = to_yaml({"last": '{"a":1}\n', "two": "x\ny"})
    assert text == 'last: |\n  {"a":1}\ntwo: |-\n  x\n  y\n'


def test_yaml_folds_long_plain_strings_at_80_columns():
    message = ("0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. "
               "preemption: 0/2 nodes are available: 2 Preemption is not helpful.")
    text = to_yaml({"message": message})
    assert text.splitlines()[0].endswith("PersistentVolumeClaims.")
    assert yaml.safe_load(text)["message"] == message


def test_yaml_key_order_is_go_yamls_natural_order():
    keys = ["b10", "b9", "a", "B", "_x", "a-b", "ab"]
    text = to_yaml(dict.fromkeys(keys, 1))
    assert [line.split(":")[0] for line in text.splitlines()] == [
        "_x", "B", "a", "a-b", "ab", "b9", "b10"]


def test_yaml_round_trips_to_the_same_data():
    assert yaml.safe_load(to_yaml(PV)) == PV


# ---- -o json ----------------------------------------------------------------------------------------
def test_json_is_go_marshal_indent_with_sorted_keys_and_html_escapes():
    text = to_json({"kind": "X", "a": "<none> & more", "list": []})
    assert text == ('{\n    "a": "\\u003cnone\\u003e \\u0026 more",\n    "kind": "X",\n'
                    '    "list": []\n}\n')
    assert json.loads(text)["a"] == "<none> & more"


def test_list_object_is_always_a_list():
    assert to_json(list_object([])) == ('{\n    "apiVersion": "v1",\n    "items": [],\n'
                                        '    "kind": "List",\n    "metadata": {\n'
                                        '        "resourceVersion": ""\n    }\n}\n')
    assert to_yaml(list_object([])) == ('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n'
                                        '  resourceVersion: ""\n')


@pytest.mark.parametrize(("kind", "name"), [
    ("PersistentVolume", "persistentvolume/x"), ("StatefulSet", "statefulset.apps/x"),
    ("StorageClass", "storageclass.storage.k8s.io/x"),
    ("NFSServer", "nfsserver.simulator.pvgraph.dev/x"),
])
def test_name_output(kind, name):
    assert to_name({"kind": kind, "metadata": {"name": "x"}}) == name


def test_c_and_python_emitters_write_the_same_text():
    from core.kubectl import output

    class PythonDumper(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    for kind, represent in output._GoYamlDumper.yaml_representers.items():
        PythonDumper.add_representer(kind, represent)
    PythonDumper.yaml_implicit_resolvers = {}
    doc = dict(PV, status={"message": "x: y " * 30, "empty": "", "quote": "it's \"q\"",
                           "unicode": "ünï", "list": [], "map": {}, "none": None,
                           "multi": "a\nb\n"})
    python = yaml.dump(doc, Dumper=PythonDumper, default_flow_style=False, allow_unicode=True,
                       width=80, indent=2, sort_keys=False)
    assert to_yaml(doc) == python
