"""``kiosk proof``: every screen in every language rendered to PNG (offscreen, no display),
a contact sheet per language, and layout checks that name the screen, the language and the
content line responsible.

Checks, on the real Qt Quick scene (what a visitor would see):
- text cut off (elided) or wider than its box, or running off the screen without scrolling;
- touch targets under 15 mm on the glass (``settings.screen.diagonal_in``);
- visitor controls in the top third of the screen;
- type smaller than ``settings.screen.min_text_mm``;
- pictures enlarged beyond 150 % (blurry);
- text contrast, from the rendered pixels: 4.5:1 (3:1 for large text), 7:1 in high
  contrast; the exhibit's pages are proofed again in high contrast and in large text;
- budgets: a page that needs scrolling (unless the page says ``allow_scrolling: true``), a
  title of more than two lines, the word budget's warnings of ``kiosk check``;
- the map at 1x: places and names that overlap, a place's popup over its own marker.

The proof never shows what the file does not say: the file is validated first (never the
kiosk's cache of the last good version); with errors nothing is rendered, and what an
earlier run wrote in the folder (listed in ``.kiosk-proof-files``) is removed.

A page that scrolls is pictured as the first screen, then, under a band saying so, only
what lies below it; never taller than ``MAX_SCREENS`` screens (a last band says what was
left out).

``render_one`` is the fast path (one screen to one PNG, with that screen's checks).
"""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QPoint, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtQuick import QQuickItem

from kiosk import scene
from kiosk.app import KioskApp, create_app
from kiosk.backend.navigation import ATTRACT

MIN_TARGET_MM = 15.0
MIN_CAP_MM = 4.8  # an uppercase I on the glass (Section 508 402.4, ADA 707.7.2)
# WCAG's large text: 18 pt, or 14 pt bold (an em of 6.35 mm, 4.94 mm)
LARGE_TEXT_MM = 6.35
LARGE_BOLD_MM = 4.94
# the display modes proofed besides the normal one, on the exhibit's pages: the window's
# property and the file name's suffix
MODES = (("highContrast", "contrast"), ("textScale", "large"))
MAX_UPSCALE = 1.5
THUMB_WIDTH = 480
MAX_TITLE_LINES = 2
MAX_SCREENS = 4  # the tallest proof picture, in screens
SCROLLED_BAND = "continues below (scrolled)"
LINE_ROOM = 120  # px above the continuation to find the gap between two lines
MANIFEST = ".kiosk-proof-files"  # what a run wrote in its folder, one path a line
POPUP_PREFIX = "map-popup-"


@dataclass(frozen=True)
class Problem:
    screen: str
    language: str
    message: str
    where: str = ""  # "content.yaml:LINE:COL (key path)" when a content line is responsible

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        shown = ", ".join(x for x in (self.screen, self.language) if x)
        return f"{where}[{shown}] {self.message}" if shown else f"{where}{self.message}"


# -- waiting for the scene ------------------------------------------------------------------


def wait(condition: Callable[[], bool], timeout_ms: int = 5000) -> bool:
    timer = QElapsedTimer()
    timer.start()
    while not condition():
        if timer.elapsed() > timeout_ms:
            return False
        loop = QEventLoop()
        QTimer.singleShot(10, loop.quit)
        loop.exec()
    return True


def settle(kiosk: KioskApp) -> None:
    """Until the screen stands still: pages built, pictures loaded, nothing moving, drawn."""
    root = kiosk.window.contentItem()

    def still() -> bool:
        for it in scene.items(root):
            cls = it.metaObject().className()
            # (status enums do not reach Python: progress does)
            if (
                cls.startswith("QQuickLoader")
                and it.property("asynchronous")
                and it.property("active")
                # (progress reaches 1 before the incubated item exists)
                and (it.property("progress") < 1 or it.property("item") is None)
                and (it.property("source").toString() or it.property("sourceComponent") is not None)
            ):
                return False
            if (
                cls.startswith("QQuickImage")
                and it.property("source").toString()
                and it.property("progress") < 1
            ):
                return False
            if cls.startswith(("QQuickListView", "QQuickFlickable")) and it.property("moving"):
                return False
        return True

    wait(still)
    pager = [i for i in scene.items(root) if i.objectName() == "pager"]
    if pager and kiosk.navigation.currentPage != ATTRACT:
        page = f"page_{kiosk.navigation.currentPage}"

        def at_rest() -> bool:  # the current page stands at the pager's left edge
            shown = [i for i in find(kiosk, page) if scene.shown(i)]
            return (
                bool(shown) and abs(scene.rect(shown[0]).left() - scene.rect(pager[0]).left()) < 0.5
            )

        wait(at_rest)
    frame(kiosk)
    frame(kiosk)


def frame(kiosk: KioskApp) -> None:
    loop = QEventLoop()
    kiosk.window.frameSwapped.connect(loop.quit)
    QTimer.singleShot(1000, loop.quit)
    kiosk.window.update()
    loop.exec()
    kiosk.window.frameSwapped.disconnect(loop.quit)


