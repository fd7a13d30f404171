package dev.wxlogin.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

/**
 * The sandbox's public socket: relays each client connection byte for byte to the HTTP server
 * behind it. It exists so that a fault can reset a client's connection (TCP RST, SO_LINGER 0),
 * which the JDK's HTTP server cannot do to its own sockets.
 */
final class ConnectionFront implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final ExecutorService threads;
    /** Client connections by the local port of their relay connection, which the backend sees as the remote port. */
    private final Map<Integer, Socket> clients = new ConcurrentHashMap<>();

    ConnectionFront(String host, int port, InetSocketAddress backend, ExecutorService threads) throws IOException {
        this.listener = new ServerSocket(port, 1024, InetAddress.getByName(host));
        this.backend = backend;
        this.threads = threads;
    }

    void start() {
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Resets the client connection relayed through the backend connection from {@code relayPort}. */
    void reset(int relayPort) {
        Socket client = clients.get(relayPort);
        if (client == null) {
            return;
        }
        try {
            client.setSoLinger(true, 0);
            client.close();
        } catch (IOException ignored) {
            // Already gone: the client sees a broken connection either way.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        clients.values().forEach(ConnectionFront::closeQuietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> relay(client));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(backend);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            int relayPort = upstream.getLocalPort();
            clients.put(relayPort, client);
            try {
                CountDownLatch answered = new CountDownLatch(1);
                threads.execute(() -> {
                    copy(upstream, client);
                    answered.countDown();
                });
                copy(client, upstream);
                answered.await();
            } finally {
                clients.remove(relayPort);
            }
        } catch (IOException e) {
            // The backend is gone (closing): drop the client.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Copies until end of stream, then half-closes the other side; on failure closes both. */
    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to do.
        }
    }
}
