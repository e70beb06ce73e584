"""The README's curator example shows what `kiosk check` really prints for those mistakes."""

from __future__ import annotations

import shutil

from kiosk import cli


def test_readme_example_errors_are_true(shipped_content, tmp_path, capsys, monkeypatch):
    shutil.copytree(shipped_content.parent / "assets", tmp_path / "assets")
    text = shipped_content.read_text(encoding="utf-8")
    text = text.replace(
        "    title:\n      en: A river between two empires", "    titel:\n      en: A river", 1
    )
    text = text.replace("      en: Negotiations", "      en: no", 1)
    text = text.replace(
        "      file: assets/pictures/aigun-closeup.png",
        "      file: assets/pictures/Aigun-closeup.png",
        1,
    )
    (tmp_path / "content.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "content.yaml"]) == cli.EXIT_CONTENT
    printed = capsys.readouterr().out.splitlines()
    readme = (shipped_content.parent / "README.md").read_text(encoding="utf-8")
    assert len(printed) == 4
    for line in printed:
        assert line in readme, f"README does not show: {line}"
