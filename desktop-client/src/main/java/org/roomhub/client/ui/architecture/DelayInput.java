package org.roomhub.client.ui.architecture;

import java.time.Duration;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The hibernation delay as typed: free text, checked when applied, with what is wrong said in
 * words (never an exception from a number parser). FX thread.
 */
final class DelayInput {

    static final int MIN_SECONDS = 1;
    static final int MAX_SECONDS = 3600;

    private final StringProperty text = new SimpleStringProperty("10");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    StringProperty textProperty() {
        return text;
    }

    ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Shows the hub's current delay and clears any complaint. */
    void show(int seconds) {
        text.set(Integer.toString(seconds));
        problem.set("");
    }

    /** The delay the text means, or empty with {@link #problemProperty()} saying why. */
    Optional<Duration> read() {
        String typed = text.get() == null ? "" : text.get().strip();
        if (!typed.matches("\\d{1,9}")) {
            problem.set(typed.isEmpty() ? "Type a delay in whole seconds (" + MIN_SECONDS + "–" + MAX_SECONDS + ")."
                    : "\"" + typed + "\" is not a whole number of seconds: type " + MIN_SECONDS + " to " + MAX_SECONDS + ".");
            return Optional.empty();
        }
        long seconds = Long.parseLong(typed);
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            problem.set(seconds + " s is out of range: type " + MIN_SECONDS + "–" + MAX_SECONDS + " seconds.");
            return Optional.empty();
        }
        problem.set("");
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
