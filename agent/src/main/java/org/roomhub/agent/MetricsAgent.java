package org.roomhub.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.roomhub.protocol.trust.HubTrust;
import org.roomhub.protocol.value.MetricSample;

/**
 * Publishes readings of a sampler into {@code metrics/<room>} with {@code metric-batch}, each point
 * with the time it was read. One thread samples at a fixed rate into a bounded {@link ReadingBuffer};
 * another sends, reconnecting with backoff over the hub URLs in turn, and after a reconnect sends what
 * waited (plus the last few seconds again, see {@link #REPLAY_MILLIS}). A refusal of the token or the
 * room stops the agent: retrying would not help.
 */
public final class MetricsAgent implements AutoCloseable {

    /** Readings sent this recently are sent again after a reconnect: the hub may not have stored them. */
    public static final long REPLAY_MILLIS = 5_000;
    /** Most points in one frame, well under the 64 KiB frame limit. */
    static final int POINTS_PER_FRAME = 500;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /** What the agent is doing, for logs and tests. */
    public record Status(URI connectedTo, int waitingReadings, int bufferedPoints, long sentReadings,
                         long droppedReadings, long droppedPoints, long connects, String refusal) {}

    private final AgentSettings settings;
    private final LongFunction<List<MetricSample>> sampler;
    private final Consumer<String> log;
    private final ReadingBuffer buffer;
    private final HttpClient http;
    private final Semaphore wake = new Semaphore(0);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong sentReadings = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "agent-sampler"));
    private final Thread sender;
    private volatile boolean stopping;
    private volatile HubLink link;
    private volatile URI linkUri;
    private volatile HubRefusal refusal;

    private MetricsAgent(AgentSettings settings, LongFunction<List<MetricSample>> sampler, Consumer<String> log) {
        this.settings = settings;
        this.sampler = sampler;
        this.log = log;
        this.buffer = new ReadingBuffer(settings.maxBufferedReadings(), settings.maxBufferedPoints(), REPLAY_MILLIS);
        this.http = httpClient(settings);
        this.sender = daemon(this::sendLoop, "agent-sender");
    }

    /** Starts sampling with {@code sampler} and publishing; {@code log} receives one line per event worth telling. */
    public static MetricsAgent start(AgentSettings settings, LongFunction<List<MetricSample>> sampler, Consumer<String> log) {
        MetricsAgent agent = new MetricsAgent(settings, sampler, log);
        agent.timer.scheduleAtFixedRate(agent::sampleOnce, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        agent.sender.start();
        return agent;
    }

    /** Starts publishing this host's figures ({@link HostSampler}). */
    public static MetricsAgent startHost(AgentSettings settings, Consumer<String> log) {
        HostSampler host = new HostSampler();
        return start(settings, host::sample, log);
    }

    /** A snapshot of the agent's state. */
    public Status status() {
        HubRefusal r = refusal;
        return new Status(link != null && link.isOpen() ? linkUri : null, buffer.waiting(), buffer.points(),
                sentReadings.get(), buffer.droppedReadings(), buffer.droppedPoints(), connects.get(),
                r == null ? null : r.getMessage());
    }

    /** Waits until the agent stops on its own (a refusal) or is closed; the refusal, if any. */
    public HubRefusal awaitStop() throws InterruptedException {
        finished.await();
        return refusal;
    }

    /** Stops sampling and sending and closes the connection. What is still buffered is lost. */
    @Override
    public void close() {
        stopping = true;
        timer.shutdownNow();
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        HubLink l = link;
        if (l != null) {
            l.close();
        }
        finished.countDown();
    }

    private void sampleOnce() {
        try {
            long now = System.currentTimeMillis();
            List<MetricSample> points = sampler.apply(now);
            if (!points.isEmpty()) {
                buffer.add(new ReadingBuffer.Reading(now, points));
                wake.release();
            }
        } catch (RuntimeException e) {
            // One bad reading must not stop the schedule.
            log.accept("sampling failed: " + e);
        }
    }

    private void sendLoop() {
        Backoff backoff = new Backoff(500, 30_000);
        int hub = 0;
        long droppedBefore = 0;
        try {
            while (!stopping) {
                if (link == null || !link.isOpen()) {
                    if (link != null) {
                        link.abort();
                        link = null;
                        buffer.replay();
                    }
                    URI uri = settings.roomUri(hub);
                    try {
                        link = HubLink.open(http, uri, settings.token(), settings.room(), CONNECT_TIMEOUT, log);
                        linkUri = uri;
                        connects.incrementAndGet();
                        backoff.reset();
                        long dropped = buffer.droppedReadings();
                        log.accept("publishing to " + uri + (buffer.waiting() > 1 ? "; sending " + buffer.waiting() + " waiting readings" : "")
                                + (dropped > droppedBefore ? "; " + (dropped - droppedBefore) + " readings (" + buffer.droppedPoints()
                                + " points in all) were dropped, the buffer holds " + settings.maxBufferedReadings() + " readings" : ""));
                        droppedBefore = dropped;
                    } catch (IOException e) {
                        hub = (hub + 1) % settings.hubs().size();
                        // A full round over the URLs failed: wait before the next round.
                        long delay = hub == 0 ? backoff.nextMillis() : 0;
                        log.accept("cannot reach " + uri + " (" + e.getMessage() + ")"
                                + (delay > 0 ? "; retrying in " + Duration.ofMillis(delay).toMillis() + " ms" : "; trying the next hub")
                                + "; " + buffer.waiting() + " readings waiting");
                        Thread.sleep(delay);
                        continue;
                    }
                }
                ReadingBuffer.Reading reading = buffer.peek();
                if (reading == null) {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                    wake.drainPermits();
                    continue;
                }
                try {
                    List<MetricSample> points = reading.points();
                    for (int from = 0; from < points.size(); from += POINTS_PER_FRAME) {
                        List<MetricSample> part = points.subList(from, Math.min(points.size(), from + POINTS_PER_FRAME));
                        link.send(BatchJson.write(part), SEND_TIMEOUT);
                    }
                    buffer.sent(reading, System.currentTimeMillis());
                    sentReadings.incrementAndGet();
                } catch (IOException e) {
                    log.accept("lost " + linkUri + " (" + e.getMessage() + ")");
                    link.abort();
                }
            }
        } catch (HubRefusal r) {
            refusal = r;
            log.accept(r.getMessage() + ". Not retrying: fix the token or room and start the agent again.");
            stopping = true;
            timer.shutdownNow();
            finished.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The JDK client loads and parses the system's CA certificates as it starts, several MiB the agent
     * never uses on a plain {@code ws://} hub: there it gets a TLS context that trusts nothing instead.
     * On a TLS hub the clients' one {@link HubTrust}: with {@code --trust-cert} only those certificates
     * (the CA store is not even loaded), else the JDK's CAs, and a certificate they do not vouch for is
     * refused with its fingerprint and the option that would trust it.
     */
    private static HttpClient httpClient(AgentSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (settings.anyTls()) {
            builder.sslContext(HubTrust.context(settings.trustedCerts().isEmpty(), HubTrust.only(settings.trustedCerts(), "--trust-cert")));
        } else {
            try {
                javax.net.ssl.SSLContext none = javax.net.ssl.SSLContext.getInstance("TLS");
                none.init(new javax.net.ssl.KeyManager[0], new javax.net.ssl.TrustManager[0], null);
                builder.sslContext(none);
            } catch (java.security.GeneralSecurityException e) {
                // Keep the default context: costs memory, works the same.
            }
        }
        return builder.build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
