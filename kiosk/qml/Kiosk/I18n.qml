pragma Singleton
import QtQuick
import Kiosk.Backend

// Texts come as { language code: text } with every offered language filled in (the
// backend puts the default language's text where a translation is missing).
QtObject {
    // The text in the visitor's language; a binding that calls this follows Language.code.
    function t(text) {
        return text ? (text[Language.code] ?? "") : ""
    }

    // An area in km², rounded to the thousand, in the visitor's language ("609,000 km²").
    function area(km2) {
        const n = (Math.round(km2 / 1000) * 1000).toLocaleString(Qt.locale(Language.code), "f", 0)
        return t(Exhibit.ui.area).replace("{area}", n)
    }
}
