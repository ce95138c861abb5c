"""Every colour, pen, font and size of the graph, in one place.

Colour means *status* and nothing else (kinds are told apart by shape and icon), and
status is never colour alone: each category also has a badge shape and its text.
The status hues are the Okabe–Ito palette, which stays distinguishable with the
common forms of colour blindness.

Themes are frozen values: ``LIGHT``, ``DARK``, and ``presentation(theme)`` for
projectors (bigger type and items, thicker lines, stronger contrast).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from core.layout import LayoutConfig

# ---- status categories ------------------------------------------------------------------

OK = "ok"
AVAILABLE = "available"
PENDING = "pending"
RELEASED = "released"
FAILED = "failed"
TERMINATING = "terminating"
CORDONED = "cordoned"
NEUTRAL = "neutral"

CATEGORIES = (OK, AVAILABLE, PENDING, RELEASED, FAILED, TERMINATING, CORDONED, NEUTRAL)

#: The badge drawn for each category (shapes in gui/items/icons.py).
BADGE = {
    OK: "check",          # filled disc with a tick
    AVAILABLE: "ring",    # an empty slot
    PENDING: "hourglass",
    RELEASED: "diamond",  # let go, not free
    FAILED: "warning",    # triangle with !
    TERMINATING: "cross",
    CORDONED: "bar",      # no-entry sign
    NEUTRAL: "",
}

#: What each category means, for the legend.
CATEGORY_LABEL = {
    OK: "Bound · Running · Ready",
    AVAILABLE: "Available",
    PENDING: "Pending · ContainerCreating",
    RELEASED: "Released",
    FAILED: "Failed · Lost · NotReady · not found",
    TERMINATING: "Terminating",
    CORDONED: "SchedulingDisabled",
}

_EXACT = {
    "Bound": OK, "Running": OK, "Ready": OK, "Succeeded": OK, "Completed": OK,
    "Exported": OK, "Active": OK,
    "Available": AVAILABLE,
    "Pending": PENDING, "ContainerCreating": PENDING, "PodInitializing": PENDING,
    "Progressing": PENDING, "Provisioning": PENDING, "SchedulingGated": PENDING,
    "Released": RELEASED,
    "Failed": FAILED, "Lost": FAILED, "NotReady": FAILED, "Unknown": FAILED, "Error": FAILED,
    "CrashLoopBackOff": FAILED, "ImagePullBackOff": FAILED, "ErrImagePull": FAILED,
    "Not found": FAILED, "Not exported": FAILED, "Evicted": FAILED, "OOMKilled": FAILED,
    "Terminating": TERMINATING,
    "": NEUTRAL,
}


def category(status: str) -> str:
    """The status category of a status text (``Ready,SchedulingDisabled`` → cordoned)."""
    if status in _EXACT:
        return _EXACT[status]
    if "SchedulingDisabled" in status:
        return FAILED if status.startswith("NotReady") or status.startswith("Unknown") \
            else CORDONED
    if status.startswith("Init:"):
        return PENDING
    if status.startswith(("ExitCode:", "Signal:")):
        return FAILED
    return NEUTRAL


# ---- edge styles ---------------------------------------------------------------------------

@dataclass(frozen=True)
class EdgeStyle:
    width: float
    dash: tuple[float, ...]  # empty = solid; in multiples of the pen width
    color: str  # a Theme attribute name
    arrow_target: bool = True
    arrow_source: bool = False
    label: str = ""


EDGE_STYLES: dict[tuple[str, str], EdgeStyle] = {
    ("export", ""): EdgeStyle(1.6, (), "edge_storage", label="NFS export → PV"),
    ("class", ""): EdgeStyle(1.3, (1.0, 3.0), "edge_class", label="StorageClass → PV / claim"),
    ("binding", "bound"): EdgeStyle(4.0, (), "status_ok", True, True,
                                    "bound: claimRef and volumeName agree"),
    ("binding", "reserved"): EdgeStyle(2.6, (4.0, 2.5), "status_pending",
                                       label="reserved: PV claimRef only"),
    ("binding", "requested"): EdgeStyle(2.6, (1.0, 2.0, 4.0, 2.0), "status_pending",
                                        arrow_target=False, arrow_source=True,
                                        label="requested: claim volumeName only"),
    ("mount", ""): EdgeStyle(2.2, (), "edge_strong", label="claim mounted by pod"),
    ("owns", ""): EdgeStyle(1.4, (), "edge_muted", label="StatefulSet owns pod"),
    ("template", ""): EdgeStyle(1.4, (5.0, 3.0), "edge_muted",
                                label="claim from volumeClaimTemplate"),
    ("selects", ""): EdgeStyle(1.4, (1.0, 2.5), "edge_muted", label="Service selects pod"),
    ("scheduled", ""): EdgeStyle(1.3, (), "edge_node", label="pod runs on node"),
    ("serves", ""): EdgeStyle(1.3, (), "edge_storage", arrow_target=False,
                              label="NFS server exports"),
}


def edge_style(relation: str, state: str = "") -> EdgeStyle:
    return EDGE_STYLES.get((relation, state)) or EDGE_STYLES.get((relation, "")) or \
        EdgeStyle(1.2, (), "edge_muted")


# ---- the theme -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    # surfaces and text
    background: str
    surface: str          # item body
    surface_implied: str  # implied / missing objects
    border: str
    text: str
    text_muted: str
    icon: str
    selection: str
    focus: str
    hover: str
    # group frames
    frame_namespace: str
    frame_namespace_border: str
    frame_set: str
    frame_set_border: str
    frame_nfs: str
    frame_nfs_border: str
    frame_title: str
    # status hues
    status_ok: str
    status_available: str
    status_pending: str
    status_released: str
    status_failed: str
    status_terminating: str
    status_cordoned: str
    status_neutral: str
    # edges
    edge_storage: str
    edge_class: str
    edge_strong: str
    edge_muted: str
    edge_node: str
    #: The lesson highlight: a glow that must read on a projector next to any status
    #: hue and next to the (blue) selection ring.
    highlight: str = "#f08c00"
    # typography (pixel sizes in scene units, so a zoom scales everything together)
    font_family: str = "DejaVu Sans"
    title_px: int = 14
    body_px: int = 11
    chip_px: int = 11
    group_px: int = 12
    legend_px: int = 12
    export_title_px: int = 22
    # geometry
    item_width: float = 210.0
    item_height: float = 72.0
    column_pitch: float = 290.0
    unit: float = 50.0
    line_scale: float = 1.0
    chip_alpha: int = 46
    presentation: bool = False
    #: For a presentation theme: the theme it was made from.
    base: Theme | None = field(default=None, compare=False, repr=False)

    # ---- derived values (cached: themes are immutable) --------------------------------
    def __post_init__(self) -> None:
        # Themes key many caches; hashing ~50 fields every lookup adds up.
        object.__setattr__(self, "_hash", hash(tuple(
            v for k, v in self.__dict__.items() if k != "base")))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined]

    def color(self, attr: str) -> QColor:
        return _color(getattr(self, attr))

    def status_color(self, cat: str) -> QColor:
        return _color(getattr(self, f"status_{cat}"))

    def chip_fill(self, cat: str) -> QColor:
        c = QColor(self.status_color(cat))
        c.setAlpha(self.chip_alpha)
        return c

    def font(self, role: str) -> QFont:
        return _font(self.font_family, self._font_px(role), role in ("title", "group", "export"))

    def _font_px(self, role: str) -> int:
        return {"title": self.title_px, "body": self.body_px, "chip": self.chip_px,
                "group": self.group_px, "legend": self.legend_px,
                "export": self.export_title_px}[role]

    def pen(self, attr: str, width: float = 1.0, dash: tuple[float, ...] = ()) -> QPen:
        pen = QPen(self.color(attr), width * self.line_scale)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap if not dash else Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if dash:
            pen.setDashPattern(list(dash))
        pen.setCosmetic(False)
        return pen

    def edge_pen(self, style: EdgeStyle) -> QPen:
        return self.pen(style.color, style.width, style.dash)

    def layout_config(self) -> LayoutConfig:
        return LayoutConfig(column_pitch=self.column_pitch, unit=self.unit,
                            item_width=self.item_width, item_height=self.item_height,
                            stripe_gap=self.column_pitch * 0.9,
                            group_pad=10.0 * self.scale, group_header=self.group_px + 10.0)

    @property
    def scale(self) -> float:
        """Size relative to the normal theme (for positions when switching)."""
        return self.column_pitch / 290.0


@lru_cache(maxsize=256)
def _color(text: str) -> QColor:
    return QColor(text)


@lru_cache(maxsize=64)
def _font(family: str, px: int, bold: bool) -> QFont:
    font = QFont(family)
    font.setPixelSize(px)
    font.setBold(bold)
    # Same glyph metrics at every zoom and in exports.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


LIGHT = Theme(
    name="light", dark=False,
    background="#f6f7f9", surface="#ffffff", surface_implied="#eef0f3", border="#8a93a0",
    text="#1b1f24", text_muted="#4a5360", icon="#3a4350",
    selection="#0b5cad", focus="#111111", hover="#5b6b80",
    frame_namespace="#e9eef6", frame_namespace_border="#9fb0c8",
    frame_set="#dfe7f2", frame_set_border="#8ea2bf",
    frame_nfs="#efe9df", frame_nfs_border="#b9a88c", frame_title="#2b3645",
    status_ok="#0072b2", status_available="#009e73", status_pending="#d08c00",
    status_released="#cc79a7", status_failed="#d55e00", status_terminating="#6b6b6b",
    status_cordoned="#56b4e9", status_neutral="#8a93a0",
    edge_storage="#8c6d3f", edge_class="#7b5ea7", edge_strong="#30363f",
    edge_muted="#6a7482", edge_node="#8a93a0",
)

DARK = Theme(
    name="dark", dark=True,
    background="#15181d", surface="#242a33", surface_implied="#1d2229", border="#5d6878",
    text="#eef1f5", text_muted="#b7c0cc", icon="#c9d1dc",
    selection="#6cb6ff", focus="#ffffff", hover="#9fb3cc", highlight="#ffb020",
    frame_namespace="#1d2531", frame_namespace_border="#3f5269",
    frame_set="#232e3d", frame_set_border="#4d6480",
    frame_nfs="#2a251d", frame_nfs_border="#6e5f45", frame_title="#d5dde8",
    status_ok="#4da3e0", status_available="#2bbf8f", status_pending="#f0b323",
    status_released="#e391c1", status_failed="#ff7a3d", status_terminating="#a0a0a0",
    status_cordoned="#7fcbf2", status_neutral="#7d8896",
    edge_storage="#c2a070", edge_class="#b39ddb", edge_strong="#dde3ea",
    edge_muted="#9aa5b3", edge_node="#7d8896",
    chip_alpha=70,
)


def presentation(theme: Theme) -> Theme:
    """The same theme for a projector: larger type and items, thicker lines, more contrast."""
    if theme.presentation:
        return theme
    factor = 1.3
    strong = dict(
        text="#000000" if not theme.dark else "#ffffff",
        text_muted="#20252c" if not theme.dark else "#e6ebf1",
        border="#3a4350" if not theme.dark else "#aab4c2",
        edge_muted="#3f4753" if not theme.dark else "#c7d0db",
        edge_node="#5a6370" if not theme.dark else "#aab4c2",
        frame_namespace_border="#5c6f8a" if not theme.dark else "#7f96b3",
        frame_set_border="#4f6685" if not theme.dark else "#8aa3c2",
    )
    return replace(
        theme, name=f"{theme.name}-presentation", presentation=True,
        title_px=round(theme.title_px * 1.5), body_px=round(theme.body_px * 1.45),
        chip_px=round(theme.chip_px * 1.45), group_px=round(theme.group_px * 1.5),
        legend_px=round(theme.legend_px * 1.4), export_title_px=round(theme.export_title_px * 1.3),
        item_width=theme.item_width * factor, item_height=theme.item_height * factor,
        column_pitch=theme.column_pitch * factor, unit=theme.unit * factor,
        line_scale=theme.line_scale * 1.6, chip_alpha=min(255, theme.chip_alpha + 30),
        base=theme, **strong,
    )


THEMES = {"light": LIGHT, "dark": DARK}


def by_name(name: str) -> Theme:
    """``light`` / ``dark`` / ``light-presentation`` / ``dark-presentation``."""
    base, _, mode = name.partition("-")
    theme = THEMES[base]
    return presentation(theme) if mode == "presentation" else theme
