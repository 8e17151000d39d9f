package org.roomhub.hub.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.roomhub.protocol.FrameCodec;

/**
 * What every room host shares: clock, codec, the pool rooms run on, the timer, settings and listeners.
 *
 * @param idleAfter quiet time before a room shows as idle
 * @param hibernateAfter quiet time before a room is evicted
 * @param queueCapacity most events waiting per room
 */
record HostServices(Clock clock, FrameCodec codec, Executor pool, ScheduledExecutorService timer,
        Duration idleAfter, Duration hibernateAfter, int queueCapacity, RoomListener listener) {}
