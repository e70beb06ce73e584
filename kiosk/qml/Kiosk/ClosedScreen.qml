pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// Outside the opening hours: dark and deliberate, nearly still (the words move to another
// place once a minute, against burn-in). It says so, and when the kiosk opens again, in
// every offered language at once (nobody has chosen one). Dim but readable (at least
// 4.5:1); a touch brightens it for a while and goes no further: nothing underneath is pressed.
Rectangle {
    id: closed
    objectName: "closedScreen"
    anchors.fill: parent
    color: Theme.closedBackground

    property int minute: 0
    property bool awake: false

    Timer { interval: 60000; repeat: true; running: closed.visible; onTriggered: closed.minute += 1 }
    Timer { id: sleep; interval: 15000; onTriggered: closed.awake = false }

    MouseArea {
        anchors.fill: parent
        onPressed: { closed.awake = true; sleep.restart() }
    }

    // "Opens again tomorrow at 09:30" in the language `code` (Schedule.reopens says when);
    // "" when there is no next opening to tell
    function reopening(code) {
        const when = Schedule.reopens
        const ui = Exhibit.ui
        if (!when || !when.when || !ui)
            return ""
        const words = when.when === "today" ? ui.reopens_today
                    : when.when === "tomorrow" ? ui.reopens_tomorrow : ui.reopens_on
        const days = ((ui.weekdays || {})[code] || "").split(/\s*[,，、]\s*/)
        return ((words || {})[code] || "").replace("{day}", days[when.weekday] || "")
                                           .replace("{time}", when.time)
    }

    Column {
        id: words
        readonly property var places: [[0.2, 0.3], [0.75, 0.6], [0.3, 0.75], [0.7, 0.2]]
        readonly property var place: places[closed.minute % places.length]
        x: Math.round((closed.width - width) * place[0])
        y: Math.round((closed.height - height) * place[1])
        spacing: Theme.space2xl

        Repeater {
            model: Language.languages
            Column {
                id: language
                required property var modelData
                readonly property string code: modelData.code
                readonly property string reopens: closed.reopening(code)
                spacing: Theme.spaceS

                Text {
                    objectName: "closedTitle_" + language.code
                    textFormat: Text.PlainText  // never HTML: text from a file is text
                    text: (Exhibit.ui.closed_title || {})[language.code] || ""
                    color: closed.awake ? Theme.text : Theme.closedText
                    Behavior on color { ColorAnimation { duration: 600 } }
                    font.family: Theme.serifFor(language.code)
                    font.pixelSize: Theme.closedTitleSize
                    font.weight: Font.Bold
                }
                Text {
                    objectName: "closedReopens_" + language.code
                    textFormat: Text.PlainText  // never HTML: text from a file is text
                    // when it opens again; with no opening to tell, "come back during opening hours"
                    text: language.reopens || (Exhibit.ui.closed_hint || {})[language.code] || ""
                    color: closed.awake ? Theme.closedText : Theme.closedMuted
                    Behavior on color { ColorAnimation { duration: 600 } }
                    font.family: Theme.sansFor(language.code)
                    font.pixelSize: Theme.closedLineSize
                }
            }
        }
    }
}
