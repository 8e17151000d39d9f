package org.roomhub.hub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.roomhub.hub.testkit.TextSocket;

/**
 * Roomhub's load benchmark (issue 4). Not a unit test: run it with
 *
 * <pre>mvn -B -pl hub -am -Pbench test-compile</pre>
 *
 * (arguments through {@code -Dexec.args="--only=wake,fanout --duration=30"}; {@code --help} lists them).
 * Every scenario starts the hub's real command line in a child JVM on a loopback port, so the hub's
 * CPU and heap are measured apart from this load generator:
 * <ol>
 * <li>{@code wake}: round trip of a chat message to a hibernated room (forced with
 * {@code POST /api/rooms/…/hibernate}) against the same round trip to the awake room, and the hub's
 * own {@code roomhub_wake_latency_seconds} timer;</li>
 * <li>{@code throughput}: acknowledged chat messages per second into one room from several pipelining
 * senders (acknowledged = the sender received its own broadcast back);</li>
 * <li>{@code fanout}: hub CPU per delivered frame while one chat room fans out to N subscribers at a
 * fixed message rate ({@code /proc/<pid>/stat} utime+stime of the hub process);</li>
 * <li>{@code heap}: used heap after full GC ({@code jcmd GC.run}, {@code GC.heap_info}) per hibernated
 * room and per idle connection.</li>
 * </ol>
 */
public final class HubBenchmark {

    private static final Pattern QUANTILE = Pattern.compile(
            "^roomhub_wake_latency_seconds\\{quantile=\"([0-9.]+)\"[^}]*\\}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern SAMPLE = Pattern.compile("^(roomhub_[a-z_]+)(\\{[^}]*\\})?\\s+(\\S+)", Pattern.MULTILINE);

