"""``python main.py render FILE --out DIR``: run a script headless, one picture per snapshot.

Each ``snapshot NAME`` line writes ``NN-NAME.png`` (or ``.svg``): a caption band on top
(the lesson's title, the picture's number and name, and the most recent ``say``
caption in the chosen language) over the whole graph with its legend, drawn by
:func:`gui.export.export_scene`. Motion is off and the simulated clock is the only
clock, so the same input gives the same bytes on the same machine.

The scene follows the cluster incrementally (as the app does), so an object keeps
its place from one picture to the next: a before/after strip (``--strip``) can be
compared at a glance.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported only once the platform has been chosen
    from PySide6.QtGui import QPainter

    from core.cluster import Cluster
    from gui.theme import Theme

PROG = "python main.py render"
FORMATS = ("png", "svg")
LANGS = ("en", "zh")
DEFAULT_SIZE = (1600, 1000)
MIN_SIZE = (320, 240)
MAX_SIZE = (10000, 10000)
_SIZE = re.compile(r"^\s*(\d+)\s*[xX×]\s*(\d+)\s*$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


# ---- options -----------------------------------------------------------------------------
@dataclass(frozen=True)
class RenderOptions:
    size: tuple[int, int] = DEFAULT_SIZE
    theme: str = "light"
    fmt: str = "png"
    presentation: bool = False
    lang: str = "en"
    strip: bool = False
    keep_going: bool = False

    def resolved_theme(self) -> Theme:
        from gui.theme import by_name

        return by_name(f"{self.theme}-presentation" if self.presentation else self.theme)


def parse_size(text: str) -> tuple[int, int]:
    """``1600x1000`` → (1600, 1000); argparse turns the ValueError into a usage error."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"invalid size {text!r}: use WIDTHxHEIGHT, e.g. 1600x1000")
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise argparse.ArgumentTypeError(
            f"invalid size {text!r}: width {MIN_SIZE[0]}..{MAX_SIZE[0]}, "
            f"height {MIN_SIZE[1]}..{MAX_SIZE[1]} pixels")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Run a script (or a lesson) headless and write a picture at each "
                    "`snapshot NAME` line, named NN-NAME.png, with the latest `say` caption "
                    "and the legend.")
    parser.add_argument("file", metavar="FILE",
                        help="a script, a lesson file, or a lesson folder holding lesson.txt")
    parser.add_argument("--out", "-o", required=True, metavar="DIR",
                        help="folder for the pictures (created if missing)")
    parser.add_argument("--size", type=parse_size, default=DEFAULT_SIZE, metavar="WxH",
                        help="picture size in pixels (default 1600x1000)")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="png")
    parser.add_argument("--presentation", action="store_true",
                        help="projector style: larger type and items, thicker lines")
    parser.add_argument("--lang", choices=LANGS, default="en",
                        help="caption language, for lessons with say.zh lines (default en)")
    parser.add_argument("--strip", action="store_true",
                        help="also write strip-NN-MM: each pair of consecutive snapshots "
                             "side by side")
    parser.add_argument("--keep-going", "-k", action="store_true",
                        help="go on after a failing line (still exits 1)")
    return parser


# ---- Qt set-up ---------------------------------------------------------------------------
def ensure_app():
    """The one QApplication, headless unless a platform was chosen by the caller."""
    if not os.environ.get("QT_QPA_PLATFORM") and not _has_app():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([PROG])
    elif not isinstance(app, QApplication):
        raise RuntimeError("render needs a QApplication (graphics scenes are widgets-module "
                           "objects), but a QGuiApplication already exists")
    return app


def _has_app() -> bool:
    if "PySide6.QtCore" not in sys.modules:
        return False
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.instance() is not None


