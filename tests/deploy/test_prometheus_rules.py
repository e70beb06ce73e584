"""deploy/prometheus: the alert rules and the scrape config are well-formed, every metric
they use is one the kiosk serves, and (when promtool is installed, or $PROMTOOL names it)
promtool checks them and runs their unit tests (kiosk-alerts.test.yml)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kiosk import metrics

PROMETHEUS = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"
RULES = PROMETHEUS / "kiosk-alerts.yml"
CONFIG = PROMETHEUS / "prometheus.yml"
PROMTOOL = os.environ.get("PROMTOOL") or shutil.which("promtool")
# PromQL's own words and Prometheus' own series, not metrics of the kiosk
PROMQL = {"up", "time", "increase", "sum_over_time", "and", "on", "instance", "job", "result"}


def served() -> set[str]:
    """Every series name the kiosk's /metrics has."""
    from prometheus_client import generate_latest

    m = metrics.Metrics()
    text = generate_latest(m.registry).decode()
    return {line.split("{")[0].split()[0] for line in text.splitlines() if not line.startswith("#")}


def rules() -> list[dict]:
    doc = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    assert set(doc) == {"groups"}
    found = []
    for group in doc["groups"]:
        assert set(group) <= {"name", "interval", "rules"} and group["name"]
        for rule in group["rules"]:
            assert ("alert" in rule) != ("record" in rule)
            assert set(rule) <= {"alert", "record", "expr", "for", "labels", "annotations"}
            assert isinstance(rule["expr"], str) and rule["expr"].strip()
            if "alert" in rule:
                assert rule["labels"]["severity"] in ("page", "ticket")
                assert rule["annotations"]["summary"] and rule["annotations"]["description"]
            found.append(rule)
    return found


def test_the_alerts_the_fleet_needs():
    by_name = {r["alert"]: r["expr"] for r in rules() if "alert" in r}
    assert set(by_name) == {
        "KioskDown",
        "KioskScreenFrozen",
        "KioskUnusedWhileOpen",
        "KioskContentRejected",
    }
    assert by_name["KioskScreenFrozen"].strip() == (
        "time() - kiosk_last_frame_timestamp_seconds > 120"
    )
    assert by_name["KioskContentRejected"].strip() == (
        'increase(kiosk_content_reloads_total{result="rejected"}[1h]) > 0'
    )
    assert "kiosk_open" in by_name["KioskUnusedWhileOpen"]


def test_every_metric_the_rules_use_is_served():
    names = served()
    assert {"kiosk_sessions_total", "kiosk_build_info", "kiosk_open"} <= names
    for rule in rules():
        expr = re.sub(r'"[^"]*"', "", rule["expr"])  # no label values
        expr = re.sub(r"\[[^\]]*\]", "", expr)  # no ranges
        words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", expr)) - PROMQL
        assert words <= names, f"{rule.get('alert')}: not served: {words - names}"


def test_the_scrape_config():
    doc = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert doc["rule_files"] == ["kiosk-alerts.yml"]
    (job,) = doc["scrape_configs"]
    assert job["job_name"] == "kiosk"  # the alerts' up{job="kiosk"}
    assert all(t.endswith(":9469") for c in job["static_configs"] for t in c["targets"])
    assert job["file_sd_configs"][0]["files"]


@pytest.mark.skipif(
    PROMTOOL is None, reason="promtool is not installed (apt-get install prometheus)"
)
def test_promtool_checks_the_rules_and_their_unit_tests():
    assert PROMTOOL is not None
    for args in (["check", "rules", RULES.name], ["test", "rules", "kiosk-alerts.test.yml"]):
        out = subprocess.run(
            [PROMTOOL, *args], cwd=PROMETHEUS, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stdout + out.stderr
