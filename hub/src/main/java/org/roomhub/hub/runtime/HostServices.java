package org.roomhub.hub.runtime;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * What every room host shares: clock, codec, the pool rooms run on, the timer, settings, listeners
 * and the edge's port, through which every frame leaves.
 *
 * @param tunables timing settings that may change at run time
 * @param queueCapacity most events waiting per room
 * @param sessions the edge's side of the seam
 * @param runsHere whether this process runs a room now (always on a single hub; in a cluster, only its current host)
 * @param registry where a quiet hibernated room retires to (its dormant set), and where a retired host forwards late arrivals
 */
record HostServices(Clock clock, FrameCodec codec, Executor pool, ScheduledExecutorService timer,
        Tunables tunables, int queueCapacity, RoomListener listener, SessionPort sessions,
        java.util.function.Predicate<RoomAddress> runsHere, RoomRegistry registry) {}
