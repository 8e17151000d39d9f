package org.roomhub.client.ui.map;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The optional tile server under the map, as typed in the Base map section, and what is wrong with it. */
public final class TileSource {

    private final StringProperty url = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    /**
     * Checks the typed tile URL: empty (offline shapes only) or an {@code http(s)://} template with
     * {@code {z}}, {@code {x}} and {@code {y}}. Answers the template to use, or null with
     * {@link #problemProperty()} saying what is wrong.
     */
    public String checked() {
        String typed = url.get() == null ? "" : url.get().strip();
        String why = null;
        if (!typed.isEmpty() && !typed.matches("(?i)https?://\\S+")) {
            why = "The tile URL must start with http:// or https:// and have no spaces.";
        } else if (!typed.isEmpty() && !(typed.contains("{z}") && typed.contains("{x}") && typed.contains("{y}"))) {
            why = "The tile URL needs {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png";
        }
        problem.set(why == null ? "" : why);
        return why == null ? typed : null;
    }

    /** What is wrong with the typed tile URL, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Optional tile server URL template; empty means the offline country shapes only. */
    public StringProperty urlProperty() {
        return url;
    }
}
