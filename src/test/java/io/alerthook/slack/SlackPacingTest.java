package io.alerthook.slack;

import io.alerthook.support.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Posts to one webhook a send-interval apart, counted from Slack's answer, or as long as a 429's Retry-After says, also
 * when another alerthook sharing the store sends for the webhook next. The
 * clock is stepped: waiting for a turn moves it on, and so does a slow answer.
 */
class SlackPacingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final SteppingClock clock = new SteppingClock();
    private final KeptTurns store = new KeptTurns();
    private final SlackPacing pacing = new SlackPacing(INTERVAL, clock, clock::advance, store);
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

    @Test
    void aRateLimitHoldsTheAlerthookThatSendsForTheWebhookNext() throws Exception {
        assertThatThrownBy(() -> pacing.send("hook", () -> {
            answerAfter(Duration.ZERO);
            throw new SlackDeliveryException("Slack answered 429", 429, Duration.ofSeconds(30));
        })).isInstanceOf(SlackDeliveryException.class);
        SlackPacing takingOver = new SlackPacing(INTERVAL, clock, clock::advance, store);

        takingOver.send("hook", () -> answerAfter(Duration.ZERO));

        assertThat(Duration.between(answered.get(0), began.get(1))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theAlerthookThatSendsForTheWebhookNextKeepsItsPace() throws Exception {
        pacing.send("hook", () -> answerAfter(Duration.ZERO));
        SlackPacing takingOver = new SlackPacing(INTERVAL, clock, clock::advance, store);

        takingOver.send("hook", () -> answerAfter(Duration.ZERO));

        assertThat(Duration.between(answered.get(0), began.get(1))).isEqualTo(INTERVAL);
    }

    @Test
    void aPostThatWentOutIsNotFailedWhenItsTurnCannotBeShared() throws Exception {
        SlackPacing storeLost = new SlackPacing(INTERVAL, clock, clock::advance, new SlackPacing.SharedTurns() {
            @Override
            public Duration wait(String webhookId) {
                return Duration.ZERO;
            }

            @Override
            public void hold(String webhookId, Duration hold) {
                throw new IllegalStateException("the store is away");
            }
        });

        storeLost.send("hook", () -> answerAfter(Duration.ZERO));
        storeLost.send("hook", () -> answerAfter(Duration.ZERO));

        assertThat(Duration.between(answered.get(0), began.get(1))).as("still paced here").isEqualTo(INTERVAL);
    }

    /** The turns the store keeps for every alerthook, on the stepped clock. */
    private final class KeptTurns implements SlackPacing.SharedTurns {

        private final Map<String, Instant> notBefore = new HashMap<>();

        @Override
        public Duration wait(String webhookId) {
            Instant next = notBefore.getOrDefault(webhookId, Instant.EPOCH);
            return next.isAfter(clock.instant()) ? Duration.between(clock.instant(), next) : Duration.ZERO;
        }

        @Override
        public void hold(String webhookId, Duration hold) {
            notBefore.put(webhookId, clock.instant().plus(hold));
        }
    }

    /** Slack's answer, taking {@code time} on the stepped clock. */
    /** Slack's answer: when it came. */
    private Instant answerAfter(Duration time) {
        began.add(clock.instant());
        clock.advance(time);
        answered.add(clock.instant());
        return clock.instant();
    }
}
