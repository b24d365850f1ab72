package io.alerthook.intake;

import io.alerthook.alert.Notification;
import io.alerthook.support.Fixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WaitingAlertsTest {

    @Test
    void refusesANotificationWhoseAlertsWouldWaitBeyondTheBoundAcrossPartitionsUntilDispatchTakesSomeOut() throws Exception {
        WaitingAlerts waiting = new WaitingAlerts(100);
        CountDownLatch release = new CountDownLatch(1);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("waitingAlerts", waiting);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int partition = 0; partition < 2; partition++) {
                        from("seda:notifications-" + partition + "?queueFactory=#waitingAlerts")
                                .process(exchange -> release.await(30, TimeUnit.SECONDS));
                    }
                }
            });
            camel.start();
            ProducerTemplate intake = camel.createProducerTemplate();

            // each partition takes one notification in hand (no longer waiting), then 40 + 40 + 20 alerts wait
            for (String uri : new String[] {"seda:notifications-0", "seda:notifications-1"}) {
                intake.sendBody(uri + "?waitForTaskToComplete=Never", notification(50));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.waiting() == 0);
            intake.sendBody("seda:notifications-0?waitForTaskToComplete=Never", notification(40));
            intake.sendBody("seda:notifications-1?waitForTaskToComplete=Never", notification(40));
            intake.sendBody("seda:notifications-0?waitForTaskToComplete=Never", notification(20));
            assertThat(waiting.waiting()).isEqualTo(100);

            assertThatThrownBy(() -> intake.sendBody("seda:notifications-1?waitForTaskToComplete=Never", notification(1)))
                    .isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessage("100 alerts wait to be dispatched, at most 100 may (alerthook.intake.max-waiting-alerts)");
            assertThat(waiting.waiting()).as("the refused one is not counted").isEqualTo(100);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.waiting() == 0);
            intake.sendBody("seda:notifications-1?waitForTaskToComplete=Never", notification(100));
        }
    }

    private static Notification notification(int alerts) {
        return Fixtures.firingSingle("{}:{alertname=\"Application down\"}", alerts);
    }
}
