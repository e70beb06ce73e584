"""The rivers of the data as a graph: tracing named rivers through it.

WDBII river lines carry no names.  A river is picked by a few waypoints and
traced between them as the shortest path through the network of all river
lines (``trace_river``, ``river_course``); the picture's main rivers are drawn
stronger (``classify_rivers``), and the historic borders follow the traced
courses (see history.py).
"""

from __future__ import annotations

import heapq
import math

import numpy as np

from kiosk.geo import project

from .frame import Frame, NumpyMath


def build_river_graph(lines, frame: Frame, join_km: float = 4.0):
    """A graph over all river vertices (in projected km): consecutive vertices
    are linked, and each line end is linked to vertices of other lines within
    join_km (rivers in the data end near, not on, the river they flow into)."""
    pts, owner, seg_start = [], [], []
    n = 0
    for i, a in enumerate(lines):
        seg_start.append(n)
        pts.append(a)
        owner.append(np.full(len(a), i))
        n += len(a)
    lonlat = np.vstack(pts)
    owner = np.concatenate(owner)
    x, y = project(lonlat[:, 0], lonlat[:, 1], xp=NumpyMath)
    xy = np.column_stack([x, y]) / 1000.0
    adj: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for i, a in enumerate(lines):
        s = seg_start[i]
        d = np.hypot(*np.diff(xy[s : s + len(a)], axis=0).T)
        for k in range(len(a) - 1):
            adj[s + k].append((float(d[k]), s + k + 1))
            adj[s + k + 1].append((float(d[k]), s + k))
    # spatial hash for the joins
    cell = join_km
    grid: dict = {}
    keys = np.floor(xy / cell).astype(np.int64)
    for idx in range(n):
        grid.setdefault((int(keys[idx, 0]), int(keys[idx, 1])), []).append(idx)
    for i, a in enumerate(lines):
        for end in (seg_start[i], seg_start[i] + len(a) - 1):
            kx, ky = int(keys[end, 0]), int(keys[end, 1])
            for gx in (kx - 1, kx, kx + 1):
                for gy in (ky - 1, ky, ky + 1):
                    for j in grid.get((gx, gy), ()):
                        if owner[j] == i:
                            continue
                        d = float(np.hypot(*(xy[j] - xy[end])))
                        if d <= join_km:
                            w = d * 1.5 + 0.01  # prefer real river courses to jumps
                            adj[end].append((w, j))
                            adj[j].append((w, end))
    return {"lonlat": lonlat, "xy": xy, "adj": adj, "owner": owner}


def nearest_vertex(graph, lon: float, lat: float) -> int:
    x, y = project(lon, lat)
    d = np.hypot(graph["xy"][:, 0] - x / 1000.0, graph["xy"][:, 1] - y / 1000.0)
    return int(np.argmin(d))


def shortest_path(graph, a: int, b: int) -> list[int]:
    adj = graph["adj"]
    dist = {a: 0.0}
    prev: dict = {}
    heap = [(0.0, a)]
    while heap:
        d, u = heapq.heappop(heap)
        if u == b:
            break
        if d > dist.get(u, math.inf):
            continue
        for w, v in adj[u]:
            nd = d + w
            if nd < dist.get(v, math.inf):
                dist[v] = nd
                prev[v] = u
                heapq.heappush(heap, (nd, v))
    if b not in dist:
        raise RuntimeError("river waypoints are not connected")
    path = [b]
    while path[-1] != a:
        path.append(prev[path[-1]])
    return path[::-1]


def trace_river(graph, waypoints) -> list[np.ndarray]:
    """The river's course through the waypoints: a list of lon/lat [n, 2] pieces."""
    pieces, leg = [], []
    for wp in list(waypoints) + [None]:
        if wp is not None:
            leg.append(nearest_vertex(graph, *wp))
            continue
        course: list[int] = []
        for a, b in zip(leg, leg[1:]):
            p = shortest_path(graph, a, b)
            course.extend(p if not course else p[1:])
        if course:
            pieces.append(graph["lonlat"][course])
        leg = []
    return pieces


