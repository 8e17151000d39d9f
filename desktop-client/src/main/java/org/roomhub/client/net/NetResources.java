package org.roomhub.client.net;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.roomhub.protocol.FrameCodec;

/**
 * What every link to one hub shares, handed to transports and connections instead of the
 * {@link HubClient} that owns it, so nothing below the client reaches back up into it.
 *
 * @param hubs      the hub's URLs and the one in use (each builds every URL, with the token)
 * @param codec     the protocol's one codec
 * @param http      one HTTP client (pinned trust already set for an {@code https} hub)
 * @param timer     backoff delays, watchdogs and delayed aborts
 * @param io        blocking reads (SSE streams) and answer handling, never the caller's thread
 * @param heartbeat how often the hub writes to a quiet stream, read when a stream opens
 * @param refusals  told when the hub refuses the credentials (401/403) on any link
 */
record NetResources(HubAddresses hubs, FrameCodec codec, HttpClient http, ScheduledExecutorService timer, Executor io,
        Supplier<Duration> heartbeat, Consumer<HubRefusal> refusals) {

    /** The hub URL links use now. */
    HubEndpoint endpoint() {
        return hubs.current();
    }
}
