"""The JSON Schema of content.yaml, for curators' editors (VS Code and others with the YAML
language server): completion, descriptions on hover, and mistakes flagged while typing.

``kiosk schema --out content.schema.json`` writes it for the languages the content file
offers, so an editor flags ``rus:`` where ``ru:`` is meant; a test keeps the committed file
equal to what the model and the shipped content.yaml generate. What a schema cannot see
(an id used twice, a missing picture, a map place off the map) only ``kiosk check`` finds:
it is the final word.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .model import _TEXT_SCHEMA, Content

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def content_schema(languages: Sequence[str] | None = None) -> dict[str, Any]:
    """The schema; with ``languages``, a text's language lines must be one of them."""
    schema = Content.model_json_schema()
    text = {k: v for k, v in _TEXT_SCHEMA.items()}

    def shared(node: Any) -> Any:
        """Every visitor text refers to one definition, ``Text``, instead of a copy."""
        if isinstance(node, dict):
            rest = {k: v for k, v in node.items() if k != "anyOf"}
            if node.get("anyOf") == text["anyOf"]:
                return {"$ref": "#/$defs/Text", **rest}
            if node.get("anyOf") == text["anyOf"] + [{"type": "null"}]:  # optional texts
                return {"anyOf": [{"$ref": "#/$defs/Text"}, {"type": "null"}], **rest}
            return {k: shared(v) for k, v in node.items()}
        if isinstance(node, list):
            return [shared(v) for v in node]
        return node

    schema = shared(schema)
    if languages:
        codes = list(dict.fromkeys(languages))
        per_language = dict(text["anyOf"][1])
        per_language["propertyNames"] = {"enum": codes}
        per_language["description"] = (
            f"One text per language: {', '.join(codes)} (the codes in settings.languages; "
            "to add a language, add it there first and run kiosk schema again)."
        )
        text = {"anyOf": [text["anyOf"][0], per_language]}
    schema["$defs"]["Text"] = {
        "title": "Text",
        "description": "A text visitors read: one line per language (en: ..., ru: ..., zh-Hans: ...), "
        "or a single text shown the same in every language.",
        **text,
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Museum kiosk content (content.yaml)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text(languages: Sequence[str] | None = None) -> str:
    """The schema as the committed file holds it."""
    return (
        json.dumps(content_schema(languages), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )


def languages_of(path: Path) -> list[str] | None:
    """The language codes a content file offers (``settings.languages``), read leniently:
    ``None`` when the file cannot be read or names none (the schema then allows any code)."""
    from .issues import ContentError
    from .yamlload import read_yaml

    try:
        data, _, _ = read_yaml(path)
    except ContentError:
        return None
    settings = data.get("settings") if isinstance(data, dict) else None
    offered = settings.get("languages") if isinstance(settings, dict) else None
    codes = [
        lang["code"]
        for lang in (offered if isinstance(offered, list) else [])
        if isinstance(lang, dict) and isinstance(lang.get("code"), str)
    ]
    return codes or None
