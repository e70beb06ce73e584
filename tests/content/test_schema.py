"""The JSON Schema that curators' editors use stays what the model says."""

from __future__ import annotations

import json

from kiosk import cli
from kiosk.content.schema import content_schema, schema_text


def test_the_committed_schema_is_the_generated_one(shipped_content):
    committed = shipped_content.parent / "content.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(), (
        "content.schema.json is out of date: run  kiosk schema --out content.schema.json"
    )


def test_content_yaml_points_editors_at_the_schema(shipped_content):
    first = shipped_content.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=content.schema.json"


def test_the_schema_helps_a_curator():
    schema = content_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False  # a misspelt section is flagged while typing
    page = schema["$defs"]["Page"]
    assert page["properties"]["title"]["$ref"] == "#/$defs/Text"
    assert "navigation bar" in page["properties"]["label"]["description"]
    text = schema["$defs"]["Text"]
    assert {"type": "string", "minLength": 1}.items() <= text["anyOf"][0].items()
    assert text["anyOf"][1]["type"] == "object"  # one line per language
    idle = schema["$defs"]["Idle"]["properties"]["timeout_s"]
    assert idle["default"] == 90 and "warning" in idle["description"]


def test_kiosk_schema_writes_the_file(tmp_path, capsys):
    out = tmp_path / "schema.json"
    assert cli.main(["schema", "--out", str(out)]) == cli.EXIT_OK
    assert json.loads(out.read_text(encoding="utf-8")) == content_schema()
