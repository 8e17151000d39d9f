package org.roomhub.hub.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomhub.hub.HubCommand;

/**
 * The hub's command line in a child JVM on a loopback port 0, for tests that kill it with SIGKILL and
 * for the benchmark (whose figures must be the hub's alone, not the load generator's).
 */
public final class HubProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Roomhub hub listening on https?://[^:]+:(\\d+)");
    /**
     * How long a child may take to print its port. A JVM starting on a machine at load 30 can take
     * over a minute, so the default is generous; {@code -Droomhub.child.start.seconds=N} changes it.
     */
    public static final long START_SECONDS = Long.getLong("roomhub.child.start.seconds", 180);

    public final Process process;
    public final int port;
    /** Every line the hub printed so far (standard output and error). */
    public final List<String> output;

    private HubProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** The hub from the test class path, with extra command-line {@code options}. */
    public static HubProcess start(Path data, String... options) throws IOException {
        return start(data, List.of(), line -> {}, options);
    }

    /**
     * The hub from the test class path with extra JVM options (e.g. {@code -Xmx1g}); every line it
     * prints is also handed to {@code onLine} (on a reader thread).
     */
    public static HubProcess start(Path data, List<String> jvmOptions, Consumer<String> onLine, String... options)
            throws IOException {
        return start(HubCommand.class, data, jvmOptions, onLine, options);
    }

    /**
     * The same with another main class that takes the hub's options and prints the same "listening" line
     * (a test hub with extra room types or test hooks).
     */
    public static HubProcess start(Class<?> main, Path data, List<String> jvmOptions, Consumer<String> onLine, String... options)
            throws IOException {
        List<String> launch = new ArrayList<>(List.of("-cp", testClassPath(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        launch.addAll(jvmOptions);
        launch.add(main.getName());
        return launch(launch, data, onLine, options);
    }

    /** Writes one line to the hub's standard input (for a test main that reads commands there). */
    public void command(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** The packaged jar, exactly as the README runs it. */
    public static HubProcess startJar(Path jar, Path data, String... options) throws IOException {
        return launch(List.of("-jar", jar.toString()), data, line -> {}, options);
    }

    private static HubProcess launch(List<String> launch, Path data, Consumer<String> onLine, String... options)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch);
        command.addAll(List.of("--port", "0", "--data", data.toString()));
        command.addAll(List.of(options));
        List<String> output = new CopyOnWriteArrayList<>();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    onLine.accept(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("hub exited before listening: " + output));
        }, "hub-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HubProcess(p, port.get(START_SECONDS, TimeUnit.SECONDS), output); // a cluster member joins before it says so
        } catch (Exception e) {
            p.destroyForcibly();
            int from = Math.max(0, output.size() - 40);
            throw new IllegalStateException("hub child did not start; its last lines: " + String.join("\n", output.subList(from, output.size())), e);
        }
    }

    /**
     * The class path of this test run. Under {@code exec:java} (the benchmark) the JVM's own class path
     * is Maven's, so the project class path is read from the class loaders; otherwise it is the JVM's.
     */
    public static String testClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = HubProcess.class.getClassLoader(); cl != null; cl = cl.getParent()) {
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

    public long pid() {
        return process.pid();
    }

    /** {@code ws://127.0.0.1:port} + {@code path}. */
    public URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    /** {@code http://127.0.0.1:port} + {@code path}. */
    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (the hub's shutdown hook runs), then SIGKILL if it has not stopped within 20 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
