package io.alerthook.slack;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.apache.camel.support.EventNotifierSupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox of every Slack destination with a webhook. Camel makes one route per destination from the
 * {@code slack-outbox} template in routes/slack.camel.yaml, so a slow or failing destination holds up only its own
 * messages. When alerthook stops, the messages still waiting are recorded as undelivered at once rather than lost
 * with the in-memory queue; the one being sent gets until Camel's shutdown timeout.
 */
public final class SlackOutboxes extends EventNotifierSupport implements RouteTemplateParameterSource, CamelContextAware {

    static final String TEMPLATE = "slack-outbox";

    private final Map<String, SlackDestination> byRouteId = new LinkedHashMap<>();
    private final SlackAudit audit;
    private CamelContext camelContext;

    public SlackOutboxes(SlackDestinations destinations, SlackAudit audit) {
        this.audit = audit;
        destinations.all().stream().filter(SlackDestination::isConfigured)
                .forEach(destination -> byRouteId.put(TEMPLATE + "-" + destination.name(), destination));
    }

    @Override
    public Set<String> routeIds() {
        return new LinkedHashSet<>(byRouteId.keySet());
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return Map.of(TEMPLATE_ID, TEMPLATE, "destination", byRouteId.get(routeId).name());
    }

    /** The destinations with an outbox. */
    public List<String> destinations() {
        return byRouteId.values().stream().map(SlackDestination::name).toList();
    }

    /** Messages waiting in a destination's outbox. */
    public int waiting(String destination) {
        return outboxes().stream().filter(outbox -> outbox.getEndpointKey().startsWith("seda://" + TEMPLATE + "-" + destination + "?")
                || outbox.getEndpointKey().equals("seda://" + TEMPLATE + "-" + destination)).mapToInt(SedaEndpoint::getCurrentQueueSize).sum();
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        for (SedaEndpoint outbox : outboxes()) {
            List<Exchange> waiting = new ArrayList<>();
            outbox.getQueue().drainTo(waiting);
            waiting.forEach(exchange -> audit.undelivered(exchange.getIn().getBody(SlackPost.class)));
        }
    }

    private List<SedaEndpoint> outboxes() {
        return camelContext.getEndpoints().stream()
                .filter(endpoint -> endpoint instanceof SedaEndpoint seda && seda.getEndpointKey().startsWith("seda://" + TEMPLATE + "-"))
                .map(SedaEndpoint.class::cast).toList();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
