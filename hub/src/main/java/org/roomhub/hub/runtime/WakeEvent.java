package org.roomhub.hub.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One re-creation of a hibernated room, as a Flight Recorder event ({@code roomhub.Wake}, its duration the
 * same span {@code roomhub_wake_latency_seconds} times). The timer's quantiles cover every wake since start,
 * cold ones included; a recording gives each wake with its time, so a benchmark can leave out its warm-up.
 * Costs nothing while no recording is running. It also carries the thread's CPU time over the same span: on a
 * loaded machine the wall time is mostly waiting for a core, the CPU time is the work.
 */
@Name("roomhub.Wake")
@Label("Room wake")
@Category("Roomhub")
@Description("A hibernated room re-created from storage")
@StackTrace(false)
final class WakeEvent extends jdk.jfr.Event {

    @Label("Room")
    String room;

    /** CPU time of the re-creating thread (what the wake cost, apart from waiting for a core). */
    @Label("Thread CPU")
    @Timespan
    long cpuNanos;
}
