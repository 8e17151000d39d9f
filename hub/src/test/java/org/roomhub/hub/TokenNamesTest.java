package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/** With tokens, the token's user is who you are: {@code set-name} is refused unless the hub allows free names. */
class TokenNamesTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().notStarted();

    static String token(RunningHub hub, String user) {
        return hub.hub().tokens().issue(user, Role.MEMBER, RoomPattern.parseList("chat/*"), false, Duration.ofHours(1));
    }

    @Test
    void on_a_token_hub_set_name_is_forbidden_and_nobody_sees_the_member_renamed() {
        hub.start(cfg -> cfg.auth.required = true);
        try (WsClient alice = hub.join("/rooms/chat/names?token=" + token(hub, "alice"));
                WsClient bob = hub.join("/rooms/chat/names?token=" + token(hub, "bob"))) {
            // Both are in once each has its welcome (which of the two joined first is up to the hub).
            alice.await("presence");
            bob.await("presence");
            alice.send("{\"type\":\"set-name\",\"name\":\"Alicia\"}");
            assertThat(alice.await("error").path("code").asText()).isEqualTo("FORBIDDEN");
            alice.send("{\"type\":\"chat-message\",\"text\":\"still me\"}");
            assertThat(bob.await("chat-message").path("user").asText()).isEqualTo("alice");
            assertThat(bob.has("presence", f -> f.toString().contains("Alicia"))).isFalse();
        }
    }

    @Test
    void a_hub_with_free_names_lets_token_holders_rename_themselves() {
        hub.start(cfg -> {
            cfg.auth.required = true;
            cfg.auth.freeNames = true;
        });
        try (WsClient alice = hub.join("/rooms/chat/names?token=" + token(hub, "alice"));
                WsClient bob = hub.join("/rooms/chat/names?name=Robert&token=" + token(hub, "bob"))) {
            assertThat(bob.await("connected").path("user").asText()).isEqualTo("Robert");
            alice.await("presence");
            bob.await("presence");
            alice.send("{\"type\":\"set-name\",\"name\":\"Alicia\"}");
            bob.await("presence", f -> f.toString().contains("Alicia"));
            assertThat(alice.has("error", f -> true)).isFalse();
        }
    }

    @Test
    void a_loopback_hub_without_tokens_still_lets_anyone_pick_a_name() {
        hub.start();
        try (WsClient a = hub.join("/rooms/chat/open"); WsClient b = hub.join("/rooms/chat/open")) {
            a.await("presence");
            b.await("presence");
            a.send("{\"type\":\"set-name\",\"name\":\"Carol\"}");
            b.await("presence", f -> f.toString().contains("Carol"));
        }
    }
}
