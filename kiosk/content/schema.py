"""The JSON Schema of content.yaml, for curators' editors (VS Code and others with the YAML
language server): completion, descriptions on hover, and mistakes flagged while typing.

``kiosk schema --out content.schema.json`` writes it; a test keeps the committed file equal
to what the model generates.
"""

from __future__ import annotations

import json
from typing import Any

from .model import _TEXT_SCHEMA, Content

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def content_schema() -> dict[str, Any]:
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


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(content_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
