package org.roomhub.client.lab;

import java.net.URI;
import java.util.function.BiConsumer;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.FrameCodec;

/**
 * What a scenario gets to work with: the app's hub (for REST and admin calls), a way to open its own
 * clients of that hub, the architecture view's event log and the user's inputs.
 */
public final class LabContext {

    private final HubClient hub;
    private final BiConsumer<String, String> log;
    private final LabInputs inputs;
    private final java.util.function.Consumer<String> roomGone;
    private final java.util.function.Supplier<String> selectedRoom;
    private volatile java.util.function.Consumer<HubEndpoint> show = endpoint -> { };
    private volatile Runnable settingsChanged = () -> { };

    /**
     * @param hub    the app's client of the hub the diagram shows
     * @param log    adds a line (text, detail on hover) to the event log; callable from any thread
     * @param roomGone told the key ({@code type/name}) of each room a scenario deleted
     * @param selectedRoom the room picked in the architecture view ({@code type/name}), or null
     * @param inputs figures the user typed
     */
    public LabContext(HubClient hub, BiConsumer<String, String> log, java.util.function.Consumer<String> roomGone,
            java.util.function.Supplier<String> selectedRoom, LabInputs inputs) {
        this.selectedRoom = selectedRoom;
        this.hub = hub;
        this.log = log;
        this.roomGone = roomGone;
        this.inputs = inputs;
    }

    /** The app's client: REST, admin calls. */
    public HubClient hub() {
        return hub;
    }

    /** Inputs the user typed (the cost rate, the number of users). */
    public LabInputs inputs() {
        return inputs;
    }

    /** A new client of the same hub whose rooms use {@code kind}; the caller closes it. */
    public HubClient newClient(TransportKind kind) {
        return new HubClient(hub.endpoint(), new FrameCodec(), kind);
    }

    /** A new client of the hub reached through {@code proxy} (a loopback byte counter), rooms over {@code kind}. */
    public HubClient newClientThrough(CountingProxy proxy, TransportKind kind) {
        HubEndpoint via = new HubEndpoint(URI.create("http://127.0.0.1:" + proxy.port()), hub.endpoint().token());
        return new HubClient(via, new FrameCodec(), kind);
    }

    /** The room picked in the architecture view ({@code type/name}), or null. */
    public String selectedRoom() {
        return selectedRoom.get();
    }

    /** Says a room was deleted, so the diagram drops it. */
    public void roomGone(String key) {
        roomGone.accept(key);
    }

    /**
     * Where the diagram looks while a scenario runs: {@code show} is told a hub the scenario started
     * (a child hub, a cluster member), or null to go back to the app's hub; {@code settingsChanged} when a
     * scenario changed or restored a setting of the app's hub. Both callable from any thread.
     */
    public LabContext viewer(java.util.function.Consumer<HubEndpoint> show, Runnable settingsChanged) {
        this.show = show;
        this.settingsChanged = settingsChanged;
        return this;
    }

    /** Shows {@code endpoint}'s hub in the diagram; null: the app's hub again. */
    public void show(HubEndpoint endpoint) {
        show.accept(endpoint);
    }

    /** Says a setting of the app's hub changed (the sidebar reads it again). */
    public void settingsChanged() {
        settingsChanged.run();
    }

    /** Adds a line to the event log beside the diagram. */
    public void log(String text, String detail) {
        log.accept(text, detail);
    }
}
