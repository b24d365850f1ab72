package io.alerthook.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@code Retry-After} says, whichever destination (several may share a webhook) posts next, and whichever alerthook
 * sharing the store sends for the webhook next ({@link SharedTurns}).
 * <p>
 * Hand-written rather than Camel's throttle: that spaces when posts begin (its permit returns at acquisition), while
 * Slack counts arrivals, and a slow answer let two messages arrive 492 ms apart (bench, issue 8); nor does it know
 * of Retry-After.
 */
public final class SlackPacing {

    /** A post to Slack, with what Slack answered: its refusal is thrown. */
    @FunctionalInterface
    public interface Post<T> {
        T send() throws SlackDeliveryException;
    }

    /** How a turn is waited for: the thread sleeps (a test steps its clock instead). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Where a webhook's next turn is kept for whichever alerthook sends for it next (the store, when several share one
     * and the webhook's sender passes from one to another).
     */
    public interface SharedTurns {

        /** How long from now the webhook must not be posted to. */
        Duration wait(String webhookId);

        /** The webhook must not be posted to for {@code hold} from now. */
        void hold(String webhookId, Duration hold);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SlackPacing.class);

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SharedTurns shared;
    private final Map<String, Turn> webhooks = new ConcurrentHashMap<>();

    public SlackPacing(Duration interval, Clock clock, SharedTurns shared) {
        // rounded up to the next millisecond: Thread.sleep may otherwise wake a fraction early
        this(interval, clock, duration -> Thread.sleep(TimeUnit.NANOSECONDS.toMillis(duration.toNanos()) + 1), shared);
    }

    public SlackPacing(Duration interval, Clock clock, Sleeper sleeper, SharedTurns shared) {
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
        this.shared = shared;
    }

    /** Sends the post in its webhook's turn, waiting for it; returns what Slack answered. */
    public <T> T send(String webhookId, Post<T> post) throws SlackDeliveryException, InterruptedException {
        Turn turn = webhooks.computeIfAbsent(webhookId, id -> new Turn());
        turn.lock.lockInterruptibly();
        try {
            Instant sharedTurn = clock.instant().plus(shared.wait(webhookId));
            if (sharedTurn.isAfter(turn.next)) {
                turn.next = sharedTurn;
            }
            for (Duration wait; (wait = Duration.between(clock.instant(), turn.next)).compareTo(Duration.ZERO) > 0; ) {
                sleeper.sleep(wait);
            }
            try {
                T answer = post.send();
                hold(webhookId, turn, interval);
                return answer;
            } catch (SlackDeliveryException refused) {
                hold(webhookId, turn, refused.retryAfter() != null && refused.retryAfter().compareTo(interval) > 0 ? refused.retryAfter() : interval);
                throw refused;
            }
        } finally {
            turn.lock.unlock();
        }
    }

    private void hold(String webhookId, Turn turn, Duration hold) {
        turn.next = clock.instant().plus(hold);
        try {
            shared.hold(webhookId, hold);
        } catch (RuntimeException e) {
            // the post is over, whatever Slack said: failing it here would send it again
            LOG.warn("The next turn of a Slack webhook could not be shared with the other alerthooks: {}", e.getMessage());
        }
    }

    private static final class Turn {
        private final ReentrantLock lock = new ReentrantLock();
        private Instant next = Instant.EPOCH;
    }
}
