"""Safe YAML reading that remembers where every value came from.

PyYAML composes a node tree (each node knows its line and column); we then build plain
Python values ourselves, recording positions by key path, reporting duplicate keys with
both lines.  Limits come before work: the file is read through :mod:`safeio` (a regular
file, at most 5 MB), characters YAML does not allow are located before parsing, and the
composer counts values, entries per section or list, aliases and nesting depth *while*
it composes, so a huge or hostile file is refused after a bounded part of it.  Like Home
Assistant's loader, every value remembers its line - here in a side table
(:class:`Positions`) so the values themselves stay plain ``str``/``int``/...
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from . import safeio
from .issues import ContentError, Issue, Loc

MAX_BYTES = (
    safeio.MAX_CONTENT_BYTES
)  # a content file is text: 5 MB is far more than an exhibit needs
MAX_ALIASES = 50  # YAML aliases (*name) a file may use
MAX_VALUES = 50_000  # values, counted while reading and again after aliases are expanded
MAX_ITEMS = 1_000  # keys in one section, or items in one list
MAX_DEPTH = 40  # nesting depth
MAX_ISSUES_HERE = 20  # characters YAML does not allow, listed one by one (then how many more)

# what YAML allows in a file: tab, line breaks, printable characters (libyaml also refuses
# U+FEFF inside the text; a byte order mark at the very start is removed when decoding)
_NOT_ALLOWED = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_CHAR_NAMES = {
    0: "NUL",
    7: "BEL",
    8: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x1B: "escape",
    0x7F: "delete",
    0xFEFF: "zero-width no-break space",
}

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stands, by key path."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    unreadable: set[Loc] = field(
        default_factory=set
    )  # values YAML could not read (reported already)

    def of(self, loc: Loc) -> tuple[int, int]:
        """Position of the value at ``loc``, or of its nearest enclosing value."""
        loc = tuple(loc)
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))

    def of_key(self, loc: Loc) -> tuple[int, int]:
        """Position of the key that names ``loc`` (falls back to the value's)."""
        return self.keys.get(tuple(loc)) or self.of(loc)


class _Abort(Exception):
    def __init__(self, node_or_mark: Any, message: str):
        self.mark = getattr(node_or_mark, "start_mark", node_or_mark)
        self.message = message


class _CountingComposer(Composer):
    """PyYAML's composer, counting while it composes: values, aliases, nesting depth and
    the entries of each section and list - so an oversized file is refused after reading
    a bounded part of it, not after building all of it."""

    def __init__(self) -> None:
        super().__init__()
        self.node_count = 0
        self.alias_count = 0
        self.depth = 0

    if TYPE_CHECKING:
        # what the parser and the resolver it is mixed with give (see _PyLoader, _CLoader);
        # events are Any, as the stubs of PyYAML's parser say (libyaml's says Event | None)
        def peek_event(self) -> Any: ...
        def get_event(self) -> Any: ...
        def check_event(self, *choices: type[Event]) -> bool: ...
        def resolve(self, kind: type[Node], value: str | None, implicit: Any) -> str: ...
        def dispose(self) -> None: ...

    def compose_node(self, parent: Node | None, index: int | Node | None) -> Node:
        # (index: the item's number in a list; in a section, the key's node for a value and
        # None for a key)
        # PyYAML's compose_node (MIT licence), with the counts; no path resolvers to descend
        event = self.peek_event()
        if index is not None or not isinstance(parent, MappingNode):  # a value, not a key
            self.node_count += 1
            if self.node_count > MAX_VALUES:
                raise _Abort(
                    event.start_mark,
                    f"the file has more than {MAX_VALUES:,} values; an exhibit needs far fewer - "
                    "is this the right file?",
                )
        if isinstance(event, AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _Abort(
                    event.start_mark,
                    f"the file uses more than {MAX_ALIASES} YAML aliases (*name); "
                    "write the text out in full instead",
                )
            self.get_event()
            if event.anchor not in self.anchors:
                raise ComposerError(
                    None,
                    None,
                    f"found undefined alias {event.anchor!r}",
                    event.start_mark,  # type: ignore[arg-type]  # (libyaml's Mark: see below)
                )
            return self.anchors[event.anchor]
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor].start_mark,
                "second occurrence",
                event.start_mark,
            )
        if isinstance(event, ScalarEvent):
            self.get_event()
            tag = event.tag
            if tag is None or tag == "!":
                tag = self.resolve(ScalarNode, event.value, event.implicit)
            node = ScalarNode(
                tag,
                event.value,
                # the stubs' nodes and errors take PyYAML's Mark only; libyaml's has its fields
                event.start_mark,  # type: ignore[arg-type]
                event.end_mark,  # type: ignore[arg-type]
                style=event.style,
            )
            if anchor is not None:
                self.anchors[anchor] = node
            return node
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Abort(
                event.start_mark,
                f"values are nested more than {MAX_DEPTH} levels deep; check the indentation",
            )
        try:
            if isinstance(event, SequenceStartEvent):
                return self.compose_sequence_node(anchor)
            return self.compose_mapping_node(anchor)
        finally:
            self.depth -= 1

    def _too_many(self, node: Node, what: str) -> None:
        raise _Abort(
            self.peek_event().start_mark,
            f"this {what} has more than {MAX_ITEMS:,} entries (it starts at line "
            f"{node.start_mark.line + 1}); an exhibit needs far fewer - is this the right file?",
        )

    # (the stubs say the anchor is a dict: PyYAML gives its name)
    def compose_sequence_node(self, anchor: str | None) -> SequenceNode:  # type: ignore[override]
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(SequenceNode, None, start.implicit)
        node = SequenceNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        while not self.check_event(SequenceEndEvent):
            if len(node.value) >= MAX_ITEMS:
                self._too_many(node, "list")
            node.value.append(self.compose_node(node, len(node.value)))
        node.end_mark = self.get_event().end_mark
        return node

    def compose_mapping_node(self, anchor: str | None) -> MappingNode:  # type: ignore[override]
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(MappingNode, None, start.implicit)
        node = MappingNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        while not self.check_event(MappingEndEvent):
            if len(node.value) >= MAX_ITEMS:
                self._too_many(node, "section")
            key = self.compose_node(node, None)
            node.value.append((key, self.compose_node(node, key)))
        node.end_mark = self.get_event().end_mark
        return node


