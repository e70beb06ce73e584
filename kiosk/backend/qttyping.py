"""PySide6 decorators the backends use, typed for mypy as what they do.

PySide6's stubs type ``@Property(...)`` as a ``Property`` object and its first argument
as a Python type, so ``navigation.currentPage`` reads as ``Property`` (not ``str``) and
``Property("QVariantMap")`` is an error to mypy; they also declare ``QmlUncreatable`` not
callable.  At run time these *are* PySide6's; to the type checker a read-only Qt property
is the value its getter returns, and ``QmlUncreatable(reason)`` a class decorator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")

if TYPE_CHECKING:

    def Property(
        type: object, *, notify: object = None, constant: bool = False
    ) -> Callable[[Callable[[Any], T]], T]: ...

    def QmlUncreatable(reason: str) -> Callable[[T], T]: ...

else:
    from PySide6.QtCore import Property
    from PySide6.QtQml import QmlUncreatable

__all__ = ["Property", "QmlUncreatable"]
