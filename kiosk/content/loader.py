"""content.yaml -> :class:`LoadedContent`, or :class:`ContentError` with every problem located."""

from __future__ import annotations

import logging
import math
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .fonts import coverage, missing_glyphs
from .images import ImageInfo, ImageProblem, probe_image
from .issues import MAX_ISSUES, ContentError, Issue, Loc, did_you_mean, named, sorted_issues
from .mapdata import check_map
from .markup import problems as markup_problems
from .model import MAX_IDLE_S, UI, Content, texts
from .recordings import check_recordings
from .snapshot import Snapshot
from .types import ContentData, MapData
from .yamlload import Positions, digest, parse_yaml, read_source

log = logging.getLogger(__name__)

WORDS_PER_SECTION = 70  # museum guidance: 30-70 words per screen (settings.words_per_section)
CJK_CHARACTERS_PER_WORD = (
    2  # measured on this exhibit: 1.55-1.86 Chinese characters per English word
)
TITLE_CHARACTERS = 80  # about two lines of a title at the design size (kiosk proof measures them)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


@dataclass(frozen=True)
class LoadedContent:
    """A valid exhibit, with what the kiosk needs to show it."""

    model: Content
    path: Path
    images: dict[str, ImageInfo]  # by the file name as written in the content file
    positions: Positions
    warnings: tuple[Issue, ...]
    map: MapData | None = None  # the map's layers and hotspots, projected to picture pixels
    digest: str = ""  # sha256 of the content file's bytes that were checked

    def image(self, file: str | None) -> ImageInfo | None:
        return self.images.get(file) if file else None

    def picture_at(self, path: str) -> str | None:
        """The picture (its name as written in the file) that ``path`` shows: the picture
        itself, or the kiosk's cached copy of it (named by its sha256)."""
        for file, info in self.images.items():
            if str(info.path.resolve()) == path or (info.sha256 and Path(path).stem == info.sha256):
                return file
        return None

    def snapshot(self) -> Snapshot:
        """The exhibit as plain values: what the kiosk shows (and caches)."""
        return Snapshot(
            source=str(self.path.resolve()),
            # pydantic types a dump as a plain dict; ContentData is its shape (a test keeps
            # them equal for the shipped content)
            data=cast(ContentData, self.model.model_dump(mode="json")),
            images={
                file: {
                    "path": str(i.path.resolve()),
                    "original": str(i.path.resolve()),
                    "width": i.width,
                    "height": i.height,
                    "format": i.format,
                    "stamp": i.stamp,
                    "sha256": i.sha256,
                }
                for file, i in self.images.items()
            },
            map=self.map,
        )


def words(markdown: str) -> int:
    """Words a visitor reads: Chinese and Japanese characters count as
    :data:`CJK_CHARACTERS_PER_WORD` to a word, as their texts have no spaces."""
    cjk = len(_CJK.findall(markdown))
    rest = _CJK.sub(" ", markdown)
    latin = len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", rest))
    return latin + round(cjk / CJK_CHARACTERS_PER_WORD)


def _budget_warnings(
    page: dict[str, Any], i: int, budget: int, positions: Positions, file: str
) -> list[Issue]:
    """A page's text over the words a visitor reads standing up, and a title that will not
    fit two lines, in each language (warnings: ``--strict`` and ``kiosk proof`` fail)."""
    issues: list[Issue] = []

    def each(value: Any) -> list[tuple[tuple[str, ...], str]]:
        if isinstance(value, str):
            return [((), value)]
        if isinstance(value, dict):
            return [((k,), v) for k, v in value.items() if isinstance(v, str)]
        return []

    for lang, text in each(page.get("body")):
        n = words(text)
        loc: Loc = ("pages", i, "body", *lang)
        if n <= budget or loc in positions.unreadable:
            continue
        cjk = len(_CJK.findall(text))
        counted = (
            f"{cjk} Chinese characters, counted as {n} words ({CJK_CHARACTERS_PER_WORD} "
            "characters to a word)"
            if cjk > n
            else f"{n} words"
        )
        issues.append(
            Issue(
                file,
                *positions.of(loc),
                loc,
                f"{counted}; visitors read at most {budget} words on a screen - shorten it "
                f"(settings.words_per_section sets the limit)",
                "warning",
                kind="words",
            )
        )
    for lang, text in each(page.get("title")):
        cjk = len(_CJK.findall(text))
        width = len(text) + cjk  # a Chinese character is about as wide as two Latin letters
        loc = ("pages", i, "title", *lang)
        if width <= TITLE_CHARACTERS or loc in positions.unreadable:
            continue
        issues.append(
            Issue(
                file,
                *positions.of(loc),
                loc,
                f"the title has {len(text)} characters and will not fit two lines; "
                f"keep it under {TITLE_CHARACTERS // (2 if cjk > len(text) / 2 else 1)} "
                "(kiosk proof measures it)",
                "warning",
                kind="title",
            )
        )
    return issues


