package io.github.inviteonly.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Mailbox;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * The realm's SMTP server (GreenMail) on a port of its own, which a test can take down and bring back.
 * What it received before going down stays readable: a test reads every mail the cluster ever sent.
 */
final class MailCatcher implements AutoCloseable {

    private final int port;
    private final List<MimeMessage> earlier = new ArrayList<>();
    private GreenMail server;

    MailCatcher(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        server = mail;
    }

    /** Down: connections to the port are refused until {@link #start}. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        earlier.addAll(Arrays.asList(server.getReceivedMessages()));
        server.stop();
        server = null;
    }

    synchronized boolean isUp() {
        return server != null;
    }

    /** Every message received so far, oldest first, also those from before a stop. */
    synchronized List<MimeMessage> messages() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        if (server != null) {
            all.addAll(Arrays.asList(server.getReceivedMessages()));
        }
        return all;
    }

    List<MimeMessage> to(String address) {
        // As Mailbox.to: without the owner's notice of a new reset request, which would shift the decision emails.
        return messages().stream().filter(m -> recipients(m).contains(address.toLowerCase(Locale.ROOT)))
                .filter(m -> !Mailbox.isRequestNotice(m)).toList();
    }

    List<MimeMessage> matching(Predicate<String> recipient) {
        return messages().stream().filter(m -> recipients(m).stream().anyMatch(recipient)).toList();
    }

    /** Waits for the {@code n}-th message to the address (1-based). */
    MimeMessage await(String address, int n) {
        return Eventually.value("message #" + n + " to " + address, Cluster.WAIT, () -> {
            List<MimeMessage> messages = to(address);
            return messages.size() >= n ? messages.get(n - 1) : null;
        });
    }

    static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? List.of() : Arrays.stream(to).map(a -> a.toString().toLowerCase(Locale.ROOT)).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
