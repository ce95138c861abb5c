"""Lessons: headers, bilingual captions, the step rule, and the step-by-step runner."""

from __future__ import annotations

import pytest

from core.lessons import (
    Caption,
    LessonError,
    LessonRunner,
    check_lesson,
    lang_key,
    list_lessons,
    load_lesson,
    parse_lesson,
    script_lines,
)

from .test_journal_toy import ToyJournal

LESSON = """\
# title: Toy lesson
# title.zh: 玩具课
# description: Shows the step rule,
#   over two lines.
# description.zh: 演示步骤规则。
# level: beginner

mk setup
say First caption
say.zh 第一条字幕
mk a
settle
snapshot first

say A pause for explanation
say.zh 停一下
say Third: two commands
say.zh 第三步
mk b 1000   # a trailing comment
settle
snapshot third
mk c
say Fourth, after a command that came before it
say.zh 第四步
settle
rm c
"""


def _lesson(text=LESSON, **kw):
    return parse_lesson(text, source="toy.txt", **kw)


def test_headers_titles_descriptions_and_meta():
    lesson = _lesson()
    assert lesson.title.text("en") == "Toy lesson"
    assert lesson.title.text("zh_CN") == "玩具课"
    assert lesson.description.text() == "Shows the step rule, over two lines."
    assert lesson.description.text("zh") == "演示步骤规则。"
    assert lesson.meta == {"level": "beginner"}
    assert lesson.id == "toy"
    assert lesson.languages == ("en", "zh")


def test_steps_follow_the_rule():
    steps = _lesson().steps
    assert [s.caption.text() for s in steps] == [
        "First caption", "A pause for explanation", "Third: two commands",
        "Fourth, after a command that came before it"]
    assert [[c.text for c in s.commands] for s in steps] == [
        ["mk setup", "mk a", "settle"],      # the preamble joins the first step
        [],                                  # caption only
        ["mk b 1000", "settle"],             # comment stripped
        ["mk c", "settle", "rm c"],          # a command after a snapshot joins the next step
    ]
    assert [s.snapshot for s in steps] == ["first", None, "third", None]
    assert steps[0].caption.text("zh") == "第一条字幕"
    assert steps[2].commands[0].lineno == 19


def test_caption_falls_back_to_english():
    caption = Caption({"en": "hello"})
    assert caption.text("zh") == "hello"
    assert Caption({"zh": "你好"}).text("en") == "你好"
    assert lang_key("zh-Hans") == "zh" and lang_key("en_US") == "en"


def test_trailing_commands_make_a_captionless_step():
    lesson = _lesson("say one\nmk a\nsnapshot s1\nmk b\n")
    assert [s.caption.texts for s in lesson.steps] == [{"en": "one"}, {}]
    assert check_lesson(lesson) == ["no title in en", "no description in en",
                                    "step 2 (line 4) has no caption"]


@pytest.mark.parametrize(("text", "problem"), [
    ("say.zh 你好\n", "toy.txt:1: say.zh must come right after the say line it translates"),
    ("say hi\nmk a\nsay.zh 你好\n", "toy.txt:3: say.zh must come right after"),
    ("say hi\nsay.zh a\nsay.zh b\n", "toy.txt:3: a second say.zh for the same caption"),
    ("say\n", "toy.txt:1: say needs the caption text"),
    ("say hi\nsnapshot\n", "toy.txt:2: snapshot needs a name"),
    ("say hi\nsnapshot a/b\n", "toy.txt:2: snapshot needs a name"),
])
def test_malformed_lessons_name_file_and_line(text, problem):
    with pytest.raises(LessonError) as caught:
        _lesson(text)
    assert str(caught.value).startswith(problem)


def test_check_lesson_finds_missing_translations_and_duplicate_snapshots():
    text = "# title: t\n# description: d\nsay a\nsnapshot x\nsay b\nsay.zh 乙\nsnapshot x\n"
    problems = check_lesson(_lesson(text), ("en", "zh"))
    assert "no title in zh" in problems
    assert "snapshot 'x' is used twice" in problems
    assert "step 1 (line 3) has no zh caption" in problems
    assert not any("step 2" in p for p in problems)


def test_script_lines_are_the_script_runners_lines():
    text = "# c\n\nsay a  # note\n  mk b  \nkubectl patch pv p -p '{\"a\":\"#x\"}'\nmk \\\nc\n"
    assert script_lines(text) == [(3, "say a"), (4, "mk b"),
                                  (5, "kubectl patch pv p -p '{\"a\":\"#x\"}'"), (6, "mk c")]


# ---- the runner -----------------------------------------------------------------------
def _runner(text=LESSON):
    return LessonRunner(_lesson(text), ToyJournal())


def _log(cluster):
    return [tuple(c) for c in cluster.store.log]


def test_runner_steps_forward_with_captions_and_touched_objects():
    runner = _runner()
    assert runner.position == 0 and runner.at_start
    assert runner.current_caption() == "Toy lesson"
    assert runner.touched_uids() == frozenset()
    first = runner.next()
    assert first.index == 0 and first.errors == ()
    assert [line for line, _ in first.transcript] == ["mk setup", "mk a", "settle"]
    assert first.transcript[0][1] == "persistentvolume/setup created"
    assert runner.current_caption("zh") == "第一条字幕"
    pvs = {p["metadata"]["uid"] for p in runner.cluster.store.list("PersistentVolume")}
    assert runner.touched_uids() == pvs
    second = runner.next()
    assert second.first_seq == second.last_seq  # a caption-only step changes nothing
    assert runner.touched_uids() == frozenset()
    runner.next()
    b = runner.cluster.get("PersistentVolume", "", "b")["metadata"]["uid"]
    assert runner.touched_uids() == {b}
    runner.next()
    assert runner.at_end and runner.next() is None


