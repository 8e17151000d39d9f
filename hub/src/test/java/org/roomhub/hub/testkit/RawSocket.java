package org.roomhub.hub.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client on a bare {@link Socket} that speaks just enough HTTP and WebSocket by hand to end a
 * connection at any point and in any way: RST, FIN without a close frame, half a request.
 */
public final class RawSocket implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private String lastHead = "";

    private RawSocket(int port) throws IOException {
        socket = new Socket();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A connected socket, nothing sent yet. */
    public static RawSocket connect(int port) throws IOException {
        return new RawSocket(port);
    }

    /** The request line and headers of a WebSocket upgrade of {@code path}. */
    public static String upgradeRequest(String path) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** A plain GET (SSE, polling). */
    public static String getRequest(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
    }

    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the response head; returns the status line. */
    public String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection ended in the response head: " + head);
            }
            head.append((char) b);
        }
        lastHead = head.toString();
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** The whole response head {@link #readHead} read last (status line and headers). */
    public String lastHead() {
        return lastHead;
    }

    /** Reads bytes until {@code marker} has been seen (an SSE event name, say). */
    public void readUntil(String marker) throws IOException {
        byte[] want = marker.getBytes(StandardCharsets.UTF_8);
        int matched = 0;
        while (matched < want.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection ended before " + marker);
            }
            matched = b == want[matched] ? matched + 1 : (b == want[0] ? 1 : 0);
        }
    }

    /** Reads one server frame (unmasked, unfragmented) and returns its opcode and payload text. */
    public Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("connection ended in a frame");
        }
        return new Frame(b0 & 0x0f, payload);
    }

    /** Reads frames until a text frame containing {@code text}; answers pings on the way. */
    public String readTextContaining(String text) throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 0x9) {
                send(0xA, f.payload());
            } else if (f.opcode() == 0x8) {
                throw new EOFException("closed by the hub while waiting for " + text);
            } else if (f.opcode() == 0x1 && f.text().contains(text)) {
                return f.text();
            }
        }
    }

    /** Sends a close frame with {@code code}, then reads until the hub's close frame arrives. */
    public void closeCleanly(int code) throws IOException {
        send(0x8, new byte[] {(byte) (code >> 8), (byte) code});
        while (readFrame().opcode() != 0x8) {
            // frames still in flight before the hub's close
        }
        socket.close();
    }

    /** Sends a masked client frame. */
    public void send(int opcode, byte[] payload) throws IOException {
        send(opcode, payload, true);
    }

    /** Sends a masked client frame, {@code fin} false for a fragment that more frames continue (opcode 0). */
    public void send(int opcode, byte[] payload, boolean fin) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Keeps reading (and throwing away) whatever arrives, on a daemon thread, so a held client never stalls. */
    public RawSocket drainInBackground() {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                socket.setSoTimeout(0);
                while (in.read(buffer) >= 0) {
                    // discarded
                }
            } catch (IOException ended) {
                // closed by the test
            }
        }, "raw-socket-drain");
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** Ends with a TCP reset: no close frame, no FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Ends with a FIN and no close frame. */
    public void fin() throws IOException {
        socket.shutdownOutput();
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection ended in a frame");
        }
        return b;
    }

    /** One WebSocket frame. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }
}
