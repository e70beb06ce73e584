pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The languages, each in its own name (no flags), always within reach. With one language
// there is nothing to choose and nothing is shown.
Row {
    id: switcher
    property bool solid: false   // over a picture: opaque buttons
    signal chosen(string code)

    visible: Language.languages.length > 1
    spacing: Theme.spaceS

    Repeater {
        model: Language.languages
        NavButton {
            required property var modelData
            objectName: "lang_" + modelData.code
            text: modelData.name
            fontFamily: Theme.sansFor(modelData.code)   // its own script's font: no fallback search
            checked: Language.code === modelData.code
            outlineWhenChecked: true   // chosen, outlined: the page is the filled "you are here"
            solid: switcher.solid
            sidePadding: Theme.padNarrow
            onClicked: {
                Language.choose(modelData.code)
                switcher.chosen(modelData.code)
            }
        }
    }
}
