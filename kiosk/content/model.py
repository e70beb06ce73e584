"""The content model: what a content file may contain, typed and strict.

Pydantic checks shape and types (a number or ``yes`` where text belongs is an error, an
unknown key is an error); :mod:`kiosk.content.loader` then checks what needs the file
system or the whole document (images exist, page ids unique).  The field descriptions
become the JSON Schema that curators' editors use.

Every text a visitor reads is a :data:`Text` (or :data:`Markdown`): a plain string (the
same in every language) or a mapping ``{language code: text}``.  Which languages exist,
and which translations are missing, is checked over the whole document by the loader.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

from .issues import Loc

LANGUAGE_CODE = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


def _one(v: object) -> str:
    if isinstance(v, bool):
        raise ValueError(
            "expected text, but YAML reads yes/no/on/off/true/false as a yes-or-no value; "
            "put the text in quotes"
        )
    if isinstance(v, (int, float)):
        if len(shown := str(v)) > 40:
            raise ValueError(f"expected text, got a number {len(shown):,} digits long")
        raise ValueError(f'expected text, got the number {v}; put it in quotes: "{v}"')
    if v is None:
        raise ValueError("is empty; write some text after the colon or remove the key")
    if not isinstance(v, str):
        raise ValueError("expected text, or one line per language such as 'en: ...'")
    if not v.strip():
        raise ValueError("must not be empty; write some text or remove the key")
    return v.strip()


def _text(v: object) -> str | dict[str, str]:
    """One text for every language, or ``{language code: text}``."""
    if isinstance(v, dict):
        if not v:
            raise ValueError("has no text; write one line per language such as 'en: ...'")
        out = {}
        for code, text in v.items():
            if not isinstance(code, str) or not re.fullmatch(LANGUAGE_CODE, code):
                raise ValueError(
                    f"'{code}' is not a language code; use codes such as en, ru or zh-Hans"
                )
            try:
                out[code] = _one(text)
            except ValueError as e:
                raise ValueError(
                    f"[{code}] {e}"
                ) from None  # the loader points at the line of that language
        return out
    return _one(v)


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1, "description": "The same text in every language."},
        {
            "type": "object",
            "description": "One text per language, by language code (en, ru, zh-Hans ...).",
            "propertyNames": {"pattern": LANGUAGE_CODE},
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
        },
    ]
}


class TextMark:
    """Marks the fields visitors read (see :func:`texts`)."""


Text = Annotated[
    str | dict[str, str], PlainValidator(_text), WithJsonSchema(_TEXT_SCHEMA), TextMark()
]
"""A visitor-facing text: one string, or one per language."""

Markdown = Annotated[
    str | dict[str, str], PlainValidator(_text), WithJsonSchema(_TEXT_SCHEMA), TextMark()
]
"""A visitor-facing text with Markdown: **bold**, *italic*, paragraphs, lists."""


def texts(cls: type[BaseModel], data: object, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every visitor text in ``data`` (raw, as read): yields ``(loc, value)``."""
    if not isinstance(data, dict):
        return
    for name, field in cls.model_fields.items():
        if name in data:
            yield from _texts(field.annotation, field.metadata, data[name], loc + (name,))


def _texts(ann: Any, metadata: list[Any], value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    if any(isinstance(m, TextMark) for m in metadata):
        yield loc, value
        return
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if origin is Annotated:
        yield from _texts(args[0], list(ann.__metadata__), value, loc)
    elif isinstance(ann, type) and issubclass(ann, BaseModel):
        yield from texts(ann, value, loc)
    elif origin is list and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(args[0], [], item, loc + (i,))
    elif origin is dict and isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(args[1], [], item, loc + (key,))
    elif args:  # X | None
        for arg in args:
            if arg is not type(None):
                yield from _texts(arg, [], value, loc)


_ID = re.compile(r"[a-z][a-z0-9-]{0,31}")
RESERVED_IDS = {"attract", "credits", "map"}


def _page_id(v: str) -> str:
    if not _ID.fullmatch(v):
        raise ValueError(
            f"'{v}' is not a usable page id: use lowercase letters, digits and '-', "
            "starting with a letter, at most 32 characters (for example: terms)"
        )
    if v in RESERVED_IDS:
        raise ValueError(f"'{v}' is reserved by the kiosk; choose another id")
    return v


PageId = Annotated[str, AfterValidator(_page_id)]
FilePath = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="A picture file (PNG, JPEG, GIF or WebP), relative to content.yaml."),
]


