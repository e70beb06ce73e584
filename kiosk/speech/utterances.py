"""Every text audio mode can say, on every screen, in every language - as it says it.

For each language a visitor can choose, each visitor text of the content (page labels,
titles and bodies, picture captions and credits, the attract screen, the map's layers,
legend names and hotspots, the credits, the kiosk's own words) is taken as the screen
shows it: the translation, or the fallback text and *its* language when a translation is
missing; Markdown as its plain words, one paragraph a line
(:func:`kiosk.content.markup.plain`), which is what the screens pass to ``Speech.say``.
The kiosk's words with a ``{placeholder}`` are filled in when said and are left out, and
the language buttons' names are added (in their own language).

``kiosk voice`` renders these into the speech cache so that no visitor waits for
synthesis.  No Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.content.recordings import is_markdown, place_name, spoken


@dataclass(frozen=True)
class Utterance:
    place: str  # where the text is in content.yaml: pages.terms.body (a recording's 'of')
    language: str  # the visitor's language (the screen's)
    text_language: str  # the language the text is written in: its voice
    text: str  # what Speech.say is given
    recordable: bool = True  # a text content.yaml's recordings can name


def _shown(value: Any, code: str, default: str) -> tuple[str, str] | None:
    """(language, text) a visitor who chose ``code`` sees, or None."""
    if isinstance(value, str):
        return code, value
    if isinstance(value, dict):
        for language in (code, default, *value):
            text = value.get(language)
            if isinstance(text, str) and text.strip():
                return language, text
    return None


def utterances(data: Mapping[str, Any]) -> list[Utterance]:
    """What audio mode says for a valid content file's data (the model, dumped), each text
    once per visitor language."""
    from kiosk.content.model import Content, texts  # (the checker's model: not at start-up)

    settings = data.get("settings") or {}
    languages = [la for la in settings.get("languages") or [] if isinstance(la, dict)]
    codes = [str(la["code"]) for la in languages]
    default = str(settings.get("default_language") or (codes[0] if codes else "en"))
    places = [
        (loc, value)
        for loc, value in texts(Content, dict(data))
        if value is not None and not (loc[0] == "ui" and _template(value))
    ]
    out: dict[tuple[str, str, str], Utterance] = {}  # each text once per visitor language
    for code in codes:
        for loc, value in places:
            shown = _shown(value, code, default)
            if shown is not None:
                language, text = shown
                words = spoken(text, is_markdown(loc))
                u = Utterance(place_name(data, loc), code, language, words)
                out.setdefault((code, language, words), u)
        for la in languages:  # the language buttons, each name in its own language
            name = f"settings.languages.{la['code']}.name"
            u = Utterance(name, code, la["code"], la["name"], recordable=False)
            out.setdefault((code, la["code"], la["name"]), u)
    return [u for u in out.values() if u.text.strip()]


def _template(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else [value]
    return any(isinstance(t, str) and "{" in t for t in items)
