#!/usr/bin/env bash
# Goes back to the version the last upgrade replaced (tools/upgrade.sh keeps it in releases/):
# checks content.yaml with it first, switches, restarts kiosk.service if it is running.
# Run it again to return. --force: switch even if that version finds errors in content.yaml.
set -euo pipefail
exec bash "$(dirname "$0")/upgrade.sh" --rollback "$@"
