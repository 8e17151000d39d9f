package org.roomhub.hub.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One re-creation of a hibernated room, as a Flight Recorder event ({@code roomhub.Wake}, its duration the
 * same span {@code roomhub_wake_latency_seconds} times). The timer's quantiles cover every wake since start,
 * cold ones included; a recording gives each wake with its time, so a benchmark can leave out its warm-up.
 * Costs nothing while no recording is running.
 */
@Name("roomhub.Wake")
@Label("Room wake")
@Category("Roomhub")
@Description("A hibernated room re-created from storage")
@StackTrace(false)
final class WakeEvent extends jdk.jfr.Event {

    @Label("Room")
    String room;
}
