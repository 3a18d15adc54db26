package io.github.inviteonly.support;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.keycloak.testframework.mail.MailServer;

/** Reads what Keycloak sent to the test mail server (GreenMail), as a person would read their inbox. */
public final class Mailbox {

    private static final Pattern LINK_TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");
    private static final Pattern INVITATION_TOKEN = Pattern.compile("/invitations/sign-up\\?token=([A-Za-z0-9_-]{43})");

    private Mailbox() {
    }

    /** The subject (English) of the notice an account's owner gets as soon as a reset request is recorded. */
    public static final String REQUEST_NOTICE_SUBJECT = "A password reset was requested for your account";

    /**
     * Messages to the address, oldest first, except the owner's notice of a new reset request: it precedes every
     * reset, on a thread of its own, so it would shift (and race) the count of the decision emails the tests read
     * here. The notice is read with {@link #requestNotices}.
     */
    public static List<MimeMessage> to(MailServer mail, String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> isTo(m, address) && !isRequestNotice(m)).toList();
    }

    /** The owner's notices of new reset requests to the address, oldest first. */
    public static List<MimeMessage> requestNotices(MailServer mail, String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> isTo(m, address) && isRequestNotice(m)).toList();
    }

    /** Waits for the {@code n}-th notice of a new reset request to the address (1-based) and returns it. */
    public static MimeMessage waitForRequestNotice(MailServer mail, String address, int n) {
        return Eventually.until("request notice #" + n + " to " + address, () -> requestNotices(mail, address),
                messages -> messages.size() >= n).get(n - 1);
    }

    public static boolean isRequestNotice(MimeMessage message) {
        try {
            return message.getSubject() != null && message.getSubject().startsWith(REQUEST_NOTICE_SUBJECT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the {@code n}-th message to the address (1-based) and returns it. */
    public static MimeMessage waitFor(MailServer mail, String address, int n) {
        return Eventually.until("message #" + n + " to " + address, () -> to(mail, address), messages -> messages.size() >= n)
                .get(n - 1);
    }

    public static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String s) {
                return s;
            }
            Multipart multipart = (Multipart) content;
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                Object partContent = part.getContent();
                all.append(partContent instanceof Multipart nested ? nestedText(nested) : String.valueOf(partContent)).append('\n');
            }
            return all.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The invitation token in the message's link. */
    public static String invitationToken(MimeMessage message) {
        return firstMatch(INVITATION_TOKEN, text(message))
                .orElseThrow(() -> new AssertionError("No invitation link in: " + text(message)));
    }

    /** The single-use token a link carries in its {@code token} parameter. */
    public static String tokenOf(String link) {
        Matcher matcher = LINK_TOKEN.matcher(link);
        if (!matcher.find()) {
            throw new AssertionError("No token in " + link);
        }
        return matcher.group(1);
    }

    /** The first https/http link whose text contains {@code fragment}. */
    public static String link(MimeMessage message, String fragment) {
        Matcher matcher = Pattern.compile("https?://[^\\s\"<>]+").matcher(text(message));
        while (matcher.find()) {
            String url = matcher.group().replace("&amp;", "&");
            if (url.contains(fragment)) {
                return url;
            }
        }
        throw new AssertionError("No link containing " + fragment + " in: " + text(message));
    }

    private static Optional<String> firstMatch(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text.replace("&amp;", "&"));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String nestedText(Multipart multipart) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            text.append(multipart.getBodyPart(i).getContent()).append('\n');
        }
        return text.toString();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
