"""YAML syntax errors in plain words, at the line of the mistake, with the fix (issue 14)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kiosk import cli
from kiosk.content import yamlload
from kiosk.content.issues import ContentError
from kiosk.content.yamlsyntax import syntax_issue

SHIPPED = (Path(__file__).resolve().parents[2] / "content.yaml").read_text(encoding="utf-8")
JARGON = re.compile(
    r"token|scalar|block mapping|flow mapping|block end|stream|indicator|<[^>]*>|YAML syntax error"
)


@pytest.fixture(
    params=["libyaml", "python"]
    if yaml.__with_libyaml__
    else [pytest.param("libyaml", marks=pytest.mark.skip), "python"]
)
def parser(request, monkeypatch):
    """Each test with libyaml's parser (what the kiosk uses) and PyYAML's own."""
    if request.param == "python":
        monkeypatch.setattr(yamlload, "_Loader", yamlload._PyLoader)
    return request.param


def error(text: str) -> str:
    with pytest.raises(ContentError) as e:
        yamlload.parse_yaml(text.encode("utf-8"), "content.yaml")
    (issue,) = e.value.issues
    assert issue.loc == ()
    return str(issue)


def shipped(old: str, new: str) -> tuple[str, int]:
    """The shipped content.yaml with one change, and the line (1-based) the change is on."""
    assert SHIPPED.count(old) >= 1, old
    at = SHIPPED.index(old)
    return SHIPPED[:at] + new + SHIPPED[at + len(old) :], SHIPPED.count("\n", 0, at) + 1


def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


# --- 1. an unclosed quote, found where it opens, not where the parser gives up -------


def unclosed(n: int, col: int, quote: str = '"') -> str:
    return (
        f"content.yaml:{n}:{col}: the text that starts with a quote on line {n} never closes it: "
        f"add the closing {quote} at the end of the text"
    )


@pytest.mark.parametrize(
    "old, new, col",
    [
        # a page's body (and the next quote in the file is 50 lines further down)
        (
            SHIPPED[
                SHIPPED.index("      en: |\n        Under the Treaty") : SHIPPED.index(
                    "      ru: |\n        По Нерчинскому"
                )
            ],
            '      en: "Under the Treaty of Nerchinsk of 1689, the land belonged to Qing China.\n',
            11,
        ),
        # a page's title
        ("      en: Six tense days at Aigun", '      en: "Six tense days at Aigun', 11),
        # a "look closer" spot's long text
        (
            "            en: Founded in 1856 as the Ust-Zeysky post",
            '            en: "Founded in 1856 as the Ust-Zeysky post',
            17,
        ),
        # inside { } : the quote runs on to the next map_view's
        ('map_view: {layer: "1858", lon', 'map_view: {layer: "1858, lon', 23),
        # a quoted text that lost its closing quote (the next quote is in a comment)
        ('    zh-Hans: "{seconds}秒后重新开始"', '    zh-Hans: "{seconds}秒后重新开始', 14),
        # inside [ ]
        ("show: [qing-1689, undetermined", 'show: ["qing-1689, undetermined', 14),
        # the last text of the file: the quote runs to the end of the file
        ("  software:\n    en: |", '  software:\n    en: "', 9),
    ],
    ids=["page-body", "title", "spot-text", "map-view", "ui-text", "list", "end-of-file"],
)
def test_an_unclosed_double_quote_is_found_where_it_opens(parser, old, new, col):
    text, n = shipped(old, new)
    n += new.count("\n", 0, new.index('"'))
    assert error(text) == unclosed(n, col)


def test_an_unclosed_single_quote_is_found_where_it_opens(parser):
    text, n = shipped("      en: Six tense days at Aigun", "      en: 'Six tense days at Aigun")
    assert error(text) == unclosed(n, 11, "'")
    # '' is a quote inside single quotes: it does not close the text
    assert error("a: 'it''s here\nb: 1\n") == unclosed(1, 4, "'")


def test_a_quoted_text_over_two_lines_is_not_taken_for_an_unclosed_quote(parser):
    text = 'a: "two\n  lines"\nb: c: d\n'
    assert error(text) == (
        "content.yaml:3:5: the text on line 3 contains ': ' - put the whole text in double quotes: "
        'b: "c: d"'
    )


def test_quotes_in_comments_plain_text_and_texts_after_a_bar_are_not_quotes(parser):
    text = (
        '# a "note\'\na: don\'t "worry"\nb: |\n  a "quote\nc: {d: "e", f: \'g\'}  # "\nh: "open\n'
    )
    assert error(text) == unclosed(6, 4)


def test_text_after_the_closing_quote(parser):
    text, n = shipped("      en: Six tense days at Aigun", '      en: "Six tense" days at Aigun')
    assert error(text) == (
        f'content.yaml:{n}:23: the text on line {n} goes on after its closing quote: move the " to '
        "the end of the text"
    )
    assert error('a: "b"\n  c\n') == (
        'content.yaml:2:3: line 2 goes on with the text of line 1 after its closing quote: move the " '
        "to the end of the text"
    )


# --- 2. a tab -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, col",
    [
        ("    title:\n      en: Six tense", "\ttitle:\n      en: Six tense", 1),
        ("      en: Six tense", "  \t  en: Six tense", 3),
        ("  - id: terms", "\t- id: terms", 1),
    ],
)
def test_a_tab_used_to_indent(parser, old, new, col):
    text, n = shipped(old, new)
    n += new.count("\n", 0, new.index("\t"))
    assert (
        error(text) == f"content.yaml:{n}:{col}: line {n} uses a tab to indent: use spaces instead"
    )


# --- 3. indentation that does not line up ---------------------------------------------


def test_a_language_line_indented_more_than_the_one_above(parser):
    text, n = shipped("      ru: Шесть напряжённых", "       ru: Шесть напряжённых")
    assert error(text) == (
        f"content.yaml:{n}:8: line {n} is indented more than the line above it (line {n - 1}): keys "
        f"of one section must line up (line {n - 1} has 6 spaces, line {n} has 7)"
    )


def test_a_language_line_indented_less_than_the_one_above(parser):
    text, n = shipped("      ru: Шесть напряжённых", "     ru: Шесть напряжённых")
    assert error(text) == (
        f"content.yaml:{n}:6: line {n} is indented less than the line above it (line {n - 1}): keys "
        f"of one section must line up (line {n - 1} has 6 spaces, line {n} has 5)"
    )


def test_the_line_out_of_line_is_named_even_when_the_parser_notices_on_the_next(parser):
    # ru at 4 spaces is read as a key of the page; the parser stumbles on zh-Hans below it
    text, n = shipped("      ru: Шесть напряжённых", "    ru: Шесть напряжённых")
    assert error(text) == (
        f"content.yaml:{n}:5: line {n} is indented less than the line above it (line {n - 1}): keys "
        f"of one section must line up (line {n - 1} has 6 spaces, line {n} has 4)"
    )


@pytest.mark.parametrize("spaces", [3, 5])
def test_a_page_key_out_of_line_is_compared_with_its_section(parser, spaces):
    text, n = shipped(
        "    title:\n      en: Six tense", " " * spaces + "title:\n      en: Six tense"
    )
    label = line_of(text, "    label:\n      en: Negotiations")
    more_or_less = "more" if spaces > 4 else "less"
    assert error(text) == (
        f"content.yaml:{n}:{spaces + 1}: line {n} is indented {more_or_less} than line {label} above "
        f"it: keys of one section must line up (line {label} has 4 spaces, line {n} has {spaces})"
    )


@pytest.mark.parametrize("spaces", [1, 3])
def test_a_list_item_out_of_line(parser, spaces):
    text, n = shipped("  - id: terms", " " * spaces + "- id: terms")
    item = line_of(text, "  - id: negotiations")
    assert error(text) == (
        f"content.yaml:{n}:{spaces + 1}: line {n} is indented {'more' if spaces > 2 else 'less'} than "
        f"line {item} above it: items of one list must line up (line {item} has 2 spaces, line {n} "
        f"has {spaces})"
    )


def test_a_key_in_line_with_list_items(parser):
    assert error("a:\n  - b: 1\n  c: d\n") == (
        "content.yaml:3:3: line 3 is indented like the list items ('- ') of line 2, but does not "
        "start with '- ': indent it as far as the keys of that item, or start it with '- '"
    )


def test_text_under_a_bar_that_is_not_indented(parser):
    text, n = shipped("        China was fighting", "      China was fighting")
    assert error(text) == (
        f"content.yaml:{n}:7: the text on line {n} must be indented more than line {n - 1} "
        f"('en: |'): add spaces before it"
    )


def test_a_line_without_its_colon(parser):
    text, n = shipped("      en: Six tense days at Aigun", "      en Six tense days at Aigun")
    assert error(text) == (
        f"content.yaml:{n}:7: line {n} has no ': ' after a key: write it as 'key: text', or, if it "
        "goes on with the text of the line above, indent it more than that line"
    )


# --- 4. ': ' in a text without quotes ---------------------------------------------------


def test_a_text_containing_colon_space(parser):
    text, n = shipped("      en: Six tense days at Aigun", "      en: The treaty: a border moves")
    assert error(text) == (
        f"content.yaml:{n}:21: the text on line {n} contains ': ' - put the whole text in double "
        'quotes: en: "The treaty: a border moves"'
    )


def test_a_long_text_containing_colon_space_gets_the_advice_only(parser):
    old = "            en: The treaty was signed here on 28 May 1858 by Muravyov,"
    text, n = shipped(old, old.replace("here on", "here: on"))
    assert error(text) == (
        f"content.yaml:{n}:43: the text on line {n} contains ': ' - put the whole text in double "
        "quotes"
    )


def test_a_text_with_quotes_and_colon_space_is_fixed_with_its_quotes_kept(parser):
    assert error('a: Say "no": never\n') == (
        "content.yaml:1:12: the text on line 1 contains ': ' - put the whole text in double quotes: "
        'a: "Say \\"no\\": never"'
    )


# --- 5. a stray '- ' ----------------------------------------------------------------


def stray(n: int, col: int) -> str:
    return (
        f"content.yaml:{n}:{col}: line {n} starts a list item ('- ') where a key was expected: "
        "remove the '- ' or indent it under a list"
    )


@pytest.mark.parametrize(
    "old, new, col",
    [
        ("    title:\n      en: Six tense", "    - title:\n      en: Six tense", 5),  # a page key
        ("      ru: Шесть напряжённых", "      - ru: Шесть напряжённых", 7),  # a language
        ("# The screen shown while", "- stray\n# The screen shown while", 1),  # between sections
        ("  - id: terms", "    - id: terms", 5),  # a page indented as far as the keys above
    ],
)
def test_a_stray_list_item(parser, old, new, col):
    text, n = shipped(old, new)
    assert error(text) == stray(n, col)


# --- the other hints, in the same words --------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "a: [b, c\nd: e\n",
            "1:4: the list that starts with [ on line 1 is never closed: add the ] at its end",
        ),
        (
            "attract: [\n",
            "1:10: the list that starts with [ on line 1 is never closed: add the ] at its end",
        ),
        (
            "a: {b: 1\nc: d\n",
            "1:4: the section that starts with { on line 1 is never closed: add the } at its end",
        ),
        ("a: [b, c]]\n", "1:10: line 1 has a ] that closes nothing: remove it"),
        (
            'a: [b, "c" d]\n',
            '1:12: the text on line 1 goes on after its closing quote: move the " to the end of the text',
        ),
        (
            "a: 1\n---\nb: 2\n",
            "2:1: remove line 2 ('---'): it starts a second document, and a content file holds one",
        ),
        (
            "a: *star\n",
            "1:4: the text on line 1 starts with '*', which YAML does not allow there: put the whole "
            'text in double quotes: a: "*star"',
        ),
        (
            "a: @home\n",
            "1:4: the text on line 1 starts with '@', which YAML does not allow there: put the whole "
            'text in double quotes: a: "@home"',
        ),
        (
            "a: `code`\n",
            "1:4: the text on line 1 starts with '`', which YAML does not allow there: put the whole "
            'text in double quotes: a: "`code`"',
        ),
        (
            'a: "C:\\Users"\n',
            "1:7: the text on line 1 has '\\U', which means something else inside double quotes: "
            "write '\\\\' for a backslash, or use single quotes (') around the text",
        ),
        (
            'a: "one \\q two"\n',
            "1:9: the text on line 1 has '\\q', which means something else inside double quotes: "
            "write '\\\\' for a backslash, or use single quotes (') around the text",
        ),
        (
            "a: | text\n",
            "1:6: on line 1, nothing may follow '|' but a comment: start the text on the next line, "
            "indented",
        ),
    ],
    ids=[
        "unclosed-list",
        "unclosed-list-at-end",
        "unclosed-braces",
        "extra-bracket",
        "text-after-quote-in-list",
        "second-document",
        "star",
        "at",
        "backtick",
        "escape-u",
        "escape-q",
        "text-after-bar",
    ],
)
def test_other_mistakes_in_plain_words(parser, text, expected):
    assert error(text) == f"content.yaml:{expected}"


def test_anything_else_is_said_without_the_parser_s_words():
    class Mark:
        line, column = 1, 4

    err = yaml.MarkedYAMLError(
        "while parsing a block mapping",
        None,
        "expected <block end>, but found '<scalar>'",
        Mark(),  # type: ignore[arg-type]
    )
    assert str(syntax_issue("content.yaml", "a: b\nc d e\n", err)) == (
        "content.yaml:2:5: the file is not valid YAML at line 2: a line is indented wrongly, or a "
        "text containing ': ' needs double quotes; compare this line with the lines around it"
    )
    err = yaml.MarkedYAMLError(None, None, "found a scalar token where none belongs", Mark())  # type: ignore[arg-type]
    assert str(syntax_issue("content.yaml", "a: b\nc d e\n", err)) == (
        "content.yaml:2:5: the file is not valid YAML at line 2: this line cannot be read; compare "
        "this line with the lines around it"
    )


# --- the curator's console ------------------------------------------------------------

BROKEN = [
    ("      en: Six tense days at Aigun", '      en: "Six tense days at Aigun'),
    ('map_view: {layer: "1858", lon', 'map_view: {layer: "1858, lon'),
    ("    title:\n      en: Six tense", "\ttitle:\n      en: Six tense"),
    ("      ru: Шесть напряжённых", "       ru: Шесть напряжённых"),
    ("      en: Six tense days at Aigun", "      en: The treaty: a border moves"),
    ("    title:\n      en: Six tense", "    - title:\n      en: Six tense"),
    ("show: [qing-1689, undetermined-1689, border-1689]", "show: [qing-1689"),
    ("      en: Six tense days at Aigun", "      en: @Six tense days at Aigun"),
    ("# The screen shown while", "---\n# The screen shown while"),
]


def test_kiosk_check_speaks_no_parser_jargon(tmp_path, capsys):
    seen = []
    for i, (old, new) in enumerate(BROKEN):
        path = tmp_path / f"content{i}.yaml"
        path.write_text(shipped(old, new)[0], encoding="utf-8")
        assert cli.main(["check", str(path)]) == cli.EXIT_CONTENT
        out, err = capsys.readouterr()
        assert not JARGON.search(out + err), out + err
        first = out.splitlines()[0]
        assert first.startswith(f"{path}:")
        seen.append(first)
    assert len(set(seen)) == len(BROKEN)


def test_kiosk_check_of_an_unclosed_quote_through_the_command(tmp_path):
    path = tmp_path / "content.yaml"
    text, n = shipped("      en: Six tense days at Aigun", '      en: "Six tense days at Aigun')
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == cli.EXIT_CONTENT
    assert result.stdout.splitlines()[0] == (
        f"{path}:{n}:11: the text that starts with a quote on line {n} never closes it: add the "
        'closing " at the end of the text'
    )
    assert not JARGON.search(result.stdout + result.stderr)
