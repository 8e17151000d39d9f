package org.roomhub.hub.cluster.route;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * {@link RouteMessage}s as bytes: a kind byte, then the fields (strings as length + UTF-8, since a
 * frame may exceed {@code writeUTF}'s 64 KiB). A client frame crosses as its JSON text and is decoded
 * again on the host; an encoded frame crosses with the facts read off it once ({@code seq},
 * {@code roomSeq}, conflation key), so the edge never parses it.
 */
final class RouteCodec {

    private final FrameCodec frames;

    RouteCodec(FrameCodec frames) {
        this.frames = frames;
    }

    byte[] encode(RouteMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (message instanceof RouteMessage.Ensure m) {
                out.writeByte(1);
                str(out, m.room().toString());
            } else if (message instanceof RouteMessage.Open m) {
                out.writeByte(2);
                SessionOpen o = m.open();
                str(out, o.room().toString());
                str(out, o.sessionId());
                str(out, o.user());
                str(out, o.role());
                str(out, o.transport());
                out.writeLong(o.since().orElse(Long.MIN_VALUE));
            } else if (message instanceof RouteMessage.Deliver m) {
                out.writeByte(3);
                clientMessage(out, m.message());
            } else if (message instanceof RouteMessage.Bounced m) {
                out.writeByte(13);
                clientMessage(out, m.message());
            } else if (message instanceof RouteMessage.Left m) {
                out.writeByte(4);
                SessionLeft l = m.left();
                str(out, l.room().toString());
                str(out, l.sessionId());
                out.writeInt(l.code());
                str(out, l.reason());
            } else if (message instanceof RouteMessage.Failed m) {
                out.writeByte(5);
                str(out, m.room().toString());
                str(out, m.sessionId());
                str(out, m.error());
            } else if (message instanceof RouteMessage.Send m) {
                out.writeByte(10);
                Outgoing o = m.outgoing();
                out.writeInt(o.sessionIds().size());
                for (String id : o.sessionIds()) {
                    str(out, id);
                }
                out.writeBoolean(o.replay());
                EncodedFrame f = o.frame();
                str(out, f.type());
                str(out, f.text());
                out.writeLong(f.seq());
                out.writeInt(f.byteLength());
                str(out, f.conflationKey() == null ? "" : f.conflationKey());
                out.writeLong(f.roomSeq());
            } else if (message instanceof RouteMessage.Close m) {
                out.writeByte(11);
                str(out, m.sessionId());
                out.writeInt(m.code());
                str(out, m.reason());
            } else if (message instanceof RouteMessage.Moved m) {
                out.writeByte(12);
                str(out, m.room().toString());
                str(out, m.sessionId());
            } else if (message instanceof RouteMessage.Ask m) {
                out.writeByte(20);
                out.writeLong(m.id());
                str(out, m.kind());
                str(out, m.arg());
            } else if (message instanceof RouteMessage.Answer m) {
                out.writeByte(21);
                out.writeLong(m.id());
                str(out, m.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    RouteMessage decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int kind = in.readByte();
            return switch (kind) {
                case 1 -> new RouteMessage.Ensure(room(in));
                case 2 -> {
                    RoomAddress room = room(in);
                    String id = str(in);
                    String user = str(in);
                    String role = str(in);
                    String transport = str(in);
                    long since = in.readLong();
                    yield new RouteMessage.Open(new SessionOpen(room, id, user, role, transport,
                            since == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(since)));
                }
                case 3 -> new RouteMessage.Deliver(clientMessage(in));
                case 13 -> new RouteMessage.Bounced(clientMessage(in));
                case 4 -> new RouteMessage.Left(new SessionLeft(room(in), str(in), in.readInt(), str(in)));
                case 5 -> new RouteMessage.Failed(room(in), str(in), str(in));
                case 10 -> {
                    int n = in.readInt();
                    List<String> ids = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        ids.add(str(in));
                    }
                    boolean replay = in.readBoolean();
                    String type = str(in);
                    String text = str(in);
                    long seq = in.readLong();
                    int length = in.readInt();
                    String key = str(in);
                    long roomSeq = in.readLong();
                    yield new RouteMessage.Send(new Outgoing(ids,
                            new EncodedFrame(type, text, seq, length, key.isEmpty() ? null : key, roomSeq), replay));
                }
                case 11 -> new RouteMessage.Close(str(in), in.readInt(), str(in));
                case 12 -> new RouteMessage.Moved(room(in), str(in));
                case 20 -> new RouteMessage.Ask(in.readLong(), str(in), str(in));
                case 21 -> new RouteMessage.Answer(in.readLong(), str(in));
                default -> throw new IllegalArgumentException("unknown route message kind " + kind);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void clientMessage(DataOutputStream out, ClientMessage c) throws IOException {
        str(out, c.room().toString());
        str(out, c.sessionId());
        str(out, frames.write(c.frame()));
        out.writeInt(c.bytes());
    }

    private ClientMessage clientMessage(DataInputStream in) throws IOException {
        RoomAddress room = room(in);
        String id = str(in);
        String text = str(in);
        int size = in.readInt();
        if (!(frames.decodeClient(text) instanceof Decoded.Ok<ClientFrame> ok)) {
            throw new IllegalArgumentException("a forwarded client frame does not decode: " + text);
        }
        return new ClientMessage(room, id, ok.frame(), size);
    }

    private static RoomAddress room(DataInputStream in) throws IOException {
        return RoomAddress.parse(str(in));
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
