"""YAML syntax errors in a curator's words, at the line where the mistake is, with the fix.

The parser notices a mistake where it can no longer go on, which may be far from the
mistake (an unclosed quote runs on to the next quote in the file, often dozens of lines
later), and says it in its own words ("expected <block end>, but found '<scalar>'").
:func:`syntax_issue` looks at the text itself with a small, conservative line lexer of
its own (comments, ``|``/``>`` texts, quotes, ``[ ]``/``{ }`` on one line, ``- `` items,
``key:``) to find the line the curator got wrong, and says what to do in plain words.
Written for libyaml's messages; PyYAML's own parser says the same things differently
and is understood too.  Only used when reading has failed: nothing here is on the
kiosk's fast path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .issues import Issue

# what YAML counts as a line break (PyYAML's reader and libyaml agree)
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")
_SHORT = 72  # a fixed line longer than this is described, not shown
# words of the parser's that a curator should never see
_JARGON = re.compile(
    r"token|scalar|mapping|sequence|collection|stream|indicator|block|flow|[<>]|simple key|"
    r"directive|anchor|alias|tag|node|document|escape",
    re.IGNORECASE,
)


@dataclass
class _Line:
    """One line as far as indentation and quotes are concerned."""

    number: int  # 1-based
    text: str
    kind: Literal["blank", "comment", "text", "item", "block"] = "blank"
    indent: int = 0  # spaces before the first character
    dashes: list[int] = field(default_factory=list)  # columns of leading '- '
    key: str | None = None
    key_col: int | None = None
    colon: int | None = None  # column of the key's ':'
    value_col: int | None = None  # where the value starts (None: nothing after the key)
    opens_block: bool = False  # the value is '|' or '>': indented text follows
    # quotes at the start of a value: (opening column, closing column or None, quote)
    quotes: list[tuple[int, int | None, str]] = field(default_factory=list)
    # '[' and '{' not closed on this line: (column, bracket)
    open_brackets: list[tuple[int, str]] = field(default_factory=list)

    @property
    def first(self) -> int:
        """The column where the line's content starts (its first '- ' or its key)."""
        return (
            self.dashes[0]
            if self.dashes
            else self.key_col
            if self.key_col is not None
            else self.indent
        )


def _close_quote(s: str, i: int, q: str) -> int | None:
    """The column of the quote closing the one at ``i`` on this line, or None."""
    i += 1
    while i < len(s):
        c = s[i]
        if q == '"' and c == "\\":
            i += 2
            continue
        if c == q:
            if q == "'" and s[i + 1 : i + 2] == "'":  # '' is a quote inside single quotes
                i += 2
                continue
            return i
        i += 1
    return None


def _scan_value(line: _Line, i: int) -> None:
    """Record the quotes and brackets of the value that starts at column ``i``."""
    s = line.text
    if i >= len(s):
        return
    if s[i] in "\"'":
        line.quotes.append((i, _close_quote(s, i, s[i]), s[i]))
        return
    if s[i] not in "[{":
        return  # plain text: quotes and brackets in it are just characters
    stack: list[tuple[int, str]] = []
    start = True  # at the start of an item of [ ] or { }
    while i < len(s):
        c = s[i]
        if c in " \t":
            i += 1
            continue
        if c == "#" and s[i - 1] in " \t":
            break
        if c in "[{":
            stack.append((i, c))
            start = True
        elif c in "]}":
            if stack and stack[-1][1] == ("[" if c == "]" else "{"):
                stack.pop()
            start = False
            if not stack:
                break
        elif c == "," or (c == ":" and s[i + 1 : i + 2] in ("", " ", "\t")):
            start = True  # (after ': ' comes a value)
        elif start and c in "\"'":
            close = _close_quote(s, i, c)
            line.quotes.append((i, close, c))
            if close is None:
                return  # the rest of the line is inside the quote
            i, start = close, False
        else:  # plain text in [ ] or { }: up to the next , [ ] { } or ': '
            start = False
            while (
                i + 1 < len(s) and s[i + 1] not in ",[]{}" and s[i + 1 : i + 3] not in (": ", " #")
            ):
                if s[i + 1] == ":" and i + 2 == len(s):
                    break
                i += 1
        i += 1
    line.open_brackets.extend(stack)


