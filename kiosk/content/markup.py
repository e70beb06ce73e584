"""Visitor text is text: the documented Markdown subset, and nothing else, made safe to show.

Curators write paragraphs (a blank line between them), ``**bold**``, ``*italic*`` and lists
(lines starting with ``- ``).  The kiosk turns exactly that into Qt's *StyledText* with
every other character escaped, so no HTML tag, link, picture or URL in a content file is
ever interpreted - nothing is fetched, no local file is shown, no table freezes the screen.
Titles, labels and captions are plain text (QML shows them with ``Text.PlainText``).

:func:`problems` is what ``kiosk check`` says about HTML and links in a text, so a curator
learns why ``<b>`` or ``[a link](...)`` shows as typed.  No Qt here.
"""

from __future__ import annotations

import re
from typing import TypedDict


class Block(TypedDict):
    """One paragraph or one list item, as QML shows it."""

    text: str  # StyledText: only <b> and <i>, everything else escaped
    plain: str  # the same words without markup (what assistive technology reads)
    bullet: bool  # a list item (shown with a bullet and a hanging indent)


_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_ITEM = re.compile(r"^[ \t]*[-*][ \t]+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.S)


def _cjk(char: str) -> bool:
    """A Chinese, Japanese or Korean character: no space between two of them."""
    return (
        "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef"
    )


def _join(lines: list[str]) -> str:
    """The lines of one paragraph as one line (no space where Chinese runs on)."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and not (_cjk(out[-1]) and _cjk(line[0])):
            out += " "
        out += line
    return out


def inline(text: str) -> str:
    """One paragraph's text as StyledText: escaped, then bold and italic."""
    # html.escape(text, quote=False) without importing html: quotes mean nothing outside a tag
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    safe = _BOLD.sub(r"<b>\1</b>", safe)
    safe = _ITALIC.sub(r"<i>\1</i>", safe)
    # StyledText takes a no-break space for any space (and breaks there); its entity it keeps
    return re.sub("[\u00a0\u202f\u2007]", "&nbsp;", safe)


def _unmarked(text: str) -> str:
    """A paragraph's words without the ** and * marks."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def _block(text: str, bullet: bool) -> Block:
    return {"text": inline(text), "plain": _unmarked(text), "bullet": bullet}


def blocks(markdown: str) -> list[Block]:
    """Paragraphs and list items, each as safe StyledText (and as plain words)."""
    out: list[Block] = []
    for part in _PARAGRAPHS.split(markdown.strip("\n")):
        lines = part.split("\n")
        if not any(_ITEM.match(line) for line in lines):
            if text := _join(lines):
                out.append(_block(text, False))
            continue
        item: list[str] | None = None
        for line in lines:
            if m := _ITEM.match(line):
                if item is not None:
                    out.append(_block(_join(item), True))
                item = [line[m.end() :]]
            elif item is not None:
                item.append(line)  # the item goes on
            elif text := _join([line]):
                out.append(_block(text, False))  # text before the list
        if item is not None:
            out.append(_block(_join(item), True))
    return out


def plain(markdown: str) -> str:
    """A text's words without markup, paragraphs on lines of their own (for assistive
    technology, which reads text, not StyledText)."""
    return "\n".join(b["plain"] for b in blocks(markdown))


def styled(markdown: str) -> str:
    """A short text (a hotspot's) as one StyledText: paragraphs separated by a line break."""
    return "<br>".join(("• " if b["bullet"] else "") + b["text"] for b in blocks(markdown))


_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\([^)\n]*\)")


def problems(text: str) -> list[tuple[int, str]]:
    """``(offset, message)`` for each HTML tag, Markdown picture or link in a text: shown as
    typed on the kiosk, which is never what the curator meant."""
    found: list[tuple[int, str]] = []
    for m in _IMAGE.finditer(text):
        found.append(
            (
                m.start(),
                f"'{_short(m.group())}' is a picture in the text: the kiosk shows text only "
                "(it would show these characters as typed); put a picture in 'image:' instead",
            )
        )
    for m in _LINK.finditer(text):
        found.append(
            (
                m.start(),
                f"'{_short(m.group())}' is a link: the kiosk opens no links (it would show "
                "these characters as typed); write the words without the brackets",
            )
        )
    for m in _TAG.finditer(text):
        found.append(
            (
                m.start(),
                f"'{_short(m.group())}' is an HTML tag: the kiosk shows text only (it would show "
                "the tag as typed); use **bold** or *italic*, or remove it",
            )
        )
    return sorted(found)


def _short(s: str) -> str:
    return s if len(s) <= 40 else s[:37] + "..."
