"""Raster work in numpy: Qt image <-> array, blurs, the relief textures, the palette.

The land and sea textures of the picture come from the shaded-relief picture
(``relief_layers``); ``quantize`` reduces the finished picture to a palette.
"""

from __future__ import annotations

import math

import numpy as np

from .frame import Frame
from .palette import PALETTE


def qimage_to_array(img) -> np.ndarray:
    """RGB888 QImage -> uint8 array [h, w, 3] (a copy)."""
    h, w, bpl = img.height(), img.width(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * bpl).reshape(h, bpl)
    return buf[:, : w * 3].reshape(h, w, 3).copy()


def array_to_qimage(arr: np.ndarray):
    """uint8 array [h, w, 3] -> RGB888 QImage (owns its data)."""
    from PySide6.QtGui import QImage

    arr = np.ascontiguousarray(arr, dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def box_blur(a: np.ndarray, r: int, axis: int) -> np.ndarray:
    """Mean over a window of 2r+1 along one axis, edges extended."""
    if r <= 0:
        return a
    pad = [(0, 0)] * a.ndim
    pad[axis] = (r + 1, r)
    c = np.cumsum(np.pad(a, pad, mode="edge"), axis=axis, dtype=np.float64)
    n = a.shape[axis]
    hi = np.take(c, np.arange(2 * r + 1, 2 * r + 1 + n), axis=axis)
    lo = np.take(c, np.arange(0, n), axis=axis)
    return ((hi - lo) / (2 * r + 1)).astype(a.dtype)


def gauss_blur(a: np.ndarray, sigma: float) -> np.ndarray:
    """Approximate Gaussian blur (three box passes per axis) over axes 0 and 1."""
    r = int(round(math.sqrt(12.0 * sigma * sigma / 3.0 + 1.0) / 2.0 - 0.5))
    for axis in (0, 1):
        for _ in range(3):
            a = box_blur(a, r, axis)
    return a


def sample_bilinear(src: np.ndarray, fx: np.ndarray, fy: np.ndarray) -> np.ndarray:
    """Sample src[h, w, ...] at fractional pixel-centre coordinates (clamped)."""
    h, w = src.shape[:2]
    fx = np.clip(fx, 0.0, w - 1.0)
    fy = np.clip(fy, 0.0, h - 1.0)
    x0 = np.minimum(fx.astype(np.int32), w - 2)
    y0 = np.minimum(fy.astype(np.int32), h - 2)
    tx = (fx - x0).astype(np.float32)
    ty = (fy - y0).astype(np.float32)
    if src.ndim == 3:
        tx, ty = tx[..., None], ty[..., None]
    top = src[y0, x0] * (1 - tx) + src[y0, x0 + 1] * tx
    bot = src[y0 + 1, x0] * (1 - tx) + src[y0 + 1, x0 + 1] * tx
    return top * (1 - ty) + bot * ty


def mix(c0, c1, t: np.ndarray) -> np.ndarray:
    c0 = np.asarray(c0, np.float32)
    c1 = np.asarray(c1, np.float32)
    return c0 + (c1 - c0) * t[..., None]


def relief_layers(frame: Frame, relief):
    """Land and sea textures (uint8 [h, w, 3]) for the whole picture.

    From the shaded-relief picture: the red-green difference of its
    hypsometric tint gives a smooth "how high" value (green lowlands, tan
    mountains), the high-pass of its brightness gives the hill shading, and
    the brightness of its water gives the sea depth (light shelves, dark
    basins).  All is reprojected by inverse mapping: every pixel centre of the
    picture is unprojected and the relief is sampled bilinearly there.
    """
    rgb, lon0, lat0, step = relief
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    lum = 0.30 * r + 0.59 * g + 0.11 * b
    water = ((b > r + 18) & (b > g + 6)).astype(np.float32)
    land = 1.0 - water

    # elevation-like value 0 (green lowland) .. 1 (tan highland), smoothed
    elev = np.clip((r - g + 38.0) / 48.0, 0.0, 1.0)
    elev = gauss_blur(elev * land, 2.0) / np.maximum(gauss_blur(land, 2.0), 1e-3)
    # hill shading: brightness minus its local mean (about 30 km)
    shade = gauss_blur(lum, 1.0) - gauss_blur(lum, 5.0)
    shade = np.clip(shade / 40.0, -1.0, 1.0) * land
    # sea depth from the water colour, filled in under land (normalised blur)
    depth = np.clip((215.0 - r) / 90.0, 0.0, 1.0)
    num, den = depth * water, water
    for sigma in (2.0, 6.0, 18.0):
        dn, dd = gauss_blur(num, sigma), gauss_blur(den, sigma)
        hole = den < 0.5
        num = np.where(hole, dn / np.maximum(dd, 1e-6) * np.minimum(dd * 4, 1), num)
        den = np.where(hole, np.minimum(dd * 4, 1), den)
    depth = num / np.maximum(den, 1e-3)
    depth = gauss_blur(depth, 2.0)

    stack = np.stack([elev, shade, depth], axis=-1).astype(np.float32)
    lon, lat = frame.pixel_centres_lonlat()
    fx = (lon - lon0) / step
    fy = (lat0 - lat) / step
    s = sample_bilinear(stack, fx, fy)
    del lon, lat, fx, fy
    e, sh, d = s[..., 0], s[..., 1], s[..., 2]

    land_rgb = mix(PALETTE["land_low"], PALETTE["land_high"], np.clip(e, 0, 1) ** 1.2)
    # light from the north-west as in the source; gentle, a bit stronger in shadow
    factor = 1.0 + np.where(sh < 0, 0.18, 0.10) * sh
    land_rgb = land_rgb * factor[..., None]
    sea_rgb = mix(PALETTE["sea_shallow"], PALETTE["sea_deep"], np.clip(d, 0, 1) ** 0.8)
    return (
        np.clip(np.rint(land_rgb), 0, 255).astype(np.uint8),
        np.clip(np.rint(sea_rgb), 0, 255).astype(np.uint8),
    )


def quantize(img, colors: int):
    """Reduce to an indexed picture: median-cut palette over the exact colours
    (weighted by pixel count, deterministic), nearest-colour mapping, no dithering."""
    from PySide6.QtGui import QImage

    rgb = qimage_to_array(img.convertToFormat(QImage.Format.Format_RGB888))
    h, w, _ = rgb.shape
    flat = rgb.reshape(-1, 3).astype(np.int32)
    code = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    uniq, inverse, counts = np.unique(code, return_inverse=True, return_counts=True)
    cols = np.stack([(uniq >> 16) & 255, (uniq >> 8) & 255, uniq & 255], 1).astype(np.float64)
    wts = counts.astype(np.float64)

    def score(bx):
        if len(bx) < 2:
            return -1.0
        c = cols[bx]
        return float(wts[bx].sum()) * float((c.max(0) - c.min(0)).max())

    boxes = [np.arange(len(uniq))]
    scores = [score(boxes[0])]
    while len(boxes) < colors:
        k = int(np.argmax(scores))
        if scores[k] < 0:
            break
        bx = boxes.pop(k)
        scores.pop(k)
        c = cols[bx]
        axis = int(np.argmax(c.max(0) - c.min(0)))
        bx = bx[np.argsort(c[:, axis], kind="stable")]
        cum = np.cumsum(wts[bx])
        cut = min(max(int(np.searchsorted(cum, cum[-1] / 2.0)) + 1, 1), len(bx) - 1)
        for part in (bx[:cut], bx[cut:]):
            boxes.append(part)
            scores.append(score(part))
    pal = np.array([(cols[bx] * wts[bx, None]).sum(0) / wts[bx].sum() for bx in boxes])
    pal = np.clip(np.rint(pal), 0, 255)
    lut = np.empty(len(uniq), np.uint8)
    for k in range(0, len(uniq), 8192):
        d = ((cols[k : k + 8192, None, :] - pal[None, :, :]) ** 2).sum(2)
        lut[k : k + 8192] = np.argmin(d, 1)
    idx = lut[inverse.reshape(-1)].reshape(h, w)
    out = QImage(w, h, QImage.Format.Format_Indexed8)
    out.setColorTable([0xFF000000 | (int(c[0]) << 16) | (int(c[1]) << 8) | int(c[2]) for c in pal])
    bpl = out.bytesPerLine()
    view = np.frombuffer(out.bits(), dtype=np.uint8, count=h * bpl).reshape(h, bpl)
    view[:, :w] = idx
    return out
