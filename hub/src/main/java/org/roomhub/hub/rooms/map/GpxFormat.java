package org.roomhub.hub.rooms.map;

import io.jenetics.jpx.GPX;
import io.jenetics.jpx.Route;
import io.jenetics.jpx.WayPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Waypoint;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * GPX 1.1 through jpx: pins are {@code wpt} (label as {@code name}, note as {@code desc}; id, owner
 * and colour in a namespaced {@code roomhub:pin} extension that other tools ignore), the route is
 * one {@code rte}. Reading takes every {@code wpt} and the points of every {@code rte}; tracks are
 * counted, not imported (a recorded track has thousands of points, not a plan's stops).
 */
final class GpxFormat {

    /** Namespace of the extension element carrying what GPX has no field for. */
    static final String NS = "https://roomhub.org/xmlns/gpx-pin/1";
    private static final String GPX_NS = "http://www.topografix.com/GPX/1/1";
    private static final GPX.Writer WRITER = GPX.Writer.of(GPX.Writer.Indent.SPACE2, 9);
    private static final GPX.Reader READER = GPX.Reader.of(GPX.Version.V11, GPX.Reader.Mode.STRICT);

    private GpxFormat() {}

    /** The plan as a GPX 1.1 document named {@code title}. */
    static String write(MapPlan plan, String title) {
        GPX.Builder gpx = GPX.builder().creator("Roomhub").metadata(m -> m.name(title));
        for (Pin pin : plan.pins()) {
            WayPoint.Builder w = WayPoint.builder().lat(pin.location().lat()).lon(pin.location().lng())
                    .extensions(extension(pin));
            if (pin.label() != null) {
                w.name(pin.label());
            }
            if (pin.note() != null) {
                w.desc(pin.note());
            }
            gpx.addWayPoint(w.build());
        }
        if (!plan.waypoints().isEmpty()) {
            Route.Builder route = Route.builder().name(title + " route");
            for (Waypoint stop : plan.waypoints()) {
                WayPoint.Builder p = WayPoint.builder().lat(stop.location().lat()).lon(stop.location().lng());
                if (stop.label() != null) {
                    p.name(stop.label());
                }
                route.addPoint(p.build());
            }
            gpx.addRoute(route.build());
        }
        return WRITER.toString(gpx.build());
    }

    /** Reads a GPX file; pins get the owner named in their extension, else {@code importer}. */
    static Imported read(String text, String importer) throws BadFile {
        if (text.contains("<!DOCTYPE") || text.contains("<!ENTITY")) {
            // GPX never needs a DTD; refusing one closes the door on external entities (XXE).
            throw new BadFile("GPX file must not contain a DOCTYPE or entity declarations");
        }
        GPX gpx;
        try {
            gpx = READER.fromString(text);
        } catch (RuntimeException e) {
            throw new BadFile("not a valid GPX 1.1 file: " + reason(e), e);
        }
        if (!gpx.getVersion().equals("1.1")) {
            throw new BadFile("GPX version must be 1.1, was " + gpx.getVersion());
        }
        List<Pin> pins = new ArrayList<>();
        int n = 0;
        for (WayPoint w : gpx.getWayPoints()) {
            n++;
            Optional<Element> ext = w.getExtensions().flatMap(GpxFormat::pinElement);
            String id = ext.map(e -> attribute(e, "id")).orElse(null);
            String user = ext.map(e -> attribute(e, "user")).orElse(importer);
            String color = ext.map(e -> attribute(e, "color")).orElse(null);
            try {
                pins.add(new Pin(id != null ? id : MapPlan.NO_ID, user, point(w), w.getName().orElse(null), color, w.getDescription().orElse(null)));
            } catch (IllegalArgumentException e) {
                throw new BadFile("wpt " + n + ": " + e.getMessage());
            }
        }
        List<Waypoint> stops = new ArrayList<>();
        for (Route route : gpx.getRoutes()) {
            for (WayPoint p : route.getPoints()) {
                try {
                    stops.add(new Waypoint(point(p), p.getName().orElse(null)));
                } catch (IllegalArgumentException e) {
                    throw new BadFile("rtept " + (stops.size() + 1) + ": " + e.getMessage());
                }
            }
        }
        return new Imported(new MapPlan(pins, stops), gpx.getTracks().size());
    }

    /** What a file held: its plan, and how many items were left out (tracks, other geometries). */
    record Imported(MapPlan plan, int ignored) {}

    private static GeoPoint point(WayPoint w) {
        return GeoPoint.of(w.getLatitude().doubleValue(), w.getLongitude().doubleValue());
    }

    private static Document extension(Pin pin) {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element extensions = doc.createElementNS(GPX_NS, "extensions");
        doc.appendChild(extensions);
        Element element = doc.createElementNS(NS, "roomhub:pin");
        element.setAttribute("id", pin.pinId());
        element.setAttribute("user", pin.user());
        if (pin.color() != null) {
            element.setAttribute("color", pin.color());
        }
        extensions.appendChild(element);
        return doc;
    }

    private static Optional<Element> pinElement(Document extensions) {
        for (Node n = extensions.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && "pin".equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static String attribute(Element e, String name) {
        String value = e.getAttribute(name);
        return value.isEmpty() ? null : value;
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
