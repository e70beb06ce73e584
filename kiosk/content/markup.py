"""Visitor text is text: the documented Markdown subset, and nothing else, made safe to show.

Curators write paragraphs (a blank line between them), ``**bold**``, ``*italic*`` and lists
(lines starting with ``- ``).  The kiosk turns exactly that into Qt's *StyledText* with
every other character escaped, so no HTML tag, link, picture or URL in a content file is
ever interpreted - nothing is fetched, no local file is shown, no table freezes the screen.
Titles, labels and captions are plain text (QML shows them with ``Text.PlainText``).

Given a language, each block is typeset for it (:func:`kiosk.content.typography.typeset`:
no-break spaces and word joiners where a line must not break), and the first sentence of a
text that starts with a paragraph is a block of its own, the lead (``lead: True``).

:func:`problems` is what ``kiosk check`` says about HTML and links in a text, so a curator
learns why ``<b>`` or ``[a link](...)`` shows as typed.  No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypedDict

from .typography import WORD_JOINER, typeset


class Block(TypedDict):
    """One paragraph or one list item, as QML shows it."""

    text: str  # StyledText: only <b> and <i>, everything else escaped
    plain: str  # the same words without markup (what assistive technology reads)
    bullet: bool  # a list item (shown with a bullet and a hanging indent)
    lead: bool  # the text's first sentence, when the text starts with a paragraph


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


def _block(
    text: str, bullet: bool, language: str | None, names: Iterable[str], lead: bool = False
) -> Block:
    styled, words = inline(text), _unmarked(text)
    if language:
        styled = typeset(styled, language, names, markup=True)
        # no word joiners for speech and assistive technology (no-break spaces are spaces)
        words = typeset(words, language, names).replace(WORD_JOINER, "")
    return {"text": styled, "plain": words, "bullet": bullet, "lead": lead}


def _parts(markdown: str) -> list[tuple[str, bool]]:
    """``(text, bullet)`` of each paragraph and list item, in order."""
    out: list[tuple[str, bool]] = []
    for part in _PARAGRAPHS.split(markdown.strip("\n")):
        lines = part.split("\n")
        if not any(_ITEM.match(line) for line in lines):
            if text := _join(lines):
                out.append((text, False))
            continue
        item: list[str] | None = None
        for line in lines:
            if m := _ITEM.match(line):
                if item is not None:
                    out.append((_join(item), True))
                item = [line[m.end() :]]
            elif item is not None:
                item.append(line)  # the item goes on
            elif text := _join([line]):
                out.append((text, False))  # text before the list
        if item is not None:
            out.append((_join(item), True))
    return out


# A sentence ends at . ! ? or … (and the quotes, brackets or emphasis marks closing there),
# before a space and a capital, a digit or an opening quote - unless the word before the
# full stop is an initial or an abbreviation.  In Chinese, after 。！？ (and closing quotes).
_LATIN_END = re.compile(r"(?<=\S)[.!?…]+[*\"'”’»)\]]*(?=\s+[*_\"'“‘«(\[]*[^\W_])")
_CHINESE_END = re.compile(r"[。！？]+[”’」』）)*]*")
_ABBREVIATIONS = frozenset(
    (
        # English: titles and references ("St. Petersburg", "e.g. Aigun", "No. 5")
        *("st", "mr", "mrs", "ms", "dr", "prof", "gen", "col", "capt", "lt", "sgt", "rev"),
        *("gov", "no", "nos", "vs", "cf", "ca", "approx", "vol", "pp", "fig", "e.g", "i.e"),
        # Russian: "и др.", "ген. Муравьёв", "им. Ленина", "ок. 1858", "тыс. км²" ...
        *("др", "пр", "ср", "им", "ст", "см", "ген", "губ", "гр", "кн", "ок", "тыс", "млн"),
        *("млрд", "руб", "коп", "ул", "пос", "обл"),
    )
)


def _sentence_end(text: str) -> int:
    """Where the first sentence of a paragraph ends (0: it is one sentence, or unsure)."""
    emphasis = [m.span() for m in (*_BOLD.finditer(text), *_ITALIC.finditer(text))]
    ends = sorted(
        [m for m in _LATIN_END.finditer(text) if _ends_sentence(text, m)]
        + list(_CHINESE_END.finditer(text)),
        key=lambda m: m.end(),
    )
    for m in ends:
        at = m.end()
        if not text[at:].strip():
            return 0  # the paragraph's last sentence: no rest
        if not any(start < at < end for start, end in emphasis):
            return at
    return 0


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    if not m.group().startswith("."):
        return True
    word = re.search(r"[\w.]*$", text[: m.start()])
    word_ = word.group().lower() if word else ""
    after = text[m.end() :].lstrip(" *_\"'“‘«([")
    if (len(word_) == 1 and word_.isalpha()) or word_ in _ABBREVIATIONS:
        return False  # "P. Wessel", "St. Petersburg", "т. е."
    return not (after[:1].islower())


def blocks(markdown: str, language: str | None = None, names: Iterable[str] = ()) -> list[Block]:
    """Paragraphs and list items, each as safe StyledText (and as plain words), typeset for
    ``language`` when given (``names``: names in that language, never broken).  When the
    text starts with a paragraph, its first sentence is a block of its own: the lead."""
    names = tuple(names)
    parts = _parts(markdown)
    out: list[Block] = []
    if parts and not parts[0][1]:
        first = parts.pop(0)[0]
        at = _sentence_end(first)
        out.append(_block(first[:at].rstrip() if at else first, False, language, names, True))
        if at:
            parts.insert(0, (first[at:].strip(), False))
    out += [_block(text, bullet, language, names) for text, bullet in parts]
    return out


def plain(markdown: str, language: str | None = None, names: Iterable[str] = ()) -> str:
    """A text's words without markup, paragraphs on lines of their own (for assistive
    technology, which reads text, not StyledText); no-break spaces for ``language``."""
    names = tuple(names)
    return "\n".join(_block(t, b, language, names)["plain"] for t, b in _parts(markdown))


def styled(markdown: str, language: str | None = None, names: Iterable[str] = ()) -> str:
    """A short text (a hotspot's) as one StyledText: paragraphs separated by a line break,
    typeset for ``language`` when given (no lead: it is one text)."""
    names = tuple(names)
    return "<br>".join(
        ("• " if b else "") + _block(t, b, language, names)["text"] for t, b in _parts(markdown)
    )


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
