"""An SVG drawing of an area's boards and the relationships between them.

The layout is deterministic and made to be read:

- boards are laid out **by kind**: one group per kind (partnership type, or a band for bodies that
  are not boards), under the kind's name, in the order the caller gives; the groups flow into rows of
  a few boards, so that lines run across the page rather than along one column;
- the relationships between two boards are **one line**, whatever their number, labelled with
  every kind (an arrow at each end a relationship points to; "→"/"←" before each kind when they
  point both ways);
- a line that would cross another board bends around it;
- **labels never overlap**: each label is measured (its text is drawn at a fixed length per
  character, ``textLength``, so the box computed here is the box the browser draws) and placed at
  the first free spot along its line, else beside it, else at the nearest free spot around it.

The drawing carries a ``<title>`` and a ``<desc>`` that says in words what it shows; every board
and line has its own ``<title>``; nothing is fetched from anywhere.  ``links`` gives the same lines
as records, for the table that stands in for the drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

NODE_WIDTH = 170
NODE_LINE = 15  # line height of a board's label
NODE_PAD = 8
LABEL_CHARS = 22  # characters per line of a board's label
LABEL_LINES = 3
GAP_X = 60  # between boards of one band
BAND_GAP = 120  # between rows of boards: room for the lines' labels
GROUP_GAP = 90  # between the groups (kinds) of one row
MARGIN = 24
CHAR_WIDTH = 6.4  # px per character of a line's label (12 px text, drawn to this length)
LINE_HEIGHT = 15
LABEL_PAD = 3
CLEARANCE = 4  # the least space between two labels, or a label and a board
KINDS = 8  # colour classes kind-0 ... kind-7 (service/static/ui.css)
BENDS = (70, -70, 140, -140, 210, -210)


@dataclass(frozen=True)
class Node:
    key: str  # the IRI
    label: str
    href: str | None = None
    kind: str = "Organisation"


@dataclass(frozen=True)
class Edge:
    source: str  # Node.key
    target: str
    kind: str
    frequency: str | None = None
    href: str | None = None

    @property
    def text(self) -> str:
        return f"{self.kind} ({self.frequency.lower()})" if self.frequency else self.kind


@dataclass(frozen=True)
class Link:
    """The relationships between two boards, drawn as one line from ``a`` to ``b``."""

    a: Node
    b: Node
    forward: tuple[Edge, ...]  # a → b
    backward: tuple[Edge, ...]  # b → a

    @property
    def lines(self) -> tuple[str, ...]:
        if self.forward and self.backward:
            return tuple(f"→ {e.text}" for e in self.forward) + tuple(f"← {e.text}" for e in self.backward)
        return tuple(e.text for e in self.forward + self.backward)

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(_sentence(self.a, e, self.b) for e in self.forward) + tuple(
            _sentence(self.b, e, self.a) for e in self.backward
        )


@dataclass(frozen=True)
class Box:
    x: float  # left
    y: float  # top
    w: float
    h: float

    def overlaps(self, other: Box, gap: float = CLEARANCE) -> bool:
        return not (
            self.x + self.w + gap <= other.x
            or other.x + other.w + gap <= self.x
            or self.y + self.h + gap <= other.y
            or other.y + other.h + gap <= self.y
        )

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True)
class Placed:
    node: Node
    x: float  # centre
    y: float
    lines: tuple[str, ...]
    kind_index: int

    @property
    def height(self) -> float:
        return len(self.lines) * NODE_LINE + 2 * NODE_PAD

    @property
    def box(self) -> Box:
        return Box(self.x - NODE_WIDTH / 2, self.y - self.height / 2, NODE_WIDTH, self.height)


def _sentence(a: Node, e: Edge, b: Node) -> str:
    return f"{a.label} {e.text[0].lower() + e.text[1:]} {b.label}"


def wrap(text: str, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> tuple[str, ...]:
    """Words into at most ``lines`` lines of about ``width`` characters (the last one shortened with …)."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    if out and len(out[-1]) > width:
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return tuple(out) or ("",)


