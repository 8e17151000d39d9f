package org.roomhub.client.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.ChatEntry;
import org.roomhub.protocol.value.Presence;

class ChatViewModelTest {

    private final ChatViewModel viewModel = new ChatViewModel(Runnable::run, () -> 1_000L);

    @Test
    void the_welcome_gives_a_system_line_the_history_and_who_is_present() {
        viewModel.handle(new ServerFrame.SystemNotice("Welcome to chat/lobby", 1));
        viewModel.handle(new ServerFrame.ChatHistory(List.of(new ChatEntry("m1", "ann", "s1", "hi", 2, 1)), 2));
        viewModel.handle(new ServerFrame.PresenceWelcome(List.of(new Presence("s1", "ann"), new Presence("s2", "bob")), 3));
        assertThat(viewModel.lines()).extracting(ChatLine::kind).containsExactly(ChatLine.Kind.SYSTEM, ChatLine.Kind.MESSAGE);
        assertThat(viewModel.people()).extracting(Presence::user).containsExactly("ann", "bob");
        assertThat(viewModel.hasLiveData()).isTrue();
    }

    @Test
    void a_message_seen_again_after_a_resume_is_shown_once() {
        ServerFrame.ChatMessage message = new ServerFrame.ChatMessage("m1", "ann", "s1", "hi", 5, 7);
        viewModel.handle(message);
        viewModel.handle(new ServerFrame.ChatHistory(List.of(message.entry()), 6));
        assertThat(viewModel.lines()).hasSize(1);
    }

    @Test
    void messages_count_as_unread_while_the_tab_is_hidden_and_showing_it_clears_them() {
        viewModel.handle(new ServerFrame.ChatMessage("m1", "ann", "s1", "hi", 5, 7));
        viewModel.handle(new ServerFrame.Direct("s1", "psst", 6));
        assertThat(viewModel.unreadProperty().get()).isEqualTo(2);
        viewModel.visibleProperty().set(true);
        assertThat(viewModel.unreadProperty().get()).isZero();
        viewModel.handle(new ServerFrame.ChatMessage("m2", "ann", "s1", "again", 7, 8));
        assertThat(viewModel.unreadProperty().get()).isZero();
    }

    @Test
    void a_direct_message_names_its_sender_from_the_presence_list() {
        viewModel.handle(new ServerFrame.PresenceUpdate(List.of(new Presence("s9", "carol")), 1, 1));
        viewModel.handle(new ServerFrame.Direct("s9", "psst", 2));
        assertThat(viewModel.lines().get(0)).extracting(ChatLine::kind, ChatLine::user)
                .containsExactly(ChatLine.Kind.DIRECT_IN, "carol");
    }

    @Test
    void leaving_users_vanish_from_presence_and_drop_out_as_direct_target() {
        viewModel.handle(new ServerFrame.UserJoined("s2", "bob", 1, 1));
        viewModel.directToProperty().set(viewModel.people().get(0));
        viewModel.handle(new ServerFrame.UserLeft("s2", "bob", 2, 2));
        assertThat(viewModel.people()).isEmpty();
        assertThat(viewModel.directToProperty().get()).isNull();
        assertThat(viewModel.lines()).extracting(ChatLine::text).containsExactly("bob joined", "bob left");
    }

    @Test
    void after_a_reconnect_i_stay_present_under_my_new_session_and_my_old_one_leaving_is_not_news() {
        viewModel.handle(new ServerFrame.Connected("s1", "bob", "chat/lobby", 0, 1));
        viewModel.handle(new ServerFrame.PresenceUpdate(List.of(new Presence("s1", "bob"), new Presence("s2", "ann")), 2, 3));
        // Disconnected, back within a second: a resume replays what was missed, with no presence list.
        viewModel.handle(new ServerFrame.Connected("s3", "bob", "chat/lobby", 3, 10));
        viewModel.handle(new ServerFrame.UserLeft("s1", "bob", 9, 4));

        assertThat(viewModel.people()).extracting(Presence::sessionId).containsExactlyInAnyOrder("s2", "s3");
        assertThat(viewModel.lines()).extracting(ChatLine::text).noneMatch(t -> t.startsWith("bob "));
    }

