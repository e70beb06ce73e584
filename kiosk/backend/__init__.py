"""Small QObjects that QML talks to.  Importing this package registers them under the
QML module ``Kiosk.Backend`` (one instance of each per engine)."""

from .analytics import Analytics
from .exhibit import Exhibit
from .idle import ActivityFilter, Idle
from .keypad import Keypad
from .language import Language
from .maplabels import MapLabels
from .navigation import Navigation
from .reload import Reload
from .schedule import Schedule
from .session import Session
from .speech import Speech
from .staff import CornerGesture, Staff

QML_IMPORT_NAME = "Kiosk.Backend"

__all__ = [
    "QML_IMPORT_NAME",
    "ActivityFilter",
    "Analytics",
    "CornerGesture",
    "Exhibit",
    "Idle",
    "Keypad",
    "Language",
    "MapLabels",
    "Navigation",
    "Reload",
    "Schedule",
    "Session",
    "Speech",
    "Staff",
]
