"""Patch logic: RFC 7386 merge patch, RFC 6902 JSON patch, strategic merge, apply's 3-way."""

from __future__ import annotations

import pytest

from core.kubectl.patch import (
    PatchError,
    json_patch,
    merge_patch,
    strategic_merge_patch,
    three_way_patch,
)


# RFC 7386 appendix A, every example.
@pytest.mark.parametrize(("original", "patch", "result"), [
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    (["a", "b"], ["c", "d"], ["c", "d"]),
    ({"a": "b"}, ["c"], ["c"]),
    ({"a": "foo"}, None, None),
    ({"a": "foo"}, "bar", "bar"),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
])
def test_merge_patch_rfc7386_examples(original, patch, result):
    assert merge_patch(original, patch) == result


def test_merge_patch_clears_a_claim_ref_and_leaves_the_input_alone():
    pv = {"spec": {"claimRef": {"name": "www-web-0", "uid": "u1"}, "capacity": {"storage": "1Gi"}}}
    patched = merge_patch(pv, {"spec": {"claimRef": None}})
    assert patched == {"spec": {"capacity": {"storage": "1Gi"}}}
    assert "claimRef" in pv["spec"]


# RFC 6902 appendix A (the examples that apply to a JSON document).
RFC6902 = [
    ({"foo": "bar"}, [{"op": "add", "path": "/baz", "value": "qux"}],
     {"baz": "qux", "foo": "bar"}),
    ({"foo": ["bar", "baz"]}, [{"op": "add", "path": "/foo/1", "value": "qux"}],
     {"foo": ["bar", "qux", "baz"]}),
    ({"baz": "qux", "foo": "bar"}, [{"op": "remove", "path": "/baz"}], {"foo": "bar"}),
    ({"foo": ["bar", "qux", "baz"]}, [{"op": "remove", "path": "/foo/1"}],
     {"foo": ["bar", "baz"]}),
    ({"baz": "qux", "foo": "bar"}, [{"op": "replace", "path": "/baz", "value": "boo"}],
     {"baz": "boo", "foo": "bar"}),
    ({"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}},
     [{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}],
     {"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}),
    ({"foo": ["all", "grass", "cows", "eat"]}, [{"op": "move", "from": "/foo/1", "path": "/foo/3"}],
     {"foo": ["all", "cows", "eat", "grass"]}),
    ({"baz": "qux", "foo": ["a", 2, "c"]},
     [{"op": "test", "path": "/baz", "value": "qux"}, {"op": "test", "path": "/foo/1", "value": 2}],
     {"baz": "qux", "foo": ["a", 2, "c"]}),
    ({"foo": "bar"}, [{"op": "add", "path": "/child", "value": {"grandchild": {}}}],
     {"foo": "bar", "child": {"grandchild": {}}}),
    ({"foo": ["bar"]}, [{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}],
     {"foo": ["bar", ["abc", "def"]]}),
    ({"/": 9, "~1": 10}, [{"op": "test", "path": "/~01", "value": 10}], {"/": 9, "~1": 10}),
    ({"a": 1}, [{"op": "copy", "from": "/a", "path": "/b"}], {"a": 1, "b": 1}),
]


@pytest.mark.parametrize(("doc", "ops", "result"), RFC6902)
def test_json_patch_rfc6902_examples(doc, ops, result):
    assert json_patch(doc, ops) == result


@pytest.mark.parametrize(("doc", "ops"), [
    ({"baz": "qux"}, [{"op": "test", "path": "/baz", "value": "bar"}]),
    ({"foo": "bar"}, [{"op": "add", "path": "/baz/bat", "value": "qux"}]),
    ({"foo": "bar"}, [{"op": "remove", "path": "/nope"}]),
    ({"foo": [1]}, [{"op": "add", "path": "/foo/5", "value": 2}]),
    ({"foo": [1]}, [{"op": "replace", "path": "/foo/01", "value": 2}]),
    ({"foo": 1}, [{"op": "frob", "path": "/foo"}]),
    ({"foo": 1}, [{"op": "add", "path": "foo", "value": 1}]),
    ({"a": {"b": 1}}, [{"op": "move", "from": "/a", "path": "/a/b/c"}]),
    ({"a": 1}, {"op": "remove"}),
])
def test_json_patch_errors(doc, ops):
    with pytest.raises(PatchError):
        json_patch(doc, ops)


def test_json_patch_removes_a_claim_ref():
    pv = {"spec": {"claimRef": {"name": "x"}, "storageClassName": "nfs"}}
    assert json_patch(pv, [{"op": "remove", "path": "/spec/claimRef"}]) == {
        "spec": {"storageClassName": "nfs"}}
    assert pv["spec"]["claimRef"] == {"name": "x"}


def test_strategic_merge_patch_merges_containers_by_name():
    pod = {"spec": {"containers": [{"name": "a", "image": "x:1"}, {"name": "b", "image": "y:1"}]}}
    patched = strategic_merge_patch(pod, {"spec": {"containers": [{"name": "b", "image": "y:2"}]}})
    assert patched["spec"]["containers"] == [{"name": "a", "image": "x:1"},
                                             {"name": "b", "image": "y:2"}]


def test_strategic_merge_patch_directives_and_plain_fields():
    obj = {"metadata": {"finalizers": ["a"]}, "spec": {"volumes": [{"name": "v"}], "x": 1}}
    patched = strategic_merge_patch(obj, {
        "metadata": {"finalizers": ["b"]},
        "spec": {"volumes": [{"name": "v", "$patch": "delete"}], "x": None, "y": 2}})
    assert patched == {"metadata": {"finalizers": ["a", "b"]}, "spec": {"volumes": [], "y": 2}}
    assert strategic_merge_patch({"a": {"b": 1}}, {"a": {"$patch": "replace", "c": 2}}) == {
        "a": {"c": 2}}
    # Lists without a merge key are replaced, as in a merge patch.
    assert strategic_merge_patch({"spec": {"accessModes": ["ReadWriteOnce"]}},
                                 {"spec": {"accessModes": ["ReadOnlyMany"]}}) == {
        "spec": {"accessModes": ["ReadOnlyMany"]}}


def test_three_way_patch_keeps_what_controllers_wrote():
    original = {"spec": {"capacity": {"storage": "1Gi"}, "storageClassName": "nfs"}}
    modified = {"spec": {"capacity": {"storage": "2Gi"}}}
    current = {"spec": {"capacity": {"storage": "1Gi"}, "storageClassName": "nfs",
                        "claimRef": {"name": "x"}}, "status": {"phase": "Bound"}}
    patch = three_way_patch(original, modified, current)
    assert patch == {"spec": {"capacity": {"storage": "2Gi"}, "storageClassName": None}}
    assert merge_patch(current, patch) == {"spec": {"capacity": {"storage": "2Gi"},
                                                    "claimRef": {"name": "x"}},
                                           "status": {"phase": "Bound"}}


def test_three_way_patch_is_empty_when_nothing_changed():
    config = {"spec": {"a": 1, "b": [1, 2]}}
    current = {"spec": {"a": 1, "b": [1, 2], "c": 3}, "status": {"x": 1}}
    assert three_way_patch(config, config, current) == {}


def test_three_way_patch_without_a_last_applied_configuration_deletes_nothing():
    assert three_way_patch(None, {"a": 1}, {"a": 2, "b": 3}) == {"a": 1}


def test_three_way_patch_ignores_fields_the_server_defaulted_inside_list_items():
    config = {"spec": {"ports": [{"name": "web", "port": 80}]}}
    current = {"spec": {"ports": [{"name": "web", "port": 80, "protocol": "TCP",
                                   "targetPort": 80}]}}
    assert three_way_patch(config, config, current) == {}
    changed = {"spec": {"ports": [{"name": "web", "port": 8080}]}}
    # Service ports merge by port: 80 goes, 8080 comes (strategic merge, as kubectl sends).
    patch = three_way_patch(config, changed, current)
    assert patch == {"spec": {"ports": [{"port": 80, "$patch": "delete"},
                                        {"name": "web", "port": 8080}],
                              "$setElementOrder/ports": [{"port": 8080}]}}
    assert strategic_merge_patch(current, patch) == changed


def test_three_way_patch_keeps_list_items_the_server_added():
    """The ServiceAccount token volume and mount are not in the file: they stay."""
    mount = {"name": "kube-api-access-x", "mountPath": "/var/run/secrets/kubernetes.io/"
             "serviceaccount", "readOnly": True}
    config = {"spec": {"containers": [{"name": "c", "image": "a:1", "volumeMounts": [
        {"name": "data", "mountPath": "/data"}]}], "volumes": [{"name": "data", "emptyDir": {}}]}}
    current = {"spec": {"containers": [{"name": "c", "image": "a:1", "volumeMounts": [
        {"name": "data", "mountPath": "/data"}, mount]}],
        "volumes": [{"name": "data", "emptyDir": {}}, {"name": "kube-api-access-x",
                                                       "projected": {}}]}}
    assert three_way_patch(config, config, current) == {}
    changed = {"spec": {**config["spec"], "containers": [
        {**config["spec"]["containers"][0], "image": "a:2"}]}}
    patch = three_way_patch(config, changed, current)
    assert patch == {"spec": {"containers": [{"name": "c", "image": "a:2"}],
                              "$setElementOrder/containers": [{"name": "c"}]}}
    result = strategic_merge_patch(current, patch)
    assert result["spec"]["containers"][0]["volumeMounts"][-1] == mount
    assert result["spec"]["containers"][0]["image"] == "a:2"
    dropped = {"spec": {**config["spec"], "volumes": []}}
    assert three_way_patch(config, dropped, current) == {
        "spec": {"volumes": [{"name": "data", "$patch": "delete"}]}}


def test_three_way_patch_deletes_a_dropped_finalizer_and_keeps_others():
    """$deleteFromPrimitiveList: what the file dropped goes, what controllers added stays."""
    original = {"metadata": {"finalizers": ["a", "b"]}}
    modified = {"metadata": {"finalizers": ["a"]}}
    current = {"metadata": {"finalizers": ["a", "b", "kubernetes.io/pvc-protection"]}}
    patch = three_way_patch(original, modified, current)
    assert patch == {"metadata": {"$deleteFromPrimitiveList/finalizers": ["b"]}}
    assert strategic_merge_patch(current, patch) == {
        "metadata": {"finalizers": ["a", "kubernetes.io/pvc-protection"]}}
    assert strategic_merge_patch({"metadata": {"finalizers": ["b"]}}, patch) == {"metadata": {}}


def test_three_way_patch_keeps_the_files_order():
    """$setElementOrder: an env var inserted between two others lands there; a swap swaps."""
    original = {"env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]}
    inserted = {"env": [{"name": "A", "value": "1"}, {"name": "X", "value": "9"},
                        {"name": "B", "value": "2"}]}
    result = strategic_merge_patch(original, three_way_patch(original, inserted, original))
    assert [e["name"] for e in result["env"]] == ["A", "X", "B"]
    swapped = {"env": [{"name": "B", "value": "2"}, {"name": "A", "value": "1"}]}
    result = strategic_merge_patch(original, three_way_patch(original, swapped, original))
    assert [e["name"] for e in result["env"]] == ["B", "A"]
    assert three_way_patch(original, original, original) == {}
