"""Test set-up shared by every test: offscreen Qt, no log files in the user's folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before PySide6 is imported anywhere
os.environ.setdefault("QT_QUICK_BACKEND", "software")  # the same pixels on every machine
os.environ.setdefault("KIOSK_AUDIO", "null")  # tests hear nothing (and need no sound card)

import pytest
from PySide6.QtGui import QGuiApplication

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CONTENT = ROOT / "content.yaml"


@pytest.fixture(scope="session")
def qapp_cls():
    return QGuiApplication


@pytest.fixture(autouse=True, scope="session")
def _data_dir(tmp_path_factory):
    os.environ["KIOSK_DATA_DIR"] = str(tmp_path_factory.mktemp("kiosk-data"))
    os.environ["KIOSK_CONFIG_DIR"] = str(
        tmp_path_factory.mktemp("kiosk-config")
    )  # never the real PIN


@pytest.fixture
def shipped_content() -> Path:
    """The exhibit's real content.yaml."""
    return SHIPPED_CONTENT


@pytest.fixture
def write_content(tmp_path):
    """Write a content file (and a small valid picture, pic.png) into a fresh folder."""
    shutil.copy(ROOT / "tests" / "data" / "pic.png", tmp_path / "pic.png")

    def write(text: str | bytes, name: str = "content.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def minimal() -> str:
    """A small valid content file (tests/data/minimal.yaml) to vary."""
    return (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def shipped_variant(tmp_path):
    """The shipped content.yaml with some lines changed, beside the real assets."""

    def make(*replacements: tuple[str, str]) -> Path:
        text = SHIPPED_CONTENT.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"not in content.yaml: {old!r}"
            text = text.replace(old, new, 1)
        (tmp_path / "assets").symlink_to(ROOT / "assets")
        path = tmp_path / "content.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return make
