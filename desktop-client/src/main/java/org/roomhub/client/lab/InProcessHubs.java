package org.roomhub.client.lab;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports of hubs running inside this JVM (the app's embedded hub). Only for such a hub can the lab measure
 * heap: a remote hub's memory is not visible from here. A fact about the process, so kept per process.
 */
public final class InProcessHubs {

    private static final Set<Integer> PORTS = ConcurrentHashMap.newKeySet();

    private InProcessHubs() {
    }

    /** A hub on loopback {@code port} runs in this JVM. */
    public static void add(int port) {
        PORTS.add(port);
    }

    /** It stopped. */
    public static void remove(int port) {
        PORTS.remove(port);
    }

    /** Whether the hub at loopback {@code port} runs in this JVM. */
    public static boolean contains(String host, int port) {
        boolean loopback = host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]");
        return loopback && PORTS.contains(port);
    }
}
