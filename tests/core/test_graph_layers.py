"""The copy-on-write maps behind cheap snapshots behave like a dict frozen in time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.graph import _CowMap

_OPS = st.lists(st.tuples(st.sampled_from(["set", "pop", "snap"]), st.integers(0, 40),
                          st.integers()), max_size=400)


@settings(max_examples=150, deadline=None)
@given(_OPS)
def test_views_keep_the_state_they_were_taken_at(ops):
    live = _CowMap()
    model: dict = {}
    views = []
    for op, key, value in ops:
        if op == "set":
            live[key] = value
            model[key] = value
        elif op == "pop":
            assert live.pop(key, "none") == model.pop(key, "none")
        else:
            views.append((live.view(), dict(model)))
        assert len(live.view()) == len(model)
    views.append((live.view(), dict(model)))
    for view, expected in views:
        assert dict(view.items()) == expected
        assert len(view) == len(expected)
        for key in range(41):
            assert (key in view) == (key in expected)
            assert view.get(key) == expected.get(key)


def test_many_writes_compact_without_changing_what_views_show():
    live = _CowMap()
    for i in range(2000):
        live[i] = i
    early = live.view()
    for i in range(0, 2000, 2):
        live.pop(i)
    assert len(early) == 2000 and early.get(10) == 10
    late = live.view()
    assert len(late) == 1000 and late.get(10) is None and late.get(11) == 11
    assert len(live._diff) <= 256 + len(live._base) // 16
