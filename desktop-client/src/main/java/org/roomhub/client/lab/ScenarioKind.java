package org.roomhub.client.lab;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** The lab's scenarios: a command-line id, a button title, what it shows in two or three sentences. */
public enum ScenarioKind {

    TRANSPORTS("transports", "Transports race",
            "A WebSocket, an SSE and a polling client join one chat room and take turns sending. "
                    + "Every message is timed from send to arrival at each client, and a byte counter in front of the hub "
                    + "measures what each transport really puts on the wire, HTTP headers included.",
            TransportsScenario::new),
    HIBERNATION("hibernation", "Hibernation and its cost",
            "Six rooms fill with state, then sit idle with their connections open: the hub evicts them from memory after 2 s "
                    + "and a visitor wakes one now and then. Awake and hibernated time and CPU time spent come from the rooms' own stats, heap from "
                    + "this JVM, and the arithmetic shows what paying only while awake saves.",
            HibernationScenario::new),
    SLOW_CONSUMER("slow-consumer", "Slow consumer",
            "Two dozen senders keep a steady stream of large chat messages going; a fast client times each one while a slow "
                    + "one reads too, then while it stops reading. Its queue on the hub grows until the hub closes it with 1013 "
                    + "(chat frames are never dropped); it resumes from the last seq it read. Compare the others' latency before and during.",
            SlowConsumerScenario::new),
    BURST("burst", "Burst past the rate limit",
            "One client sends 150 chat messages as fast as it can; a chat connection may send 60 a minute. "
                    + "The hub answers the excess with RATE_LIMIT error frames and keeps the connection open: "
                    + "a ping afterwards still gets its pong.",
            BurstScenario::new),
    SAMPLING("sampling", "Sampling a fast metric",
            "A publisher updates one metric 1,000 times a second; a watcher counts what reaches it. "
                    + "The hub broadcasts a metric at most every 100 ms, so about 10 updates a second arrive, "
                    + "and the last value of a burst is always delivered.",
            SamplingScenario::new),
    INSPECTOR("inspector", "Room inspector",
            "Looks into the room picked in the Room box once a second: its state and seq, what it stores (keys and bytes), and "
                    + "each session with its transport, tags and frames waiting in its queue. "
                    + "Hibernate, Disconnect and Delete act on it through the hub's admin endpoints.",
            InspectorScenario::new),
    AUTH("auth", "Tokens and roles",
            "The lab starts its own token-protected hub on loopback and joins a chat room there four times: with no token, "
                    + "a wrong token, a viewer's token and a member's token. The hub answers 401, 403, FORBIDDEN on send, "
                    + "and a broadcast — each shown with the hub's own words.",
            AuthScenario::new),
    CRASH("crash", "Crash and resume",
            "The lab starts its own hub in a child process and three clients (WebSocket, SSE, polling) chatting in it, "
                    + "then restarts that hub twice under them: gracefully and with kill -9. The clients reconnect and resume "
                    + "by seq; the table counts frames missed and acknowledged writes found afterwards, with downtime and time to resume.",
            CrashScenario::new),
    FAILOVER("failover", "Cluster failover",
            "The lab starts three hubs on loopback as one cluster and clients on each. Stop or kill -9 one member: "
                    + "the diagram shows the members, which rooms each hosts and rooms moving, and the table how long each "
                    + "room took to accept writes again on the survivors and whether frames crossed members.",
            FailoverScenario::new);


    private final String id;
    private final String title;
    private final String explanation;
    private final Function<LabContext, Scenario> factory;

    ScenarioKind(String id, String title, String explanation, Function<LabContext, Scenario> factory) {
        this.id = id;
        this.title = title;
        this.explanation = explanation;
        this.factory = factory;
    }

    /** The name on the command line ({@code --scenario}). */
    public String id() {
        return id;
    }

    /** The button's text. */
    public String title() {
        return title;
    }

    /** What the scenario does and what to look at, in two or three sentences. */
    public String explanation() {
        return explanation;
    }

    /** A new, not yet started run of this scenario. */
    public Scenario create(LabContext lab) {
        return factory.apply(lab);
    }

    /** The scenario called {@code id}, if there is one. */
    public static Optional<ScenarioKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equalsIgnoreCase(id)).findFirst();
    }
}
