"""Small QObjects that QML talks to.  Importing this package registers them under the
QML module ``Kiosk.Backend`` (one instance of each per engine)."""

from .exhibit import Exhibit
from .navigation import Navigation

QML_IMPORT_NAME = "Kiosk.Backend"

__all__ = ["Exhibit", "Navigation", "QML_IMPORT_NAME"]