def test_the_clock_only_moves_inside_steps():
    runner = _runner()
    runner.next()
    runner.next()
    before = runner.cluster.clock.now_ms
    # Nothing runs between steps: the timed task of "mk b 1000" is queued in step 3.
    runner.next()
    assert runner.cluster.clock.now_ms == before + 1000
    assert runner.cluster.get("PersistentVolume", "", "b")["metadata"]["annotations"] == {
        "done": "yes"}


def test_back_and_restart_rebuild_by_replay():
    runner = _runner()
    runner.next()
    after_first = _log(runner.cluster)
    runner.next()
    runner.next()
    after_third = _log(runner.cluster)
    old = runner.cluster
    cluster = runner.back()
    assert cluster is runner.cluster and cluster is not old
    assert runner.position == 2
    assert _log(cluster) == after_first  # step 2 changed nothing
    assert runner.current_caption() == "A pause for explanation"
    runner.next()
    assert _log(runner.cluster) == after_third
    assert runner.touched_uids() == {
        runner.cluster.get("PersistentVolume", "", "b")["metadata"]["uid"]}
    runner.restart()
    assert runner.position == 0 and runner.journal.inputs == []
    assert runner.cluster.store.list("PersistentVolume") == []
    runner.goto(4)
    assert runner.at_end


def test_failing_commands_are_reported_and_the_lesson_goes_on():
    runner = _runner("say one\nfail\nmk a\n")
    result = runner.next()
    assert result.errors == ((2, "fail", "error: failed"),)
    assert result.transcript[0] == ("fail", "error: failed")
    assert runner.cluster.get("PersistentVolume", "", "a") is not None


def test_runner_refuses_a_cluster_with_history():
    from .test_journal_toy import toy_cluster, toy_execute

    cluster = toy_cluster()
    toy_execute(cluster, "mk a")
    with pytest.raises(ValueError, match="fresh cluster"):
        LessonRunner(_lesson(), cluster)


def test_gallery_lists_folders_and_files(tmp_path):
    (tmp_path / "01-b").mkdir()
    (tmp_path / "01-b" / "lesson.txt").write_text("# title: B\nsay b\n")
    (tmp_path / "00-a.txt").write_text("# title: A\n# description: first\nsay a\nsnapshot s\n")
    (tmp_path / "notes.md").write_text("not a lesson")
    infos = list_lessons(tmp_path)
    assert [(i.id, i.title.text(), i.step_count, i.snapshots) for i in infos] == [
        ("00-a", "A", 1, ("s",)), ("01-b", "B", 1, ())]
    assert load_lesson(tmp_path / "01-b").base_dir == tmp_path / "01-b"


# ---- the runner on the real engine ------------------------------------------------------
def test_back_on_a_bundled_lesson_rebuilds_the_same_states():
    from core.lessons import find_lesson

    runner = LessonRunner(find_lesson("00-seed-walkthrough"))
    logs = [_log(runner.cluster)]
    touched = [runner.touched_uids()]
    while runner.next() is not None:
        logs.append(_log(runner.cluster))
        touched.append(runner.touched_uids())
    for position in range(runner.step_count - 1, -1, -1):
        runner.back()
        assert runner.position == position
        assert _log(runner.cluster) == logs[position]
        assert runner.touched_uids() == touched[position]
    runner.goto(runner.step_count)
    assert _log(runner.cluster) == logs[-1]


def test_touched_uids_of_a_bundled_step_include_the_objects_it_bound():
    from core.lessons import find_lesson

    runner = LessonRunner(find_lesson("00-seed-walkthrough"))
    runner.goto(5)  # "Add pv0005": www-web-1 binds, web-1 starts
    cluster = runner.cluster
    uid = lambda kind, name, ns="": cluster.get(kind, ns, name)["metadata"]["uid"]  # noqa: E731
    touched = runner.touched_uids()
    assert {uid("PersistentVolume", "pv0005"), uid("PersistentVolumeClaim", "www-web-1", "default"),
            uid("Pod", "web-1", "default")} <= touched
    assert uid("PersistentVolume", "pv0002") not in touched


def test_captions_are_what_the_script_runner_prints():
    from core.cluster import Cluster
    from core.commands import execute

    text = ("say the claim's events\nsay.zh 这个 PVC 的事件\n"
            "say storageClassName '\"\"'  means   none\nsay.zh-CN '\"\"' 表示没有\n")
    lesson = _lesson(text)
    cluster = Cluster()
    lines = script_lines(text)
    assert [s.caption.text("en") for s in lesson.steps] == [
        execute(cluster, lines[0].text), execute(cluster, lines[2].text)]
    assert lesson.steps[0].caption.text("en") == "the claim's events"
    assert lesson.steps[1].caption.text("en") == 'storageClassName "" means none'
    assert lesson.steps[1].caption.text("zh") == '"" 表示没有'
