package org.roomhub.hub.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomhub.hub.HubCommand;

/**
 * The hub's own command line ({@link HubCommand}) in a child JVM on a loopback port, so its CPU time
 * ({@code /proc/<pid>/stat}) and heap ({@code jcmd}) are the hub's alone, not the load generator's.
 */
final class ChildHub implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Roomhub hub listening on http://[^:]+:(\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    /** Clock ticks per second of utime/stime; 100 on every Linux this runs on (checked with getconf). */
    private static final long CLK_TCK = clockTicks();

    final Process process;
    final int port;
    final Path data;
    private final HttpClient http;

    private ChildHub(Process process, int port, Path data, HttpClient http) {
        this.process = process;
        this.port = port;
        this.data = data;
        this.http = http;
    }

    /** Starts a hub with a fresh data folder under {@code dataRoot}; extra hub options as given. */
    static ChildHub start(Path dataRoot, String name, HttpClient http, List<String> jvmOptions, String... hubArgs)
            throws IOException {
        Path data = dataRoot.resolve(name);
        Files.createDirectories(data);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", testClassPath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(HubCommand.class.getName(), "--port", "0", "--bind", "127.0.0.1", "--data", data.toString(),
                // The benchmark measures the hub, not its rate limits (chat's default is 60 per minute).
                "--rate-limit", "chat=10000000,10000000"));
        cmd.addAll(List.of(hubArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else {
                        System.err.println("  [hub " + name + "] " + line);
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("hub exited before listening"));
        }, "bench-hub-output-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildHub(p, port.get(60, TimeUnit.SECONDS), data, http);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("hub child did not start", e);
        }
    }

    /**
     * The class path of this test run. Under {@code exec:java} the JVM's own class path is Maven's, so
     * the project class path is read from the class loaders; under plain {@code java -cp} it is the JVM's.
     */
    static String testClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = ChildHub.class.getClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: skip
                    }
                }
            }
        }
        if (entries.stream().noneMatch(e -> e.contains("javalin"))) {
            return System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, entries);
    }

    long pid() {
        return process.pid();
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
        return URI.create("ws://127.0.0.1:" + port + path);
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
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
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
