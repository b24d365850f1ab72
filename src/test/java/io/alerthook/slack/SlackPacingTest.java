package io.alerthook.slack;

import io.alerthook.support.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Posts to one webhook a send-interval apart, counted from Slack's answer, or as long as a 429's Retry-After says. The
 * clock is stepped: waiting for a turn moves it on, and so does a slow answer.
 */
class SlackPacingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final SteppingClock clock = new SteppingClock();
    private final SlackPacing pacing = new SlackPacing(INTERVAL, clock, clock::advance);
    private final List<Instant> began = new ArrayList<>();
    private final List<Instant> answered = new ArrayList<>();

    @Test
    void theNextPostToAWebhookBeginsAnIntervalAfterSlackAnsweredTheLast() throws Exception {
        pacing.send("hook", () -> answerAfter(Duration.ofMillis(200)));
        pacing.send("hook", () -> answerAfter(Duration.ZERO));

        assertThat(Duration.between(answered.get(0), began.get(1))).isEqualTo(INTERVAL);
        assertThat(Duration.between(began.get(0), began.get(1))).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void aRateLimitHoldsTheWebhookAsLongAsSlackAsked() throws Exception {
        assertThatThrownBy(() -> pacing.send("hook", () -> {
            answerAfter(Duration.ZERO);
            throw new SlackDeliveryException("Slack answered 429", 429, Duration.ofSeconds(2));
        })).isInstanceOf(SlackDeliveryException.class);
        pacing.send("hook", () -> answerAfter(Duration.ZERO));

        assertThat(Duration.between(answered.get(0), began.get(1))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anotherWebhookHasATurnOfItsOwn() throws Exception {
        pacing.send("hook", () -> answerAfter(Duration.ZERO));
        pacing.send("other", () -> answerAfter(Duration.ZERO));
        pacing.send("hook", () -> answerAfter(Duration.ZERO));

        assertThat(began.get(1)).as("other did not wait for hook").isEqualTo(answered.get(0));
        assertThat(Duration.between(answered.get(0), began.get(2))).isEqualTo(INTERVAL);
    }

    /** Slack's answer, taking {@code time} on the stepped clock. */
    private void answerAfter(Duration time) {
        began.add(clock.instant());
        clock.advance(time);
        answered.add(clock.instant());
    }
}
