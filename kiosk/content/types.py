"""The shapes of a :class:`~kiosk.content.snapshot.Snapshot`: the plain, JSON-able values the
backends read by key (``snapshot.data["settings"]["idle"]["timeout_s"]``).

They describe what is there, they change nothing: ``data`` is the content model
(:mod:`kiosk.content.model`) dumped with ``model_dump(mode="json")`` - every key present,
an absent optional value ``None``; ``images`` what :meth:`LoadedContent.snapshot
<kiosk.content.loader.LoadedContent.snapshot>` records of each picture; ``map`` what
:func:`kiosk.content.mapdata.check_map` projects.  The cache stores exactly these values
as JSON.  A test walks the shipped content.yaml's snapshot against them, so they cannot
drift from the model silently.

Plain :class:`typing.TypedDict` only: the kiosk's fast start-up path imports this module,
never pydantic.  (No ``from __future__ import annotations`` here: ``NotRequired`` must be
seen when the classes are made, for ``__required_keys__`` to be right.)
"""

from typing import Literal, NotRequired, TypeAlias, TypedDict

Text: TypeAlias = str | dict[str, str]
"""A visitor text: the same in every language, or ``{language code: text}``."""

# --- data: the content model, dumped -----------------------------------------------------


class LanguageData(TypedDict):
    code: str  # BCP 47: en, ru, zh-Hans
    name: str  # in its own language, on its button


class ScreenData(TypedDict):
    diagonal_in: float
    button_mm: float | None  # None: the design size
    min_text_mm: float


class IdleData(TypedDict):
    timeout_s: float  # 0: idle reset off
    warning_s: float


class ScheduleData(TypedDict):
    """Opening hours per weekday: ``"09:30-18:00"``, ``"closed"``, or None (closed)."""

    mon: str | None
    tue: str | None
    wed: str | None
    thu: str | None
    fri: str | None
    sat: str | None
    sun: str | None


class KeypadData(TypedDict):
    """Key names (Qt's) for each keypad action."""

    next: list[str]
    previous: list[str]
    activate: list[str]
    back: list[str]
    help: list[str]
    audio: list[str]
    volume_up: list[str]
    volume_down: list[str]
    repeat: list[str]


class MetricsData(TypedDict):
    listen: str | None  # None: no metrics served


class AnalyticsData(TypedDict):
    enabled: bool
    keep_months: int


class SettingsData(TypedDict):
    languages: list[LanguageData]
    default_language: str
    screen: ScreenData
    idle: IdleData
    reduced_motion: bool
    schedule: ScheduleData | None  # None: always open
    show_cursor: bool
    keypad: KeypadData
    keep_together: list[str]
    words_per_section: int
    metrics: MetricsData
    kiosk_name: str | None  # None: the host name
    analytics: AnalyticsData


class UIData(TypedDict):
    """The words of the kiosk's own controls."""

    home: Text
    next: Text
    chapter_of: Text
    credits: Text
    map_reset: Text
    see_on_map: Text
    idle_question: Text
    idle_hint: Text
    idle_countdown: Text  # with {seconds}
    idle_continue: Text
    idle_restart: Text
    closed_title: Text
    closed_hint: Text
    reopens_today: Text  # with {time}
    reopens_tomorrow: Text  # with {time}
    reopens_on: Text  # with {day} and {time}
    weekdays: Text  # seven, Monday first, comma-separated
    credits_sources: Text
    credits_software: Text
    area: Text  # with {area}
    text_size: Text
    audio_start: Text
    contrast: Text
    # audio mode
    audio_mode: Text
    audio_on: Text
    audio_off: Text
    audio_help: Text
    volume_level: Text  # with {level} and {steps}
    louder: Text
    quieter: Text
    repeat: Text
    role_button: Text
    position: Text  # with {index} and {count}
    select_hint: Text
    picture_open: Text
    picture_close: Text


class AttractData(TypedDict):
    title: Text
    subtitle: Text | None
    prompt: Text
    image: str | None  # a picture file as written (a key of Snapshot.images)


class PictureFocusData(TypedDict):
    x: float  # 0..1 across the picture
    y: float  # 0..1 down the picture


class PictureSpotData(TypedDict):
    """A "look closer" spot on a picture (fractions of the picture's width and height)."""

    id: str
    x: float
    y: float
    title: Text
    text: Text  # Markdown
    label_side: Literal["left", "right"]


class PageImageData(TypedDict):
    file: str  # as written (a key of Snapshot.images)
    caption: Text | None
    credit: Text | None
    focus: PictureFocusData | None
    spots: list[PictureSpotData]


