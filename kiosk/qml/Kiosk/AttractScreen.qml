pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// Invites a visitor to touch, and tells the story while nobody does: a loop of 24 s on the
// real map - each year's border and areas in turn (1689, 1858, 1860), the year large with
// what it brought - beside the exhibit's title in every offered language and the
// invitation, which goes round the languages. On a wide screen the words stand on a band
// at the left, the map beside it; on a tall (portrait) one, on a band at the top and one at
// the bottom, the map between them. The whole screen is one target; the touch that leaves
// it is used up here and never reaches the page underneath.
Item {
    id: screen
    objectName: "attractScreen"

    // Burn-in and redraws: the loop is a function of `elapsed` seconds, stepped once a
    // second, so an idle kiosk redraws once a second - except for the short fades and moves
    // when the year or the language changes (AttractFade, AttractMap), then it stands still
    // again. The words drift slowly (under 1.5 % of the screen per minute); the map moves
    // closer to each year's shapes. With reduced motion nothing zooms or pans: the years
    // cross-fade, the words cross-fade to another place each minute, and every third loop
    // the map fades out and back in a little way off.
    readonly property bool reducedMotion: Exhibit.reducedMotion
    property bool started: true   // false: the map, the other languages and their buttons wait for it
    property real elapsed: 0      // seconds on the attract screen (public: tests and the proof set it)
    // true while the clock's own tick changes `elapsed`: only then do changes animate (any
    // other change of `elapsed` - a test, the proof, coming back - shows its state at once)
    property bool animate: false
    readonly property real turn: 2 * Math.PI * elapsed / 900   // one slow cycle in 15 minutes
    readonly property real reach: Math.max(width, height) * 0.015
    // public (tests): a tall screen - the words above and below the map, not beside it
    readonly property bool portrait: Theme.portrait

    // -- the loop --------------------------------------------------------------------------
    readonly property int loopLength: 24        // seconds: every year once
    readonly property int languageSeconds: 4    // the invitation in each language
    readonly property int layerCount: started ? Exhibit.map.layers.count : 0   // (builds the map)
    readonly property real inLoop: elapsed % loopLength
    readonly property int loopIndex: Math.floor(elapsed / loopLength)
    // public (tests): the map layer shown now (-1: no map)
    readonly property int layerStep: layerCount > 0
        ? Math.min(layerCount - 1, Math.floor(inLoop * layerCount / loopLength)) : -1
    readonly property var shownLayer: layerStep >= 0 && Exhibit.map.picture ? Exhibit.map.layers.get(layerStep) : ({})
    // the languages the subtitle and the invitation go round, the visitor's first (the
    // others only once the first frame is out: their fonts come then)
    readonly property list<string> cycle: {
        const codes = started ? Language.languages.map(la => la.code) : []
        const i = codes.indexOf(Language.code)
        return i < 0 ? [Language.code] : codes.slice(i).concat(codes.slice(0, i))
    }
    // public (tests): the language of the subtitle and the invitation now
    readonly property string cycleCode: cycle[Math.floor(elapsed / languageSeconds) % cycle.length]

    function serifFor(code: string): string {
        return Theme.textScale > 1 ? Theme.sansFor(code) : Theme.serifFor(code)   // large: sans
    }

    Timer {
        interval: 1000
        repeat: true
        running: screen.visible
        onTriggered: {
            screen.animate = true
            screen.elapsed += 1
            screen.animate = false
        }
    }
    onVisibleChanged: if (visible) elapsed = 0

    Rectangle { anchors.fill: parent; color: Theme.background }

    // the map and its years, built in the pass just after the first frame (by URL: its QML
    // loads then; at once, not in the background: a few milliseconds, and the proof's
    // settling sees its picture load)
    Loader {
        id: map
        anchors.fill: parent
        active: screen.started && !!Exhibit.map.picture.url
        source: Qt.resolvedUrl("AttractMap.qml")
    }
    Binding { target: map.item; property: "step"; value: screen.layerStep; when: map.status === Loader.Ready }
    Binding { target: map.item; property: "animate"; value: screen.animate; when: map.status === Loader.Ready }
    Binding { target: map.item; property: "reducedMotion"; value: screen.reducedMotion; when: map.status === Loader.Ready }
    Binding { target: map.item; property: "cover"; value: screen.cover; when: map.status === Loader.Ready }
    Binding { target: map.item; property: "region"; value: screen.region; when: map.status === Loader.Ready }
    // reduced motion, against burn-in: every third loop, the map fades out over its last
    // seconds and comes back in another of four places, a little way off
    Binding {
        target: map.item
        property: "dimmed"
        value: screen.reducedMotion && screen.loopIndex % 3 === 2 && screen.inLoop >= screen.loopLength - 3
        when: map.status === Loader.Ready
    }
    Binding {
        target: map.item
        property: "shift"
        when: map.status === Loader.Ready
        value: {
            const place = Math.floor(screen.loopIndex / 3) % 4
            return screen.reducedMotion ? Qt.point([0, 1, 0, -1][place] * screen.reach,
                                                   [-1, 0, 1, 0][place] * screen.reach)
                                        : Qt.point(0, 0)
        }
    }

    // no map: the attract picture, drifting slowly
    Image {
        objectName: "attractPicture"
        width: parent.width + 4 * screen.reach
        height: parent.height + 4 * screen.reach
        x: -2 * screen.reach + (screen.reducedMotion ? 0 : 1.5 * screen.reach * Math.sin(screen.turn))
        y: -2 * screen.reach + (screen.reducedMotion ? 0 : screen.reach * Math.sin(screen.turn + 1))
        source: active && width > 0 ? Exhibit.attract.image.url : ""
        visible: active
        sourceSize.width: Exhibit.attract.image ? Math.max(1, Math.min(Exhibit.attract.image.width, Math.ceil(width))) : 1
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        property bool active: screen.started && !Exhibit.map.picture.url && !!Exhibit.attract.image
    }

    // the bands the words stand on: dark behind the text only, the map free beside them. A
    // band holds its words in every language and every year, wherever they drift: its edge,
    // and the map's framing, stand still while the loop goes round
    readonly property real fade: Theme.attractBandFade
    // tall screen: the top band's lower edge and the bottom band's upper edge
    readonly property real topEdge: Math.ceil(Theme.attractTop + 2 * reach + heading.height
                                              - (subtitle.visible ? subtitle.height : 0)
                                              + subtitleSizes.tallest + Theme.spaceXl)
    readonly property real bottomEdge: Math.floor(year.y + caption.height - captionSizes.tallest
                                                  - reach - Theme.spaceXl)
    // public (tests): what the picture covers, and where the story is framed in it
    readonly property rect cover: portrait
        ? Qt.rect(0, topEdge, width, Math.max(1, bottomEdge - topEdge))
        : Qt.rect(band.width, 0, width - band.width, height)
    readonly property rect region: portrait
        ? Qt.rect(Theme.space4xl, topEdge + fade / 2, width - 2 * Theme.space4xl,
                  Math.max(1, bottomEdge - topEdge - fade))
        : Qt.rect(band.width + fade, Theme.space4xl, Math.max(1, width - band.width - fade - Theme.space4xl),
                  Math.max(1, height - Theme.targetSize - 3 * Theme.space4xl))

    Rectangle {
        id: band
        objectName: "attractBand"
        width: screen.portrait ? parent.width : Math.round(parent.width * Theme.attractBand)
        height: screen.portrait ? screen.topEdge : parent.height
        color: Theme.background
    }
    Rectangle {  // its soft edge (right; on a tall screen, below)
        x: screen.portrait ? 0 : band.width
        y: screen.portrait ? band.height : 0
        width: screen.portrait ? parent.width : screen.fade
        height: screen.portrait ? screen.fade / 2 : parent.height
        gradient: Gradient {
            orientation: screen.portrait ? Gradient.Vertical : Gradient.Horizontal
            GradientStop { position: 0.0; color: Theme.background }
            GradientStop { position: 1.0; color: "transparent" }
        }
    }
    // tall screen: the band at the bottom, under the year, the invitation and the buttons
    Rectangle {
        id: lowerBand
        objectName: "attractBandLower"
        visible: screen.portrait
        y: screen.bottomEdge
        width: parent.width
        height: parent.height - y
        color: Theme.background
    }
    Rectangle {  // its soft upper edge
        visible: screen.portrait
        y: lowerBand.y - height
        width: parent.width
        height: screen.fade / 2
        gradient: Gradient {
            GradientStop { position: 0.0; color: "transparent" }
            GradientStop { position: 1.0; color: Theme.background }
        }
    }

    // tall screen: the tallest a line of the loop gets (never shown) - the subtitle in every
    // language, what each year brought
    component Tallest: Column {
        id: tallestOf
        property list<string> texts: []
        property list<string> families: []
        property real lineWidth: 0
        property int pixelSize: 1
        readonly property real tallest: childrenRect.height > 0 ? maxHeight() : 0
        function maxHeight(): real {
            let h = 0
            for (let i = 0; i < lines.count; ++i) {
                const t = lines.itemAt(i) as Text
                if (t) h = Math.max(h, t.height)
            }
            return h
        }
        opacity: 0
        Repeater {
            id: lines
            model: tallestOf.texts
            Text {
                required property string modelData
                required property int index
                textFormat: Text.PlainText
                width: tallestOf.lineWidth
                text: modelData
                font.family: tallestOf.families[index] || ""
                font.pixelSize: tallestOf.pixelSize
                wrapMode: Text.WordWrap
                Accessible.ignored: true
            }
        }
    }
    Tallest {
        id: subtitleSizes
        texts: screen.portrait ? screen.cycle.map(c => (Exhibit.attract.subtitle || {})[c] || "") : []
        families: screen.cycle.map(c => screen.serifFor(c))
        lineWidth: heading.width
        pixelSize: Theme.attractCaptionSize
    }
    Tallest {
        id: captionSizes
        texts: {
            const out = []
            for (let i = 0; screen.portrait && i < screen.layerCount; ++i)
                out.push(I18n.t(Exhibit.map.layers.get(i).title))
            return out
        }
        families: texts.map(t => screen.serifFor(Language.code))
        lineWidth: year.width
        pixelSize: Theme.attractCaptionSize
    }

    // the words: they drift together (reduced motion: one of four places each minute)
    Item {
        id: words
        objectName: "attractText"
        readonly property int place: Math.floor(screen.elapsed / 60) % 4
        readonly property real dx: screen.reducedMotion ? [0, 1, 0, -1][place] * screen.reach
                                                        : screen.reach * Math.cos(screen.turn)
        readonly property real dy: screen.reducedMotion ? [-1, 0, 1, 0][place] * screen.reach
                                                        : screen.reach * Math.sin(screen.turn)
        x: Theme.attractInset + dx
        y: dy
        width: (screen.portrait ? parent.width - Theme.attractInset : band.width - Theme.spaceXl)
               - Theme.attractInset - screen.reach
        height: parent.height
        // reduced motion: fade out just before each move, back in after it
        opacity: screen.reducedMotion && (screen.elapsed % 60 >= 57) ? 0 : 1
        Behavior on opacity { NumberAnimation { duration: 2500 } }

        // the title, in the visitor's language and then in every other; the subtitle
        Column {
            id: heading
            y: Theme.attractTop + screen.reach
            width: parent.width
            spacing: Theme.spaceL

            // a short accent rule above the title (an ornament: its own size)
            Rectangle { width: Theme.s(120); height: Theme.s(6); color: Theme.accent }

            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                objectName: "attractTitle"
                width: parent.width
                text: I18n.t(Exhibit.attract.title)
                color: Theme.text
                font.family: screen.serifFor(Language.code)
                font.pixelSize: Theme.attractTitleSize
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
                lineHeight: 1.05
            }
            Column {  // (large text, chosen during a visit: the visitor's language is enough)
                width: parent.width
                spacing: Theme.space3xs
                visible: Theme.textScale === 1
                Repeater {
                    model: screen.started ? Language.languages : []
                    Text {
                        required property var modelData
                        textFormat: Text.PlainText  // never HTML: text from a file is text
                        objectName: "attractTitle_" + modelData.code
                        visible: modelData.code !== Language.code && text.length > 0
                        width: parent.width
                        text: (Exhibit.attract.title || {})[modelData.code] || ""
                        color: Theme.text
                        font.family: screen.serifFor(modelData.code)
                        font.pixelSize: Theme.attractTitleOtherSize
                        wrapMode: Text.WordWrap
                    }
                }
            }

            // round the languages with the invitation
            Text {
                id: subtitle
                objectName: "attractSubtitle"
                textFormat: Text.PlainText  // never HTML: text from a file is text
                visible: text.length > 0
                color: Theme.muted
                font.pixelSize: Theme.attractCaptionSize
                wrapMode: Text.WordWrap
                AttractFade {
                    target: subtitle
                    measure: heading.width
                    value: (Exhibit.attract.subtitle || {})[screen.cycleCode] || ""
                    family: screen.serifFor(screen.cycleCode)
                    animate: screen.animate
                }
            }
        }

        // the year the map shows, large, and what it brought: just above the invitation
        // (the year gives way where long words in large text leave it less room)
        Column {
            id: year
            anchors.bottom: prompt.top
            anchors.bottomMargin: Theme.space2xl
            width: parent.width
            spacing: Theme.spaceS
            readonly property real room: prompt.y - Theme.space2xl - caption.height - spacing
                                         - heading.y - heading.height - Theme.spaceL
            FontMetrics {  // a line of the year's typeface, 100 px
                id: yearType
                font.family: screen.serifFor(Language.code)
                font.pixelSize: 100
                font.weight: Font.Bold
            }
            Text {
                id: yearText
                objectName: "attractYear"
                textFormat: Text.PlainText
                visible: text.length > 0
                color: Theme.accent
                font.pixelSize: Math.max(Theme.attractCaptionSize, Math.min(Theme.attractYearSize,
                                         Math.floor(year.room * 100 / yearType.height)))
                font.weight: Font.Bold
                lineHeight: 0.9
                AttractFade {
                    target: yearText
                    value: I18n.t(screen.shownLayer.label)
                    family: screen.serifFor(Language.code)
                    animate: screen.animate
                }
            }
            Text {
                id: caption
                objectName: "attractLayerTitle"
                textFormat: Text.PlainText  // never HTML: text from a file is text
                visible: text.length > 0
                color: Theme.text
                font.pixelSize: Theme.attractCaptionSize
                wrapMode: Text.WordWrap
                AttractFade {
                    target: caption
                    measure: year.width
                    value: I18n.t(screen.shownLayer.title)
                    family: screen.serifFor(Language.code)
                    animate: screen.animate
                }
            }
        }

        // the invitation, low where hands are, round the languages: as wide as the widest
        // (its own colour is its ground: it may reach into the band's soft edge)
        Rectangle {
            id: prompt
            objectName: "attractPrompt"
            anchors.bottom: parent.bottom
            anchors.bottomMargin: screen.height - hint.y + Theme.space2xl + screen.reach
            width: Math.min(parent.width + Theme.attractBandFade,
                            Math.max(promptText.implicitWidth, promptSizes.width) + 2 * Theme.padButton)
            height: Math.max(Theme.promptHeight, promptText.height + 2 * Theme.spaceL)
            radius: Theme.promptHeight / 2
            color: Theme.accent

            Text {
                id: promptText
                objectName: "attractPromptText"
                anchors.centerIn: parent
                textFormat: Text.PlainText  // never HTML: text from a file is text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                color: Theme.accentText
                font.pixelSize: Theme.leadSize
                font.weight: Font.Bold
                AttractFade {
                    target: promptText
                    measure: prompt.width - 2 * Theme.padButton
                    value: (Exhibit.attract.prompt || {})[screen.cycleCode] || ""
                    family: Theme.sansFor(screen.cycleCode)
                    animate: screen.animate
                }
            }
            Column {  // measures the invitation in every language (never shown)
                id: promptSizes
                opacity: 0
                Repeater {
                    model: screen.started ? Language.languages : []
                    Text {
                        required property var modelData
                        textFormat: Text.PlainText
                        text: (Exhibit.attract.prompt || {})[modelData.code] || ""
                        font.family: Theme.sansFor(modelData.code)
                        font.pixelSize: Theme.leadSize
                        font.weight: Font.Bold
                        Accessible.ignored: true
                    }
                }
            }
        }
    }

    // how to start audio mode without seeing the screen: small, in every language at once,
    // bottom left (the languages' buttons are bottom right)
    Column {
        id: hint
        objectName: "audioHint"
        x: Theme.attractInset
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spaceXl
        // a line wraps rather than run under the languages' buttons (a narrow, tall screen)
        readonly property real room: languages.x - x - Theme.spaceL
        Repeater {
            // (the first frame: the visitor's language only - the others' fonts come just
            // after it, and Chinese drawn before its font is boxes)
            model: screen.started ? Language.languages
                                  : Language.languages.filter(la => la.code === Language.code)
            Text {
                required property var modelData
                textFormat: Text.PlainText  // never HTML: text from a file is text
                text: (Exhibit.ui.audio_start || {})[modelData.code] || ""
                color: Theme.text
                font.family: Theme.sansFor(modelData.code)
                font.pixelSize: Theme.smallSize
                width: Math.min(implicitWidth, hint.room)
                wrapMode: Text.WordWrap
            }
        }
    }

    // a touch or click anywhere: a MouseArea (not a TapHandler), which stays calm when a
    // mouse and a touch screen are used at once
    MouseArea {
        anchors.fill: parent
        onClicked: Navigation.enter()
        // to assistive technology: one big button, named by the title and the invitation
        Accessible.role: Accessible.Button
        Accessible.name: I18n.t(Exhibit.attract.title) + ". " + I18n.t(Exhibit.attract.prompt)
        Accessible.description: I18n.t(Exhibit.attract.subtitle)
        Accessible.onPressAction: Navigation.enter()
    }

    // choosing a language starts the exhibit in it. Built just after the first frame (by
    // URL, so its buttons' Qt Quick Controls load then too): nobody touches that fast.
    Loader {
        id: languages
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space4xl
        asynchronous: true
        active: screen.started
        source: Qt.resolvedUrl("LanguageSwitcher.qml")
        onLoaded: item.solid = true
    }
    Connections {
        target: languages.item
        function onChosen() { Navigation.enter() }
    }
}
