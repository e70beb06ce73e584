"""The JSON Schema that curators' editors use stays what the model says."""

from __future__ import annotations

import json

import jsonschema
import yaml

from kiosk import cli
from kiosk.content.schema import content_schema, languages_of, schema_text


def test_the_committed_schema_is_the_generated_one(shipped_content):
    committed = shipped_content.parent / "content.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(languages_of(shipped_content)), (
        "content.schema.json is out of date: run  kiosk schema --out content.schema.json"
    )


def _flagged(schema: dict, data: dict) -> list[str]:
    """What an editor's schema validator (as VS Code's YAML extension runs) flags."""
    validator = jsonschema.Draft202012Validator(schema)
    return sorted("/".join(map(str, e.absolute_path)) for e in validator.iter_errors(data))


def test_the_schema_flags_a_language_the_file_does_not_offer(shipped_content):
    schema = content_schema(languages_of(shipped_content))
    data = yaml.safe_load(shipped_content.read_text(encoding="utf-8"))
    assert _flagged(schema, data) == []  # the shipped file is clean in an editor
    data["pages"][2]["title"]["rus"] = data["pages"][2]["title"].pop("ru")
    data["attract"]["title"]["de"] = "Der Vertrag von Aigun"
    assert _flagged(schema, data) == ["attract/title", "pages/2/title"]
    # without the file's languages any well-formed code would do: the editor would say nothing
    assert _flagged(content_schema(), data) == []


def test_kiosk_schema_reads_the_languages_of_the_content_file(write_content, minimal, capsys):
    path = write_content(
        "settings:\n  languages:\n    - {code: en, name: English}\n    - {code: de, name: Deutsch}\n"
        + minimal
    )
    out = path.parent / "content.schema.json"
    assert cli.main(["schema", "--content", str(path), "--out", str(out)]) == cli.EXIT_OK
    assert capsys.readouterr().out == f"wrote {out} (texts in languages en, de from {path})\n"
    text = json.loads(out.read_text(encoding="utf-8"))["$defs"]["Text"]
    assert text["anyOf"][1]["propertyNames"] == {"enum": ["en", "de"]}


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
    missing = tmp_path / "none.yaml"
    assert cli.main(["schema", "--content", str(missing), "--out", str(out)]) == cli.EXIT_OK
    assert json.loads(out.read_text(encoding="utf-8")) == content_schema()
