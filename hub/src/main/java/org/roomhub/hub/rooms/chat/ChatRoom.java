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
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.ChatEntry;
import org.roomhub.protocol.value.Presence;

/**
 * A chat room. The last {@value #HISTORY} messages are stored in as many slots, {@code msg/r00} to
 * {@code msg/r99}, each post overwriting the oldest (one put per message, no key added or deleted: the storage
 * applier then rewrites the same entries instead of inserting and removing keys). A store written before the
 * slots holds them under {@code msg/<seq>}: those are read as history and deleted one per post as slots fill.
 * Display names live in each connection's attachment so they survive hibernation.
 */
final class ChatRoom implements RoomObject {

    static final int HISTORY = 100;
    private static final String SLOT_PREFIX = "msg/r";
    private static final ListOptions SLOTS = ListOptions.prefix(SLOT_PREFIX);
    /** Keys of the layout before slots ({@code msg/} and 19 digits). */
    private static final String LEGACY_PREFIX = "msg/0";
    /** The newest {@value #HISTORY} legacy messages. */
    private static final ListOptions LEGACY_LAST = ListOptions.prefix(LEGACY_PREFIX).reversed().limit(HISTORY);
    /**
     * Every legacy key, oldest first, up to twice the history (a room trimmed to {@value #HISTORY} on every post),
     * read forward (MapDB walks its B-tree backwards leaf by leaf from the root); more falls back to the last ones.
     */
    private static final ListOptions LEGACY_FORWARD = ListOptions.prefix(LEGACY_PREFIX).limit(2 * HISTORY);

    /** A connection's display name, kept as its attachment. */
    record Name(String name) {}

    private final RoomContext ctx;
    private final RoomStorage storage;
    /** Legacy keys still stored, oldest first: what a post deletes until the slots hold the history alone. */
    private final ArrayDeque<String> legacy = new ArrayDeque<>();
    /** The slot the next post writes, and how many slots hold a message; -1 until a post first needs them. */
    private int nextSlot = -1;
    private int filled;
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
        java.util.SortedSet<String> all = storage.keys(LEGACY_FORWARD);
        if (all.size() < LEGACY_FORWARD.limit()) {
            all.stream().skip(Math.max(0, all.size() - HISTORY)).forEach(legacy::addLast);
        } else {
            storage.keys(LEGACY_LAST).forEach(legacy::addFirst);
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
        if (nextSlot < 0) {
            findNextSlot();
        }
        // The entry's JSON is the frame's without its type: cut from the bytes just encoded, not serialized again.
        storage.putJson(slotKey(nextSlot), sent.withoutType());
        nextSlot = (nextSlot + 1) % HISTORY;
        filled = Math.min(filled + 1, HISTORY);
        if (!legacy.isEmpty() && legacy.size() + filled > HISTORY) {
            // The bulk form: no read of the old value just to say whether it existed.
            storage.delete(List.of(legacy.removeFirst()));
        }
        if (recent != null) {
            recent.addLast(entry[0]);
            if (recent.size() > HISTORY) {
                recent.removeFirst();
            }
        }
        history = null;
    }

    private static String slotKey(int slot) {
        return SLOT_PREFIX + (slot < 10 ? "0" : "") + slot;
    }

    /**
     * Finds the slot after the newest message. Posts fill the slots in order from 0, so the slots from 0 up to
     * the newest hold ascending seqs all at least slot 0's, and the ones after it are empty or older than slot
     * 0's: a binary search over a few reads, not a read of every message.
     */
    private void findNextSlot() {
        Optional<Long> first = seqAt(0);
        if (first.isEmpty()) {
            nextSlot = 0;
            filled = 0;
            return;
        }
        int lo = 0; // newest known to be at lo or after
        int hi = HISTORY - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            Optional<Long> s = seqAt(mid);
            if (s.isPresent() && s.get() >= first.get()) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        nextSlot = (lo + 1) % HISTORY;
        filled = lo + 1 == HISTORY || seqAt(lo + 1).isPresent() ? HISTORY : lo + 1;
    }

    private Optional<Long> seqAt(int slot) {
        return storage.get(slotKey(slot), ChatEntry.class).map(ChatEntry::seq);
    }

    /** The last messages, oldest first, read and decoded on first use (through this event's own writes). */
    private ArrayDeque<ChatEntry> recent() {
        if (recent == null) {
            java.util.List<ChatEntry> all = new java.util.ArrayList<>(storage.list(SLOTS, ChatEntry.class).values());
            if (!legacy.isEmpty()) {
                all.addAll(storage.list(LEGACY_LAST, ChatEntry.class).values());
            }
            all.sort(java.util.Comparator.comparingLong(ChatEntry::seq));
            recent = new ArrayDeque<>(all.subList(Math.max(0, all.size() - HISTORY), all.size()));
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
