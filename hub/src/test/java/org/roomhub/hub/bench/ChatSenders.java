package org.roomhub.hub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.roomhub.hub.testkit.TextSocket;

/** The chat load of the throughput scenarios: one thread per socket sends while its window of acknowledgements allows. */
final class ChatSenders {

    private ChatSenders() {}

    /**
     * Starts a daemon sender per socket; each message carries its sender index and send time
     * ({@code t|k|nanos|padding}) so the echo gives the latency. They stop when {@code running} turns false.
     */
    static List<Thread> start(List<TextSocket> sockets, List<Semaphore> windows, AtomicBoolean running, String threadName) {
        String padding = "x".repeat(40);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < sockets.size(); k++) {
            TextSocket s = sockets.get(k);
            Semaphore window = windows.get(k);
            String prefix = "{\"type\":\"chat-message\",\"text\":\"t|" + k + "|";
            Thread t = new Thread(() -> {
                try {
                    while (running.get()) {
                        if (window.tryAcquire(1, TimeUnit.SECONDS)) {
                            s.send(prefix + System.nanoTime() + "|" + padding + "\"}");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    if (running.get()) {
                        System.err.println("   sender failed: " + e);
                    }
                }
            }, threadName + k);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return threads;
    }
}
