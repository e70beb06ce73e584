#!/usr/bin/env bash
# The static checks (.ci/run runs them before the tests; run them before you commit):
# ruff (lint and format), mypy (config in pyproject.toml), qmllint with the backends' types.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin
"$PY/ruff" check --quiet .
"$PY/ruff" format --check --quiet .
"$PY/mypy" --no-error-summary
"$PY/python" tools/qmllint.py
echo "static checks: ruff, mypy, qmllint passed"