def find(kiosk: KioskApp, name: str) -> list[QQuickItem]:
    return scene.find(kiosk.window, name)


def tap(kiosk: KioskApp, item: QQuickItem) -> None:
    from PySide6.QtTest import QTest

    p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    QTest.mouseClick(
        kiosk.window,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(round(p.x()), round(p.y())),
    )


# -- the screens ----------------------------------------------------------------------------


def screens(kiosk: KioskApp) -> list[str]:
    """Every screen a visitor can see, by name."""
    names = [ATTRACT] + list(kiosk.navigation.pageIds)
    themap = kiosk.exhibit.map
    names += [f"map-{layer_id}" for layer_id in themap.layers.column("layerId")]
    names += [f"{POPUP_PREFIX}{spot_id}" for spot_id in themap.hotspots.column("spotId")]
    return names + ["idle-warning"]


def show(kiosk: KioskApp, screen: str) -> None:
    """Put ``screen`` on the window and wait until it stands still."""
    nav, idle = kiosk.navigation, kiosk.idle
    idle.configure(0, 60)  # no idle warning while the proof looks at a screen
    if screen == ATTRACT:
        nav.toAttract()
        attract = find(kiosk, "attractScreen")
        if attract:
            attract[0].setProperty("elapsed", 0)
    elif screen in nav.pageIds:
        nav.show(screen)
        if screen == "map":  # the years playing: the picture shows the first; no popup
            for page in find(kiosk, "page_map"):
                page.setProperty("touring", False)
                page.setProperty("openSpot", -1)
    elif screen.startswith("map-"):
        themap = kiosk.exhibit.map
        layers = themap.layers.column("layerId")
        spot_id = screen[len(POPUP_PREFIX) :] if screen.startswith(POPUP_PREFIX) else ""
        if spot_id:  # the start layer, or the first that shows the place (founded later)
            if spot_id not in themap.hotspots.column("spotId"):
                raise KeyError(screen)
            layer = _layer_showing(themap, spot_id)
        elif screen[4:] in layers:
            layer = layers.index(screen[4:])
        else:
            raise KeyError(screen)
        nav.show("map")
        settle(kiosk)
        nav.showOnMap({"layer": layer, "x": themap.width / 2, "y": themap.height / 2, "zoom": 1})
        if spot_id:
            settle(kiosk)
            # the name beside the marker: markers of near places (Aigun and the villages) overlap
            spot = [
                s
                for s in find(kiosk, f"hotspotLabel_{spot_id}") + find(kiosk, f"hotspot_{spot_id}")
                if scene.shown(s)
            ]
            if spot:
                tap(kiosk, spot[0])
                wait(lambda: any(scene.shown(p) for p in find(kiosk, "hotspotPopup")))
    elif screen == "idle-warning":
        nav.show(nav.pageIds[0])
        settle(kiosk)
        idle.configure(0.01, 60)
        idle.set_active(True)
        wait(lambda: idle.warning)
    else:
        raise KeyError(screen)
    settle(kiosk)
    # a map flying or its years cross-fading is not yet still
    wait(lambda: not any(v.property("busy") for v in find(kiosk, "mapView") if scene.shown(v)))
    settle(kiosk)


def _layer_showing(themap: Any, spot_id: str) -> int:
    """The map's start layer if it shows the place ``spot_id``, else the first that does."""
    spot: dict[str, Any] = next((r for r in themap.hotspots.rows() if r["spotId"] == spot_id), {})
    years = themap.layers.column("year")

    def shows(row: int) -> bool:
        year = years[row] or 0
        first, last = spot.get("fromYear") or 0, spot.get("untilYear") or 0
        return year <= 0 or ((first <= 0 or first <= year) and (last <= 0 or last >= year))

    order = [themap.startLayer] + list(range(len(years)))
    return next((row for row in order if shows(row)), themap.startLayer)


def display(kiosk: KioskApp, mode: str) -> None:
    """The visitor's display choice: "" (normal), "contrast" or "large" (text)."""
    assert kiosk.engine is not None
    theme = kiosk.engine.singletonInstance("Kiosk", "Theme")
    assert isinstance(theme, QObject)
    theme.setProperty("highContrast", mode == "contrast")
    theme.setProperty("textScale", theme.property("largeText") if mode == "large" else 1.0)


def scroller(kiosk: KioskApp, screen: str) -> QQuickItem | None:
    """The page's text that scrolls (``scroll_<page>``), if the screen shows one."""
    return next((f for f in find(kiosk, f"scroll_{screen}") if scene.shown(f)), None)


