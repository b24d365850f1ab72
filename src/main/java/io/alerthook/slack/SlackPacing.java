package io.alerthook.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place that paces posts to Slack: per webhook, one post at a time, and the next no sooner than
 * {@code alerthook.slack.send-interval} after Slack answered the one before, or as long after as a 429's
 * {@code Retry-After} says, whichever destination (several may share a webhook) posts next.
 * <p>
 * Hand-written rather than Camel's throttle: that spaces when posts begin (its permit returns at acquisition), while
 * Slack counts arrivals, and a slow answer let two messages arrive 492 ms apart (bench, issue 8); nor does it know
 * of Retry-After.
 */
public final class SlackPacing {

    /** A post to Slack: Slack's refusal is thrown. */
    @FunctionalInterface
    public interface Post {
        void send() throws SlackDeliveryException;
    }

    /** How a turn is waited for: the thread sleeps (a test steps its clock instead). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Turn> webhooks = new ConcurrentHashMap<>();

    public SlackPacing(Duration interval, Clock clock) {
        // rounded up to the next millisecond: Thread.sleep may otherwise wake a fraction early
        this(interval, clock, duration -> Thread.sleep(TimeUnit.NANOSECONDS.toMillis(duration.toNanos()) + 1));
    }

    public SlackPacing(Duration interval, Clock clock, Sleeper sleeper) {
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Sends the post in its webhook's turn, waiting for it. */
    public void send(String webhookId, Post post) throws SlackDeliveryException, InterruptedException {
        Turn turn = webhooks.computeIfAbsent(webhookId, id -> new Turn());
        turn.lock.lockInterruptibly();
        try {
            for (Duration wait; (wait = Duration.between(clock.instant(), turn.next)).compareTo(Duration.ZERO) > 0; ) {
                sleeper.sleep(wait);
            }
            try {
                post.send();
                turn.next = clock.instant().plus(interval);
            } catch (SlackDeliveryException refused) {
                Instant answered = clock.instant();
                Duration hold = refused.retryAfter() != null && refused.retryAfter().compareTo(interval) > 0 ? refused.retryAfter() : interval;
                turn.next = answered.plus(hold);
                throw refused;
            }
        } finally {
            turn.lock.unlock();
        }
    }

    private static final class Turn {
        private final ReentrantLock lock = new ReentrantLock();
        private Instant next = Instant.EPOCH;
    }
}
