"""Partner networks laid out on the server, drawn by the templates as SVG.

    partner_summary(count_by_partner(store, f))  -> partners by events, with their mix
    ego_network("CUB", partners)                 -> nodes and edges around one party
    pair_network("CUB", "RUS", pa, pb, between)  -> two parties and their partners

Edge width grows with the number of events; colour says whether they were mostly
cooperation (blue), mostly conflict (red) or mixed (violet). Coordinates are in a
fixed viewBox so the SVG scales to any screen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..analysis import Tally, party_name

__all__ = ["ego_network", "pair_network", "partner_summary", "tone_colour"]

WIDTH, HEIGHT = 520, 380
COOPERATION, MIXED, CONFLICT = "#2f6f98", "#8a6a9b", "#c0504d"


def tone_colour(cooperation: int, conflict: int) -> str:
    """Blue for mostly cooperation, red for mostly conflict, violet for a mix."""
    total = cooperation + conflict
    if total == 0 or conflict / total < 0.25:
        return COOPERATION
    return CONFLICT if conflict / total > 0.6 else MIXED


def partner_summary(tallies: Mapping[str, Tally]) -> list[dict[str, Any]]:
    """A party's partners (`analysis.count_by_partner`), the busiest first: events
    (`n`), mentions, each way, their mix and colour."""
    out = []
    for partner, t in tallies.items():
        out.append({"party": partner, "name": party_name(partner), "n": t.events,
                    "mentions": t.mentions, "out": t.directions[0], "in": t.directions[1],
                    "quads": {q: t.quads.get(q, 0) for q in (1, 2, 3, 4)},
                    "goldstein": round(t.goldstein, 1), "usd": t.usd,
                    "cooperation": t.cooperation, "conflict": t.conflict,
                    "colour": tone_colour(t.cooperation, t.conflict)})
    return sorted(out, key=lambda p: (-p["n"], p["name"]))


def _short(name: str, size: int = 18) -> str:
    return name if len(name) <= size else name[: size - 1].rstrip() + "…"


def _node(party: str, x: float, y: float, r: float, *, centre: bool = False,
          href: str | None = None, angle: float | None = None, n: int = 0) -> dict[str, Any]:
    name = party_name(party)
    if angle is None:
        lx, ly, anchor = x, y + r + 16, "middle"
    else:
        cos, sin = math.cos(angle), math.sin(angle)
        lx, ly = x + cos * (r + 6), y + sin * (r + 6) + 5
        anchor = "start" if cos > 0.35 else "end" if cos < -0.35 else "middle"
        if anchor == "middle":
            ly = y + (r + 16 if sin > 0 else -r - 8)
    return {"party": party, "name": name, "label": _short(name), "x": round(x, 1),
            "y": round(y, 1), "r": round(r, 1), "lx": round(lx, 1), "ly": round(ly, 1),
            "anchor": anchor, "centre": centre, "href": href, "n": n}


def _edge(a: dict[str, Any], b: dict[str, Any], p: dict[str, Any], biggest: int
          ) -> dict[str, Any]:
    share = math.sqrt(p["n"] / biggest) if biggest else 0
    return {"x1": a["x"], "y1": a["y"], "x2": b["x"], "y2": b["y"],
            "width": round(1.5 + 9 * share, 1), "colour": p["colour"], "n": p["n"],
            "title": f"{a['name']} – {b['name']}: {p['n']} events "
                     f"({p['cooperation']} cooperation, {p['conflict']} conflict)"}


def ego_network(party: str, partners: Sequence[dict[str, Any]], limit: int = 10
                ) -> dict[str, Any]:
    """`party` in the middle, its `limit` biggest partners around it."""
    top = list(partners[:limit])
    cx, cy, radius = WIDTH / 2, HEIGHT / 2, 130
    centre = _node(party, cx, cy, 24, centre=True)
    biggest = max((p["n"] for p in top), default=0)
    nodes, edges = [centre], []
    for i, p in enumerate(top):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(top), 1)
        r = 7 + 11 * math.sqrt(p["n"] / biggest)
        node = _node(p["party"], cx + radius * math.cos(angle), cy + radius * math.sin(angle),
                     r, href=f"/pairs/{party}-{p['party']}", angle=angle, n=p["n"])
        nodes.append(node)
        edges.append(_edge(centre, node, p, biggest))
    return {"width": WIDTH, "height": HEIGHT, "nodes": nodes, "edges": edges,
            "more": max(0, len(partners) - len(top))}


def pair_network(a: str, b: str, partners_a: Sequence[dict[str, Any]],
                 partners_b: Sequence[dict[str, Any]], between: dict[str, Any] | None,
                 limit: int = 5) -> dict[str, Any]:
    """`a` left and `b` right, joined by their own edge; their other partners around
    them, partners of both in the middle."""
    ax, bx, cy = WIDTH * 0.3, WIDTH * 0.7, HEIGHT / 2
    na, nb = _node(a, ax, cy, 24, centre=True), _node(b, bx, cy, 24, centre=True)
    others_a = {p["party"]: p for p in partners_a if p["party"] != b}
    others_b = {p["party"]: p for p in partners_b if p["party"] != a}
    shared = [q for q in others_a if q in others_b][:4]
    only_a = [q for q in others_a if q not in shared][:limit]
    only_b = [q for q in others_b if q not in shared][:limit]
    biggest = max([p["n"] for p in [*others_a.values(), *others_b.values()]]
                  + ([between["n"]] if between else []) or [0])
    nodes, edges = [na, nb], []
    if between:
        edges.append(_edge(na, nb, between, biggest))

    def place(parties: list[str], x: float, start: float, stop: float, side: str) -> None:
        for i, q in enumerate(parties):
            angle = start + (stop - start) * (i + 0.5) / len(parties)
            p = (others_a if side != "b" else others_b)[q]
            n = p["n"] + (others_b[q]["n"] if side == "both" else 0)
            r = 6 + 9 * math.sqrt(n / biggest) if biggest else 6
            if side == "both":
                y = cy + (i // 2 + 1) * 62 * (1 if i % 2 else -1)
                node = _node(q, WIDTH / 2, y, r, href=f"/countries/{q}", n=n)
            else:
                node = _node(q, x + 115 * math.cos(angle), cy + 130 * math.sin(angle), r,
                             href=f"/countries/{q}", angle=angle, n=n)
            nodes.append(node)
            if side in ("a", "both"):
                edges.append(_edge(na, node, others_a[q], biggest))
            if side in ("b", "both"):
                edges.append(_edge(nb, node, others_b[q], biggest))

    place(only_a, ax, math.pi * 0.62, math.pi * 1.38, "a")
    place(only_b, bx, -math.pi * 0.38, math.pi * 0.38, "b")
    place(shared, WIDTH / 2, 0, 0, "both")
    return {"width": WIDTH, "height": HEIGHT, "nodes": nodes, "edges": edges, "more": 0}
