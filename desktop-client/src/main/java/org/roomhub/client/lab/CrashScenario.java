package org.roomhub.client.lab;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.roomhub.client.localhub.ChildHub;
import org.roomhub.client.localhub.Folders;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Starts its own hub in a child JVM (data in a temporary folder), puts a WebSocket, an SSE and a polling
 * client in {@code chat/lab-crash} sending in turn, then restarts that hub twice under them: gracefully
 * (SIGTERM) and with kill -9. The clients reconnect and resume by seq by themselves; afterwards a fresh
 * reader lists what the room holds and the scenario counts, per client, chat messages missed and own
 * acknowledged messages not found. The app's hub is never touched; the diagram shows the child hub meanwhile.
 */
final class CrashScenario extends ScenarioBase {

    private static final RoomAddress ROOM = RoomAddress.parse("chat/lab-crash");
    private static final long RUN_MILLIS = 6_000;
    private static final int START_SECONDS = 120;

    private final List<ChattingClient> clients = new CopyOnWriteArrayList<>();
    private final List<Restart> restarts = new CopyOnWriteArrayList<>();
    private volatile Path dataDir;
    private volatile ChildHub child;
    private volatile String phase = "Starting a hub in a child process…";
    private volatile ChatLedger ledger;
    private volatile String failure;
    private volatile boolean sending;

    /** One restart: how, from the stop request until the new hub listened, and from then until every client was back. */
    record Restart(String how, long downMillis, long resumeMillis) {}

    CrashScenario(LabContext lab) {
        super(lab);
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.CRASH;
    }

    @Override
    public void start() {
        Thread run = new Thread(this::script, "lab-crash-script");
        run.setDaemon(true);
        run.start();
    }