def grab_whole(kiosk: KioskApp, screen: str) -> QImage:
    """The screen; when its page scrolls, then what lies below the first screen (only that,
    from the line the fade at the bottom starts to hide), under a band saying so - at most
    ``MAX_SCREENS`` screens tall, a last band saying what was left out."""
    image = kiosk.window.grabWindow()
    flick = scroller(kiosk, screen)
    if flick is None:
        return image
    view_h = flick.height()
    content_h = flick.property("contentHeight")
    overflow = content_h - view_h
    if overflow <= 1 or view_h < 1:
        return image
    frame = scene.rect(flick)
    rect = frame.toAlignedRect().intersected(image.rect())
    # the flick's content the window shows: from ``skip`` below its top, ``seen`` tall
    skip = max(0, round(rect.top() - frame.top()))
    seen = rect.height()
    if seen < 2 * LINE_ROOM:
        return image
    band = max(36, round(image.height() / 20))
    limit = MAX_SCREENS * image.height()
    used = image.height() + band
    fades = [f for f in find(kiosk, f"scrollFade_{screen}") if scene.shown(f)]
    # what the first screen shows clearly: down to where its fade begins
    shown = float(skip + seen - max((f.height() for f in fades), default=0.0))
    parts: list[QImage] = []
    for fade in fades:  # the parts below are read whole: no fade over their ends
        fade.setOpacity(0)
    try:
        first = True
        while shown < content_h - 0.5:
            # the first line not yet seen near the top of the window (a little room above it
            # to find the gap between two lines), or as far as it scrolls
            y = min(overflow, max(0.0, shown - skip - (LINE_ROOM if first else 0)))
            flick.setProperty("contentY", y)
            settle(kiosk)
            grab = kiosk.window.grabWindow()
            pos = round(shown - y - skip)  # that line, below the top of what the window shows
            if first:  # start between two lines, not through one
                pos = _gap_above(grab, rect, pos, max(0, pos - LINE_ROOM))
                shown = y + skip + pos
                first = False
            take = min(seen - pos, round(content_h - shown))
            room = limit - used
            if take > room or shown + take < content_h - 0.5:
                room -= band  # room for the last band, if this part is not the end
            cut = take > room
            if cut:  # between two lines, not through one
                take = _gap_above(grab, rect, pos + room, pos + max(1, room - LINE_ROOM)) - pos
            if take < 1:
                break
            parts.append(grab.copy(rect.x(), rect.top() + pos, rect.width(), take))
            used += take
            shown += take
            if cut:
                break
    finally:
        for fade in fades:
            fade.setOpacity(1)
        flick.setProperty("contentY", 0)
    left_out = max(0.0, content_h - shown)
    out = QImage(image.width(), used + (band if left_out > 0.5 else 0), QImage.Format.Format_RGB32)
    out.fill(QColor("#14181d"))
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    _band(painter, image.height(), out.width(), band, rect.x(), SCROLLED_BAND)
    top = image.height() + band
    for part in parts:
        painter.drawImage(rect.x(), top, part)
        top += part.height()
    if left_out > 0.5:
        more = left_out / view_h
        _band(
            painter,
            top,
            out.width(),
            band,
            rect.x(),
            f"\u2026 and {more:.1f} more screen{'s' * (f'{more:.1f}' != '1.0')} not shown: "
            "the page is far too long",
        )
    painter.end()
    return out


def _gap_above(image: QImage, rect: QRect, pos: int, highest: int) -> int:
    """The row at or above ``pos`` (down to ``highest``), counted from ``rect``'s top, that is
    one colour across the text (between two lines); ``pos`` if there is none."""
    right = rect.left() + round(rect.width() * 0.9)  # (not the scroll indicator)
    for row in range(pos, highest - 1, -1):
        y = rect.top() + row
        if not 0 <= y < image.height():
            continue
        first = image.pixel(rect.left(), y)
        if all(image.pixel(x, y) == first for x in range(rect.left(), right, 2)):
            return row
    return pos