def load_content(path: str | Path, display_name: str | None = None) -> LoadedContent:
    """Read, validate and check a content file; raise :class:`ContentError` with every error.

    Whatever the file (or a picture or map file it names) holds, nothing else is raised:
    a failure of the checks themselves is reported as an error at the file's first line
    (with the details in the log)."""
    path = Path(path)
    file = display_name or str(path)
    try:
        return _load(path, file)
    except ContentError:
        raise
    except RecursionError:
        raise ContentError(
            [Issue(file, 1, 1, (), "values are nested too deeply; check the indentation")]
        ) from None
    except Exception as e:
        log.exception("checking %s failed", file)
        raise ContentError(
            [
                Issue(
                    file,
                    1,
                    1,
                    (),
                    f"the kiosk could not check this file ({type(e).__name__}: {str(e)[:200]}); "
                    "the details are in the kiosk's log - please report them with the file",
                )
            ]
        ) from None


def _load(path: Path, file: str) -> LoadedContent:
    raw = read_source(path, file)
    data, positions, issues = parse_yaml(raw, file)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ContentError(
            [
                Issue(
                    file,
                    *positions.of(()),
                    (),
                    f"the file is {kind}; it must be made of sections such as "
                    "'attract:', 'pages:' and 'credits:' at the start of a line",
                )
            ]
        )
    model: Content | None = None
    try:
        model = Content.model_validate(data)
    except ValidationError as e:
        issues += [
            i
            for i in _translate_all(e.errors(include_url=False), data, positions, file)
            if i.loc not in positions.unreadable
        ]  # YAML could not read it: said once is enough
    images, map_data, more = _check(data, path.parent, positions, file)
    issues += more + _check_languages(data, positions, file)
    issues += check_recordings(data, model, path.parent, positions, file, _offered(data)[0])
    if away := _away_from_its_folder(data, path, positions, file):
        issue, files = away  # one sentence instead of a false error per picture
        issues = [i for i in issues if i.loc not in files] + [issue]
    issues = named(issues, data)  # "the 4th page (terms), title", not pages[3].title
    if model is None or any(i.severity == "error" for i in issues):
        raise ContentError(issues)
    return LoadedContent(
        model, path, images, positions, tuple(sorted_issues(issues)), map_data, digest(raw)
    )


# --- what needs the file system or the whole document ----------------------------------


