package io.alerthook.metrics;

import io.alerthook.audit.AuditLog;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Readiness needs a writable audit: without it every notification would be answered 503, so a load balancer should
 * send Alertmanager elsewhere.
 */
public final class AuditHealthIndicator implements HealthIndicator {

    private final AuditLog audit;

    public AuditHealthIndicator(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public Health health() {
        return audit.problem()
                .map(problem -> Health.down().withDetail("file", audit.file().toString()).withDetail("error", problem).build())
                .orElseGet(() -> Health.up().withDetail("file", audit.file().toString()).build());
    }
}
