package org.roomhub.hub.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.roomhub.hub.room.RoomType;

/**
 * The one Jackson setup for the config file: kebab-case keys as on the command line, durations written
 * the way people type them ({@code 10s}), nested sections merged into the defaults, unknown keys refused.
 */
final class ConfigMapper {

    private ConfigMapper() {}

    /** Room types are code, not settings: left out of the file both ways. */
    abstract static class RoomsMixIn {
        @JsonIgnore
        List<RoomType> extraTypes;
    }

    /** The clock is code too. */
    abstract static class HubConfigMixIn {
        @JsonIgnore
        java.time.Clock clock;
    }

    static YAMLMapper create() {
        SimpleModule module = new SimpleModule("roomhub-config");
        module.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(format(value));
            }
        });
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return DurationConverter.parse(text == null ? p.getText() : text);
                } catch (RuntimeException e) {
                    return (Duration) ctxt.handleWeirdStringValue(Duration.class, String.valueOf(text), e.getMessage());
                }
            }
        });
        module.addSerializer(Path.class, new JsonSerializer<>() {
            @Override
            public void serialize(Path value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Path.class, new JsonDeserializer<>() {
            @Override
            public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Path.of(p.getValueAsString());
            }
        });
        module.addDeserializer(HubConfig.LimitsConfig.Rate.class, new RateDeserializer());
        YAMLMapper mapper = YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .build())
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addMixIn(HubConfig.RoomsConfig.class, RoomsMixIn.class)
                .addMixIn(HubConfig.class, HubConfigMixIn.class)
                .addModule(module)
                .build();
        // Sections and maps in the file change the defaults they name and keep the rest.
        mapper.setDefaultMergeable(true);
        // A list in the file is the whole list, not an addition to the default one.
        mapper.configOverride(List.class).setMergeable(false);
        return mapper;
    }

    /**
     * A rate budget, written {@code {per-connection: 600, per-user: 1200}} or as on the command line,
     * {@code "600,1200"} (per user defaults to twice per connection). A record cannot be merged into: a
     * rate in the file replaces the default one whole.
     */
    static final class RateDeserializer extends JsonDeserializer<HubConfig.LimitsConfig.Rate> {
        @Override
        public HubConfig.LimitsConfig.Rate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            com.fasterxml.jackson.databind.JsonNode node = p.readValueAsTree();
            try {
                if (node.isTextual() || node.isNumber()) {
                    String[] parts = node.asText().split(",");
                    int perConnection = Integer.parseInt(parts[0].strip());
                    return new HubConfig.LimitsConfig.Rate(perConnection,
                            parts.length > 1 ? Integer.parseInt(parts[1].strip()) : 2 * perConnection);
                }
                if (node.isObject()) {
                    for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                        String key = it.next();
                        if (!key.equals("per-connection") && !key.equals("per-user")) {
                            throw com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.from(p,
                                    HubConfig.LimitsConfig.Rate.class, key, List.of("per-connection", "per-user"));
                        }
                    }
                    int perConnection = node.path("per-connection").asInt(-1);
                    int perUser = node.path("per-user").asInt(2 * perConnection);
                    if (perConnection > 0 && perUser > 0) {
                        return new HubConfig.LimitsConfig.Rate(perConnection, perUser);
                    }
                }
            } catch (NumberFormatException e) {
                // Reported below with the accepted forms.
            }
            return (HubConfig.LimitsConfig.Rate) ctxt.handleWeirdStringValue(HubConfig.LimitsConfig.Rate.class, node.toString(),
                    "give frames per minute as {per-connection: N, per-user: M} or \"N,M\"");
        }

        @Override
        public HubConfig.LimitsConfig.Rate deserialize(JsonParser p, DeserializationContext ctxt, HubConfig.LimitsConfig.Rate old)
                throws IOException {
            return deserialize(p, ctxt);
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 1m}, {@code 168h}: the largest unit that is exact. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
