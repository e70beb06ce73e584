"""Defence in depth: even a snapshot holding HTML (kiosk check refuses it in a content file)
shows it as typed - no picture is loaded, no request leaves the kiosk."""

from __future__ import annotations

import copy
import dataclasses
import http.server
import threading

import pytest


@pytest.fixture
def web_server():
    """A server on loopback that counts the requests it gets (none are expected)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_html_and_links_in_texts_are_shown_as_typed_and_fetch_nothing(
    open_kiosk, shipped_content, web_server, tmp_path
):
    url, hits = web_server
    visitor = open_kiosk(shipped_content)
    snapshot = visitor.kiosk.content
    data = copy.deepcopy(snapshot.data)
    title = f'<img src="{url}/title.png">Hello'
    data["pages"][0]["title"] = title
    data["pages"][0]["body"] = (
        f'![z]({url}/body.png) <img src="{url}/img.png"> [a link]({url}/link) '
        "<table><tr><td>x</td></tr></table> **bold**"
    )
    data["map"]["hotspots"][0]["text"] = f'<img src="{url}/spot.png"> ![s]({url}/spot2.png)'
    visitor.kiosk.exhibit.set_content(dataclasses.replace(snapshot, data=data))
    visitor.enter("background")
    heading = visitor.find("title_background")
    visitor.qtbot.waitUntil(lambda: heading.property("text") == title)  # the tag, as typed
    assert heading.property("contentWidth") > 300  # drawn as text, not as a (missing) picture
    visitor.tap("nav_map")
    visitor.go("map")
    visitor.tap("hotspot_aigun")
    visitor.qtbot.waitUntil(visitor.find("hotspotPopup").isVisible)
    visitor.next_frame()
    visitor.qtbot.wait(500)  # time for any request to arrive
    assert hits == []
