"""tools/qmllint.py: the QML has no qmllint warnings, with the Python backends' types known."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("qmllint_tool", ROOT / "tools" / "qmllint.py")
qmllint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qmllint)


def test_the_qml_has_no_warnings():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "qmllint.py")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and "no warnings" in lines[0], done.stdout
    assert done.stderr == ""


def test_the_backend_types_say_what_python_says(tmp_path):
    qmltypes = (
        qmllint.build_types(tmp_path) / "Kiosk" / "Backend" / "plugins.qmltypes"
    ).read_text()
    # the singletons and models QML uses, under their QML names
    for name in ["Exhibit", "ExhibitMap", "Navigation", "Staff", "PageList", "ShapeList"]:
        assert f'exports: ["Kiosk.Backend/{name} 1.0"]' in qmltypes
    # constant=True reaches qmllint (metaobjectdump alone drops it), floats are doubles
    pages = qmltypes[qmltypes.index('name: "pages"') :].split("}")[0]
    assert "isPropertyConstant: true" in pages
    assert 'type: "float"' not in qmltypes


def test_a_warning_fails(tmp_path, monkeypatch):
    bad = tmp_path / "Bad.qml"
    bad.write_text("import QtQuick\nItem { width: nowhere }\n", encoding="utf-8")
    monkeypatch.setattr(qmllint, "REPO", tmp_path)
    problems = qmllint.lint(qmllint.build_types(tmp_path / "types"), [bad])
    assert problems and problems[0].startswith("Bad.qml:2:")
