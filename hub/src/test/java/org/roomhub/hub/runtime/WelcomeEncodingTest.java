package org.roomhub.hub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roomhub.hub.room.RoomStorage.ListOptions;
import org.roomhub.hub.room.RoomType;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.Storage;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.Presence;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A big room's welcome: the frames room code reuses for every joiner are encoded once, however many
 * one-off frames go out between them; and the history a room object reads on wake is the newest entries,
 * with or without writes pending in the event. Real storage in a temp folder.
 */
class WelcomeEncodingTest {

    private final FrameCodec codec = new FrameCodec();
    private final SessionTable sessions = new SessionTable();
    private Path dir;
    private Storage storage;
    private RoomStore data;
    private Effects current = new Effects();

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("roomhub-welcome-");
        storage = Storage.open(dir);
        data = storage.forRoom("chat/big");
    }

    @AfterEach
    void close() throws Exception {
        storage.close();
    }

    @Test
    void reused_welcome_frames_are_encoded_once_while_one_off_frames_go_out_between_them() {
        RoomOutput output = new RoomOutput(codec, data, sessions, new ResumeLog(RoomType.Retention.memory(10), data, codec),
                () -> current, () -> null);
        ServerFrame.ChatHistory history = new ServerFrame.ChatHistory(List.of(), 1);
        ServerFrame.PresenceWelcome presence = new ServerFrame.PresenceWelcome(
                IntStream.range(0, 500).mapToObj(i -> new Presence("s-" + i, "user" + i)).toList(), 1);
        List<EncodedFrame> historySent = new ArrayList<>();
        List<EncodedFrame> presenceSent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ClientSession joiner = session("s-" + i);
            current = new Effects();
            output.sendTo(joiner, new ServerFrame.Connected(joiner.sessionId(), joiner.user(), "chat/big", 0, 1));
            output.sendTo(joiner, new ServerFrame.SystemNotice("Welcome, " + i, 1));
            output.sendTo(joiner, history);
            output.sendTo(joiner, presence);
            historySent.add(current.deliveries.get(2).frame());
            presenceSent.add(current.deliveries.get(3).frame());
        }
        assertThat(presenceSent).allSatisfy(f -> assertThat(f).isSameAs(presenceSent.get(0)));
        assertThat(historySent).allSatisfy(f -> assertThat(f).isSameAs(historySent.get(0)));
    }

    @Test
    void a_reversed_limited_list_gives_the_newest_entries_with_or_without_pending_writes() {
        HostStorage rooms = new HostStorage(() -> current.writes(), data, codec.mapper());
        for (int i = 0; i < 30; i++) {
            current.writes().put("r:msg/" + (100 + i), codec.mapper().valueToTree(i).toString().getBytes());
        }
        data.commit(current.writes()).join();

        current = new Effects();
        SortedMap<String, Integer> nothingPending = rooms.list(ListOptions.prefix("msg/").reversed().limit(5), Integer.class);
        assertThat(nothingPending.keySet()).containsExactly("msg/129", "msg/128", "msg/127", "msg/126", "msg/125");
        assertThat(nothingPending.values()).containsExactly(29, 28, 27, 26, 25);

        rooms.put("msg/130", 30);
        rooms.delete(List.of("msg/128"));
        SortedMap<String, Integer> pending = rooms.list(ListOptions.prefix("msg/").reversed().limit(5), Integer.class);
        assertThat(pending.keySet()).containsExactly("msg/130", "msg/129", "msg/127", "msg/126", "msg/125");
        assertThat(rooms.list(ListOptions.prefix("msg/").limit(2), Integer.class).keySet()).containsExactly("msg/100", "msg/101");
    }

    @Test
    void the_keys_a_woken_room_reads_are_those_its_list_gives_from_pending_and_from_reopened_storage() throws Exception {
        for (int i = 0; i < 30; i++) {
            current.writes().put("r:msg/" + (100 + i), Integer.toString(i).getBytes());
        }
        data.commit(current.writes()).join();
        Effects deletes = new Effects();
        deletes.writes().delete("r:msg/128");
        deletes.writes().delete("r:msg/103");
        data.commit(deletes.writes()).join();
        ListOptions newest = ListOptions.prefix("msg/").reversed().limit(5);
        ListOptions oldest = ListOptions.prefix("msg/").limit(4);

        current = new Effects();
        HostStorage rooms = new HostStorage(() -> current.writes(), data, codec.mapper());
        assertThat(rooms.keys(newest)).containsExactly("msg/129", "msg/127", "msg/126", "msg/125", "msg/124");
        assertThat(rooms.keys(oldest)).containsExactly("msg/100", "msg/101", "msg/102", "msg/104");

        storage.close(); // reopened, every entry is in the B-tree rather than the overlay of recent writes
        storage = Storage.open(dir);
        data = storage.forRoom("chat/big");
        HostStorage reopened = new HostStorage(() -> current.writes(), data, codec.mapper());
        assertThat(reopened.keys(newest)).containsExactlyElementsOf(reopened.list(newest, Integer.class).keySet())
                .containsExactly("msg/129", "msg/127", "msg/126", "msg/125", "msg/124");
        assertThat(reopened.keys(oldest)).containsExactly("msg/100", "msg/101", "msg/102", "msg/104");
    }

    private ClientSession session(String id) {
        ClientSession s = new ClientSession(new SessionOpen(new RoomAddress("chat", "big"), id, "u" + id, "member", "websocket",
                OptionalLong.empty()), sessions.size() + 1, 1, null, null, codec.mapper());
        sessions.add(s);
        return s;
    }
}