class _Section(BaseModel):
    # allow_inf_nan: YAML reads .inf and .nan as numbers; no setting or place can use them
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


def _spot_id(v: str) -> str:
    if not _ID.fullmatch(v):
        raise ValueError(
            f"'{v}' is not a usable spot id: use lowercase letters, digits and '-', "
            "starting with a letter, at most 32 characters (for example: aigun)"
        )
    return v


def _fraction(v: float) -> float:
    if not 0 <= v <= 1:
        raise ValueError(
            f"{v:g} is off the picture: write a fraction from 0 (the left or top edge) "
            "to 1 (the right or bottom edge), e.g. 0.5 for the middle"
        )
    return v


Fraction = Annotated[
    float, AfterValidator(_fraction), Field(json_schema_extra={"minimum": 0, "maximum": 1})
]
"""A place on a picture, as a fraction of its width or height: 0 left/top, 1 right/bottom."""


class PictureFocus(_Section):
    """The point of a picture that stays in view when the kiosk crops it to fill a space."""

    x: Fraction = Field(description="Across, from 0 (left edge) to 1 (right edge), e.g. 0.5.")
    y: Fraction = Field(description="Down, from 0 (top edge) to 1 (bottom edge), e.g. 0.3.")


class PictureSpot(_Section):
    """A "look closer" spot on a picture: a marker a visitor taps for a short text."""

    id: Annotated[str, AfterValidator(_spot_id)] = Field(
        description="Short name, unique within the picture, e.g. 'aigun'. Never shown."
    )
    x: Fraction = Field(description="Across the picture, from 0 (left edge) to 1 (right edge).")
    y: Fraction = Field(description="Down the picture, from 0 (top edge) to 1 (bottom edge).")
    title: Text = Field(description="The spot's name, shown beside its marker.")
    text: Markdown = Field(description="What the popup says: two or three short sentences.")
    label_side: Literal["left", "right"] = Field(
        "right", description="Where the name stands beside its marker."
    )


class Image(_Section):
    """A picture with its caption and credit line."""

    file: FilePath
    caption: Text | None = Field(None, description="One or two sentences shown under the picture.")
    credit: Text | None = Field(None, description="Who made the picture, and its licence.")
    focus: PictureFocus | None = Field(
        None,
        description="The point that must stay in view when the picture is cropped to fill its "
        "space, e.g. {x: 0.5, y: 0.3} (a face); default: the middle.",
    )
    spots: list[PictureSpot] = Field(
        default_factory=list,
        description='Optional "look closer" spots on the picture, each with a short text.',
    )


class MapFocus(_Section):
    """Where a page's "See it on the map" button opens the map."""

    layer: str = Field(description="The layer to show, by its id (e.g. '1858').")
    lon: float = Field(
        ge=-180, le=180, description="Longitude of the point to centre on, degrees east."
    )
    lat: float = Field(
        ge=-90, le=90, description="Latitude of the point to centre on, degrees north."
    )
    zoom: float = Field(2, ge=1, le=6, description="How close: 1 is the whole map, 6 the closest.")


class KeyFigure(_Section):
    """One number or short phrase that a page is about, shown large beside its text."""

    value: Text = Field(description="The figure itself, short: e.g. '600,000 km²' or '6 days'.")
    caption: Text = Field(description="What it counts, in a few words.")


class Page(_Section):
    """One page of the exhibit."""

    id: PageId = Field(description="Short unique name of the page, e.g. 'terms'. Never shown.")
    label: Text = Field(description="The page's button in the navigation bar: one or two words.")
    title: Text = Field(description="The heading at the top of the page.")
    body: Markdown = Field(
        description="The page's text in Markdown. Aim for 30-70 words per section, short sentences."
    )
    image: Image | None = Field(None, description="An optional picture beside the text.")
    map_view: MapFocus | None = Field(
        None,
        description="The map beside the text: this layer, centred here, this close. The map"
        ' moves there as the visitor arrives; "See it on the map" opens the full map there.',
    )
    figure: KeyFigure | None = Field(
        None, description="An optional key figure shown large: a number from the text."
    )
    allow_scrolling: bool = Field(
        False,
        description="true: the page may be longer than one screen (kiosk proof then does not "
        "report it). Visitors read standing up: keep pages to one screen where you can.",
    )


