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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WaitingAlertsTest {

    @Test
    void refusesANotificationWhoseAlertsWouldWaitBeyondTheBoundAcrossPartitionsUntilDispatchTakesSomeOut() throws Exception {
        WaitingAlerts waiting = new WaitingAlerts(100, Duration.ZERO);
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

    @Test
    void withBlockWhenFullANotificationWaitsForRoomAndGoesInWhenDispatchMakesSome() throws Exception {
        WaitingAlerts waiting = new WaitingAlerts(10, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger dispatched = new AtomicInteger();
        try (CamelContext camel = dispatchHeldBy(waiting, release, dispatched)) {
            ProducerTemplate intake = camel.createProducerTemplate();
            intake.sendBody(WAITING_URI, notification(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.waiting() == 0);
            intake.sendBody(WAITING_URI, notification(10));

            CompletableFuture<Void> patient = new CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try {
                    intake.sendBody(WAITING_URI, notification(1));
                    patient.complete(null);
                } catch (RuntimeException refused) {
                    patient.completeExceptionally(refused);
                }
            });
            sender.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> patient.isDone() || sender.getState() == Thread.State.TIMED_WAITING);
            assertThat(patient).as("waits: dispatch holds 10 alerts, at most 10 may").isNotDone();

            release.countDown();
            patient.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatched.get() == 3);
        }
    }

    @Test
    void withBlockWhenFullANotificationIsRefusedWhenNoRoomComesWithinTheWaitNamingBothSettings() throws Exception {
        WaitingAlerts waiting = new WaitingAlerts(10, Duration.ofMillis(200));
        CountDownLatch release = new CountDownLatch(1);
        try (CamelContext camel = dispatchHeldBy(waiting, release, new AtomicInteger())) {
            ProducerTemplate intake = camel.createProducerTemplate();
            intake.sendBody(WAITING_URI, notification(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.waiting() == 0);
            intake.sendBody(WAITING_URI, notification(10));

            assertThatThrownBy(() -> intake.sendBody(WAITING_URI, notification(1)))
                    .isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessage("10 alerts wait to be dispatched, at most 10 may (alerthook.intake.max-waiting-alerts),"
                            + " and no room came within 200 ms (alerthook.intake.dispatch-wait)");
            assertThat(waiting.waiting()).as("the refused one is not counted").isEqualTo(10);
            release.countDown();
        }
    }

    /** As intake sends (intake.camel.yaml). */
    private static final String WAITING_URI = "seda:notifications-0?waitForTaskToComplete=Never&blockWhenFull=true";

    /** One dispatch partition, whose first notification holds it until {@code release}. */
    private static CamelContext dispatchHeldBy(WaitingAlerts waiting, CountDownLatch release, AtomicInteger dispatched) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("waitingAlerts", waiting);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:notifications-0?queueFactory=#waitingAlerts").process(exchange -> {
                    release.await(30, TimeUnit.SECONDS);
                    dispatched.incrementAndGet();
                });
            }
        });
        camel.start();
        return camel;
    }

    private static Notification notification(int alerts) {
        return Fixtures.firingSingle("{}:{alertname=\"Application down\"}", alerts);
    }
}