# ---- captions ----------------------------------------------------------------------------
@dataclass
class CaptionBook:
    """The captions of a script in order, in every language the file carries.

    The script runner reports each English ``say`` as it runs; the n-th report is the
    n-th caption of the file, whose translations come from the lesson parser.
    """

    title: dict[str, str] = field(default_factory=dict)
    captions: list[dict[str, str]] = field(default_factory=list)
    said: int = 0
    current: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, source: str) -> CaptionBook:
        from core.lessons import LessonError, parse_lesson

        try:
            lesson = parse_lesson(text, source=source)
        except LessonError:
            return cls()  # not a well-formed lesson: English captions as the runner says them
        return cls(dict(lesson.title.texts),
                   [dict(step.caption.texts) for step in lesson.steps if step.caption])

    def on_say(self, english: str) -> None:
        known = self.captions[self.said] if self.said < len(self.captions) else {}
        self.said += 1
        self.current = dict(known) if known.get("en") == english else {"en": english}

    def text(self, lang: str) -> str:
        return _pick(self.current, lang)

    def title_text(self, lang: str) -> str:
        return _pick(self.title, lang)


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


# ---- one picture -------------------------------------------------------------------------
@dataclass(frozen=True)
class Shot:
    number: int
    name: str
    caption: str
    path: Path


def shot_filename(number: int, name: str, fmt: str) -> str:
    safe = _UNSAFE.sub("-", name).strip("-") or "snapshot"
    return f"{number:02d}-{safe}.{fmt}"


class _Band:
    """The caption band: a muted line (title · NN name) over the caption in large type."""

    def __init__(self, theme: Theme, width: int, height: int, meta: str, caption: str) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QFontMetricsF

        self.theme = theme
        self.width = width
        self.meta = meta
        self.caption = caption
        self.pad = max(12.0, round(width * 0.018))
        scale = 1.3 if theme.presentation else 1.0
        # Readable from the back of a room at 1600 wide; never below 14 px.
        px = max(14, round(min(width / 58, height / 34) * scale))
        self.flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap)
        text_w = width - 2 * self.pad
        # A long caption shrinks (down to 70%) rather than eat the graph.
        for size in (px, round(px * 0.85), round(px * 0.7)):
            self.caption_font = _font(theme, size, bold=False)
            fm = QFontMetricsF(self.caption_font)
            bound = fm.boundingRect(QRectF(0, 0, text_w, 10_000), self.flags, caption or " ")
            if bound.height() <= fm.lineSpacing() * 3.2:
                break
        self.caption_h = bound.height() if caption else 0.0
        self.meta_font = _font(theme, max(11, round(px * 0.62)), bold=True)
        self.meta_h = QFontMetricsF(self.meta_font).height() if meta else 0.0
        gap = self.pad * 0.35 if meta and caption else 0.0
        self.gap = gap
        self.height = int(round(self.pad * 0.8 + self.meta_h + gap + self.caption_h
                                + self.pad * 0.8)) if (meta or caption) else 0

    def paint(self, painter: QPainter) -> None:
        from PySide6.QtCore import QRectF

        if not self.height:
            return
        theme = self.theme
        painter.fillRect(QRectF(0, 0, self.width, self.height), theme.color("surface"))
        y = self.pad * 0.8
        text_w = self.width - 2 * self.pad
        if self.meta:
            painter.setFont(self.meta_font)
            painter.setPen(theme.color("text_muted"))
            painter.drawText(QRectF(self.pad, y, text_w, self.meta_h), self.flags, self.meta)
            y += self.meta_h + self.gap
        if self.caption:
            painter.setFont(self.caption_font)
            painter.setPen(theme.color("text"))
            painter.drawText(QRectF(self.pad, y, text_w, self.caption_h + 2), self.flags,
                             self.caption)
        painter.setPen(theme.pen("border", 1.0))
        painter.drawLine(0, self.height - 1, self.width, self.height - 1)


def _font(theme: Theme, px: int, *, bold: bool):
    from PySide6.QtGui import QFont

    font = QFont(theme.font_family)
    font.setPixelSize(px)
    font.setBold(bold)
    # Same glyph metrics everywhere, as the scene's own fonts.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


