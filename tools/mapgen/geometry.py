"""Lines and rings in lon/lat, measured in the map's projection: arcs of a ring,
nearest points, pieces of a border line, Douglas-Peucker simplification.
"""

from __future__ import annotations

import numpy as np

from .frame import to_km

SIMPLIFY_M = 350.0  # Douglas-Peucker tolerance: a third of a pixel at 3000 px


def nearest_index(lonlat: np.ndarray, point) -> int:
    d = np.hypot(*(to_km(lonlat) - to_km(np.array([point], dtype=np.float64))[0]).T)
    return int(np.argmin(d))


def mainland(shapes) -> np.ndarray:
    """The GSHHG level-1 polygon of Eurasia (closed ring, lon/lat)."""
    ring = max((s for s in shapes if s[0] == 1), key=lambda s: s[1])[3]
    return ring[:-1] if np.array_equal(ring[0], ring[-1]) else ring


def ring_arc(ring: np.ndarray, i: int, j: int) -> np.ndarray:
    """Vertices i..j of a closed ring (no repeated end), the shorter way round."""
    n = len(ring)
    fwd = (j - i) % n
    if fwd <= n - fwd:
        idx = (i + np.arange(fwd + 1)) % n
    else:
        idx = (i - np.arange(n - fwd + 1)) % n
    return ring[idx]


def border_piece(borders, a, b, max_km: float = 15.0) -> np.ndarray:
    """The run of one WDBII border line between the vertices nearest to a and b."""
    best = None
    pa, pb = to_km(np.array([a])), to_km(np.array([b]))
    for line in borders:
        xy = to_km(line)
        da, db = np.hypot(*(xy - pa).T), np.hypot(*(xy - pb).T)
        ia, ib = int(np.argmin(da)), int(np.argmin(db))
        score = da[ia] + db[ib]
        if da[ia] <= max_km and db[ib] <= max_km and (best is None or score < best[0]):
            best = (score, line, ia, ib)
    if best is None:
        raise RuntimeError(f"no border line runs from {a} to {b}")
    _s, line, ia, ib = best
    return line[ia : ib + 1] if ia <= ib else line[ib : ia + 1][::-1]


def nearest_distances(points: np.ndarray, sites: np.ndarray, chunk: int = 256) -> np.ndarray:
    """Distance from every point [n, 2] to the nearest site [m, 2] (same units)."""
    out = np.empty(len(points))
    for k in range(0, len(points), chunk):
        p = points[k : k + chunk]
        d2 = ((p[:, None, :] - sites[None, :, :]) ** 2).sum(2)
        out[k : k + chunk] = np.sqrt(d2.min(1))
    return out


def simplify(lonlat: np.ndarray, tol_m: float = SIMPLIFY_M) -> np.ndarray:
    """Douglas-Peucker in the projection (metres); keeps both ends."""
    if len(lonlat) < 3:
        return lonlat
    xy = to_km(lonlat) * 1000.0
    keep = np.zeros(len(xy), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(xy) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        p, q = xy[a], xy[b]
        seg = q - p
        L2 = float((seg * seg).sum())
        pts = xy[a + 1 : b]
        if L2 == 0.0:
            d = np.hypot(*(pts - p).T)
        else:
            t = np.clip(((pts - p) @ seg) / L2, 0.0, 1.0)
            d = np.hypot(*(pts - (p + t[:, None] * seg)).T)
        k = int(np.argmax(d))
        if d[k] > tol_m:
            m = a + 1 + k
            keep[m] = True
            stack.append((a, m))
            stack.append((m, b))
    return lonlat[keep]


def ring_arc_indices(n: int, i: int, j: int) -> list[int]:
    """The vertex indices i..j of a closed ring of n vertices, the shorter way round."""
    fwd = (j - i) % n
    if fwd <= n - fwd:
        return [int(v) for v in (i + np.arange(fwd + 1)) % n]
    return [int(v) for v in (i - np.arange(n - fwd + 1)) % n]
