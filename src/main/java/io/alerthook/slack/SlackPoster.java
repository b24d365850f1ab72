package io.alerthook.slack;

import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The route's step that posts one message, in its turn ({@link SlackPacing}): to its webhook, or, as a Slack app, in its
 * incident's thread ({@link SlackThreads}). When Slack answers 429 it tells Camel's redelivery how long Slack asked to
 * wait ({@code CamelRedeliveryDelay}, which Camel takes over its own backoff for that attempt).
 */
public final class SlackPoster {

    private final SlackClient client;
    private final SlackPacing pacing;
    private final SlackThreads threads;

    public SlackPoster(SlackClient client, SlackPacing pacing, SlackThreads threads) {
        this.client = client;
        this.pacing = pacing;
        this.threads = threads;
    }

    /** Returns the post as sent: a Slack app's, with the thread it left. */
    public SlackPost post(@Body SlackPost post, Exchange exchange) throws SlackDeliveryException, InterruptedException {
        exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        try {
            if (post.destination().isApp()) {
                return threads.send(post);
            }
            pacing.send(post.destination().senderId(), () -> {
                client.post(post.destination(), post.payload());
                return null;
            });
            return post;
        } catch (SlackDeliveryException e) {
            if (e.retryAfter() != null) {
                exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, e.retryAfter().toMillis());
            }
            throw e;
        }
    }
}
