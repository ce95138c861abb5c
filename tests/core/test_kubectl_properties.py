"""Property tests: the tabwriter always aligns, patches compose as their RFCs say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.kubectl.patch import json_patch, merge_patch, three_way_patch
from core.kubectl.tabwriter import TABLE_WRITER

cell = st.text(alphabet=st.characters(blacklist_characters="\t\n\r", blacklist_categories=["Cs"]),
               max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=6).flatmap(
    lambda n: st.lists(st.lists(cell, min_size=n, max_size=n), min_size=1, max_size=8)))
def test_table_columns_line_up(rows):
    text = TABLE_WRITER.format("".join("\t".join(r) + "\n" for r in rows))
    lines = text.split("\n")[:-1]
    assert len(lines) == len(rows)
    columns = len(rows[0])
    starts = [0]
    for j in range(columns - 1):
        width = max(6, max(len(r[j]) + 3 for r in rows))
        starts.append(starts[-1] + width)
    for row, line in zip(rows, lines):
        for j, value in enumerate(row):
            assert line[starts[j]:starts[j] + len(value)] == value
        assert line == "".join(v.ljust(starts[j + 1] - starts[j]) if j < columns - 1 else v
                               for j, v in enumerate(row))


keys = st.sampled_from(["a", "b", "c", "spec", "status"])
leaf = st.one_of(st.integers(-3, 3), st.text(max_size=3), st.booleans(),
                 st.lists(st.integers(0, 3), max_size=3))
tree = st.recursive(leaf, lambda children: st.dictionaries(keys, children, max_size=4),
                    max_leaves=12)
objects = st.dictionaries(keys, tree, max_size=4)


def leaves(obj, prefix=()):
    """Paths to the scalar and list values; an empty map says nothing about its contents."""
    for key, value in obj.items():
        if isinstance(value, dict):
            yield from leaves(value, prefix + (key,))
        else:
            yield prefix + (key,), value


def lookup(obj, path):
    for key in path:
        if not isinstance(obj, dict) or key not in obj:
            return KeyError
        obj = obj[key]
    return obj


@settings(max_examples=300, deadline=None)
@given(objects, objects, objects)
def test_three_way_patch_applies_the_file_and_removes_only_what_was_dropped(original, modified,
                                                                          current):
    result = merge_patch(current, three_way_patch(original, modified, current))
    for path, value in leaves(modified):
        assert lookup(result, path) == value
    for path, _ in leaves(current):
        prefixes = [path[:i] for i in range(1, len(path) + 1)]
        dropped = any(lookup(original, p) is not KeyError and lookup(modified, p) is KeyError
                      for p in prefixes)
        written = any(lookup(modified, p) is not KeyError and
                      not (isinstance(lookup(modified, p), dict)
                           and isinstance(lookup(current, p), dict)) for p in prefixes)
        if not dropped and not written:
            # Nobody wrote it in a file, nor removed it from one: a controller's field
            # (claimRef, volumeName, status) survives apply.
            assert lookup(result, path) == lookup(current, path)
        if dropped and not written:
            assert lookup(result, path) is KeyError


@settings(max_examples=200, deadline=None)
@given(objects, objects)
def test_a_patch_against_itself_changes_nothing(config, current):
    applied = merge_patch(current, three_way_patch(config, config, current))
    assert three_way_patch(config, config, applied) == {}


@settings(max_examples=200, deadline=None)
@given(objects, st.sampled_from(["x", "y"]), leaf)
def test_json_patch_add_then_remove_is_identity(doc, key, value):
    if key in doc:
        return
    added = json_patch(doc, [{"op": "add", "path": f"/{key}", "value": value}])
    assert json_patch(added, [{"op": "remove", "path": f"/{key}"}]) == doc
