package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "hello, room", "\u007f", "\u0080", "é", "ß", "\u07ff", "\u0800", "€", "中文",
            "\uffff", "\ud83d\ude00", "𝄞", "\udbff\udfff", "mixed a é € 😀 end"})
    void utf8_length_matches_the_encoded_bytes(String s) {
        assertThat(Utf8.length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void each_kind_of_character_has_its_byte_count() {
        assertThat(Utf8.length("a")).isEqualTo(1);
        assertThat(Utf8.length("é")).isEqualTo(2);
        assertThat(Utf8.length("€")).isEqualTo(3);
        assertThat(Utf8.length("😀")).isEqualTo(4);
        assertThat(Utf8.length("a".repeat(1000) + "😀".repeat(1000))).isEqualTo(5000);
    }

    @Test
    void a_lone_surrogate_counts_as_the_three_byte_replacement() {
        assertThat(Utf8.length("\ud800")).isEqualTo(3);
        assertThat(Utf8.length("\udc00")).isEqualTo(3);
        assertThat(Utf8.length("x\ud800")).isEqualTo(4);
        assertThat(Utf8.length("\udc00\ud800")).isEqualTo(6);
    }
}
