package io.alerthook.metrics;

import io.alerthook.store.Store;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Readiness needs a store that records: without it every notification would be answered 503, so a load balancer
 * should send Alertmanager elsewhere.
 */
public final class AuditHealthIndicator implements HealthIndicator {

    private final Store store;

    public AuditHealthIndicator(Store store) {
        this.store = store;
    }

    @Override
    public Health health() {
        return store.problem()
                .map(problem -> Health.down().withDetail("store", store.location()).withDetail("error", problem).build())
                .orElseGet(() -> Health.up().withDetail("store", store.location()).build());
    }
}
