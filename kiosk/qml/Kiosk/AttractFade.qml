import QtQuick

// Changes a line of the attract loop now and then (the year, what it brought, the
// invitation in the next language): the Text `target` shows `value` in `family`. On the
// loop's own tick (`animate`) the old words fade out and the new ones in - a short
// animation, then the scene is still again; any other change (the loop restarted, a test or
// the proof setting the time) shows at once. (A helper beside a plain Text, so the Text stays
// a Text for the proof's checks.)
Item {
    id: fade

    required property Text target
    property string value        // what the line says
    property string family       // in which typeface (its language's)
    property bool animate: false // this change is the loop's own tick: fade
    property int duration: 700   // out and in
    // the widest a line may be (0: as wide as the words). Chinese that needs more than one
    // line has its lines evened out: no character left alone on the last one
    property real measure: 0

    visible: false
    Component.onCompleted: show()
    onValueChanged: swap()
    onFamilyChanged: swap()

    function show() {
        target.text = value
        target.font.family = family
    }
    function swap() {
        if (!animate || target.text.length === 0) {
            anim.stop()
            show()
            target.opacity = 1
        } else if (!anim.running && (target.text !== value || target.font.family !== family)) {
            anim.restart()  // (a fade under way shows the newest words when it gets there)
        }
    }

    Binding {
        target: fade.target
        property: "width"
        when: fade.measure > 0
        value: {
            const natural = fade.target.implicitWidth
            if (natural <= fade.measure)
                return natural
            if (!/[\u3400-\u9fff]/.test(fade.target.text))
                return fade.measure
            const lines = Math.ceil(natural / fade.measure)
            return Math.min(fade.measure, Math.ceil(natural / lines * 1.08))
        }
    }

    SequentialAnimation {
        id: anim
        NumberAnimation { target: fade.target; property: "opacity"; to: 0; duration: fade.duration / 2; easing.type: Easing.InQuad }
        ScriptAction { script: fade.show() }
        NumberAnimation { target: fade.target; property: "opacity"; to: 1; duration: fade.duration / 2; easing.type: Easing.OutQuad }
    }
}
