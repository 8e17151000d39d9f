package org.roomhub.client.ui.chat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomSubscription;
import org.roomhub.client.ui.common.HubParticipant;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.value.ChatEntry;
import org.roomhub.protocol.value.Presence;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A chat room: lines (messages, system notes, direct messages), who is present, the draft and
 * its addressee, and the unread count while the tab is hidden. Messages seen twice (history
 * after a resume) are shown once; lines stay in time order even when a resume replays older ones.
 * Every session this app had in the room is mine: its joins and leaves (a reconnect, a transport
 * switch) are not news, and a former one is never counted as present. Reconnecting to the same
 * hub and room keeps the lines, direct messages included.
 */
public final class ChatViewModel implements TabViewModel {

    private static final int MAX_LINES = 2_000;

    private final Executor ui;
    private final LongSupplier clock;
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final ObservableList<ChatLine> linesReadOnly = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<Presence> people = FXCollections.observableArrayList();
    private final ObservableList<Presence> peopleReadOnly = FXCollections.unmodifiableObservableList(people);
    private final Set<String> seenIds = new HashSet<>();
    private final StringProperty draft = new SimpleStringProperty("");
    private final ObjectProperty<Presence> directTo = new SimpleObjectProperty<>();
    private final BooleanProperty visible = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyStringWrapper me = new ReadOnlyStringWrapper("");
    private final MySessions mine = new MySessions();
    private final ChatPeople present = new ChatPeople(people, mine);
    private final RoomSubscription chatRoom;
    private SessionSettings session;
    private Identity identity;
    private String pendingRename;

    /**
     * @param ui    runs a task on the UI thread
     * @param clock wall clock, epoch ms
     */
    public ChatViewModel(Executor ui, LongSupplier clock) {
        this.ui = ui;
        this.clock = clock;
        this.chatRoom = RoomSubscription.onUi(ui, this::handle,
                (room, state, detail) -> status.set(HubParticipant.statusLine(room.toString(), state, detail)));
        visible.addListener((obs, was, is) -> {
            if (is) {
                unread.set(0);
            }
        });
    }

    @Override
    public void attach(HubClient hub, SessionSettings next) {
        detach();
        if (!next.sameRoomsAs(session)) {
            clear();
        }
        if (next.identity() != identity) {
            identity = next.identity();
            identity.onRename(this::renamed);
        }
        session = next;
        chatRoom.join(hub, new RoomAddress("chat", next.roomName()), identity::current);
    }

    /** Leaves the room; what is shown stays until another hub or room is chosen. */
    @Override
    public void detach() {
        chatRoom.leave();
        pendingRename = null;
        status.set("not connected");
    }

    private void clear() {
        lines.clear();
        people.clear();
        seenIds.clear();
        mine.clear();
        directTo.set(null);
        unread.set(0);
    }

    @Override
    public boolean hasLiveData() {
        return !lines.isEmpty() && !people.isEmpty();
    }

    /** Sends the draft to the room, or privately to {@link #directToProperty()} when set. */
    public void send() {
        String text = draft.get() == null ? "" : draft.get().strip();
        if (text.isEmpty() || chatRoom.connection() == null) {
            return;
        }
        Presence target = directTo.get();
        boolean sent;
        if (target != null) {
            sent = chatRoom.send(new ClientFrame.Direct(target.sessionId(), text));
            if (sent) {
                // The hub sends the sender no copy of a direct message.
                add(new ChatLine(ChatLine.Kind.DIRECT_OUT, null, target.user(), text, clock.getAsLong()));
            }
        } else {
            sent = chatRoom.send(new ClientFrame.ChatMessage(text));
        }
        if (sent) {
            draft.set("");
        } else {
            add(system("not sent: not connected"));
        }
    }

    /** Changes my display name, everywhere (it is the app's one name); answers the problem in words, or null. */
    public String setName(String name) {
        return identity == null ? "not connected" : identity.choose(name);
    }

    /** I chose another name: tell the room (the hub broadcasts the new presence). */
    private void renamed(String name) {
        ui.execute(() -> {
            if (chatRoom.send(new ClientFrame.SetName(name))) {
                renameSent(name);
            }
        });
    }

    /** A {@code set-name} went out: the hub's answer is the new presence, or a {@code FORBIDDEN} error. Package-visible for tests. */
    void renameSent(String name) {
        pendingRename = name;
    }

