"""Located content problems: every message names file, line, column and the key path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """``("pages", 2, "title")`` -> ``pages[2].title``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# lists whose items a curator knows by their place and id: (key path without indices) -> noun
_ITEM_NOUNS: dict[tuple[str, ...], str] = {
    ("pages",): "page",
    ("pages", "image", "spots"): "spot",
    ("map", "layers"): "map layer",
    ("map", "hotspots"): "map place",
    ("map", "names"): "map name",
    ("settings", "languages"): "language",
    ("recordings",): "recording",
}


def ordinal(n: int) -> str:
    """``1`` -> ``1st``, ``12`` -> ``12th``, ``22`` -> ``22nd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def human_loc(loc: Loc, data: Any) -> str:
    """Where a value is, as a curator finds it in the file: ``("pages", 3, "title", "en")``
    -> ``the 4th page (terms), title (en)``; ``("settings", "idle", "timeout_s")`` ->
    ``settings.idle.timeout_s`` (keys as they are written, a list item by its number and
    id, a language code in brackets)."""
    languages = _languages(data)
    parts: list[str] = []
    keys: list[str] = []  # the path without list indices, to name the list's items
    node = data
    for i, part in enumerate(loc):
        if isinstance(part, int):
            noun = _ITEM_NOUNS.get(tuple(keys), "item")
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            ident = None
            if isinstance(item, dict):
                ident = item.get("id", item.get("code"))
            said = f"the {ordinal(part + 1)} {noun}" + (
                f" ({ident})"
                if isinstance(ident, (str, int)) and not isinstance(ident, bool)
                else ""
            )
            if noun != "item" and parts:  # "the 2nd map place", not "map.hotspots, the 2nd ..."
                chain = parts.pop().rsplit(".", 1)
                kept = chain[0] if len(chain) == 2 else ""
                if kept and not (kept == "map" and noun.startswith("map ")):
                    parts.append(kept)
            parts.append(said)
            node = item
            continue
        key = str(part)
        last = i == len(loc) - 1
        if last and parts and isinstance(node, dict) and key in languages:
            parts[-1] += f" ({key})"
        elif parts and not parts[-1].startswith("the "):
            parts[-1] += f".{key}"  # plain keys nest with dots, as the file nests them
        else:
            parts.append(key)
        keys.append(key)
        node = node.get(part) if isinstance(node, dict) else None
    return ", ".join(parts)


def _languages(data: Any) -> set[str]:
    """The language codes the file offers (and the default ``en``)."""
    settings = data.get("settings") if isinstance(data, dict) else None
    offered = settings.get("languages") if isinstance(settings, dict) else None
    codes = {"en"}
    for lang in offered if isinstance(offered, list) else []:
        if isinstance(lang, dict) and isinstance(lang.get("code"), str):
            codes.add(lang["code"])
    return codes


def named(issues: Iterable[Issue], data: Any) -> list[Issue]:
    """The issues with their key paths said as a curator finds them (:func:`human_loc`)."""
    return [replace(i, where=human_loc(i.loc, data)) if i.loc else i for i in issues]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` - did you mean 'title'?`` or an empty string."""
    import difflib  # only when there is a mistake: keeps the kiosk's start-up lean

    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" - did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in a content file, as a curator reads it."""

    file: str
    line: int  # 1-based
    column: int  # 1-based
    loc: Loc
    message: str
    severity: Literal["error", "warning"] = "error"
    where: str = field(default="", compare=False)  # the key path in words (:func:`named`)
    # what kind of warning: "words" (a text over the word budget: kiosk proof fails on it),
    # "title" (a title that looks too long: kiosk proof measures it itself), or ""
    kind: str = field(default="", compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}:"
        kind = "" if self.severity == "error" else " warning:"
        path = f" {self.where or format_loc(self.loc)}:" if self.loc else ""
        return f"{where}{kind}{path} {self.message}"


MAX_ISSUES = 50  # a curator reads the first ones and fixes them; a million lines helps nobody


def _order(issue: Issue) -> tuple[str, int, int, str, str]:
    return issue.file, issue.line, issue.column, format_loc(issue.loc), issue.message


def sorted_issues(issues: Iterable[Issue], limit: int = MAX_ISSUES) -> list[Issue]:
    """The issues in file order; past ``limit``, one last line says how many more there are."""
    issues = sorted(issues, key=_order)  # (never compares key paths of mixed types)
    if len(issues) <= limit:
        return issues
    rest, first = len(issues) - limit, issues[limit]
    kind = "problems" if any(i.severity == "error" for i in issues[limit:]) else "warnings"
    return issues[:limit] + [
        Issue(
            first.file,
            first.line,
            first.column,
            (),
            f"... and {rest:,} more {kind} from here on, not listed; fix the ones above and check again",
            "error" if kind == "problems" else "warning",
        )
    ]


class ContentError(Exception):
    """Raised when a content file cannot be used; carries every issue found (in file order,
    at most :data:`MAX_ISSUES` and a line saying how many more; ``total`` and
    ``error_count`` count them all)."""

    def __init__(self, issues: Sequence[Issue]):
        issues = list(issues)
        self.total = len(issues)
        self.error_count = sum(i.severity == "error" for i in issues)
        self.issues = sorted_issues(issues)
        super().__init__("\n".join(str(i) for i in self.issues))
