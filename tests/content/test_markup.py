"""Visitor text is text: the Markdown subset becomes safe StyledText; HTML and links are
reported, never interpreted."""

from __future__ import annotations

from kiosk.content.markup import blocks, plain, problems, styled


def test_paragraphs_bold_italic_and_lists():
    md = "First **bold** and *italic*.\n\n- **One.** a list item\n  that goes on\n- Two"
    assert blocks(md) == [
        {
            "text": "First <b>bold</b> and <i>italic</i>.",
            "plain": "First bold and italic.",
            "bullet": False,
            "lead": True,  # a paragraph of one sentence: the lead alone
        },
        {
            "text": "<b>One.</b> a list item that goes on",
            "plain": "One. a list item that goes on",
            "bullet": True,
            "lead": False,
        },
        {"text": "Two", "plain": "Two", "bullet": True, "lead": False},
    ]
    assert plain(md) == "First bold and italic.\nOne. a list item that goes on\nTwo"


def test_html_links_and_pictures_are_escaped_not_interpreted():
    md = '<img src="file:///etc/passwd"> <font color=red>x</font> ![z](file:///dev/zero) [a](http://127.0.0.1/)'
    (block,) = blocks(md)
    assert "<" not in block["text"].replace("<b>", "").replace("<i>", "")  # no tag survives
    assert block["text"].startswith('&lt;img src="file:///etc/passwd"&gt;')
    assert "![z](file:///dev/zero)" in block["text"]  # shown as typed


def test_chinese_lines_join_without_a_space_and_no_break_spaces_survive():
    assert blocks("黑龙江\n以北")[0]["text"] == "黑龙江以北"
    assert blocks("около 600\u00a0000\u00a0км²")[0]["text"] == "около 600&nbsp;000&nbsp;км²"


def test_a_star_that_is_not_emphasis_stays():
    assert blocks("5 * 3 = 15, a*b")[0]["text"] == "5 * 3 = 15, a*b"


def test_styled_joins_paragraphs_with_a_line_break():
    assert styled("One.\n\nTwo.") == "One.<br>Two."


def test_problems_name_tags_links_and_pictures():
    found = [m for _, m in problems("See <b>this</b>, ![p](x.png) and [a link](http://x)")]
    assert any(m.startswith("'<b>' is an HTML tag") for m in found)
    assert any(m.startswith("'![p](x.png)' is a picture") for m in found)
    assert any(m.startswith("'[a link](http://x)' is a link") for m in found)
    assert problems("Plain text with 3 < 4 and a [bracket] and **bold**.") == []


def test_kiosk_check_names_html_and_links_at_their_text(write_content, minimal):
    import pytest

    from kiosk.content import ContentError, load_content

    path = write_content(
        minimal.replace("    title: Page one", '    title: <img src="file:///etc/x.png">One')
    )
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    (issue,) = [str(i) for i in e.value.issues]
    assert issue.startswith(
        "content.yaml:7:12: the 1st page (one), title: '<img src=\"file:///etc/x.png\">' is an HTML tag"
    )


# -- the lead and typography -----------------------------------------------------------------


def leads(md: str, language: str | None = None, names=()) -> list[tuple[bool, str]]:
    return [(b["lead"], b["text"]) for b in blocks(md, language, names)]


def test_the_first_sentence_of_the_first_paragraph_is_the_lead():
    md = "Under the treaty. Russia wanted more.\n\nSecond paragraph. Not split."
    assert leads(md) == [
        (True, "Under the treaty."),
        (False, "Russia wanted more."),
        (False, "Second paragraph. Not split."),
    ]
    assert leads("One sentence only.\n\nMore.") == [(True, "One sentence only."), (False, "More.")]
    assert leads("Whose land? The map shows.") == [(True, "Whose land?"), (False, "The map shows.")]
    assert leads('He said "Go." Then they left.')[0] == (True, 'He said "Go."')
    assert leads("It ended in 1858. 1860 came.")[0] == (True, "It ended in 1858.")
    assert leads("清朝正忙。俄国东西。") == [(True, "清朝正忙。"), (False, "俄国东西。")]
    assert leads("据清方奏报：“开炮！”俄军不断。")[0] == (True, "据清方奏报：“开炮！”")


def test_initials_and_abbreviations_end_no_sentence():
    assert leads("St. Petersburg grew. Then")[0] == (True, "St. Petersburg grew.")
    assert leads("Maps by P. Wessel and W. H. F. Smith. More")[0] == (
        True,
        "Maps by P. Wessel and W. H. F. Smith.",
    )
    assert leads("Карта, т. е. земли. Ещё")[0] == (True, "Карта, т. е. земли.")
    assert leads("В 1858 г. Муравьёв подписал. Потом")[0] == (True, "В 1858 г. Муравьёв подписал.")
    assert leads("Ок. 1858 года. Потом")[0] == (True, "Ок. 1858 года.")
    assert leads("Things, e.g. Aigun, etc. and more. End")[0] == (
        True,
        "Things, e.g. Aigun, etc. and more.",
    )


def test_the_lead_never_splits_emphasis_and_a_text_starting_with_a_list_has_none():
    assert leads("**Bold one. Still bold.** Rest.") == [
        (True, "<b>Bold one. Still bold.</b>"),
        (False, "Rest."),
    ]
    assert [lead for lead, _ in leads("- One. Two.\n- Three\n\nA paragraph. Two.")] == [
        False,
        False,
        False,
    ]
    assert leads("") == []


def test_styled_and_plain_are_one_text_without_a_lead():
    assert styled("One. Two.") == "One. Two."
    assert plain("One. Two.\n\nThree.") == "One. Two.\nThree."


def test_a_language_typesets_each_block_and_plain_has_no_word_joiners():
    ru = blocks("Он шёл в город. Потом — домой.", "ru")
    assert [(b["text"], b["plain"], b["lead"]) for b in ru] == [
        ("Он шёл в&nbsp;город.", "Он шёл в\u00a0город.", True),
        ("Потом&nbsp;— домой.", "Потом\u00a0— домой.", False),
    ]
    (zh,) = blocks("黑龙江以北。", "zh-Hans", ["黑龙江"])
    assert zh["text"] == "黑\u2060龙\u2060江以\u2060北。"
    assert zh["plain"] == "黑龙江以北。"
    assert blocks("в дом", "en")[0]["text"] == "в дом"  # English: unchanged
    assert blocks("в дом")[0]["text"] == "в дом"  # no language: unchanged
    assert styled("理会。\n\n- 收到。", "zh-Hans") == "理\u2060会。<br>• 收\u2060到。"
    assert plain("в дом", "ru") == "в\u00a0дом"
    assert plain("理会。", "zh-Hans") == "理会。"