def _lex_line(number: int, s: str) -> _Line:
    line = _Line(number, s)
    stripped = s.lstrip(" ")
    line.indent = len(s) - len(stripped)
    if not stripped.strip():
        return line
    if stripped.startswith("#"):
        line.kind = "comment"
        return line
    i = line.indent
    while s[i : i + 1] == "-" and s[i + 1 : i + 2] in ("", " ", "\t"):
        line.dashes.append(i)
        i += 1
        while s[i : i + 1] in (" ", "\t"):
            i += 1
    key_end = _key_end(s, i)
    if key_end is not None:
        line.kind = "item"
        line.key, line.key_col, line.colon = s[i:key_end].rstrip(), i, key_end
        i = key_end + 1
        while s[i : i + 1] in (" ", "\t"):
            i += 1
    elif line.dashes:
        line.kind = "item"
    else:
        line.kind = "text"
    if i < len(s) and s[i] != "#":
        line.value_col = i
        line.opens_block = (line.key is not None or bool(line.dashes)) and bool(
            _BLOCK_HEADER.match(s, i)
        )
        if line.kind == "item" or s[i] in "\"'":  # a quoted key, or text at the line's start
            _scan_value(line, i)
    return line


def _key_end(s: str, i: int) -> int | None:
    """The column of the ':' ending a key that starts at ``i``, or None."""
    if i >= len(s):
        return None
    if s[i] in "\"'":
        close = _close_quote(s, i, s[i])
        if (
            close is not None
            and s[close + 1 : close + 2] == ":"
            and s[close + 2 : close + 3] in ("", " ", "\t")
        ):
            return close + 1
        return None
    if s[i] in "#{}[],&*!|>%@`":
        return None
    j = i
    while j < len(s):
        if s[j] == ":" and s[j + 1 : j + 2] in ("", " ", "\t"):
            return j
        if s[j] == "#" and s[j - 1] in " \t":
            return None
        j += 1
    return None


def _lex(lines: list[str]) -> list[_Line]:
    """Every line, with the indented text after '|' or '>' marked as such."""
    out: list[_Line] = []
    block_parent: int | None = None  # the column the text of a '|' must be indented past
    for n, s in enumerate(lines, 1):
        if block_parent is not None:
            if not s.strip(" \t") or len(s) - len(s.lstrip(" ")) > block_parent:
                out.append(_Line(n, s, "block", len(s) - len(s.lstrip(" "))))
                continue
            block_parent = None
        line = _lex_line(n, s)
        if line.opens_block:
            block_parent = line.first if line.key_col is None else line.key_col
            if line.key_col is None and line.dashes:
                block_parent = line.dashes[-1]
        out.append(line)
    return out


def _runaway_end(lines: list[str], n: int, col: int, q: str) -> tuple[int, int] | None:
    """Where the parser ends a quoted text that starts at (line index ``n``, ``col``) and
    is not closed on its line: the next quote in the file, comments included."""
    i = col + 1
    while n < len(lines):
        s = lines[n]
        close = _close_quote(s, i - 1, q) if i <= len(s) else None
        if close is not None:
            return n, close
        n, i = n + 1, 0
        if n < len(lines) and lines[n][:1] == q:  # (a quote at the very start of a line)
            if q == '"' or lines[n][1:2] != "'":
                return n, 0
            i = 2
    return None


