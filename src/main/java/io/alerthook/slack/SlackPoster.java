package io.alerthook.slack;

import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The route's step that posts one message, in its webhook's turn ({@link SlackPacing}). When Slack answers 429 it
 * tells Camel's redelivery how long Slack asked to wait ({@code CamelRedeliveryDelay}, which Camel takes over its own
 * backoff for that attempt).
 */
public final class SlackPoster {

    private final SlackClient client;
    private final SlackPacing pacing;

    public SlackPoster(SlackClient client, SlackPacing pacing) {
        this.client = client;
        this.pacing = pacing;
    }

    public void post(@Body SlackPost post, Exchange exchange) throws SlackDeliveryException, InterruptedException {
        exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        try {
            pacing.send(post.destination().webhookId(), () -> client.post(post.destination(), post.payload()));
        } catch (SlackDeliveryException e) {
            if (e.retryAfter() != null) {
                exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, e.retryAfter().toMillis());
            }
            throw e;
        }
    }
}