def _named_files(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """Every file the content names (pictures, map files, recordings), by where it is named."""
    out: list[tuple[Loc, str]] = []

    def add(loc: Loc, value: Any) -> None:
        if isinstance(value, str) and value.strip():
            out.append((loc, value))

    attract = data.get("attract")
    if isinstance(attract, dict):
        add(("attract", "image"), attract.get("image"))
    pages = data.get("pages")
    for i, page in enumerate(pages if isinstance(pages, list) else []):
        img = page.get("image") if isinstance(page, dict) else None
        if isinstance(img, dict):
            add(("pages", i, "image", "file"), img.get("file"))
    section = data.get("map")
    if isinstance(section, dict):
        for key in ("picture", "geometry", "layers_file"):
            add(("map", key), section.get(key))
    recordings = data.get("recordings")
    for i, rec in enumerate(recordings if isinstance(recordings, list) else []):
        if isinstance(rec, dict):
            add(("recordings", i, "file"), rec.get("file"))
    return out


def _away_from_its_folder(
    data: dict[str, Any], path: Path, positions: Positions, file: str
) -> tuple[Issue, set[Loc]] | None:
    """A content file checked away from its exhibit folder (received by e-mail, saved in
    Downloads): it names several files and none of them is beside it. Said once, with what
    to do, instead of a false "does not exist" for each picture and map file."""
    named_files = _named_files(data)
    base = path.parent
    if len(named_files) < 2 or any((base / name).exists() for _, name in named_files):
        return None
    folder = str(base.resolve()) if base != Path() else "this folder"
    return (
        Issue(
            file,
            *positions.of(named_files[0][0]),
            (),
            f"none of the {len(named_files)} pictures and map files this file names is in "
            f"{folder}: pictures are looked up next to the file - copy it into the exhibit "
            "folder first (the one with assets/) and check it there",
        ),
        {loc for loc, _ in named_files},
    )


def _check(
    data: dict[str, Any], base: Path, positions: Positions, file: str
) -> tuple[dict[str, ImageInfo], MapData | None, list[Issue]]:
    issues: list[Issue] = []
    images: dict[str, ImageInfo] = {}

    failed: dict[str, str] = {}  # a picture used twice is read once

    def image(loc: Loc, value: Any) -> None:
        if not isinstance(value, str) or not value.strip() or value in images:
            return  # the model reports the type
        if value not in failed:
            try:
                images[value] = probe_image(base / value)
                return
            except ImageProblem as e:
                failed[value] = str(e)
        issues.append(
            Issue(file, *positions.of(loc), loc, f"the picture '{value}' {failed[value]}")
        )

    settings = data.get("settings")
    idle = settings.get("idle") if isinstance(settings, dict) else None
    if isinstance(idle, dict):
        timeout = idle.get("timeout_s")
        loc = ("settings", "idle", "timeout_s")
        if timeout == 0:
            issues.append(
                Issue(
                    file,
                    *positions.of(loc),
                    loc,
                    "0 turns idle reset off: the next visitor finds what the last one left",
                    "warning",
                )
            )
        elif (
            isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and 0 < timeout < 5
        ):
            issues.append(
                Issue(
                    file,
                    *positions.of(loc),
                    loc,
                    f"{timeout} s is unusual for a kiosk: museums use 60-120 s (at least 5, "
                    "at most 3600)",
                    "warning",
                )
            )

    attract = data.get("attract")
    if isinstance(attract, dict):
        image(("attract", "image"), attract.get("image"))
    pages = data.get("pages")
    first_id: dict[str, int] = {}
    budget = settings.get("words_per_section") if isinstance(settings, dict) else None
    if not isinstance(budget, int) or isinstance(budget, bool) or budget < 1:
        budget = WORDS_PER_SECTION  # (the model reports a wrong value)
    for i, page in enumerate(pages if isinstance(pages, list) else []):
        if not isinstance(page, dict):
            continue
        img = page.get("image")
        if isinstance(img, dict):
            image(("pages", i, "image", "file"), img.get("file"))
            issues += _spot_ids(img.get("spots"), ("pages", i, "image", "spots"), positions, file)
        pid = page.get("id")
        if isinstance(pid, str):
            if pid in first_id:
                line = positions.of(("pages", first_id[pid], "id"))[0]
                issues.append(
                    Issue(
                        file,
                        *positions.of(("pages", i, "id")),
                        ("pages", i, "id"),
                        f"the page id '{pid}' is used twice (first at line {line}); "
                        "each page needs its own id",
                    )
                )
            else:
                first_id[pid] = i
        issues += _budget_warnings(page, i, budget, positions, file)

    section = data.get("map")
    if isinstance(section, dict):
        image(("map", "picture"), section.get("picture"))
    map_data, more = check_map(
        section, pages if isinstance(pages, list) else [], base, positions, file
    )
    issues += more
    return images, map_data, issues


def _spot_ids(spots: Any, loc: Loc, positions: Positions, file: str) -> list[Issue]:
    """A picture's "look closer" spots: each id once within the picture."""
    issues: list[Issue] = []
    first: dict[str, int] = {}
    for j, spot in enumerate(spots if isinstance(spots, list) else []):
        sid = spot.get("id") if isinstance(spot, dict) else None
        if not isinstance(sid, str):
            continue
        if sid in first:
            line = positions.of((*loc, first[sid], "id"))[0]
            issues.append(
                Issue(
                    file,
                    *positions.of((*loc, j, "id")),
                    (*loc, j, "id"),
                    f"the spot id '{sid}' is used twice in this picture (first at line {line}); "
                    "each spot needs its own id",
                )
            )
        else:
            first[sid] = j
    return issues


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    """The section ``data[key]``; an empty one when it is missing or not a section (the
    model says so)."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _offered(data: dict[str, Any]) -> tuple[list[str], str]:
    """The language codes offered and the default one, as far as the file says."""
    settings = _section(data, "settings")
    langs = settings.get("languages")
    codes = (
        [la["code"] for la in langs if isinstance(la, dict) and isinstance(la.get("code"), str)]
        if isinstance(langs, list)
        else ["en"]
    )
    default = settings.get("default_language", "en")
    return codes, default if isinstance(default, str) else "en"


def _check_languages(data: dict[str, Any], positions: Positions, file: str) -> list[Issue]:
    """Languages offered, translations missing, characters no shipped font can draw."""
    issues: list[Issue] = []
    codes, default = _offered(data)
    langs = _section(data, "settings").get("languages")
    names = {
        la["code"]: la.get("name")
        for la in (langs if isinstance(langs, list) else [])
        if isinstance(la, dict) and isinstance(la.get("code"), str)
    }
    seen: set[str] = set()
    for i, code in enumerate(codes):
        if code in seen:
            loc: Loc = ("settings", "languages", i, "code")
            issues.append(
                Issue(file, *positions.of(loc), loc, f"the language '{code}' is listed twice")
            )
        seen.add(code)
    if codes and default not in codes:
        loc = ("settings", "default_language")
        issues.append(
            Issue(
                file,
                *positions.of(loc),
                loc,
                f"'{default}' is not one of the languages ({', '.join(codes)})"
                + (
                    f"{hint} If not, add it to settings.languages"
                    if (hint := did_you_mean(default, codes))
                    else "; add it to settings.languages or choose one of them"
                ),
            )
        )

    have = coverage()

    def glyphs(loc: Loc, text: str, where: Loc) -> None:
        for _, message in markup_problems(text)[
            :3
        ]:  # HTML and links: shown as typed, never followed
            issues.append(Issue(file, *positions.of(where), loc, message))
        if all(ord(c) in have for c in set(text)):
            return  # the usual case, found quickly
        bad = missing_glyphs(text)
        if bad:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in bad[:5]) + (
                " ..." if len(bad) > 5 else ""
            )
            issues.append(
                Issue(
                    file,
                    *positions.of(where),
                    loc,
                    f"no font of the kiosk can show {shown}: visitors would see empty boxes; "
                    "use other characters, or add them to the fonts with tools/subset_fonts.py",
                )
            )

    for loc, value in texts(Content, data):
        if isinstance(value, str):
            glyphs(loc, value, loc)
        elif isinstance(value, dict):
            for code, text in value.items():
                if not isinstance(text, str):
                    continue  # the model reports it
                if code not in codes:
                    issues.append(
                        Issue(
                            file,
                            *positions.of_key(loc + (code,)),
                            loc + (code,),
                            f"'{code}' is not one of the languages ({', '.join(codes)})"
                            + (
                                f"{hint} If not, add it to settings.languages"
                                if (hint := did_you_mean(code, codes))
                                else "; add it to settings.languages or correct the code"
                            ),
                        )
                    )
                glyphs(loc + (code,), text, loc + (code,))
            missing = [c for c in codes if c not in value]
            # a map name's or place's "also" (the other side's name) is only where it exists
            if missing and value and not (loc[-1] == "also" and loc[:1] == ("map",)):
                first = (value.get(default) and default) or next(iter(value))
                langs = ", ".join(f"{c} ({names.get(c) or c})" for c in missing)
                issues.append(
                    Issue(
                        file,
                        *positions.of(loc),
                        loc,
                        f"no text in {langs}; visitors who choose it read the {first} text. "
                        f"Add a line such as '{missing[0]}: ...'",
                        "warning",
                    )
                )
    # the kiosk's own words that the file leaves to their defaults
    ui = _section(data, "ui")
    for i, code in enumerate(codes):
        lacking = [
            name
            for name, field in UI.model_fields.items()
            if name not in ui and code not in field.default
        ]
        if lacking:
            loc = ("settings", "languages", i)
            issues.append(
                Issue(
                    file,
                    *positions.of(loc),
                    loc,
                    f"the kiosk has no built-in {code} words for its buttons ({', '.join(lacking)}); "
                    f"visitors who choose it read them in {default}. Add them under 'ui:'",
                    "warning",
                )
            )
    return issues


# --- pydantic's errors in a curator's words --------------------------------------------


def _number(value: int | float) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"{text[:12]}... ({len(text):,} digits)"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {_number(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a section of keys"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def _data_loc(loc: tuple[int | str, ...], data: Any) -> Loc:
    """Keep the parts of pydantic's ``loc`` that are keys of the data (drop union tags)."""
    out: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict):
            if part in node:
                out.append(part)
                node = node[part]
            elif i == len(loc) - 1:
                out.append(part)  # a missing or unknown key
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
    return tuple(out)


