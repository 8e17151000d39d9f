package org.roomhub.client.ui.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
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

    /** What the page tells Java. */
    interface Events {
        /** The user clicked the map (not a pin). */
        void mapClicked(double lat, double lng);

        /** The user dropped a dragged pin. */
        void pinDragged(String pinId, double lat, double lng);

        /** The user clicked a pin. */
        void pinClicked(String pinId);

        /** The map stopped moving; it now looks at this view. */
        void viewChanged(Viewport view);

        /** The page's script has run. */
        void ready();

        /** A script error on the page. */
        void error(String message);
    }

    /** The methods the page calls; public because WebView reflects on them. */
    public static final class Callbacks {
        private final Events events;

        Callbacks(Events events) {
            this.events = events;
        }

        /** The page's script has run: {@code window.roomhubMap} exists. */
        public void ready() {
            events.ready();
        }

        /** The user clicked the map. */
        public void mapClicked(double lat, double lng) {
            events.mapClicked(lat, lng);
        }

        /** The user dropped a dragged pin at {@code lat, lng}. */
        public void pinDragged(String pinId, double lat, double lng) {
            events.pinDragged(pinId, lat, lng);
        }

        /** The user clicked a pin. */
        public void pinClicked(String pinId) {
            events.pinClicked(pinId);
        }

        /** The map moved or zoomed. */
        public void viewChanged(double lat, double lng, double zoom) {
            events.viewChanged(new Viewport(lat, lng, zoom));
        }

        /** A script error on the page. */
        public void error(String message) {
            events.error(message);
        }
    }

    MapBridge(WebEngine engine, ObjectMapper json, Events events) {
        this.engine = engine;
        this.json = json;
        // WebEngine keeps the member weakly: this field is the strong reference.
        this.callbacks = new Callbacks(events);
    }

    /** Installs the callbacks; call once the page has loaded. */
    void install() {
        ((JSObject) engine.executeScript("window")).setMember("javaBridge", callbacks);
    }

    /** Whether the page's script has run; the load worker can report SUCCEEDED before it has. */
    boolean pageReady() {
        return Boolean.TRUE.equals(engine.executeScript("!!window.roomhubMap"));
    }

    /**
     * Creates or updates a pin: where, how it looks, whose it is, whether I may drag it, and whether
     * its owner is away ({@code offline}: not in the room, drawn grey and dashed).
     */
    public void showPin(Pin pin, String color, String label, boolean mine, boolean offline) {
        ObjectNode node = json.createObjectNode()
                .put("pinId", pin.pinId()).put("lat", pin.location().lat()).put("lng", pin.location().lng())
                .put("color", color).put("label", label).put("owner", pin.user()).put("note", pin.note()).put("mine", mine)
                .put("offline", offline);
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

    /** Centres the map on a pin and shows its details; false when the page has no such pin or no size. */
    public boolean flyTo(String pinId) {
        return Boolean.TRUE.equals(call("flyTo", pinId));
    }

    /** Moves the map to {@code view}; false while the map has no size yet. */
    public boolean setView(Viewport view) {
        ObjectNode node = json.createObjectNode().put("lat", view.lat()).put("lng", view.lng()).put("zoom", view.zoom());
        return Boolean.TRUE.equals(call("setView", node.toString()));
    }

    /** Where the map looks now. */
    public Viewport view() {
        String[] parts = String.valueOf(engine.executeScript("window.roomhubMap.view()")).split(",");
        return new Viewport(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
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

    /** Where the page draws a pin, if it shows it. */
    public Optional<GeoPoint> shownPosition(String pinId) {
        String text = String.valueOf(call("pinPosition", pinId));
        if (text.isEmpty() || text.equals("null")) {
            return Optional.empty();
        }
        String[] parts = text.split(",");
        return Optional.of(GeoPoint.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
    }

    /** Where a pin is drawn, in pixels from the map's top-left corner, if it is shown. */
    public Optional<javafx.geometry.Point2D> shownPoint(String pinId) {
        String text = String.valueOf(call("pinPoint", pinId));
        if (text.isEmpty() || text.equals("null")) {
            return Optional.empty();
        }
        String[] parts = text.split(",");
        return Optional.of(new javafx.geometry.Point2D(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
    }

    /** The HTML shown when hovering a pin (owner and note). */
    public String hoverText(String pinId) {
        return String.valueOf(call("pinHoverText", pinId));
    }

    /** Whether the page lets the user drag the pin. */
    public boolean draggable(String pinId) {
        return Boolean.TRUE.equals(call("pinDraggable", pinId));
    }

    /** Re-reads the map's size after a layout change. */
    public void invalidateSize() {
        engine.executeScript("window.roomhubMap.invalidate()");
    }

    private Object call(String function, String argument) {
        // The argument crosses as a JSON string literal, so quotes in labels cannot break the script.
        String literal;
        try {
            literal = json.writeValueAsString(argument);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return engine.executeScript("window.roomhubMap." + function + "(" + literal + ")");
    }
}
