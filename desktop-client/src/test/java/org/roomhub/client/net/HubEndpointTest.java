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
}
