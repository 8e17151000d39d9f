package org.roomhub.client.lab;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain {@link Socket} that reads only when asked. The slow-consumer scenario
 * needs a reader that really stops: the JDK client's {@code request(n)} only stops delivery while its
 * buffers keep draining the socket. With a tiny receive buffer and no reads, the hub's writes stall
 * in TCP and its outbound queue for this client fills. Plain {@code ws://} only. It can also send text
 * frames and skip what it receives unread (the slow-consumer scenario's senders: fan-out without decoding).
 */
final class RawWebSocket implements AutoCloseable {

    /** One frame read: a text frame's payload, or a close with its code ({@code text} = reason). */
    record Frame(boolean close, int code, String text) {}

    private static final SecureRandom MASKS = new SecureRandom();

    private final Socket socket = new Socket();
    private DataInputStream in;

    /** Connects to {@code ws} (a {@code ws://} room URL) with a receive buffer of {@code receiveBuffer} bytes and upgrades. */
    RawWebSocket(URI ws, int receiveBuffer) throws IOException {
        if (!"ws".equals(ws.getScheme())) {
            throw new IOException("the slow reader speaks plain ws:// only, not " + ws.getScheme());
        }
        socket.setReceiveBufferSize(receiveBuffer); // before connect, so the TCP window starts small
        socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String target = ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
        String request = "GET " + target + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 4096));
        String status = headerLine(in);
        if (!status.contains(" 101")) {
            throw new IOException("upgrade refused: " + status);
        }
        while (!headerLine(in).isEmpty()) {
            // skip the response headers
        }
    }

    /** Reads the next text or close frame (pings and pongs are skipped; fragments joined). */
    Frame read() throws IOException {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        while (true) {
            long[] header = header();
            int b0 = (int) header[0];
            long len = header[1];
            byte[] payload = in.readNBytes((int) len);
            if (payload.length < len) {
                throw new EOFException("connection ended inside a frame");
            }
            int opcode = b0 & 0x0F;
            if (opcode == 8) {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                return new Frame(true, code, reason);
            }
            if (opcode == 1 || opcode == 0) {
                text.write(payload);
                if ((b0 & 0x80) != 0) {
                    return new Frame(false, 0, text.toString(StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** Reads and discards the next frame; true when it was the close frame. Costs no decoding. */
    boolean skip() throws IOException {
        long[] header = header();
        in.skipNBytes(header[1]);
        return (header[0] & 0x0F) == 8;
    }

    /** A frame's first byte (FIN, opcode) and its payload length. */
    private long[] header() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("a server frame must not be masked");
        }
        return new long[] {b0, len};
    }

    /** Sends {@code text} as one masked text frame (a client must mask); not thread-safe against itself. */
    void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            throw new IOException("a lab frame stays under 64 KiB");
        }
        byte[] mask = new byte[4];
        MASKS.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    private static String headerLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c == -1 && line.length() == 0) {
            throw new EOFException("connection closed during the upgrade");
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
