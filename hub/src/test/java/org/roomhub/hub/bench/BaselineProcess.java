package org.roomhub.hub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.roomhub.hub.testkit.HubProcess;

/** {@link BaselineServer} in its own child JVM on a loopback port, measured like the hub. */
final class BaselineProcess implements AutoCloseable {

    final Process process;
    final int port;
    final ProcStats stats;

    private BaselineProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.stats = new ProcStats(process.pid());
    }

    /** Starts the baseline with the test class path (Jetty 12 comes through Javalin) and extra JVM options. */
    static BaselineProcess start(List<String> jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", org.roomhub.hub.testkit.HubProcess.testClassPath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cmd.addAll(jvmOptions);
        cmd.add(BaselineServer.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(BaselineServer.LISTENING)) {
                        port.complete(Integer.parseInt(line.substring(BaselineServer.LISTENING.length()).trim()));
                    } else {
                        System.err.println("  [baseline] " + line);
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("baseline exited before listening"));
        }, "bench-baseline-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new BaselineProcess(p, port.get(HubProcess.START_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("baseline child did not start", e);
        }
    }

    long pid() {
        return process.pid();
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

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
}
