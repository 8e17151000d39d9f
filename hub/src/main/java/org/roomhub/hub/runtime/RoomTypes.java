package org.roomhub.hub.runtime;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.roomhub.hub.room.RoomType;

/** Room types by name: the ones given (the built-ins) plus any found through {@link ServiceLoader}. */
public final class RoomTypes {

    private final Map<String, RoomType> byName = new LinkedHashMap<>();

    private RoomTypes() {}

    /** The given types, then every {@code RoomType} service on the class path. */
    public static RoomTypes of(List<RoomType> builtIns) {
        RoomTypes types = new RoomTypes();
        builtIns.forEach(types::register);
        ServiceLoader.load(RoomType.class).forEach(t -> {
            if (!types.byName.containsKey(t.name())) {
                types.register(t);
            }
        });
        return types;
    }

    private void register(RoomType type) {
        if (byName.putIfAbsent(type.name(), type) != null) {
            throw new IllegalArgumentException("room type registered twice: " + type.name());
        }
    }

    /** The type called {@code name}. */
    public Optional<RoomType> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every registered type. */
    public Collection<RoomType> all() {
        return byName.values();
    }
}
