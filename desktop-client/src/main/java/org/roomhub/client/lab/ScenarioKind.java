package org.roomhub.client.lab;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** The lab's scenarios: a command-line id, a button title, what it shows in two or three sentences. */
public enum ScenarioKind {

    TRANSPORTS("transports", "Transports race",
            "A WebSocket, an SSE and a polling client join one chat room and take turns sending. "
                    + "Every message is timed from send to arrival at each client, and a byte counter in front of the hub "
                    + "measures what each transport really puts on the wire, HTTP headers included.",
            TransportsScenario::new);
    private final String id;
    private final String title;
    private final String explanation;
    private final Function<LabContext, Scenario> factory;

    ScenarioKind(String id, String title, String explanation, Function<LabContext, Scenario> factory) {
        this.id = id;
        this.title = title;
        this.explanation = explanation;
        this.factory = factory;
    }

    /** The name on the command line ({@code --scenario}). */
    public String id() {
        return id;
    }

    /** The button's text. */
    public String title() {
        return title;
    }

    /** What the scenario does and what to look at, in two or three sentences. */
    public String explanation() {
        return explanation;
    }

    /** A new, not yet started run of this scenario. */
    public Scenario create(LabContext lab) {
        return factory.apply(lab);
    }

    /** The scenario called {@code id}, if there is one. */
    public static Optional<ScenarioKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equalsIgnoreCase(id)).findFirst();
    }
}
