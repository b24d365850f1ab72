package io.alerthook.healing;

import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.Store;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one guard every playbook passes, keyed by playbook and alert fingerprint: a playbook runs at most once
 * at a time for an alert, not again within its cooldown, and not at all once it has failed its attempts
 * within their window. It is the idempotent repository of the playbook template's {@code idempotentConsumer}:
 * Camel calls {@link #add} before a run and {@link #confirm} or {@link #remove} when it ends, on every path.
 * <p>
 * A Spring singleton, so what it knows (running, cooldowns, failed attempts) survives a routes reload; each
 * playbook registers its {@link GuardPolicy} when its route is (re)built. What it knew before a restart it takes
 * back from the store's heal records ({@link #restore}).
 */
public final class HealingGuard extends ServiceSupport implements IdempotentRepository {



    private final Clock clock;
    private final Map<String, GuardPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, Track> tracks = new HashMap<>();

    public HealingGuard(Clock clock) {
        this.clock = clock;
    }

    public void register(String playbook, GuardPolicy policy) {
        policies.put(playbook, policy);
    }

    /** The idempotent key of a playbook's run for an alert; playbook names cannot hold '/'. */
    public static String key(String playbook, String fingerprint) {
        return playbook + "/" + fingerprint;
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        Admission admission = admit(key);
        if (admission.cancellation() != null) {
            exchange.setProperty(HealExchange.CANCELLATION, admission.cancellation());
        } else {
            exchange.setProperty(HealExchange.SKIP_REASON, admission.skipReason());
        }
        return admission.cancellation() != null;
    }

    @Override
    public boolean add(String key) {
        return admit(key).cancellation() != null;
    }

    synchronized Admission admit(String key) {
        GuardPolicy policy = policy(key);
        Instant now = clock.instant();
        Track track = tracks.computeIfAbsent(key, k -> new Track());
        track.forgetFailuresBefore(now.minus(policy.attemptsWindow()));
        if (track.running != null) {
            return Admission.skipped("already running for this alert");
        }
        if (track.failures.size() >= policy.attempts()) {
            return Admission.skipped("gave up after " + policy.attempts() + " failed attempts within "
                    + GuardPolicy.brief(policy.attemptsWindow()) + ": a human is needed");
        }
        if (track.lastEnded != null && now.isBefore(track.lastEnded.plus(policy.cooldown()))) {
            return Admission.skipped("in cooldown until " + track.lastEnded.plus(policy.cooldown())
                    + " (cooldown " + GuardPolicy.brief(policy.cooldown()) + ")");
        }
        track.running = new Cancellation();
        return new Admission(track.running, null);
    }

    /** The run ended normally; its outcome is counted by {@link #settle}. */
    @Override
    public boolean confirm(String key) {
        return ended(key);
    }

    /** The run ended with an error; it ends all the same, and its cooldown starts. */
    @Override
    public boolean remove(String key) {
        return ended(key);
    }

    private synchronized boolean ended(String key) {
        Track track = tracks.get(key);
        if (track == null || track.running == null) {
            return false;
        }
        track.running = null;
        track.lastEnded = clock.instant();
        forgetIdleTracks();
        return true;
    }

    /**
     * Counts a finished run's outcome: a success clears the failures, a failure adds one. Returns the number
     * of attempts when this failure is the one that uses the last of them, so the caller escalates once.
     */
    public synchronized Integer settle(@ExchangeProperty(HealExchange.PLAYBOOK) String playbook,
                                       @ExchangeProperty(HealExchange.OUTCOME) AuditEvent ended) {
        Track track = tracks.get(key(playbook, ended.fingerprint()));
        if (track == null || !track.count(ended.outcome(), clock.instant())) {
            return null;
        }
        int attempts = policy(key(playbook, ended.fingerprint())).attempts();
        return track.failures.size() == attempts ? attempts : null;
    }

    /**
     * Takes back, at startup, what the guard knew before alerthook stopped, from the heal records in the store since
     * {@code since}: when each playbook's last run for an alert began and ended (its cooldown) and the failures since
     * its last success (its attempts, and whether it gave up). Nothing runs after a restart: a run that was cut off
     * counts as ended when it started.
     */
    public synchronized void restore(Store store, Instant since) {
        store.replay(since, record -> {
            Outcome outcome = Outcome.of(record.path("outcome").asText());
            if (Event.of(record.path("event").asText()) != Event.HEAL || !record.hasNonNull("playbook")
                    || outcome == null || !outcome.isHealRun()) {
                return;
            }
            Instant at = Instant.parse(record.path("time").asText());
            Track track = tracks.computeIfAbsent(key(record.get("playbook").asText(), record.path("fingerprint").asText()), k -> new Track());
            track.lastEnded = at;
            track.count(outcome, at);
        });
    }

    /** Kills the playbook's command for the alert, if one is running; its run then ends as "cancelled". */
    public synchronized boolean cancel(String playbook, String fingerprint) {
        Track track = tracks.get(key(playbook, fingerprint));
        if (track == null || track.running == null) {
            return false;
        }
        track.running.cancel();
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        Track track = tracks.get(key);
        return track != null && track.running != null;
    }

    @Override
    public synchronized void clear() {
        tracks.clear();
    }

    /**
     * Keeps memory bounded by what matters: tracks neither running, cooling down nor holding failures go, and so do
     * those of a playbook no longer there.
     */
    private void forgetIdleTracks() {
        Instant now = clock.instant();
        tracks.entrySet().removeIf(entry -> {
            Track track = entry.getValue();
            GuardPolicy policy = policies.get(playbook(entry.getKey()));
            if (policy == null) {
                return track.running == null;
            }
            track.forgetFailuresBefore(now.minus(policy.attemptsWindow()));
            return track.running == null && track.failures.isEmpty()
                    && (track.lastEnded == null || !now.isBefore(track.lastEnded.plus(policy.cooldown())));
        });
    }

    private static String playbook(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private GuardPolicy policy(String key) {
        String playbook = playbook(key);
        GuardPolicy policy = policies.get(playbook);
        if (policy == null) {
            throw new IllegalStateException("no guard policy registered for playbook \"" + playbook + "\"");
        }
        return policy;
    }

    record Admission(Cancellation cancellation, String skipReason) {
        static Admission skipped(String reason) {
            return new Admission(null, reason);
        }
    }

    private static final class Track {
        private Cancellation running;
        private Instant lastEnded;
        private final Deque<Instant> failures = new ArrayDeque<>();

        /** A success clears the failures, a failure adds one: true if it did. */
        boolean count(Outcome outcome, Instant at) {
            if (outcome == Outcome.SUCCEEDED) {
                failures.clear();
            }
            if (!outcome.isHealFailure()) {
                return false;
            }
            failures.addLast(at);
            return true;
        }

        void forgetFailuresBefore(Instant start) {
            while (!failures.isEmpty() && failures.peekFirst().isBefore(start)) {
                failures.removeFirst();
            }
        }
    }
}
