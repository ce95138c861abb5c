"""The script language: comments, quoting, continuation, echo, exit status, --keep-going."""

from __future__ import annotations

import io

import pytest

import core.commands as commands
from core import Cluster
from core.script import ScriptLine, parse_script, run_script


@pytest.mark.parametrize(("text", "lines"), [
    ("kubectl get pv\n", [ScriptLine(1, "kubectl get pv")]),
    ("\n  \n# only a comment\nsettle   # wait\n", [ScriptLine(4, "settle")]),
    ("""kubectl patch pv x -p '{"a":"#not a comment"}'  # but this is\n""",
     [ScriptLine(1, """kubectl patch pv x -p '{"a":"#not a comment"}'""")]),
    ('nfs write s:/a "hash # inside" and#word\n',
     [ScriptLine(1, 'nfs write s:/a "hash # inside" and#word')]),
    # Captions are prose: an apostrophe does not open a quote, so the comment still ends them.
    ("say the claim's events # note\n", [ScriptLine(1, "say the claim's events")]),
    ("say one \\\n  two\nsettle\n", [ScriptLine(1, "say one two"), ScriptLine(3, "settle")]),
    ("say it's\n", [ScriptLine(1, "say it's")]),
    ("say \\# escaped\n", [ScriptLine(1, "say \\# escaped")]),
    ("settle", [ScriptLine(1, "settle")]),
])
def test_parse_script(text, lines):
    assert parse_script(text) == lines


def run(text: str, **kwargs) -> tuple[int, str, Cluster]:
    cluster = Cluster()
    out = io.StringIO()
    status = run_script(cluster, text, out=out, **kwargs)
    return status, out.getvalue(), cluster


def test_each_line_is_echoed_then_its_output():
    status, text, _ = run("say hello   world\nsettle\nkubectl get pvc\n")
    assert status == 0
    assert text == ("$ say hello   world\nhello world\n$ settle\n$ kubectl get pvc\n"
                    "No resources found in default namespace.\n")


def test_captions_are_shell_words_or_prose_when_quotes_do_not_balance():
    _, text, _ = run("""say No class "nfs" exists: the claim's events say so.  # note\n"""
                     """say a '""' b\nsay.zh 没有 "nfs" 类\n""")
    assert text == ("""$ say No class "nfs" exists: the claim's events say so.\n"""
                    """No class "nfs" exists: the claim's events say so.\n"""
                    """$ say a '""' b\na "" b\n"""
                    """$ say.zh 没有 "nfs" 类\n没有 nfs 类\n""")


def test_quoting_follows_the_shell(monkeypatch):
    monkeypatch.setitem(commands.VERBS, "args", lambda cluster, argv: "|".join(argv))
    _, text, _ = run("""args 'single "quoted"' "double 'quoted'" back\\ slash  x\n""")
    assert text.splitlines()[1] == """single "quoted"|double 'quoted'|back slash|x"""


def test_a_failing_line_stops_the_script_with_status_1():
    status, text, _ = run("say before\nkubectl get pvc nope\nsay after\n")
    assert status == 1
    assert text == ("$ say before\nbefore\n$ kubectl get pvc nope\n"
                    'Error from server (NotFound): persistentvolumeclaims "nope" not found\n')


def test_keep_going_runs_every_line_and_still_fails():
    status, text, _ = run("kubectl get foo\nsay after\nkubectl frob\n", keep_going=True)
    assert status == 1
    assert text == ('$ kubectl get foo\nerror: the server doesn\'t have a resource type "foo"\n'
                    "$ say after\nafter\n$ kubectl frob\n"
                    'error: unknown command "frob" for "kubectl"\n')


def test_unexpected_exceptions_become_one_line(monkeypatch):
    def boom(cluster, line):
        raise RuntimeError("the engine broke")

    monkeypatch.setattr("core.script.execute", boom)
    status, text, _ = run("settle\n")
    assert status == 1
    assert text == "$ settle\nerror: RuntimeError: the engine broke\n"
    assert "Traceback" not in text


def test_say_and_snapshot_callbacks():
    said, snaps = [], []
    status, text, _ = run("say Look at   this\nsay.zh 看\nsnapshot first\nsnapshot 'two words'\n",
                          on_say=said.append, on_snapshot=snaps.append)
    assert status == 0
    assert said == ["Look at this"] and snaps == ["first", "two words"]
    assert text == ("$ say Look at   this\nLook at this\n$ say.zh 看\n看\n$ snapshot first\n"
                    "$ snapshot 'two words'\n")


def test_paths_are_relative_to_the_script_folder(tmp_path):
    (tmp_path / "pv.yaml").write_text(
        "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: a}\n"
        "spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], "
        "hostPath: {path: /tmp/a}}\n")
    status, text, cluster = run("kubectl apply -f pv.yaml\n", base_dir=tmp_path)
    assert status == 0 and text.endswith("persistentvolume/a created\n")
    assert cluster.script_dir == tmp_path


def test_partial_failure_prints_what_was_done_then_the_error(tmp_path, monkeypatch):
    def fake(cluster, argv):
        raise commands.CommandFailed("a/b created", ["error: c is bad"])

    monkeypatch.setitem(commands.VERBS, "fake", fake)
    status, text, _ = run("fake\n")
    assert status == 1 and text == "$ fake\na/b created\nerror: c is bad\n"