def ordered_kinds(nodes: list[Node], kinds: list[str] | None = None) -> list[str]:
    """The kinds of the nodes: first those of ``kinds`` in its order, then the others alphabetically."""
    present = {n.kind for n in nodes}
    first = [k for k in (kinds or []) if k in present]
    return first + sorted(present - set(first), key=str.casefold)


def links(nodes: list[Node], edges: list[Edge]) -> list[Link]:
    """The relationships merged into one link per pair of boards, in a stable order."""
    known = _known(nodes, edges)
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for e in sorted(set(edges), key=lambda e: (e.source, e.target, e.kind, e.frequency or "")):
        pairs.setdefault(tuple(sorted((e.source, e.target))), []).append(e)
    out = []
    for pair, found in pairs.items():
        a, b = known[found[0].source], known[found[0].target]
        out.append(
            Link(a, b, tuple(e for e in found if e.source == a.key), tuple(e for e in found if e.source != a.key))
        )
    return sorted(out, key=lambda link: (link.a.label.casefold(), link.b.label.casefold()))


def _known(nodes: list[Node], edges: list[Edge]) -> dict[str, Node]:
    known = {n.key: n for n in nodes}
    for e in edges:  # an end that is not a board of the area still gets a box
        for key in (e.source, e.target):
            known.setdefault(key, Node(key, key.rsplit("/", 1)[-1]))
    return known


def layout(nodes: list[Node], kinds: list[str]) -> tuple[list[Placed], list[tuple[str, Box]]]:
    """Boards grouped by kind, each group under its kind's title; the groups (in ``kinds`` order) flow into
    rows of at most a few boards, so that lines between groups run across the page rather than along one
    column.  Returns the boards and each group's title with its box."""
    if not nodes:
        return [], []
    per_row = max(3, math.ceil(math.sqrt(len(nodes))) + 1)
    groups = []
    for index, kind in enumerate(kinds):
        band = sorted((n for n in nodes if n.kind == kind), key=lambda n: (n.label.casefold(), n.key))
        groups += [(kind, index, band[i : i + per_row]) for i in range(0, len(band), per_row)]
    rows: list[list[tuple[str, int, list[Node]]]] = [[]]
    for group in groups:
        if rows[-1] and sum(len(g[2]) for g in rows[-1]) + len(group[2]) > per_row:
            rows.append([])
        rows[-1].append(group)
    widths = [_row_width(row) for row in rows]
    placed, titles, y = [], [], 0.0
    for row, width in zip(rows, widths):
        wrapped = {n.key: wrap(n.label) for _, _, band in row for n in band}
        titled = {kind: wrap(kind, int(_group_width(len(band)) / CHAR_WIDTH), 2) for kind, _, band in row}
        title_height = max(len(t) for t in titled.values()) * NODE_LINE
        height = max(len(w) for w in wrapped.values()) * NODE_LINE + 2 * NODE_PAD
        x = (max(widths) - width) / 2
        for kind, index, band in row:
            group_width = _group_width(len(band))
            lines = titled[kind]
            title_width = max(len(line) for line in lines) * CHAR_WIDTH
            titles.append(
                (
                    kind,
                    Box(
                        x + (group_width - title_width) / 2,
                        y + title_height - len(lines) * NODE_LINE,
                        title_width,
                        len(lines) * NODE_LINE,
                    ),
                )
            )
            for i, node in enumerate(band):
                placed.append(
                    Placed(
                        node,
                        x + i * (NODE_WIDTH + GAP_X) + NODE_WIDTH / 2,
                        y + title_height + 6 + height / 2,
                        wrapped[node.key],
                        index % KINDS,
                    )
                )
            x += group_width + GROUP_GAP
        y += title_height + 6 + height + BAND_GAP
    return placed, titles


def _group_width(boards: int) -> float:
    return boards * NODE_WIDTH + (boards - 1) * GAP_X


def _row_width(row) -> float:
    return sum(_group_width(len(band)) for _, _, band in row) + (len(row) - 1) * GROUP_GAP


