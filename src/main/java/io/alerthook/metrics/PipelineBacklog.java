package io.alerthook.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaEndpoint;

import java.util.Map;

/**
 * How much accepted work a stage of the pipeline has not finished: what waits in the queue in front of its route plus
 * what the route is working on. Zero everywhere (with the Slack outboxes' depth) means alerthook has caught up; a
 * depth that keeps growing means it takes in more than it gets done.
 */
final class PipelineBacklog implements MeterBinder {

    /** The meter's name, by the route (in routes/) that consumes the stage's queue. */
    private static final Map<String, String> STAGES = Map.of(
            "alerthook.dispatch.queue.depth", "dispatch",
            "alerthook.heal.queue.depth", "heal");

    private final CamelContext camel;

    PipelineBacklog(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        STAGES.forEach((meter, routeId) -> Gauge.builder(meter, () -> depth(routeId))
                .description("Notifications (dispatch) or alerts (heal) accepted and not yet done with by the stage")
                .register(registry));
    }

    int depth(String routeId) {
        Route route = camel.getRoute(routeId);
        if (route == null || !(route.getEndpoint() instanceof SedaEndpoint queue)) {
            return 0;
        }
        return queue.getCurrentQueueSize() + camel.getInflightRepository().size(routeId);
    }
}
