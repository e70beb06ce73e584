"""Recorded voices for audio mode: which text a recording says, and whether it still does.

A curator lists recordings at the end of content.yaml::

    recordings:
      - of: pages.background.title      # the text, by its place in this file
        language: en
        file: audio/background-title-en.mp3
        text_sha256: 5d0c0c8cbd0e       # the text when it was recorded (kiosk check prints it)

``of`` names a visitor text by its keys, pages, layers and hotspots by their ``id``
(``attract.title``, ``pages.terms.body``, ``pages.terms.image.caption``,
``map.hotspots.aigun.text``, ``map.legend.amur``, ``ui.home``, ``credits.body``).
``text_sha256`` is the SHA-256 of the text's words (of :func:`spoken_key`: markup and line
breaks do not count, so re-wrapping a paragraph keeps its recording); any 8 or more of its
first hex digits are enough.  When the text changes, ``kiosk check`` warns and audio mode
speaks the new text with its synthetic voice until the recording is renewed.

Audio mode finds a recording by the exact words it is asked to say and their language
(:func:`recording_index`), so it needs no knowledge of screens.  No Qt, no pydantic at
import time: the kiosk's start-up path uses :func:`recording_index`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import safeio
from .issues import Issue, Loc, did_you_mean
from .markup import plain

if TYPE_CHECKING:
    from .model import Content
    from .yamlload import Positions

MAX_AUDIO_BYTES = 100 * 1024 * 1024  # about ten minutes of CD-quality WAV
HASH_SHOWN = 12  # hex digits of text_sha256 that kiosk check suggests

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def is_markdown(loc: Loc) -> bool:
    """Whether the text at ``loc`` is one of the model's Markdown texts (pages' and the
    credits' ``body``, hotspots' and pictures' spots' ``text``; a test keeps this equal to the
    model)."""
    if not loc:
        return False
    if loc[-1] == "body":
        return loc[0] in ("pages", "credits") and len(loc) in (2, 3)
    if loc[-1] != "text":
        return False
    if loc[:2] == ("map", "hotspots") and len(loc) == 4:
        return True
    # a picture's "look closer" spots: pages.<id>.image.spots.<id>.text
    return loc[0] == "pages" and loc[2:4] == ("image", "spots") and len(loc) == 6


def spoken(text: str, markdown: bool) -> str:
    """What audio mode is asked to say for a text as written: a Markdown text's words,
    one paragraph or list item a line (:func:`kiosk.content.markup.plain`), else the text."""
    return plain(text) if markdown else text


def spoken_key(text: str) -> str:
    """The words of a text, for matching and hashing: whitespace runs as one space, none
    between two Chinese characters (a line break inside Chinese text is no space)."""
    return _CJK_GAP.sub("", " ".join(text.split()))


def text_sha256(text: str) -> str:
    """The SHA-256 of a spoken text's words (:func:`spoken_key`), as hex."""
    return hashlib.sha256(spoken_key(text).encode("utf-8")).hexdigest()


# --- naming texts by their place -------------------------------------------------------


def place_name(data: Any, loc: Loc) -> str:
    """``("pages", 0, "image", "caption")`` -> ``pages.background.image.caption``: list items
    by their ``id`` (by their number when they have none)."""
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            item = node[part]
            ident = item.get("id") if isinstance(item, dict) else None
            parts.append(ident if isinstance(ident, str) and ident else str(part))
            node = item
        else:
            parts.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return ".".join(parts)


def find_place(data: Any, name: str) -> Loc | None:
    """The key path of the text a place name names (:func:`place_name` backwards), or None."""
    parts = name.strip().split(".")
    loc: list[str | int] = []
    node = data
    i = 0
    while i < len(parts):
        if isinstance(node, dict):
            for j in range(len(parts), i, -1):  # a key may hold dots (a legend id): longest first
                key = ".".join(parts[i:j])
                if key in node:
                    loc.append(key)
                    node, i = node[key], j
                    break
            else:
                return None
        elif isinstance(node, list):
            ids = [item.get("id") if isinstance(item, dict) else None for item in node]
            if parts[i] in ids:
                n = ids.index(parts[i])
            elif parts[i].isdigit() and int(parts[i]) < len(node):
                n = int(parts[i])
            else:
                return None
            loc.append(n)
            node, i = node[n], i + 1
        else:
            return None
    return tuple(loc) if parts and all(parts) else None


