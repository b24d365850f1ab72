package io.alerthook.slack;

import com.slack.api.model.Message;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Posts a message through camel-slack and turns a failed post into an exception the route's error
 * handler sees. camel-slack 4.17 records a non-2xx answer only after it has completed the exchange
 * (CAMEL-23627, fixed in Camel 4.18), so a plain {@code to: slack:...} step would let the failure slip past
 * redelivery and the audit would say "sent". Once on a fixed Camel, the route can go back to {@code to}.
 */
public final class SlackPoster {

    /** The webhook URL comes from the component (camel.component.slack.webhook-url), never from this URI. */
    private static final String ENDPOINT = "slack:alerthook";

    private final ProducerTemplate template;

    public SlackPoster(ProducerTemplate template) {
        this.template = template;
    }

    public void post(SlackPost post) throws Exception {
        Message message = new Message();
        message.setText(post.text());
        Exchange result = template.send(ENDPOINT, exchange -> exchange.getIn().setBody(message));
        if (result.getException() != null) {
            throw result.getException();
        }
    }
}
