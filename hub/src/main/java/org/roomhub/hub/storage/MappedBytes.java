package org.roomhub.hub.storage;

import java.io.IOException;
import org.mapdb.DataInput2;
import org.mapdb.serializer.SerializerByteArray;

/**
 * MapDB's {@code byte[]} serializer, same bytes on disk, reading faster from the memory-mapped slot:
 * MapDB copies each key of a B-tree node through a fresh {@code ByteBuffer.duplicate()}, and every
 * lookup decodes all keys of every node on its path (the applier's largest cost). Files written with
 * either serializer open with the other.
 */
final class MappedBytes extends SerializerByteArray {

    static final MappedBytes INSTANCE = new MappedBytes();

    private MappedBytes() {
    }

    @Override
    public byte[] deserialize(DataInput2 in, int available) throws IOException {
        byte[] b = new byte[in.unpackInt()];
        if (in instanceof DataInput2.ByteBuffer bb) {
            bb.buf.get(bb.pos, b); // absolute: no duplicate, and the shared buffer's position is untouched
            bb.pos += b.length;
        } else {
            in.readFully(b);
        }
        return b;
    }

    @Override
    public byte[][] valueArrayDeserialize(DataInput2 in, int size) throws IOException {
        byte[][] keys = new byte[in.unpackInt()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = deserialize(in, -1);
        }
        return keys;
    }
}
