package org.roomhub.hub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hub's command line started in a child JVM, for tests that kill it with SIGKILL. */
final class HubProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Roomhub hub listening on https?://[^:]+:(\\d+)");

    final Process process;
    final int port;
    /** Every line the hub printed so far (standard output and error). */
    final List<String> output;

    private HubProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** The hub from the test class path, with extra command-line {@code options}. */
    static HubProcess start(Path data, String... options) throws IOException {
        List<String> launch = new java.util.ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", HubCommand.class.getName()));
        launch.addAll(List.of(options));
        return launch(launch, data);
    }

    /** The hub from the test class path with JVM options (e.g. a small heap) before the main class. */
    static HubProcess startWithJvm(List<String> jvmOptions, Path data, String... options) throws IOException {
        List<String> launch = new java.util.ArrayList<>(jvmOptions);
        launch.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", HubCommand.class.getName()));
        launch.addAll(List.of(options));
        return launch(launch, data);
    }

    /** The packaged jar, exactly as the README runs it. */
    static HubProcess startJar(Path jar, Path data, String... options) throws IOException {
        return launch(List.of("-jar", jar.toString()), data, options);
    }

    private static HubProcess launch(List<String> launch, Path data, String... options) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch);
        command.addAll(List.of("--port", "0", "--data", data.toString()));
        command.addAll(List.of(options));
        List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("hub exited before listening"));
        }, "hub-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HubProcess(p, port.get(60, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("hub child did not start", e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
