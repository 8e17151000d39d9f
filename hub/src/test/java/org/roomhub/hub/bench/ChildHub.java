package org.roomhub.hub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomhub.hub.HubCommand;
import org.roomhub.hub.testkit.HubProcess;

/**
 * The hub's own command line ({@link HubCommand}) in a child JVM on a loopback port (the kit's
 * {@link HubProcess}), so its CPU time ({@code /proc/<pid>/stat}) and heap ({@code jcmd}) are the hub's
 * alone, not the load generator's.
 */
final class ChildHub implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    /** Clock ticks per second of utime/stime; 100 on every Linux this runs on (checked with getconf). */
    private static final long CLK_TCK = clockTicks();

    final HubProcess hub;
    final int port;
    final Path data;
    private final HttpClient http;

    private ChildHub(HubProcess hub, Path data, HttpClient http) {
        this.hub = hub;
        this.port = hub.port;
        this.data = data;
        this.http = http;
    }

    /** Starts a hub with a fresh data folder under {@code dataRoot}; extra hub options as given. */
    static ChildHub start(Path dataRoot, String name, HttpClient http, List<String> jvmOptions, String... hubArgs)
            throws IOException {
        Path data = dataRoot.resolve(name);
        Files.createDirectories(data);
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1",
                // The benchmark measures the hub, not its rate limits (chat's default is 60 per minute).
                "--rate-limit", "chat=10000000,10000000"));
        args.addAll(List.of(hubArgs));
        HubProcess hub = HubProcess.start(data, jvmOptions, line -> {
            if (!line.contains("Roomhub hub listening on")) {
                System.err.println("  [hub " + name + "] " + line);
            }
        }, args.toArray(String[]::new));
        return new ChildHub(hub, data, http);
    }

    long pid() {
        return hub.pid();
    }

    /** User plus system CPU time the hub process has used, in nanoseconds (10 ms resolution). */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / CLK_TCK;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CPU time of hub " + pid(), e);
        }
    }

    /** CPU nanoseconds per thread group (thread names with digits removed, from {@code /proc/<pid>/task}). */
    java.util.Map<String, Long> cpuNanosByThread() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "N");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.merge(comm, ticks * 1_000_000_000L / CLK_TCK, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list threads of hub " + pid(), e);
        }
        return out;
    }

    /** Used heap in bytes after two full collections ({@code jcmd GC.run}, {@code GC.heap_info}). */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Thread.sleep(200);
        jcmd("GC.run");
        Thread.sleep(200);
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no used heap in jcmd output: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        if (!Files.isExecutable(Path.of(jcmd))) {
            jcmd = "jcmd";
        }
        Process p = new ProcessBuilder(jcmd, Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    URI ws(String path) {
        return hub.ws(path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, then SIGKILL if the hub has not stopped within 20 s. */
    @Override
    public void close() {
        hub.close();
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }
}
