"""A full-screen touch-screen museum kiosk built with Qt Quick and Python.

Data flows one way: ``content.yaml`` -> :mod:`kiosk.content` (typed model, located
errors, no Qt) -> :mod:`kiosk.backend` (small QObjects exposed to QML) -> ``kiosk/qml``
(presentation only).  See ARCHITECTURE.md.
"""


def __getattr__(name: str) -> str:
    """``kiosk.__version__``: the installed version (pyproject.toml's ``version``), read from
    the package metadata only when asked - importing importlib.metadata costs ~20 ms, which
    start-up does not pay."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("aigun-kiosk")
        except PackageNotFoundError:  # run from a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