class Attract(_Section):
    """The screen that invites visitors while nobody uses the kiosk."""

    title: Text = Field(description="The exhibit's name, large.")
    subtitle: Text | None = Field(None, description="One line under the title.")
    prompt: Text = Field(description="The invitation to touch, e.g. 'Touch to explore'.")
    image: FilePath | None = Field(None, description="A background picture, shown darkened.")


class Credits(_Section):
    """Sources and licences, reachable from the navigation bar."""

    title: Text = Field(description="The heading of the credits page.")
    body: Markdown = Field(
        description="Where what visitors read and see comes from: texts, maps, pictures."
    )
    software: Markdown | None = Field(
        None, description="The software and typefaces, and their licences (shown apart)."
    )
    allow_scrolling: bool = Field(
        False,
        description="true: the credits may be longer than one screen (kiosk proof then does not "
        "report it).",
    )


class Screen(_Section):
    """The physical screen, so the kiosk can size touch targets in millimetres."""

    diagonal_in: float = Field(
        32, gt=5, le=150, description="Visible diagonal of the screen in inches (default 32)."
    )
    button_mm: float | None = Field(
        None,
        gt=0,
        le=100,
        description="Height of the kiosk's buttons on the glass, in millimetres. Leave it out for the "
        "design size (about a tenth of the screen height, never under 17 mm); kiosk proof "
        "reports buttons under 15 mm.",
    )
    min_text_mm: float = Field(
        5,
        gt=0,
        le=50,
        description="The smallest type allowed on the glass, in millimetres (the font size); kiosk proof "
        "reports smaller text.",
    )


MAX_IDLE_S = 3600  # an idle reset later than an hour never comes in a museum


class Idle(_Section):
    """When nobody touches the kiosk: a warning, then everything back to the start."""

    timeout_s: float = Field(
        90,
        ge=0,
        le=MAX_IDLE_S,
        description="Seconds without a touch before the warning appears (at most an hour, 3600); "
        "0 turns idle reset off.",
    )
    warning_s: float = Field(
        15, gt=0, le=600, description="Seconds the warning counts down before the kiosk resets."
    )


class Language(_Section):
    """A language visitors can choose."""

    code: Annotated[str, StringConstraints(pattern=LANGUAGE_CODE)] = Field(
        description="BCP 47 code, as used in the texts: en, ru, zh-Hans, de ..."
    )
    name: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="The language's name in its own language, on its button: English, Русский, 中文."
    )


_HOURS = re.compile(r"^(closed|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d)$")


def _hours(v: str) -> str:
    v = v.strip()
    if not _HOURS.fullmatch(v):
        raise ValueError(
            f"'{v}' is not opening hours: write them as 09:30-18:00 (24-hour clock), or closed"
        )
    if v != "closed" and v[:5] >= v[6:]:
        raise ValueError(
            f"'{v}' closes before it opens: write the opening time first, e.g. 09:30-18:00"
        )
    return v


Hours = Annotated[str, AfterValidator(_hours)]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Schedule(_Section):
    """Opening hours, per weekday: outside them the kiosk shows a dark "closed" screen.
    A weekday that is not listed is closed all day."""

    mon: Hours | None = Field(None, description="Monday, e.g. 09:30-18:00, or closed.")
    tue: Hours | None = Field(None, description="Tuesday, e.g. 09:30-18:00, or closed.")
    wed: Hours | None = Field(None, description="Wednesday, e.g. 09:30-18:00, or closed.")
    thu: Hours | None = Field(None, description="Thursday, e.g. 09:30-18:00, or closed.")
    fri: Hours | None = Field(None, description="Friday, e.g. 09:30-18:00, or closed.")
    sat: Hours | None = Field(None, description="Saturday, e.g. 10:00-17:00, or closed.")
    sun: Hours | None = Field(None, description="Sunday, e.g. 10:00-17:00, or closed.")


# The keys a keypad or keyboard may be given (Qt's key names); letters and digits too.
KEY_NAMES = (
    *"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    *(f"F{n}" for n in range(1, 13)),
    "Left", "Right", "Up", "Down", "Return", "Enter", "Space", "Backspace", "Escape", "Tab",
    "Home", "End", "PageUp", "PageDown", "Insert", "Delete", "Plus", "Minus", "Asterisk",
    "Slash", "Period", "Comma", "VolumeUp", "VolumeDown", "VolumeMute", "MediaPlay",
    "MediaPause", "MediaTogglePlayPause", "Help",
)  # fmt: skip
KeyName = Literal[KEY_NAMES]  # type: ignore[valid-type]


