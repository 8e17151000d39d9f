package org.roomhub.client.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP proxy in front of a hub that can make the network go silently dead: {@link #freeze()}
 * stops forwarding on every connection open now without closing anything (no FIN, no RST), as a
 * pulled cable or a sleeping router would. Connections opened afterwards pass normally.
 */
final class FreezingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();

    /** One proxied connection; frozen pipes read nothing more and keep their sockets open. */
    private static final class Pipe {
        final AtomicBoolean frozen = new AtomicBoolean();
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
    }

    FreezingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "freezing-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The network goes silent for every connection open now. */
    void freeze() {
        pipes.forEach(p -> p.frozen.set(true));
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                Pipe pipe = new Pipe();
                pipe.sockets.add(client);
                pipe.sockets.add(upstream);
                pipes.add(pipe);
                pump(client, upstream, pipe);
                pump(upstream, client, pipe);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, Pipe pipe) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (pipe.frozen.get()) {
                        continue; // swallowed: the other side hears nothing, and nothing is closed
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                if (!pipe.frozen.get()) {
                    to.shutdownOutput();
                }
            } catch (IOException ignored) {
                // the other pump or close() ended it
            }
        }, "freezing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Pipe p : pipes) {
            for (Socket s : p.sockets) {
                s.close();
            }
        }
    }
}
