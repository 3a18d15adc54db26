package io.github.inviteonly.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/** The run command's mailbox as a person reads it: the message listed, opened, its link clickable. */
class MailboxTest {

    @Test
    void aMessageSentToTheCatcherIsListedAndOpensWithItsLinkClickable() throws Exception {
        int smtp = freePort();
        int page = freePort();
        try (Mailbox mailbox = new Mailbox(smtp, page)) {
            send(smtp, "carol@example.org", "You are invited to Invite-only demo",
                    "Open this link: http://localhost:8080/realms/demo/invite-only/invitations/sign-up?token=abc&x=<y>");

            String list = get(page, "/");
            assertTrue(list.contains("carol@example.org"), list);
            assertTrue(list.contains("<a href=\"/message/0\">You are invited to Invite-only demo</a>"), list);

            String message = get(page, "/message/0");
            assertTrue(message.contains("<a href=\"http://localhost:8080/realms/demo/invite-only/invitations/sign-up?token=abc&amp;x=\">"),
                    message);
            assertTrue(message.contains("&lt;y&gt;"), "the text is escaped: " + message);
            assertTrue(get(page, "/message/7").contains("No such message"));
        }
    }

    private static void send(int port, String to, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("keycloak@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text);
        Transport.send(message);
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("default-src 'none'; style-src 'unsafe-inline'", response.headers().firstValue("Content-Security-Policy").orElse(""));
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
