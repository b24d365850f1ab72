package io.alerthook.slack;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Posts to one webhook a send-interval apart, counted from Slack's answer, or as long as a 429's Retry-After says. */
class SlackPacingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final SlackPacing pacing = new SlackPacing(INTERVAL, Clock.systemUTC());
    private final List<Instant> began = new ArrayList<>();
    private final List<Instant> answered = new ArrayList<>();

    @Test
    void theNextPostToAWebhookBeginsAnIntervalAfterSlackAnsweredTheLast() throws Exception {
        pacing.send("hook", () -> slowly(Duration.ofMillis(200)));
        pacing.send("hook", () -> slowly(Duration.ZERO));

        assertThat(Duration.between(answered.get(0), began.get(1))).isGreaterThanOrEqualTo(INTERVAL);
    }

    @Test
    void aRateLimitHoldsTheWebhookAsLongAsSlackAsked() throws Exception {
        assertThatThrownBy(() -> pacing.send("hook", () -> {
            slowly(Duration.ZERO);
            throw new SlackDeliveryException("Slack answered 429", 429, Duration.ofSeconds(2));
        })).isInstanceOf(SlackDeliveryException.class);
        pacing.send("hook", () -> slowly(Duration.ZERO));

        assertThat(Duration.between(answered.get(0), began.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anotherWebhookHasATurnOfItsOwn() throws Exception {
        pacing.send("hook", () -> slowly(Duration.ZERO));
        pacing.send("other", () -> slowly(Duration.ZERO));
        pacing.send("hook", () -> slowly(Duration.ZERO));

        // the third waited for "hook"'s interval from the first, not for "other"'s from the second
        assertThat(Duration.between(answered.get(0), began.get(2))).isGreaterThanOrEqualTo(INTERVAL);
        assertThat(began.get(1)).isBefore(answered.get(0).plus(INTERVAL));
    }

    /** A stand-in for Slack's answer, taking {@code time}: it plays a slow Slack, nothing waits on it. */
    private void slowly(Duration time) {
        began.add(Instant.now());
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answered.add(Instant.now());
    }
}
