"""The snapshot's TypedDicts (kiosk/content/types.py) are what the kiosk really makes: every
value of a real snapshot is walked against them, and their keys against the content model,
so that neither can change without the other."""

from __future__ import annotations

import json
import shutil
import types
import typing
import wave
from pathlib import Path
from typing import Any, Literal, NotRequired, Union, get_args, get_origin, get_type_hints

import pytest
from pydantic import BaseModel

from kiosk.content import SnapshotCache, open_content
from kiosk.content import types as shapes
from kiosk.content.model import Content
from kiosk.content.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent.parent
STYLE = {"stroke": "#8b1a1a", "fill": "#c0392b40", "hatch": None, "dash": True}


class Walk:
    """Checks values against a type, and remembers the keys of the TypedDicts it saw, so
    that a test can ask that every key was seen (with a value that has its type)."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.seen: set[tuple[str, str]] = set()  # (TypedDict, key)

    def __call__(self, value: Any, tp: Any, where: str) -> None:
        self.problems += self.check(value, tp, where)

    def check(self, value: Any, tp: Any, where: str) -> list[str]:
        origin, args = get_origin(tp), get_args(tp)
        if typing.is_typeddict(tp):
            return self.typeddict(value, tp, where)
        if origin in (Union, types.UnionType):
            tried = [self.check(value, arg, where) for arg in args]
            if all(tried):
                return [f"{where}: {_shown(value)} is none of {tp}"]
            return []
        if origin is list:
            if not isinstance(value, list):
                return [f"{where}: {_shown(value)} is not a list"]
            return [
                p
                for n, item in enumerate(value)
                for p in self.check(item, args[0], f"{where}[{n}]")
            ]
        if origin is dict:
            if not isinstance(value, dict):
                return [f"{where}: {_shown(value)} is not a dict"]
            return [
                p
                for key, item in value.items()
                for p in self.check(key, args[0], f"{where} key")
                + self.check(item, args[1], f"{where}[{key!r}]")
            ]
        if origin is Literal:
            return [] if value in args else [f"{where}: {_shown(value)} is not one of {args}"]
        if tp is Any:
            return []
        if tp is type(None):
            return [] if value is None else [f"{where}: {_shown(value)} is not None"]
        if tp is float:  # (an int is a float to a type checker, as in JSON)
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            return [] if ok else [f"{where}: {_shown(value)} is not a number"]
        if tp in (int, str, bool):
            ok = isinstance(value, tp) and (tp is bool or not isinstance(value, bool))
            return [] if ok else [f"{where}: {_shown(value)} is not {tp.__name__}"]
        raise AssertionError(f"{where}: the walk does not know the type {tp!r}")

    def typeddict(self, value: Any, tp: Any, where: str) -> list[str]:
        if not isinstance(value, dict):
            return [f"{where}: {_shown(value)} is not a section ({tp.__name__})"]
        hints = get_type_hints(tp)
        problems = [f"{where}: no '{k}' ({tp.__name__})" for k in tp.__required_keys__ - set(value)]
        problems += [f"{where}: '{k}' is not in {tp.__name__}" for k in set(value) - set(hints)]
        for key, item in value.items():
            if key in hints:
                self.seen.add((tp.__name__, key))
                problems += self.check(item, hints[key], f"{where}.{key}")
        return problems

    def snapshot(self, snapshot: Snapshot) -> None:
        self(snapshot.data, shapes.ContentData, "data")
        self(snapshot.images, dict[str, shapes.ImageEntry], "images")
        self(snapshot.map, shapes.MapData | None, "map")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _all_keys() -> set[tuple[str, str]]:
    """(TypedDict, key) for every key of every TypedDict in kiosk/content/types.py."""
    return {
        (name, key)
        for name, tp in vars(shapes).items()
        if typing.is_typeddict(tp)
        for key in get_type_hints(tp)
    }


def test_the_required_keys_are_known_at_run_time():
    # (types.py must not use "from __future__ import annotations": NotRequired would be lost)
    assert shapes.Feature.__optional_keys__ == {"closed", "paths", "point", "style"}
    assert shapes.ContentData.__optional_keys__ == frozenset()


@pytest.fixture
def styled_exhibit(tmp_path) -> Path:
    """The shipped exhibit, its layers file with a style on every border and area."""
    folder = tmp_path / "styled"
    (folder / "assets" / "map").mkdir(parents=True)
    for f in ("amur-region.png", "map.json"):
        (folder / "assets" / "map" / f).symlink_to(ROOT / "assets" / "map" / f)
    (folder / "assets" / "pictures").symlink_to(ROOT / "assets" / "pictures")
    layers = json.loads((ROOT / "assets" / "map" / "layers.geojson").read_text(encoding="utf-8"))
    for feature in layers["features"]:
        if feature["geometry"]["type"] != "Point":
            feature["properties"]["style"] = STYLE
    (folder / "assets" / "map" / "layers.geojson").write_text(json.dumps(layers))
    shutil.copy(ROOT / "content.yaml", folder / "content.yaml")
    return folder / "content.yaml"


def test_every_value_of_real_snapshots_has_its_declared_type(
    shipped_content, shipped_variant, styled_exhibit, tmp_path
):
    walk = Walk()
    cache = SnapshotCache(tmp_path / "cache")
    shipped, _ = open_content(shipped_content, cache)
    cached, _ = open_content(shipped_content, cache)  # read back from the cache's JSON
    assert cached == shipped
    walk.snapshot(cached)
    # the values the shipped exhibit leaves out: opening hours, a button size, a recording
    variant = shipped_variant(
        ("  reduced_motion: false\n", "  reduced_motion: false\n  schedule: {mon: 09:30-18:00}\n"),
        ("    diagonal_in: 32\n", "    diagonal_in: 32\n    button_mm: 20\n"),
        (
            "\nsettings:\n",
            "\nrecordings:\n  - {of: attract.title, language: en, file: t.wav}\nsettings:\n",
        ),
    )
    with wave.open(str(variant.parent / "t.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\1" * 800)
    snap, _ = open_content(variant, None)
    assert snap.data["settings"]["schedule"] == {
        "mon": "09:30-18:00",
        **{day: None for day in ("tue", "wed", "thu", "fri", "sat", "sun")},
    }
    walk.snapshot(snap)
    styled, _ = open_content(styled_exhibit, None)
    assert styled.map is not None and styled.map["features"]["ceded-1858"]["style"] == STYLE
    walk.snapshot(styled)
    assert walk.problems == []
    assert _all_keys() - walk.seen == set()  # every key of every TypedDict was seen


def _typeddict_in(tp: Any) -> Any:
    """The TypedDict in ``X | None``, ``list[X]``, ``dict[str, X]``, or None."""
    if typing.is_typeddict(tp):
        return tp
    for arg in get_args(tp):
        if (found := _typeddict_in(arg)) is not None:
            return found
    return None


def _model_in(tp: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in get_args(tp):
        if (found := _model_in(arg)) is not None:
            return found
    return None


def _pairs(model: type[BaseModel], td: Any, where: str = "data") -> list[str]:
    hints = get_type_hints(td, include_extras=True)
    problems = [
        f"{where}.{k}: in the model, not in {td.__name__}"
        for k in set(model.model_fields) - set(hints)
    ]
    problems += [
        f"{where}.{k}: in {td.__name__}, not in the model"
        for k in set(hints) - set(model.model_fields)
    ]
    for name, field in model.model_fields.items():
        if name not in hints:
            continue
        if get_origin(hints[name]) is NotRequired:  # a dump has every key
            problems.append(f"{where}.{name}: NotRequired, but a dump always has it")
        sub_model, sub_td = _model_in(field.annotation), _typeddict_in(hints[name])
        if (sub_model is None) != (sub_td is None):
            problems.append(f"{where}.{name}: {sub_model} in the model, {sub_td} in types.py")
        elif sub_model is not None:
            problems += _pairs(sub_model, sub_td, f"{where}.{name}")
    return problems


def test_the_typeddicts_have_the_keys_of_the_content_model():
    assert _pairs(Content, shapes.ContentData) == []
