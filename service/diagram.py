"""An SVG drawing of an area's boards and the relationships between them.

The layout is simple and deterministic: the boards (sorted by label) sit on a circle,
each relationship is an arrow from its source to its target, labelled with its kind and
frequency.  Two relationships between the same pair of boards bend apart so that neither
hides the other.  The drawing carries a ``<title>`` and a ``<desc>`` that says in words
what the picture shows, and every arrow has its own ``<title>``; nothing is fetched from
anywhere.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from xml.sax.saxutils import escape

NODE_WIDTH = 170
NODE_LINE = 15           # line height of a node's label
NODE_PAD = 8
LABEL_CHARS = 22         # characters per line of a node label
LABEL_LINES = 3
MARGIN_X = 150           # room beside the boards for arrow labels
MARGIN_Y = 40
BEND = 50                # sideways offset of the control point of a bent arrow


@dataclass(frozen=True)
class Node:
    key: str             # the IRI
    label: str
    href: str | None = None


@dataclass(frozen=True)
class Edge:
    source: str          # Node.key
    target: str
    kind: str
    frequency: str | None = None
    href: str | None = None

    @property
    def text(self) -> str:
        return f"{self.kind} ({self.frequency.lower()})" if self.frequency else self.kind


@dataclass(frozen=True)
class Placed:
    node: Node
    x: float
    y: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return len(self.lines) * NODE_LINE + 2 * NODE_PAD


def wrap(text: str, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> tuple[str, ...]:
    """Words into at most ``lines`` lines of about ``width`` characters (the last one shortened with …)."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1:])]
    if out and len(out[-1]) > width:
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return tuple(out) or ("",)


def layout(nodes: list[Node]) -> tuple[list[Placed], float, float]:
    """Nodes on a circle (the first at the top, clockwise), moved to the top left, and the drawing's size."""
    count = len(nodes)
    radius = 0.0 if count == 1 else max(260.0, count * (NODE_WIDTH + 70) / (2 * math.pi))
    placed = []
    for i, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / max(count, 1)
        placed.append(Placed(node, radius * math.cos(angle), radius * math.sin(angle), wrap(node.label)))
    if not placed:
        return [], 2 * MARGIN_X, 2 * MARGIN_Y
    left = min(p.x for p in placed) - NODE_WIDTH / 2 - MARGIN_X
    top = min(p.y - p.height / 2 for p in placed) - MARGIN_Y
    right = max(p.x for p in placed) + NODE_WIDTH / 2 + MARGIN_X
    bottom = max(p.y + p.height / 2 for p in placed) + MARGIN_Y
    moved = [Placed(p.node, p.x - left, p.y - top, p.lines) for p in placed]
    return moved, right - left, bottom - top


def _border(p: Placed, towards_x: float, towards_y: float) -> tuple[float, float]:
    """Where the line from the node's centre towards a point leaves the node's box."""
    dx, dy = towards_x - p.x, towards_y - p.y
    if dx == 0 and dy == 0:
        return p.x, p.y
    half_w, half_h = NODE_WIDTH / 2 + 4, p.height / 2 + 4
    t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return p.x + dx * t, p.y + dy * t


def _edge_svg(edge: Edge, a: Placed, b: Placed, offset: float, index: int) -> str:
    mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
    length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
    nx, ny = -(b.y - a.y) / length, (b.x - a.x) / length       # unit normal
    cx, cy = mx + nx * offset, my + ny * offset                # control point
    sx, sy = _border(a, cx, cy)
    ex, ey = _border(b, cx, cy)
    # the label sits on the curve's midpoint (a quadratic Bézier's middle is halfway to its control point)
    lx, ly = (sx + 2 * cx + ex) / 4, (sy + 2 * cy + ey) / 4
    title = f"{a.node.label} {edge.text[0].lower() + edge.text[1:]} {b.node.label}"
    path = f'<path class="edge" d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" marker-end="url(#arrow)"/>'
    # a bent arrow's label leans away from its twin: it starts (or ends) at the curve instead of centring on it
    anchor = "middle" if abs(lx - mx) < 8 else ("start" if lx > mx else "end")
    label = (f'<text class="edge-label" x="{lx + (4 if anchor == "start" else -4 if anchor == "end" else 0):.1f}" '
             f'y="{ly + 4:.1f}" text-anchor="{anchor}">{escape(edge.text)}</text>')
    body = f"<title>{escape(title)}</title>{path}{label}"
    if edge.href:
        body = f'<a href="{escape(edge.href)}">{body}</a>'
    return f'<g class="relationship" id="edge-{index}">{body}</g>'


def _node_svg(p: Placed) -> str:
    top = p.y - p.height / 2
    rect = (f'<rect x="{p.x - NODE_WIDTH / 2:.1f}" y="{top:.1f}" width="{NODE_WIDTH}" height="{p.height:.1f}" '
            f'rx="8" ry="8"/>')
    spans = "".join(f'<tspan x="{p.x:.1f}" y="{top + NODE_PAD + (i + 0.8) * NODE_LINE:.1f}">{escape(line)}</tspan>'
                    for i, line in enumerate(p.lines))
    body = f"<title>{escape(p.node.label)}</title>{rect}<text text-anchor=\"middle\">{spans}</text>"
    if p.node.href:
        body = f'<a href="{escape(p.node.href)}">{body}</a>'
    return f'<g class="node">{body}</g>'


def describe(nodes: list[Node], edges: list[Edge]) -> str:
    """The drawing in words, for its <desc> (and for anyone who cannot see it)."""
    labels = {n.key: n.label for n in nodes}
    if not edges:
        return f"{len(nodes)} boards and no relationship between them: " + "; ".join(n.label for n in nodes) + "."
    said = [f"{labels[e.source]} {e.text[0].lower() + e.text[1:]} {labels[e.target]}" for e in edges]
    return f"{len(nodes)} boards and {len(edges)} relationships. " + "; ".join(said) + "."


def draw(nodes: list[Node], edges: list[Edge], *, title: str) -> str:
    """The SVG markup (an inline ``<svg>`` element) of the boards and their relationships."""
    known = {n.key: n for n in nodes}
    for e in edges:                                   # an end that is not a board of the area still gets a box
        for key in (e.source, e.target):
            known.setdefault(key, Node(key, key.rsplit("/", 1)[-1]))
    ordered = sorted(known.values(), key=lambda n: (n.label.casefold(), n.key))
    placed, width, height = layout(ordered)
    at = {p.node.key: p for p in placed}
    edges = sorted(edges, key=lambda e: (at[e.source].node.label, at[e.target].node.label, e.kind))
    pairs: dict[frozenset, list[Edge]] = defaultdict(list)
    for e in edges:
        pairs[frozenset((e.source, e.target))].append(e)
    drawn = []
    for i, e in enumerate(edges):
        siblings = pairs[frozenset((e.source, e.target))]
        k = siblings.index(e)
        offset = (k - (len(siblings) - 1) / 2) * 2 * BEND if len(siblings) > 1 else 0.0
        if len(siblings) > 1 and e.source > e.target:   # the normal flips with the direction: keep sides apart
            offset = -offset
        drawn.append(_edge_svg(e, at[e.source], at[e.target], offset, i))
    nodes_svg = "".join(_node_svg(p) for p in placed)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="diagram-title diagram-desc">'
        f'<title id="diagram-title">{escape(title)}</title>'
        f'<desc id="diagram-desc">{escape(describe(ordered, edges))}</desc>'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>'
        f'<g class="edges">{"".join(drawn)}</g><g class="nodes">{nodes_svg}</g></svg>'
    )
