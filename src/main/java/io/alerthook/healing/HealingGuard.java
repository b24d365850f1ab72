package io.alerthook.healing;

import io.alerthook.audit.AuditEvent;
import io.alerthook.store.GuardState;
import io.alerthook.store.Guards;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one guard every playbook passes, keyed by playbook and alert fingerprint: a playbook runs at most once
 * at a time for an alert, not again within its cooldown, and not at all once it has failed its attempts
 * within their window; and at most {@code concurrency} of its runs go on at once, the others waiting their turn. It is the idempotent repository of the playbook template's {@code idempotentConsumer}:
 * Camel calls {@link #add} before a run and {@link #confirm} or {@link #remove} when it ends, on every path.
 * <p>
 * What it knows (running, cooldowns, failed attempts) is kept by the store ({@link Guards#changeGuard}), so it survives
 * a routes reload and a restart; the rule that decides from it is each playbook's {@link GuardPolicy}, registered when
 * its route is (re)built, and it decides at the store's time (with PostgreSQL the database's, the same for every
 * replica). Only the handle that kills a command is here: it belongs to the process that runs it.
 */
public final class HealingGuard extends ServiceSupport implements IdempotentRepository {

    /** How often a run waiting for its turn asks again: short beside a heal command, long beside a store's answer. */
    private static final Duration TURN_POLL = Duration.ofMillis(100);

    private final Guards store;
    private final Map<String, GuardPolicy> policies = new ConcurrentHashMap<>();
    /** The runs going on in this alerthook, by key. */
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();

    public HealingGuard(Guards store) {
        this.store = store;
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

    /**
     * Admits a run, or says why not; a run the guard admits waits its turn while the playbook's concurrency is taken.
     * Not Camel's throttle: that counts the runs of one process, and the limit is for every alerthook together.
     */
    Admission admit(String key) {
        String playbook = playbook(key);
        GuardPolicy policy = policy(playbook);
        for (Guards.GuardChange admission; ; ) {
            admission = store.startRun(playbook, fingerprint(key), policy.concurrency(), policy::admitted);
            String refusal = policy.refusal(admission.before(), admission.at());
            if (refusal != null) {
                return Admission.skipped(refusal);
            }
            if (!admission.busy()) {
                break;
            }
            try {
                // polled: the run that frees a place may end in another alerthook, which cannot signal this one
                Thread.sleep(TURN_POLL.toMillis());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return Admission.skipped("alerthook stopped while the run waited for its turn (concurrency " + policy.concurrency() + ")");
            }
        }
        Cancellation cancellation = new Cancellation();
        running.put(key, cancellation);
        return new Admission(cancellation, null);
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

    private boolean ended(String key) {
        if (running.remove(key) == null) {
            return false;
        }
        store.changeGuard(playbook(key), fingerprint(key), GuardState::ended);
        return true;
    }

    /**
     * Counts a finished run's outcome: a success clears the failures, a failure adds one. Returns the number
     * of attempts when this failure is the one that uses the last of them, so the caller escalates once.
     */
    public Integer settle(@ExchangeProperty(HealExchange.PLAYBOOK) String playbook,
                          @ExchangeProperty(HealExchange.OUTCOME) AuditEvent ended) {
        GuardPolicy policy = policy(playbook);
        Guards.GuardChange settled = store.changeGuard(playbook, ended.fingerprint(), (state, now) -> policy.settled(state, ended.outcome(), now));
        return policy.usedTheLastAttempt(policy.settled(settled.before(), ended.outcome(), settled.at()), ended.outcome()) ? policy.attempts() : null;
    }

    /**
     * Kills the playbook's command for the alert, if one is running; its run then ends as "cancelled". A run on another
     * alerthook sharing the store is asked to cancel, which it does at its next heartbeat (recovery/ReplicaHeartbeat).
     */
    public boolean cancel(String playbook, String fingerprint) {
        return cancelHere(playbook, fingerprint) || store.requestCancel(playbook, fingerprint);
    }

    /** Kills the playbook's command for the alert if this alerthook runs it. */
    public boolean cancelHere(String playbook, String fingerprint) {
        Cancellation cancellation = running.get(key(playbook, fingerprint));
        if (cancellation == null) {
            return false;
        }
        cancellation.cancel();
        return true;
    }

    @Override
    public boolean contains(String key) {
        return running.containsKey(key);
    }

    /** Forgets the runs going on here, not what the store keeps. */
    @Override
    public void clear() {
        running.clear();
    }

    private static String playbook(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static String fingerprint(String key) {
        return key.substring(key.indexOf('/') + 1);
    }

    private GuardPolicy policy(String playbook) {
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
}
