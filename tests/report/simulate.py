"""A simulated week of visits on three kiosks (seeded: the same every run), for looking at
the report with realistic numbers: ``python tests/report/simulate.py OUT_FOLDER`` writes
``OUT_FOLDER/<kiosk>/analytics.sqlite3``; then ``kiosk report OUT_FOLDER/*/analytics.sqlite3``."""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reportdata import make_db

CHAPTERS = ["background", "negotiations", "terms", "aftermath"]
LAYERS = ["1689", "1858", "1860"]
PLACES = ["aigun", "nerchinsk", "blagoveshchensk", "khabarovsk", "sixty-four-villages"]
CONTROLS = ["text_size", "contrast", "audio", "see_on_map", "picture", "next", "home"]
KIOSKS = [  # name, visits per open hour, languages and their weights
    ("entrance", 9, (["en", "ru", "zh-Hans"], [3, 5, 2])),
    ("upper hall", 4, (["en", "ru", "zh-Hans"], [2, 6, 2])),
    ("map room", 6, (["en", "ru", "zh-Hans"], [3, 4, 3])),
]


def visit(rng: random.Random, languages: tuple[list[str], list[int]]) -> tuple:
    language = rng.choices(*languages)[0]
    events = [(0.0, "language", language), (0.0, "page", "background")]
    t, touches = 0.0, 1
    if rng.random() < 0.22:  # a bounce: one touch, gone
        return 0.0, touches, events
    reached = 1
    while True:
        t += rng.lognormvariate(3.0, 0.7)
        touches += 1
        r = rng.random()
        if r < 0.08 and language != "en":
            events.append((t, "language", "en"))
        elif r < 0.30:
            events.append((t, "page", "map"))
            for _ in range(rng.randint(0, 4)):
                t += rng.lognormvariate(2.0, 0.6)
                touches += 1
                kind, value = rng.choice(
                    [("layer", rng.choice(LAYERS)), ("place", rng.choice(PLACES))]
                )
                events.append((t, kind, value))
        elif r < 0.40:
            events.append((t, "control", rng.choice(CONTROLS)))
        elif reached < len(CHAPTERS):
            events.append((t, "control", "next"))
            events.append((t, "page", CHAPTERS[reached]))
            reached += 1
        elif r < 0.5:
            events.append((t, "page", "credits"))
        if rng.random() < 0.18:
            break
    return round(t, 1), touches, events


def week(folder: Path, start: datetime = datetime(2026, 3, 2)) -> list[Path]:
    rng = random.Random(1858)
    made = []
    for i, (name, per_hour, languages) in enumerate(KIOSKS):
        sessions = []
        for day in range(7):
            if day == 0:  # closed on Mondays
                continue
            for hour in range(10, 18):  # opening hours in Moscow time (UTC+3)
                for _ in range(rng.randint(0, 2 * per_hour)):
                    minute = rng.randrange(0, 60, 15)
                    started = start + timedelta(days=day, hours=hour - 3, minutes=minute)
                    duration, touches, events = visit(rng, languages)
                    ended = "closed" if hour == 17 and rng.random() < 0.1 else "reset"
                    sessions.append(
                        (started.strftime("%Y-%m-%dT%H:%MZ"), duration, touches, ended, events)
                    )
        sessions.sort(key=lambda s: s[0])
        (folder / name.replace(" ", "-")).mkdir(parents=True, exist_ok=True)
        made.append(
            make_db(
                folder / name.replace(" ", "-") / "analytics.sqlite3",
                name,
                f"{i + 1:08x}-5eed-4000-8000-000000000000",
                sessions,
            )
        )
    return made


if __name__ == "__main__":
    for path in week(Path(sys.argv[1])):
        print(path)
