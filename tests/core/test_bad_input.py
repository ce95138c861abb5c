"""Bad input: one clear error with file and line, bounded time and memory, nothing lost.

Each case loads the text the way ``kubectl apply`` will (per-document errors collected),
creates the valid objects through the API server, and checks that exactly one error
names the file and the right line, and that the cluster kept what it had.
"""

from __future__ import annotations

import re

import pytest

from core import manifests
from core.cluster import Cluster
from core.errors import ApiError, ManifestError
from core.manifests import load_path, load_text

GOOD_PV = """apiVersion: v1
kind: PersistentVolume
metadata:
  name: good
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  nfs:
    server: 10.0.0.1
    path: /nfs/good
"""


def cluster_with_existing() -> Cluster:
    cluster = Cluster()
    for ns in ("default",):
        if cluster.store.get("Namespace", "", ns) is None:
            cluster.api.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
    cluster.api.create({"apiVersion": "v1", "kind": "PersistentVolume",
                        "metadata": {"name": "existing"},
                        "spec": {"capacity": {"storage": "5Gi"}, "accessModes": ["ReadWriteMany"],
                                 "nfs": {"server": "10.0.0.1", "path": "/nfs/existing"}}})
    return cluster


def apply(cluster: Cluster, text: str | bytes, source: str = "bad.yaml") -> list[str]:
    """Load and create like kubectl apply; return every error as ``file:line: message``."""
    errors: list[ManifestError] = []
    messages: list[str] = []
    try:
        docs = load_text(text, source, errors)
    except ManifestError as exc:
        return [str(exc)]
    messages.extend(str(e) for e in errors)
    for doc in docs:
        try:
            cluster.api.create(doc.obj)
        except ApiError as exc:
            messages.append(f"{doc.source}:{doc.line_for(exc)}: {exc}")
    return messages


def objects(cluster: Cluster) -> dict[tuple[str, str, str], dict]:
    return {(o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"]): o
            for o in cluster.manifests()}


def check(text: str | bytes, line: int | None, pattern: str, *, created: tuple[str, ...] = (),
          source: str = "bad.yaml") -> str:
    cluster = cluster_with_existing()
    before = objects(cluster)
    messages = apply(cluster, text, source)
    assert len(messages) == 1, messages
    message = messages[0]
    where = f"{source}:{line}: " if line is not None else f"{source}: "
    assert message.startswith(where), message
    assert re.search(pattern, message), message
    assert "Traceback" not in message
    after = objects(cluster)
    for key, obj in before.items():
        assert after[key] == obj  # nothing that was there is lost or changed
    assert sorted(k[2] for k in set(after) - set(before)) == sorted(created)
    return message


def with_good(bad: str) -> str:
    return GOOD_PV + "---\n" + bad


BAD_LINE = GOOD_PV.count("\n") + 2  # first line of the document after the good one


# ---- malformed YAML --------------------------------------------------------------------------------
@pytest.mark.parametrize(("bad", "offset", "pattern"), [
    ("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: a: b\n", 3,
     r"invalid YAML: mapping values are not allowed"),
    ("apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: 'open\n", 3,
     r"invalid YAML: found unexpected end of stream .*quoted scalar that starts at line"),
    ("apiVersion: v1\nkind: PersistentVolume\nspec:\n\t- a\n", 3,
     r"invalid YAML: found character that cannot start any token"),
    ("apiVersion: v1\nkind: PersistentVolume\nspec: [a, b\n", 3,
     r"invalid YAML: did not find expected ',' or '\]'"),
    ("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: a\n  name: b\n", 4,
     r'mapping key "name" already defined at line ' + str(BAD_LINE + 3)),
    ("apiVersion: v1\nkind: PersistentVolume\nspec: !custom {a: 1}\n", 2,
     r"unknown tag '!custom'"),
    ("apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: \x07}\n", 2,
     r"unacceptable character #x0007"),
    ("apiVersion: v1\nkind: PersistentVolume\nspec: &a {x: *a}\n", 2,
     r"anchor 'a' refers to itself"),
    ("apiVersion: v1\nkind: PersistentVolume\nspec: *nowhere\n", 2,
     r"unknown anchor 'nowhere'"),
])
def test_malformed_yaml(bad, offset, pattern):
    check(with_good(bad), BAD_LINE + offset, pattern, created=("good",))


def test_malformed_yaml_does_not_hide_later_documents():
    text = ("apiVersion: v1\nkind: PersistentVolume\nmetadata: [\n---\n" + GOOD_PV)
    check(text, 4, r"invalid YAML", created=("good",))


def test_deep_nesting_is_refused_quickly():
    check(with_good("x: " + "[" * 5000 + "]" * 5000 + "\n"), BAD_LINE, r"invalid YAML: .*(deep|depth)",
          created=("good",))


def test_alias_bomb_is_refused():
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: lol}",
             'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    bomb = "\n".join(lines) + "\n"
    message = check(with_good(bomb), BAD_LINE + 7,
                    r'aliases expand to more than \d+ values \(a "billion laughs"',
                    created=("good",))
    assert "refused" in message


