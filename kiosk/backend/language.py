"""The language visitors read: which ones are offered, and the one chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from .qttyping import Property

if TYPE_CHECKING:
    from kiosk.content.types import LanguageData

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlSingleton
class Language(QObject):
    """``code`` is the chosen language; every text QML shows is ``text[Language.code]``.

    Texts are presented with every offered language filled in (a missing translation
    shows the default language's text), so a lookup never comes back empty.
    """

    codeChanged = Signal()
    offeredChanged = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._code = "en"
        self._default = "en"
        self._languages: list[LanguageData] = [{"code": "en", "name": "English"}]

    def set_offered(self, languages: list[LanguageData], default: str) -> None:
        """New content: keep the visitor's language if it is still offered."""
        languages = [{"code": la["code"], "name": la["name"]} for la in languages]
        if (languages, default) != (self._languages, self._default):
            self._languages, self._default = languages, default
            self.offeredChanged.emit()
        if self._code not in self.codes():
            self.choose(default)

    def codes(self) -> list[str]:
        return [la["code"] for la in self._languages]

    @Property(str, notify=codeChanged)
    def code(self) -> str:
        return self._code

    @Property("QVariantList", notify=offeredChanged)
    def languages(self) -> list:
        return self._languages

    @Slot(str)
    def choose(self, code: str) -> None:
        if code in self.codes() and code != self._code:
            self._code = code
            self.codeChanged.emit()

    @Slot()
    def reset(self) -> None:
        """Back to the default language (the idle reset)."""
        self.choose(self._default)
