"""A curator's broken edit never reaches visitors: the kiosk starts with the last good content."""

from __future__ import annotations

import logging


def test_broken_content_at_start_shows_the_last_good_version(
    open_kiosk, write_content, minimal, caplog
):
    path = write_content(minimal)
    first = open_kiosk(path)
    assert first.find("attractTitle").property("text") == "Test exhibit"
    first.kiosk.close()

    write_content(
        minimal.replace("title: Test exhibit", "title: New exhibit").replace(
            "label: Two", "label: no"
        )
    )
    with caplog.at_level(logging.ERROR):
        visitor = open_kiosk(path)
    assert visitor.find("attractTitle").property("text") == "Test exhibit"
    messages = [r.getMessage() for r in caplog.records]
    assert (
        f"{path}:10:12: pages[1].label: expected text, but YAML reads yes/no/on/off/true/false as a "
        "yes-or-no value; put the text in quotes" in messages
    )
    assert any("showing its last good version" in m for m in messages)
