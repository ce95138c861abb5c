"""``python -m gui.screenshots`` remakes the docs pictures from the real window."""

from __future__ import annotations

from PySide6.QtGui import QImage

from gui import screenshots


def test_makes_the_seed_window_picture(qapp, tmp_path):
    assert screenshots.main(["--out", str(tmp_path), "--only", "window-seed-light.png"]) == 0
    image = QImage(str(tmp_path / "window-seed-light.png"))
    assert not image.isNull()
    assert (image.width(), image.height()) == screenshots.WINDOW_SIZE
    # The demo is drawn: the picture is not one flat colour.
    assert len({image.pixel(x, y) for x in range(0, image.width(), 97)
                for y in range(0, image.height(), 89)}) > 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["window-seed-light.png"]


def test_a_chinese_picture_leaves_the_next_ones_in_english(qapp, tmp_path):
    from PySide6.QtCore import QCoreApplication

    screenshots.main(["--out", str(tmp_path), "--only", "window-seed-zh.png"])
    assert (tmp_path / "window-seed-zh.png").exists()
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