def _model_at(loc: Loc) -> type[BaseModel] | None:
    cls: Any = Content
    for part in loc:
        if isinstance(part, int):
            continue
        field = (
            cls.model_fields.get(part)
            if isinstance(cls, type) and issubclass(cls, BaseModel)
            else None
        )
        if field is None:
            return None
        cls = _find_model(field.annotation)
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _find_model(ann: Any) -> Any:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in typing.get_args(ann):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _example(loc: Loc) -> str:
    """`` such as 90`` (the field's default), or nothing."""
    model, name = _model_at(loc[:-1]), loc[-1] if loc else None
    field = model.model_fields.get(name) if model and isinstance(name, str) else None
    default = getattr(field, "default", None)
    return (
        f" such as {default}"
        if isinstance(default, (int, float)) and not isinstance(default, bool)
        else ""
    )


def _translate_all(
    errors: list[ErrorDetails], data: Any, positions: Positions, file: str
) -> list[Issue]:
    if len(errors) > 2 * MAX_ISSUES:
        # only the first ones (in file order) are shown: put words to those, count the rest
        where = sorted(
            (positions.of(_data_loc(err["loc"], data)), n) for n, err in enumerate(errors)
        )
        shown = {n for _, n in where[: 2 * MAX_ISSUES]}
        rest = [
            Issue(file, *positions.of(_data_loc(err["loc"], data)), (), "(not listed)")
            for n, err in enumerate(errors)
            if n not in shown
        ]
        return _translate_all([errors[n] for n in sorted(shown)], data, positions, file) + rest
    issues = [_translate(err, data, positions, file) for err in errors]
    # a misspelt key ('titel') also makes its right spelling missing: say it once
    suggested = {
        i.loc[:-1] + (m.group(1),)
        for i in issues
        if (m := re.search(r"did you mean '([^']+)'", i.message))
    }
    return [i for i in issues if not (i.loc in suggested and i.message.startswith("is missing"))]