@dataclass
class _Ctx:
    file: str
    lines: list[str]
    lexed: list[_Line]
    err: Any
    line: int  # 0-based line of the parser's mark
    col: int
    said: str  # the parser's words, context and problem

    def at(self, n: int) -> _Line:
        return self.lexed[n] if 0 <= n < len(self.lexed) else _Line(n + 1, "")

    def issue(self, n: int, col: int, message: str) -> Issue:
        """An issue at 0-based line ``n`` and column ``col``."""
        return Issue(self.file, n + 1, col + 1, (), message)

    def above(self, n: int) -> _Line | None:
        """The nearest line above line ``n`` with a key or a '- ' on it."""
        for k in range(n - 1, -1, -1):
            if self.lexed[k].kind == "item":
                return self.lexed[k]
        return None


def syntax_issue(file: str, text: str, err: Any) -> Issue:
    """The curator's message for a ``yaml.MarkedYAMLError`` met reading ``text``."""
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line, mark.column) if mark is not None else (0, 0)
    lines = _BREAK.split(text)
    said = " ".join(str(t) for t in (err.context, err.problem) if t)
    ctx = _Ctx(
        file, lines, _lex(lines[: line + 50]), err, line, col, said
    )  # (what follows: unread)
    try:
        for explain in (
            _tab,
            _unclosed_quote,
            _after_quote,
            _special_start,
            _second_document,
            _escape,
            _block_header,
            _brackets,
            _no_colon,
            _colon,
            _structure,
        ):
            found = explain(ctx)
            if found is not None:
                return found
    except Exception:  # pragma: no cover - a curator gets the plain fallback, never a crash
        pass
    return _fallback(ctx)


# --- the classes, most certain first ---------------------------------------------------


def _tab(c: _Ctx) -> Issue | None:
    if "tab" not in c.said and "'\\t'" not in c.said:
        char = c.at(c.line).text[c.col : c.col + 1]
        if char != "\t":
            return None
    s = c.at(c.line).text
    lead = len(s) - len(s.lstrip(" \t"))
    if "\t" in s[:lead]:
        return c.issue(
            c.line, s.index("\t"), f"line {c.line + 1} uses a tab to indent: use spaces instead"
        )
    at = s.find("\t", c.col) if "\t" in s[c.col :] else s.find("\t")
    return c.issue(c.line, max(at, 0), f"line {c.line + 1} has a tab here: use a space instead")


def _unclosed_quote(c: _Ctx) -> Issue | None:
    n = 0
    while n < len(c.lexed) and n <= c.line:
        line, nxt = c.lexed[n], n + 1
        for opened, closed, q in line.quotes:
            if closed is not None or (n, opened) >= (c.line, c.col):
                continue
            end = _runaway_end(c.lines, n, opened, q)
            if end is None or (end[0] == c.line and end[1] < c.col):
                return c.issue(
                    n,
                    opened,
                    f"the text that starts with a quote on line {n + 1} never closes it: "
                    f"add the closing {q} at the end of the text",
                )
            nxt = end[0] + 1  # a text in quotes over several lines: go on after it
            break
        n = nxt
    return None


def _after_quote(c: _Ctx) -> Issue | None:
    line = c.at(c.line)
    prev = _prev(c, c.line)
    if line.kind == "text" and c.col == line.indent and prev is not None:
        quotes = c.at(prev).quotes
        last = quotes[-1] if quotes else None
        if last is not None and last[1] is not None and not _value_text(c.at(prev), last[1] + 1):
            return c.issue(
                c.line,
                c.col,
                f"line {c.line + 1} goes on with the text of line {prev + 1} after its closing "
                f"quote: move the {last[2]} to the end of the text",
            )
    for _opened, closed, q in line.quotes:
        if closed is not None and closed < c.col and not line.text[closed + 1 : c.col].strip():
            return c.issue(
                c.line,
                c.col,
                f"the text on line {c.line + 1} goes on after its closing quote: move the {q} "
                "to the end of the text",
            )
    return None