class Keypad(_Section):
    """Which keys do what, for a navigation keypad beside the screen (or a keyboard). The
    defaults are what a USB navigation keypad sends. In kiosk mode these keys, and only
    these, get through."""

    next: list[KeyName] = Field(
        ["Right", "Down"], description="Move the focus to the next control."
    )
    previous: list[KeyName] = Field(
        ["Left", "Up"], description="Move the focus to the previous control."
    )
    activate: list[KeyName] = Field(
        ["Return", "Enter", "Space"], description="Press the control that has the focus."
    )
    back: list[KeyName] = Field(["Backspace"], description="Go back to the previous screen.")
    help: list[KeyName] = Field(["F1", "Help"], description="Say how to use the keypad.")
    audio: list[KeyName] = Field(["F2", "A"], description="Turn the audio mode on or off.")
    volume_up: list[KeyName] = Field(["Plus", "VolumeUp"], description="Louder.")
    volume_down: list[KeyName] = Field(["Minus", "VolumeDown"], description="Quieter.")
    repeat: list[KeyName] = Field(["F3", "R"], description="Say the last thing again.")


class Metrics(_Section):
    """Prometheus metrics for the technicians (off unless listen is set): is the kiosk alive,
    drawing, used, showing which content (deploy/FLEET.md)."""

    listen: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = Field(
        None,
        description="Where the kiosk serves its metrics at /metrics, e.g. 127.0.0.1:9469 (this "
        "computer only) or 9469 (the same); another address, such as 0.0.0.0:9469, lets other "
        "computers read them. Leave it out and no metrics are served (the default).",
    )


class Analytics(_Section):
    """Anonymous visitor statistics (kiosk report reads them): which pages, languages, map
    years and places are used, and for how long - never who, never where on the screen."""

    enabled: bool = Field(
        True,
        description="false: the kiosk records no statistics at all (no file is written).",
    )
    keep_months: int = Field(
        25,
        ge=1,
        le=120,
        description="How many months each visit is kept in detail (default 25); older visits "
        "are kept only as totals per day.",
    )


class Settings(_Section):
    """How the kiosk behaves."""

    languages: list[Language] = Field(
        default_factory=lambda: [Language(code="en", name="English")],
        min_length=1,
        description="The languages visitors can choose, in the order of their buttons.",
    )
    default_language: Annotated[str, StringConstraints(pattern=LANGUAGE_CODE)] = Field(
        "en",
        description="The language the kiosk starts in and falls back to (one of the languages' codes).",
    )
    screen: Screen = Field(default_factory=Screen)
    idle: Idle = Field(default_factory=Idle)
    reduced_motion: bool = Field(
        False, description="true: the attract screen cross-fades slowly instead of moving."
    )
    schedule: Schedule | None = Field(
        None, description="Opening hours per weekday; leave it out and the kiosk is always open."
    )
    show_cursor: bool = Field(
        False,
        description="true: show the mouse pointer in kiosk mode (for a kiosk used with a mouse); "
        "touch screens hide it.",
    )
    keypad: Keypad = Field(default_factory=Keypad)
    keep_together: list[Annotated[str, StringConstraints(min_length=2, max_length=40)]] = Field(
        default_factory=list,
        description="Names the kiosk never breaks across two lines, in any language (e.g. "
        "穆拉维约夫). The map's places and names are kept together already.",
    )
    words_per_section: int = Field(
        70,
        ge=10,
        le=1000,
        description="The most words a page's text should have (default 70): kiosk check warns "
        "above it, kiosk check --strict and kiosk proof fail. Chinese and Japanese are counted "
        "by characters, two characters as one word.",
    )
    metrics: Metrics = Field(default_factory=Metrics)
    kiosk_name: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = Field(
        None,
        description="This kiosk's name in the statistics reports (e.g. hall-2-map); leave it "
        "out and the computer's name is used.",
    )
    analytics: Analytics = Field(default_factory=Analytics)


def _ui(en: str, ru: str, zh: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "zh-Hans": zh}


