package org.roomhub.client.lab;

import java.lang.management.ManagementFactory;

/** Heap in use after a full collection: what live objects hold, the rest is garbage not yet collected. */
final class HeapProbe {

    private HeapProbe() {
    }

    /** Bytes of heap in use after collecting garbage (three rounds, so finalisable and weakly held objects go too). */
    static long liveBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String mb(double bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
