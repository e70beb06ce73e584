"""Typography per language: no-break spaces and word joiners where a line must not break,
never a visible character changed (``tests/ui/test_typography_render.py``: Qt honours them)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from kiosk.content.markup import inline
from kiosk.content.typography import (
    NBSP,
    WORD_JOINER,
    chinese_number,
    format_area_zh,
    names_in,
    round_significant,
    typeset,
)

J, S = WORD_JOINER, NBSP
ROOT = Path(__file__).resolve().parents[2]


# -- Russian ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one-letter words stay with the next word (chains too), not after a hyphen or digit
        ("Он шёл в город и к реке", f"Он шёл в{S}город и{S}к{S}реке"),
        ("А потом я ушёл", f"А{S}потом я{S}ушёл"),
        ("(в ноябре)", f"(в{S}ноябре)"),
        ("из-за о чём", f"из-за о{S}чём"),
        ("хэйлунцзянский цзянцзюнь И Шань.", f"хэйлунцзянский цзянцзюнь И{S}Шань."),
        # a dash stays with the word before it: no line starts with a dash
        ("Амур — граница", f"Амур{S}— граница"),
        ("владения – нынешний", f"владения{S}– нынешний"),
        ("край - земли", f"край{S}- земли"),
        ("— Да, — сказал он", f"— Да,{S}— сказал он"),  # the first dash opens the paragraph
        ("1858–1860 годах, Усть-Зейский", "1858–1860 годах, Усть-Зейский"),
        # digit groups and units
        ("около 600 000 км²", f"около 600{S}000{S}км²"),
        ("1 000 000 человек", f"1{S}000{S}000 человек"),
        ("в 1858 г. договор", f"в{S}1858{S}г. договор"),
        ("более 1 млн км²", f"более 1{S}млн км²"),
        ("через 15 с.", f"через 15{S}с."),
        ("в 1850 с казаками", f"в{S}1850 с{S}казаками"),  # "с" the preposition
        ("1858 года", "1858 года"),  # a year and a word: may break
        ("в 1858 100 казаков", f"в{S}1858 100 казаков"),  # two numbers, not one
        ("№ 5 и § 2", f"№{S}5 и{S}§{S}2"),
        # initials with the name, "т. е."
        ("P. Wessel и W. H. F. Smith", f"P.{S}Wessel и{S}W.{S}H.{S}F.{S}Smith"),
        ("земли, т. е. край", f"земли, т.{S}е. край"),
        ("и т. д.", f"и{S}т.{S}д."),
    ],
)
def test_russian(text, expected):
    assert typeset(text, "ru") == expected


def test_russian_names_keep_their_spaces():
    assert (
        typeset("Николай Муравьёв и Николай Игнатьев", "ru", ["Николай Муравьёв"])
        == f"Николай{S}Муравьёв и{S}Николай Игнатьев"
    )


# -- Chinese ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title never breaks inside ("《" and "》" hold on by themselves)
        ("签订了《瑷珲条约》。", f"签订了《瑷{J}珲{J}条{J}约》。"),
        ("中俄《北京条约》把", f"中俄《北{J}京{J}条{J}约》{J}把"),  # (把 not alone)
        # the last two characters of a paragraph stay together, before closing punctuation
        ("提出的抗议也无人理会。", f"提出的抗议也无人理{J}会。"),
        ("中国共失去土地（包括库页岛）。", f"中国共失去土地（包括库页{J}岛）。"),
        ("这片土地属于谁？", f"这片土地属于{J}谁？"),
        ("背景", f"背{J}景"),
        ("谈", "谈"),
        ("开放字体许可证 1.1。", "开放字体许可证 1.1。"),  # ends in digits: no lone character
        ("沿海 GSHHG", "沿海 GSHHG"),
        ("收到。\n第二段", f"收{J}到。\n第二{J}段"),  # each paragraph
        # a number stays with its unit
        ("1858年5月28日，", f"1858{J}年5{J}月28{J}日，"),
        ("约60万平方公里的土地", f"约60{J}万{J}平{J}方{J}公{J}里的土{J}地"),
        ("共失去100多万平方公里土地", f"共失去100{J}多{J}万{J}平{J}方{J}公{J}里土{J}地"),
        ("1858至1860年间", f"1858至1860{J}年{J}间"),
    ],
)
def test_chinese(text, expected):
    assert typeset(text, "zh-Hans") == expected


def test_chinese_names_never_break_longest_first():
    assert typeset("黑龙江以北", "zh-Hans", ["黑龙江"]) == f"黑{J}龙{J}江以{J}北"
    # "江东" inside "黑龙江东岸" is not the name 江东: the longer name takes its place first
    assert (
        typeset("黑龙江东岸，江东六十四屯", "zh-Hans", ["江东", "黑龙江"])
        == f"黑{J}龙{J}江东岸，江{J}东六十四{J}屯"
    )
    # Latin words in a name: a no-break space between them, no joiner inside a word
    assert typeset("地图 Tom Patterson 绘", "zh", ["Tom Patterson"]) == f"地图 Tom{S}Patterson 绘"


def test_names_in_titles_are_each_bracket_apart():
    titles = ["布拉戈维申斯克（海兰泡）", "瑷珲", "尼", None, "Благовещенск (Хайланьпао)", "瑷珲"]
    assert names_in(titles) == [
        "布拉戈维申斯克",
        "海兰泡",
        "瑷珲",
        "Благовещенск",
        "Хайланьпао",
    ]


def test_chinese_numbers():
    assert [chinese_number(n) for n in (0, 9800, 10_000, 78_000, 610_000, 612_345)] == [
        "0",
        "9800",
        "1万",
        "7.8万",
        "61万",
        "61.2345万",
    ]
    assert chinese_number(120_000_000) == "1.2亿" and chinese_number(-78_000) == "-7.8万"
    assert [round_significant(x) for x in (0.4, 8437, 99_960, 615_000, 625_000)] == [
        0,
        8400,
        100_000,
        620_000,
        630_000,  # half up, as JavaScript's Math.round (I18n.area), not Python's round
    ]


@pytest.mark.parametrize(
    ("km2", "expected"),
    [
        (611_752, "61万平方公里"),
        (612_000, "61万平方公里"),
        (78_349, "7.8万平方公里"),
        (78_000, "7.8万平方公里"),
        (310_608, "31万平方公里"),
        (1_040_000, "100万平方公里"),
        (8_437, "8400平方公里"),
    ],
)
def test_chinese_area(km2, expected):
    assert format_area_zh(km2) == expected


# -- other languages, StyledText ------------------------------------------------------------


def test_english_and_others_are_unchanged():
    text = "In 1850 a post — see 28 May 1858 (about 600 000 km²)."
    assert typeset(text, "en") == text
    assert typeset(text, "de") == text
    assert typeset("", "ru") == ""


def test_styled_text_tags_and_entities_stay_and_a_no_break_space_is_an_entity():
    assert (
        typeset("<b>Шрифты</b> — Noto и <i>в 1858 г.</i>", "ru", markup=True)
        == "<b>Шрифты</b>&nbsp;— Noto и&nbsp;<i>в&nbsp;1858&nbsp;г.</i>"
    )
    assert typeset("5 &lt; 6 и &amp; в дом", "ru", markup=True) == (
        "5 &lt; 6 и&nbsp;&amp; в&nbsp;дом"
    )
    assert typeset("около 600&nbsp;000 км²", "ru", markup=True) == "около 600&nbsp;000&nbsp;км²"
    # a tag between two characters of a name: the joiner goes next to the character
    assert (
        typeset("<b>黑龙</b>江以北<br>理会。", "zh-Hans", ["黑龙江"], markup=True)
        == f"<b>黑{J}龙</b>{J}江以{J}北<br>理{J}会。"
    )
    # without markup, a tag is text like any other
    assert typeset("<b>в дом</b>", "ru") == f"<b>в{S}дом</b>"


# -- for every text: idempotent, nothing visible changed -------------------------------------


def shown(text: str, markup: bool) -> str:
    """What a reader sees: joiners are nothing, a no-break space is a space."""
    if markup:
        text = text.replace("&nbsp;", " ")
    return text.replace(WORD_JOINER, "").replace(NBSP, " ")


def shipped_texts() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(value):
        if isinstance(value, dict):
            for key, v in value.items():
                if isinstance(v, str) and key in ("en", "ru", "zh-Hans"):
                    found.append((key, v))
                else:
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8")))
    return found


NAMES = ["黑龙江", "穆拉维约夫", "外兴安岭", "江东六十四屯", "И Шань", "Николай Муравьёв"]


def random_texts(n: int) -> list[str]:
    pieces = [" ", "  ", "\n", "в", "И", "ок", "—", "–", "-", "600", "000", "1858", "г.", "км²",
              "с", ".", "P.", "т.", "е.", "《", "》", "黑", "龙江", "年", "万", "平方公里", "。",
              "）", "（", "<b>", "</b>", "&nbsp;", "&amp;", "&#x2060;", J, S, "*", "**"]  # fmt: skip
    rng = random.Random(1858)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(n)]


def test_idempotent_and_nothing_visible_changes():
    cases = [(lang, text) for lang, text in shipped_texts()]
    cases += [(lang, t) for t in random_texts(3000) for lang in ("ru", "zh-Hans")]
    assert len(cases) > 6000
    changed = 0
    for lang, text in cases:
        for markup, source in ((False, text), (True, inline(text))):
            once = typeset(source, lang, NAMES, markup=markup)
            assert typeset(once, lang, NAMES, markup=markup) == once, (lang, source)
            assert shown(once, markup) == shown(source, markup), (lang, source)
            if markup:  # tags and entities are untouched, none inserted inside one
                tags = re.compile(r"<[^<>]*>|&#?\w+;")
                assert [t for t in tags.findall(once) if t != "&nbsp;"] == [
                    t for t in tags.findall(source) if t != "&nbsp;"
                ], (lang, source)
            changed += once != source
    assert changed > 1000  # the rules did something (a test that cannot fail is no test)
