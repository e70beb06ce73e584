"""Located content problems: every message names file, line, column and the key path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

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

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}:"
        kind = "" if self.severity == "error" else " warning:"
        path = f" {format_loc(self.loc)}:" if self.loc else ""
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
