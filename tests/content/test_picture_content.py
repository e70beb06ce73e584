"""A page picture's focus and "look closer" spots: checked with located errors, and
presented for QML (focus, spots with their Markdown as StyledText)."""

from __future__ import annotations

import pytest

from kiosk.content import ContentError, load_content, open_content
from kiosk.content.model import Image

SPOTS = """\
    image:
      file: pic.png
      caption: A picture.
      focus: {x: 0.25, y: 0.75}
      spots:
        - id: left
          x: 0.1
          y: 0.2
          title: Left
          text: "A **bold** word & 2 < 3."
          label_side: left
        - {id: right, x: 0.9, y: 0.8, title: Right, text: Plain.}
"""


def with_picture(minimal: str, picture: str) -> str:
    head, _ = minimal.split("    image:\n")
    return head + picture + "credits:\n  title: Credits\n  body: Nobody.\n"


def errors_of(path) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_content(path, display_name="content.yaml")
    return [str(i) for i in e.value.issues]


def test_focus_and_spots_are_read(write_content, minimal):
    loaded = load_content(write_content(with_picture(minimal, SPOTS)))
    image = loaded.model.pages[1].image
    assert image is not None and image.focus is not None
    assert (image.focus.x, image.focus.y) == (0.25, 0.75)
    assert [(s.id, s.x, s.y, s.label_side) for s in image.spots] == [
        ("left", 0.1, 0.2, "left"),
        ("right", 0.9, 0.8, "right"),
    ]


def test_both_are_optional(write_content, minimal):
    image = load_content(write_content(minimal)).model.pages[1].image
    assert image is not None and image.focus is None and image.spots == []


def test_a_spot_id_twice_in_one_picture_is_located(write_content, minimal):
    picture = SPOTS.replace("id: right", "id: left")
    assert errors_of(write_content(with_picture(minimal, picture))) == [
        "content.yaml:24:16: the 2nd page (two), image, the 2nd spot (left), id: the spot id 'left' is used twice in "
        "this picture (first at line 18); each spot needs its own id"
    ]


def test_the_same_spot_id_on_two_pictures_is_fine(write_content, minimal):
    text = with_picture(minimal, SPOTS)
    text = text.replace(
        "    body: First page.\n",
        "    body: First page.\n" + SPOTS.replace("id: right", "id: other"),
    )
    assert load_content(write_content(text)).model.pages[0].image is not None


@pytest.mark.parametrize(
    "old, new, where",
    [
        (
            "focus: {x: 0.25, y: 0.75}",
            "focus: {x: 1.5, y: 0.75}",
            "16:18: the 2nd page (two), image.focus.x: 1.5",
        ),
        (
            "x: 0.9, y: 0.8",
            "x: 0.9, y: -0.2",
            "24:34: the 2nd page (two), image, the 2nd spot (right), y: -0.2",
        ),
    ],
)
def test_a_place_off_the_picture_is_located(write_content, minimal, old, new, where):
    path = write_content(with_picture(minimal, SPOTS.replace(old, new)))
    assert errors_of(path) == [
        f"content.yaml:{where} is off the picture: write a fraction from 0 (the left or top "
        "edge) to 1 (the right or bottom edge), e.g. 0.5 for the middle"
    ]


def test_a_spot_needs_a_usable_id_and_its_texts(write_content, minimal):
    picture = SPOTS.replace("id: right", "id: Right Bank").replace(", text: Plain.", "")
    errors = errors_of(write_content(with_picture(minimal, picture)))
    assert errors == [
        "content.yaml:24:11: the 2nd page (two), image, the 2nd spot (Right Bank), text: is missing; add a line 'text: ...' here",
        "content.yaml:24:16: the 2nd page (two), image, the 2nd spot (Right Bank), id: 'Right Bank' is not a usable spot id: "
        "use lowercase letters, digits and '-', starting with a letter, at most 32 characters "
        "(for example: aigun)",
    ]


def test_the_schema_says_fractions(write_content):
    schema = Image.model_json_schema()["$defs"]["PictureSpot"]["properties"]
    assert (schema["x"]["minimum"], schema["x"]["maximum"]) == (0, 1)


def test_presented_for_qml(write_content, minimal, qapp):
    from kiosk.backend.exhibit import _image

    snapshot, _issues = open_content(write_content(with_picture(minimal, SPOTS)), None)
    img = snapshot.data["pages"][1]["image"]
    assert img is not None
    shown = _image(snapshot, img["file"], img["caption"], img["credit"], img["focus"], img["spots"])
    assert shown is not None and shown["focus"] == {"x": 0.25, "y": 0.75}
    left, right = shown["spots"]
    assert left["spotId"] == "left" and left["labelLeft"] and not right["labelLeft"]
    assert (left["x"], left["y"]) == (0.1, 0.2)
    assert left["title"] == {"en": "Left"}  # one text per offered language
    # Markdown as safe StyledText; the plain words for speech and screen readers
    assert left["text"] == {"en": "A <b>bold</b> word &amp; 2 &lt; 3."}
    assert left["plainText"] == {"en": "A bold word & 2 < 3."}
    # no focus given: the middle; no spots: none
    plain = _image(snapshot, img["file"], img["caption"], img["credit"])
    assert plain is not None and plain["focus"] == {"x": 0.5, "y": 0.5} and plain["spots"] == []


def test_the_shipped_closeup_has_its_spots(shipped_content):
    page = next(p for p in load_content(shipped_content).model.pages if p.id == "negotiations")
    assert page.image is not None and page.image.file == "assets/pictures/aigun-closeup.png"
    assert {s.id for s in page.image.spots} == {"aigun", "blagoveshchensk", "sixty-four-villages"}
