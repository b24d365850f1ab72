package io.alerthook.slack;

import java.time.Duration;

/** Slack did not take a message: its status (see {@link SlackRetryPolicy#isRetriable}). The message never holds the webhook URL. */
public class SlackDeliveryException extends Exception {

    private final int status;
    private final Duration retryAfter;

    public SlackDeliveryException(String message, int status, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status Slack answered, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** How long Slack asked to wait (429 Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
