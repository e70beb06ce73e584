"""``python -m mapgen`` (from tools/): the same as ``python tools/make_map.py``."""

import sys
from pathlib import Path

# kiosk/ (the projection maths) without installing the app
REPO = str(Path(__file__).resolve().parents[2])
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from mapgen.cli import main  # noqa: E402 (after the path)

sys.exit(main())
