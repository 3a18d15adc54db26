package io.github.inviteonly.devserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * The run command's mail catcher: GreenMail receives what Keycloak sends (SMTP on localhost:3025), and a
 * page on localhost:8025 shows every message, newest first; a message opens with its links clickable.
 * Nothing on the page is loaded from elsewhere.
 */
final class Mailbox implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    private final GreenMail smtp;
    private final HttpServer page;

    Mailbox(int smtpPort, int pagePort) throws IOException {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        page = HttpServer.create(new InetSocketAddress("127.0.0.1", pagePort), 0);
        page.createContext("/", this::answer);
        page.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        MimeMessage[] messages = smtp.getReceivedMessages();
        String path = exchange.getRequestURI().getPath();
        String body;
        if (path.startsWith("/message/")) {
            int index;
            try {
                index = Integer.parseInt(path.substring("/message/".length()));
            } catch (NumberFormatException e) {
                index = -1;
            }
            body = index >= 0 && index < messages.length ? message(messages[index]) : "<p>No such message.</p><p><a href=\"/\">All messages</a></p>";
        } else {
            body = list(messages);
        }
        byte[] html = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mailbox</title>"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:60em}td{padding:.3em 1em .3em 0}"
                + "pre{white-space:pre-wrap}</style></head><body><h1>Mailbox of the run command</h1>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(200, html.length);
        exchange.getResponseBody().write(html);
        exchange.close();
    }

    private static String list(MimeMessage[] messages) {
        if (messages.length == 0) {
            return "<p>No messages yet. Reload this page after Keycloak has sent one.</p>";
        }
        StringBuilder rows = new StringBuilder("<table><tr><th>To</th><th>Subject</th><th>Sent</th></tr>");
        for (int i = messages.length - 1; i >= 0; i--) {
            rows.append("<tr><td>").append(escape(header(messages[i], "To"))).append("</td><td><a href=\"/message/").append(i)
                    .append("\">").append(escape(header(messages[i], "Subject"))).append("</a></td><td>")
                    .append(escape(header(messages[i], "Date"))).append("</td></tr>");
        }
        return rows.append("</table>").toString();
    }

    private static String message(MimeMessage message) {
        String text = plainText(message);
        Matcher links = URL.matcher(text);
        StringBuilder linked = new StringBuilder();
        int done = 0;
        while (links.find()) {
            String url = escape(links.group());
            linked.append(escape(text.substring(done, links.start()))).append("<a href=\"").append(url).append("\">")
                    .append(url).append("</a>");
            done = links.end();
        }
        linked.append(escape(text.substring(done)));
        return "<p><a href=\"/\">All messages</a></p><p><b>To:</b> " + escape(header(message, "To")) + "<br><b>Subject:</b> "
                + escape(header(message, "Subject")) + "</p><pre>" + linked + "</pre>";
    }

    /** The text/plain part (every email of Keycloak's has one), or the whole body when there is none. */
    private static String plainText(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return String.valueOf(part.getContent());
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = plainText(multipart.getBodyPart(i));
                    if (!text.isEmpty()) {
                        return text;
                    }
                }
            }
            return "";
        } catch (Exception e) {
            return GreenMailUtil.getBody(part);
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, ", ");
            return value == null ? "" : jakarta.mail.internet.MimeUtility.decodeText(value);
        } catch (Exception e) {
            return "";
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        page.stop(0);
        smtp.stop();
    }
}
