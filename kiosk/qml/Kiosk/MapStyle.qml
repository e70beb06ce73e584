pragma Singleton
import QtQuick

// Colours of the map's historic layers, by feature id.
QtObject {
    function stroke(id) {
        if (id.indexOf("1689") >= 0) return "#8c2f23"
        if (id.indexOf("1860") >= 0) return "#7b1f4f"
        return "#b5482f"
    }
    function swatch(id) { const c = fill(id); return Qt.rgba(c.r, c.g, c.b, 0.9) }
    // land whose owner a treaty left open is hatched in the colour of that treaty's line
    function hatched(id) { return id.indexOf("undetermined") >= 0 }
    readonly property color hatch: Qt.rgba(0.55, 0.18, 0.14, 0.45)
    function fill(id) {
        if (id.indexOf("joint") >= 0) return Qt.rgba(0.48, 0.12, 0.31, 0.30)
        return Qt.rgba(0.78, 0.35, 0.18, 0.32)
    }
}
