"""A full-screen touch-screen museum kiosk built with Qt Quick and Python.

Data flows one way: ``content.yaml`` -> :mod:`kiosk.content` (typed model, located
errors, no Qt) -> :mod:`kiosk.backend` (small QObjects exposed to QML) -> ``kiosk/qml``
(presentation only).  See ARCHITECTURE.md.
"""

__version__ = "0.1.0"
