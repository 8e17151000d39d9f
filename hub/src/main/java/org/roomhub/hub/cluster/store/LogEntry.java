package org.roomhub.hub.cluster.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.roomhub.hub.storage.WriteSet;

/**
 * One entry of a room's log, encoded as bytes. {@code writer} names the store instance that wrote it
 * (node id and a random id per opening), so an Infinispan retry that finds "already present" can tell
 * its own write from a rival's: the bytes are equal only if they are ours.
 */
record LogEntry(Kind kind, String writer, List<WriteSet> commits, RoomState checkpoint) {

    enum Kind { COMMIT, CLAIM, CHECKPOINT }

    private static final int VERSION = 1;

    static byte[] commit(String writer, List<WriteSet> commits) {
        return encode(new LogEntry(Kind.COMMIT, writer, commits, null));
    }

    static byte[] claim(String writer) {
        return encode(new LogEntry(Kind.CLAIM, writer, List.of(), null));
    }

    static byte[] checkpoint(String writer, RoomState state) {
        return encode(new LogEntry(Kind.CHECKPOINT, writer, List.of(), state));
    }

    /** Applies this entry to {@code state}: commits in order, a checkpoint replaces everything. */
    void applyTo(RoomState state) {
        switch (kind) {
            case COMMIT -> commits.forEach(state::apply);
            case CHECKPOINT -> state.replaceWith(checkpoint);
            case CLAIM -> { }
        }
    }

    private static byte[] encode(LogEntry e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(e.kind.ordinal());
            text(out, e.writer);
            if (e.kind == Kind.COMMIT) {
                out.writeInt(e.commits.size());
                for (WriteSet w : e.commits) {
                    entries(out, w.puts());
                    out.writeInt(w.deletes().size());
                    for (String k : w.deletes()) {
                        text(out, k);
                    }
                    alarm(out, w.alarm().orElse(null), w.alarm().isPresent());
                }
            } else if (e.kind == Kind.CHECKPOINT) {
                entries(out, e.checkpoint.data());
                alarm(out, e.checkpoint.alarm() == null ? OptionalLong.empty() : OptionalLong.of(e.checkpoint.alarm()), true);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static LogEntry decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown log entry version " + version);
            }
            Kind kind = Kind.values()[in.readByte()];
            String writer = text(in);
            if (kind == Kind.COMMIT) {
                int n = in.readInt();
                List<WriteSet> commits = new java.util.ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    WriteSet w = new WriteSet();
                    readEntries(in).forEach(w::put);
                    int deletes = in.readInt();
                    for (int d = 0; d < deletes; d++) {
                        w.delete(text(in));
                    }
                    readAlarm(in, w);
                    commits.add(w);
                }
                return new LogEntry(kind, writer, commits, null);
            }
            if (kind == Kind.CHECKPOINT) {
                TreeMap<String, byte[]> data = readEntries(in);
                WriteSet alarm = new WriteSet();
                readAlarm(in, alarm);
                Long at = alarm.alarm().flatMap(a -> a.isPresent() ? java.util.Optional.of(a.getAsLong()) : java.util.Optional.empty()).orElse(null);
                return new LogEntry(kind, writer, List.of(), new RoomState(data, at));
            }
            return new LogEntry(kind, writer, List.of(), null);
        } catch (IOException ex) {
            throw new UncheckedIOException("corrupt log entry", ex);
        }
    }

    private static void entries(DataOutputStream out, Map<String, byte[]> entries) throws IOException {
        out.writeInt(entries.size());
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            text(out, e.getKey());
            out.writeInt(e.getValue().length);
            out.write(e.getValue());
        }
    }

    private static TreeMap<String, byte[]> readEntries(DataInputStream in) throws IOException {
        int n = in.readInt();
        TreeMap<String, byte[]> map = new TreeMap<>(RoomState.ORDER);
        for (int i = 0; i < n; i++) {
            String k = text(in);
            map.put(k, in.readNBytes(in.readInt()));
        }
        return map;
    }

    /** 0: untouched, 1: cleared, 2: set to the long that follows. */
    private static void alarm(DataOutputStream out, OptionalLong alarm, boolean touched) throws IOException {
        if (!touched) {
            out.writeByte(0);
        } else if (alarm.isEmpty()) {
            out.writeByte(1);
        } else {
            out.writeByte(2);
            out.writeLong(alarm.getAsLong());
        }
    }

    private static void readAlarm(DataInputStream in, WriteSet w) throws IOException {
        int kind = in.readByte();
        if (kind == 1) {
            w.setAlarm(OptionalLong.empty());
        } else if (kind == 2) {
            w.setAlarm(OptionalLong.of(in.readLong()));
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
