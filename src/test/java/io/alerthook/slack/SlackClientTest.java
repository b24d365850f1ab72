package io.alerthook.slack;

import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SlackClientTest {

    private static final SlackStub SLACK = new SlackStub();
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final SlackClient client = new SlackClient(SlackSdk.connect("http://127.0.0.1:9/api/", Duration.ofSeconds(2)), Clock.systemUTC());
    private final SlackDestination destination = new SlackDestination("default", List.of(), SLACK.webhookUrl(), "");

    @AfterAll
    static void stopSlack() {
        SLACK.close();
    }

    @Test
    void postsTheJsonPayload() throws SlackDeliveryException {
        client.post(destination, "{\"text\":\"client-ok\"}");

        assertThat(SLACK.deliveredWith("client-ok")).singleElement()
                .satisfies(message -> assertThat(message.payload().get("text").asText()).isEqualTo("client-ok"));
    }

    @Test
    void tellsHowLongA429AskedToWait() {
        SLACK.answerNext("client-429", Answer.rateLimited("7"));

        SlackDeliveryException failure = catchThrowableOfType(SlackDeliveryException.class,
                () -> client.post(destination, "{\"text\":\"client-429\"}"));

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(SlackRetryPolicy.isRetriable(failure.status())).isTrue();
        assertThat(failure).hasMessage("Slack answered 429 (rate_limited), retry after 7000 ms");
    }

    @Test
    void tellsARefusalForGoodFromAFailureThatMayPass() {
        SLACK.answerNext("client-4xx", Answer.status(404), Answer.status(503));

        SlackDeliveryException gone = catchThrowableOfType(SlackDeliveryException.class,
                () -> client.post(destination, "{\"text\":\"client-4xx\"}"));
        SlackDeliveryException unavailable = catchThrowableOfType(SlackDeliveryException.class,
                () -> client.post(destination, "{\"text\":\"client-4xx\"}"));

        assertThat(SlackRetryPolicy.isRetriable(gone.status())).isFalse();
        assertThat(SlackRetryPolicy.isRetriable(unavailable.status())).isTrue();
        assertThat(unavailable.retryAfter()).isNull();
    }

    @Test
    void saysSlackCouldNotBeReachedWithoutSayingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SlackDestination unreachable = new SlackDestination("default", List.of(),
                "http://127.0.0.1:" + closedPort + SlackStub.SECRET_PATH, "");

        assertThatThrownBy(() -> client.post(unreachable, "{\"text\":\"x\"}"))
                .isInstanceOfSatisfying(SlackDeliveryException.class, failure -> {
                    assertThat(SlackRetryPolicy.isRetriable(failure.status())).isTrue();
                    assertThat(failure.status()).isZero();
                })
                .hasMessageStartingWith("could not reach Slack: ")
                .hasMessageNotContaining(SlackStub.SECRET_PATH)
                .hasNoCause();
    }

    @Test
    void readsRetryAfterAsSecondsOrADateAndCapsIt() {
        assertThat(SlackClient.retryAfter("30", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SlackClient.retryAfter("Sat, 21 Nov 2026 10:00:45 GMT", NOW)).isEqualTo(Duration.ofSeconds(45));
        assertThat(SlackClient.retryAfter("Sat, 21 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(SlackClient.retryAfter("86400", NOW)).isEqualTo(SlackClient.MAX_RETRY_AFTER);
        assertThat(SlackClient.retryAfter("soon", NOW)).isNull();
        assertThat(SlackClient.retryAfter(null, NOW)).isNull();
    }
}