class MapViewData(TypedDict):
    """Where a page's "See it on the map" button opens the map."""

    layer: str  # a layer's id
    lon: float
    lat: float
    zoom: float


class KeyFigureData(TypedDict):
    value: Text
    caption: Text


class PageData(TypedDict):
    id: str
    label: Text
    title: Text
    body: Text  # Markdown
    image: PageImageData | None
    map_view: MapViewData | None
    figure: KeyFigureData | None
    allow_scrolling: bool


class CreditsData(TypedDict):
    title: Text
    body: Text  # Markdown
    software: Text | None  # Markdown
    allow_scrolling: bool


class MapLayerData(TypedDict):
    id: str
    label: Text
    title: Text
    show: list[str]  # ids of features in the layers file (keys of MapData.features)
    year: int | None  # None: the id's year, if it is one


class HotspotData(TypedDict):
    id: str
    lon: float
    lat: float
    title: Text
    also: Text | None  # the other side's name (a language left out: none)
    text: Text  # Markdown
    label_side: Literal["left", "right"]
    from_: int | None  # content.yaml's "from": founded that year
    until: int | None


class MapNameData(TypedDict):
    """A name written on the map (not a button)."""

    id: str
    kind: Literal["empire", "river", "lake", "sea", "range", "island"]
    lon: float
    lat: float
    angle: float  # degrees, positive rising to the right
    name: Text
    also: Text | None  # the other side's name (a language left out: none)
    from_: int | None  # content.yaml's "from"
    until: int | None


class MapSectionData(TypedDict):
    """The map section of content.yaml (its files as written; the projected data is
    :class:`MapData`)."""

    label: Text
    title: Text
    picture: str  # a key of Snapshot.images
    geometry: str  # map.json
    layers_file: str  # layers.geojson
    layers: list[MapLayerData]
    start_layer: str | None  # None: the first layer
    legend: dict[str, Text]  # by feature id
    hotspots: list[HotspotData]
    names: list[MapNameData]


class RecordingData(TypedDict):
    """A recorded voice for one text (see :mod:`kiosk.content.recordings`)."""

    of: str  # the text's place: pages.terms.body, attract.title ...
    language: str
    file: str  # as written, relative to the content file
    text_sha256: str | None  # lower-case hex, 8-64 digits; None: not given


class ContentData(TypedDict):
    """``Snapshot.data``: a whole exhibit."""

    settings: SettingsData
    ui: UIData
    attract: AttractData
    pages: list[PageData]
    map: MapSectionData | None
    credits: CreditsData
    recordings: list[RecordingData]


# --- images: what was checked of each picture ------------------------------------------


class ImageEntry(TypedDict):
    """One picture, by its file name as written in the content file."""

    path: str  # what to show: the cache's copy, else the picture itself (absolute)
    original: str  # the picture itself (absolute)
    width: int
    height: int
    format: str  # png, jpeg, gif, webp (the cached copy's suffix)
    stamp: str  # size and modification time when it was checked
    sha256: str  # of the bytes checked (the cached copy's name)


# --- map: the map's files, projected to picture pixels ---------------------------------

XY: TypeAlias = list[float]
"""A point in picture pixels, ``[x, y]`` (a list: JSON has no tuples)."""


class MapStyle(TypedDict):
    """How a border or area is drawn, from the layers file."""

    stroke: str  # #rrggbb
    fill: str | None  # #rrggbbaa, or None: not filled
    hatch: str | None  # #rrggbbaa, or None: not hatched
    dash: bool  # a dashed line


class Feature(TypedDict):
    """A border, area or place of the layers file."""

    kind: str  # border, area, place ... ("" when the file says none)
    area_km2: float | None
    closed: NotRequired[bool]  # lines and areas: True for areas
    paths: NotRequired[list[list[XY]]]  # lines and areas: each line or ring
    point: NotRequired[XY]  # places
    style: NotRequired[MapStyle]  # when the layers file gives one


class PixelSize(TypedDict):
    width: int
    height: int


class HotspotXY(TypedDict):
    id: str
    x: float
    y: float


class PointXY(TypedDict):
    x: float
    y: float


class MapData(TypedDict):
    """``Snapshot.map``."""

    size: PixelSize  # of the map's picture
    features: dict[str, Feature]  # by id
    hotspots: list[HotspotXY]  # in the order of the map section's hotspots
    names: list[HotspotXY]  # in the order of the map section's names
    focus: dict[str, PointXY]  # the map view of a page, by page id
    files: list[str]  # map.json and the layers file (absolute, sorted)
    stamps: list[str]  # of files, in the same order
