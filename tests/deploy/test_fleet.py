"""deploy/fleet and deploy/FLEET.md: the roll-out puts the manifest last, the git-pull timer
runs its service, and the guide's commands are the ones the files use."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
FLEET = DEPLOY / "fleet"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(FLEET / name, encoding="utf-8")
    return parser


def test_the_timer_runs_the_pull_and_the_pull_only_fast_forwards():
    service, timer = unit("kiosk-content-pull.service"), unit("kiosk-content-pull.timer")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"] == "/usr/bin/git pull --ff-only --quiet"
    assert service["Service"]["WorkingDirectory"] == "%h/exhibit"
    assert timer["Timer"]["OnUnitActiveSec"] and timer["Install"]["WantedBy"] == "timers.target"


def test_the_drop_in_points_the_kiosk_at_the_exhibit_folder():
    text = (FLEET / "exhibit.conf").read_text(encoding="utf-8")
    assert "ExecStart=\nExecStart=" in text and '--content "%h/exhibit/content.yaml"' in text


def test_the_playbook_copies_the_manifest_last():
    (play,) = yaml.safe_load((FLEET / "rollout.yml").read_text(encoding="utf-8"))
    assert play["hosts"] == "kiosks" and play["serial"] and play["max_fail_percentage"] == 0
    assert "kiosk manifest" in play["pre_tasks"][0]["ansible.builtin.command"]["cmd"]
    files, last, wait = play["tasks"]
    opts = files["ansible.posix.synchronize"]["rsync_opts"]
    assert "--delay-updates" in opts and "--exclude=content.manifest" in opts
    assert last["ansible.posix.synchronize"]["src"].endswith("/content.manifest")
    assert "kiosk_build_info" not in wait["until"] and 'content="' in wait["until"]


def test_the_guide_says_how():
    guide = (DEPLOY / "FLEET.md").read_text(encoding="utf-8")
    for words in (
        "kiosk manifest",
        "--delay-updates",
        "--exclude=content.manifest",
        "sha256sum -c content.manifest",
        "kiosk-content-pull.timer",
        "fleet/rollout.yml",
        "prometheus/prometheus.yml",
        "kiosk_last_frame_timestamp_seconds",
        "settings.metrics.listen",
        "Syncthing",
    ):
        assert words in guide, words


def test_the_guide_links_to_files_that_exist():
    guide = (DEPLOY / "FLEET.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)\)", guide)
    local = [link for link in links if "://" not in link]
    assert "fleet/rollout.yml" in local
    for link in local:
        assert (DEPLOY / link).exists(), link
