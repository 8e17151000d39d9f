package org.roomhub.client.localhub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hub in a child JVM started from this app's own class path (the desktop jar carries the hub, since
 * it embeds one), so the lab can restart it, kill it with SIGKILL, or run three as a cluster without
 * the app itself going down. Its standard output is drained on a daemon thread (a full pipe would
 * stall the hub); the last lines are kept for error messages.
 */
public final class ChildHub implements AutoCloseable {

    static final String MAIN = "org.roomhub.hub.HubCommand";
    private static final Pattern LISTENING = Pattern.compile("Roomhub hub listening on https?://[^:]+:(\\d+)");
    private static final int KEPT_LINES = 60;

    /** Children still running when this JVM exits are killed, so a closing app never leaves a hub behind. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "child-hub-reaper"));
    }

    private final Process process;
    private final int port;
    private final Deque<String> lines;

    private ChildHub(Process process, int port, Deque<String> lines) {
        this.process = process;
        this.port = port;
        this.lines = lines;
    }

    /**
     * Starts {@code java -cp <this app's class path> HubCommand --port PORT --data DATA OPTIONS…} on loopback
     * and waits until it says it listens (at most {@code startSeconds}). {@code port} 0 picks a free one.
     */
    public static ChildHub start(Path data, int port, List<String> options, int startSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", // a small, quick-starting JVM
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), MAIN,
                "--bind", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString()));
        command.addAll(options);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        Deque<String> lines = new ArrayDeque<>();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(p, lines, listening), "child-hub-output-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildHub(p, listening.get(startSeconds, TimeUnit.SECONDS), lines);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while the child hub started");
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("the child hub did not start within " + startSeconds + " s: " + tail(lines), e);
        }
    }

    private static void drain(Process p, Deque<String> lines, CompletableFuture<Integer> listening) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > KEPT_LINES) {
                        lines.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone: the future below says so
        }
        listening.completeExceptionally(new IllegalStateException("exited with " + exitCode(p)));
    }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    private static String tail(Deque<String> lines) {
        synchronized (lines) {
            List<String> last = new ArrayList<>(lines);
            return String.join(" | ", last.subList(Math.max(0, last.size() - 6), last.size()));
        }
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** The last lines it printed, joined; for error messages. */
    public String lastLines() {
        return tail(lines);
    }

    /** SIGTERM: the hub's shutdown hook closes its clients and storage. Waits up to {@code seconds}, then SIGKILL. */
    public void stopGracefully(int seconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(seconds)) {
            kill9();
        }
    }

    /** SIGKILL (no shutdown hook, nothing flushed), then waits until the process is gone. */
    public void kill9() {
        if (!process.isAlive()) {
            return;
        }
        try {
            // `kill -KILL` says exactly what happens; destroyForcibly (SIGKILL on Unix too) is the fallback elsewhere.
            new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: destroyForcibly below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        waitFor(30);
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Stops it gracefully (10 s), then forcibly. */
    @Override
    public void close() {
        stopGracefully(10);
    }
}