class UI(_Section):
    """Words of the kiosk's own controls; override them to change the wording."""

    home: Text = Field(
        _ui("Home", "В начало", "首页"),
        description="The Home button (back to the title screen, keeping the visitor's language).",
    )
    next: Text = Field(
        _ui("Next: {page}", "Далее: {page}", "下一页：{page}"),
        description="The button at the end of a page; {page} is the next page's name.",
    )
    chapter_of: Text = Field(
        _ui("{n} of {total}", "{n} из {total}", "第{n}章，共{total}章"),
        description="Where a page stands in the story; {n} and {total} are numbers.",
    )
    credits: Text = Field(
        _ui("Credits", "Источники", "资料来源"),
        description="The button that opens the credits page.",
    )
    map_reset: Text = Field(
        _ui("Whole map", "Вся карта", "查看全图"),
        description="The map's button that shows the whole map again.",
    )
    see_on_map: Text = Field(
        _ui("See it on the map", "Показать на карте", "在地图上查看"),
        description="A page's button that opens the map.",
    )
    idle_question: Text = Field(
        _ui("Are you still there?", "Вы ещё здесь?", "您还在吗？"),
        description="The idle warning's question.",
    )
    idle_hint: Text = Field(
        _ui("Touch the screen to continue", "Коснитесь экрана, чтобы продолжить", "请触摸屏幕继续"),
        description="The idle warning's invitation.",
    )
    idle_countdown: Text = Field(
        _ui(
            "Starting again in {seconds} s",
            "Начинаем заново через {seconds}\u00a0с",
            "{seconds}秒后重新开始",
        ),
        description="The countdown; {seconds} is replaced by the seconds left.",
    )
    idle_continue: Text = Field(
        _ui("Continue", "Продолжить", "继续浏览"),
        description="The idle warning's button that keeps the visit as it is.",
    )
    idle_restart: Text = Field(
        _ui("Start again", "Начать сначала", "重新开始"),
        description="The idle warning's button that starts again at once (for the next visitor).",
    )
    closed_title: Text = Field(
        _ui("The exhibit is closed", "Экспозиция закрыта", "本展项已关闭"),
        description="The closed screen's heading (outside the opening hours).",
    )
    closed_hint: Text = Field(
        _ui(
            "Please come back during opening hours",
            "Пожалуйста, приходите в часы работы музея",
            "请在开放时间内再来参观",
        ),
        description="The closed screen's line under the heading.",
    )
    reopens_today: Text = Field(
        _ui("Opens again today at {time}", "Откроется сегодня в {time}", "今天{time}重新开放"),
        description="The closed screen: the kiosk opens later today; {time} is e.g. 09:30.",
    )
    reopens_tomorrow: Text = Field(
        _ui("Opens again tomorrow at {time}", "Откроется завтра в {time}", "明天{time}重新开放"),
        description="The closed screen: the kiosk opens tomorrow; {time} is e.g. 09:30.",
    )
    reopens_on: Text = Field(
        _ui("Opens again on {day} at {time}", "Откроется {day} в {time}", "{day}{time}重新开放"),
        description="The closed screen: the kiosk opens on a later day; {day} is one of "
        "weekdays, {time} e.g. 09:30.",
    )
    weekdays: Text = Field(
        _ui(
            "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday",
            "в понедельник, во вторник, в среду, в четверг, в пятницу, в субботу, в воскресенье",
            "星期一, 星期二, 星期三, 星期四, 星期五, 星期六, 星期日",
        ),
        description="The seven days, Monday first, separated by commas, as they read in "
        "reopens_on's {day}.",
    )
    credits_sources: Text = Field(
        _ui("Sources of the text and map", "Источники текста и карты", "文字与地图的来源"),
        description="The credits page: the heading of the sources of what visitors read and see.",
    )
    credits_software: Text = Field(
        _ui("Software and typefaces", "Программы и шрифты", "软件与字体"),
        description="The credits page: the heading of the software and typefaces.",
    )
    area: Text = Field(
        _ui("{area}\u00a0km²", "{area}\u00a0км²", "{area}平方公里"),
        description="An area in the map's legend; {area} is replaced by the number.",
    )
    text_size: Text = Field(
        _ui("Larger text", "Крупный текст", "大字号"),
        description='The name of the "Aa" button (large text), as a screen reader or the audio mode says it.',
    )
    audio_start: Text = Field(
        _ui(
            "For audio, hold three fingers on the screen",
            "Для озвучивания удерживайте на экране три пальца",
            "语音导览：三指按住屏幕",
        ),
        description="Small type at the foot of the attract screen, in every language at once: "
        "how to start audio mode without seeing the screen.",
    )
    contrast: Text = Field(
        _ui("High contrast", "Высокий контраст", "高对比度"),
        description="The name of the contrast button, as a screen reader or the audio mode says it.",
    )
    # audio mode
    audio_mode: Text = Field(
        _ui("Audio mode", "Аудиорежим", "语音模式"),
        description="The name of the control that turns audio mode (the kiosk speaks) on and off.",
    )
    audio_on: Text = Field(
        _ui("Audio mode is on", "Аудиорежим включён", "语音模式已开启"),
        description="Said when audio mode is turned on.",
    )
    audio_off: Text = Field(
        _ui("Audio mode is off", "Аудиорежим выключен", "语音模式已关闭"),
        description="Said when audio mode is turned off.",
    )
    audio_help: Text = Field(
        _ui(
            "Use the arrow keys to move from item to item, Select to choose, and Back to go "
            "back. Repeat says it again.",
            "Стрелки переходят от пункта к пункту, кнопка «Выбор» выбирает, «Назад» "
            "возвращает. «Повтор» повторяет сказанное.",
            "用方向键在各项之间移动，按“选择”键确认，按“返回”键返回。按“重复”键再听一遍。",
        ),
        description="Said after audio mode is turned on: how to move around without looking.",
    )
    volume_level: Text = Field(
        _ui(
            "Volume {level} of {steps}",
            "Громкость {level} из {steps}",
            "音量{level}级，共{steps}级",
        ),
        description="Said when the volume changes; {level} and {steps} are replaced by numbers.",
    )
    louder: Text = Field(
        _ui("Louder", "Громче", "调高音量"), description="The control that raises the volume."
    )
    quieter: Text = Field(
        _ui("Quieter", "Тише", "调低音量"), description="The control that lowers the volume."
    )
    repeat: Text = Field(
        _ui("Repeat", "Повторить", "重复"), description="The control that says the last text again."
    )
    role_button: Text = Field(
        _ui("button", "кнопка", "按钮"),
        description="Said after a control's name in audio mode ('Background, button, 2 of 7').",
    )
    position: Text = Field(
        _ui("{index} of {count}", "{index} из {count}", "第{index}项，共{count}项"),
        description="Said after a control's role: {index} and {count} are replaced by numbers.",
    )
    select_hint: Text = Field(
        _ui("Press Select to open", "Нажмите «Выбор», чтобы открыть", "按“选择”键打开"),
        description="Said last about a control that opens something.",
    )
    picture_open: Text = Field(
        _ui("Enlarge the picture", "Увеличить изображение", "放大图片"),
        description="The name of a page's picture as a control: a tap shows it full screen.",
    )
    picture_close: Text = Field(
        _ui("Close", "Закрыть", "关闭"),
        description="The button that closes a picture shown full screen.",
    )


