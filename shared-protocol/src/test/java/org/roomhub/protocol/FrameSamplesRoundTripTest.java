package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * Every frame record of every family has a sample in {@code frames/<family>/<type>.json} (or
 * {@code <type>-<variant>.json} where two records share a type), and every sample survives
 * decode → encode unchanged as a JSON tree.
 */
class FrameSamplesRoundTripTest {

    private static final FrameCodec CODEC = new FrameCodec();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** One frame family: its sealed interface, sample folder, decoder and encoder. */
    enum Family {
        CLIENT(ClientFrame.class, "client", CODEC::decodeClient, CODEC::write),
        SERVER(ServerFrame.class, "server", CODEC::decodeServer, f -> CODEC.encode((ServerFrame) f).text()),
        OBSERVER(ObserverFrame.class, "observer", CODEC::decodeObserver, CODEC::write);

        final Class<?> root;
        final String folder;
        final Function<String, Decoded<?>> decode;
        final Function<Object, String> encode;

        Family(Class<?> root, String folder, Function<String, Decoded<?>> decode, Function<Object, String> encode) {
            this.root = root;
            this.folder = folder;
            this.decode = decode;
            this.encode = encode;
        }

        Path dir() {
            URL url = FrameSamplesRoundTripTest.class.getResource("/frames/" + folder);
            assertThat(url).as("sample folder frames/%s on the test class path", folder).isNotNull();
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        List<Path> samples() {
            try (Stream<Path> files = Files.list(dir())) {
                return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Stream<Arguments> frameRecords() {
        List<Arguments> all = new ArrayList<>();
        for (Family family : Family.values()) {
            records(family.root).forEach(r -> all.add(Arguments.of(family, r)));
        }
        return all.stream();
    }

    static Stream<Arguments> sampleFiles() {
        return Stream.of(Family.values()).flatMap(f -> f.samples().stream().map(p -> Arguments.of(f, p.getFileName().toString())));
    }

    /** Every record a sealed interface permits, recursing into sealed sub-interfaces (such as {@code Broadcast}). */
    private static List<Class<?>> records(Class<?> sealed) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isInterface()) {
                found.addAll(records(sub));
            } else {
                found.add(sub);
            }
        }
        return found;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("frameRecords")
    void every_frame_type_round_trips_through_its_sample_file(Family family, Class<?> record) throws IOException {
        assertThat(record.isRecord()).as("%s is a record", record).isTrue();
        JsonTypeName typeName = record.getAnnotation(JsonTypeName.class);
        assertThat(typeName).as("%s has @JsonTypeName", record).isNotNull();
        String type = typeName.value();

        List<Path> candidates = family.samples().stream()
                .filter(p -> {
                    String file = p.getFileName().toString();
                    return file.equals(type + ".json") || file.startsWith(type + "-");
                })
                .toList();
        List<Path> mine = new ArrayList<>();
        for (Path sample : candidates) {
            Decoded<?> decoded = family.decode.apply(Files.readString(sample, StandardCharsets.UTF_8));
            if (decoded instanceof Decoded.Ok<?> ok && ok.frame().getClass() == record) {
                mine.add(sample);
            }
        }
        if (mine.isEmpty()) {
            fail("no sample for %s frame %s: add src/test/resources/frames/%s/%s.json (candidates that did not decode to it: %s)",
                    family.folder, record.getName(), family.folder, type, candidates);
        }
        for (Path sample : mine) {
            assertRoundTrip(family, sample, record);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sampleFiles")
    void every_sample_file_is_a_known_frame_named_after_its_type(Family family, String file) throws IOException {
        String text = Files.readString(family.dir().resolve(file), StandardCharsets.UTF_8);
        Decoded<?> decoded = family.decode.apply(text);
        assertThat(decoded).as("decoding %s/%s", family.folder, file).isInstanceOf(Decoded.Ok.class);
        Object frame = ((Decoded.Ok<?>) decoded).frame();
        String type = PLAIN.readTree(text).get("type").asText();
        assertThat(FrameCodec.typeName(frame)).isEqualTo(type);
        assertThat(file).satisfiesAnyOf(
                f -> assertThat(f).isEqualTo(type + ".json"),
                f -> assertThat(f).startsWith(type + "-"));
        assertRoundTrip(family, family.dir().resolve(file), frame.getClass());
    }

    private static void assertRoundTrip(Family family, Path sample, Class<?> record) throws IOException {
        String text = Files.readString(sample, StandardCharsets.UTF_8);
        Decoded<?> decoded = family.decode.apply(text);
        assertThat(decoded).as("decoding %s", sample.getFileName()).isInstanceOf(Decoded.Ok.class);
        Object frame = ((Decoded.Ok<?>) decoded).frame();
        assertThat(frame).isExactlyInstanceOf(record);

        String encoded = family.encode.apply(frame);
        JsonNode expected = PLAIN.readTree(text);
        JsonNode actual = PLAIN.readTree(encoded);
        assertThat(actual).as("%s re-encoded", sample.getFileName()).isEqualTo(expected);

        // And the encoded text decodes to an equal frame again.
        Decoded<?> again = family.decode.apply(encoded);
        assertThat(again).isEqualTo(new Decoded.Ok<>(frame));

        if (frame instanceof ServerFrame server) {
            EncodedFrame once = CODEC.encode(server);
            assertThat(once.type()).isEqualTo(expected.get("type").asText());
            long seq = server instanceof ServerFrame.Broadcast ? expected.get("seq").asLong() : -1;
            assertThat(once.seq()).isEqualTo(seq);
            assertThat(once.byteLength()).isEqualTo(once.bytes().length);
        }
    }
}