def test_alias_bomb_limit_is_counted_not_timed(monkeypatch):
    monkeypatch.setattr(manifests, "MAX_ALIAS_EXPANSION", 50)
    text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\na: &a [1,2,3,4,5,6,7,8,9,10]\n" \
           "b: [*a, *a, *a, *a, *a, *a]\n"
    errors: list[ManifestError] = []
    assert load_text(text, "small.yaml", errors) == []
    assert "more than 50 values" in str(errors[0]) and str(errors[0]).startswith("small.yaml:5:")


def test_modest_aliases_are_fine():
    text = ("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  labels: &l {a: b}\n"
            "  annotations: *l\n")
    (doc,) = load_text(text, "ok.yaml")
    assert doc.obj["metadata"]["annotations"] == {"a": "b"}


# ---- documents that are not objects --------------------------------------------------------------
@pytest.mark.parametrize(("bad", "pattern"), [
    ("just a string\n", r"this document is a string, not an object"),
    ("- apiVersion: v1\n  kind: PersistentVolume\n", r"this document is an array, not an object"),
    ("42\n", r"this document is a number"),
])
def test_document_not_a_mapping(bad, pattern):
    check(with_good(bad), BAD_LINE, pattern, created=("good",))


def test_list_item_not_a_mapping():
    text = "apiVersion: v1\nkind: List\nitems:\n- " + GOOD_PV.replace("\n", "\n  ").rstrip() + \
        "\n- just text\n"
    check(text, text.count("\n"), r"an item of this List is a string", created=("good",))


# ---- kinds and versions --------------------------------------------------------------------------------
@pytest.mark.parametrize(("bad", "offset", "pattern"), [
    ("apiVersion: v1\nkind: PersistentVolumeClam\nmetadata: {name: x}\n", 1,
     r'no matches for kind "PersistentVolumeClam" in version "v1"$'),
    ("apiVersion: apps/v1\nkind: PersistentVolume\nmetadata: {name: x}\n", 1,
     r'no matches for kind "PersistentVolume" in version "apps/v1"$'),
    ("apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata: {name: x}\n", 1,
     r'no matches for kind "StatefulSet" in version "apps/v1beta1"$'),
    ("apiVersion: v1\nmetadata: {name: x}\n", 0,
     r"""Object 'Kind' is missing in '\{"apiVersion":"v1","metadata":\{"name":"x"\}\}'$"""),
    ("kind: PersistentVolume\nmetadata: {name: x}\n", 0,
     r"Object 'apiVersion' is missing in"),
    ("apiVersion: v1\nkind: [PersistentVolume]\n", 1,
     r"json: cannot unmarshal array into Go struct field \.kind of type string"),
])
def test_unknown_or_missing_kind(bad, offset, pattern):
    check(with_good(bad), BAD_LINE + offset, pattern, created=("good",))


# ---- wrong types, bad quantities, unknown fields (decoded by the API server) -----------------------------
PV_HEAD = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: x\nspec:\n"
NFS = "  nfs: {server: s, path: /p}\n"


@pytest.mark.parametrize(("spec", "offset", "pattern"), [
    ("  accessModes: ReadWriteOnce\n  capacity: {storage: 1Gi}\n" + NFS, 5,
     r'PersistentVolume in version "v1" cannot be handled as a PersistentVolume: json: cannot '
     r"unmarshal string into Go struct field PersistentVolumeSpec\.spec\.accessModes of type "
     r"\[\]v1\.PersistentVolumeAccessMode"),
    ("  accessModes: [ReadWriteOnce]\n  capacity: 1Gi\n" + NFS, 6,
     r"cannot unmarshal string into Go struct field PersistentVolumeSpec\.spec\.capacity of "
     r"type v1\.ResourceList"),
    ("  accessModes: [ReadWriteOnce]\n  capacity: {storage: 1Gi}\n  nfs: {server: s, path: /p,"
     " readOnly: 'yes'}\n", 7,
     r"cannot unmarshal string into Go struct field NFSVolumeSource\.spec\.nfs\.readOnly of "
     r"type bool"),
    ("  accessModes: [ReadWriteOnce]\n  capacity: {storage: 1GB}\n" + NFS, 6,
     r"cannot be handled as a PersistentVolume: quantities must match the regular expression "
     r"'\^\(\[\+-\]\?\[0-9\.\]\+\)"),
    ("  accessModes: [ReadWriteOnce]\n  capacity: {storage: 1.5.5Gi}\n" + NFS, 6,
     r"unable to parse|quantities must match"),
    ("  accesModes: [ReadWriteOnce]\n  capacity: {storage: 1Gi}\n" + NFS, 5,
     r'strict decoding error: unknown field "spec\.accesModes"$'),
])
def test_wrong_types_and_bad_quantities(spec, offset, pattern):
    message = check(with_good(PV_HEAD + spec), BAD_LINE + offset, pattern, created=("good",))
    assert "Error from server (BadRequest)" in message


