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
                }
            });
            camel.start();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new PipelineBacklog(camel).bindTo(registry);

            for (int alert = 0; alert < 3; alert++) {
                camel.createProducerTemplate().sendBody("seda:heal?waitForTaskToComplete=Never", "alert " + alert);
            }
            // one being worked on, two waiting
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("alerthook.heal.queue.depth").gauge().value() == 3);
            assertThat(registry.get("alerthook.dispatch.queue.depth").gauge().value()).as("no dispatch route here").isZero();

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("alerthook.heal.queue.depth").gauge().value() == 0);
        }
    }
}