class _PyLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _CountingComposer,
    SafeConstructor,
    Resolver,
):
    """The pure-Python parser (when PyYAML has no libyaml)."""

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _CountingComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


if yaml.__with_libyaml__:  # libyaml's parser (in PyYAML's wheels): ten times faster than Python's
    from yaml._yaml import CParser

    class _CLoader(_CountingComposer, CParser, SafeConstructor, Resolver):
        """libyaml's parser, with the counting composer in Python on top."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _CountingComposer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _Loader: Callable[[str], _CountingComposer] = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PyLoader


def _yaml_error_issue(file: str, err: yaml.MarkedYAMLError, text: str) -> Issue:
    from .yamlsyntax import syntax_issue  # only when the file has a mistake

    return syntax_issue(file, text, err)


def _control_characters(file: str, text: str) -> list[Issue]:
    """Every character YAML does not allow (pasted from a word processor, usually), located."""
    issues: list[Issue] = []
    line, line_start, last = 1, 0, 0
    for m in _NOT_ALLOWED.finditer(text):
        pos = m.start()
        breaks = text.count("\n", last, pos)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", last, pos) + 1
        last = pos
        if len(issues) >= MAX_ISSUES_HERE:
            more = _NOT_ALLOWED.subn("", text)[1] - len(issues)
            issues.append(
                Issue(
                    file,
                    line,
                    pos - line_start + 1,
                    (),
                    f"... and {more:,} more such characters from here on; is this a text file?",
                )
            )
            break
        cp = ord(m.group())
        name = _CHAR_NAMES.get(cp)
        what = f"U+{cp:04X}" + (f", {name}" if name else "")
        kind = "control character" if cp < 0x20 or 0x7F <= cp <= 0x9F else "character"
        issues.append(
            Issue(
                file,
                line,
                pos - line_start + 1,
                (),
                f"remove the invisible {kind} ({what}) here: it was probably pasted from a "
                "word processor, and a content file cannot contain it",
            )
        )
    return issues


def _decode(file: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise ContentError(
            [
                Issue(
                    file,
                    line,
                    col,
                    (),
                    f"the file is not UTF-8 text (byte 0x{raw[e.start]:02X}); "
                    "save it as UTF-8 in your text editor",
                )
            ]
        ) from None


def read_source(path: Path, file: str) -> bytes:
    """The content file's bytes (at most :data:`MAX_BYTES`), or :class:`ContentError`."""
    try:
        raw, _ = safeio.read_file(path, MAX_BYTES)
    except safeio.TooBig as e:
        raise ContentError(
            [
                Issue(
                    file,
                    1,
                    1,
                    (),
                    f"the file is {e.size / 1e6:.1f} MB; a content file may be at most "
                    f"{MAX_BYTES // (1024 * 1024)} MB - is this the right file?",
                )
            ]
        ) from None
    except safeio.NotAFile as e:
        raise ContentError(
            [
                Issue(
                    file,
                    1,
                    1,
                    (),
                    f"this is {e.kind}, not a content file; give the path of content.yaml",
                )
            ]
        ) from None
    except OSError as e:
        raise ContentError(
            [Issue(file, 1, 1, (), f"cannot read the file: {e.strerror or e}")]
        ) from None
    return bytes(raw)