def test_wrong_type_in_metadata_labels():
    bad = ("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: x\n  labels:\n"
           "    enabled: yes\nspec: {}\n")
    check(with_good(bad), BAD_LINE + 5,
          r"cannot unmarshal bool into Go struct field ObjectMeta\.metadata\.labels of type "
          r"string", created=("good",))


@pytest.mark.parametrize(("storage", "pattern"), [
    ("-1Gi", r'spec\.capacity\[storage\]: Invalid value: "-1Gi": must be greater than zero'),
    ("0", r'spec\.capacity\[storage\]: Invalid value: "0": must be greater than zero'),
    ("1e999", r"cannot be handled as a PersistentVolume: (unable to parse|quantities)"),
    (".inf", r"cannot be handled as a PersistentVolume: quantities must match"),
])
def test_negative_or_absurd_quantities(storage, pattern):
    spec = f"  accessModes: [ReadWriteOnce]\n  capacity:\n    storage: {storage}\n" + NFS
    check(with_good(PV_HEAD + spec), BAD_LINE + 7, pattern, created=("good",))


def test_huge_but_valid_quantity_is_accepted_exactly():
    spec = "  accessModes: [ReadWriteOnce]\n  capacity:\n    storage: 800E\n" + NFS
    cluster = cluster_with_existing()
    assert apply(cluster, PV_HEAD + spec) == []
    assert cluster.get("PersistentVolume", "", "x")["spec"]["capacity"]["storage"] == "800E"


def test_validation_error_points_at_the_field():
    spec = ("  capacity: {storage: 1Gi}\n" + NFS + "  accessModes:\n  - ReadWriteOnce\n"
            "  - ReadOnlyManyy\n")
    check(with_good(PV_HEAD + spec), BAD_LINE + 9,
          r'The PersistentVolume "x" is invalid: spec\.accessModes: Unsupported value: '
          r'"ReadOnlyManyy": supported values: "ReadOnlyMany", "ReadWriteMany", '
          r'"ReadWriteOnce", "ReadWriteOncePod"$', created=("good",))


# ---- duplicate names in one apply --------------------------------------------------------------------------
def test_duplicate_names_in_one_file_keep_the_first():
    docs = load_text(GOOD_PV + "---\n" + GOOD_PV.replace("10.0.0.1", "10.0.0.2"), "dup.yaml")
    assert docs[0].key() == docs[1].key() == ("PersistentVolume", "", "good")
    cluster = cluster_with_existing()
    message = check(GOOD_PV + "---\n" + GOOD_PV.replace("10.0.0.1", "10.0.0.2"), BAD_LINE,
                    r'persistentvolumes "good" already exists', created=("good",),
                    source="bad.yaml")
    assert "AlreadyExists" in message
    del cluster


# ---- not text, too big ------------------------------------------------------------------------------------
def test_binary_file_with_nul_bytes():
    check(b"apiVersion: v1\nkind: PersistentVolume\x00\x01\x02\n", 2,
          r"is not a text file \(it contains NUL bytes\)")


