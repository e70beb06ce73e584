"""Typography per language: where a line may not break, said with invisible characters.

Curators type ordinary text; :func:`typeset` makes it read well on the kiosk without
changing a visible character.  It only inserts U+2060 WORD JOINER (no line break on
either side; Qt draws nothing for it) or turns a space into U+00A0 NO-BREAK SPACE:

- Russian (``ru``): a one-letter word stays with the next word ("в\u00a0Айгуне"), a dash
  with the word before it ("край\u00a0— земли", so no line starts with a dash), a number's
  digit groups together ("600\u00a0000") and with its unit ("км²", "г.", "№"), initials
  with the name ("W.\u00a0H.\u00a0F.\u00a0Smith"), "т.\u00a0е."; names given keep their spaces.
- Chinese (``zh…``): a 《title》 and every name given never break inside; a number stays
  with its unit ("1858年", "60万平方公里"); the last two characters of a paragraph are
  joined, so no line holds one character alone.
- Other languages: unchanged.

``typeset(typeset(x)) == typeset(x)``.  With ``markup=True`` the text is Qt StyledText (as
:mod:`kiosk.content.markup` makes it): tags and entities are left as they are, and a
no-break space is written ``&nbsp;`` (StyledText breaks at a U+00A0 character).

Chinese numbers (:func:`chinese_number`, :func:`format_area_zh`) use 万 and 亿, as Chinese
text does ("61万平方公里", not "610,000平方公里").  No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

NBSP = "\u00a0"
WORD_JOINER = "\u2060"

_SPACE = "[ \u00a0]"
# Russian
_ONE_LETTER = re.compile(rf"(?<![\w\-\u2010\u2011.])[^\W\d_](?={_SPACE}\S)")
_DASH = re.compile(rf"(?<=\S){_SPACE}(?=[—–-](?:{_SPACE}|$))", re.M)
_THOUSANDS = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d)")
_UNIT = re.compile(
    rf"(?<=\d){_SPACE}(?="
    r"(?:км²|км2|км|м²|м|см|мм|га|кг|г|т|л|млн|млрд|тыс\.|руб\.|коп\.|чел\.|в\.|вв\.|гг\.|%|‰|°)"
    r"(?![^\W\d_])"
    r"|с(?=$|[.,;:!?)\]»])"  # seconds, not the preposition "с"
    ")",
    re.M,
)
_NUMERO = re.compile(rf"(?<=[№§]){_SPACE}(?=\d)")
_INITIAL = re.compile(rf"(?<![\w.])[A-ZА-ЯЁ]\.({_SPACE})(?=[A-ZА-ЯЁ])")
_ABBREVIATION = re.compile(rf"(?<![\w.])т\.({_SPACE})(?=[едпк]\.)")
# Chinese
_TITLE = re.compile(r"《[^《》\n]*》")
_CJK_UNIT = re.compile(
    r"(?<=\d)(?:[多余]?[万亿])?(?:平方公里|平方千米|公里|千米|世纪|年|月|日|号|米|岁|%)?"
)
_CLOSING = "。，、；：！？）》」』】〉”’…—)]}.,;:!?\"'"


def _cjk(char: str) -> bool:
    """A Chinese character (or kana, hangul): lines may break before and after it."""
    return (
        "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uac00" <= char <= "\ud7af"
    )


def _word(char: str) -> bool:
    """A letter or digit of an alphabet: no line breaks inside a word of them anyway."""
    return char.isalnum() and not _cjk(char)


# a tag, an entity, a run of other characters (a word joiner alone: it marks a gap)
_TOKEN = re.compile(r"<[^<>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);|[^<&\u2060]+|.", re.S)
_PLAIN_TOKEN = re.compile(r"[^\u2060]+|\u2060")
_BR = re.compile(r"<\s*br\s*/?\s*>", re.I)
_ENTITIES = {"nbsp": NBSP, "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _entity(token: str) -> str:
    """What an entity shows (U+FFFC for one unknown: something, never a space or letter)."""
    name = token[1:-1]
    if name.startswith("#"):
        try:
            return chr(int(name[2:], 16) if name[1:2] in "xX" else int(name[1:]))
        except (ValueError, OverflowError):
            return "\ufffc"
    return _ENTITIES.get(name, "\ufffc")


class _Text:
    """A text as its visible characters, each mapped back to what is written for it."""

    def __init__(self, text: str, markup: bool):
        # (as written, its first visible index, what it shows): a run of characters shows
        # itself, an entity one character, a tag nothing (<br> a line break)
        self.tokens: list[tuple[str, int, str]] = []
        self.joined: set[int] = set()  # gaps (before visible index k) with a word joiner
        size = 0
        chars: list[str] = []
        for token in (_TOKEN if markup else _PLAIN_TOKEN).findall(text):
            if token == WORD_JOINER:
                self.joined.add(size)
                shown = ""
            elif not markup or len(token) == 1 or token[0] not in "<&":
                shown = token
            elif token[0] == "<":
                shown = "\n" if _BR.fullmatch(token) else ""
            else:
                shown = _entity(token)
                if shown == WORD_JOINER:
                    self.joined.add(size)
                    shown = ""
            self.tokens.append((token, size, shown))
            chars.append(shown)
            size += len(shown)
        self.visible = "".join(chars)

    def write(self, nbsp: set[int], joins: set[int], markup: bool) -> str:
        joins = {k for k in joins if k > 0} - self.joined
        nbsp = {k for k in nbsp if self.visible[k] in " \u00a0"}
        changes = sorted(joins | nbsp)
        if not changes:
            return "".join(token for token, _, _ in self.tokens)
        space = "&nbsp;" if markup else NBSP
        out: list[str] = []
        for token, at, shown in self.tokens:
            if not shown or at + len(shown) <= changes[0] or at > changes[-1]:
                out.append(token)
                continue
            whole = shown == token  # a run of characters (else an entity: one character)
            for i, char in enumerate(shown):
                if at + i in joins:
                    out.append(WORD_JOINER)
                if at + i in nbsp:
                    out.append(space)
                elif whole:
                    out.append(char)
            if not whole and at not in nbsp:
                out.append(token)
        return "".join(out)


def _closing(char: str) -> bool:
    """Punctuation that ends something: no line starts with it (nor with a space)."""
    return char in _CLOSING or char.isspace() or unicodedata.category(char) in ("Pe", "Pf")


def _opening(char: str) -> bool:
    """Punctuation that opens something: no line ends with it."""
    return unicodedata.category(char) in ("Ps", "Pi")


def _bind(text: str, start: int, end: int, nbsp: set[int], joins: set[int]) -> None:
    """No line break anywhere in ``text[start:end]``."""
    for k in range(start + 1, end):
        a, b = text[k - 1], text[k]
        if a in " \u00a0":
            nbsp.add(k - 1)
        elif b in " \u00a0":
            nbsp.add(k)
        elif not ((_word(a) and _word(b)) or _opening(a) or _closing(b)):
            joins.add(k)  # (inside a Latin word, after "《", before "》" nothing breaks anyway)


def _names(text: str, names: Iterable[str], nbsp: set[int], joins: set[int]) -> None:
    """Bind each name where it occurs, longest first (a shorter name inside a longer one's
    place does not count, nor one that runs across a longer one)."""
    taken = [False] * len(text)
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        if len(name) < 2:
            continue
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(name)
                _bind(text, start, end, nbsp, joins)
            start = text.find(name, start + 1)


def _russian(text: str, names: Iterable[str]) -> tuple[set[int], set[int]]:
    nbsp: set[int] = set()
    joins: set[int] = set()
    for m in _ONE_LETTER.finditer(text):
        nbsp.add(m.end())
    for pattern in (_DASH, _UNIT, _NUMERO):
        nbsp.update(m.start() for m in pattern.finditer(text))
    for m in _THOUSANDS.finditer(text):
        nbsp.update(m.start() + i for i, c in enumerate(m.group()) if c in " \u00a0")
    for pattern in (_INITIAL, _ABBREVIATION):
        nbsp.update(m.start(1) for m in pattern.finditer(text))
    _names(text, names, nbsp, joins)
    return nbsp, joins


def _chinese(text: str, names: Iterable[str]) -> tuple[set[int], set[int]]:
    nbsp: set[int] = set()
    joins: set[int] = set()
    for m in _TITLE.finditer(text):
        _bind(text, m.start(), m.end(), nbsp, joins)
    _names(text, names, nbsp, joins)
    for m in _CJK_UNIT.finditer(text):
        if m.end() > m.start():
            _bind(text, m.start() - 1, m.end(), nbsp, joins)
    # the last two characters of each paragraph: never one alone on the last line
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        last = end - 1
        while last > start and _closing(text[last]):
            last -= 1
        if last > start and _cjk(text[last]) and not text[last - 1].isspace():
            joins.add(last)
        start = end + 1
    return nbsp, joins


def typeset(text: str, language: str, names: Iterable[str] = (), *, markup: bool = False) -> str:
    """``text`` as the kiosk shows it in ``language``: the same visible characters, with
    no-break spaces and word joiners where a line must not break (see the module).
    ``names`` (in that language) never break inside.  ``markup``: ``text`` is StyledText."""
    if language.startswith("ru"):
        rules = _russian
    elif language.startswith("zh"):
        rules = _chinese
    else:
        return text
    if not text:
        return text
    parsed = _Text(text, markup)
    nbsp, joins = rules(parsed.visible, names)
    return parsed.write(nbsp, joins, markup)


_NAME_PARTS = re.compile(r"[（）()《》「」\[\]、，,;；/]+")


def names_in(titles: Iterable[str | None]) -> list[str]:
    """The names in some titles (a map's places, say), each bracket's content apart:
    "布拉戈维申斯克（海兰泡）" -> 布拉戈维申斯克, 海兰泡 - to pass to :func:`typeset`."""
    found: dict[str, None] = {}
    for title in titles:
        for part in _NAME_PARTS.split(title or ""):
            if len(part := part.strip()) >= 2:
                found[part] = None
    return list(found)


def chinese_number(n: int) -> str:
    """A whole number as Chinese text writes it: 9800, 7.8万, 61万, 1.2亿 (exact: the
    decimals it needs, none more)."""
    n = int(n)
    if abs(n) < 10_000:
        return str(n)
    unit, sign = (10_000, "万") if abs(n) < 100_000_000 else (100_000_000, "亿")
    whole, rest = divmod(abs(n), unit)
    decimals = str(rest).rjust(len(str(unit)) - 1, "0").rstrip("0")
    return ("-" if n < 0 else "") + str(whole) + ("." + decimals if decimals else "") + sign


def round_significant(x: float, digits: int = 2) -> int:
    """``x`` (>= 0) rounded half up to ``digits`` significant digits, as a whole number
    (``I18n.area`` does the same in QML)."""
    if x < 1:
        return 0
    step: int = 10 ** max(len(str(int(x + 0.5))) - digits, 0)
    return int(x / step + 0.5) * step


def format_area_zh(km2: float) -> str:
    """An area for Chinese readers, to two significant digits: 611,752 -> 61万平方公里,
    78,349 -> 7.8万平方公里, 8,437 -> 8400平方公里."""
    return chinese_number(round_significant(km2)) + "平方公里"