def _border(p: Placed, towards_x: float, towards_y: float) -> tuple[float, float]:
    """Where the line from the board's centre towards a point leaves the board's box."""
    dx, dy = towards_x - p.x, towards_y - p.y
    if dx == 0 and dy == 0:
        return p.x, p.y
    half_w, half_h = NODE_WIDTH / 2 + 4, p.height / 2 + 4
    t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return p.x + dx * t, p.y + dy * t


@dataclass(frozen=True)
class Route:
    start: tuple[float, float]
    control: tuple[float, float]
    end: tuple[float, float]

    def at(self, t: float) -> tuple[float, float]:
        (sx, sy), (cx, cy), (ex, ey) = self.start, self.control, self.end
        u = 1 - t
        return u * u * sx + 2 * u * t * cx + t * t * ex, u * u * sy + 2 * u * t * cy + t * t * ey

    def normal(self) -> tuple[float, float]:
        (sx, sy), (ex, ey) = self.start, self.end
        length = math.hypot(ex - sx, ey - sy) or 1.0
        return -(ey - sy) / length, (ex - sx) / length


def route(a: Placed, b: Placed, obstacles: list[Box]) -> Route:
    """A line from a to b (a quadratic curve), bent around any other board it would cross."""
    mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
    length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
    nx, ny = -(b.y - a.y) / length, (b.x - a.x) / length
    first = None
    for bend in (0.0,) + BENDS:
        cx, cy = mx + nx * bend, my + ny * bend
        candidate = Route(_border(a, cx, cy), (cx, cy), _border(b, cx, cy))
        first = first or candidate
        points = [candidate.at(i / 24) for i in range(1, 24)]
        if not any(_inside(box, x, y) for box in obstacles for x, y in points):
            return candidate
    return first


def _inside(box: Box, x: float, y: float) -> bool:
    return box.x - CLEARANCE < x < box.x + box.w + CLEARANCE and box.y - CLEARANCE < y < box.y + box.h + CLEARANCE


def label_size(lines: tuple[str, ...]) -> tuple[float, float]:
    return (max(len(line) for line in lines) * CHAR_WIDTH + 2 * LABEL_PAD, len(lines) * LINE_HEIGHT + 2 * LABEL_PAD)


def place_label(r: Route, size: tuple[float, float], taken: list[Box]) -> Box:
    """The first free box for a label: along its line, then beside it, then around its middle."""
    w, h = size
    nx, ny = r.normal()
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78):
        x, y = r.at(t)
        for side in (0.0, 1.0, -1.0):
            shift = side * (abs(nx) * w / 2 + abs(ny) * h / 2 + CLEARANCE + 2)
            box = Box(x + nx * shift - w / 2, y + ny * shift - h / 2, w, h)
            if not any(box.overlaps(other) for other in taken):
                return box
    x, y = r.at(0.5)
    step = 0
    while True:  # a spiral of growing radius: far enough away, it is free
        step += 1
        radius = 12.0 * step
        for i in range(16):
            angle = 2 * math.pi * i / 16
            box = Box(x + radius * math.cos(angle) - w / 2, y + radius * math.sin(angle) - h / 2, w, h)
            if not any(box.overlaps(other) for other in taken):
                return box


def _link_svg(link: Link, r: Route, box: Box, index: int) -> str:
    (sx, sy), (cx, cy), (ex, ey) = r.start, r.control, r.end
    ends = (' marker-end="url(#arrow)"' if link.forward else "") + (
        ' marker-start="url(#arrow)"' if link.backward else ""
    )
    path = f'<path class="edge" d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"{ends}/>'
    # a thin leader from the label to its line, when the label had to move away from it
    lx, ly = box.centre
    px, py = r.at(0.5)
    leader = (
        ""
        if _inside(box, px, py)
        else f'<line class="leader" x1="{lx:.1f}" y1="{ly:.1f}" x2="{px:.1f}" y2="{py:.1f}"/>'
    )
    texts = "".join(
        f'<text class="edge-label" x="{box.x + LABEL_PAD:.1f}" y="{box.y + LABEL_PAD + (i + 0.78) * LINE_HEIGHT:.1f}" '
        f'textLength="{len(line) * CHAR_WIDTH:.1f}" lengthAdjust="spacingAndGlyphs">{escape(line)}</text>'
        for i, line in enumerate(link.lines)
    )
    label = (
        f'<g class="label"><rect class="label-box" x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" '
        f'height="{box.h:.1f}" rx="3"/>{texts}</g>'
    )
    hrefs = [e.href for e in link.forward + link.backward if e.href]
    body = f"<title>{escape('; '.join(link.sentences))}</title>{path}{leader}{label}"
    if len(hrefs) == 1:
        body = f'<a href="{escape(hrefs[0])}">{body}</a>'
    return f'<g class="relationship" id="edge-{index}">{body}</g>'


