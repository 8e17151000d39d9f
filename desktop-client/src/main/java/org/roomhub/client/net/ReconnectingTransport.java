package org.roomhub.client.net;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reconnect loop every transport shares: numbered attempts, {@link Backoff} between failures,
 * and the state the owner sees. Each attempt gets a generation number; callbacks of an older
 * attempt are ignored, so a late error from a dropped link cannot disturb its successor.
 * Each attempt also takes the hub URL in use ({@link HubAddresses}); a failure moves on to the
 * next URL of a several-URL hub at once, and waits the backoff delay only after a whole round
 * failed. The owner resumes by {@code seq} on whichever hub answers.
 *
 * @param <F> the frames the link hands over, decoded once by the subclass
 */
abstract class ReconnectingTransport<F> implements RoomTransport {

    private static final Logger LOG = Logger.getLogger(ReconnectingTransport.class.getName());

    /** Between two URLs of one round: just enough not to spin on a machine whose network is gone. */
    private static final long NEXT_URL_MILLIS = 50;

    private final ScheduledExecutorService timer;
    private final HubAddresses hubs;
    private final LinkListener<F> listener;
    private final Backoff backoff;
    private final Consumer<HubRefusal> refusals;
    private final boolean adminOnly;
    private int generation;
    private int failedInRound;
    private HubEndpoint endpoint;
    private boolean closed;
    private ConnectionState state = ConnectionState.CONNECTING;

    /**
     * @param net       the client's timer, hub URLs and refusal handler (told when the hub refuses the
     *                  credentials, 401/403, which ends the retries)
     * @param adminOnly whether this link reaches an admin-only endpoint, so a refusal concerns only admin rights
     */
    ReconnectingTransport(NetResources net, LinkListener<F> listener, Backoff backoff, boolean adminOnly) {
        this.timer = net.timer();
        this.hubs = net.hubs();
        this.endpoint = hubs.current();
        Consumer<HubRefusal> refusals = net.refusals();
        this.listener = listener;
        this.backoff = backoff;
        this.refusals = refusals;
        this.adminOnly = adminOnly;
    }

    /** Starts attempt {@code generation} on {@link #endpoint()}; report the outcome with {@link #connected} or {@link #failed}. */
    protected abstract void attempt(int generation);

    /** The hub URL of the current attempt. */
    protected final synchronized HubEndpoint endpoint() {
        return endpoint;
    }

    /** Lets go of the current link; {@code forGood} when the owner closed the transport. */
    protected abstract void release(boolean forGood);

    @Override
    public final void open() {
        int first;
        synchronized (this) {
            first = generation;
        }
        moveTo(ConnectionState.CONNECTING, null);
        start(first);
    }

    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
        }
        release(true);
        moveTo(ConnectionState.CLOSED, null);
    }

    @Override
    public final void dropForTest() {
        int current;
        synchronized (this) {
            current = generation;
        }
        failed(current, "dropped");
    }

    @Override
    public final synchronized ConnectionState state() {
        return state;
    }

    /** Whether callbacks of attempt {@code gen} still count. */
    protected final synchronized boolean isCurrent(int gen) {
        return !closed && gen == generation;
    }

    /** Attempt {@code gen} is up: forget past failures. Repeated calls are harmless. */
    protected final void connected(int gen, String detail) {
        synchronized (this) {
            if (!isCurrent(gen) || state == ConnectionState.CONNECTED) {
                return;
            }
            state = ConnectionState.CONNECTED;
            failedInRound = 0;
        }
        backoff.reset();
        moveTo(ConnectionState.CONNECTED, detail);
    }

    /**
     * Attempt {@code gen} failed or its link dropped: release it and try again, on the next hub URL
     * at once while a round of them is not over, else after a backoff delay.
     */
    protected final void failed(int gen, String why) {
        int next;
        HubEndpoint was;
        boolean roundOver;
        synchronized (this) {
            if (!isCurrent(gen)) {
                return;
            }
            next = ++generation;
            was = endpoint;
            failedInRound++;
            roundOver = failedInRound >= hubs.size();
            if (roundOver) {
                failedInRound = 0;
            }
        }
        release(false);
        HubEndpoint to = hubs.failover(was);
        Duration delay = roundOver ? backoff.next() : Duration.ofMillis(NEXT_URL_MILLIS);
        moveTo(ConnectionState.RECONNECTING, why + " — retry" + (to.equals(was) ? "" : " on " + to.display()) + " in " + delay.toMillis() + " ms");
        try {
            timer.schedule(() -> start(next), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.fine("hub client stopped; no reconnect");
        }
    }

    /**
     * The hub refused attempt {@code gen} with 401/403: not a network fault, so no retry. The link
     * stays {@link ConnectionState#REFUSED} until closed; a new connect with other credentials is the way on.
     */
    protected final void refused(int gen, int status, String hubMessage) {
        synchronized (this) {
            if (!isCurrent(gen)) {
                return;
            }
            generation++;
        }
        release(false);
        HubRefusal refusal = new HubRefusal(status, hubMessage, adminOnly);
        moveTo(ConnectionState.REFUSED, refusal.words());
        try {
            refusals.accept(refusal);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refusal handler failed", e);
        }
    }

    /** Tells the owner the state moved without a new attempt (e.g. a polling session being reopened). */
    protected final void note(int gen, ConnectionState next, String detail) {
        if (isCurrent(gen)) {
            moveTo(next, detail);
        }
    }

    /** Hands one frame to the owner if attempt {@code gen} still counts; a faulty owner cannot kill the read loop. */
    protected final void deliver(int gen, F frame) {
        if (!isCurrent(gen)) {
            return;
        }
        try {
            listener.onFrame(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "frame handler failed", e);
        }
    }

    /** What {@code error} means for the status line, in words. */
    protected static String words(Throwable error) {
        return FailureWords.of(error);
    }

    private void start(int gen) {
        synchronized (this) {
            if (!isCurrent(gen)) {
                return;
            }
            endpoint = hubs.current();
        }
        attempt(gen);
    }

    private void moveTo(ConnectionState next, String detail) {
        synchronized (this) {
            if (closed && next != ConnectionState.CLOSED) {
                return; // a late callback must not revive a closed transport's state
            }
            state = next;
        }
        try {
            listener.onState(next, detail);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "state handler failed", e);
        }
    }
}
