package org.roomhub.protocol.frame;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.roomhub.protocol.value.Checks;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.MetricSample;
import org.roomhub.protocol.value.Pin;

/** Frames a client sends to a room. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface ClientFrame {

    /** Most points one {@code metric-batch} may carry. */
    int MAX_BATCH_POINTS = 10_000;

    /** Longest history one request may ask for: a day. */
    long MAX_HISTORY_SECONDS = 86_400;

    /** Latency probe; answered by the hub without waking the room. {@code id} and {@code clientTime} are echoed. */
    @JsonTypeName("ping")
    record Ping(JsonNode id, JsonNode clientTime) implements ClientFrame {
        /** Checks the echoed fields are plain values. */
        public Ping {
            if (id != null && !id.isNull() && !id.isTextual() && !id.isNumber()) {
                throw new IllegalArgumentException("id must be a string or a number");
            }
            if (clientTime != null && !clientTime.isNull() && !clientTime.isNumber()) {
                throw new IllegalArgumentException("clientTime must be a number");
            }
        }
    }

    /** Asks for every broadcast frame after {@code since}. */
    @JsonTypeName("resume")
    record Resume(Long since) implements ClientFrame {
        /** Checks {@code since}. */
        public Resume {
            Checks.nonNegative("since", since);
        }
    }

    /** One metric reading for a {@code metrics} room. */
    @JsonTypeName("metric-update")
    record MetricUpdate(String name, Double value, Long ts) implements ClientFrame {
        /** Checks like {@link MetricSample}. */
        public MetricUpdate {
            new MetricSample(name, value, ts);
        }

        /** As a sample. */
        public MetricSample sample() {
            return new MetricSample(name, value, ts);
        }
    }

    /** Many metric readings in one frame. */
    @JsonTypeName("metric-batch")
    record MetricBatch(List<MetricSample> points) implements ClientFrame {
        /** Checks the list. */
        public MetricBatch {
            points = Checks.list("points", points, MAX_BATCH_POINTS);
        }
    }

    /** Chooses which metrics this connection receives; {@code ["*"]} means all. */
    @JsonTypeName("subscribe")
    record Subscribe(List<String> metrics) implements ClientFrame {
        /** Checks the names. */
        public Subscribe {
            metrics = Checks.list("metrics", metrics, 1_000);
            metrics.forEach(m -> Checks.text("metrics[]", m, 1, 128));
        }

        /** Whether every metric is wanted. */
        public boolean all() {
            return metrics.contains("*");
        }
    }

    /** Asks a {@code metrics} room for the recent history of one metric. */
    @JsonTypeName("history")
    record HistoryRequest(String name, Long seconds) implements ClientFrame {
        /** Checks name and span. */
        public HistoryRequest {
            Checks.text("name", name, 1, 128);
            Checks.required("seconds", seconds);
            if (seconds < 1 || seconds > MAX_HISTORY_SECONDS) {
                throw new IllegalArgumentException("seconds must be 1–" + MAX_HISTORY_SECONDS);
            }
        }
    }

    /** A chat line for everyone in the room. */
    @JsonTypeName("chat-message")
    record ChatMessage(String text) implements ClientFrame {
        /** Checks the text. */
        public ChatMessage {
            Checks.text("text", text, 1, 4000);
        }
    }

    /** Sets this connection's display name. */
    @JsonTypeName("set-name")
    record SetName(String name) implements ClientFrame {
        /** Checks the name. */
        public SetName {
            Checks.text("name", name, 1, 64);
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }
    }

    /** A private chat line to one session. */
    @JsonTypeName("direct")
    record Direct(String to, String text) implements ClientFrame {
        /** Checks target and text. */
        public Direct {
            Checks.text("to", to, 1, 128);
            Checks.text("text", text, 1, 4000);
        }
    }

    /**
     * Creates or moves a pin: without {@code pinId} the sender's own pin, with one (1–64 chars,
     * chosen by the client) that pin, which only its owner or an admin may move.
     */
    @JsonTypeName("set-pin")
    record SetPin(GeoPoint location, String label, String color, String note, String pinId) implements ClientFrame {
        /** Checks location, texts and the id. */
        public SetPin {
            Checks.required("location", location);
            Checks.optionalText("label", label, Pin.MAX_LABEL);
            Checks.optionalText("color", color, Pin.MAX_COLOR);
            Checks.optionalText("note", note, Pin.MAX_NOTE);
            if (pinId != null) {
                Checks.text("pinId", pinId, 1, Pin.MAX_ID);
            }
        }

        /** The sender's own pin, without a note. */
        public SetPin(GeoPoint location, String label, String color) {
            this(location, label, color, null, null);
        }
    }

    /** Removes a pin. */
    @JsonTypeName("remove-pin")
    record RemovePin(String pinId) implements ClientFrame {
        /** Checks the id. */
        public RemovePin {
            Checks.text("pinId", pinId, 1, 128);
        }
    }

    /** Appends a waypoint to the shared route. */
    @JsonTypeName("add-waypoint")
    record AddWaypoint(GeoPoint location, String label) implements ClientFrame {
        /** Checks location and label. */
        public AddWaypoint {
            Checks.required("location", location);
            Checks.optionalText("label", label, 64);
        }
    }

    /** Removes every waypoint. */
    @JsonTypeName("clear-route")
    record ClearRoute() implements ClientFrame {}

    /** Longest snapshot name. */
    int MAX_SNAPSHOT_NAME = 64;

    /** Keeps a named copy of the map's pins and route (replacing one of the same name). */
    @JsonTypeName("save-snapshot")
    record SaveSnapshot(String name) implements ClientFrame {
        /** Checks the name. */
        public SaveSnapshot {
            snapshotName(name);
        }
    }

    /** Replaces the map's pins and route with a named copy. */
    @JsonTypeName("restore-snapshot")
    record RestoreSnapshot(String name) implements ClientFrame {
        /** Checks the name. */
        public RestoreSnapshot {
            snapshotName(name);
        }
    }

    /** Forgets a named copy. */
    @JsonTypeName("delete-snapshot")
    record DeleteSnapshot(String name) implements ClientFrame {
        /** Checks the name. */
        public DeleteSnapshot {
            snapshotName(name);
        }
    }

    private static void snapshotName(String name) {
        Checks.text("name", name, 1, MAX_SNAPSHOT_NAME);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
    }
}
