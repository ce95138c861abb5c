"""Explanations carry message templates: the English stays exactly as it was, and
every sentence the WHY panel shows can be translated from its template.

``GOLDEN`` was recorded from ``text()`` before the templates existed; the templates
must rebuild each English field (summary, detail, hint, holding, blocking reason,
and the worded wanted/actual values) character for character.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import core.explain
from core.explain import (
    Check,
    ClaimExplanation,
    Message,
    VolumeExplanation,
)
from tests.core.test_explain_golden import GOLDEN
from tests.core.test_explain_scenarios import SCENARIOS

#: Values that are not sentences: names, sizes, modes, phases, class names, quoted values.
VALUE = re.compile(r'^(?:[A-Za-z][A-Za-z0-9]*|\S+ < \S+|[-\w./,"]*|>= \S+|"[^"]*"|'
                   r"[\w-]+/[\w.-]+(?: \(uid [0-9a-f]{8}…\))?|[\w./-]+=[\w./-]+(?:,[\w./-]+=[\w./-]+)*)$")


def messages_of(explanation) -> list[tuple[str, str, Message | None]]:  # type: ignore[no-untyped-def]
    """(where, English field, its message) for every sentence of one explanation."""
    out: list[tuple[str, str, Message | None]] = []
    if isinstance(explanation, ClaimExplanation):
        out.append(("blocking", explanation.blocking_reason, explanation.blocking_message))
        assert len(explanation.hint_messages) == len(explanation.hints)
        out += [("hint", h, m) for h, m in zip(explanation.hints, explanation.hint_messages)]
        for verdict in explanation.verdicts:
            out.append((f"summary {verdict.volume}", verdict.summary, verdict.summary_message))
            for check in verdict.checks:
                where = f"{verdict.volume} {check.name}"
                out += [(f"{where} detail", check.detail, check.detail_message),
                        (f"{where} wanted", check.wanted, check.wanted_message),
                        (f"{where} actual", check.actual, check.actual_message)]
    else:
        assert isinstance(explanation, VolumeExplanation)
        out.append(("holding", explanation.holding, explanation.holding_message))
        assert len(explanation.hint_messages) == len(explanation.hints)
        out += [("hint", h, m) for h, m in zip(explanation.hints, explanation.hint_messages)]
    return out


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_english_text_is_unchanged(scenario: str) -> None:
    assert [ex.text() for ex in SCENARIOS[scenario]()] == GOLDEN[scenario]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_sentence_has_a_message_that_renders_it(scenario: str) -> None:
    for explanation in SCENARIOS[scenario]():
        for where, english, message in messages_of(explanation):
            if message is None:
                # Only plain values (names, sizes, modes, phases) come without a template.
                assert english == "" or VALUE.match(english), (scenario, where, english)
            else:
                assert message.text() == english, (scenario, where)


def source_templates() -> set[str]:
    """Every literal template handed to ``msg`` in core/explain.py (what lupdate must see)."""
    tree = ast.parse(Path(core.explain.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "msg"):
            first = node.args[0]
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), \
                f"line {node.lineno}: a template must be a literal string"
            found.add(first.value)
    return found


def test_templates_are_literal_strings() -> None:
    templates = source_templates()
    assert len(templates) > 40
    for template in templates:
        # str.format placeholders only, named (translators reorder them).
        assert "{}" not in template and not re.search(r"\{\d", template), template


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_messages_use_only_literal_templates(scenario: str) -> None:
    listed = source_templates()

    def walk(message: Message) -> None:
        assert message.template in listed
        for _key, value in message.params:
            for part in (value if isinstance(value, tuple) else (value,)):
                if isinstance(part, Message):
                    walk(part)

    for explanation in SCENARIOS[scenario]():
        for _where, _english, message in messages_of(explanation):
            if message is not None:
                walk(message)


def test_message_renders_nested_params_and_lists() -> None:
    inner = Message("{volume} has {cls}", (("volume", "pv1"), ("cls", '"gold"')))
    outer = Message("wanted: {items}; {note}",
                    (("items", (inner, inner)), ("note", Message("done"))))
    assert outer.text() == 'wanted: pv1 has "gold", pv1 has "gold"; done'
    assert Message("{empty} (empty claimRef)", (("empty", "{}"),)).text() == "{} (empty claimRef)"


def test_check_keeps_its_positional_constructor() -> None:
    check = Check("capacity", True, ">= 1Gi", "1Gi")
    assert (check.detail, check.detail_message, check.wanted_message) == ("", None, None)
