"""``python main.py render``: one picture per snapshot, caption and legend in it, same bytes
every run, strips, and clean failures (exit 1 for a failing line, 2 for bad usage)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel

from assets import asset_path
from gui.render import CaptionBook, parse_size, render_main
from gui.theme import DARK, LIGHT
from tests.gui.test_scene_support import distinct_colors

SEED = asset_path("lessons", "00-seed-walkthrough")

SCRIPT = f"""\
# title: Two snapshots
say Four PVs, all Available.
say.zh 四个 PV，都是 Available。
kubectl apply -f {SEED / "seed-pvs.yaml"}
settle
snapshot pvs
say pv0002 is deleted.
kubectl delete pv pv0002
settle
snapshot one-less
"""


def write(tmp_path: Path, text: str, name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def render(tmp_path: Path, *extra: str, script: str = SCRIPT, out: str = "out") -> tuple[int, Path]:
    path = write(tmp_path, script)
    status = render_main([str(path), "--out", str(tmp_path / out), *extra])
    return status, tmp_path / out


def band_has_ink(image: QImage, top: int, bottom: int, background: QColor) -> int:
    """Pixels in rows top..bottom that differ from the band's fill (text strokes)."""
    hits = 0
    for y in range(top, bottom, 2):
        for x in range(0, image.width(), 2):
            if QColor(image.pixel(x, y)).rgb() != background.rgb():
                hits += 1
    return hits


def grab_shown(qtbot, image: QImage) -> QImage:
    """Show the picture in a widget and grab the frame, as a person would see it."""
    label = QLabel()
    qtbot.addWidget(label)
    label.setPixmap(QPixmap.fromImage(image))
    label.resize(image.width(), image.height())
    label.show()
    qtbot.waitExposed(label)
    frame = label.grab().toImage()
    assert not frame.isNull()
    return frame


def test_one_png_per_snapshot_of_the_requested_size_with_caption_and_graph(qtbot, tmp_path,
                                                                           capsys):
    status, out = render(tmp_path, "--size", "1000x700")
    assert status == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["01-pvs.png", "02-one-less.png"]
    assert "wrote" in capsys.readouterr().out
    first = QImage(str(out / "01-pvs.png"))
    assert (first.width(), first.height()) == (1000, 700)
    assert distinct_colors(first) > 30  # a graph with status colours, not a blank page
    # The caption band (top) is the surface colour with dark text strokes on it.
    surface = LIGHT.color("surface")
    assert QColor(first.pixel(2, 2)).rgb() == surface.rgb()
    assert band_has_ink(first, 8, 60, surface) > 200
    # The picture differs from one snapshot to the next (pv0002 went away).
    second = QImage(str(out / "02-one-less.png"))
    assert first != second
    shown = grab_shown(qtbot, first)
    assert shown.width() >= 1000 and distinct_colors(shown) > 30


def test_the_caption_is_the_latest_say_and_follows_the_language(qtbot, tmp_path):
    status, out_en = render(tmp_path, "--size", "800x600", out="en")
    assert status == 0
    status, out_zh = render(tmp_path, "--size", "800x600", "--lang", "zh", out="zh")
    assert status == 0
    en, zh = QImage(str(out_en / "01-pvs.png")), QImage(str(out_zh / "01-pvs.png"))
    band = QRectF(0, 0, 800, 90).toRect()
    assert en.copy(band) != zh.copy(band)  # a different caption was drawn
    # The second snapshot has no Chinese caption: English is used in both.
    assert QImage(str(out_en / "02-one-less.png")) == QImage(str(out_zh / "02-one-less.png"))


def test_caption_book_pairs_translations_by_position():
    book = CaptionBook.from_text(SCRIPT, "story.txt")
    assert book.title_text("zh") == "Two snapshots"  # no title.zh: English
    book.on_say("Four PVs, all Available.")
    assert book.text("zh") == "四个 PV，都是 Available。"
    book.on_say("pv0002 is deleted.")
    assert book.text("zh") == "pv0002 is deleted."