def _node_svg(p: Placed) -> str:
    box = p.box
    rect = f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{NODE_WIDTH}" height="{box.h:.1f}" rx="8" ry="8"/>'
    spans = "".join(
        f'<tspan x="{p.x:.1f}" y="{box.y + NODE_PAD + (i + 0.8) * NODE_LINE:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(p.lines)
    )
    body = (
        f'<title>{escape(p.node.label)} ({escape(p.node.kind)})</title>{rect}<text text-anchor="middle">{spans}</text>'
    )
    if p.node.href:
        body = f'<a href="{escape(p.node.href)}">{body}</a>'
    return f'<g class="node kind-{p.kind_index}">{body}</g>'


def _band_svg(kind: str, box: Box) -> str:
    lines = wrap(kind, max(int(box.w / CHAR_WIDTH), 1), 2)
    spans = "".join(
        f'<tspan x="{box.x + box.w / 2:.1f}" y="{box.y + (i + 0.8) * NODE_LINE:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="band-title" text-anchor="middle">{spans}</text>'


def describe(nodes: list[Node], merged: list[Link]) -> str:
    """The drawing in words, for its <desc> (and for anyone who cannot see it)."""
    if not merged:
        return f"{len(nodes)} boards and no relationship between them: " + "; ".join(n.label for n in nodes) + "."
    said = [s for link in merged for s in link.sentences]
    return f"{len(nodes)} boards and {len(said)} relationships. " + "; ".join(said) + "."


def draw(nodes: list[Node], edges: list[Edge], *, title: str, kinds: list[str] | None = None) -> str:
    """The SVG markup (an inline ``<svg>`` element) of the boards, by kind, and their relationships."""
    known = _known(nodes, edges)
    every = sorted(known.values(), key=lambda n: (n.label.casefold(), n.key))
    order = ordered_kinds(every, kinds)
    placed, bands = layout(every, order)
    at = {p.node.key: p for p in placed}
    merged = links(every, edges)
    boards = [p.box for p in placed]
    taken = boards + [box for _, box in bands]
    drawn = []
    for i, link in enumerate(merged):
        a, b = at[link.a.key], at[link.b.key]
        others = [box for p, box in zip(placed, boards) if p.node.key not in (link.a.key, link.b.key)]
        r = route(a, b, others + [box for _, box in bands])
        box = place_label(r, label_size(link.lines), taken)
        taken.append(box)
        drawn.append(_link_svg(link, r, box, i))
    taken = taken or [Box(0, 0, NODE_WIDTH, NODE_LINE)]  # nothing to draw: an empty drawing of some size
    left = min(box.x for box in taken) - MARGIN
    top = min(box.y for box in taken) - MARGIN
    width = max(box.x + box.w for box in taken) + MARGIN - left
    height = max(box.y + box.h for box in taken) + MARGIN - top
    nodes_svg = "".join(_node_svg(p) for p in placed)
    bands_svg = "".join(_band_svg(kind, box) for kind, box in bands)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="{left:.0f} {top:.0f} {width:.0f} '
        f'{height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="diagram-title diagram-desc">'
        f'<title id="diagram-title">{escape(title)}</title>'
        f'<desc id="diagram-desc">{escape(describe(every, merged))}</desc>'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>'
        f'<g class="bands">{bands_svg}</g><g class="nodes">{nodes_svg}</g><g class="edges">{"".join(drawn)}</g></svg>'
    )