def _band(painter: QPainter, top: int, width: int, height: int, x: int, text: str) -> None:
    """A label band across the picture: what the part below (or the end) is."""
    painter.fillRect(0, top, width, height, QColor("#2b3440"))
    painter.fillRect(0, top, width, max(2, height // 18), QColor("#e0a04a"))
    font = QFont("Noto Sans")
    font.setPixelSize(round(height * 0.5))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#f4ecdc"))
    painter.drawText(
        QRect(x, top, width - x, height),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        text,
    )


# -- checks ---------------------------------------------------------------------------------


class Locator:
    """Finds the content line of a text, a picture or a setting (needs the validator)."""

    def __init__(self, content_path: Path):
        from kiosk.content.loader import load_content
        from kiosk.content.model import Content, texts

        self.loaded = load_content(content_path)
        self.file = str(content_path)
        data = self.loaded.model.model_dump(mode="python")
        self.raw = _raw(content_path)
        self.texts: list[tuple[str, tuple, str]] = []  # (language or "", loc, text)
        for loc, value in texts(Content, self.raw):
            if isinstance(value, dict):
                self.texts += [
                    (code, loc + (code,), text)
                    for code, text in value.items()
                    if isinstance(text, str)
                ]
            elif isinstance(value, str):
                self.texts.append(("", loc, value))
        self.settings = data["settings"]

    def at(self, loc: tuple) -> str:
        from kiosk.content.issues import human_loc

        line, col = self.loaded.positions.of(loc)
        return f"{self.file}:{line}:{col} ({human_loc(loc, self.raw)})"

    def text(self, shown_text: str, language: str) -> str:
        want = _norm(shown_text)
        if not want:
            return ""
        best = None
        for code, loc, text in self.texts:
            if code not in ("", language):
                continue
            have = _norm(text)
            if not have:
                continue
            if have == want:
                score = (3, 0)
            elif want in have:  # a paragraph of a longer text
                score = (2, -len(have))
            elif have in want and len(have) >= 0.5 * len(want):  # the text with a little added
                score = (1, len(have))
            else:
                continue
            if best is None or score > best[0]:
                best = (score, loc)
        return self.at(best[1]) if best else ""

    def setting(self, *keys: str) -> str:
        loc = ("settings", "screen") + keys
        node = self.raw
        for k in loc:
            if not isinstance(node, dict) or k not in node:
                return self.at(loc[:-1]) if isinstance(node, dict) else ""
            node = node[k]
        return self.at(loc)

    def page_loc(self, page_id: str) -> tuple | None:
        """Where the page ``page_id`` is in the file (``("pages", i)`` or ``("credits",)``)."""
        if page_id == "credits":
            return ("credits",)
        for i, page in enumerate(self.loaded.model.pages):
            if page.id == page_id:
                return ("pages", i)
        return None

    def page_id(self, loc: tuple) -> str:
        """The page a content location is on ('' if none)."""
        if loc[:1] == ("credits",):
            return "credits"
        if len(loc) > 1 and loc[0] == "pages" and isinstance(loc[1], int):
            pages = self.loaded.model.pages
            return pages[loc[1]].id if loc[1] < len(pages) else ""
        return ""

    def allows_scrolling(self, page_id: str) -> bool:
        """The page says ``allow_scrolling: true``."""
        model = self.loaded.model
        if page_id == "credits":
            return bool(getattr(model.credits, "allow_scrolling", False))
        page = next((p for p in model.pages if p.id == page_id), None)
        return bool(getattr(page, "allow_scrolling", False))

    def hotspot(self, spot_id: str) -> str:
        """The line of the map place ``spot_id``."""
        themap = self.raw.get("map") if isinstance(self.raw, dict) else None
        spots = themap.get("hotspots") if isinstance(themap, dict) else None
        for i, spot in enumerate(spots if isinstance(spots, list) else []):
            if isinstance(spot, dict) and spot.get("id") == spot_id:
                return self.at(("map", "hotspots", i, "id"))
        return ""

    def picture(self, path: str) -> str:
        file = self.loaded.picture_at(path)  # the picture, or the kiosk's cached copy of it
        for loc in _find_value(self.raw, file, ()) if file else ():
            return self.at(loc)
        return ""


def _raw(path: Path) -> Any:
    from kiosk.content.yamlload import read_yaml

    data, _, _ = read_yaml(path, str(path))
    return data


def _find_value(node: Any, value: str, loc: tuple) -> Iterator[tuple]:
    if node == value:
        yield loc
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _find_value(v, value, loc + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _find_value(v, value, loc + (i,))


def _norm(text: str) -> str:
    text = re.sub(r"[*_`]|<[^>]+>", "", text or "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def check(
    kiosk: KioskApp,
    screen: str,
    language: str,
    where: Locator,
    image: QImage | None = None,
    *,
    high_contrast: bool = False,
) -> list[Problem]:
    """The layout problems on the screen now (and, given the window's ``image``, text of
    too little contrast: 4.5:1, 3:1 for large text; 7:1 in high contrast)."""
    w, h = kiosk.window.width(), kiosk.window.height()
    settings = where.settings["screen"]
    mm = kiosk.mm_per_px()
    problems: list[Problem] = []
    seen: set[tuple] = set()

    def problem(message: str, at: str) -> None:
        if (message, at) not in seen:
            seen.add((message, at))
            problems.append(Problem(screen, language, message, at))

    window = QRect(0, 0, w, h)
    current = f"page_{kiosk.navigation.currentPage}"
    for item in scene.items(kiosk.window.contentItem()):
        cls = item.metaObject().className()
        if not scene.shown(item):
            continue
        if scene.page_of(item) not in ("", current):
            continue  # the next page, peeking in at the edge
        if scene.clipped_out(item):
            continue  # scrolled out of view (the proof's next picture shows it)
        r = item.mapRectToScene(item.boundingRect())
        if (
            r.right() <= 0
            or r.left() >= w
            or (not scene.inside_flickable(item) and not r.intersects(window.toRectF()))
        ):
            continue  # another page of the pager (or scrolled text: checked across, not down)
        if scene.is_text(item):
            text = item.property("text")
            at = where.text(text, language)
            quoted = f"'{_norm(text)[:40]}'"
            if fault := scene.text_fit(item, w, h):
                problem(f"{fault}: {quoted}", at)
            if image is not None and (ratio := scene.text_contrast(image, item)) is not None:
                font = item.property("font")
                size_mm = font.pixelSize() * mm
                large = size_mm >= LARGE_TEXT_MM or (font.bold() and size_mm >= LARGE_BOLD_MM)
                least = 7.0 if high_contrast else 3.0 if large else 4.5
                if ratio < least - 0.05:
                    problem(f"text contrast {ratio:.1f}:1, under {least:g}:1: {quoted}", at)
            cap_mm = QFontMetricsF(item.property("font")).capHeight() * mm
            if 0 < cap_mm < MIN_CAP_MM:
                problem(
                    f"capital letters {cap_mm:.1f} mm high, under {MIN_CAP_MM:g} mm "
                    f"(Section 508 402.4): {quoted}",
                    where.setting("diagonal_in"),
                )
            size_mm = item.property("font").pixelSize() * mm
            if 0 < size_mm < settings["min_text_mm"]:
                problem(
                    f"text {size_mm:.1f} mm high, under the minimum of {settings['min_text_mm']:g} mm: {quoted}",
                    where.setting("min_text_mm"),
                )
        is_button = cls.startswith("QQuickAbstractButton") or "Button" in cls
        is_spot = item.objectName().startswith("hotspot_")
        if is_button or is_spot:
            name = item.objectName() or (item.property("text") or cls)
            width_mm, height_mm = r.width() * mm, r.height() * mm
            if min(width_mm, height_mm) < MIN_TARGET_MM:
                responsible = (
                    where.setting("button_mm")
                    if settings.get("button_mm")
                    else where.text(item.property("text") or "", language)
                )
                problem(
                    f"touch target '{name}' is {width_mm:.0f} x {height_mm:.0f} mm, under "
                    f"{MIN_TARGET_MM:g} mm",
                    responsible,
                )
            if is_button and r.top() < h / 3:
                problem(f"control '{name}' in the top third of the screen, out of reach", "")
        if item.objectName().startswith("title_") and (orphan := scene.lone_last_character(item)):
            problem(
                f"one character alone on the title's last line ('{orphan}'): shorten or reword the title",
                where.text(item.property("text") or "", language),
            )
        if cls.startswith("QQuickImage") and item.property("progress") == 1:
            source = item.property("source")
            path = source.toLocalFile() if hasattr(source, "toLocalFile") else ""
            file = where.loaded.picture_at(path)
            info = where.loaded.image(file)
            painted = item.property("paintedWidth") or 0
            if (
                info
                and info.width
                and painted / info.width > MAX_UPSCALE
                and item.objectName() != "attractPicture"
            ):
                problem(
                    f"picture '{file}' enlarged {painted / info.width:.0%} (blurry above "
                    f"{MAX_UPSCALE:.0%}); use a larger picture",
                    where.picture(path),
                )
    # the map page's map, told per year (layer): each is a different picture
    year = map_layer(kiosk)
    on_map = f" on the map of {year}" if year else ""
    for a, b in scene.overlapping_markers(kiosk.window):
        problem(
            f"the map's places '{a}' and '{b}' overlap (marker or name){on_map}", where.hotspot(a)
        )
    for a, b in map_overlaps(kiosk.window):
        if a.startswith("mapName_") or b.startswith("mapName_"):
            spot = next((n[len("hotspot_") :] for n in (a, b) if n.startswith("hotspot_")), "")
            problem(
                f"on the map{' of ' + year if year else ''}, '{a}' and '{b}' overlap "
                "(a name written on the map)",
                where.hotspot(spot) if spot else "",
            )
    return problems


def map_layer(kiosk: KioskApp) -> str:
    """The id of the layer (year) the map page shows, if it is on the screen ('' if not)."""
    page = next((p for p in find(kiosk, "page_map") if scene.shown(p)), None)
    if page is None or kiosk.navigation.currentPage != "map":
        return ""
    layers = kiosk.exhibit.map.layers.column("layerId")
    index = page.property("layerIndex")
    return str(layers[index]) if isinstance(index, int) and 0 <= index < len(layers) else ""


def budgets(kiosk: KioskApp, screen: str, language: str, where: Locator) -> list[Problem]:
    """What a page spends beyond its budget at the configured screen, in normal display (large
    text may scroll, by the visitor's choice): a page that needs scrolling (unless it says
    ``allow_scrolling: true``), a title of more than two lines as set."""
    problems: list[Problem] = []
    loc = where.page_loc(screen)
    if loc is None:
        return problems
    flick = scroller(kiosk, screen)
    if flick is not None and not where.allows_scrolling(screen):
        view_h, content_h = flick.height(), flick.property("contentHeight")
        if view_h > 0 and content_h - view_h > 1:
            ratio = content_h / view_h
            tall = f"{ratio:.1f} screens" if ratio >= 1.05 else "a little over one screen"
            problems.append(
                Problem(
                    screen,
                    language,
                    f"the page needs scrolling in {language} (the text is {tall} tall): "
                    "shorten it, or write allow_scrolling: true under "
                    + ("credits:" if screen == "credits" else "the page"),
                    where.at(loc + ("body",)),
                )
            )
    for title in find(kiosk, f"title_{screen}"):
        if not scene.shown(title) or not scene.is_text(title):
            continue
        lines = title.property("lineCount") or 0
        if lines > MAX_TITLE_LINES:
            problems.append(
                Problem(
                    screen,
                    language,
                    f"the title takes {lines} lines on the screen, more than {MAX_TITLE_LINES}: "
                    "shorten it",
                    where.text(title.property("text") or "", language)
                    or where.at(loc + ("title",)),
                )
            )
    return problems


def popup_problems(kiosk: KioskApp, screen: str, language: str, where: Locator) -> list[Problem]:
    """On a place's popup screen (``map-popup-<id>``): the popup must not cover its own
    marker (the popup's box must not hold the marker's centre)."""
    if not screen.startswith(POPUP_PREFIX):
        return []
    spot_id = screen[len(POPUP_PREFIX) :]
    if not scene.popup_covers_marker(kiosk.window, spot_id):
        return []
    return [
        Problem(
            screen,
            language,
            f"the popup of the place '{spot_id}' covers its own marker: move the place "
            "(lon, lat) or shorten its text",
            where.hotspot(spot_id),
        )
    ]


def budget_warnings(where: Locator) -> list[Problem]:
    """``kiosk check``'s warnings of the word budget (a text too long for the screen): the
    proof fails on them."""
    from kiosk.content.issues import format_loc

    found = []
    for issue in where.loaded.warnings:
        if issue.severity == "warning" and issue.kind == "words":
            at = (
                f"{issue.file}:{issue.line}:{issue.column} ({issue.where or format_loc(issue.loc)})"
            )
            screen = where.page_id(issue.loc)
            found.append(Problem(screen, "", issue.message, at))
    return found


def map_overlaps(window: Any) -> list[tuple[str, str]]:
    """Pairs of what is written on the map page's map that overlap on the screen now: the
    names (rivers, seas, empires: ``mapName_<id>``, as turned) and the places (a marker
    with its name: ``hotspot_<id>``), each as far as the map shows it (it clips)."""
    from PySide6.QtGui import QPolygonF

    page = next((i for i in scene.find(window, "page_map") if scene.shown(i)), None)
    view = (
        next((i for i in scene.items(page) if i.objectName() == "mapView"), None) if page else None
    )
    if view is None:
        return []
    frame = QPolygonF(scene.rect(view))
    shapes: list[tuple[str, QPolygonF]] = []
    for item in scene.items(view):
        name = item.objectName()
        if not scene.shown(item):
            continue
        if name.startswith("mapName_"):
            corners = [
                QPointF(0, 0),
                QPointF(item.width(), 0),
                QPointF(item.width(), item.height()),
                QPointF(0, item.height()),
            ]
            outline = QPolygonF([item.mapToScene(c) for c in corners])
            shapes.append((name, outline.intersected(frame)))
        elif name.startswith("hotspot_"):
            box = scene.rect(item)
            for label in scene.items(item):
                if label.objectName().startswith("hotspotLabel_"):
                    box = box.united(scene.rect(label))
            shapes.append((name, QPolygonF(box).intersected(frame)))
    shapes = [(n, poly) for n, poly in shapes if not poly.isEmpty()]
    return [
        (a, b)
        for i, (a, pa) in enumerate(shapes)
        for b, pb in shapes[i + 1 :]
        if pa.intersects(pb) and not pa.intersected(pb).boundingRect().isEmpty()
    ]


# -- contact sheets and the whole run -------------------------------------------------------


def save(image: QImage, path: Path, *args: Any) -> None:
    """``image.save``, or an OSError naming the file and why (``QImage.save`` only says False)."""
    if image.save(str(path), *args):
        return
    existed = path.exists()
    try:  # ask the file system why
        with open(path, "ab"):
            pass
    except OSError as e:
        raise OSError(e.errno, e.strerror, str(path)) from None
    finally:
        if not existed and path.is_file() and path.stat().st_size == 0:
            path.unlink()
    raise OSError(
        errno.EIO, "the picture could not be encoded or written (is the disk full?)", str(path)
    )


def no_proof(content: Path, errors: int) -> str:
    """The line that says there is no proof, and why."""
    them = "them" if errors != 1 else "it"
    return (
        f"No proof: {content} has {errors} error{'s' * (errors != 1)}; "
        f"fix {them} and run kiosk proof again"
    )


_LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_SHOT = re.compile(r"\d{2}-.+\.png")


class Written:
    """What this run writes in the proof folder, listed as it goes in ``MANIFEST`` so that
    the next run (or a run of a broken file) removes exactly that and nothing of a
    curator's."""

    def __init__(self, out: Path):
        self.out = out

    def note(self, path: Path) -> Path:
        with open(self.out / MANIFEST, "a", encoding="utf-8") as f:
            f.write(path.relative_to(self.out).as_posix() + "\n")
        return path


def clear_earlier_run(out: Path) -> None:
    """Remove what an earlier proof wrote in ``out``: the files its manifest lists (with no
    manifest - a proof of an older kiosk - the names the proof uses: report.txt,
    contact-<lang>.png, <lang>/[contrast/|large/]NN-<screen>.png), then the folders it
    made if they are empty."""
    if not out.is_dir():
        return
    manifest = out / MANIFEST
    files: list[Path] = [out / "report.txt", *out.glob("contact-*.png")]
    folders: set[Path] = set()
    try:
        listed = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        listed = []
        for lang in out.iterdir():
            if lang.is_dir() and _LANGUAGE_FOLDER.fullmatch(lang.name):
                for folder in (lang, *(lang / mode for _, mode in MODES)):
                    files += [f for f in folder.glob("*.png") if _SHOT.fullmatch(f.name)]
    for line in listed:
        rel = Path(line)
        if not line or rel.is_absolute() or ".." in rel.parts:
            continue  # only what lies in the folder
        files.append(out / rel)
    for file in files:
        folders.update(p for p in file.relative_to(out).parents if p != Path("."))
        if file.is_symlink() or file.is_file():
            file.unlink()
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        try:
            (out / folder).rmdir()  # only if empty: a curator's files stay
        except OSError:
            pass
    manifest.unlink(missing_ok=True)


def _stale_results(out: Path, why: str) -> None:
    """Nothing a previous run left in ``out`` may claim success: what it wrote goes, and
    report.txt says ``why`` there is no proof."""
    if not out.is_dir():
        return
    clear_earlier_run(out)
    report = Written(out).note(out / "report.txt")
    report.write_text(why.rstrip("\n") + "\n", encoding="utf-8")


def remove_png(path: Path) -> None:
    """An earlier picture at ``path`` goes (only a PNG: never a file of another kind given
    as --out by mistake)."""
    try:
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                is_png = f.read(8) == b"\x89PNG\r\n\x1a\n"
            if is_png:
                path.unlink()
    except OSError:
        pass  # saving it will say what is wrong


def contact_sheet(shots: list[tuple[str, QImage, int]], language: str, out: Path) -> None:
    """Thumbnails of every screen with its name and how many problems it has."""
    cols = 4
    thumbs = [
        (name, img.scaledToWidth(THUMB_WIDTH, Qt.TransformationMode.SmoothTransformation), n)
        for name, img, n in shots
    ]
    label_h, gap = 44, 24
    rows = [thumbs[i : i + cols] for i in range(0, len(thumbs), cols)]
    heights = [max(t[1].height() for t in row) + label_h for row in rows]
    sheet = QImage(
        cols * (THUMB_WIDTH + gap) + gap,
        sum(heights) + gap * (len(rows) + 1) + 60,
        QImage.Format.Format_RGB32,
    )
    sheet.fill(QColor("#0d1013"))
    p = QPainter(sheet)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("Noto Sans")
    font.setPixelSize(22)
    p.setFont(font)
    p.setPen(QColor("#ece4d4"))
    total = sum(n for _, _, n in shots)
    p.drawText(
        gap,
        40,
        f"Proof sheet - language {language} - {len(shots)} screens - "
        + (f"{total} problem(s)" if total else "no problems"),
    )
    y = 60 + gap
    for row, height in zip(rows, heights):
        for col, (name, thumb, n) in enumerate(row):
            x = gap + col * (THUMB_WIDTH + gap)
            p.drawImage(x, y, thumb)
            p.setPen(QColor("#e0564a") if n else QColor("#a99f8e"))
            p.drawText(x, y + thumb.height() + 30, f"{name}" + (f" - {n} problem(s)" if n else ""))
        y += height + gap
    p.end()
    save(sheet, out)


def progress(done: int, total: int, what: str) -> None:
    width = 30
    filled = round(width * done / max(1, total))
    sys.stderr.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} {what[:40]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_proof(
    content: Path, out: Path, size: tuple[int, int], *, show_progress: bool = True
) -> list[Problem]:
    """Every screen x language to ``out``/<lang>/NN-<screen>.png, a contact sheet per language,
    and the problems found (also written to ``out``/report.txt).

    The file is validated first: with errors, raises ``ContentError`` and leaves nothing of
    an earlier run in ``out`` (report.txt then says there is no proof, and why).  Raises
    ``OSError`` naming the file when a picture, a sheet or the report cannot be written."""
    from kiosk.content import ContentError

    try:
        where = Locator(content)
    except ContentError as e:
        try:
            _stale_results(
                out,
                no_proof(content, e.error_count) + "\n" + "\n".join(str(i) for i in e.issues),
            )
        except OSError:
            pass  # the content errors are the news
        raise
    # never the cache: the last good version is right for the kiosk, wrong for the proof
    kiosk = create_app(content, preview=False, cache=False, statistics=False)
    try:
        kiosk.window.resize(*size)
        wait(
            lambda: (
                (kiosk.window.contentItem().width(), kiosk.window.contentItem().height()) == size
            )
        )
        languages = kiosk.language.codes()
        names = screens(kiosk)
        pages = [n for n in names if n in kiosk.navigation.pageIds]
        total, done = len(languages) * (len(names) + len(MODES) * len(pages)), 0
        problems: list[Problem] = budget_warnings(where)
        told: set[tuple[str, str, str]] = set()
        out.mkdir(parents=True, exist_ok=True)
        _stale_results(out, "the proof did not finish")
        written = Written(out)
        for code in languages:
            kiosk.session.reset()  # each language starts as a new visitor would find the kiosk
            kiosk.language.choose(code)
            (out / code).mkdir(exist_ok=True)
            shots = []
            runs = [(n, name, "") for n, name in enumerate(names, 1)]
            runs += [
                (n, name, mode)
                for _, mode in MODES
                for n, name in enumerate(names, 1)
                if name in kiosk.navigation.pageIds
            ]
            for n, name, mode in runs:
                if show_progress:
                    progress(done, total, f"{code} {name} {mode}".rstrip())
                display(kiosk, mode)
                show(kiosk, name)
                seen = check(
                    kiosk,
                    name if not mode else f"{name}, {mode}",
                    code,
                    where,
                    kiosk.window.grabWindow(),
                    high_contrast=mode == "contrast",
                )
                if not mode:
                    seen += budgets(kiosk, name, code, where)
                    seen += popup_problems(kiosk, name, code, where)
                # a problem is told once per language, on the first screen that shows it
                found = [p for p in seen if (code, p.message, p.where) not in told]
                told.update((code, p.message, p.where) for p in found)
                image = grab_whole(kiosk, name)
                folder = out / code / mode if mode else out / code  # en/, en/contrast/, en/large/
                folder.mkdir(exist_ok=True)
                save(image, written.note(folder / f"{n:02d}-{name}.png"))
                shots.append((f"{name} ({mode})" if mode else name, image, len(found)))
                problems += found
                done += 1
            display(kiosk, "")
            contact_sheet(shots, code, written.note(out / f"contact-{code}.png"))
        if show_progress:
            progress(total, total, "done")
        report = "\n".join(str(p) for p in problems) or "no problems"
        (out / "report.txt").write_text(report + "\n", encoding="utf-8")
        return problems
    except BaseException:
        if show_progress:
            sys.stderr.write(
                "\n"
            )  # the progress bar's line ends: the reason goes on a line of its own
        raise
    finally:
        kiosk.close()


def render_one(
    content: Path, screen: str, language: str | None, out: Path, size: tuple[int, int]
) -> list[Problem]:
    """One screen to one PNG, and the problems the full proof finds on it (in that language,
    normal display; the word budgets of the whole file are ``kiosk check``'s).

    An earlier picture at ``out`` goes first; the file is validated (``ContentError`` with
    its errors: nothing is written), never the kiosk's cache of its last good version.
    ``KeyError`` (a sentence) for a screen or a language the content does not have."""
    remove_png(out)
    where = Locator(content)  # the validator: never a picture of the last good version
    kiosk = create_app(content, preview=False, cache=False, statistics=False)
    try:
        if (kiosk.window.width(), kiosk.window.height()) != size:
            kiosk.window.resize(*size)
            wait(
                lambda: (
                    (kiosk.window.contentItem().width(), kiosk.window.contentItem().height())
                    == size
                )
            )
        names = screens(kiosk)
        if screen not in names:
            raise KeyError(f"no screen '{screen}'; the screens are: {', '.join(names)}")
        if language:
            if language not in kiosk.language.codes():
                raise KeyError(
                    f"no language '{language}'; the content offers "
                    f"{', '.join(kiosk.language.codes())}"
                )
            kiosk.language.choose(language)
        show(kiosk, screen)  # (the attract screen too: grabbed at once it came out blank)
        code = kiosk.language.code
        problems = check(kiosk, screen, code, where, kiosk.window.grabWindow())
        problems += budgets(kiosk, screen, code, where)
        problems += popup_problems(kiosk, screen, code, where)
        save(grab_whole(kiosk, screen), out, "PNG", 80)  # light compression: fast
        return problems
    finally:
        kiosk.close()