def test_render_is_deterministic(qtbot, tmp_path):
    assert render(tmp_path, "--size", "900x600", "--strip", out="a")[0] == 0
    assert render(tmp_path, "--size", "900x600", "--strip", out="b")[0] == 0
    a, b = tmp_path / "a", tmp_path / "b"
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_svg_is_xml_with_the_requested_size_and_text(qtbot, tmp_path):
    status, out = render(tmp_path, "--size", "1200x800", "--format", "svg")
    assert status == 0
    path = out / "01-pvs.svg"
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("1200", "800")
    assert root.get("viewBox") == "0 0 1200 800"
    text = path.read_text(encoding="utf-8")
    assert "pv0001" in text and "Relations" in text  # vector text, legend included
    assert "Four PVs" in text
    # It draws: rasterise it and find a graph in it.
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(600, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    assert distinct_colors(image, step=3) > 20


def test_strip_puts_consecutive_snapshots_side_by_side(qtbot, tmp_path):
    status, out = render(tmp_path, "--size", "640x480", "--strip", "--theme", "dark")
    assert status == 0
    strip = QImage(str(out / "strip-01-02.png"))
    first = QImage(str(out / "01-pvs.png"))
    second = QImage(str(out / "02-one-less.png"))
    assert strip.height() == 480 and strip.width() > 2 * 640
    assert strip.copy(0, 0, 640, 480) == first.convertToFormat(strip.format())
    right = strip.copy(strip.width() - 640, 0, 640, 480)
    assert right == second.convertToFormat(strip.format())
    assert QColor(first.pixel(5, first.height() - 3)).rgb() == DARK.color("background").rgb()


def test_presentation_pictures_are_the_requested_size(qtbot, tmp_path):
    status, out = render(tmp_path, "--size", "1280x720", "--presentation")
    assert status == 0
    image = QImage(str(out / "02-one-less.png"))
    assert (image.width(), image.height()) == (1280, 720)
    assert distinct_colors(image) > 30


def test_a_lesson_folder_renders_its_snapshots(qtbot, tmp_path):
    lesson = asset_path("lessons", "10-claim-names-its-volume")
    assert render_main([str(lesson), "--out", str(tmp_path), "--size", "800x500"]) == 0
    pictures = sorted(p.name for p in tmp_path.glob("*.png"))
    assert pictures and pictures[0].startswith("01-")
    assert all(QImage(str(tmp_path / p)).size().toTuple() == (800, 500) for p in pictures)


def test_a_failing_line_prints_kubectls_error_and_exits_1(qtbot, tmp_path, capsys):
    script = SCRIPT.replace("kubectl delete pv pv0002", "kubectl delete pvc nope")
    status, out = render(tmp_path, script=script)
    assert status == 1
    err = capsys.readouterr().err
    assert "story.txt:8: $ kubectl delete pvc nope" in err
    assert 'Error from server (NotFound): persistentvolumeclaims "nope" not found' in err
    assert "Traceback" not in err
    # The picture before the failure was written; none after it.
    assert sorted(p.name for p in out.iterdir()) == ["01-pvs.png"]


@pytest.mark.parametrize("argv, message", [
    (["missing.txt", "--out", "OUT"], 'the script "missing.txt" does not exist'),
    (["story.txt", "--out", "OUT", "--size", "big"], "invalid size 'big'"),
    (["story.txt", "--out", "OUT", "--size", "10x10"], "invalid size '10x10'"),
    (["story.txt", "--out", "OUT", "--format", "gif"], "invalid choice: 'gif'"),
    (["story.txt"], "the following arguments are required: --out"),
])
def test_bad_arguments_are_usage_errors(qtbot, tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, SCRIPT)
    assert render_main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python main.py render")
    assert message in err
    assert not (tmp_path / "OUT").exists()


def test_parse_size_accepts_the_usual_spellings():
    assert parse_size("1600x1000") == (1600, 1000)
    assert parse_size(" 800X600 ") == (800, 600)
