package org.roomhub.hub.rooms.chat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomStorage;
import org.roomhub.hub.room.RoomStorage.ListOptions;
import org.roomhub.hub.rooms.Keys;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.ChatEntry;
import org.roomhub.protocol.value.Presence;

/**
 * A chat room. Messages are stored under {@code msg/<seq>}, the last {@value #HISTORY} kept;
 * display names live in each connection's attachment so they survive hibernation.
 */
final class ChatRoom implements RoomObject {

    static final int HISTORY = 100;
    /** The newest {@value #HISTORY} messages. */
    private static final ListOptions LAST = ListOptions.prefix("msg/").reversed().limit(HISTORY);
    /**
     * Every message key, oldest first, up to twice the history: a room trims to {@value #HISTORY} on every
     * post, so this is normally all of them, read forward (MapDB walks its B-tree backwards leaf by leaf
     * from the root, a good part of a wake's CPU); more than that falls back to {@link #LAST}.
     */
    private static final ListOptions ALL_FORWARD = ListOptions.prefix("msg/").limit(2 * HISTORY);

    /** A connection's display name, kept as its attachment. */
    record Name(String name) {}

    private final RoomContext ctx;
    private final RoomStorage storage;
    /** Keys of the stored messages, oldest first: what a post trims. Read on wake without the values. */
    private final ArrayDeque<String> keys = new ArrayDeque<>();
    /**
     * The last messages, oldest first, decoded when a welcome first needs them: a room woken by a message
     * (the common wake) decodes no history at all; null until then.
     */
    private ArrayDeque<ChatEntry> recent;
    /** Welcome frames reused by every joiner until they change (the hub then encodes them once). */
    private ServerFrame.ChatHistory history;
    private ServerFrame.PresenceWelcome presenceWelcome;
    private long presenceWelcomeVersion;

    ChatRoom(RoomContext ctx) {
        this.ctx = ctx;
        this.storage = ctx.storage();
        java.util.SortedSet<String> all = storage.keys(ALL_FORWARD);
        if (all.size() < ALL_FORWARD.limit()) {
            all.stream().skip(Math.max(0, all.size() - HISTORY)).forEach(keys::addLast);
        } else {
            storage.keys(LAST).forEach(keys::addFirst);
        }
    }

    @Override
    public void welcome(Connection c) {
        long now = now();
        c.send(new ServerFrame.SystemNotice("Welcome to " + ctx.address() + ", " + nameOf(c) + ". "
                + ctx.connectionCount() + " connected.", now));
        if (history == null) {
            history = new ServerFrame.ChatHistory(List.copyOf(recent()), now);
        }
        c.send(history);
        if (presenceWelcome == null || presenceWelcomeVersion != ctx.presenceVersion()) {
            // In a big room the list is built once per presence-diff window, not once per joiner.
            presenceWelcomeVersion = ctx.presenceVersion();
            presenceWelcome = new ServerFrame.PresenceWelcome(presence(), now);
        }
        c.send(presenceWelcome);
    }

    @Override
    public void onMessage(Connection c, ClientFrame frame) {
        if (frame instanceof ClientFrame.ChatMessage m) {
            post(c, m.text());
        } else if (frame instanceof ClientFrame.SetName n) {
            c.serializeAttachment(new Name(n.name().strip()));
            presenceWelcome = null;
            ctx.broadcast(seq -> new ServerFrame.PresenceUpdate(presence(), now(), seq));
        } else if (frame instanceof ClientFrame.Direct d) {
            Optional<Connection> to = ctx.connection(d.to());
            if (to.isEmpty()) {
                c.send(new ServerFrame.Error(ErrorCode.INVALID_MESSAGE, "no session " + d.to() + " in this room", now()));
            } else {
                to.get().send(new ServerFrame.Direct(c.sessionId(), d.text(), now()));
            }
        }
    }

    private void post(Connection c, String text) {
        String id = newId();
        ChatEntry[] entry = new ChatEntry[1];
        EncodedFrame sent = ctx.broadcast(seq -> {
            ServerFrame.ChatMessage m = new ServerFrame.ChatMessage(id, nameOf(c), c.sessionId(), text, now(), seq);
            entry[0] = m.entry();
            return m;
        });
        String key = "msg/" + Keys.ordered(entry[0].seq());
        // The entry's JSON is the frame's without its type: cut from the bytes just encoded, not serialized again.
        storage.putJson(key, sent.withoutType());
        keys.addLast(key);
        if (recent != null) {
            recent.addLast(entry[0]);
        }
        history = null;
        if (keys.size() > HISTORY) {
            // The bulk form: no read of the old value just to say whether it existed.
            storage.delete(List.of(keys.removeFirst()));
            if (recent != null) {
                recent.removeFirst();
            }
        }
    }

    /** The last messages, oldest first, read and decoded on first use (through this event's own writes). */
    private ArrayDeque<ChatEntry> recent() {
        if (recent == null) {
            recent = new ArrayDeque<>();
            storage.list(LAST, ChatEntry.class).values().forEach(recent::addFirst);
        }
        return recent;
    }

    /**
     * A version-4 UUID as {@link UUID#randomUUID()} makes, from the thread's own generator: a message id must be
     * unique, not secret, and randomUUID's SecureRandom is one lock for every room (it showed in the chat profile).
     */
    private static String newId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L)
                .toString();
    }

    private List<Presence> presence() {
        return ctx.getWebSockets().stream().map(c -> new Presence(c.sessionId(), nameOf(c))).toList();
    }

    private static String nameOf(Connection c) {
        return c.deserializeAttachment(Name.class).map(Name::name).orElse(c.user());
    }

    private long now() {
        return ctx.clock().millis();
    }
}