Year = Annotated[int, Field(ge=1, le=3000)]
"""A year (AD), e.g. 1860."""


class MapLayer(_Section):
    """One year of the map's timeline: which borders and areas it shows."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$")] = Field(
        description="Short name, e.g. '1858'. Never shown."
    )
    label: Text = Field(description="The layer's button, e.g. '1858'.")
    title: Text = Field(description="One line under the map, e.g. 'Treaty of Aigun'.")
    show: list[str] = Field(
        min_length=1, description="Ids of the borders and areas in layers.geojson this layer shows."
    )
    year: Year | None = Field(
        None,
        description="The year the layer shows: places and names with a 'from' after it (or an "
        "'until' before it) are hidden. Default: the id, when it is a year such as '1858'.",
    )


class Hotspot(_Section):
    """A place on the map a visitor can tap for a short text."""

    id: PageId = Field(description="Short unique name, e.g. 'aigun'. Never shown.")
    lon: float = Field(ge=-180, le=180, description="Longitude in degrees east, e.g. 127.47.")
    lat: float = Field(ge=-90, le=90, description="Latitude in degrees north, e.g. 50.25.")
    title: Text = Field(description="The place's name, shown on the map.")
    also: Text | None = Field(
        None,
        description="The place's name on the other side, shown after the title in brackets: "
        "'Vladivostok (Haishenwai)'. A language left out shows the title alone.",
    )
    text: Markdown = Field(description="What the popup says: two or three short sentences.")
    label_side: Literal["left", "right"] = Field(
        "right", description="Where the name stands beside its marker."
    )
    from_: Year | None = Field(
        None, alias="from", description="The year the place was founded: not shown before it."
    )
    until: Year | None = Field(None, description="The last year the place is shown.")


class MapName(_Section):
    """A name written on the map (an empire, a river, a lake, a sea, a range, an island):
    text, not a button."""

    id: PageId = Field(description="Short unique name, e.g. 'amur'. Never shown.")
    kind: Literal["empire", "river", "lake", "sea", "range", "island"] = Field(
        description="What it names: sets its lettering (an empire in capitals, water in italics)."
    )
    lon: float = Field(
        ge=-180, le=180, description="Longitude of the name's middle, degrees east, e.g. 127.0."
    )
    lat: float = Field(
        ge=-90, le=90, description="Latitude of the name's middle, degrees north, e.g. 51.0."
    )
    angle: float = Field(
        0,
        ge=-90,
        le=90,
        description="The name's slope in degrees: 0 level, positive rising to the right (a "
        "river's name follows its river).",
    )
    name: Text = Field(description="The name, e.g. 'Amur'.")
    also: Text | None = Field(
        None,
        description="The other side's name, shown after the name in brackets: 'Amur "
        "(Heilongjiang)'. Only where the two differ (not a mere transliteration); a language "
        "left out shows the name alone.",
    )
    from_: Year | None = Field(None, alias="from", description="The first year the name is shown.")
    until: Year | None = Field(None, description="The last year the name is shown.")


class MapSection(_Section):
    """The map page: a picture of the region, historic layers and hotspots."""

    label: Text = Field(
        _ui("Map", "Карта", "地图"), description="The map's button in the navigation bar."
    )
    title: Text = Field(description="The heading shown on the map page.")
    picture: FilePath = Field(description="The base map picture (made by tools/make_map.py).")
    geometry: FilePath = Field(description="map.json: the picture's projection and bounds.")
    layers_file: FilePath = Field(description="layers.geojson: historic borders, areas and places.")
    layers: list[MapLayer] = Field(min_length=1, description="The timeline, in order.")
    start_layer: str | None = Field(
        None, description="The layer shown first (its id); default: the first."
    )
    legend: dict[str, Text] = Field(
        default_factory=dict,
        description="Names of the borders and areas, by their id in layers.geojson.",
    )
    hotspots: list[Hotspot] = Field(default_factory=list, description="Places to tap.")
    names: list[MapName] = Field(
        default_factory=list,
        description="Names written on the map: empires, rivers, lakes, seas, ranges, islands.",
    )


def _hex_digest(v: str) -> str:
    if not re.fullmatch(r"[0-9a-fA-F]{8,64}", v.strip()):
        raise ValueError(
            f"'{v}' is not a text_sha256: copy the one kiosk check prints "
            "(8 to 64 of the characters 0-9 and a-f)"
        )
    return v.strip().lower()


class Recording(_Section):
    """A recorded voice for one text in one language: audio mode plays it instead of the
    kiosk's synthetic voice while the text is unchanged."""

    of: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="Which text: its place in this file, pages, layers and hotspots by their id - "
        "e.g. attract.title, pages.terms.body, pages.terms.image.caption, map.hotspots.aigun.text, "
        "map.legend.amur, ui.home."
    )
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_CODE)] = Field(
        description="The language of the text recorded (en, ru, zh-Hans ...)."
    )
    file: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="The recording: WAV, MP3, Ogg Vorbis or FLAC, relative to content.yaml."
    )
    text_sha256: Annotated[str, AfterValidator(_hex_digest)] | None = Field(
        None,
        description="The text when it was recorded, as a hash (kiosk check prints it): when the "
        "text changes, kiosk check says so and the kiosk's own voice reads the new text.",
    )


class Content(_Section):
    """A whole exhibit: content.yaml."""

    settings: Settings = Field(default_factory=Settings)
    ui: UI = Field(default_factory=UI)
    attract: Attract
    pages: list[Page] = Field(min_length=1, description="The exhibit's pages, in order.")
    map: MapSection | None = Field(None, description="The map page, after the pages.")
    credits: Credits
    recordings: list[Recording] = Field(
        default_factory=list,
        description="Recorded voices for audio mode: each plays instead of the synthetic voice "
        "for one text in one language.",
    )