def test_undecodable_file():
    check(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", 1, r"is not a text file \(invalid UTF-8")


def test_binary_path(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(ManifestError) as exc:
        load_path(path, [])
    assert str(exc.value).startswith(f"{path}:1: is not a text file")


def test_very_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.truncate(manifests.MAX_MANIFEST_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(ManifestError) as exc:
        load_path(path, [])
    assert str(exc.value) == (f"{path}: is too large (50.0 MiB); manifests larger than 50 MiB "
                              "are refused")


def test_very_large_text_is_refused():
    check("#" * (manifests.MAX_MANIFEST_BYTES + 1), None, r"is too large \(50\.0 MiB\)")


# ---- JSON -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "line", "pattern"), [
    ('{"apiVersion": "v1",\n "kind": "PersistentVolume",\n "metadata": {"name": "x",}\n}', 3,
     r"invalid JSON: Expecting property name enclosed in double quotes \(column 27\)"),
    ('{"apiVersion": "v1",\n "kind": "Namespace",\n "metadata": {"name": "x",\n  "name": "y"}}', 4,
     r'invalid JSON: duplicate field "name"'),
    ('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NaN}}', 1,
     r"invalid JSON: NaN is not valid JSON"),
    ('{"apiVersion": "v1", "kind": "Namespace"\n', 2, r"invalid JSON: Expecting ',' delimiter"),
])
def test_json_errors_have_lines(text, line, pattern):
    check(text, line, pattern, source="bad.json")


def test_json_stream_keeps_documents_before_an_error():
    good = ('{"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "good"}, '
            '"spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], '
            '"nfs": {"server": "s", "path": "/p"}}}\n')
    check(good + "{oops}\n", 2, r"invalid JSON", created=("good",), source="bad.json")


def test_errors_are_raised_without_a_list():
    with pytest.raises(ManifestError) as exc:
        load_text(with_good("apiVersion: v1\nkind: Nope\n"), "raise.yaml")
    assert str(exc.value) == f'raise.yaml:{BAD_LINE + 1}: no matches for kind "Nope" in version "v1"'


# ---- never a traceback: random damage to valid objects and random text --------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from core.admission import admit_create  # noqa: E402
from core.defaults import apply_defaults  # noqa: E402
from core.store import Store  # noqa: E402
from core.validation import DecodeError, validate  # noqa: E402

VALID_OBJECTS = [
    *(d.obj for d in load_text(GOOD_PV, "good.yaml")),
    {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c", "namespace": "d"},
     "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
              "resources": {"requests": {"storage": "1Gi"}},
              "selector": {"matchLabels": {"a": "b"}}}},
    {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "s"},
     "provisioner": "example.com/nfs", "parameters": {"server": "x"}},
    {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web", "namespace": "d"},
     "spec": {"selector": {"matchLabels": {"app": "w"}}, "serviceName": "w", "replicas": 2,
              "template": {"metadata": {"labels": {"app": "w"}}, "spec": {"containers": [
                  {"name": "c", "image": "i", "ports": [{"containerPort": 80}],
                   "volumeMounts": [{"name": "www", "mountPath": "/w"}]}]}},
              "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {
                  "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}},
    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "d"},
     "spec": {"containers": [{"name": "c", "image": "i"}],
              "volumes": [{"name": "v", "persistentVolumeClaim": {"claimName": "c"}}]}},
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "d"},
     "spec": {"clusterIP": "None", "selector": {"a": "b"}, "ports": [{"port": 80}]}},
    {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"},
     "spec": {"taints": [{"key": "k", "effect": "NoSchedule"}]}},
    {"apiVersion": "simulator.pvgraph.dev/v1alpha1", "kind": "NFSServer",
     "metadata": {"name": "nfs"}, "spec": {"address": "10.0.0.1", "exports": [{"path": "/x"}],
                                           "directories": ["/x/a"]}},
]

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(VALID_OBJECTS), st.data())
def test_random_damage_never_crashes_the_api_pipeline(base, data):
    paths = [p for p in _paths(base) if p and p[0] not in ("kind",)]
    path = data.draw(st.sampled_from(paths))
    damaged = _replace(base, path, data.draw(JSON_VALUES))
    try:
        defaulted = apply_defaults(damaged)
        errors = validate(defaulted, None)
        assert all(str(e) for e in errors)
        admit_create(defaulted, Store(lambda: 0))
        validate(defaulted, apply_defaults(base))
    except DecodeError as exc:
        assert str(exc).startswith("Error from server (BadRequest): ")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_random_text_gives_documents_or_one_manifest_error(text):
    errors: list[ManifestError] = []
    try:
        docs = load_text(text, "fuzz.yaml", errors)
    except ManifestError as exc:
        assert str(exc).startswith("fuzz.yaml")
        return
    for doc in docs:
        assert isinstance(doc.obj, dict) and doc.line >= 1
        assert doc.line_of("spec.x[0]") >= 1
    assert all(str(e).startswith("fuzz.yaml:") for e in errors)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "apiVersion: v1", "kind: PersistentVolume", "kind: List", "items:", "- a", "- {b: 1}",
    "metadata:", "  name: x", "  name: y", "---", "spec: &a [1]", "x: *a", "y: [*a, *a]",
    "  - kind: Pod", "{", "}", "'", "key: value", "\t", "<<: {a: 1}", "!!int x", "? [a]",
]), max_size=12))
def test_random_yaml_fragments_never_crash(lines):
    errors: list[ManifestError] = []
    try:
        load_text("\n".join(lines) + "\n", "frag.yaml", errors)
    except ManifestError:
        pass
