package org.roomhub.client.ui.metrics;

/**
 * Frame rate and the FX-thread time the metrics view spent per frame over the last full second,
 * so "stays smooth" is a number.
 */
public final class FrameStats {

    private long windowStart;
    private int frames;
    private long busyNanos;
    private long worstNanos;
    private volatile double lastFps;
    private volatile double lastAvgMillis;
    private volatile double lastWorstMillis;

    /** Records one frame that took {@code workNanos} of the view's own work. */
    public void record(long frameNanos, long workNanos) {
        if (windowStart == 0) {
            windowStart = frameNanos;
        }
        frames++;
        busyNanos += workNanos;
        worstNanos = Math.max(worstNanos, workNanos);
        long elapsed = frameNanos - windowStart;
        if (elapsed >= 1_000_000_000L) {
            lastFps = frames * 1e9 / elapsed;
            lastAvgMillis = busyNanos / 1e6 / frames;
            lastWorstMillis = worstNanos / 1e6;
            windowStart = frameNanos;
            frames = 0;
            busyNanos = 0;
            worstNanos = 0;
        }
    }

    /** Frames per second over the last full second. */
    public double fps() {
        return lastFps;
    }

    /** Mean work per frame in ms. */
    public double averageWorkMillis() {
        return lastAvgMillis;
    }

    /** Worst frame's work in ms. */
    public double worstWorkMillis() {
        return lastWorstMillis;
    }
}
