package io.alerthook.slack;

/** The Slack incoming-webhook URL: a credential, never printed. */
public final class SlackWebhook {

    private final String url;

    public SlackWebhook(String url) {
        this.url = url == null ? "" : url.trim();
    }

    public boolean isConfigured() {
        return !url.isEmpty();
    }

    /** The message with the URL, if it holds it, replaced by a placeholder. */
    public String redact(String message) {
        return isConfigured() && message != null ? message.replace(url, "<slack webhook url>") : message;
    }

    @Override
    public String toString() {
        return isConfigured() ? "SlackWebhook[configured]" : "SlackWebhook[not configured]";
    }
}