    @Test
    void my_own_join_replayed_after_a_restart_is_not_shown_and_replayed_lines_keep_time_order() {
        viewModel.handle(new ServerFrame.Connected("s1", "bob", "chat/lobby", 0, 1));
        viewModel.handle(new ServerFrame.SystemNotice("welcome", 20));
        viewModel.handle(new ServerFrame.Connected("s5", "bob", "chat/lobby", 4, 30));
        viewModel.handle(new ServerFrame.UserJoined("s1", "bob", 2, 5)); // my earlier session, old timestamp
        viewModel.handle(new ServerFrame.UserJoined("s7", "ann", 15, 6)); // someone else, earlier than the welcome

        assertThat(viewModel.lines()).extracting(ChatLine::text).containsExactly("ann joined", "welcome");
        assertThat(viewModel.people()).extracting(Presence::sessionId).containsExactlyInAnyOrder("s5", "s7");
    }

    @Test
    void a_presence_diff_adds_its_joined_then_removes_its_left_and_says_so_in_one_line_each() {
        viewModel.handle(new ServerFrame.PresenceWelcome(List.of(new Presence("s1", "ann"), new Presence("s2", "bob")), 1));
        viewModel.directToProperty().set(viewModel.people().get(1));
        viewModel.handle(new ServerFrame.PresenceDiff(List.of(new Presence("s3", "cy"), new Presence("s4", "dee"),
                new Presence("s5", "eve")), List.of(new Presence("s2", "bob"), new Presence("s5", "eve")), 2, 7));

        assertThat(viewModel.people()).extracting(Presence::sessionId).containsExactly("s1", "s3", "s4");
        assertThat(viewModel.lines()).extracting(ChatLine::text).containsExactly("cy, dee and eve joined", "bob and eve left");
        assertThat(viewModel.directToProperty().get()).isNull();
    }

    @Test
    void a_client_resuming_across_presence_diffs_ends_with_the_right_online_list() {
        viewModel.handle(new ServerFrame.Connected("s1", "bob", "chat/big", 0, 1));
        viewModel.handle(new ServerFrame.PresenceWelcome(List.of(new Presence("s1", "bob"), new Presence("s2", "ann")), 2));
        // Away, back under s9: the resume replays the diffs it missed (its old session's leave among them),
        // then its own join comes in the next window.
        viewModel.handle(new ServerFrame.Connected("s9", "bob", "chat/big", 3, 10));
        viewModel.handle(new ServerFrame.PresenceDiff(List.of(new Presence("s3", "cy")), List.of(new Presence("s1", "bob")), 5, 4));
        viewModel.handle(new ServerFrame.PresenceDiff(List.of(new Presence("s9", "bob")), List.of(new Presence("s2", "ann")), 11, 5));

        assertThat(viewModel.people()).extracting(Presence::sessionId).containsExactlyInAnyOrder("s3", "s9");
        assertThat(viewModel.lines()).extracting(ChatLine::text).containsExactly("cy joined", "ann left");
    }

    @Test
    void a_presence_list_still_naming_a_former_session_of_mine_does_not_count_it() {
        viewModel.handle(new ServerFrame.Connected("s1", "bob", "chat/lobby", 0, 1));
        viewModel.handle(new ServerFrame.Connected("s3", "bob", "chat/lobby", 0, 2)); // a transport switch
        viewModel.handle(new ServerFrame.PresenceUpdate(List.of(new Presence("s1", "bob"), new Presence("s3", "bob"),
                new Presence("s2", "ann")), 3, 3));

        assertThat(viewModel.people()).extracting(Presence::sessionId).containsExactlyInAnyOrder("s2", "s3");
        assertThat(viewModel.meProperty().get()).isEqualTo("bob");
    }

    @Test
    void a_rename_the_hub_forbids_is_said_in_words_and_my_name_stays_the_hubs() {
        Identity identity = new Identity("bob");
        try (HubClient nowhere = new HubClient(HubEndpoint.parse("127.0.0.1:9", null), new FrameCodec())) {
            viewModel.attach(nowhere, new SessionSettings("http://127.0.0.1:9", identity, "lobby", "h"));
            viewModel.handle(new ServerFrame.Connected("s1", "bob", "chat/lobby", 0, 1));
            assertThat(identity.choose("Alicia")).isNull();
            viewModel.renameSent("Alicia");

            viewModel.handle(new ServerFrame.Error(ErrorCode.FORBIDDEN, "names come from tokens on this hub", 2));

            assertThat(identity.nameProperty().get()).isEqualTo("bob");
            assertThat(identity.noticeProperty().get()).contains("names come from tokens on this hub");
            assertThat(viewModel.lines()).extracting(ChatLine::text).contains("Name not changed: names come from tokens on this hub");
            viewModel.detach();
        }
    }
}
