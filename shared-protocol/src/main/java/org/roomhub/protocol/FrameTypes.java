package org.roomhub.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The wire {@code type} names of one frame family, read from the records the sealed interface
 * permits. Where the contract gives two shapes one name (the server's {@code history}, and
 * {@code presence} as a broadcast or as a welcome), a chooser
 * given at construction picks the record by the frame's fields.
 */
final class FrameTypes<F> {

    private final Map<String, Function<JsonNode, Class<? extends F>>> byName = new HashMap<>();
    /** Names with exactly one record: it is known without looking at the other fields. */
    private final Map<String, Class<? extends F>> single = new HashMap<>();

    FrameTypes(Class<F> family, Map<String, Function<JsonNode, Class<? extends F>>> choosers) {
        Map<String, List<Class<? extends F>>> found = new HashMap<>();
        collect(family, family, found);
        found.forEach((name, classes) -> {
            if (classes.size() == 1) {
                Class<? extends F> only = classes.get(0);
                byName.put(name, node -> only);
                single.put(name, only);
            } else if (choosers.containsKey(name)) {
                byName.put(name, choosers.get(name));
            } else {
                throw new IllegalStateException("frame type '" + name + "' has several records and no chooser: " + classes);
            }
        });
    }

    private static <F> void collect(Class<F> family, Class<?> type, Map<String, List<Class<? extends F>>> found) {
        for (Class<?> sub : type.getPermittedSubclasses()) {
            if (sub.isInterface()) {
                collect(family, sub, found);
                continue;
            }
            JsonTypeName name = sub.getAnnotation(JsonTypeName.class);
            if (name == null) {
                throw new IllegalStateException(sub + " has no @JsonTypeName");
            }
            found.computeIfAbsent(name.value(), k -> new ArrayList<>()).add(sub.asSubclass(family));
        }
    }

    /** Every record of the family, for a mapper that reads the family's interface by its {@code type}. */
    Class<?>[] records() {
        return single.values().toArray(Class<?>[]::new);
    }

    /** The record for {@code name} when the name alone decides it; null when unknown or a chooser decides. */
    Class<? extends F> onlyRecordFor(String name) {
        return single.get(name);
    }

    /** The record for a frame named {@code name}, or null when the family has no such frame. */
    Class<? extends F> recordFor(String name, JsonNode frame) {
        Function<JsonNode, Class<? extends F>> chooser = byName.get(name);
        return chooser == null ? null : chooser.apply(frame);
    }
}
