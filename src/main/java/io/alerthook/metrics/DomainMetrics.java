package io.alerthook.metrics;

import io.alerthook.alert.AlertGroup;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Outcome;
import io.alerthook.slack.SlackPost;
import io.alerthook.store.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * alerthook's domain meters, counted from the audit records as they reach the disk: the audit is the one account of
 * what happened, and the meters cannot tell a different story. Labels are only low-cardinality values (receiver,
 * status, severity, destination, playbook, outcome), never a fingerprint or an instance.
 */
public final class DomainMetrics implements AuditLog.Observer {

    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final Timer auditWrites;
    private final Counter auditWriteErrors;

    public DomainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.auditWrites = Timer.builder("alerthook.audit.write")
                .description("Time from handing audit records over to their being forced to disk (group commit)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        this.auditWriteErrors = Counter.builder("alerthook.audit.write.errors")
                .description("Audit appends that failed; a failed \"received\" is answered 503")
                .register(registry);
    }

    /**
     * Counts what this alerthook took over from another that was no longer heard of ({@code of}: {@code slack}, a
     * webhook's sending; {@code heal}, the heal runs it had started). At zero from the start, so the first counts.
     */
    public Counter takeovers(String of) {
        return Counter.builder("alerthook.replica.takeovers").description("What this alerthook took over from another no longer heard of")
                .tag("of", of).register(registry);
    }

    /**
     * Registers a destination's delivered and failed counters at zero, so that Prometheus sees their first increase
     * (a series that appears at 1 has no increase, and an alert rule on it would miss the first failure).
     */
    public void expectSlackDestination(String destination) {
        for (SlackPost.Kind message : SlackPost.Kind.values()) {
            for (Outcome outcome : List.of(Outcome.SENT, Outcome.FAILED)) {
                registry.counter("alerthook.slack.messages", "destination", destination, "message", message.wire(), "outcome", outcome.wire());
            }
        }
    }

    @Override
    public void recorded(List<AuditEvent> records, long nanos) {
        auditWrites.record(nanos, TimeUnit.NANOSECONDS);
        // One append is one notification's received records, or one Slack message's records: count those once.
        Set<List<String>> counted = new LinkedHashSet<>();
        for (AuditEvent record : records) {
            count(record, counted);
        }
    }

    @Override
    public void failed(RuntimeException error) {
        auditWriteErrors.increment();
    }

    private void count(AuditEvent event, Set<List<String>> counted) {
        String outcome = event.outcome() == null ? NONE : event.outcome().wire();
        switch (event.event()) {
            case RECEIVED -> {
                if (event.details().get("group") instanceof AlertGroup group && counted.add(List.of("notification"))) {
                    registry.counter("alerthook.notifications.received", "receiver", valueOr(group.receiver()), "status", valueOr(group.status())).increment();
                }
                if (event.outcome() == Outcome.DUPLICATE) {
                    if (counted.add(List.of("duplicate"))) {
                        registry.counter("alerthook.notifications.duplicate").increment();
                    }
                } else {
                    registry.counter("alerthook.alerts.received", "status", valueOr(event.status()), "severity", valueOr(event.severity())).increment();
                }
            }
            case FILTERED -> registry.counter("alerthook.alerts.filtered", "destination", valueOr(detail(event, "destination"))).increment();
            case SLACK -> {
                List<String> message = List.of("slack", valueOr(detail(event, "slackDestination")), valueOr(detail(event, "message")), outcome);
                if (counted.add(message)) {
                    registry.counter("alerthook.slack.messages", "destination", message.get(1), "message", message.get(2), "outcome", outcome).increment();
                }
            }
            case HEAL -> {
                if (event.outcome() != Outcome.STARTED) {
                    String playbook = valueOr(detail(event, "playbook"));
                    registry.counter("alerthook.heal.runs", "playbook", playbook, "outcome", outcome).increment();
                    if (event.details().get("durationMs") instanceof Number millis) {
                        Timer.builder("alerthook.heal.duration").description("How long heal commands ran")
                                .tag("playbook", playbook).register(registry).record(millis.longValue(), TimeUnit.MILLISECONDS);
                    }
                }
            }
            case RECOVERED -> registry.counter("alerthook.alerts.recovered", "outcome", outcome).increment();
            case SLACK_ACTION -> {
                if (counted.add(List.of("slack-action"))) {
                    registry.counter("alerthook.slack.actions", "action", valueOr(detail(event, "action")), "outcome", outcome).increment();
                }
            }
        }
    }

    private static String detail(AuditEvent event, String name) {
        Object value = event.details().get(name);
        return value == null ? null : value.toString();
    }

    private static String valueOr(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
