package org.roomhub.client.ui.common;

import javafx.scene.paint.Color;

/** The app's series colours as JavaFX colours, so every chart and diagram agrees. */
public final class Palette {

    private Palette() {}

    /** Colour of the {@code i}th series. */
    public static Color series(int i) {
        return Color.web(NameColors.hex(i));
    }
}
