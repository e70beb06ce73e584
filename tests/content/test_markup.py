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
        },
        {
            "text": "<b>One.</b> a list item that goes on",
            "plain": "One. a list item that goes on",
            "bullet": True,
        },
        {"text": "Two", "plain": "Two", "bullet": True},
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
        "content.yaml:7:12: pages[0].title: '<img src=\"file:///etc/x.png\">' is an HTML tag"
    )