def _fixed(line: _Line, value: str) -> str:
    """``key: "value"`` (the line as it should be), or an empty string if it is too long."""
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    fixed = f"{line.key}: {quoted}" if line.key is not None else quoted
    return fixed if len(fixed) <= _SHORT else ""


def _value_text(line: _Line, start: int) -> str:
    s = line.text[start:]
    m = re.search(r"[ \t]#", s)
    return (s[: m.start()] if m else s).rstrip()


def _special_start(c: _Ctx) -> Issue | None:
    line = c.at(c.line)
    char = line.text[c.col : c.col + 1]
    if "undefined alias" in c.said:
        char = "*"
    elif "duplicate anchor" in c.said:
        first = c.err.context_mark.line + 1 if c.err.context_mark else c.line + 1
        return c.issue(
            c.line,
            c.col,
            f"the text on line {c.line + 1} starts with '&', which YAML reads as a name for "
            f"the value, and line {first} uses the same name: put the text in double quotes",
        )
    elif "cannot start any token" not in c.said or not char or char.isspace():
        return None
    fix = ""
    if line.value_col == c.col:
        fix = _fixed(line, _value_text(line, c.col))
    return c.issue(
        c.line,
        c.col,
        f"the text on line {c.line + 1} starts with '{char}', which YAML does not allow "
        "there: put the whole text in double quotes" + (f": {fix}" if fix else ""),
    )


def _second_document(c: _Ctx) -> Issue | None:
    if "single document" not in c.said:
        return None
    return c.issue(
        c.line,
        0,
        f"remove line {c.line + 1} ('{c.at(c.line).text.strip()}'): it starts a second "
        "document, and a content file holds one",
    )


def _escape(c: _Ctx) -> Issue | None:
    if (
        "unknown escape" not in c.said
        and "hexdecimal" not in c.said
        and "hexadecimal" not in c.said
    ):
        return None
    s = c.at(c.line).text
    at = s.rfind("\\", 0, c.col + 1)
    at = at if at >= 0 else c.col
    return c.issue(
        c.line,
        at,
        f"the text on line {c.line + 1} has '{s[at : at + 2]}', which means something else "
        "inside double quotes: write '\\\\' for a backslash, or use single quotes (') around the text",
    )


def _block_header(c: _Ctx) -> Issue | None:
    if not ("block scalar" in c.said and ("line break" in c.said)):
        return None
    cm = c.err.context_mark or c.err.problem_mark
    s = c.at(cm.line).text
    return c.issue(
        cm.line,
        c.col if cm.line == c.line else cm.column,
        f"on line {cm.line + 1}, nothing may follow '{s[cm.column : cm.column + 1]}' but a "
        "comment: start the text on the next line, indented",
    )


def _brackets(c: _Ctx) -> Issue | None:
    char = c.at(c.line).text[c.col : c.col + 1]
    if char in ("]", "}") and "expected" in c.said and not c.at(c.line).open_brackets:
        return c.issue(
            c.line,
            c.col,
            f"line {c.line + 1} has a {char} that closes nothing: remove it",
        )
    if "flow" not in c.said and "',' or" not in c.said:
        return None
    cm = c.err.context_mark
    opener: tuple[int, int, str] | None = None
    if cm is not None and "flow node" not in c.said:
        s = c.at(cm.line).text
        if s[cm.column : cm.column + 1] in ("[", "{"):
            opener = (cm.line, cm.column, s[cm.column])
    if opener is None:  # the nearest '[' or '{' above that its line does not close
        for k in range(min(c.line, len(c.lexed) - 1), -1, -1):
            if c.lexed[k].open_brackets:
                col, bracket = c.lexed[k].open_brackets[-1]
                opener = (k, col, bracket)
                break
    if opener is None:
        return None
    n, col, bracket = opener
    what = "list" if bracket == "[" else "section"
    closing = "]" if bracket == "[" else "}"
    if any(b == (col, bracket) for b in c.at(n).open_brackets):
        return c.issue(
            n,
            col,
            f"the {what} that starts with {bracket} on line {n + 1} is never closed: "
            f"add the {closing} at its end",
        )
    return c.issue(
        c.line,
        c.col,
        f"the {what} in {bracket} {closing} on line {n + 1} cannot be read here: separate its "
        "items with ', ', and put an item that contains a comma, bracket or quote in double "
        "quotes",
    )


