package io.alerthook.slack;

import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The route's step that posts one message. When Slack answers 429 it tells Camel's redelivery how long Slack asked
 * to wait ({@code CamelRedeliveryDelay}, which Camel takes over its own backoff for that attempt).
 */
public final class SlackPoster {

    private final SlackClient client;

    public SlackPoster(SlackClient client) {
        this.client = client;
    }

    public void post(@Body SlackPost post, Exchange exchange) throws SlackDeliveryException {
        exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        try {
            client.post(post.destination(), post.payload());
        } catch (SlackDeliveryException e) {
            if (e.retryAfter() != null) {
                exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, e.retryAfter().toMillis());
            }
            throw e;
        }
    }
}
