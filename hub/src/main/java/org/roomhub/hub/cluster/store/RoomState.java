package org.roomhub.hub.cluster.store;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.roomhub.hub.storage.Utf8Order;
import org.roomhub.hub.storage.WriteSet;

/** A room's data materialised in memory on its host: keys in order, and the alarm. Not thread-safe. */
final class RoomState {

    private final TreeMap<String, byte[]> data;
    private Long alarm;

    /** Unicode code point order (= the engine's UTF-8 byte order), not Java's UTF-16 order. */
    static final java.util.Comparator<String> ORDER = Utf8Order.INSTANCE;

    RoomState() {
        this(new TreeMap<>(ORDER), null);
    }

    RoomState(TreeMap<String, byte[]> data, Long alarm) {
        this.data = data;
        this.alarm = alarm;
    }

    TreeMap<String, byte[]> data() {
        return data;
    }

    Long alarm() {
        return alarm;
    }

    void apply(WriteSet w) {
        w.deletes().forEach(data::remove);
        for (Map.Entry<String, byte[]> e : w.puts().entrySet()) {
            data.put(e.getKey(), e.getValue().clone());
        }
        w.alarm().ifPresent((OptionalLong a) -> alarm = a.isPresent() ? a.getAsLong() : null);
    }

    void replaceWith(RoomState other) {
        data.clear();
        data.putAll(other.data);
        alarm = other.alarm;
    }

    boolean isEmpty() {
        return data.isEmpty() && alarm == null;
    }
}