    /** Handles one frame from the room; FX thread. Package-visible for tests. */
    void handle(ServerFrame frame) {
        if (frame instanceof ServerFrame.Connected c) {
            connected(c);
        } else if (frame instanceof ServerFrame.SystemNotice n) {
            add(new ChatLine(ChatLine.Kind.SYSTEM, null, null, n.text(), n.ts()));
        } else if (frame instanceof ServerFrame.ChatHistory h) {
            h.messages().forEach(this::addEntry);
        } else if (frame instanceof ServerFrame.ChatMessage m) {
            if (addEntry(m.entry()) && !visible.get()) {
                unread.set(unread.get() + 1);
            }
        } else if (frame instanceof ServerFrame.PresenceUpdate p) {
            everyone(p.users());
            pendingRename = null;
        } else if (frame instanceof ServerFrame.PresenceWelcome p) {
            everyone(p.users());
        } else if (frame instanceof ServerFrame.UserJoined j) {
            news(present.apply(List.of(new Presence(j.sessionId(), j.user())), List.of()), j.ts());
        } else if (frame instanceof ServerFrame.UserLeft l) {
            news(present.apply(List.of(), List.of(new Presence(l.sessionId(), l.user()))), l.ts());
        } else if (frame instanceof ServerFrame.PresenceDiff d) {
            news(present.apply(d.joined(), d.left()), d.ts());
        } else if (frame instanceof ServerFrame.Direct d) {
            String from = people.stream().filter(p -> p.sessionId().equals(d.from())).map(Presence::user).findFirst().orElse(d.from());
            add(new ChatLine(ChatLine.Kind.DIRECT_IN, null, from, d.text(), d.ts()));
            if (!visible.get()) {
                unread.set(unread.get() + 1);
            }
        } else if (frame instanceof ServerFrame.Error e) {
            refused(e);
        }
    }

    /**
     * A (re)connect: this session is me now, every earlier one of mine is gone. A resume replays
     * what I missed but no presence list, so I put myself back in it here; and the hub's name for me
     * (a token's user) is my name.
     */
    private void connected(ServerFrame.Connected c) {
        mine.connected(c.sessionId());
        me.set(c.user());
        people.removeIf(p -> mine.isFormer(p.sessionId()));
        if (people.stream().noneMatch(p -> p.sessionId().equals(c.sessionId()))) {
            people.add(new Presence(c.sessionId(), c.user()));
        }
        if (identity != null && !c.user().equals(identity.current())) {
            identity.adoptFromHub(c.user(), "Your name here is \"" + c.user() + "\" (from your token).");
        }
    }

    private void everyone(List<Presence> users) {
        present.replace(users);
        people.stream().filter(u -> u.sessionId().equals(mine.current())).findFirst().ifPresent(u -> me.set(u.user()));
    }

    /** System lines for others' joins and leaves (one each way, however many a presence-diff names). */
    private void news(ChatPeople.News news, long ts) {
        if (directTo.get() != null && news.leftIds().contains(directTo.get().sessionId())) {
            directTo.set(null);
        }
        if (!news.joined().isEmpty()) {
            add(new ChatLine(ChatLine.Kind.SYSTEM, null, null, ChatPeople.names(news.joined()) + " joined", ts));
        }
        if (!news.left().isEmpty()) {
            add(new ChatLine(ChatLine.Kind.SYSTEM, null, null, ChatPeople.names(news.left()) + " left", ts));
        }
    }

    private void refused(ServerFrame.Error e) {
        if (pendingRename != null && e.code() == ErrorCode.FORBIDDEN) {
            pendingRename = null;
            if (identity != null) {
                identity.adoptFromHub(me.get(), "The hub kept your name \"" + me.get() + "\": " + e.message());
            }
            add(system("Name not changed: " + e.message()));
            return;
        }
        add(system("The hub refused that: " + e.message()));
    }

    private boolean addEntry(ChatEntry entry) {
        if (!seenIds.add(entry.id())) {
            return false;
        }
        add(new ChatLine(ChatLine.Kind.MESSAGE, entry.id(), entry.user(), entry.text(), entry.ts()));
        return true;
    }

    /** Adds {@code line} in time order (a replayed frame may be older than lines already shown). */
    private void add(ChatLine line) {
        int at = lines.size();
        while (at > 0 && lines.get(at - 1).ts() > line.ts()) {
            at--;
        }
        lines.add(at, line);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
    }

    private ChatLine system(String text) {
        return new ChatLine(ChatLine.Kind.SYSTEM, null, null, text, clock.getAsLong());
    }

    /** Every line, oldest first. */
    public ObservableList<ChatLine> lines() {
        return linesReadOnly;
    }

    /** Who is in the room. */
    public ObservableList<Presence> people() {
        return peopleReadOnly;
    }

    /** The text being typed. */
    public StringProperty draftProperty() {
        return draft;
    }

    /** Addressee of a direct message, or null to talk to the room. */
    public ObjectProperty<Presence> directToProperty() {
        return directTo;
    }

    /** Whether the chat tab is on screen; showing it clears the unread count. */
    public BooleanProperty visibleProperty() {
        return visible;
    }

    /** Messages that arrived while the tab was hidden. */
    public ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    /** My display name as the hub knows it. */
    public ReadOnlyStringProperty meProperty() {
        return me.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The session id of the current connection, or null. */
    public String sessionId() {
        return chatRoom.sessionId();
    }
}
