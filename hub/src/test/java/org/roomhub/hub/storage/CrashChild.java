package org.roomhub.hub.storage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The crash harness's child JVM (not a test): opens the store, checks and prints what it recovered, then
 * writes transactions from several threads as fast as durability allows, printing {@code ACK room n} to
 * stdout only after write n of that room is durable, until it is killed (or halts itself at an armed
 * {@link FailPoints} point).
 *
 * <p>Every transaction n of room r sets {@code counter=n}, ten 1 KiB keys {@code k0..k9} derived from
 * (r, n), replaces {@code d/(n-1)} by {@code d/n} and sets the alarm to n (clears it when n is a multiple
 * of 5), all in one transaction, as the runtime commits one event's data and alarm; so a recovered room is
 * whole only if all of that, alarm included, agrees on one n. Each round also puts a log key in a shared room outside the
 * transaction ({@code LOG room n}).
 *
 * <p>Usage: {@code CrashChild <dir> <rooms> <failpoint|none> <nth>}
 */
public final class CrashChild {

    static final int KEYS = 10;
    static final int LOG_SLOTS = 500;
    static final String LOG_ROOM = "crash/log";

    private CrashChild() {
    }

    static StorageOptions options() {
        return StorageOptions.defaults().withSegmentBytes(64 * 1024).withCheckpointBytes(256 * 1024);
    }

    static String room(int r) {
        return "crash/room-" + r;
    }

    static byte[] value(int room, long n, int key) {
        int size = (key == 0 && n % 97 == 0) ? 100 * 1024 : 1024;
        byte[] v = new byte[size];
        long x = room * 1_000_003L + n * 7919L + key * 104_729L;
        for (int i = 0; i < size; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            v[i] = (byte) (x >>> 56);
        }
        return v;
    }

    static byte[] logValue(int room, long n) {
        return (room + "," + n + ",").repeat(20).getBytes(StandardCharsets.UTF_8);
    }

    static String logKey(int room, long n) {
        return "r" + room + "-" + (n % LOG_SLOTS);
    }

    /** Checks one room; returns its counter, or a description of what is wrong prefixed by "BAD". */
    static String check(RoomStore store, int r) {
        Optional<byte[]> counter = store.get("counter");
        long n = counter.map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8))).orElse(0L);
        for (int k = 0; k < KEYS; k++) {
            Optional<byte[]> v = store.get("k" + k);
            if (n == 0 ? v.isPresent() : v.isEmpty() || !java.util.Arrays.equals(v.get(), value(r, n, k))) {
                return "BAD room " + r + " counter " + n + " but k" + k + " is " + v.map(b -> "from another write").orElse("missing");
            }
        }
        Set<String> ds = store.list(ListOptions.withPrefix("d/")).keySet();
        if (n == 0 ? !ds.isEmpty() : !ds.equals(Set.of("d/" + n))) {
            return "BAD room " + r + " counter " + n + " but d/ keys are " + ds;
        }
        Optional<Long> alarm = store.getAlarm();
        if (!alarm.equals(expectedAlarm(n))) {
            return "BAD room " + r + " counter " + n + " but alarm is " + alarm;
        }
        return Long.toString(n);
    }

    /** The alarm transaction n leaves: n, or none when n is 0 or a multiple of 5 (cleared). */
    static Optional<Long> expectedAlarm(long n) {
        return n % 5 == 0 ? Optional.empty() : Optional.of(n);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rooms = Integer.parseInt(args[1]);
        if (!args[2].equals("none")) {
            FailPoints.arm(FailPoints.Point.valueOf(args[2]), Integer.parseInt(args[3]));
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        Storage storage;
        try {
            storage = Storage.open(dir, options());
        } catch (Exception e) {
            out.println("CORRUPT " + e.toString().replace('\n', ' '));
            out.flush();
            System.exit(3);
            return;
        }
        RecoveryReport report = storage.recoveryReport();
        out.println("RECOVERED " + report.kind() + " " + report.replayed() + " " + report.tornTailBytes() + " " + report.millis());
        RoomStore log = storage.forRoom(LOG_ROOM);
        Map<String, byte[]> logs = log.list(ListOptions.all());
        for (Map.Entry<String, byte[]> e : logs.entrySet()) {
            out.println("LOGSTATE " + e.getKey() + " " + new String(e.getValue(), StandardCharsets.UTF_8).split(",", 3)[1]);
        }
        long[] start = new long[rooms];
        for (int r = 0; r < rooms; r++) {
            String state = check(storage.forRoom(room(r)), r);
            out.println("STATE " + r + " " + state);
            if (!state.startsWith("BAD")) {
                start[r] = Long.parseLong(state);
            }
        }
        out.println("READY");
        out.flush();
        List<Thread> writers = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            int room = r;
            long first = start[r] + 1;
            Thread t = new Thread(() -> write(storage, room, first, out), "writer-" + r);
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) {
            t.join();
        }
    }

    private static void write(Storage storage, int r, long first, PrintStream out) {
        RoomStore store = storage.forRoom(room(r));
        RoomStore log = storage.forRoom(LOG_ROOM);
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (long n = first; ; n++) {
            long tx = n;
            CompletableFuture<Void> done = store.transaction(t -> {
                Map<String, byte[]> entries = new TreeMap<>();
                entries.put("counter", Long.toString(tx).getBytes(StandardCharsets.UTF_8));
                for (int k = 0; k < KEYS; k++) {
                    entries.put("k" + k, value(r, tx, k));
                }
                entries.put("d/" + tx, new byte[] {1});
                t.put(entries);
                t.delete("d/" + (tx - 1));
                if (tx % 5 == 0) {
                    t.deleteAlarm();
                } else {
                    t.setAlarm(tx);
                }
            });
            inFlight.add(done.thenRun(() -> ack(out, "ACK " + r + " " + tx)));
            CompletableFuture<Void> logged = log.put(logKey(r, tx), logValue(r, tx));
            inFlight.add(logged.thenRun(() -> ack(out, "LOG " + r + " " + tx)));
            if (inFlight.size() >= 8) {
                CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).join();
                inFlight.clear();
            }
        }
    }

    private static void ack(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

}
