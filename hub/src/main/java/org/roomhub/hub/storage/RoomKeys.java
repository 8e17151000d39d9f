package org.roomhub.hub.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps one room's keys into the single MapDB key space, ordered by unsigned bytes:
 * data key = {@code 'd' roomId 0x00 key}, alarm = {@code 'a' roomId} (all UTF-8). Room ids contain no
 * control characters, so every room's data range {@code ['d' room 0x00, 'd' room 0x01)} is disjoint
 * from every other room's. Also validates ids and keys, so nothing invalid is ever journaled.
 */
final class RoomKeys {

    static final byte DATA = 'd';
    static final byte ALARM = 'a';
    /** Largest key, in UTF-8 bytes (as Durable Objects). */
    static final int MAX_KEY_BYTES = 2048;
    /** Largest value in bytes (as Durable Objects). */
    static final int MAX_VALUE_BYTES = 128 * 1024;
    /** Largest room id, in UTF-8 bytes. */
    static final int MAX_ROOM_ID_BYTES = 256;

    /** Start of the whole data namespace. */
    static final byte[] DATA_START = {DATA};
    /** End (exclusive) of the whole data namespace. */
    static final byte[] DATA_END = {DATA + 1};
    /** Start of the alarm namespace. */
    static final byte[] ALARM_START = {ALARM};
    /** End (exclusive) of the alarm namespace. */
    static final byte[] ALARM_END = {ALARM + 1};

    private final String roomId;
    private final byte[] dataStart;
    private final byte[] dataEnd;
    private final byte[] alarm;

    RoomKeys(String roomId) {
        this.roomId = roomId;
        byte[] room = roomIdBytes(roomId);
        dataStart = new byte[room.length + 2];
        dataStart[0] = DATA;
        System.arraycopy(room, 0, dataStart, 1, room.length);
        dataEnd = dataStart.clone();
        dataEnd[dataEnd.length - 1] = 1;
        alarm = new byte[room.length + 1];
        alarm[0] = ALARM;
        System.arraycopy(room, 0, alarm, 1, room.length);
    }

    String roomId() {
        return roomId;
    }

    /** First encoded key of this room's data (inclusive). */
    byte[] dataStart() {
        return dataStart;
    }

    /** End of this room's data (exclusive). */
    byte[] dataEnd() {
        return dataEnd;
    }

    byte[] alarmKey() {
        return alarm;
    }

    /** The encoded key of {@code key}; validates it. */
    byte[] data(String key) {
        byte[] k = utf8(key, "key");
        if (k.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is " + k.length + " bytes, more than " + MAX_KEY_BYTES);
        }
        return concat(dataStart, k);
    }

    /** The user key of an encoded data key of this room. */
    String keyOf(byte[] encoded) {
        return new String(encoded, dataStart.length, encoded.length - dataStart.length, StandardCharsets.UTF_8);
    }

    /** Smallest encoded key of this room that is greater than every key starting with {@code prefix}. */
    byte[] prefixEnd(String prefix) {
        byte[] p = data(prefix);
        if (p.length == dataStart.length) {
            return dataEnd;
        }
        // UTF-8 never contains 0xFF, so incrementing the last byte cannot overflow.
        byte[] end = p.clone();
        end[end.length - 1]++;
        return end;
    }

    /** Validates a value before it is accepted. */
    static void checkValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value is " + value.length + " bytes, more than " + MAX_VALUE_BYTES);
        }
    }

    /** The room id in an encoded data or alarm key. */
    static String roomOf(byte[] encoded) {
        int end = encoded.length;
        if (encoded[0] == DATA) {
            end = indexOf(encoded, (byte) 0);
        }
        return new String(encoded, 1, end - 1, StandardCharsets.UTF_8);
    }

    /** The key just past every data key of the room that {@code encoded} (a data key) belongs to. */
    static byte[] nextRoomData(byte[] encoded) {
        int nul = indexOf(encoded, (byte) 0);
        byte[] next = Arrays.copyOf(encoded, nul + 1);
        next[nul] = 1;
        return next;
    }

    private static byte[] roomIdBytes(String roomId) {
        if (roomId == null || roomId.isEmpty()) {
            throw new IllegalArgumentException("room id must not be empty");
        }
        for (int i = 0; i < roomId.length(); i++) {
            char c = roomId.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("room id must not contain control characters: " + roomId.strip());
            }
        }
        byte[] b = utf8(roomId, "room id");
        if (b.length > MAX_ROOM_ID_BYTES) {
            throw new IllegalArgumentException("room id is " + b.length + " bytes, more than " + MAX_ROOM_ID_BYTES);
        }
        return b;
    }

    /** UTF-8 of {@code s}; rejects strings with unpaired surrogates, which would not round-trip. */
    static byte[] utf8(String s, String what) {
        if (s == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException(what + " has an unpaired surrogate at index " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(what + " has an unpaired surrogate at index " + i);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a data key");
    }
}
