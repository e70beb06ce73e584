"""Safe YAML reading that remembers where every value came from.

PyYAML composes a node tree (each node knows its line and column); we then build plain
Python values ourselves, recording positions by key path, reporting duplicate keys with
both lines, and refusing oversized files, alias bombs and absurd nesting before they cost
time or memory.  Like Home Assistant's loader, every value remembers its line - here in a
side table (:class:`Positions`) so the values themselves stay plain ``str``/``int``/...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .issues import ContentError, Issue, Loc

MAX_BYTES = 5 * 1024 * 1024  # a content file is text: 5 MB is far more than an exhibit needs
MAX_ALIASES = 50  # YAML aliases (*name) a file may use
MAX_VALUES = 100_000  # values after aliases are expanded (an "alias bomb" expands to billions)
MAX_DEPTH = 40  # nesting depth

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stands, by key path."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

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


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer counts aliases and nesting depth."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.alias_count = 0
        self.depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _Abort(
                    self.peek_event().start_mark,
                    f"the file uses more than {MAX_ALIASES} YAML aliases (*name); "
                    "write the text out in full instead",
                )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Abort(
                self.peek_event().start_mark,
                f"values are nested more than {MAX_DEPTH} levels deep; check the indentation",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_YAML_HINTS = {
    "found character '\\t' that cannot start any token": "use spaces, not tabs, to indent",
    "mapping values are not allowed here": (
        "a text containing ': ' must be put in quotes, or a line is indented wrongly"
    ),
    "could not find expected ':'": "each line of a section needs 'key: value'; check the line above",
    "found undefined alias": "'*' starts a YAML alias; put text that starts with '*' in quotes",
    "expected a single document in the stream": "remove the '---' line: the file holds one document",
}


def _yaml_error_issue(file: str, err: yaml.MarkedYAMLError) -> Issue:
    mark = err.problem_mark or err.context_mark
    said = [t for t in (err.context, err.problem) if t]
    problem = ", ".join(said) or "invalid YAML"
    hint = next((h for p, h in _YAML_HINTS.items() for t in said if t.startswith(p)), None)
    msg = f"YAML syntax error: {problem}" + (f" ({hint})" if hint else "")
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Issue(file, line, col, (), msg)


def _decode(file: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise ContentError(
            [
                Issue(
                    file, line, col, (),
                    f"the file is not UTF-8 text (byte 0x{raw[e.start]:02X}); "
                    "save it as UTF-8 in your text editor",
                )
            ]
        ) from None


def read_yaml(path: Path, display_name: str | None = None) -> tuple[Any, Positions, list[Issue]]:
    """Read one YAML document into plain values.

    Returns ``(data, positions, issues)``; ``issues`` are problems that do not stop
    reading (duplicate keys).  Raises :class:`ContentError` when nothing usable can be read.
    """
    file = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentError(
                [Issue(file, 1, 1, (),
                       f"the file is {size / 1e6:.1f} MB; a content file may be at most "
                       f"{MAX_BYTES // (1024 * 1024)} MB - is this the right file?")]
            )
        raw = path.read_bytes()
    except OSError as e:
        raise ContentError([Issue(file, 1, 1, (), f"cannot read the file: {e.strerror or e}")]) from None
    text = _decode(file, raw)
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        raise ContentError(
            [Issue(file, 1, 1, (), "the file is empty; start from the content.yaml shipped with the kiosk")]
        )

    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        builder = _Builder(file, loader)
        data = builder.build(root, ())
    except _Abort as a:
        raise ContentError([Issue(file, a.mark.line + 1, a.mark.column + 1, (), a.message)]) from None
    except yaml.MarkedYAMLError as e:
        raise ContentError([_yaml_error_issue(file, e)]) from None
    except yaml.YAMLError as e:  # unmarked (reader errors such as control characters)
        raise ContentError([Issue(file, 1, 1, (), f"YAML error: {e}")]) from None
    finally:
        loader.dispose()
    return data, builder.positions, builder.issues


class _Builder:
    """Turns composed nodes into plain values, recording positions."""

    def __init__(self, file: str, loader: _Loader):
        self.file = file
        self.loader = loader
        self.positions = Positions()
        self.issues: list[Issue] = []
        self.count = 0

    def build(self, node: Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Abort(
                node,
                f"the file expands to more than {MAX_VALUES:,} values (YAML aliases?); "
                "write the content out plainly",
            )
        self.positions.values.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _STANDARD_TAGS:
            raise _Abort(node, f"YAML tags such as '{node.tag}' are not allowed in a content file")
        if isinstance(node, ScalarNode):
            return self.loader.construct_object(node)
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
                raise _Abort(key_node, f"YAML tags such as '{key_node.tag}' are not allowed in a content file")
            key = self.loader.construct_object(key_node)
            try:
                hash(key)
            except TypeError:
                raise _Abort(key_node, "this key cannot be used") from None
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in first_seen:
                first_line = first_seen[key].start_mark.line + 1
                self.issues.append(
                    Issue(self.file, *key_pos, loc + (key,),
                          f"duplicate key '{key}' (first at line {first_line}); keep only one of them")
                )
                continue
            first_seen[key] = key_node
            self.positions.keys[loc + (key,)] = key_pos
            out[key] = self.build(value_node, loc + (key,))
        return out