    private void script() {
        try {
            dataDir = Files.createTempDirectory("roomhub-lab-crash");
            child = ChildHub.start(dataDir, 0, List.of(), START_SECONDS);
            if (closed()) {
                child.kill9(); // Stop came while it started
                Folders.deleteQuietly(dataDir);
                return;
            }
            HubEndpoint endpoint = HubEndpoint.parse(child.url(), null);
            lab.log("Lab crash: started a hub in a child process at " + child.url() + " (pid " + child.pid() + ")",
                    "java -cp <this app> org.roomhub.hub.HubCommand, data in " + dataDir + "; the diagram now shows it.");
            lab.show(endpoint);
            for (TransportKind kind : List.of(TransportKind.WEBSOCKET, TransportKind.SSE, TransportKind.POLLING)) {
                HubClient hub = keep(new HubClient(endpoint, new FrameCodec(), kind));
                clients.add(new ChattingClient(hub, ROOM, "crash-" + kind.name().toLowerCase()));
            }
            clients.forEach(this::keep);
            phase = "Clients joining…";
            awaitTrue(() -> clients.stream().allMatch(c -> c.connects() > 0), 30, "the clients did not join");
            sending = true;
            int[] turn = {0};
            every(400, () -> {
                if (sending) {
                    clients.get(turn[0]++ % clients.size()).sendNext(); // each client every 1.2 s: 50 a minute, under chat's 60
                }
            });
            phase = "Chatting…";
            pause(RUN_MILLIS);
            restart("graceful (SIGTERM)", false);
            pause(RUN_MILLIS);
            restart("kill -9", true);
            pause(RUN_MILLIS);
            sending = false;
            phase = "Waiting for the last echoes…";
            awaitTrue(() -> clients.stream().allMatch(c -> c.acknowledged().size() >= c.sent()), 10, null);
            URI since0 = URI.create(endpoint.roomSocket(ROOM, "ledger", 0) + "&since=0");
            ledger = ChatLedger.read(since0);
            lab.log("Lab crash: " + missedTotal() + " chat frames missed, " + foundTotal() + " of " + ackedTotal()
                    + " acknowledged messages found after two restarts", "Read back with a fresh ?since=0 connection: "
                    + ledger.messages().size() + " chat messages, room seq " + ledger.latest());
            phase = "Done";
        } catch (IOException | RuntimeException e) {
            if (!closed()) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                lab.log("Lab crash: stopped: " + failure, child == null ? null : child.lastLines());
            }
        }
    }

    /** Stops the child (gracefully or with SIGKILL), starts it again on the same port and data, and times the return. */
    private void restart(String how, boolean kill) throws IOException {
        phase = "Restarting: " + how + "…";
        List<Integer> before = clients.stream().map(ChattingClient::connects).toList();
        int port = child.port();
        long stop = System.nanoTime();
        if (kill) {
            child.kill9();
        } else {
            child.stopGracefully(15);
        }
        lab.log("Lab crash: hub stopped, " + how, "pid " + child.pid() + "; the clients see their connections drop and retry with backoff");
        child = ChildHub.start(dataDir, port, List.of(), START_SECONDS);
        if (closed()) {
            child.kill9(); // Stop came while it started: close() already stopped the previous one
            Folders.deleteQuietly(dataDir);
            throw new IllegalStateException("stopped");
        }
        long up = System.nanoTime();
        phase = "Hub back after " + how + "; clients resuming…";
        awaitTrue(() -> {
            for (int i = 0; i < clients.size(); i++) {
                if (clients.get(i).connects() <= before.get(i)) {
                    return false;
                }
            }
            return true;
        }, 60, "the clients did not come back within 60 s after the " + how + " restart");
        long back = clients.stream().mapToLong(ChattingClient::lastConnectedAt).max().orElse(up);
        Restart r = new Restart(how, millis(up - stop), millis(Math.max(0, back - up)));
        restarts.add(r);
        lab.log("Lab crash: after " + how + " the hub was down " + seconds(r.downMillis()) + ", clients back "
                + seconds(r.resumeMillis()) + " later", "Down: stop request → new hub listening (JVM start included). "
                + "Back: hub listening → every client connected again (their backoff is 250 ms up to 15 s).");
    }

    private void awaitTrue(BooleanSupplier condition, int seconds, String failureMessage) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && !closed()) {
            if (System.nanoTime() > deadline) {
                if (failureMessage != null) {
                    throw new IllegalStateException(failureMessage);
                }
                return;
            }
            pause(100);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis); // the scenario's own script thread, never the UI thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private int sentTotal() {
        return clients.stream().mapToInt(ChattingClient::sent).sum();
    }

    private int ackedTotal() {
        return clients.stream().mapToInt(c -> c.acknowledged().size()).sum();
    }

    private long foundTotal() {
        ChatLedger l = ledger;
        return l == null ? 0 : clients.stream().flatMap(c -> c.acknowledged().keySet().stream()).filter(l::holds).count();
    }

    private long missedTotal() {
        ChatLedger l = ledger;
        return l == null ? 0 : clients.stream().mapToLong(l::missedBy).sum();
    }

    @Override
    public LabReport report() {
        ChatLedger l = ledger;
        List<String> columns = new ArrayList<>(List.of(""));
        clients.forEach(c -> columns.add(c.kind().label()));
        List<LabReport.Row> rows = new ArrayList<>();
        rows.add(row("sent / acknowledged", c -> c.sent() + " / " + c.acknowledged().size(),
                "Messages the connection took / those the room broadcast back to the sender (with a seq): acknowledged writes"));
        rows.add(row("skipped while down", c -> Integer.toString(c.refusedWhileDown()), "Sends not attempted because the connection was down"));
        rows.add(row("reconnects", c -> Integer.toString(Math.max(0, c.connects() - 1)), "connected frames after the first: one per restart"));
        rows.add(row("acknowledged found", c -> l == null ? "–" : c.acknowledged().keySet().stream().filter(l::holds).count()
                + " of " + c.acknowledged().size(), "Own acknowledged messages found in the room after the last restart (read with ?since=0)"));
        rows.add(row("chat frames missed", c -> l == null ? "–" : Long.toString(l.missedBy(c)),
                "Chat messages in the room after this client joined that it never received (resume by seq fills every gap)"));
        for (Restart r : restarts) {
            rows.add(new LabReport.Row(r.how(), clients.stream().map(c -> "down " + seconds(r.downMillis())
                    + ", back " + seconds(r.resumeMillis())).toList(), "Down: stop → new hub listening (a JVM start). Back: listening → every client connected"));
        }
        boolean done = l != null;
        String headline = failure != null ? "Stopped: " + failure
                : done ? "Two restarts, kill -9 included: " + missedTotal() + " frames missed, " + foundTotal() + " of " + ackedTotal()
                        + " acknowledged writes found" + (l.reset() ? " (the hub sent reset: not all held)" : "")
                : phase + (child == null ? "" : " (child hub pid " + child.pid() + ", " + sentTotal() + " sent)");
        List<String> notes = List.of("The hub runs in a child JVM with its data in " + (dataDir == null ? "a temporary folder" : dataDir)
                + ", removed on Stop; the app's own hub is not touched. A write counts as acknowledged once the room broadcast it "
                + "back: the hub sends that only after the write is on disk, so a kill -9 cannot lose it.");
        return new LabReport(headline, columns, rows, "", List.of(), notes, done || failure != null);
    }

    private LabReport.Row row(String label, java.util.function.Function<ChattingClient, String> cell, String hint) {
        return new LabReport.Row(label, clients.stream().map(cell).toList(), hint);
    }

    /** The child hub's data folder (removed on close); for tests. */
    Path dataDir() {
        return dataDir;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    @Override
    public void close() {
        super.close();
        lab.show(null);
        ChildHub c = child;
        if (c != null) {
            c.stopGracefully(10);
        }
        Folders.deleteQuietly(dataDir);
    }
}