def read_yaml(path: Path, display_name: str | None = None) -> tuple[Any, Positions, list[Issue]]:
    """Read one YAML document into plain values.

    Returns ``(data, positions, issues)``; ``issues`` are problems that do not stop
    reading (duplicate keys, values that cannot be read).  Raises :class:`ContentError`
    when nothing usable can be read.
    """
    file = display_name or str(path)
    return parse_yaml(read_source(path, file), file)


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _empty(file: str) -> ContentError:
    return ContentError(
        [
            Issue(
                file,
                1,
                1,
                (),
                "the file is empty; start from the content.yaml shipped with the kiosk",
            )
        ]
    )


def parse_yaml(raw: bytes, file: str) -> tuple[Any, Positions, list[Issue]]:
    """:func:`read_yaml` for bytes already read."""
    text = _decode(file, raw)
    if not text.strip() or all(
        ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()
    ):
        raise _empty(file)
    if bad := _control_characters(file, text):
        raise ContentError(bad)

    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:  # no document at all (the check above finds the usual ways to say so)
            raise _empty(file)
        builder = _Builder(file, loader)
        data = builder.build(root, ())
    except _Abort as a:
        raise ContentError(
            [Issue(file, a.mark.line + 1, a.mark.column + 1, (), a.message)]
        ) from None
    except yaml.MarkedYAMLError as e:
        raise ContentError([_yaml_error_issue(file, e, text)]) from None
    except yaml.YAMLError as e:  # unmarked: should not happen after the character check
        raise ContentError([Issue(file, 1, 1, (), f"YAML error: {e}")]) from None
    except RecursionError:
        raise ContentError(
            [
                Issue(
                    file,
                    1,
                    1,
                    (),
                    f"values are nested too deeply (more than {MAX_DEPTH} "
                    "levels); check the indentation",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    return data, builder.positions, builder.issues


_STR = "tag:yaml.org,2002:str"
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


class _Builder:
    """Turns composed nodes into plain values, recording positions."""

    def __init__(self, file: str, loader: Any):
        self.file = file
        self.loader = loader
        self.positions = Positions()
        self.issues: list[Issue] = []
        self.count = 0
        self.depth = 0

    def build(self, node: Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Abort(
                node,
                f"the file expands to more than {MAX_VALUES:,} values (YAML aliases?); "
                "write the content out plainly",
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:  # an alias used inside its own value nests for ever
                raise _Abort(
                    node,
                    f"values are nested more than {MAX_DEPTH} levels deep (is a YAML alias "
                    "used inside itself?); write the content out plainly",
                )
            return self._build(node, loc)
        finally:
            self.depth -= 1

    def _scalar(self, node: ScalarNode, loc: Loc) -> Any:
        if node.tag == _STR:
            return node.value
        try:
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        except Exception as e:  # a number too long for Python, a date that is not one ...
            value = str(node.value)
            shown = value if len(value) <= 40 else value[:20] + f"... ({len(value):,} characters)"
            if node.tag in _NUMBER_TAGS:
                msg = (
                    f"'{shown}' is too long to be read as a number; write an ordinary number, "
                    "or put text in quotes"
                )
            elif node.tag.endswith(":timestamp"):
                msg = f"'{shown}' looks like a date but is not one ({e}); put it in quotes"
            else:
                msg = f"'{shown}' cannot be read ({e}); put it in quotes"
            where = (node.start_mark.line + 1, node.start_mark.column + 1)
            self.issues.append(Issue(self.file, *where, loc, msg))
            self.positions.unreadable.add(loc)
            return value

    def _build(self, node: Node, loc: Loc) -> Any:
        self.positions.values.setdefault(
            loc, (node.start_mark.line + 1, node.start_mark.column + 1)
        )
        if node.tag not in _STANDARD_TAGS:
            raise _Abort(node, f"YAML tags such as '{node.tag}' are not allowed in a content file")
        if isinstance(node, ScalarNode):
            return self._scalar(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        out: dict[Any, Any] = {}
        first_seen: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Abort(key_node, "a key must be a plain word, not a list or section")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Abort(key_node, "YAML merge keys ('<<') are not allowed in a content file")
            if key_node.tag not in _STANDARD_TAGS:
                raise _Abort(
                    key_node,
                    f"YAML tags such as '{key_node.tag}' are not allowed in a content file",
                )
            key = self._scalar(key_node, loc + (str(key_node.value),))
            try:
                hash(key)
            except TypeError:
                raise _Abort(key_node, "this key cannot be used") from None
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in first_seen:
                first_line = first_seen[key].start_mark.line + 1
                self.issues.append(
                    Issue(
                        self.file,
                        *key_pos,
                        loc + (key,),
                        f"duplicate key '{key}' (first at line {first_line}); keep only one of them",
                    )
                )
                continue
            first_seen[key] = key_node
            self.positions.keys[loc + (key,)] = key_pos
            out[key] = self.build(value_node, loc + (key,))
        return out
