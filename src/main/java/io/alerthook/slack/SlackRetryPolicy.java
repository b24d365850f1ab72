package io.alerthook.slack;

import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.Duration;

/**
 * The one place that decides whether a failed post is tried again (Camel's {@code retryWhile}; the backoff between
 * tries is Camel's redelivery, with a 429's {@code Retry-After} taking over, see {@link SlackPoster}). A post is tried
 * again while Slack might take it (429, 5xx, no answer), while it is younger than {@code alerthook.slack.max-age}, and
 * while no newer message of its group waits behind it (then it is coalesced). A refusal no retry can fix (another
 * 4xx) and a message past its age go to the dead letters.
 */
public final class SlackRetryPolicy {

    private final Duration maxAge;
    private final SlackOutboxes outboxes;
    private final Clock clock;

    public SlackRetryPolicy(Duration maxAge, SlackOutboxes outboxes, Clock clock) {
        this.maxAge = maxAge;
        this.outboxes = outboxes;
        this.clock = clock;
    }

    /** Whether Slack's answer (0: no answer) may change if the same post is tried again. */
    public static boolean isRetriable(int status) {
        return status == 0 || status == 429 || status >= 500;
    }

    public boolean shouldRetry(Exchange exchange) {
        Exception error = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SlackPost post = exchange.getIn().getBody(SlackPost.class);
        return error instanceof SlackDeliveryException failure && isRetriable(failure.status())
                && !post.isOlderThan(maxAge, clock.instant()) && !outboxes.isSuperseded(post);
    }
}
