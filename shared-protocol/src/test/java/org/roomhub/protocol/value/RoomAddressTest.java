package org.roomhub.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roomhub.protocol.FrameCodec;

class RoomAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "lobby", "Room-1", "host_01.example", "A.B-C_d", "0", "...", "-",
            "x234567890123456789012345678901234567890123456789012345678901234"})
    void a_name_of_1_to_64_allowed_characters_is_valid(String name) {
        assertThat(name.length()).isBetween(1, 64);
        assertThat(RoomAddress.isValidName(name)).isTrue();
        assertThat(new RoomAddress("chat", name).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x2345678901234567890123456789012345678901234567890123456789012345",
            "has space", "slash/inside", "per%20cent", "caf\u00e9", "emoji\ud83d\ude00", "tab\t", "new\nline",
            ".", "..", "semi;colon", "q?uery", "hash#", "plus+", "tilde~", "back\\slash"})
    void any_other_name_is_refused(String name) {
        assertThat(RoomAddress.isValidName(name)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new RoomAddress("chat", name));
    }

    @Test
    void a_null_name_or_type_is_refused() {
        assertThat(RoomAddress.isValidName(null)).isFalse();
        assertThat(RoomAddress.isValidType(null)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new RoomAddress("chat", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new RoomAddress(null, "lobby"));
    }

    @Test
    void built_in_types_are_valid_and_odd_types_are_not() {
        assertThat(RoomAddress.isValidType("metrics")).isTrue();
        assertThat(RoomAddress.isValidType("chat")).isTrue();
        assertThat(RoomAddress.isValidType("map")).isTrue();
        assertThat(RoomAddress.isValidType("")).isFalse();
        assertThat(RoomAddress.isValidType("Chat")).isFalse();
        assertThat(RoomAddress.isValidType("1chat")).isFalse();
        assertThat(RoomAddress.isValidType("ch at")).isFalse();
    }

    @Test
    void an_address_parses_from_and_prints_as_type_slash_name() {
        RoomAddress address = RoomAddress.parse("metrics/host-1");
        assertThat(address.type()).isEqualTo("metrics");
        assertThat(address.name()).isEqualTo("host-1");
        assertThat(address).hasToString("metrics/host-1").isEqualTo(new RoomAddress("metrics", "host-1"));
        assertThat(RoomAddress.parse(address.toString())).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lobby", "chat/", "/lobby", "chat/lobby/extra", "chat//lobby", "Chat/lobby", "chat/lob by"})
    void a_malformed_address_does_not_parse(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> RoomAddress.parse(text));
    }

    @Test
    void a_null_address_does_not_parse() {
        assertThatIllegalArgumentException().isThrownBy(() -> RoomAddress.parse(null));
    }

    @Test
    void an_address_is_a_json_string() throws Exception {
        ObjectMapper mapper = new FrameCodec().mapper();
        assertThat(mapper.writeValueAsString(new RoomAddress("chat", "lobby"))).isEqualTo("\"chat/lobby\"");
        assertThat(mapper.readValue("\"map/team.a\"", RoomAddress.class)).isEqualTo(new RoomAddress("map", "team.a"));
    }
}
