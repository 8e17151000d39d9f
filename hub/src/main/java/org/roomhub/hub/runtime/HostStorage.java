package org.roomhub.hub.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.roomhub.hub.room.RoomStorage;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.WriteSet;

/**
 * A room's storage as room code sees it: JSON values under the room's own key space ({@code r:}),
 * reads through the current event's pending writes, writes held in the event's effects.
 */
final class HostStorage implements RoomStorage {

    private static final String PREFIX = "r:";

    private final Supplier<WriteSet> current;
    private final RoomStore data;
    private final ObjectMapper mapper;

    HostStorage(Supplier<WriteSet> current, RoomStore data, ObjectMapper mapper) {
        this.current = current;
        this.data = data;
        this.mapper = mapper;
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        return raw(PREFIX + key).map(bytes -> read(bytes, type));
    }

    private Optional<byte[]> raw(String fullKey) {
        WriteSet w = current.get();
        return w.touches(fullKey) ? w.pending(fullKey) : data.get(fullKey);
    }

    @Override
    public void put(String key, Object value) {
        try {
            current.get().put(PREFIX + key, mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value for " + key + " cannot be serialized: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void putJson(String key, byte[] json) {
        current.get().put(PREFIX + key, json);
    }

    @Override
    public boolean delete(String key) {
        boolean existed = raw(PREFIX + key).isPresent();
        current.get().delete(PREFIX + key);
        return existed;
    }

    @Override
    public void delete(Collection<String> keys) {
        keys.forEach(k -> current.get().delete(PREFIX + k));
    }

    @Override
    public <T> SortedMap<String, T> list(ListOptions o, Class<T> type) {
        SortedMap<String, T> out = o.reverse() ? new TreeMap<>(java.util.Comparator.reverseOrder()) : new TreeMap<>();
        ObjectReader reader = mapper.readerFor(type);
        for (Map.Entry<String, byte[]> e : raw(o).entrySet()) {
            out.put(e.getKey(), read(reader, e.getValue(), type));
        }
        return out;
    }

    @Override
    public SortedSet<String> keys(ListOptions o) {
        SortedSet<String> out = o.reverse() ? new TreeSet<>(java.util.Comparator.reverseOrder()) : new TreeSet<>();
        if (current.get().keys().isEmpty()) {
            // Nothing pending (a room built on wake): the store lists the keys without reading a value.
            String prefix = PREFIX + (o.prefix() == null ? "" : o.prefix());
            var range = org.roomhub.hub.storage.ListOptions.withPrefix(prefix).start(o.start() == null ? null : PREFIX + o.start())
                    .end(o.end() == null ? null : PREFIX + o.end()).reverse(o.reverse());
            data.keys(o.limit() > 0 ? range.limit(o.limit()) : range).forEach(k -> out.add(k.substring(PREFIX.length())));
            return out;
        }
        out.addAll(raw(o).keySet());
        return out;
    }

    /** Stored entries merged with this event's pending writes, cut to the limit, in the order asked; room keys. */
    private Map<String, byte[]> raw(ListOptions o) {
        String prefix = PREFIX + (o.prefix() == null ? "" : o.prefix());
        String start = o.start() == null ? null : PREFIX + o.start();
        String end = o.end() == null ? null : PREFIX + o.end();
        WriteSet w = current.get();
        org.roomhub.hub.storage.ListOptions range = org.roomhub.hub.storage.ListOptions.withPrefix(prefix).start(start).end(end)
                .reverse(o.reverse());
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (w.keys().isEmpty()) {
            // Nothing pending (a room object built on wake): the store cuts to the limit in the right order
            // itself, so only the newest entries asked for are read.
            data.list(o.limit() > 0 ? range.limit(o.limit()) : range).forEach((k, v) -> out.put(k.substring(PREFIX.length()), v));
            return out;
        }
        TreeMap<String, byte[]> merged = new TreeMap<>(data.list(range.reverse(false)));
        for (String k : w.keys()) {
            boolean inRange = k.startsWith(prefix) && (start == null || k.compareTo(start) >= 0)
                    && (end == null || k.compareTo(end) < 0);
            if (inRange) {
                w.pending(k).ifPresentOrElse(v -> merged.put(k, v), () -> merged.remove(k));
            }
        }
        Iterable<Map.Entry<String, byte[]>> order = o.reverse() ? merged.descendingMap().entrySet() : merged.entrySet();
        for (Map.Entry<String, byte[]> e : order) {
            if (o.limit() > 0 && out.size() >= o.limit()) {
                break;
            }
            out.put(e.getKey().substring(PREFIX.length()), e.getValue());
        }
        return out;
    }

    @Override
    public void transaction(Consumer<RoomStorage> body) {
        body.accept(this); // every event already commits atomically
    }

    @Override
    public void deleteAll() {
        WriteSet w = current.get();
        data.list(org.roomhub.hub.storage.ListOptions.withPrefix(PREFIX)).keySet().forEach(w::delete);
        w.keys().stream().filter(k -> k.startsWith(PREFIX)).toList().forEach(w::delete);
    }

    @Override
    public long approximateBytes() {
        return data.approximateBytes();
    }

    private static <T> T read(ObjectReader reader, byte[] bytes, Class<T> type) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("stored value is not a " + type.getSimpleName(), e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored value is not a " + type.getSimpleName(), e);
        }
    }
}
