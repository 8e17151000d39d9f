package org.roomhub.hub.cluster.route;

import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.protocol.value.RoomAddress;

/** One seam call travelling between members: edge → host calls, then host → edge calls. */
sealed interface RouteMessage {

    /** Edge → host: {@code RoomPort.ensure}. */
    record Ensure(RoomAddress room) implements RouteMessage {}

    /** Edge → host: {@code RoomPort.open}. */
    record Open(SessionOpen open) implements RouteMessage {}

    /** Edge → host: {@code RoomPort.deliver}. */
    record Deliver(ClientMessage message) implements RouteMessage {}

    /** Edge → host: {@code RoomPort.left}. */
    record Left(SessionLeft left) implements RouteMessage {}

    /** Edge → host: {@code RoomPort.failed}; only the error's text crosses. */
    record Failed(RoomAddress room, String sessionId, String error) implements RouteMessage {}

    /** Host → edge: {@code SessionPort.send}, only the recipients on that edge. */
    record Send(Outgoing outgoing) implements RouteMessage {}

    /** Host → edge: {@code SessionPort.close}. */
    record Close(String sessionId, int code, String reason) implements RouteMessage {}

    /** Host → edge: {@code SessionPort.moved}. */
    record Moved(RoomAddress room, String sessionId) implements RouteMessage {}

    /**
     * Host → edge: a client frame this member could not take (it does not know the session — its open was
     * lost while it joined, or it restarted — or it gave the room up), handed back so that the edge re-opens
     * the session and sends the frame again; before, it was dropped and an accepted write was lost.
     */
    record Bounced(ClientMessage message) implements RouteMessage {}

    /** Any member → another: a question of {@code kind} (see {@link Asks}); {@code id} pairs it with its answer. */
    record Ask(long id, String kind, String arg) implements RouteMessage {}

    /** The answer to {@link Ask} {@code id}. */
    record Answer(long id, String body) implements RouteMessage {}
}
