package org.roomhub.client.ui.common;

import javafx.scene.control.Control;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;

/**
 * A text field's tooltip that stays away while the field has the focus. JavaFX opens a tooltip a
 * second after the pointer rests on its control, just below the pointer; someone who clicked into a
 * field and types leaves the pointer there, so the tooltip opened over the lines being typed and over
 * whatever lay below the field: in the map planner, the pin's Save button, whose click then landed on
 * the tooltip (issue #10). Whoever types in a field knows what it is for; the tooltip is for finding
 * out before, on hover, and comes back once the focus has left.
 */
public final class FieldTooltip {

    private static final String KEY = FieldTooltip.class.getName();

    private FieldTooltip() {
    }

    /** Gives {@code field} a tooltip saying {@code text}, shown on hover only while the field is not focused. */
    public static Tooltip install(TextInputControl field, String text) {
        Tooltip tip = new Tooltip(text);
        field.getProperties().put(KEY, tip);
        field.setTooltip(field.isFocused() ? null : tip);
        // Uninstalling also closes the tooltip if it is open (the hover that preceded the click).
        field.focusedProperty().addListener((obs, was, is) -> field.setTooltip(is ? null : tip));
        return tip;
    }

    /** The control's tooltip, including one held back by {@link #install} while the field is focused; null if none. */
    public static Tooltip of(Control control) {
        return control.getTooltip() != null ? control.getTooltip() : (Tooltip) control.getProperties().get(KEY);
    }
}