def _translate(err: ErrorDetails, data: Any, positions: Positions, file: str) -> Issue:
    loc = _data_loc(err["loc"], data)
    kind, value = err["type"], err["input"]
    where = positions.of(loc)
    if kind == "missing":
        where = positions.of(loc[:-1])
        msg = f"is missing; add a line '{loc[-1]}: ...' here"
    elif kind == "extra_forbidden":
        where = positions.of_key(loc)
        model = _model_at(loc[:-1])
        keys = [f.alias or name for name, f in model.model_fields.items()] if model else []
        hint = did_you_mean(str(loc[-1]), keys)
        allowed = f" (allowed here: {', '.join(keys)})" if model and not hint else ""
        msg = f"unknown key '{loc[-1]}'{hint}{allowed}"
    elif kind == "string_type":
        if isinstance(value, bool):
            msg = (
                "expected text, but YAML reads yes/no/on/off/true/false as a yes-or-no value; "
                "put the text in quotes"
            )
        elif isinstance(value, (int, float)):
            msg = f"expected text, got {_describe(value)}"
            if len(str(value)) <= 40:
                msg += f'; put it in quotes: "{value}"'
        elif value is None:
            msg = "is empty; write some text after the colon or remove the key"
        else:
            msg = f"expected text, got {_describe(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        msg = f"expected a section of indented 'key: value' lines, got {_describe(value)}"
    elif kind == "list_type":
        msg = f"expected a list (one item per line starting with '- '), got {_describe(value)}"
    elif kind == "too_short":
        msg = "needs at least one entry"
    elif kind == "value_error":
        msg = str(err["ctx"]["error"])
        if m := re.match(r"\[([\w-]+)\] ", msg):  # one language of a text: point at its line
            loc, msg = loc + (m.group(1),), msg[m.end() :]
            where = positions.of(loc)
    elif kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        if isinstance(value, int) and not isinstance(value, bool):  # too big for a float
            msg = f"{_number(value)} is far too large a number; write one{_example(loc)}"
        else:
            msg = f"expected a number, got {_describe(value)}"
    elif kind == "finite_number":
        what = (
            "infinity (.inf)"
            if isinstance(value, float) and math.isinf(value)
            else "'not a number' (.nan)"
        )
        msg = f"expected an ordinary number, got {what}; write one{_example(loc)}"
    elif kind == "less_than_equal" and loc[-2:] == ("idle", "timeout_s"):
        msg = (
            f"{_number(value)} s is more than an hour: the idle reset would wait for ever in practice. "
            f"Museums use 60-120 s (at most {MAX_IDLE_S}; 0 turns the reset off)"
        )
    elif kind == "string_pattern_mismatch" and loc[-1:] == ("default_language",):
        msg = f"'{value}' is not a language code; use a code such as en, ru or zh-Hans"
    else:
        msg = err["msg"].replace("Input should be", "must be")
    return Issue(file, *where, loc, msg)
