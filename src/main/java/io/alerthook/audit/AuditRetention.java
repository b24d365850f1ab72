package io.alerthook.audit;

import io.alerthook.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/** Forgets what the store holds beyond {@code alerthook.audit.retention}; run on a timer by routes/audit.camel.yaml. */
public final class AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final Store store;
    private final Duration retention;
    private final Clock clock;

    public AuditRetention(Store store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    public long apply() {
        long forgotten = store.forgetBefore(clock.instant().minus(retention));
        if (forgotten > 0) {
            LOG.info("Retention: forgot {} older than {} in {}", forgotten, retention, store.location());
        }
        return forgotten;
    }
}
