"""Texts in several languages: picking one, with the fallback visitors see.

A text is a string (the same in every language) or ``{language code: text}``.  This
module must not import pydantic: the kiosk's fast start-up path uses it.
"""

from __future__ import annotations

from typing import Any


def pick(value: Any, code: str, default: str) -> str:
    """The text in ``code``; else in the default language; else the first one given.
    Always text: ``value`` may be a file's raw data (the checks count its words)."""
    if isinstance(value, dict):
        for text in (value.get(code), value.get(default), *value.values()):
            if text and isinstance(text, str):
                return text
        return ""
    return value if isinstance(value, str) else ""


def resolve(value: Any, codes: list[str], default: str) -> dict[str, str]:
    """``{code: text}`` for every offered language, missing ones filled by :func:`pick`."""
    return {code: pick(value, code, default) for code in codes}
