package io.github.inviteonly.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server that accepts connections and never answers: an email sent to it hangs until Keycloak's SMTP
 * timeout (10 seconds), its row {@code PENDING} meanwhile, as when a node stops between the commit and the
 * send. Point a realm at {@link #port()} (e.g. with {@link MailServerDown}). Its threads and sockets are the
 * test's own.
 */
public final class SilentMailServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedByClient = new AtomicInteger();

    public SilentMailServer() throws IOException {
        socket = new ServerSocket(0);
        Thread acceptor = new Thread(this::accept, "silent-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.add(connection);
                Thread reader = new Thread(() -> readUntilClosed(connection), "silent-smtp-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Says nothing, reads whatever comes, and notes when the client gives up. */
    private void readUntilClosed(Socket connection) {
        try (InputStream in = connection.getInputStream()) {
            while (in.read() >= 0) {
                // silence
            }
            closedByClient.incrementAndGet();
        } catch (IOException e) {
            // closed by us
        }
    }

    /** How many emails came here so far (their connections accepted). */
    public int sends() {
        return accepted.size();
    }

    /** Waits until {@code n} emails are hanging here (their connections accepted). */
    public void awaitSends(int n) {
        Eventually.until(n + " connections to the silent mail server", Duration.ofMinutes(2), this::sends, count -> count >= n);
    }

    /** Waits until Keycloak has given up every email that hung here (its SMTP timeout). */
    public void awaitGivenUp() {
        Eventually.until("Keycloak giving up on the silent mail server", Duration.ofSeconds(60), closedByClient::get,
                closed -> closed >= accepted.size());
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : accepted) {
            connection.close();
        }
    }
}
