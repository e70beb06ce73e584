#!/usr/bin/env bash
# The README's picture of a visitor report: a simulated week of visits on three kiosks
# (tests/report/simulate.py, seeded), made into a report by kiosk report, and the top of
# report.html photographed by a headless Chromium (Debian: apt-get install chromium).
#   tools/report_screenshot.sh [OUT.png]     (default docs/screenshots/report.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots/report.png}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "needs Chromium: apt-get install chromium" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python tests/report/simulate.py "$work/kiosks" >/dev/null
.venv/bin/kiosk report "$work"/kiosks/*/analytics.sqlite3 --timezone Europe/Moscow --out "$work/report"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
  --screenshot="$out" "file://$work/report/report.html" 2>/dev/null
echo "wrote $out"
