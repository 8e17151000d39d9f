package org.roomhub.hub.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test main class in a child JVM (small heap, the test class path) driven by one command per line
 * on its standard input; it answers with lines on standard output. Lines starting with {@code >} are
 * answers; everything else (logs) is only kept for failure messages.
 */
final class ChildJvm implements AutoCloseable {

    final String name;
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String name, Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true",
                "-Dorg.jboss.logging.provider=slf4j",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return new ChildJvm(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
                if (line.startsWith(">")) {
                    answers.add(line.substring(1).strip());
                }
            }
        } catch (IOException e) {
            // the child died; waiting callers time out with its output
        }
    }

    /** The next answer line, waiting at most {@code timeout}. */
    String answer(Duration timeout) throws InterruptedException {
        String a = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (a == null) {
            throw new AssertionError(name + " gave no answer within " + timeout + "; its output:\n" + String.join("\n", output));
        }
        return a;
    }

    /** Sends one command without waiting; read its answer with {@link #answer}. */
    void send(String command) {
        in.println(command);
    }

    /** Sends one command and returns its answer. */
    String ask(String command, Duration timeout) throws InterruptedException {
        in.println(command);
        return answer(timeout);
    }

    String ask(String command) throws InterruptedException {
        return ask(command, Duration.ofSeconds(30));
    }

    List<String> output() {
        return List.copyOf(output);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: nothing is flushed, no shutdown hook runs. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            in.println("quit");
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
