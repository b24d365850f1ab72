package io.alerthook.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineBacklogTest {

    @Test
    void countsWhatWaitsInTheQueueAndWhatTheRouteIsWorkingOnUntilTheStageHasCaughtUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seda:heal").routeId("heal").process(exchange -> release.await(30, TimeUnit.SECONDS));
                    // two dispatch partitions, one busy
                    from("seda:notifications-0").routeId("dispatch-0").routeGroup("dispatch")
                            .process(exchange -> release.await(30, TimeUnit.SECONDS));
                    from("seda:notifications-1").routeId("dispatch-1").routeGroup("dispatch").log("dispatched");
                }
            });
            camel.start();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new PipelineBacklog(camel).bindTo(registry);

            for (int alert = 0; alert < 3; alert++) {
                camel.createProducerTemplate().sendBody("seda:heal?waitForTaskToComplete=Never", "alert " + alert);
                camel.createProducerTemplate().sendBody("seda:notifications-" + alert % 2 + "?waitForTaskToComplete=Never", "notification " + alert);
            }
            // one being worked on, two waiting
            await().atMost(Duration.ofSeconds(10)).until(() -> depth(registry, "heal") == 3);
            // partition 0: one being worked on, one waiting; partition 1 done with its one
            await().atMost(Duration.ofSeconds(10)).until(() -> depth(registry, "dispatch") == 2);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> depth(registry, "heal") + depth(registry, "dispatch") == 0);
        }
    }

    private static double depth(SimpleMeterRegistry registry, String stage) {
        return registry.get("alerthook." + stage + ".queue.depth").gauge().value();
    }
}
