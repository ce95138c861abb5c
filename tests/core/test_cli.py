"""``python main.py script FILE|- [--keep-going]``."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from core.cli import script_main

ROOT = Path(__file__).resolve().parents[2]


def test_runs_a_file_and_returns_its_status(tmp_path, capsys):
    script = tmp_path / "demo.script"
    script.write_text("say hi\nkubectl get pv\n")
    assert script_main([str(script)]) == 0
    assert capsys.readouterr().out == "$ say hi\nhi\n$ kubectl get pv\nNo resources found\n"


def test_keep_going_and_failure(tmp_path, capsys):
    script = tmp_path / "bad.script"
    script.write_text("kubectl get foo\nsay still here\n")
    assert script_main([str(script)]) == 1
    assert "still here" not in capsys.readouterr().out
    assert script_main([str(script), "--keep-going"]) == 1
    assert capsys.readouterr().out.endswith("$ say still here\nstill here\n")


def test_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("say from stdin\n"))
    assert script_main(["-"]) == 0
    assert capsys.readouterr().out == "$ say from stdin\nfrom stdin\n"


def test_usage_errors_go_to_stderr(tmp_path, capsys):
    assert script_main([]) == 2
    assert "usage: python main.py script" in capsys.readouterr().err
    assert script_main([str(tmp_path / "missing.script")]) == 2
    assert 'the script "' in capsys.readouterr().err
    assert script_main(["--frob", "x"]) == 2
    assert "unknown option --frob" in capsys.readouterr().err


def test_main_py_script_subprocess(tmp_path):
    (tmp_path / "pv.yaml").write_text(
        "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: a}\n"
        "spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], "
        "hostPath: {path: /tmp/a}}\n")
    (tmp_path / "s.script").write_text("kubectl apply -f pv.yaml\nkubectl get pv -o name\n")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "script",
                           str(tmp_path / "s.script")], capture_output=True, text=True,
                          cwd=str(ROOT), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("$ kubectl apply -f pv.yaml\npersistentvolume/a created\n"
                           "$ kubectl get pv -o name\npersistentvolume/a\n")
    assert "Traceback" not in done.stderr