class _Painted:
    """A finished picture on disk that can be drawn again (into a strip or a page)."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.fmt = fmt

    def draw(self, painter: QPainter, x: float, y: float, width: float, height: float) -> None:
        from PySide6.QtCore import QRectF

        target = QRectF(x, y, width, height)
        if self.fmt == "png":
            from PySide6.QtGui import QImage

            image = QImage(str(self.path))
            painter.drawImage(target, image)
        else:
            from PySide6.QtSvg import QSvgRenderer

            QSvgRenderer(str(self.path)).render(painter, target)


def _canvas(path: Path, fmt: str, width: int, height: int, title: str,
            theme: Theme, paint: Callable[[QPainter], None]) -> None:
    """Open a PNG or SVG of exactly width×height, fill the background, let ``paint`` draw."""
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QImage, QPainter

    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "png":
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(theme.color("background"))
        painter = QPainter(image)
        _hints(painter)
        paint(painter)
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        return
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(title or "pvgraph")
    generator.setDescription("Storage graph rendered by pvgraph")
    painter = QPainter(generator)
    _hints(painter)
    painter.fillRect(QRectF(0, 0, width, height), theme.color("background"))
    paint(painter)
    painter.end()
    _svg_pixel_size(path, width, height)


def _hints(painter: QPainter) -> None:
    from PySide6.QtGui import QPainter

    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)


def _svg_pixel_size(path: Path, width: int, height: int) -> None:
    """QSvgGenerator states the size in millimetres; docs tools want the pixel size."""
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("<svg")
    if not sep:
        return
    tag, close, tail = rest.partition(">")
    tag = re.sub(r'\swidth="[^"]*"', f' width="{width}"', tag, count=1)
    tag = re.sub(r'\sheight="[^"]*"', f' height="{height}"', tag, count=1)
    path.write_text(head + sep + tag + close + tail, encoding="utf-8")


# ---- where the graph and the legend go ---------------------------------------------------
@dataclass(frozen=True)
class AreaPlan:
    """The graph's rectangle and the legend's place inside the area under the band."""

    graph: tuple[int, int, int, int]
    legend: object | None  # gui.legend.Legend
    legend_at: tuple[float, float]
    legend_factor: float
    graph_scale: float

    def paint_legend(self, painter: QPainter, top: float) -> None:
        if self.legend is None:
            return
        from PySide6.QtCore import QPointF

        painter.save()
        painter.translate(self.legend_at[0], top + self.legend_at[1])
        painter.scale(self.legend_factor, self.legend_factor)
        self.legend.paint(painter, QPointF(0, 0))
        painter.restore()


def plan_graph_area(scene, theme: Theme, width: int, height: int) -> AreaPlan:
    """Put the legend where it costs the graph least: a column on the right (wide,
    flat graphs in tall pictures) or three columns along the bottom.

    The graph is drawn as large as the area allows (``export_scene`` fits the whole
    scene to the size it is given), so the better place is the one whose remaining
    area gives the larger drawing scale.
    """
    from gui.legend import Legend

    # export_scene's own margins around the scene and inside the picture.
    margin = 24.0 * theme.scale
    inner = 16.0 * theme.scale
    picture = scene.picture_rect()
    sw = max(1.0, picture.width()) + 2 * margin
    sh = max(1.0, picture.height()) + 2 * margin
    pad = 16.0 * theme.scale

    def scale_for(w: float, h: float) -> float:
        return min((w - 2 * inner) / sw, (h - 2 * inner) / sh)

    plans: list[AreaPlan] = []
    side = Legend(theme, columns=1)
    lw, lh = side.size().width(), side.size().height()
    # The legend never takes more than about a quarter of the picture: on small
    # pictures it shrinks (to 60% at most) before the graph does.
    factor = min(1.0, (height - 2 * pad) / lh, 0.26 * width / lw)
    if factor >= 0.6:
        gw = int(width - lw * factor - pad)
        scale = scale_for(gw, height)
        # A tall, narrow graph leaves room at the sides: graph and legend stay together,
        # centred, instead of a gap opening between them.
        used = min(gw, int(sw * scale + 2 * inner) + 1)
        left = (gw - used) // 2
        plans.append(AreaPlan((left, 0, used, height), side, (left + used, pad), factor, scale))
    bottom = Legend(theme, columns=3)
    bw, bh = bottom.size().width(), bottom.size().height()
    factor = min(1.0, (width - 2 * pad) / bw, 0.36 * height / bh)
    gh = int(height - bh * factor - pad)
    if gh > 60 and factor >= 0.6:
        scale = scale_for(width, gh)
        used = min(gh, int(sh * scale + 2 * inner) + 1)
        top = (gh - used) // 2
        plans.append(AreaPlan((0, top, width, used), bottom, (pad, top + used), factor, scale))
    if not plans:  # a tiny picture: the graph alone beats an unreadable legend
        return AreaPlan((0, 0, width, height), None, (0, 0), 1.0, scale_for(width, height))
    return max(plans, key=lambda p: p.graph_scale)


# ---- the renderer ------------------------------------------------------------------------
class Renderer:
    """Follows a cluster with a graph scene and writes a picture on demand."""

    def __init__(self, cluster: Cluster, out_dir: str | Path, options: RenderOptions,
                 title: str = "") -> None:
        ensure_app()
        from core.graph import GraphProjection
        from gui.scene import GraphScene

        self.cluster = cluster
        self.out_dir = Path(out_dir)
        self.options = options
        self.title = title
        self.theme = options.resolved_theme()
        self.projection = GraphProjection(cluster)
        self.scene = GraphScene(self.theme)
        self.scene.set_motion(False, 1)
        self._seq = cluster.store.last_seq
        self._fresh = True
        self.shots: list[Shot] = []
        self.strips: list[Path] = []

    def close(self) -> None:
        self.projection.close()
        self.scene.clear()

    def _sync(self) -> None:
        snapshot = self.projection.snapshot()
        if self._fresh:
            self.scene.reset(snapshot)
            self._fresh = False
        else:
            self.scene.apply(self.cluster.store.changes_since(self._seq), snapshot)
        self._seq = self.cluster.store.last_seq
        self.scene.finish_animations()

    def shoot(self, name: str, caption: str) -> Shot:
        """Write the current state as the next numbered picture."""
        from gui.export import export_scene

        self._sync()
        number = len(self.shots) + 1
        fmt = self.options.fmt
        width, height = self.options.size
        path = self.out_dir / shot_filename(number, name, fmt)
        meta = " · ".join(p for p in (self.title, f"{number:02d} {name}") if p)
        band = _Band(self.theme, width, height, meta, caption)
        graph_h = max(120, height - band.height)
        plan = plan_graph_area(self.scene, self.theme, width, graph_h)
        gx, gy, gw, gh = plan.graph
        with tempfile.TemporaryDirectory(prefix="pvgraph-render-") as tmp:
            graph = Path(tmp) / f"graph.{fmt}"
            export_scene(self.scene, graph, fmt, "", self.theme, size=(gw, gh), dpr=1.0,
                         legend=False)
            picture = _Painted(graph, fmt)

            def paint(painter: QPainter) -> None:
                picture.draw(painter, gx, band.height + gy, gw, gh)
                plan.paint_legend(painter, band.height)
                band.paint(painter)

            _canvas(path, fmt, width, height, meta or name, self.theme, paint)
        shot = Shot(number, name, caption, path)
        if self.options.strip and self.shots:
            self.strips.append(self._strip(self.shots[-1], shot))
        self.shots.append(shot)
        return shot

    def _strip(self, before: Shot, after: Shot) -> Path:
        """Two consecutive pictures side by side, full size, an arrow between them."""
        from PySide6.QtCore import QPointF, QRectF
        from PySide6.QtGui import QPolygonF

        fmt = self.options.fmt
        width, height = self.options.size
        gap = max(24, width // 40)
        path = self.out_dir / f"strip-{before.number:02d}-{after.number:02d}.{fmt}"
        theme = self.theme

        def paint(painter: QPainter) -> None:
            _Painted(before.path, fmt).draw(painter, 0, 0, width, height)
            _Painted(after.path, fmt).draw(painter, width + gap, 0, width, height)
            painter.fillRect(QRectF(width, 0, gap, height), theme.color("border"))
            cx, cy, r = width + gap / 2, height / 2, gap * 0.38
            painter.setPen(theme.pen("surface", 1.0))
            painter.setBrush(theme.color("surface"))
            painter.drawPolygon(QPolygonF([QPointF(cx - r, cy - 1.6 * r),
                                           QPointF(cx + r, cy),
                                           QPointF(cx - r, cy + 1.6 * r)]))

        _canvas(path, fmt, 2 * width + gap, height,
                f"{before.name} → {after.name}", theme, paint)
        return path


# ---- running a file ----------------------------------------------------------------------
@dataclass
class RenderResult:
    status: int
    shots: list[Shot]
    strips: list[Path]
    transcript: str
    #: ``$ line`` and kubectl's error text of each failing line.
    errors: list[str]


class ScriptFileError(Exception):
    """The script file could not be read (usage-level problem: exit 2)."""


def script_file(name: str | Path) -> Path:
    """The script to run for FILE: a lesson folder means its ``lesson.txt``."""
    from core.lessons import SCRIPT_NAME

    path = Path(name)
    if path.is_dir():
        if (path / SCRIPT_NAME).is_file():
            return path / SCRIPT_NAME
        raise ScriptFileError(f'error: "{name}" is a folder without a {SCRIPT_NAME}')
    if not path.exists():
        raise ScriptFileError(f'error: the script "{name}" does not exist')
    return path


def render_file(name: str | Path, out_dir: str | Path, options: RenderOptions,
                *, cluster: Cluster | None = None) -> RenderResult:
    """Run the script or lesson at ``name`` and write its pictures into ``out_dir``."""
    from core.cluster import Cluster
    from core.script import parse_script, run_script

    path = script_file(name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ScriptFileError(f'error: cannot read the script "{name}": {err}') from None
    book = CaptionBook.from_text(text, str(path))
    cluster = cluster if cluster is not None else Cluster()
    renderer = Renderer(cluster, out_dir, options, title=book.title_text(options.lang))
    transcript = io.StringIO()
    errors: list[str] = []
    status = 0
    base_dir = path.resolve().parent

    def snapshot(name: str) -> None:
        renderer.shoot(name.strip() or "snapshot", book.text(options.lang))

    try:
        # One line at a time through the script runner: the same behaviour, and we
        # know exactly which line failed.
        for line in parse_script(text):
            out = io.StringIO()
            if run_script(cluster, line.text, base_dir=base_dir, out=out,
                          on_say=book.on_say, on_snapshot=snapshot):
                status = 1
                errors.append(f"{path}:{line.lineno}: {out.getvalue().rstrip()}")
                transcript.write(out.getvalue())
                if not options.keep_going:
                    break
            else:
                transcript.write(out.getvalue())
    finally:
        renderer.close()
    return RenderResult(status, renderer.shots, renderer.strips, transcript.getvalue(), errors)


def missing_script_font(texts: list[str]) -> str:
    """A warning when captions need a script no installed font has (Chinese, mostly)."""
    from PySide6.QtGui import QFontDatabase

    if not any("\u3400" <= ch <= "\u9fff" for text in texts for ch in text):
        return ""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return ""
    return ("warning: no installed font has Chinese characters, so the captions show "
            "empty boxes; install one (Debian: fonts-noto-cjk or fonts-wqy-microhei)")


def render_main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    options = RenderOptions(size=args.size, theme=args.theme, fmt=args.fmt,
                            presentation=args.presentation, lang=args.lang, strip=args.strip,
                            keep_going=args.keep_going)
    try:
        result = render_file(args.file, args.out, options)
    except ScriptFileError as err:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"{PROG}: {err}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except Exception as err:  # noqa: BLE001 - one line, never a traceback
        sys.stderr.write(f"error: {type(err).__name__}: {err}\n")
        return 1
    warning = missing_script_font([shot.caption for shot in result.shots])
    if warning:
        sys.stderr.write(warning + "\n")
    for shot in result.shots:
        sys.stdout.write(f"wrote {shot.path}\n")
    for strip in result.strips:
        sys.stdout.write(f"wrote {strip}\n")
    for failure in result.errors:
        sys.stderr.write(f"{failure}\n")
    return result.status
