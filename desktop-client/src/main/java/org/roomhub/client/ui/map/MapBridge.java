package org.roomhub.client.ui.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.web.WebEngine;
import netscape.javascript.JSObject;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Route;

/**
 * The one typed door between Java and the map page: Java calls go to {@code window.roomhubMap},
 * page events come back through {@link Callbacks}. Values cross as JSON text so no JavaScript
 * object is built by hand. FX thread only (WebEngine's rule).
 */
public final class MapBridge {

    private final WebEngine engine;
    private final ObjectMapper json;
    private final Callbacks callbacks;

    /** The methods the page calls; public because WebView reflects on them. */
    public static final class Callbacks {
        private final BiConsumer<Double, Double> clicked;
        private final Consumer<String> errors;
        private final Runnable ready;

        Callbacks(BiConsumer<Double, Double> clicked, Consumer<String> errors, Runnable ready) {
            this.clicked = clicked;
            this.errors = errors;
            this.ready = ready;
        }

        /** The page's script has run: {@code window.roomhubMap} exists. */
        public void ready() {
            ready.run();
        }

        /** The user clicked the map. */
        public void mapClicked(double lat, double lng) {
            clicked.accept(lat, lng);
        }

        /** A script error on the page. */
        public void error(String message) {
            errors.accept(message);
        }
    }

    MapBridge(WebEngine engine, ObjectMapper json, BiConsumer<Double, Double> clicked, Consumer<String> errors, Runnable ready) {
        this.engine = engine;
        this.json = json;
        // WebEngine keeps the member weakly: this field is the strong reference.
        this.callbacks = new Callbacks(clicked, errors, ready);
    }

    /** Installs the callbacks; call once the page has loaded. */
    void install() {
        ((JSObject) engine.executeScript("window")).setMember("javaBridge", callbacks);
    }

    /** Whether the page's script has run; the load worker can report SUCCEEDED before it has. */
    boolean pageReady() {
        return Boolean.TRUE.equals(engine.executeScript("!!window.roomhubMap"));
    }

    /** Creates or moves a pin; an {@code offline} one (its owner is not in the room) is drawn grey and dashed. */
    public void showPin(Pin pin, String color, String label, boolean offline) {
        ObjectNode node = json.createObjectNode()
                .put("pinId", pin.pinId()).put("lat", pin.location().lat()).put("lng", pin.location().lng())
                .put("color", color).put("label", label).put("offline", offline);
        call("setPin", node.toString());
    }

    /** Removes a pin. */
    public void removePin(String pinId) {
        call("removePin", pinId);
    }

    /** Draws the route, the meeting point and a line from every pin to it. */
    public void showRoute(Route route, List<Pin> pins, Function<Pin, String> colors) {
        ObjectNode node = json.createObjectNode();
        ArrayNode waypoints = node.putArray("waypoints");
        route.waypoints().forEach(w -> waypoints.addObject()
                .put("lat", w.location().lat()).put("lng", w.location().lng()).put("label", w.label()));
        GeoPoint meeting = route.meetingPoint();
        if (meeting != null) {
            node.putObject("meeting").put("lat", meeting.lat()).put("lng", meeting.lng());
        }
        ArrayNode lines = node.putArray("lines");
        pins.forEach(p -> lines.addObject().put("lat", p.location().lat()).put("lng", p.location().lng()).put("color", colors.apply(p)));
        call("setRoute", node.toString());
    }

    /** Adds a tile layer from a URL template, or removes it for an empty one. */
    public void setTiles(String urlTemplate) {
        call("setTiles", urlTemplate == null ? "" : urlTemplate.strip());
    }

    /** Zooms to show every pin; false while the map has no size yet. */
    public boolean fitPins() {
        return Boolean.TRUE.equals(engine.executeScript("window.roomhubMap.fitPins()"));
    }

    /** Ids of the pins the page shows, sorted: what the user actually sees. */
    public List<String> shownPinIds() {
        Object ids = engine.executeScript("window.roomhubMap.pinIds()");
        String text = ids == null ? "" : ids.toString();
        return text.isEmpty() ? List.of() : List.of(text.split(","));
    }

    /** Ids of the pins the page draws as offline, sorted. */
    public List<String> offlinePinIds() {
        Object ids = engine.executeScript("window.roomhubMap.offlinePinIds()");
        String text = ids == null ? "" : ids.toString();
        return text.isEmpty() ? List.of() : List.of(text.split(","));
    }

    /** Re-reads the map's size after a layout change. */
    public void invalidateSize() {
        engine.executeScript("window.roomhubMap.invalidate()");
    }

    private void call(String function, String argument) {
        // The argument crosses as a JSON string literal, so quotes in labels cannot break the script.
        String literal;
        try {
            literal = json.writeValueAsString(argument);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        engine.executeScript("window.roomhubMap." + function + "(" + literal + ")");
    }
}
