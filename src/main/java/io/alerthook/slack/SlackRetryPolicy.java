package io.alerthook.slack;

import org.apache.camel.Exchange;

/**
 * Camel's {@code retryWhile} for a failed post: try again while Slack might take it (429, 5xx, no answer) and
 * retries are left; a refusal no retry can fix (another 4xx, or a bug) goes straight to the dead letters.
 */
public final class SlackRetryPolicy {

    private final int maxRetries;

    public SlackRetryPolicy(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public boolean shouldRetry(Exchange exchange) {
        Exception error = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // Camel has already counted the retry it asks about.
        int retry = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        return error instanceof SlackDeliveryException failure && failure.isRetriable() && retry <= maxRetries;
    }
}
