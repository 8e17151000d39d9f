package org.roomhub.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roomhub.protocol.value.RoomAddress;

class HubEndpointTest {

    @Test
    void a_bare_host_and_port_becomes_http_and_ws_urls_with_token_name_and_since() {
        HubEndpoint endpoint = HubEndpoint.parse("192.168.1.5:7070/", "s3cr et");
        assertThat(endpoint.http("/api/rooms").toString()).isEqualTo("http://192.168.1.5:7070/api/rooms");
        assertThat(endpoint.roomSocket(new RoomAddress("chat", "lobby"), "Ann", 42).toString())
                .isEqualTo("ws://192.168.1.5:7070/rooms/chat/lobby?token=s3cr+et&name=Ann&since=42");
        assertThat(endpoint.observerSocket().toString()).isEqualTo("ws://192.168.1.5:7070/hub/events?token=s3cr+et");
    }

    @Test
    void a_loopback_hub_without_token_gets_no_query_and_seq_zero_is_not_a_resume() {
        HubEndpoint endpoint = HubEndpoint.parse("ws://127.0.0.1:7070", "  ");
        assertThat(endpoint.roomSocket(new RoomAddress("metrics", "box"), null, 0).toString())
                .isEqualTo("ws://127.0.0.1:7070/rooms/metrics/box");
    }

    @Test
    void sse_polling_and_post_urls_carry_token_session_and_resume_point() {
        HubEndpoint endpoint = HubEndpoint.parse("http://10.0.0.2:7070", "t");
        RoomAddress room = new RoomAddress("chat", "lobby");
        assertThat(endpoint.roomEvents(room, "Ann").toString()).isEqualTo("http://10.0.0.2:7070/rooms/chat/lobby/events?token=t&name=Ann");
        assertThat(endpoint.roomPollOpen(room, "Ann", 0).toString()).isEqualTo("http://10.0.0.2:7070/rooms/chat/lobby/poll?token=t&name=Ann");
        assertThat(endpoint.roomPollOpen(room, "Ann", 17).toString())
                .isEqualTo("http://10.0.0.2:7070/rooms/chat/lobby/poll?token=t&name=Ann&after=17");
        assertThat(endpoint.roomPoll(room, "s1", 3, 25).toString())
                .isEqualTo("http://10.0.0.2:7070/rooms/chat/lobby/poll?token=t&session=s1&after=3&wait=25");
        assertThat(endpoint.roomMessages(room, "s1").toString()).isEqualTo("http://10.0.0.2:7070/rooms/chat/lobby/messages?token=t&session=s1");
        assertThat(endpoint.roomSession(room, "s1").toString()).isEqualTo("http://10.0.0.2:7070/api/rooms/chat/lobby/sessions/s1?token=t");
    }

    @Test
    void several_comma_separated_urls_are_one_hub_tried_in_that_order_with_one_token() {
        HubEndpoint endpoint = HubEndpoint.parse(" 10.0.0.1:7070, https://10.0.0.2:7443/ ,ws://10.0.0.3:7070,", "t");
        assertThat(endpoint.baseUrl().toString()).isEqualTo("http://10.0.0.1:7070");
        assertThat(endpoint.each()).extracting(e -> e.baseUrl().toString())
                .containsExactly("http://10.0.0.1:7070", "https://10.0.0.2:7443", "http://10.0.0.3:7070");
        assertThat(endpoint.each()).allMatch(e -> "t".equals(e.token()) && e.alternates().isEmpty());
        assertThat(endpoint.anySecure()).isTrue();
        assertThat(endpoint.display()).isEqualTo("10.0.0.1:7070, 10.0.0.2:7443, 10.0.0.3:7070");
    }

    @Test
    void failover_moves_one_step_however_many_links_report_the_same_dead_url() {
        HubAddresses hubs = new HubAddresses(HubEndpoint.parse("a:1,b:2", null));
        HubEndpoint first = hubs.current();
        assertThat(hubs.failover(first).baseUrl().toString()).isEqualTo("http://b:2");
        assertThat(hubs.failover(first).baseUrl().toString()).as("a second link reporting a: already moved").isEqualTo("http://b:2");
        assertThat(hubs.failover(hubs.current()).baseUrl().toString()).as("round and round").isEqualTo("http://a:1");
    }

    @Test
    void an_empty_list_or_an_alternate_without_host_is_refused_in_words() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HubEndpoint.parse(" , ", null)).hasMessageContaining("no address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HubEndpoint.parse("a:1,http://:7", null)).hasMessageContaining("no host");
    }
}