    /** Command-line options; defaults finish in about four minutes on two cores. */
    static final class Options {
        Set<String> only = new LinkedHashSet<>(List.of("wake", "throughput", "heap", "fanout"));
        int wakeSamples = 300;
        int wakeWarmup = 50;
        int history = 100;
        int senders = 4;
        int window = 32;
        int warmupSeconds = 5;
        int durationSeconds = 20;
        int subscribers = 1000;
        /** vs-join: the room types stormed (chat: subscribers clients, metrics: 4 × subscribers). */
        List<String> joinRooms = List.of("chat", "metrics");
        int rate = 200;
        /** vs-fanout: publisher rates, and the targets measured in order ("baseline", "hub", or a hub's extra JVM options). */
        int[] fanoutRates = {50, 200};
        List<String> fanoutTargets = List.of("hub", "baseline");
        int rooms = 1000;
        int connections = 1000;
        /** idle-sockets: sockets opened (the machine allows 20,000 open files per process, hub and bench alike). */
        int idleSockets = 19_000;
        int dormantRooms = 100_000;
        List<String> hubJvm = new ArrayList<>();
        Path data = Path.of(System.getProperty("bench.dir", "target"), "bench-data");
        Path out = Path.of(System.getProperty("bench.dir", "target"), "hub-benchmark.txt");

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String key = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    key = a.substring(0, eq);
                    value = a.substring(eq + 1);
                } else if (!a.equals("--help") && !a.equals("--quick") && i + 1 < args.length) {
                    value = args[++i];
                }
                switch (key) {
                    case "--help" -> {
                        System.out.println("""
                                HubBenchmark options (defaults in brackets):
                                  --only=wake,throughput,heap,fanout  scenarios to run, in this order [all]
                                        also vs-fanout,vs-chat,vs-join: hub and the plain Jetty baseline side by side (issue 12)
                                  --quick                 small counts and 5 s windows, for a smoke run
                                  --wake-samples=N        measured wakes [300]; --wake-warmup=N [50]; --history=N chat history [100]
                                  --senders=N --window=N  throughput: sending clients [4], in-flight per client [32]
                                  --warmup=S --duration=S warm-up and measured seconds per run [5, 20]
                                  --subscribers=N --rate=R fan-out: subscribers [1000], messages per second [200]
                                  --fanout-rates=50,200   vs-fanout: publisher rates measured [50,200]
                                  --fanout-targets=LIST   vs-fanout: targets in order, ';'-separated: "baseline", "hub"
                                                          (the --hub-jvm options alone) or a hub with extra JVM options
                                                          joined by '~', e.g. hub;baseline;-Droomhub.writeAgeMillis=20 [hub;baseline]
                                  --join-rooms=chat,metrics vs-join: room types stormed (chat: N subscribers, metrics: 4 N) [both]
                                  --rooms=N --connections=N heap: hibernated rooms [1000], idle connections [1000]
                                  --idle-sockets=N        idle-sockets (not in the default list): raw sockets held by a -Xmx512m hub [19000]
                                  --dormant-rooms=N       dormant (not in the default set): hibernated rooms held by one hub [100000]
                                  --hub-jvm=OPTION        extra JVM option for every child hub (repeatable), e.g.
                                                          --hub-jvm=-XX:StartFlightRecording=filename=hub-{name}.jfr,settings=profile ({name} = scenario)
                                  --start-timeout=S       seconds a child hub or baseline may take to print its port [180]
                                  --data=DIR --out=FILE   data root [hub/target/bench-data], summary [hub/target/hub-benchmark.txt]""");
                        System.exit(0);
                    }
                    case "--quick" -> {
                        o.wakeSamples = 60;
                        o.wakeWarmup = 20;
                        o.warmupSeconds = 2;
                        o.durationSeconds = 5;
                        o.subscribers = 200;
                        o.rooms = 200;
                        o.connections = 200;
                    }
                    case "--only" -> o.only = new LinkedHashSet<>(List.of(value.split(",")));
                    case "--wake-samples" -> o.wakeSamples = Integer.parseInt(value);
                    case "--wake-warmup" -> o.wakeWarmup = Integer.parseInt(value);
                    case "--history" -> o.history = Integer.parseInt(value);
                    case "--senders" -> o.senders = Integer.parseInt(value);
                    case "--window" -> o.window = Integer.parseInt(value);
                    case "--warmup" -> o.warmupSeconds = Integer.parseInt(value);
                    case "--duration" -> o.durationSeconds = Integer.parseInt(value);
                    case "--subscribers" -> o.subscribers = Integer.parseInt(value);
                    case "--rate" -> o.rate = Integer.parseInt(value);
                    case "--fanout-rates" -> o.fanoutRates = java.util.Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--fanout-targets" -> o.fanoutTargets = List.of(value.split(";"));
                    case "--join-rooms" -> o.joinRooms = List.of(value.split(","));
                    case "--rooms" -> o.rooms = Integer.parseInt(value);
                    case "--connections" -> o.connections = Integer.parseInt(value);
                    case "--idle-sockets" -> o.idleSockets = Integer.parseInt(value);
                    case "--dormant-rooms" -> o.dormantRooms = Integer.parseInt(value);
                    case "--hub-jvm" -> o.hubJvm.add(value);
                    case "--data" -> o.data = Path.of(value);
                    case "--start-timeout" -> System.setProperty("roomhub.child.start.seconds", value); // read when HubProcess loads
                    case "--out" -> o.out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            return o;
        }
    }

    /** One reported figure. */
    record Figure(String scenario, String name, String value, String unit, String spread) {}

    private final Options options;
    /** One HttpClient (and its two threads) per scenario, so a backlog left by one cannot slow the next. */
    private HttpClient http;
    private java.util.concurrent.ExecutorService httpThreads;
    private final List<Figure> figures = new ArrayList<>();
    private final List<ChildHub> children = new ArrayList<>();

    private HubBenchmark(Options options) {
        this.options = options;
    }

    /** Runs the scenarios chosen by the arguments and prints a summary table. */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        HubBenchmark bench = new HubBenchmark(options);
        Thread cleanup = new Thread(bench::killChildren, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            bench.run();
        } finally {
            bench.killChildren();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private void run() throws Exception {
        deleteTree(options.data);
        Files.createDirectories(options.data);
        StringBuilder header = new StringBuilder();
        header.append("Roomhub hub benchmark, ").append(Instant.now()).append('\n');
        header.append("machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.version")).append('\n');
        header.append("load average at start: ").append(loadAverage()).append('\n');
        System.out.print(header);
        long started = System.nanoTime();
        for (String scenario : options.only) {
            System.out.println();
            System.out.println("== " + scenario + " (load " + loadAverage() + ")");
            long t = System.nanoTime();
            httpThreads = Executors.newFixedThreadPool(2, daemon("bench-http-" + scenario + "-"));
            http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(java.time.Duration.ofSeconds(30)).build();
            try {
                switch (scenario) {
                    case "wake" -> wake();
                    case "throughput" -> throughput();
                    case "fanout" -> fanout();
                    case "heap" -> heap();
                    case "idle-sockets" -> IdleSockets.run(options.idleSockets, options.data, this::child, this::add);
                    case "dormant" -> new DormantRooms(options, http, this::add, this::child).run();
                    default -> {
                        if (!Versus.handles(scenario)) {
                            throw new IllegalArgumentException("unknown scenario " + scenario);
                        }
                        new Versus(options, http, this::add, this::child).run(scenario);
                    }
                }
            } catch (Exception e) {
                System.out.println("   " + scenario + " FAILED:");
                e.printStackTrace(System.out);
                add(scenario, "FAILED", e.toString(), "", "see the log above");
            } finally {
                killChildren();
                httpThreads.shutdownNow();
                http = null;
                System.gc();
            }
            System.out.printf(Locale.ROOT, "   (%s took %.0f s, load now %s)%n", scenario, seconds(System.nanoTime() - t), loadAverage());
        }
        StringBuilder summary = new StringBuilder(header);
        summary.append("load average at end: ").append(loadAverage()).append('\n');
        summary.append(String.format(Locale.ROOT, "total time: %.0f s%n%n", seconds(System.nanoTime() - started)));
        summary.append("| scenario | figure | value | unit | spread / notes |\n|---|---|---|---|---|\n");
        for (Figure f : figures) {
            summary.append("| ").append(f.scenario()).append(" | ").append(f.name()).append(" | ").append(f.value())
                    .append(" | ").append(f.unit()).append(" | ").append(f.spread()).append(" |\n");
        }
        System.out.println();
        System.out.print(summary);
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, summary);
        System.out.println("(summary written to " + options.out.toAbsolutePath() + ")");
    }

    // ---- 1. wake latency -----------------------------------------------------------------

    private void wake() throws Exception {
        try (ChildHub hub = child("wake", List.of(), "--hibernate-after", "1h")) {
            String room = "chat/wake";
            Echo echo = new Echo();
            TextSocket s = TextSocket.connect(http, hub.ws("/rooms/" + room), echo::accept);
            s.opened().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < options.history; i++) {
                echo.roundTrip(s, "seed-" + i); // a chat history to read back on every wake
            }
            Histogram woken = new Histogram(60_000_000_000L, 3);
            Histogram awake = new Histogram(60_000_000_000L, 3);
            Histogram hibernateCall = new Histogram(60_000_000_000L, 3);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int n = 0;
            WakeRecording recording = null;
            for (int i = 0; i < options.wakeWarmup + options.wakeSamples && System.nanoTime() < deadline; i++) {
                if (i == options.wakeWarmup) {
                    recording = WakeRecording.start(hub.pid(), hub.data.resolve("wake-events"));
                }
                long h0 = System.nanoTime();
                hub.post("/api/rooms/" + room + "/hibernate");
                awaitState(hub, room, "hibernating");
                long hibernated = System.nanoTime() - h0;
                long w = echo.roundTrip(s, "w-" + i);
                long a = echo.roundTrip(s, "a-" + i);
                if (i >= options.wakeWarmup) {
                    woken.recordValue(w);
                    awake.recordValue(a);
                    hibernateCall.recordValue(hibernated);
                    n++;
                }
            }
            List<WakeRecording.Wake> wakes = recording == null ? List.of() : recording.stop();
            List<Long> measuredWakes = wakes.stream().map(WakeRecording.Wake::nanos).toList();
            String stats = hub.get("/api/rooms/" + room).body();
            String metrics = hub.get("/metrics").body();
            s.close();
            Map<String, Double> q = new LinkedHashMap<>();
            Matcher m = QUANTILE.matcher(metrics);
            while (m.find()) {
                q.put(m.group(1), Double.parseDouble(m.group(2)));
            }
            Map<String, Double> samples = samples(metrics);
            double count = samples.getOrDefault("roomhub_wake_latency_seconds_count", 0.0);
            double sum = samples.getOrDefault("roomhub_wake_latency_seconds_sum", 0.0);
            double max = samples.getOrDefault("roomhub_wake_latency_seconds_max", 0.0);
            System.out.println("   room after the run: " + stats);
            String spread = String.format(Locale.ROOT, "n=%d; p90 %s, max %s", n, ms(woken.getValueAtPercentile(90)),
                    ms(woken.getMaxValue()));
            add("wake", "message→reply to a hibernated chat room (" + options.history + " msgs of history), p50", ms(woken.getValueAtPercentile(50)), "ms", spread);
            add("wake", "message→reply to a hibernated chat room, p99", ms(woken.getValueAtPercentile(99)), "ms", spread);
            String spreadA = String.format(Locale.ROOT, "n=%d; p90 %s, max %s", n, ms(awake.getValueAtPercentile(90)),
                    ms(awake.getMaxValue()));
            add("wake", "same round trip, room awake (baseline), p50", ms(awake.getValueAtPercentile(50)), "ms", spreadA);
            add("wake", "same round trip, room awake (baseline), p99", ms(awake.getValueAtPercentile(99)), "ms", spreadA);
            add("wake", "roomhub_wake_latency_seconds (room re-creation alone, every wake since start), p50 / p99",
                    ms(q.getOrDefault("0.5", Double.NaN) * 1e9) + " / " + ms(q.getOrDefault("0.99", Double.NaN) * 1e9), "ms",
                    String.format(Locale.ROOT, "hub timer, %d wakes, mean %s, max %s", (long) count,
                            ms(count > 0 ? sum / count * 1e9 : Double.NaN), ms(max * 1e9)));
            Histogram recreated = new Histogram(60_000_000_000L, 3);
            measuredWakes.forEach(recreated::recordValue);
            add("wake", "room re-creation alone after the warm-up (hub's roomhub.Wake JFR events), p50 / p99",
                    ms(recreated.getValueAtPercentile(50)) + " / " + ms(recreated.getValueAtPercentile(99)), "ms",
                    String.format(Locale.ROOT, "%d wakes; p90 %s, max %s; ≤ 2 ms: %.1f %%", measuredWakes.size(),
                            ms(recreated.getValueAtPercentile(90)), ms(recreated.getMaxValue()),
                            measuredWakes.isEmpty() ? Double.NaN
                                    : 100.0 * measuredWakes.stream().filter(w -> w <= 2_000_000L).count() / measuredWakes.size()));
            Histogram wakeCpu = new Histogram(60_000_000_000L, 3);
            wakes.stream().filter(w -> w.cpuNanos() >= 0).forEach(w -> wakeCpu.recordValue(w.cpuNanos()));
            add("wake", "room re-creation alone after the warm-up: thread CPU (roomhub.Wake cpuNanos), p50 / p99",
                    ms(wakeCpu.getValueAtPercentile(50)) + " / " + ms(wakeCpu.getValueAtPercentile(99)), "ms",
                    String.format(Locale.ROOT, "%d wakes; p90 %s, max %s; the work itself, without waiting for a core",
                            wakeCpu.getTotalCount(), ms(wakeCpu.getValueAtPercentile(90)), ms(wakeCpu.getMaxValue())));
            addLongWakes(wakes);
            add("wake", "POST …/hibernate until state=hibernating, p50", ms(hibernateCall.getValueAtPercentile(50)), "ms",
                    "p99 " + ms(hibernateCall.getValueAtPercentile(99)) + " (includes 1 ms polling)");
        }
    }

    /** Where the wall time of the wakes over 2 ms went (the p99's tail): CPU, safepoints, parking, file reads, the rest. */
    private void addLongWakes(List<WakeRecording.Wake> wakes) {
        List<WakeRecording.Wake> slow = wakes.stream().filter(w -> w.nanos() > 2_000_000L).toList();
        long wall = slow.stream().mapToLong(WakeRecording.Wake::nanos).sum();
        Map<String, Long> at = new java.util.TreeMap<>();
        slow.forEach(w -> at.merge(w.blockedAt().isEmpty() ? "-" : w.blockedAt(), w.parkedNanos(), Long::sum));
        String where = at.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getKey() + " " + ms(e.getValue())).collect(java.util.stream.Collectors.joining(", "));
        add("wake", "wakes over 2 ms after the warm-up: their wall time split", slow.size() + " of " + wakes.size(), "wakes",
                String.format(Locale.ROOT, "wall %s ms = thread CPU %s + safepoints %s (GC pauses %s) + parked/blocked %s (%s)"
                                + " + file reads %s + waiting for a core or unrecorded %s ms; classes loaded %d",
                        ms(wall), ms(slow.stream().mapToLong(w -> Math.max(0, w.cpuNanos())).sum()),
                        ms(slow.stream().mapToLong(WakeRecording.Wake::safepointNanos).sum()),
                        ms(slow.stream().mapToLong(WakeRecording.Wake::gcNanos).sum()),
                        ms(slow.stream().mapToLong(WakeRecording.Wake::parkedNanos).sum()), where.isEmpty() ? "none" : where,
                        ms(slow.stream().mapToLong(WakeRecording.Wake::fileNanos).sum()),
                        ms(slow.stream().mapToLong(WakeRecording.Wake::unexplainedNanos).sum()),
                        slow.stream().mapToInt(WakeRecording.Wake::classLoads).sum()));
    }

    /** Waits for one chat message of a known text to come back; one outstanding at a time. */
    private static final class Echo {
        private final AtomicReference<String> expected = new AtomicReference<>();
        private volatile CompletableFuture<Long> arrived = new CompletableFuture<>();

        void accept(String frame) {
            String want = expected.get();
            if (want != null && TextSocket.isType(frame, "chat-message") && want.equals(TextSocket.field(frame, "text"))) {
                arrived.complete(System.nanoTime());
            }
        }

        long roundTrip(TextSocket s, String text) throws Exception {
            arrived = new CompletableFuture<>();
            expected.set(text);
            long t0 = System.nanoTime();
            s.send("{\"type\":\"chat-message\",\"text\":\"" + text + "\"}");
            return arrived.get(15, TimeUnit.SECONDS) - t0;
        }
    }

    private static void awaitState(ChildHub hub, String room, String state) {
        await(room + " reaches " + state, Duration.ofSeconds(10), Duration.ofMillis(1),
                () -> state.equals(TextSocket.field(hub.get("/api/rooms/" + room).body(), "state")));
    }

    /** Waits for {@code condition} (Awaitility); a timeout fails the scenario with {@code what}. */
    private static void await(String what, Duration atMost, Duration poll, java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(poll).until(condition);
    }

    /** Like {@link #await} but a timeout is an outcome to measure, not a failure. */
    private static void awaitAtMost(Duration atMost, Duration poll, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await("bounded wait", atMost, poll, condition);
        } catch (org.awaitility.core.ConditionTimeoutException measured) {
            // the caller reads what did (not) happen in the time allowed
        }
    }

    // ---- 2. inbound throughput of one room -----------------------------------------------

    private void throughput() throws Exception {
        try (ChildHub hub = child("throughput", List.of(), "--hibernate-after", "1h")) {
            int senders = options.senders;
            Recorder latency = new Recorder(3_600_000_000_000L, 3);
            AtomicLong acked = new AtomicLong();
            AtomicLong rateLimited = new AtomicLong();
            AtomicLong otherErrors = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            List<TextSocket> sockets = new ArrayList<>();
            List<Semaphore> windows = new ArrayList<>();
            for (int k = 0; k < senders; k++) {
                Semaphore window = new Semaphore(options.window);
                String mine = "t|" + k + "|";
                windows.add(window);
                sockets.add(TextSocket.connect(http, hub.ws("/rooms/chat/throughput"), frame -> {
                    if (TextSocket.isType(frame, "chat-message")) {
                        String text = TextSocket.field(frame, "text");
                        if (text != null && text.startsWith(mine)) {
                            latency.recordValue(Math.max(0, System.nanoTime() - Long.parseLong(text.substring(mine.length(), text.indexOf('|', mine.length())))));
                            acked.incrementAndGet();
                            window.release();
                        }
                    } else if (TextSocket.isType(frame, "error")) {
                        (frame.contains("RATE_LIMIT") ? rateLimited : otherErrors).incrementAndGet();
                        window.release();
                    }
                }));
            }
            for (TextSocket s : sockets) {
                s.opened().get(30, TimeUnit.SECONDS);
            }
            List<Thread> threads = ChatSenders.start(sockets, windows, running, "bench-sender-");
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds));
            latency.reset();
            List<Double> perSecond = new ArrayList<>();
            long a0 = acked.get();
            long c0 = hub.cpuNanos();
            long w0 = System.nanoTime();
            long last = a0;
            for (int i = 0; i < options.durationSeconds; i++) {
                Thread.sleep(1000);
                long now = acked.get();
                perSecond.add((double) (now - last));
                last = now;
            }
            long a1 = acked.get();
            long c1 = hub.cpuNanos();
            long w1 = System.nanoTime();
            Histogram lat = latency.getIntervalHistogram();
            running.set(false);
            for (Thread t : threads) {
                t.join(5000);
            }
            sockets.forEach(TextSocket::close);
            double rate = (a1 - a0) / seconds(w1 - w0);
            double cores = (c1 - c0) / (double) (w1 - w0);
            add("throughput", String.format(Locale.ROOT, "chat messages/s into one room (%d senders × %d in flight), acknowledged", senders, options.window),
                    f0(rate), "msg/s", String.format(Locale.ROOT, "per-second min %s / max %s, sd %s over %d s", f0(min(perSecond)),
                            f0(max(perSecond)), f0(sd(perSecond)), perSecond.size()));
            add("throughput", "frames delivered (each message to all " + senders + " members)", f0(rate * senders), "frames/s", "");
            add("throughput", "send→own echo latency at that load, p50 / p99", ms(lat.getValueAtPercentile(50)) + " / "
                    + ms(lat.getValueAtPercentile(99)), "ms", "max " + ms(lat.getMaxValue()));
            add("throughput", "hub CPU during the run", String.format(Locale.ROOT, "%.2f", cores), "cores",
                    String.format(Locale.ROOT, "%.1f µs CPU per message; RATE_LIMIT errors %d, other errors %d",
                            (c1 - c0) / 1000.0 / Math.max(1, a1 - a0), rateLimited.get(), otherErrors.get()));
        }
    }

    // ---- 3. fan-out CPU per delivered frame ----------------------------------------------

    private void fanout() throws Exception {
        try (ChildHub hub = child("fanout", List.of(), "--hibernate-after", "1h")) {
            int n = options.subscribers;
            String path = "/rooms/chat/fanout";
            Recorder latency = new Recorder(3_600_000_000_000L, 3);
            LongAdder delivered = new LongAdder();
            LongAdder anyFrame = new LongAdder();
            List<TextSocket> subs = new ArrayList<>(n);
            long j0 = System.nanoTime();
            for (int start = 0; start < n; start += 50) {
                List<TextSocket> wave = new ArrayList<>();
                for (int i = start; i < Math.min(n, start + 50); i++) {
                    wave.add(TextSocket.connect(http, hub.ws(path), frame -> {
                        anyFrame.increment();
                        if (TextSocket.isType(frame, "chat-message")) {
                            String text = TextSocket.field(frame, "text");
                            if (text != null && text.startsWith("f|")) {
                                latency.recordValue(Math.max(0, System.nanoTime() - Long.parseLong(text.substring(2))));
                                delivered.increment();
                            }
                        }
                    }));
                }
                CompletableFuture.allOf(wave.stream().map(TextSocket::opened).toArray(CompletableFuture[]::new))
                        .get(60, TimeUnit.SECONDS);
                subs.addAll(wave);
            }
            TextSocket publisher = TextSocket.connect(http, hub.ws(path), frame -> {});
            publisher.opened().get(30, TimeUnit.SECONDS);
            awaitConnections(hub, n + 1);
            long joinFrames = settle(anyFrame);
            double joinSeconds = seconds(System.nanoTime() - j0);
            add("fanout", n + " subscribers joining one chat room (user-joined to all, presence to each)",
                    String.format(Locale.ROOT, "%.1f", joinSeconds), "s", joinFrames + " frames to settle (O(N²) by protocol)");

            long i0 = hub.cpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(5000);
            double idleCores = (hub.cpuNanos() - i0) / (double) (System.nanoTime() - t0);

            AtomicLong sent = new AtomicLong();
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(daemon("bench-publisher-"));
            long period = 1_000_000_000L / options.rate;
            pace.scheduleAtFixedRate(() -> {
                try {
                    publisher.send("{\"type\":\"chat-message\",\"text\":\"f|" + System.nanoTime() + "\"}");
                    sent.incrementAndGet();
                } catch (RuntimeException e) {
                    System.err.println("   publisher failed: " + e);
                    throw e;
                }
            }, 0, period, TimeUnit.NANOSECONDS);
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds));
            latency.reset();
            var bench = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long s0 = sent.get();
            long d0 = delivered.sum();
            Map<String, Long> threads0 = hub.cpuNanosByThread();
            long c0 = hub.cpuNanos();
            long b0 = bench.getProcessCpuTime();
            long w0 = System.nanoTime();
            double framesSent0 = samples(hub.get("/metrics").body()).getOrDefault("roomhub_frames_sent_total", Double.NaN);
            List<Double> cpuPerSecond = new ArrayList<>();
            List<Double> p50PerSecond = new ArrayList<>();
            Histogram lat = new Histogram(3_600_000_000_000L, 3);
            long lastCpu = c0;
            for (int i = 0; i < options.durationSeconds; i++) {
                Thread.sleep(1000);
                long c = hub.cpuNanos();
                cpuPerSecond.add((c - lastCpu) / 1e9);
                lastCpu = c;
                Histogram second = latency.getIntervalHistogram();
                p50PerSecond.add(second.getValueAtPercentile(50) / 1e6);
                lat.add(second);
            }
            long s1 = sent.get();
            long d1 = delivered.sum();
            long c1 = hub.cpuNanos();
            Map<String, Long> threads1 = hub.cpuNanosByThread();
            long b1 = bench.getProcessCpuTime();
            long w1 = System.nanoTime();
            double framesSent1 = samples(hub.get("/metrics").body()).getOrDefault("roomhub_frames_sent_total", Double.NaN);
            pace.shutdownNow();
            pace.awaitTermination(5, TimeUnit.SECONDS);
            long expected = sent.get() * n;
            awaitAtMost(Duration.ofSeconds(10), Duration.ofMillis(50), () -> delivered.sum() >= expected);
            long closedSubs = subs.stream().filter(s -> s.closed.isDone()).count();
            long lost = expected - delivered.sum();
            subs.forEach(TextSocket::abort);
            publisher.abort();

            double wall = seconds(w1 - w0);
            double frames = d1 - d0;
            double cpu = c1 - c0;
            double cores = cpu / (w1 - w0);
            add("fanout", String.format(Locale.ROOT, "hub CPU per delivered frame (%d subscribers, %d msg/s)", n, options.rate),
                    String.format(Locale.ROOT, "%.2f", cpu / frames / 1000.0), "µs/frame",
                    String.format(Locale.ROOT, "net of idle hub %.2f µs; per delivered broadcast %.0f µs; per-second hub CPU min %.2f / max %.2f cores",
                            (cpu - idleCores * (w1 - w0)) / frames / 1000.0, cpu / (frames / n) / 1000.0,
                            min(cpuPerSecond), max(cpuPerSecond)));
            add("fanout", "hub CPU at that load", String.format(Locale.ROOT, "%.2f", cores), "cores",
                    String.format(Locale.ROOT, "idle with %d sockets open: %.3f cores; load generator used %.2f cores",
                            n + 1, idleCores, (b1 - b0) / (double) (w1 - w0)));
            StringBuilder byThread = new StringBuilder();
            threads1.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .forEach(e -> byThread.append(byThread.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                            .append(String.format(Locale.ROOT, "%.0f%%", 100.0 * e.getValue() / cpu)));
            add("fanout", "hub CPU by thread group", byThread.toString(), "% of hub CPU",
                    "roomhub-room-N run room events and enqueue deliveries; roomhub-writer-N write to the sockets");
            add("fanout", "frames delivered", f0(frames / wall), "frames/s",
                    String.format(Locale.ROOT, "%.0f msg/s sent; %d frames still undelivered 10 s after publishing stopped; %d subscribers closed by the hub", (s1 - s0) / wall, lost,
                            closedSubs));
            add("fanout", "publish→subscriber latency, p50 / p99", ms(lat.getValueAtPercentile(50)) + " / "
                    + ms(lat.getValueAtPercentile(99)), "ms", String.format(Locale.ROOT,
                            "max %s, n=%d; p50 in the first second %.1f ms, in the last %.1f ms", ms(lat.getMaxValue()),
                            lat.getTotalCount(), p50PerSecond.get(0), p50PerSecond.get(p50PerSecond.size() - 1)));
            add("fanout", "roomhub_frames_sent_total grew by (cross-check of the hub's counter)", f0(framesSent1 - framesSent0),
                    "frames", String.format(Locale.ROOT, "subscribers counted %.0f deliveries in the same window", frames));
        }
    }

    private static void awaitConnections(ChildHub hub, int n) {
        await("hub has " + n + " connections", Duration.ofSeconds(120), Duration.ofMillis(100),
                () -> samples(hub.get("/metrics").body()).getOrDefault("roomhub_connections", -1.0) >= n);
    }

    /** Waits (at most 120 s) until no frame arrived for one second; returns the frames counted. */
    private static long settle(LongAdder frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = frames.sum();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
        return last;
    }

    // ---- 4. heap per hibernated room and per idle connection -----------------------------

    private void heap() throws Exception {
        try (ChildHub hub = child("heap", List.of("-Xmx1g"), "--hibernate-after", "1h")) {
            List<String> rooms = new ArrayList<>();
            // Load every class on the path first so class metadata is not counted as per-room cost.
            createRooms(hub, rooms, "warm", 0, 20);
            hibernateAll(hub, rooms);
            int half = options.rooms / 2;
            long h0 = hub.heapUsedAfterGc();
            createRooms(hub, rooms, "h", 0, half);
            hibernateAll(hub, rooms);
            long h1 = hub.heapUsedAfterGc();
            createRooms(hub, rooms, "h", half, 2 * half);
            hibernateAll(hub, rooms);
            long h2 = hub.heapUsedAfterGc();
            new ProcStats(hub.pid()).histogram("heap-hibernated-rooms");
            double r1 = (h1 - h0) / (double) half;
            double r2 = (h2 - h1) / (double) half;
            add("heap", "heap per hibernated chat room (no sockets; 1 stored message)", f0((r1 + r2) / 2), "bytes",
                    String.format(Locale.ROOT, "two batches of %d: %s and %s bytes; used heap %s → %s → %s MiB", half, f0(r1), f0(r2),
                            mib(h0), mib(h1), mib(h2)));

            int perRoom = 20;
            int connRooms = Math.max(1, options.connections / perRoom);
            List<String> connRoomNames = new ArrayList<>();
            List<TextSocket> sockets = new ArrayList<>();
            for (int r = 0; r < connRooms; r++) {
                connRoomNames.add("chat/c-" + r);
            }
            // One socket per room first, so room objects and storage are in the baseline.
            openSockets(hub, sockets, connRoomNames, 1);
            awaitConnections(hub, sockets.size());
            hibernateAll(hub, connRoomNames);
            long c0 = hub.heapUsedAfterGc();
            int batch = connRooms * (perRoom / 2);
            openSockets(hub, sockets, connRoomNames, perRoom / 2);
            awaitConnections(hub, sockets.size());
            hibernateAll(hub, connRoomNames);
            long c1 = hub.heapUsedAfterGc();
            openSockets(hub, sockets, connRoomNames, perRoom / 2);
            awaitConnections(hub, sockets.size());
            hibernateAll(hub, connRoomNames);
            long c2 = hub.heapUsedAfterGc();
            new ProcStats(hub.pid()).histogram("heap-idle-sockets");
            double p1 = (c1 - c0) / (double) batch;
            double p2 = (c2 - c1) / (double) batch;
            add("heap", "heap per idle WebSocket connection (in hibernated chat rooms)", f0((p1 + p2) / 2), "bytes",
                    String.format(Locale.ROOT, "two batches of %d over %d rooms: %s and %s bytes; used heap %s → %s → %s MiB",
                            batch, connRooms, f0(p1), f0(p2), mib(c0), mib(c1), mib(c2)));
            sockets.forEach(TextSocket::abort);
        }
    }

    /** Creates chat rooms {@code prefix-from … prefix-(to-1)}: join, wait for the welcome, leave. */
    private void createRooms(ChildHub hub, List<String> rooms, String prefix, int from, int to) throws Exception {
        for (int start = from; start < to; start += 25) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            List<TextSocket> wave = new ArrayList<>();
            for (int i = start; i < Math.min(to, start + 25); i++) {
                String room = "chat/" + prefix + "-" + i;
                rooms.add(room);
                CompletableFuture<Void> welcomed = new CompletableFuture<>();
                done.add(welcomed);
                wave.add(TextSocket.connect(http, hub.ws("/rooms/" + room), frame -> {
                    if (TextSocket.isType(frame, "presence")) {
                        welcomed.complete(null);
                    }
                }));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            wave.forEach(TextSocket::close);
            CompletableFuture.allOf(wave.stream().map(s -> s.closed).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        awaitAtMost(Duration.ofSeconds(30), Duration.ofMillis(50),
                () -> samples(hub.get("/metrics").body()).getOrDefault("roomhub_connections", 1.0) <= 0);
    }

    private void openSockets(ChildHub hub, List<TextSocket> sockets, List<String> rooms, int perRoom) throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (String room : rooms) {
            for (int i = 0; i < perRoom; i++) {
                CompletableFuture<Void> welcomed = new CompletableFuture<>();
                done.add(welcomed);
                sockets.add(TextSocket.connect(http, hub.ws("/rooms/" + room), frame -> {
                    if (TextSocket.isType(frame, "presence")) {
                        welcomed.complete(null);
                    }
                }));
            }
            if (done.size() >= 50) {
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                done.clear();
            }
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private static void hibernateAll(ChildHub hub, List<String> rooms) throws Exception {
        for (String room : rooms) {
            hub.post("/api/rooms/" + room + "/hibernate");
        }
        for (String room : rooms) {
            awaitState(hub, room, "hibernating");
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private ChildHub child(String name, List<String> jvm, String... args) throws IOException {
        List<String> jvmOptions = new ArrayList<>(jvm);
        for (String o : options.hubJvm) {
            jvmOptions.add(o.replace("{name}", name));
        }
        ChildHub hub = ChildHub.start(options.data.toAbsolutePath(), name, http, jvmOptions, args);
        synchronized (children) {
            children.add(hub);
        }
        System.out.println("   hub pid " + hub.pid() + " on 127.0.0.1:" + hub.port);
        return hub;
    }

    private void killChildren() {
        synchronized (children) {
            children.forEach(ChildHub::close);
            children.clear();
        }
    }

    private void add(String scenario, String name, String value, String unit, String spread) {
        Figure f = new Figure(scenario, name, value, unit, spread);
        figures.add(f);
        System.out.println("   " + name + ": " + value + " " + unit + (spread.isEmpty() ? "" : "  (" + spread + ")"));
    }

    static Map<String, Double> samples(String metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = SAMPLE.matcher(metrics);
        while (m.find()) {
            String key = m.group(2) == null ? m.group(1) : m.group(1) + m.group(2);
            try {
                out.put(key, Double.parseDouble(m.group(3)));
            } catch (NumberFormatException e) {
                // skip
            }
        }
        return out;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f" : "%.1f", nanos / 1e6);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double sd(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return Math.sqrt(v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.size() - 1));
    }
}
