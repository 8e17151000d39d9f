package org.roomhub.client.ui.architecture;

import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.roomhub.protocol.value.RoomState;

/** Fonts and colours shared by the diagram, its legend and the room timeline. */
final class DiagramStyle {

    static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);
    static final Font SMALL = Font.font("System", 10.5);

    private DiagramStyle() {}

    /** Colour of a lifecycle state, shared by boxes, legend and timeline. */
    static Color stateColor(RoomState state) {
        return switch (state) {
            case ACTIVE -> Color.web("#86efac");
            case IDLE -> Color.web("#fde68a");
            case HIBERNATING -> Color.web("#93c5fd");
            case RESUMING -> Color.web("#f0abfc");
        };
    }
}
