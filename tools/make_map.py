#!/usr/bin/env python3
"""Generate the exhibit's base map of the Amur region (a developer tool).

    QT_QPA_PLATFORM=offscreen python tools/make_map.py [--out assets/map] [--width 3000]

A thin entry point: the generator is the package ``tools/mapgen/`` (see its
``__init__.py`` for what it draws and writes, and ``mapgen/aigun.json`` for the
Aigun-specific points and notes); ``--help`` lists the options.
"""

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
# the package (tools/mapgen) and kiosk/ (the projection maths), without installing anything
for folder in (TOOLS, TOOLS.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from mapgen.cli import main  # noqa: E402 (after the path)

if __name__ == "__main__":
    sys.exit(main())
