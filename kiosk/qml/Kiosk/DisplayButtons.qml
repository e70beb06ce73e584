import QtQuick
import Kiosk
import Kiosk.Backend

// The visitor's display choices, low on every exhibit page: large text ("Aa") and high
// contrast (a half-filled circle). Both are Theme state, reset after each visit.
Row {
    spacing: Theme.spaceS

    NavButton {
        objectName: "textSize"
        text: "Aa"
        sidePadding: Theme.padNarrow
        solid: true
        checked: Theme.textScale > 1
        Accessible.name: I18n.t(Exhibit.ui.text_size)
        onClicked: { Analytics.note("control", "text_size"); Theme.toggleTextSize() }
    }
    NavButton {
        objectName: "contrast"
        showContrastIcon: true
        sidePadding: Theme.padNarrow
        solid: true
        checked: Theme.highContrast
        Accessible.name: I18n.t(Exhibit.ui.contrast)
        onClicked: { Analytics.note("control", "contrast"); Theme.toggleContrast() }
    }
}
