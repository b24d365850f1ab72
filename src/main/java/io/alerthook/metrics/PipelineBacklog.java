package io.alerthook.metrics;

import io.alerthook.intake.DispatchPartitions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaEndpoint;

import java.util.Map;
import java.util.function.Predicate;

/**
 * How much accepted work a stage of the pipeline has not finished: what waits in the queues in front of its routes
 * plus what the routes are working on. Zero everywhere (with the Slack outboxes' depth) means alerthook has caught up;
 * a depth that keeps growing means it takes in more than it gets done.
 */
final class PipelineBacklog implements MeterBinder {

    /** The meter's name, by the routes (in routes/) that consume the stage's queues. */
    private static final Map<String, Predicate<Route>> STAGES = Map.of(
            "alerthook.dispatch.queue.depth", route -> DispatchPartitions.GROUP.equals(route.getGroup()),
            "alerthook.heal.queue.depth", route -> "heal".equals(route.getRouteId()));

    private final CamelContext camel;

    PipelineBacklog(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        STAGES.forEach((meter, stage) -> Gauge.builder(meter, () -> depth(stage))
                .description("Notifications (dispatch) or alerts (heal) accepted and not yet done with by the stage")
                .register(registry));
    }

    private int depth(Predicate<Route> stage) {
        return camel.getRoutes().stream().filter(stage)
                .filter(route -> route.getEndpoint() instanceof SedaEndpoint)
                .mapToInt(route -> ((SedaEndpoint) route.getEndpoint()).getCurrentQueueSize()
                        + camel.getInflightRepository().size(route.getRouteId()))
                .sum();
    }
}
