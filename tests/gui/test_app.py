"""The app entry: no-display message, argument parsing, exceptions kept out of Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from core.objects import get_path
from gui.app import NO_DISPLAY, build_window, display_missing, parse_args
from gui.panels.errors import ErrorReporter

ROOT = Path(__file__).resolve().parents[2]


def test_exception_in_an_action_is_reported_not_fatal(window, monkeypatch, capsys):
    def boom():
        raise RuntimeError("boom in fit")

    monkeypatch.setattr(window.view, "fit_all", boom)
    window.actions_["fit"].trigger()
    messages = window.errors.messages()
    assert messages and "Internal error in action fit: RuntimeError: boom in fit" in messages[-1]
    assert window.errors.isVisible()
    err = capsys.readouterr().err
    assert "Traceback" in err and "boom in fit" in err
    # Still alive: the next action works.
    window.select_object("StatefulSet", "default", "web")
    window.scale_box.setValue(3)
    window.actions_["scale"].trigger()
    assert get_path(window.bridge.cluster.get("StatefulSet", "default", "web"),
                    "spec", "replicas") == 3
    assert not window.grab().isNull()


def test_exception_in_a_view_slot_is_reported_and_the_engine_goes_on(window, monkeypatch,
                                                                      capsys):
    def broken_apply(changes, snapshot):
        raise ValueError("scene broke")

    monkeypatch.setattr(window.scene, "apply", broken_apply)
    window.bridge.run_command("kubectl scale statefulset web --replicas=3")
    assert any("ValueError: scene broke" in m for m in window.errors.messages())
    assert "scene broke" in capsys.readouterr().err
    assert get_path(window.bridge.cluster.get("StatefulSet", "default", "web"),
                    "spec", "replicas") == 3
    assert not window.grab().isNull()


def test_exception_in_the_play_timer_pauses_and_reports(window, qtbot, monkeypatch):
    def broken_step(**_kwargs):
        raise KeyError("engine step")

    window.bridge.run_command("kubectl delete pod web-0")
    monkeypatch.setattr(window.bridge, "step_change", broken_step)
    window.player.set_speed(8.0)
    window.player.play()
    qtbot.waitUntil(lambda: not window.player.playing, timeout=5000)
    assert any("KeyError" in m for m in window.errors.messages())
    assert not window.grab().isNull()


def test_excepthook_reports(qtbot, capsys):
    reporter = ErrorReporter()
    seen = []
    reporter.reported.connect(lambda sev, title, detail: seen.append((sev, title, detail)))
    previous = sys.excepthook
    reporter.install()
    try:
        assert sys.excepthook == reporter.excepthook
        try:
            raise OSError("disk gone")
        except OSError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        reporter.uninstall()
    assert sys.excepthook is previous
    assert seen and seen[0][0] == "internal" and "OSError: disk gone" in seen[0][1]
    assert "Traceback" in seen[0][2]
    assert "disk gone" in capsys.readouterr().err
    label = QLabel(seen[0][1])
    qtbot.addWidget(label)
    assert not label.grab().isNull()


@pytest.mark.parametrize(("env", "platform", "missing"), [
    ({}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"DISPLAY": ""}, "linux", True),
    ({}, "darwin", False),
    ({}, "win32", False),
])
def test_display_missing(env, platform, missing, qtbot):
    assert display_missing(env, platform) is missing
    label = QLabel(str(missing))
    qtbot.addWidget(label)
    assert not label.grab().isNull()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_no_display_prints_one_line_and_exits_2(qtbot):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [NO_DISPLAY]
    assert "script" in lines[0] and "render" in lines[0]
    assert result.stdout == ""
    label = QLabel(lines[0])
    qtbot.addWidget(label)
    assert not label.grab().isNull()


def test_parse_args(qtbot):
    args = parse_args(["a.yaml", "b.yaml", "--theme", "dark", "--reduced-motion"])
    assert args.files == ["a.yaml", "b.yaml"] and args.theme == "dark"
    assert args.reduced_motion and not args.presentation
    assert parse_args([]).files == []
    label = QLabel("args")
    qtbot.addWidget(label)
    assert not label.grab().isNull()


def test_build_window_with_files(qtbot, tmp_path):
    from assets import asset_path

    w = build_window([asset_path("demo", "seed-pvs.yaml")],
                     settings_path=str(tmp_path / "s.ini"), motion=False)
    qtbot.addWidget(w)
    assert w.bridge.cluster.store.count("PersistentVolume") == 4
    assert w.bridge.cluster.store.count("StatefulSet") == 0
    assert "seed-pvs.yaml" in w.export_title()
    assert not w.grab().isNull()