def _no_colon(c: _Ctx) -> Issue | None:
    """A line of text where a key is expected (no ':', or the text of a '|' not indented)."""
    if "could not find expected ':'" in c.said and c.err.context_mark is not None:
        bad = c.at(c.err.context_mark.line)
    elif "mapping values" in c.said and c.at(c.line).colon == c.col:
        # the mark is at this line's own key: is the line above text without a key?
        prev = _prev(c, c.line)
        if prev is None or c.at(prev).kind != "text" or c.at(prev).indent != c.at(c.line).first:
            return None
        bad = c.at(prev)
    else:
        return None
    owner = c.above(bad.number - 1)
    if (
        owner is not None
        and owner.opens_block
        and owner.key_col is not None
        and owner.key_col >= bad.indent
    ):
        return c.issue(
            bad.number - 1,
            bad.indent,
            f"the text on line {bad.number} must be indented more than line {owner.number} "
            f"('{owner.text.strip()}'): add spaces before it",
        )
    return c.issue(
        bad.number - 1,
        bad.indent,
        f"line {bad.number} has no ': ' after a key: write it as 'key: text', or, if it "
        f"goes on with the text of the line above, indent it more than that line",
    )


def _prev(c: _Ctx, n: int) -> int | None:
    """The nearest line above ``n`` that is neither blank nor a comment."""
    for k in range(n - 1, -1, -1):
        if c.lexed[k].kind not in ("blank", "comment"):
            return k
    return None


def _colon(c: _Ctx) -> Issue | None:
    """``key: text`` whose text has ': ' in it."""
    if "mapping values" not in c.said:
        return None
    here = c.at(c.line)
    if (
        here.kind == "item"
        and here.colon is not None
        and here.value_col is not None
        and c.col > here.colon
    ):
        fix = _fixed(here, _value_text(here, here.value_col))
        return c.issue(
            c.line,
            c.col,
            f"the text on line {c.line + 1} contains ': ' - put the whole text in double quotes"
            + (f": {fix}" if fix else ""),
        )
    if here.kind == "text":  # the second line of a text: the whole text needs the quotes
        start = c.above(c.line)
        first = f"starts on line {start.number} and " if start is not None else ""
        return c.issue(
            c.line,
            c.col,
            f"the text that {first}continues on line {c.line + 1} contains ': ' - put the "
            "whole text in double quotes",
        )
    return None


def _levels(c: _Ctx, n: int) -> list[tuple[int, str, _Line]]:
    """The columns that lines above line ``n`` open: (column, 'key' or 'item', line),
    nearest first."""
    out: list[tuple[int, str, _Line]] = []
    least = 10**9
    for k in range(n - 1, -1, -1):
        line = c.lexed[k]
        if line.kind != "item" or line.first >= least:
            continue
        least = line.first
        if line.key_col is not None:
            out.append((line.key_col, "key", line))
        out.extend((d, "item", line) for d in reversed(line.dashes))
        if least == 0:
            break
    return out


def _spaces(line: _Line, col: int) -> str:
    many = f"{col} space" + ("" if col == 1 else "s")
    if line.indent == col:
        return f"line {line.number} has {many}"
    return f"the key on line {line.number} has {col} characters before it"


_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def _is_language(key: str | None) -> bool:
    return key is not None and key != "id" and _LANGUAGE.fullmatch(key) is not None


