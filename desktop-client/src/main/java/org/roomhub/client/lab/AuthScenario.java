package org.roomhub.client.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
import org.roomhub.client.net.TransportKind;
import org.roomhub.hub.Hub;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Starts its own token-protected hub on loopback (in this process, data in a temporary folder) and
 * knocks four times on {@code chat/lab-auth}: no token, a wrong token, a viewer's token, a member's
 * token. What the hub answered each is the figure. The lab hub is stopped and its folder removed on close.
 */
final class AuthScenario extends ScenarioBase {

    private static final RoomAddress ROOM = RoomAddress.parse("chat/lab-auth");
    private static final List<String> ATTEMPTS = List.of("no token", "wrong token", "viewer token", "member token");

    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private volatile Hub hub;
    private volatile Path dataDir;
    private volatile String url;

    AuthScenario(LabContext lab) {
        super(lab);
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.AUTH;
    }

    @Override
    public void start() {
        try {
            dataDir = Files.createTempDirectory("roomhub-lab-auth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hub = Hub.create(cfg -> {
            cfg.network.bind = "127.0.0.1";
            cfg.auth.required = true; // a loopback hub is open by default: this one asks like a LAN hub does
            cfg.storage.dataDir = dataDir;
        }).start(0);
        url = "http://127.0.0.1:" + hub.port();
        lab.log("Lab auth: started a token-protected hub at " + url, "In this process, data in " + dataDir
                + "; the diagram shows the app's hub, so follow this one here and in the log.");
        String member = hub.tokens().issue("max", Role.MEMBER, List.of(RoomPattern.parse("chat/*")), false, Duration.ofMinutes(10));
        String viewer = hub.tokens().issue("vera", Role.VIEWER, List.of(RoomPattern.parse("chat/*")), false, Duration.ofMinutes(10));
        String wrong = member.substring(0, member.length() - 2) + (member.endsWith("A") ? "BB" : "AA");
        knock("no token", null);
        knock("wrong token", wrong);
        knock("viewer token", viewer);
        knock("member token", member);
    }

    private void knock(String attempt, String token) {
        HubClient client = keep(new HubClient(HubEndpoint.parse(url, token), new FrameCodec(), TransportKind.WEBSOCKET));
        outcomes.put(attempt, "trying…");
        client.onRefusal(refusal -> {
            outcomes.put(attempt, "refused " + refusal.status() + ": " + refusal.hubMessage());
            lab.log("Lab auth: " + attempt + " → " + refusal.status(), refusal.hubMessage());
        });
        RoomConnection[] self = new RoomConnection[1];
        self[0] = keep(client.join(ROOM, attempt.replace(' ', '-'), new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                if (frame instanceof ServerFrame.Connected c) {
                    outcomes.put(attempt, "joined as " + c.user() + "; sending…");
                    self[0].send(new ClientFrame.ChatMessage("hello from the " + attempt));
                } else if (frame instanceof ServerFrame.Error e && e.code() == ErrorCode.FORBIDDEN) {
                    outcomes.put(attempt, "joined; send → FORBIDDEN (" + e.message() + ")");
                    lab.log("Lab auth: " + attempt + " may join but not send: FORBIDDEN", e.message());
                } else if (frame instanceof ServerFrame.ChatMessage m && m.text().equals("hello from the " + attempt)) {
                    outcomes.put(attempt, "joined; send → broadcast, seq " + m.seq());
                    lab.log("Lab auth: " + attempt + " joined and sent: the room broadcast it", "seq " + m.seq());
                }
            }

            @Override
            public void onStateChanged(ConnectionState state, String detail) {
                if (state == ConnectionState.REFUSED && !outcomes.getOrDefault(attempt, "").startsWith("refused")) {
                    outcomes.put(attempt, "refused: " + detail);
                }
            }
        }));
    }

    @Override
    public LabReport report() {
        List<LabReport.Row> rows = new ArrayList<>();
        for (String attempt : ATTEMPTS) {
            rows.add(new LabReport.Row(attempt, List.of(outcomes.getOrDefault(attempt, "–")), hint(attempt)));
        }
        boolean settled = ATTEMPTS.stream().allMatch(a -> {
            String o = outcomes.getOrDefault(a, "");
            return o.startsWith("refused") || o.contains("→");
        });
        String headline = url == null ? "Starting a token-protected hub…"
                : settled ? "The hub at " + url + " checked every attempt before anything reached the room" : "Knocking at " + url + " …";
        return new LabReport(headline, List.of("", "what the hub answered"), rows, "", List.of(),
                List.of("401: no credential at all. 403: a credential the hub does not accept (bad signature, expired, or not "
                        + "for this room); the WebSocket is never upgraded in either case. A viewer may read but not send; a member may send."),
                settled);
    }

    private static String hint(String attempt) {
        return switch (attempt) {
            case "no token" -> "A WebSocket join with no token";
            case "wrong token" -> "A member's token with its signature changed";
            case "viewer token" -> "Role viewer, rooms chat/*: joins, then sends a chat message";
            default -> "Role member, rooms chat/*: joins, then sends a chat message";
        };
    }

    @Override
    protected void undo() {
        // nothing changed on the app's hub
    }

    @Override
    public void close() {
        super.close();
        if (hub != null) {
            hub.stop();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder: the OS cleans it eventually
            }
        }
    }
}
