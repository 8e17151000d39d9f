package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.config.HubConfig.LimitsConfig.Rate;
import org.roomhub.hub.rooms.Keys;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.Storage;
import org.roomhub.hub.storage.WriteSet;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.Presence;

/**
 * A data folder written before chat messages and resume frames moved into slots: every message under
 * {@code r:msg/<seq>}, every frame under {@code h:log:<seq>}, no {@code h:seq} (the seq was the newest log key).
 * The room loads it with its history, seq and resume intact, and the old keys go as the slots fill.
 */
class LegacyChatLayoutTest {

    private static final int OLD_FRAMES = 150;
    /** The one frame of the old log that is not a chat message (a set-name's presence). */
    private static final long PRESENCE_SEQ = 100;
    private static final int NEW_MESSAGES = 30;

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().notStarted()
            .with(cfg -> cfg.limits.rates.put("chat", new Rate(100_000, 100_000)));

    private final FrameCodec codec = new FrameCodec();

    @Test
    void a_chat_room_stored_with_a_key_per_message_and_per_frame_keeps_its_history_seq_and_resume() throws Exception {
        List<String> oldTexts = writeOldLayout();
        hub.start();
        List<String> expected = new ArrayList<>(oldTexts.subList(oldTexts.size() - (100 - NEW_MESSAGES), oldTexts.size()));
        try (WsClient a = hub.join("/rooms/chat/old?name=ann")) {
            assertThat(a.await("connected").path("seq").asLong()).isEqualTo(OLD_FRAMES);
            assertThat(texts(a.await("history"))).containsExactlyElementsOf(oldTexts.subList(oldTexts.size() - 100, oldTexts.size()));
            a.await("presence");
            for (int i = 0; i < NEW_MESSAGES; i++) {
                a.send("{\"type\":\"chat-message\",\"text\":\"new " + i + "\"}");
                expected.add("new " + i);
            }
            long last = a.await("chat-message", f -> f.path("text").asText().equals("new " + (NEW_MESSAGES - 1))).path("seq").asLong();
            try (WsClient b = hub.join("/rooms/chat/old?name=bob")) {
                assertThat(texts(b.await("history"))).containsExactlyElementsOf(expected);
            }
            try (WsClient resumed = hub.join("/rooms/chat/old?name=cy&since=140")) {
                resumed.await("chat-message", f -> f.path("seq").asLong() == last);
                List<Long> seqs = resumed.frames.stream().filter(f -> f.has("seq") && !f.path("type").asText().equals("connected"))
                        .map(f -> f.path("seq").asLong()).filter(s -> s <= last).toList();
                List<Long> all = new ArrayList<>();
                for (long s = 141; s <= last; s++) {
                    all.add(s);
                }
                assertThat(seqs).containsExactlyElementsOf(all);
                assertThat(resumed.types()).doesNotContain("reset");
                assertThat(resumed.ofType("chat-message").get(0).path("text").asText()).isEqualTo("old 141");
            }
        }
        hub.restart();
        long seqBeforeRestart;
        long newest;
        try (WsClient c = hub.join("/rooms/chat/old?name=dee")) {
            seqBeforeRestart = c.await("connected").path("seq").asLong();
            assertThat(texts(c.await("history"))).containsExactlyElementsOf(expected);
            c.await("presence");
            c.send("{\"type\":\"chat-message\",\"text\":\"after restart\"}");
            newest = c.await("chat-message").path("seq").asLong();
            assertThat(newest).isGreaterThan(seqBeforeRestart);
        }
        hub.stop();
        try (Storage storage = Storage.open(hub.data())) {
            RoomStore room = storage.forRoom("chat/old");
            assertThat(room.keys(ListOptions.withPrefix("r:msg/0"))).as("old message keys left").hasSize(100 - NEW_MESSAGES - 1);
            assertThat(room.keys(ListOptions.withPrefix("r:msg/r"))).hasSize(NEW_MESSAGES + 1);
            // Frames after the old ones are in slots; the old log keys go once 1,000 frames follow them, as before.
            assertThat(room.keys(ListOptions.withPrefix("h:slot:")).size()).isGreaterThanOrEqualTo((int) (newest - OLD_FRAMES));
            assertThat(room.keys(ListOptions.withPrefix("h:log:"))).hasSize(OLD_FRAMES);
        }
    }

    /** Writes what the previous version stored for a room of 150 frames; returns the chat texts, oldest first. */
    private List<String> writeOldLayout() throws Exception {
        List<String> texts = new ArrayList<>();
        List<Long> messageSeqs = new ArrayList<>();
        try (Storage storage = Storage.open(hub.data())) {
            RoomStore room = storage.forRoom("chat/old");
            for (long seq = 1; seq <= OLD_FRAMES; seq++) {
                WriteSet w = new WriteSet();
                EncodedFrame frame;
                if (seq == PRESENCE_SEQ) {
                    frame = codec.encode(new ServerFrame.PresenceUpdate(List.of(new Presence("s1", "ann")), 1, seq));
                } else {
                    frame = codec.encode(new ServerFrame.ChatMessage("id" + seq, "ann", "s1", "old " + seq, 1000 + seq, seq));
                    w.put("r:msg/" + Keys.ordered(seq), frame.withoutType());
                    messageSeqs.add(seq);
                    texts.add("old " + seq);
                    if (messageSeqs.size() > 100) {
                        w.delete("r:msg/" + Keys.ordered(messageSeqs.get(messageSeqs.size() - 101)));
                    }
                }
                w.put("h:log:" + Keys.ordered(seq), frame.bytes());
                room.commit(w).join();
            }
        }
        return texts;
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode history) {
        List<String> out = new ArrayList<>();
        history.path("messages").forEach(m -> out.add(m.path("text").asText()));
        return out;
    }
}
