package org.roomhub.client.ui.map;

import javafx.scene.control.Label;

/** Small text nodes the map's side panes share. */
final class MapLabels {

    private MapLabels() {}

    /** A grey, wrapping line of explanation (also used as an empty list's placeholder). */
    static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("muted");
        return label;
    }
}