def dist_to_polyline(p: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Distance from points p[n, 2] to the polyline line[m, 2] (same units)."""
    a, b = line[:-1], line[1:]
    ab = b - a
    ab2 = np.maximum((ab * ab).sum(1), 1e-12)
    best = np.full(len(p), np.inf)
    for k in range(0, len(p), 2000):
        q = p[k : k + 2000, None, :]
        t = np.clip(((q - a) * ab).sum(2) / ab2, 0, 1)
        d = np.hypot(*(q - (a + t[..., None] * ab)).transpose(2, 0, 1))
        best[k : k + 2000] = d.min(1)
    return best


def classify_rivers(lines, frame: Frame, main_rivers):
    """Split the river lines into the traced main rivers and the rest.

    ``main_rivers`` is a list of (name, style, [waypoints lon/lat or None]), e.g.
    ``history.MAIN_RIVERS``: the course between two consecutive waypoints is the
    shortest path through the river network of the data, so the waypoints only
    pick rivers, the geometry is GSHHG's; None breaks the course where the data
    have a gap (a reservoir).

    Returns (main, others): main is a list of (name, style, [lonlat pieces]);
    others a list of (style, lonlat) - lines that run along a main river
    (e.g. the two banks of the lower Amur, drawn double in the data) take its
    style, the remaining ones are 'medium' or 'minor' by their length.
    """
    graph = build_river_graph(lines, frame)
    main = [(name, style, trace_river(graph, wps)) for name, style, wps in main_rivers]
    main_xy = []
    for _name, style, pieces in main:
        for course in pieces:
            x, y = project(course[:, 0], course[:, 1], xp=NumpyMath)
            main_xy.append((style, np.column_stack([x, y]) / 1000.0))
    # river systems: lines joined end to end (not through the joins)
    lengths = [
        float(
            np.hypot(
                *np.diff(
                    np.column_stack(project(a[:, 0], a[:, 1], xp=NumpyMath)) / 1000.0, axis=0
                ).T
            ).sum()
        )
        for a in lines
    ]
    system_km = _system_lengths(lines, lengths)
    others = []
    for i, a in enumerate(lines):
        x, y = project(a[:, 0], a[:, 1], xp=NumpyMath)
        p = np.column_stack([x, y]) / 1000.0
        style = None
        for st, line in main_xy:  # the Amur first: its banks win
            # the lower Amur is double-lined in the data: its banks and channels
            # lie a few km from the traced course; other main rivers are single lines
            near_km = 7.0 if st == "amur" else 1.0
            if (dist_to_polyline(p, line) < near_km).mean() >= 0.7:
                style = st
                break
        if style is None:
            style = "medium" if system_km[i] >= 350.0 else "minor"
        others.append((style, a))
    return main, others


def _system_lengths(lines, lengths):
    """Total length of the chain of lines joined end to end that each line is in."""
    parent = list(range(len(lines)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ends: dict = {}
    for i, a in enumerate(lines):
        for p in (a[0], a[-1]):
            k = (round(float(p[0]), 4), round(float(p[1]), 4))
            if k in ends:
                ri, rj = find(i), find(ends[k])
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
            else:
                ends[k] = i
    total: dict = {}
    for i in range(len(lines)):
        total[find(i)] = total.get(find(i), 0.0) + lengths[i]
    return [total[find(i)] for i in range(len(lines))]


def river_components(graph) -> np.ndarray:
    """Connected component id of every vertex of the river graph."""
    n = len(graph["adj"])
    comp = np.full(n, -1, dtype=np.int64)
    c = 0
    for s in range(n):
        if comp[s] >= 0:
            continue
        comp[s] = c
        stack = [s]
        while stack:
            u = stack.pop()
            for _w, v in graph["adj"][u]:
                if comp[v] < 0:
                    comp[v] = c
                    stack.append(v)
        c += 1
    return comp


def river_course(graph, waypoints) -> list[int]:
    """One continuous course through the waypoints: graph vertex indices,
    without spurs (a path that runs to a waypoint and back is cut short)."""
    legs = [nearest_vertex(graph, *wp) for wp in waypoints]
    out: list[int] = []
    for a, b in zip(legs, legs[1:]):
        for v in shortest_path(graph, a, b)[1 if out else 0 :]:
            if len(out) >= 2 and out[-2] == v:
                out.pop()  # A B A -> A
            else:
                out.append(v)
    # hairpins: where lines meet in the data one often overshoots the other by
    # a vertex or two (joins are up to 4 km long); such a short out-and-back
    # would make the polygons cross themselves at the junction
    xy = graph["xy"]
    changed = True
    while changed and len(out) > 2:
        changed = False
        for k in range(1, len(out) - 1):
            a, b, c = xy[out[k - 1]], xy[out[k]], xy[out[k + 1]]
            u, w = b - a, c - b
            lu, lw = float(np.hypot(*u)), float(np.hypot(*w))
            if min(lu, lw) < 2.0 and lu > 0 and lw > 0 and float(u @ w) / (lu * lw) < -0.85:
                del out[k]
                changed = True
                break
    return out


def branch_off(main: list[int], branch: list[int]) -> tuple[int, list[int]]:
    """Where a branch course (starting at or near the main course) leaves it:
    returns (index in main, branch from that vertex on).  If the two share no
    vertex (joined across a gap in the data), the branch starts at the main
    course's vertex nearest to the branch's first vertex."""
    where = {v: i for i, v in enumerate(main)}
    shared = [k for k, v in enumerate(branch) if v in where]
    if shared:
        k = shared[-1]
        return where[branch[k]], branch[k:]
    return -1, branch