def _section(c: _Ctx, n: int, col: int) -> list[_Line]:
    """The lines above line ``n`` whose key (or '- ') stands at ``col``, up to the line that
    opens their section."""
    out: list[_Line] = []
    for k in range(n - 1, -1, -1):
        line = c.lexed[k]
        if line.kind != "item":
            continue
        if line.first < col and col not in line.dashes and line.key_col != col:
            break
        if col in line.dashes or line.key_col == col:
            out.append(line)
    return out


def _structure(c: _Ctx) -> Issue | None:
    """Indentation that does not line up, and a '- ' where a key belongs."""
    bad = c.at(c.line)
    if bad.kind != "item":
        return None
    if "mapping values" in c.said and c.col == bad.colon:
        col = bad.first  # the parser noticed at the ':' of a key indented too far
    elif c.col in (bad.first, bad.key_col, *bad.dashes):
        col = c.col
    else:
        return None
    is_item = col in bad.dashes
    levels = _levels(c, c.line)
    same = [lv for lv in levels if lv[0] == col]
    if is_item and any(kind == "key" for _, kind, _ in same):
        return c.issue(
            c.line,
            col,
            f"line {c.line + 1} starts a list item ('- ') where a key was expected: remove "
            "the '- ' or indent it under a list",
        )
    if not is_item and same and all(kind == "item" for _, kind, _ in same):
        item = same[0][2]
        return c.issue(
            c.line,
            col,
            f"line {c.line + 1} is indented like the list items ('- ') of line {item.number}, "
            "but does not start with '- ': indent it as far as the keys of that item, or "
            "start it with '- '",
        )
    if same:
        return None
    kind = "item" if is_item else "key"
    choices = [lv for lv in levels if lv[1] == kind] or levels
    if not choices:
        return None
    language = _is_language(bad.key)

    def fit(i: int) -> tuple[int, int, int]:
        # nearest column first; on a tie, the section whose keys are like this one (a
        # language code among language codes), then the nearest line
        level = choices[i][0]
        keys = [x.key for x in _section(c, c.line, level) if x.key is not None]
        alike = not keys or any(_is_language(k) == language for k in keys)
        return abs(level - col), 0 if alike else 1, i

    target, ref = choices[min(range(len(choices)), key=fit)][::2]
    bad_line, good_col, bad_col = bad, target, col
    above = c.above(c.line)
    if target < col and above is not None and above.number == ref.number:
        # this line lines up with the one before the line above: that line is the odd one
        before = c.above(above.number - 1)
        if before is not None and before.first == col and before.value_col is not None:
            bad_line, ref, good_col, bad_col = above, before, col, above.first
            above = before
    where = (
        f"the line above it (line {ref.number})"
        if above is not None and above.number == ref.number
        else f"line {ref.number} above it"
    )
    what = "items of one list" if is_item else "keys of one section"
    return c.issue(
        bad_line.number - 1,
        bad_col,
        f"line {bad_line.number} is indented {'more' if bad_col > good_col else 'less'} than "
        f"{where}: {what} must line up ({_spaces(ref, good_col)}, line {bad_line.number} has "
        f"{bad_col})",
    )


_FALLBACK = {
    "mapping values": "a text containing ': ' must be put in double quotes, or a line is indented wrongly",
    "could not find expected ':'": "each line of a section needs 'key: value'; check the line above",
    "expected key": "a line is indented wrongly, or a text containing ': ' needs double quotes",
    "block end": "a line is indented wrongly, or a text containing ': ' needs double quotes",
    "'-' indicator": "a line is indented wrongly: list items start with '- '",
    "end of stream": "the file ends before a quote or a bracket is closed",
}


def _fallback(c: _Ctx) -> Issue:
    plain = next((h for p, h in _FALLBACK.items() if p in c.said), None)
    if plain is None:
        problem = str(c.err.problem or "")
        plain = problem if problem and not _JARGON.search(problem) else "this line cannot be read"
    return c.issue(
        c.line,
        c.col,
        f"the file is not valid YAML at line {c.line + 1}: {plain}; compare this line with the "
        "lines around it",
    )