def value_at(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def text_in(value: Any, language: str) -> str | None:
    """A text's words in ``language`` exactly (no fallback): a plain string is every language's."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        text = value.get(language)
        return text if isinstance(text, str) else None
    return None


# --- the kiosk: which recording says what ----------------------------------------------


def recording_index(data: Mapping[str, Any], base: Path) -> dict[tuple[str, str], Path]:
    """``{(language, spoken_key(words)): recording file}`` for every recording of a valid
    content file whose text has not changed since it was recorded."""
    out: dict[tuple[str, str], Path] = {}
    recordings = data.get("recordings")
    for entry in recordings if isinstance(recordings, list) else []:
        if not isinstance(entry, dict):
            continue
        of, language, file = entry.get("of"), entry.get("language"), entry.get("file")
        if not (isinstance(of, str) and isinstance(language, str) and isinstance(file, str)):
            continue
        loc = find_place(data, of)
        text = text_in(value_at(data, loc), language) if loc else None
        if loc is None or text is None:
            continue
        words = spoken(text, is_markdown(loc))
        stored = entry.get("text_sha256")
        if isinstance(stored, str) and not text_sha256(words).startswith(stored.lower()):
            continue  # the text changed: the synthetic voice says the new one
        out.setdefault((language, spoken_key(words)), base / file)
    return out


# --- kiosk check -----------------------------------------------------------------------


class AudioProblem(ValueError):
    pass


def _sniff(head: bytes) -> str | None:
    if head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"OggS":
        return "opus" if b"OpusHead" in head else "ogg"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def probe_audio(path: Path) -> float:
    """The length in seconds of a recording the kiosk can play; :class:`AudioProblem`
    says what is wrong with it."""
    try:
        data, _ = safeio.read_named_file(
            path,
            MAX_AUDIO_BYTES,
            what="a sound file",
            plural="recordings",
            smaller="save it as MP3 or Ogg Vorbis",
        )
    except safeio.Unreadable as e:
        raise AudioProblem(str(e)) from None
    kind = _sniff(bytes(data[:64]))
    if kind is None:
        raise AudioProblem(
            "is not a recording the kiosk can play (use WAV, MP3, Ogg Vorbis or FLAC)"
        )
    if kind == "opus":
        raise AudioProblem("is Ogg Opus, which the kiosk cannot play: use Ogg Vorbis, MP3 or WAV")
    import miniaudio  # only when there are recordings: the check stays lean without

    get_info = {
        "wav": miniaudio.wav_get_info,
        "ogg": miniaudio.vorbis_get_info,
        "flac": miniaudio.flac_get_info,
        "mp3": miniaudio.mp3_get_info,
    }[kind]
    try:
        info = get_info(bytes(data))
        seconds = float(info.duration)
    except Exception:
        raise AudioProblem(f"is a damaged {kind.upper()} file; export it again") from None
    if not seconds > 0:
        raise AudioProblem("holds no sound (it is 0 seconds long)")
    return seconds


def check_recordings(
    raw: dict[str, Any],
    model: Content | None,
    base: Path,
    positions: Positions,
    file: str,
    codes: list[str],
) -> list[Issue]:
    """Located problems of the ``recordings`` section (``raw``: the file as read): a
    missing or unplayable file; when the rest of the file is valid (``model``), a text that
    does not exist, a language not offered, the same text recorded twice (errors); a text
    changed since it was recorded, a recording without its text's hash (warnings)."""
    from .model import Content, texts  # the checker only (pydantic)

    recordings = raw.get("recordings")
    if not isinstance(recordings, list) or not recordings:
        return []
    # the texts as the kiosk has them: the kiosk's own words with their defaults, stripped
    data: dict[str, Any] = model.model_dump(mode="json") if model is not None else {}
    places = {place_name(data, loc): loc for loc, v in texts(Content, data) if v is not None}
    issues: list[Issue] = []
    seen: dict[tuple[str, str], int] = {}
    checked: dict[str, str | None] = {}  # a file used twice is read once

    def issue(loc: Loc, message: str, severity: Literal["error", "warning"] = "error") -> None:
        issues.append(Issue(file, *positions.of(loc), loc, message, severity))

    for i, entry in enumerate(recordings):
        if not isinstance(entry, dict):
            continue  # the model says what it should be
        here: Loc = ("recordings", i)
        of, language, name = entry.get("of"), entry.get("language"), entry.get("file")
        if isinstance(name, str) and name.strip():
            if name not in checked:
                try:
                    probe_audio(base / name)
                    checked[name] = None
                except AudioProblem as e:
                    checked[name] = str(e)
            if checked[name]:
                issue(here + ("file",), f"the recording '{name}' {checked[name]}")
        if model is None or not isinstance(of, str) or not isinstance(language, str):
            continue  # (the model's errors first)
        loc = find_place(data, of)
        if loc is None or loc not in places.values():
            example = next(iter(places), "attract.title")
            issue(
                here + ("of",),
                f"there is no text '{of}' to record{did_you_mean(of, places)}"
                + (" If not, name" if did_you_mean(of, places) else "; name")
                + f" a text by its place in this file, such as {example} (pages, layers and "
                "hotspots by their id)",
            )
            continue
        if language not in codes:
            issue(
                here + ("language",),
                f"'{language}' is not one of the languages ({', '.join(codes)})"
                f"{did_you_mean(language, codes)}",
            )
            continue
        text = text_in(value_at(data, loc), language)
        if text is None:
            issue(
                here + ("language",),
                f"{of} has no {language} text to record; write it first, or record another language",
            )
            continue
        first = seen.setdefault((place_name(data, loc), language), i)
        if first != i:
            line = positions.of(("recordings", first))[0]
            issue(
                here,
                f"{of} in {language} is recorded twice (first at line {line}); keep one of them",
            )
            continue
        now = text_sha256(spoken(text, is_markdown(loc)))
        stored = entry.get("text_sha256")
        if not isinstance(stored, str):
            issue(
                here,
                f"add 'text_sha256: {now[:HASH_SHOWN]}' so that kiosk check can tell you when "
                "the text changes after it was recorded",
                "warning",
            )
        elif not now.startswith(stored.lower()):
            issue(
                here + ("text_sha256",),
                f"the text changed since it was recorded: record it again, or update "
                f"text_sha256 to {now[:HASH_SHOWN]}; until then audio mode speaks it with "
                "the kiosk's own voice",
                "warning",
            )
    return issues
